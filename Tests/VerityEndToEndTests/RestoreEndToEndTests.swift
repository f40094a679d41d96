import Crypto
import Foundation
import Testing
import VerityCore
import VerityData
import VerityServices
import VerityTestSupport

@Suite("End to end: restoring Verity's own export", .serialized)
struct RestoreEndToEndTests {
    /// Every UUID replaced by the order of its first appearance: two exports are "identical after ids"
    /// when these agree.
    static func normalizingIds(_ text: String) -> String {
        let pattern = try! NSRegularExpression(pattern: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        var seen: [String: Int] = [:]
        var result = ""
        var last = text.startIndex
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let range = Range(match.range, in: text)!
            let id = String(text[range])
            let number = seen[id] ?? seen.count
            seen[id] = number
            result += text[last..<range.lowerBound] + "<id\(number)>"
            last = range.upperBound
        }
        return result + text[last...]
    }

    static func url(_ settings: ConnectionSettings) -> String {
        "postgresql://\(settings.user)@\(settings.host):\(settings.port)/\(settings.database)?sslmode=disable"
    }

    /// A project with every kind of thing an export holds: claims in several states, verdicts with
    /// confidence, rationale and evidence, resolutions, tags and notes with awkward characters, emoji
    /// in the text, and an article nobody has marked.
    static func populate(_ context: TestContext) async throws {
        try await context.makeProject("desk", k: 2)
        let editor = try await context.makeUser("Ed.Itor")
        try await context.addMember("desk", "Ed.Itor", .editor)
        var reviewers: [User] = []
        for name in ["r1", "r2", "r3"] {
            reviewers.append(try await context.makeUser(name))
            try await context.addMember("desk", name, .reviewer)
        }
        let bodies = [
            "The minister said taxes fell by 3.5% — a claim 👩🏽‍💻 checked.\n\nA second paragraph, with \"quotes\", follows. Then a third sentence.",
            "Unemployment rose to 7% last year. Exports doubled since 2019. The port handled 2 million containers.",
            "An article that nobody has marked yet. It still belongs to the project.",
        ]
        var articleIds: [UUID] = []
        for (i, body) in bodies.enumerated() {
            articleIds.append(try await context.makeArticle("desk", body: body, title: "Article \(i)", externalId: i == 1 ? "feed-\(i)" : nil))
        }
        func claim(_ article: Int, _ quote: String, tags: [String] = [], note: String? = nil) async throws -> Claim {
            let text = try await context.articles.get(id: articleIds[article].uuidString, user: editor).text
            let range = try #require(text.range(of: quote))
            let start = text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound)
            return try await context.claims.create(
                articleId: articleIds[article].uuidString, user: reviewers[0], start: start, end: start + quote.unicodeScalars.count,
                unit: .codePoint,
                exact: quote, prefix: nil, suffix: nil,
                metadata: ClaimMetadata(claimant: "The minister", claimDate: "2024-03-01", tags: tags, note: note))
        }
        let verified = try await claim(
            0, "taxes fell by 3.5% — a claim 👩🏽‍💻 checked.\n\nA second", tags: ["tax", "quote \"x\", y", #"back\slash"#],
            note: "Line one\nline two\ttabbed")
        let agreed = try await claim(1, "Unemployment rose to 7% last year.")
        let disputed = try await claim(1, "Exports doubled since 2019.")
        let open = try await claim(0, "Then a third sentence.")
        let evidence = [Evidence(url: "https://stats.example.org/t3?x=1&y=2", title: "Table 3", quote: "3.4%", accessed: "2024-03-02")]
        for (i, reviewer) in reviewers.prefix(2).enumerated() {
            _ = try await context.verdicts.submit(
                claimId: verified.id.uuidString, user: reviewer,
                input: VerdictInput(rating: "mostly-false", confidence: i == 0 ? 0.8 : nil, rationale: "Rationale \(i) 🧾", evidence: evidence),
                ifMatch: nil)
            _ = try await context.verdicts.submit(claimId: agreed.id.uuidString, user: reviewer, input: VerdictInput(rating: "true"), ifMatch: nil)
            _ = try await context.verdicts.submit(
                claimId: disputed.id.uuidString, user: reviewer, input: VerdictInput(rating: i == 0 ? "false" : "mixed"), ifMatch: nil)
        }
        _ = try await context.verdicts.submit(claimId: open.id.uuidString, user: reviewers[2], input: VerdictInput(rating: "true"), ifMatch: nil)
        _ = try await context.resolutions.resolve(
            claimId: verified.id.uuidString, user: editor, rating: "mostly-false", rationale: "Ministry data, \"table 3\".", verdictIds: nil,
            ifMatch: nil)
        // A corrected second article: text inserted before one claim (moved), the other's sentence gone (orphaned).
        let corrected = try ArticleRecord(
            externalId: "feed-1", title: "Article 1",
            body: "Corrected on 2 May. Unemployment rose to 7% last year. The port handled 2 million containers."
        ).draft()
        let revision = try await context.articles.importRecords(
            [ImportRecord(line: 1, result: .success(corrected))], source: "correction", project: "desk", actor: .system)
        #expect(revision.revised == 1)
        let anchoring = try await context.sql(
            "SELECT exact, anchoring FROM claims WHERE article_id = $1 ORDER BY exact DESC", [articleIds[1].uuidString])
        #expect(anchoring == [["Unemployment rose to 7% last year.", "moved"], ["Exports doubled since 2019.", "orphaned"]])
    }

