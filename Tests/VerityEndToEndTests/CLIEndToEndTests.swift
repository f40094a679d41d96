import Foundation
import Testing
import VerityCore
import VerityData
import VerityTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

private let fixtures = URL(filePath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appending(path: "VerityCoreTests/Fixtures")

private func url(_ settings: ConnectionSettings) -> String {
    "postgresql://\(settings.user)@\(settings.host):\(settings.port)/\(settings.database)?sslmode=disable"
}

private func get(_ url: String, token: String? = nil) async throws -> (Int, [String: Any]) {
    var request = URLRequest(url: URL(string: url)!)
    if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
    let (data, response) = try await URLSession.shared.data(for: request)
    let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    return ((response as! HTTPURLResponse).statusCode, object)
}

@Suite("End to end: the real verity binary", .serialized)
struct CLIEndToEndTests {
    @Test(
        "admin set-up, import the seed page, serve, read it back over HTTP, re-import is a duplicate, SIGTERM exits 0"
    )
    func importServeRead() async throws {
        try await TestDatabase.withFresh { settings in
            let db = ["--database", url(settings)]

            let user = try await runVerity(
                ["user", "create", "--username", "ana", "--password-stdin"] + db,
                stdin: "correct horse battery\n")
            #expect(user.status == 0, "\(user.stderr)")
            #expect(UUID(uuidString: user.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) != nil)
            let project = try await runVerity(
                ["project", "create", "--slug", "desk", "--name", "The Desk"] + db)
            #expect(project.status == 0, "\(project.stderr)")
            #expect(
                try await runVerity(
                    ["project", "add-member", "--project", "desk", "--username", "ana", "--role", "editor"]
                        + db
                ).status == 0)
            // libpq (and the twenty libraries it needs) is loaded when a command first reaches PostgreSQL,
            // and only then: see CLibPQLoader.
            var tracing = ChildProcess.environment()
            tracing["LD_DEBUG"] = "files"
            let migrate = try await runVerity(["migrate"] + db, environment: tracing)
            #expect(migrate.status == 0 && migrate.stderr.contains("file=libpq.so.5"), "\(migrate.stderr.suffix(3000))")
            let segment = try await runVerity(["segment", "-"], stdin: "One. Two.", environment: tracing)
            #expect(segment.stdout == "One.\nTwo.\n" && segment.stderr.contains("file=") && !segment.stderr.contains("libpq"))
            let tokenRun = try await runVerity(["token", "create", "--username", "ana"] + db)
            let token = tokenRun.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(tokenRun.status == 0 && token.hasPrefix("vrt_") && !token.contains("\n"))

            let seed = fixtures.appending(path: "seed-article.txt").path
            let first = try await runVerity(["import", "--project", "desk", "--json", seed] + db)
            #expect(first.status == 0, "\(first.stderr)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
            #expect(
                report["imported"] as? Int == 1 && report["duplicates"] as? Int == 0
                    && report["failed"] as? Int == 0)
            let articleId = try #require((report["articles"] as? [String])?.first)

            let again = try await runVerity(["import", "--project", "desk", "--json", seed] + db)
            let againReport = try #require(
                try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
            #expect(again.status == 0)
            #expect(againReport["imported"] as? Int == 0 && againReport["duplicates"] as? Int == 1)

            let server = try ChildProcess([ChildProcess.verityBinary, "serve", "--port", "0"] + db)
            let base = try await server.waitForOutput(#"listening on (http://\S+)"#)
            let (health, _) = try await get(base + "/healthz")
            #expect(health == 200)
            let (status, article) = try await get(base + "/v1/articles/\(articleId)", token: token)
            #expect(status == 200)
            #expect(article["section"] as? String == "European Union")
            let spans = try #require(article["spans"] as? [[String: Any]])
            #expect(spans.filter { $0["block"] as? String == "paragraph" }.count == 16)
            let (unauthorized, _) = try await get(base + "/v1/articles/\(articleId)")
            #expect(unauthorized == 401)
            server.signal(SIGTERM)
            #expect(try await server.wait() == 0)
            // The pool's background services start with it and no longer lease before it runs.
            #expect(!(server.stdout + server.stderr).contains("hasn't been called"), "\(server.stdout)\(server.stderr)")
        }
    }

    @Test("a .jsonl with one bad line imports nothing, names file and line, and exits non-zero")
    func badLine() async throws {
        try await TestDatabase.withFresh { settings in
            let db = ["--database", url(settings)]
            #expect(try await runVerity(["project", "create", "--slug", "desk"] + db).status == 0)
            let file = FileManager.default.temporaryDirectory.appending(
                path: "verity-bad-\(UUID().uuidString).jsonl")
            try """
            {"externalId":"1","title":"Fine","body":"A fine article."}
            {"externalId":"2","title":"Broken","body":

            {"externalId":"3","title":"Also fine","body":"Another one."}
            """.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let run = try await runVerity(["import", "--project", "desk", file.path] + db)
            #expect(run.status != 0)
            #expect(run.stderr.contains("\(file.path):2"), "\(run.stderr)")
            let count = try await onBlockingThread {
                try LibPQConnection(settings.conninfo).execute("SELECT count(*) FROM articles")
            }
            #expect(count.first?.first == "0")

            let skip = try await runVerity(
                ["import", "--project", "desk", "--skip-invalid", "--json", file.path] + db)
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(skip.stdout.utf8)) as? [String: Any])
            #expect(report["imported"] as? Int == 2 && report["failed"] as? Int == 1)
            #expect(skip.status != 0)
        }
    }

    @Test("ClaimReview feeds (lines, array, DataFeed) become reference fact-checks; bad reviews are FILE:LINE and nothing is written")
    func referenceFeeds() async throws {
        try await TestDatabase.withFresh { settings in
            let db = ["--database", url(settings)]
            #expect(try await runVerity(["project", "create", "--slug", "desk"] + db).status == 0)
            let feeds = fixtures.appending(path: "matching/feeds")
            let bad = try await runVerity(["import", "--project", "desk", feeds.appending(path: "bad.jsonl").path] + db)
            #expect(bad.status != 0)
            for line in [2, 4, 6] { #expect(bad.stderr.contains("bad.jsonl:\(line)") || bad.stderr.contains("line \(line)"), "\(bad.stderr)") }
            func count() async throws -> String? {
                try await onBlockingThread {
                    try LibPQConnection(settings.conninfo).execute("SELECT count(*) FROM reference_fact_checks").first?.first ?? nil
                }
            }
            #expect(try await count() == "0")
            let run = try await runVerity(
                ["import", "--project", "desk", "--json"]
                    + ["one-per-line.jsonl", "array.json", "datafeed.json"].map { feeds.appending(path: $0).path }
                    + db)
            #expect(run.status == 0, "\(run.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(report["references"] as? Int == 15 && report["imported"] as? Int == 0, "\(run.stdout)")
            #expect(try await count() == "15")
            // The same reviews again: updated in place, nothing added.
            let again = try await runVerity(["import", "--project", "desk", feeds.appending(path: "array.json").path] + db)
            #expect(
                again.status == 0 && again.stdout.contains("Stored 0 reference fact-checks") && again.stdout.contains("5 already held"),
                "\(again.stdout)")
            #expect(try await count() == "15")
        }
    }

    @Test("folders import recursively; stdin is '-'; unknown projects and paths are clear errors")
    func foldersAndStdin() async throws {
        try await TestDatabase.withFresh { settings in
            let db = ["--database", url(settings)]
            #expect(try await runVerity(["project", "create", "--slug", "desk"] + db).status == 0)
            let folder = FileManager.default.temporaryDirectory.appending(
                path: "verity-folder-\(UUID().uuidString)")
            try FileManager.default.createDirectory(
                at: folder.appending(path: "nested/.hidden"), withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try FileManager.default.copyItem(
                at: fixtures.appending(path: "seed-article.txt"), to: folder.appending(path: "seed.txt"))
            try FileManager.default.copyItem(
                at: fixtures.appending(path: "other-site.txt"),
                to: folder.appending(path: "nested/other.txt"))
            try "ignored".write(
                to: folder.appending(path: "nested/.hidden/x.txt"), atomically: true, encoding: .utf8)
            try
                "<html><body><h1>HTML headline here</h1><p>This paragraph of an HTML page is long enough to be taken as the body of the article.</p><footer>Footer</footer></body></html>"
                .write(to: folder.appending(path: "nested/page.html"), atomically: true, encoding: .utf8)
            let run = try await runVerity(["import", "--project", "desk", "--json", folder.path] + db)
            #expect(run.status == 0, "\(run.stderr)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(report["imported"] as? Int == 3)

            let stdin = try await runVerity(
                ["import", "--project", "desk", "--json", "-"] + db,
                stdin: #"{"body":"From standard input. Two sentences."}"#)
            #expect(stdin.status == 0, "\(stdin.stderr)")
            #expect(stdin.stdout.contains(#""imported":1"#))

            let noProject = try await runVerity(["import", "--project", "nope", folder.path] + db)
            #expect(noProject.status != 0 && noProject.stderr.contains("project"))
            let noFile = try await runVerity(["import", "--project", "desk", "/no/such/file.txt"] + db)
            #expect(noFile.status != 0 && noFile.stderr.contains("/no/such/file.txt"))
        }
    }

    @Test("with no database configured, the embedded cluster is created, migrated, used and stopped")
    func embeddedCluster() async throws {
        let directory = URL(filePath: "/tmp/verity-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataDir = directory.appending(path: "data").path

        let migrate = try await runVerity(["migrate", "--data-dir", dataDir])
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(migrate.stdout.contains("applied 0001_"))
        #expect(try await runVerity(["migrate", "--data-dir", dataDir]).stdout.isEmpty)

        // The default data directory is ./.verity, relative to where verity runs.
        let server = try ChildProcess(
            [ChildProcess.verityBinary, "serve", "--port", "0"], workingDirectory: directory)
        let base = try await server.waitForOutput(#"listening on (http://\S+)"#)
        #expect(try await get(base + "/readyz").0 == 200)
        server.signal(SIGTERM)
        #expect(try await server.wait() == 0, "\(server.stderr)")
        #expect(
            FileManager.default.fileExists(
                atPath: directory.appending(path: ".verity/pgdata/PG_VERSION").path))
        // Stopped on exit: nothing answers on its socket any more.
        let binaries = try PostgresBinaries.locate()
        let status = try? PostgresBinaries.runProcess(
            geteuid() == 0
                ? [
                    "/usr/bin/env", "-C", "/", "/usr/sbin/runuser", "-u", "postgres", "--", binaries.pgCtl,
                    "-D", directory.appending(path: ".verity/pgdata").path, "status",
                ]
                : [binaries.pgCtl, "-D", directory.appending(path: ".verity/pgdata").path, "status"])
        #expect(status == nil, "the embedded cluster is still running")
    }

    @Test("segment prints one sentence per line; bad options are rejected before any work")
    func segmentAndValidation() async throws {
        let run = try await runVerity(
            ["segment", "-"], stdin: "Dr. Smith arrived at 5 p.m. on Monday. He left early!")
        #expect(run.status == 0)
        #expect(run.stdout == "Dr. Smith arrived at 5 p.m. on Monday.\nHe left early!\n")
        let badRole = try await runVerity([
            "project", "add-member", "--project", "x", "--username", "y", "--role", "boss",
        ])
        #expect(badRole.status != 0 && badRole.stderr.contains("--role"))
        let noStdin = try await runVerity(["user", "create", "--username", "x"])
        #expect(noStdin.status != 0 && noStdin.stderr.contains("--password-stdin"))
    }

    /// `--jsonl` reads each line's text and writes its sentences without Foundation JSON: escapes, astral
    /// characters, combining marks and other members must come out exactly as JSONSerialization reads them;
    /// a line's own "language" (or --language) picks the rules; a bad line is named by number.
    @Test("segment --jsonl: exact sentences through escapes and astral characters, rules per line, bad lines named")
    func segmentJSONLines() async throws {
        let lines = [
            #"{"id":7,"text":"Er kam am 3. Mai. Dann ging er.","language":"de"}"#,
            #"{"text":"Er kam am 3. Mai. Dann ging er.","extra":{"a":[1,"]}"]}}"#,
            #"{"text":"She said \"go\" \\ then left.\tThe caf\u00e9 \ud83d\ude00 closed. Cre\u0301me br\u00fbl\u00e9e sold out!"}"#,
            "",
            #"{"text":"Ph.D. students met at 10 a.m. Reporters waited outside."}"#,
        ]
        let run = try await runVerity(["segment", "--jsonl", "-"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(run.status == 0, "\(run.stderr)")
        let outputs = run.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String] }
        let trimmed = outputs.map { $0?.map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(outputs.count == 4)
        // German rules keep "3. Mai" together; English rules (the default) split after the ordinal.
        #expect(trimmed[0] == ["Er kam am 3. Mai.", "Dann ging er."])
        #expect(trimmed[1] != trimmed[0])
        // Each sentence is exactly the decoded text's slice (trimmed of whitespace, as spans are), escapes,
        // astral and combining characters included.
        #expect(outputs[2] == ["She said \"go\" \\ then left.", "The café 😀 closed.", "Cre\u{301}me brûlée sold out!"])
        #expect(trimmed[3] == ["Ph.D. students met at 10 a.m.", "Reporters waited outside."])
        let german = try await runVerity(["segment", "--jsonl", "--language", "de", "-"], stdin: lines[1] + "\n")
        let germanSentences = try? JSONSerialization.jsonObject(with: Data(german.stdout.utf8)) as? [String]
        #expect(germanSentences?.map { $0.trimmingCharacters(in: .whitespaces) } == ["Er kam am 3. Mai.", "Dann ging er."])

        let bad = try await runVerity(["segment", "--jsonl", "-"], stdin: lines[0] + "\n" + #"{"txt":"no text"}"# + "\n")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("-:2"), "\(bad.stderr)")

        // Plain command lines skip ArgumentParser; these must still behave as the parser would have them.
        let equals = try await runVerity(["segment", "--language=de", "--jsonl"], stdin: lines[1] + "\n")
        #expect(equals.stdout == german.stdout, "\(equals.stderr)")
        let help = try await runVerity(["segment", "--help"])
        #expect(help.status == 0 && help.stdout.contains("--jsonl"), "\(help.stderr)")
        let unknown = try await runVerity(["segment", "--jsonl", "--bogus", "-"])
        #expect(unknown.status != 0 && unknown.stderr.contains("--bogus"), "\(unknown.stderr)")
        let missing = try await runVerity(["segment", "--jsonl", "/nonexistent/verity-segment.jsonl"])
        #expect(missing.status != 0 && missing.stderr.contains("verity-segment.jsonl"), "\(missing.stderr)")
        // Bytes that are not UTF-8 are named by file and line, and nothing is printed.
        let file = FileManager.default.temporaryDirectory.appending(path: "segment-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        var bytes = Array((lines[0] + "\n" + #"{"text":"caf"#).utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(#"."}"#.utf8)
        bytes.append(0x0A)
        try Data(bytes).write(to: file)
        let invalid = try await runVerity(["segment", "--jsonl", file.path])
        #expect(invalid.status == 65 && invalid.stdout.isEmpty, "\(invalid)")
        #expect(invalid.stderr.contains("\(file.path):2: not valid UTF-8"), "\(invalid.stderr)")
    }
}
