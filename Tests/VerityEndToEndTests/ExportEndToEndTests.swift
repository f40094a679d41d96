import Foundation
import Testing
import VerityCore
import VerityData
import VerityServices
import VerityTestSupport

@Suite("End to end: verity export", .serialized)
struct ExportEndToEndTests {
    @Test("every format from the real binary: CSV parses with Python's csv module, W3C selectors equal the text, ClaimReview is short")
    func formats() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk", k: 2)
            let editor = try await context.makeUser("ed")
            try await context.addMember("desk", "ed", .editor)
            var reviewers: [User] = []
            for name in ["r1", "r2"] {
                reviewers.append(try await context.makeUser(name))
                try await context.addMember("desk", name, .reviewer)
            }
            let body = "The minister said, \"taxes fell by 3.5%\" — a claim 👩🏽‍💻 checked.\n\nA second paragraph, with commas, follows."
            let articleId = try await context.makeArticle("desk", body: body, title: "Taxes, again")
            let article = try await context.articles.get(id: articleId.uuidString, user: editor)
            let text = article.text
            let scalars = text.unicodeScalars.count
            // Three claims: one inside the first sentence, one across both paragraphs, one left agreed.
            let ranges = [(0, 40), (20, scalars - 5), (4, 12)]
            var claims: [Claim] = []
            for (start, end) in ranges {
                let claim = try await context.claims.create(
                    articleId: articleId.uuidString, user: reviewers[0], start: start, end: end, unit: .codePoint, exact: nil, prefix: nil,
                    suffix: nil,
                    metadata: ClaimMetadata(claimant: "The minister", claimDate: "2024-03-01"))
                for reviewer in reviewers {
                    _ = try await context.verdicts.submit(
                        claimId: claim.id.uuidString, user: reviewer, input: VerdictInput(rating: "mostly-false"), ifMatch: nil)
                }
                claims.append(claim)
            }
            for claim in claims.prefix(2) {
                _ = try await context.resolutions.resolve(
                    claimId: claim.id.uuidString, user: editor, rating: "mostly-false", rationale: "Ministry data, \"table 3\".", verdictIds: nil,
                    ifMatch: nil)
            }
            let url =
                "postgresql://\(context.settings.user)@\(context.settings.host):\(context.settings.port)/\(context.settings.database)?sslmode=disable"
            func export(_ format: String, _ extra: [String] = []) async throws -> String {
                let run = try await runVerity(["export", "--project", "desk", "--format", format, "--database", url] + extra)
                #expect(run.status == 0, "\(run.stderr)")
                return run.stdout
            }

            let csv = try await export("csv")
            let parser = try ChildProcess(
                ["/usr/bin/env", "python3", "-c", "import csv, json, sys; print(json.dumps(list(csv.reader(sys.stdin, strict=True))))"],
                stdin: Data(csv.utf8))
            #expect(try await parser.wait() == 0, "\(parser.stderr)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(parser.stdout.utf8)) as? [[String]])
            #expect(rows.count == 3)
            let claimColumn = rows[0].firstIndex(of: "claim")!
            let exported = Set(rows.dropFirst().map { $0[claimColumn] })
            #expect(exported == Set(claims.prefix(2).map(\.target.exact)))
            #expect(exported.contains { $0.contains("\n") && $0.contains(",") && $0.contains("\"") && $0.contains("👩🏽‍💻") })

            let w3c = try #require(try JSONSerialization.jsonObject(with: Data(try await export("w3c").utf8)) as? [String: Any])
            let items = try #require((w3c["first"] as? [String: Any])?["items"] as? [[String: Any]])
            #expect(items.count == 2)
            let textScalars = Array(text.unicodeScalars)
            for item in items {
                let selectors = ((item["target"] as! [String: Any])["selector"] as! [[String: Any]])
                let start = selectors[1]["start"] as! Int, end = selectors[1]["end"] as! Int
                var slice = String.UnicodeScalarView()
                slice.append(contentsOf: textScalars[start..<end])
                #expect(selectors[0]["exact"] as? String == String(slice))
            }

            let claimReviews = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(try await export("claimreview", ["--review-url-template", "https://desk.example/checks/{claim}"]).utf8))
                    as? [[String: Any]])
            #expect(claimReviews.count == 2 && claimReviews.allSatisfy { ($0["claimReviewed"] as? String)?.count ?? 99 < 75 })

            let all = try await export("jsonl", ["--status", "all"])
            #expect(all.split(separator: "\n").count == 3)
            let agreed = try await export("fever", ["--status", "agreed"])
            #expect(agreed.split(separator: "\n").count == 1)

            let file = FileManager.default.temporaryDirectory.appending(path: "verity-export-\(UUID().uuidString).jsonl")
            defer { try? FileManager.default.removeItem(at: file) }
            _ = try await export("jsonl", ["--status", "all", "--output", file.path])
            #expect(try String(contentsOf: file, encoding: .utf8) == all)

            let bad = try await runVerity(["export", "--project", "desk", "--format", "pdf", "--database", url])
            #expect(bad.status != 0 && bad.stderr.contains("--format"))
        }
    }
}
