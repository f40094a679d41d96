import Foundation
import Testing
import VerityCore
import VerityData
import VerityServices
import VerityTestSupport

@Suite("Importing articles into PostgreSQL")
struct ImportTests {
    private func jsonl(_ lines: [String]) -> Data { Data(lines.joined(separator: "\n").utf8) }

    @Test("a JSON Lines file imports every record once, with spans; importing it again adds nothing")
    func idempotent() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            let file = jsonl([
                #"{"externalId":"a1","title":"One","body":"First story. It has two sentences."}"#,
                #"{"externalId":"a2","title":"Two","body":"Second story.\n\nA second paragraph."}"#,
                #"{"title":"Three","body":"No external id here."}"#,
            ])
            let records = ImportFileParser.parse(file, name: "feed.jsonl")
            let first = try await context.articles.importRecords(
                records, source: "feed.jsonl", project: "desk", actor: .system)
            #expect(first.imported == 3 && first.duplicates == 0 && first.failed == 0)
            #expect(first.spans == 3 + 3 + 2)
            let again = try await context.articles.importRecords(
                records, source: "feed.jsonl", project: "desk", actor: .system)
            #expect(again.imported == 0 && again.duplicates == 3)
            #expect(Set(again.duplicateIds) == Set(first.articleIds))
            let counts = try await context.sql(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM spans), (SELECT count(*) FROM import_batches)"
            )
            #expect(counts.first == ["3", "8", "2"])
        }
    }

    @Test("a file imported in batches: duplicates across batches, a bad line in a late batch rejects the whole file")
    func batches() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            var lines = (0..<10).map { #"{"externalId":"b\#($0)","body":"Story number \#($0). It goes on."}"# }
            lines[7] = #"{"externalId":"b2","body":"A later record with an earlier id."}"#
            var bad = lines
            bad[8] = #"{"externalId":"b8","body":5}"#
            func run(_ lines: [String], skipInvalid: Bool = false) async throws -> ImportReport {
                let batches = ImportFileParser.batches(jsonl(lines), name: "feed.jsonl", batchSize: 3)
                return try await context.articles.importBatches(source: "feed.jsonl", project: "desk", actor: .system, skipInvalid: skipInvalid) {
                    batches.next()
                }
            }
            await #expect(throws: VerityError.self) { try await run(bad) }
            do {
                _ = try await run(bad)
            } catch let error as VerityError {
                #expect(error.message.hasPrefix("feed.jsonl:9:"), "\(error.message)")
            }
            #expect(try await context.sql("SELECT count(*) FROM articles") == [["0"]])
            let skipped = try await run(bad, skipInvalid: true)
            #expect(skipped.imported == 8 && skipped.duplicates == 1 && skipped.failed == 1)
            let again = try await run(lines)
            #expect(again.imported == 1 && again.duplicates == 9, "the line skipped before comes in now")
            #expect(try await context.sql("SELECT count(*), count(DISTINCT external_id) FROM articles") == [["9", "9"]])
        }
    }

    @Test("duplicates inside one file: same external id, or same text without one")
    func duplicatesWithinFile() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            let file = jsonl([
                #"{"externalId":"x","body":"Text one."}"#,
                #"{"externalId":"x","body":"Different text, same id."}"#,
                #"{"body":"Same text."}"#,
                #"{"body":"Same   text.\r\n"}"#,
            ])
            let report = try await context.articles.importRecords(
                ImportFileParser.parse(file, name: "f.jsonl"), source: "f", project: "desk", actor: .system)
            #expect(report.imported == 2)
            #expect(report.duplicates == 2)
        }
    }

    @Test("a file with one bad line imports nothing and the error names the line")
    func badLineRejectsFile() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            let file = jsonl([
                #"{"externalId":"a","body":"Good."}"#,
                #"{"externalId":"b","body":42}"#,
                #"{"externalId":"c","body":"Also good."}"#,
            ])
            let error = try await #require(throws: VerityError.self) {
                try await context.articles.importRecords(
                    ImportFileParser.parse(file, name: "bad.jsonl"), source: "bad.jsonl", project: "desk",
                    actor: .system)
            }
            #expect(error.message.hasPrefix("bad.jsonl:2:"))
            #expect(error.fieldErrors.first?.path == "line 2: body")
            let count = try await context.sql("SELECT count(*) FROM articles")
            #expect(count.first?.first == "0")

            let skipped = try await context.articles.importRecords(
                ImportFileParser.parse(file, name: "bad.jsonl"), source: "bad.jsonl", project: "desk",
                actor: .system, skipInvalid: true)
            #expect(skipped.imported == 2 && skipped.failed == 1)
            #expect(skipped.errors.map(\.path) == ["line 2: body"])
        }
    }

    @Test("a rejected file lists every bad line, not only the first")
    func everyBadLineListed() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            let file = jsonl([#"{"body":"Good."}"#, #"{"body":1}"#, #"{"body":"Fine."}"#, #"{"title":"no body"}"#])
            let error = try await #require(throws: VerityError.self) {
                try await context.articles.importRecords(
                    ImportFileParser.parse(file, name: "f.jsonl"), source: "f.jsonl", project: "desk", actor: .system)
            }
            #expect(error.message.hasPrefix("f.jsonl:2:"))
            #expect(error.message.contains("1 more bad record"))
            #expect(error.fieldErrors.map(\.path) == ["line 2: body", "line 4: body"])
        }
    }

    @Test("invalid UTF-8 and NUL bytes are named by line, not stored")
    func invalidBytes() {
        var bytes = Data(#"{"body":"ok"}"#.utf8)
        bytes.append(0x0A)
        bytes.append(contentsOf: [0x7B, 0x22, 0x62, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D])
        let records = ImportFileParser.parse(bytes, name: "x.jsonl")
        #expect(records.count == 2)
        if case .failure(let error) = records[1].result {
            #expect(error.code.rawValue == "import.invalid_utf8")
        } else {
            Issue.record("expected a failure")
        }
        #expect(records[1].line == 2)
        let text = ImportFileParser.parse(
            Data("Headline here\n\nBody\u{0}text that is long enough.".utf8), name: "x.txt")
        if case .failure(let error) = text[0].result {
            #expect(error.code.rawValue == "import.nul_byte")
        } else {
            Issue.record("expected a failure")
        }
    }

    @Test("text survives COPY exactly: tabs, backslashes, newlines, emoji, CJK")
    func copyEscaping() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            let body = "Back\\slash and\ttab. Emoji 👩🏽‍💻 here.\n\n東京は大きい。 \\N is not null."
            let id = try await context.makeArticle("desk", body: body, title: "Tab\there \\ “quoted”")
            let article = try await context.articles.get(
                id: id.uuidString, user: try await context.makeUser("admin", admin: true))
            let draft = try ArticleRecord(title: "Tab\there \\ “quoted”", body: body).draft()
            #expect(article.text == draft.text)
            #expect(article.spans.count == draft.spans.count)
            #expect(article.spans.map(\.range) == draft.spans.map(\.range))
            #expect(article.summary.metadata.title == "Tab here \\ “quoted”")
            #expect(article.summary.contentHash == draft.contentHash)
        }
    }

    @Test("two concurrent imports of the same file store each article once")
    func concurrentImports() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            let lines = (0..<50).map {
                #"{"externalId":"e\#($0)","body":"Story number \#($0). It is short."}"#
            }
            let records = ImportFileParser.parse(
                Data(lines.joined(separator: "\n").utf8), name: "f.jsonl")
            let reports = try await withThrowingTaskGroup(of: ImportReport.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await context.articles.importRecords(
                            records, source: "f", project: "desk", actor: .system)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(reports.reduce(0) { $0 + $1.imported } == 50)
            #expect(reports.reduce(0) { $0 + $1.duplicates } == 150)
            let count = try await context.sql(
                "SELECT count(*), count(DISTINCT external_id) FROM articles")
            #expect(count.first == ["50", "50"])
        }
    }

    @Test("dry run decides everything and writes nothing")
    func dryRun() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            let records = ImportFileParser.parse(Data(#"{"body":"Hello there."}"#.utf8), name: "f.jsonl")
            let report = try await context.articles.importRecords(
                records, source: "f", project: "desk", actor: .system, dryRun: true)
            #expect(report.imported == 1)
            let count = try await context.sql(
                "SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM import_batches)")
            #expect(count.first?.first == "0")
        }
    }

    @Test("importing into an unknown project is not found, and writes nothing")
    func unknownProject() async throws {
        try await withTestDatabase { context in
            let records = ImportFileParser.parse(Data(#"{"body":"Hello there."}"#.utf8), name: "f.jsonl")
            let error = try await #require(throws: VerityError.self) {
                try await context.articles.importRecords(
                    records, source: "f", project: "nope", actor: .system)
            }
            #expect(error.kind == .notFound)
        }
    }
}
