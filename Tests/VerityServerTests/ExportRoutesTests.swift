import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import VerityCore
import VerityServices
import VerityTestSupport

@Suite("HTTP: export")
struct ExportRoutesTests {
    @Test("streams every format with its media type; blind review holds in exports; bad requests are problems")
    func export() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let t = desk.tokens
            let ed = try await context.accounts.authenticate(token: t["ed"]!).user
            let r1 = try await context.accounts.authenticate(token: t["r1"]!).user
            let r2 = try await context.accounts.authenticate(token: t["r2"]!).user
            func claim(_ start: Int) async throws -> Claim {
                try await context.claims.create(
                    articleId: desk.articleId, user: r1, start: start, end: start + 5, unit: .codePoint, exact: nil, prefix: nil, suffix: nil,
                    metadata: ClaimMetadata())
            }
            let resolved = try await claim(0)
            let open = try await claim(10)
            for reviewer in [r1, r2] {
                _ = try await context.verdicts.submit(
                    claimId: resolved.id.uuidString, user: reviewer, input: VerdictInput(rating: "false"), ifMatch: nil)
            }
            _ = try await context.resolutions.resolve(
                claimId: resolved.id.uuidString, user: ed, rating: "false", rationale: "Settled.", verdictIds: nil, ifMatch: nil)
            _ = try await context.verdicts.submit(claimId: open.id.uuidString, user: r1, input: VerdictInput(rating: "true"), ifMatch: nil)

            // ClaimReview needs each review's page: refused (before any output) until the project has a template,
            // and a template that is not an http(s) URL naming {claim} is refused when set.
            let refused = try await client.send(.get, "/v1/projects/desk/export?format=claimreview", token: t["view"])
            #expect(try refused.status == .unprocessableContent && (try refused.jsonObject()["code"] as? String) == "export.review_url_missing")
            for bad in ["urn:uuid:{claim}", "https://desk.example/checks", "javascript:alert(1)//{claim}"] {
                await #expect(throws: VerityError.self) {
                    try await context.projects.updateSettings(project: "desk", actor: .system, ProjectSettingsChange(reviewURLTemplate: bad))
                }
            }
            _ = try await context.projects.updateSettings(
                project: "desk", actor: .system, ProjectSettingsChange(reviewURLTemplate: "https://desk.example/{slug}/checks/{claim}"))
            let published = try await client.send(.get, "/v1/projects/desk/export?format=claimreview", token: t["view"])
            let urls = ((try? JSONSerialization.jsonObject(with: Data(published.text.utf8))) as? [[String: Any]])?.compactMap { $0["url"] as? String }
            #expect(urls == ["https://desk.example/desk/checks/\(resolved.id.lowercasedString)"], "\(published.text)")
            let project = try await client.send(.get, "/v1/projects/desk", token: t["view"])
            #expect((try project.jsonObject()["reviewUrlTemplate"] as? String) == "https://desk.example/{slug}/checks/{claim}")
            let types = [
                "claimreview": "application/ld+json", "w3c": #"application/ld+json; profile="http://www.w3.org/ns/anno.jsonld""#,
                "jsonl": "application/x-ndjson", "fever": "application/x-ndjson", "averitec": "application/json",
                "csv": "text/csv; charset=utf-8",
            ]
            for (format, type) in types {
                let response = try await client.send(.get, "/v1/projects/desk/export?format=\(format)", token: t["view"])
                #expect(response.status == .ok, "\(format)")
                #expect(response.headers[.contentType] == type)
                #expect(!response.text.isEmpty)
            }
            // Verified only by default; a viewer sees the resolved claim's verdicts.
            let viewer = try await client.send(.get, "/v1/projects/desk/export?format=jsonl", token: t["view"]).text
            let viewerLines = viewer.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
            #expect(viewerLines.count == 1 && (viewerLines[0]["verdicts"] as? [Any])?.count == 2)
            // r2 has not judged the open claim: under blind review its verdicts stay hidden from r2, in exports too.
            let all = try await client.send(.get, "/v1/projects/desk/export?format=jsonl&status=all", token: t["r2"]).text
            let lines = all.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
            let openLine = try #require(lines.first { $0["id"] as? String == open.id.uuidString.lowercased() })
            #expect((openLine["verdicts"] as? [Any])?.isEmpty == true)
            let editorAll = try await client.send(.get, "/v1/projects/desk/export?format=jsonl&status=all", token: t["ed"]).text
            #expect(editorAll.contains(#""rating":"true""#))

            #expect(try await client.send(.get, "/v1/projects/desk/export?format=pdf", token: t["ed"]).status == .unprocessableContent)
            #expect(try await client.send(.get, "/v1/projects/desk/export?format=csv&since=soon", token: t["ed"]).status == .unprocessableContent)
            #expect(try await client.send(.get, "/v1/projects/desk/export?format=csv").status == .unauthorized)
            #expect(try await client.send(.get, "/v1/projects/desk/export?format=csv", token: t["out"]).status == .notFound)
        }
    }
}