    @Test("export jsonl → import into an empty database → export again: identical after ids; re-import finds everything present")
    func roundTrip() async throws {
        try await withTestDatabase { source in
            try await Self.populate(source)
            let first = try await runVerity([
                "export", "--project", "desk", "--format", "jsonl", "--status", "all", "--database", Self.url(source.settings),
            ])
            #expect(first.status == 0, "\(first.stderr)")
            let lines = first.stdout.split(separator: "\n")
            #expect(lines.count == 5, "four claims and the unmarked article")
            let file = FileManager.default.temporaryDirectory.appending(path: "verity-restore-\(UUID().uuidString).jsonl")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(first.stdout.utf8).write(to: file)

            try await withTestDatabase { target in
                try await target.makeProject("desk", k: 2)  // same name: ClaimReview carries it as the author
                try await target.makeUser("r1")  // matched by username: keeps its password and stays enabled
                let url = Self.url(target.settings)
                let restored = try await runVerity(["import", "--project", "desk", "--json", "--database", url, file.path])
                #expect(restored.status == 0, "\(restored.stderr)")
                let report = try #require(try JSONSerialization.jsonObject(with: Data(restored.stdout.utf8)) as? [String: Any])
                #expect(report["imported"] as? Int == 3)
                #expect(report["claims"] as? Int == 4)
                #expect(report["verdicts"] as? Int == 7)
                #expect(report["resolutions"] as? Int == 1)
                #expect(report["usersCreated"] as? [String] == ["Ed.Itor", "r2", "r3"])

                let second = try await runVerity(["export", "--project", "desk", "--format", "jsonl", "--status", "all", "--database", url])
                #expect(second.status == 0, "\(second.stderr)")
                #expect(second.stdout != first.stdout, "new ids")
                #expect(Self.normalizingIds(second.stdout) == Self.normalizingIds(first.stdout))

                let accounts = try await target.sql("SELECT username, disabled, password_hash IS NULL FROM users ORDER BY lower(username)")
                #expect(accounts.map { $0.compactMap { $0 } } == [["Ed.Itor", "t", "t"], ["r1", "f", "f"], ["r2", "t", "t"], ["r3", "t", "t"]])
                let audit = try await target.sql("SELECT count(*) FROM audit_events WHERE action = 'import.restored'")
                #expect(audit == [["1"]])
                // The restore's audit entry traces every restored object to the file it came from.
                let digest = SHA256.hash(data: try Data(contentsOf: file)).map { String(format: "%02x", $0) }.joined()
                let traced = try await target.sql(
                    """
                    SELECT after->>'archiveSHA256',
                        (SELECT count(*) FROM claims c WHERE NOT (after->'claimIds') ? c.id::text),
                        (SELECT count(*) FROM verdicts v WHERE NOT (after->'verdictIds') ? v.id::text),
                        (SELECT count(*) FROM articles a WHERE NOT (after->'articleIds') ? a.id::text),
                        jsonb_array_length(after->'claimIds')
                    FROM audit_events WHERE action = 'import.restored'
                    """)
                #expect(traced == [[digest, "0", "0", "0", "4"]], "\(traced)")

                // The same file again: everything is already there.
                let again = try await runVerity(["import", "--project", "desk", "--json", "--database", url, file.path])
                #expect(again.status == 0, "\(again.stderr)")
                let repeated = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
                #expect(repeated["imported"] as? Int == 0 && repeated["duplicates"] as? Int == 3)
                #expect(repeated["claims"] as? Int == 0 && repeated["claimDuplicates"] as? Int == 4)
                let third = try await runVerity(["export", "--project", "desk", "--format", "jsonl", "--status", "all", "--database", url])
                #expect(third.stdout == second.stdout)

                // The orphan came back orphaned, with the quote and offsets of the revision it was made on.
                let orphanQuery =
                    "SELECT anchoring, start_cp, end_cp, start_utf16, end_utf16, prefix, suffix FROM claims WHERE exact = 'Exports doubled since 2019.'"
                let orphan = try await target.sql(orphanQuery)
                #expect(orphan.first?.first == "orphaned")
                #expect(orphan == (try await source.sql(orphanQuery)))

                // Other formats agree too.
                for format in ["claimreview", "w3c", "csv", "fever", "averitec"] {
                    let template = format == "claimreview" ? ["--review-url-template", "https://desk.example/checks/{claim}"] : []
                    let a = try await runVerity(
                        ["export", "--project", "desk", "--format", format, "--status", "all", "--database", Self.url(source.settings)] + template)
                    let b = try await runVerity(["export", "--project", "desk", "--format", format, "--status", "all", "--database", url] + template)
                    #expect(a.status == 0 && b.status == 0, "\(format): \(a.stderr) \(b.stderr)")
                    // The archive does not carry earlier revisions: a restored desk no longer knows the date and hash of
                    // the revision an orphaned claim counts into, so its W3C target names none (rather than the
                    // current revision, which does not hold its quote). Everything else is identical.
                    let orphanState =
                        #/,"state":\{"type":"TimeState","sourceDate":"[^"]*","cached":"urn:sha256:[0-9a-f]{64}"\}(?=,"selector":\[\{"type":"TextQuoteSelector"[^{}]*\}\]\})/#
                    let original = format == "w3c" ? a.stdout.replacing(orphanState, with: "") : a.stdout
                    #expect(Self.normalizingIds(original) == Self.normalizingIds(b.stdout), "\(format)")
                    if format == "w3c" {
                        // Positions only where they count into the current text: the orphan keeps its quote alone.
                        let annotations = try #require(
                            (try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any])?["first"] as? [String: Any])
                        let items = try #require(annotations["items"] as? [[String: Any]])
                        let selectorTypes = items.map { item -> [String] in
                            let selectors = ((item["target"] as? [String: Any])?["selector"] as? [[String: Any]]) ?? []
                            return selectors.compactMap { $0["type"] as? String }
                        }
                        #expect(selectorTypes.filter { $0 == ["TextQuoteSelector"] }.count == 1, "\(selectorTypes)")
                        #expect(selectorTypes.filter { $0 == ["TextQuoteSelector", "TextPositionSelector"] }.count == 3, "\(selectorTypes)")
                    }
                }
            }
        }
    }

    @Test("a tampered export is refused with file and line, and nothing is written")
    func tampered() async throws {
        try await withTestDatabase { context in
            try await Self.populate(context)
            let url = Self.url(context.settings)
            let export = try await runVerity(["export", "--project", "desk", "--format", "jsonl", "--status", "all", "--database", url])
            var lines = export.stdout.split(separator: "\n").map(String.init)
            // Line 2 claims a quote the text does not have at that range; line 4 has a rating off the scale.
            lines[1] = lines[1].replacingOccurrences(of: #""exact":"Unemployment"#, with: #""exact":"Employment"#)
            lines[3] = lines[3].replacingOccurrences(of: #""rating":"true""#, with: #""rating":"pants-on-fire""#)
            let file = FileManager.default.temporaryDirectory.appending(path: "verity-tampered-\(UUID().uuidString).jsonl")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(lines.joined(separator: "\n").utf8).write(to: file)
            try await context.makeProject("other", k: 2)
            let run = try await runVerity(["import", "--project", "other", "--database", url, file.path])
            #expect(run.status == 65)
            #expect(run.stderr.contains("\(file.path):2:"), "\(run.stderr)")
            #expect(run.stderr.contains("line 4: verdicts.0.rating"), "\(run.stderr)")
            let rows = try await context.sql(
                """
                SELECT (SELECT count(*) FROM articles a JOIN projects p ON p.id = a.project_id WHERE p.slug = 'other'),
                       (SELECT count(*) FROM claims c JOIN projects p ON p.id = c.project_id WHERE p.slug = 'other'),
                       (SELECT count(*) FROM users)
                """)
            #expect(rows == [["0", "0", "4"]])
        }
    }
}
