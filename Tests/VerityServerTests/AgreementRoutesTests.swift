import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import VerityCore
import VerityServices
import VerityTestSupport

@Suite("HTTP: agreement")
struct AgreementRoutesTests {
    @Test("the endpoint reproduces Krippendorff's worked example exactly; filters by tag and article; editors only")
    func textbook() async throws {
        try await withTestServer { context, client in
            try await context.makeProject("desk", k: 4)
            let (_, editor) = try await context.makeUserWithToken("ed")
            try await context.addMember("desk", "ed", .editor)
            let (_, reviewerToken) = try await context.makeUserWithToken("rv")
            try await context.addMember("desk", "rv", .reviewer)
            var coders: [User] = []
            for name in ["A", "B", "C", "D"] {
                coders.append(try await context.makeUser(name))
                try await context.addMember("desk", name, .reviewer)
            }
            let articleId = try await context.makeArticle("desk", body: "One two three four five six seven eight nine ten eleven twelve thirteen.")
            let otherArticle = try await context.makeArticle("desk", body: "A different article entirely.")
            // Krippendorff (2011): observers A–D × units 1–12, values 1–5 (ranks of the default scale), "." missing.
            let rows = ["1 2 3 3 2 1 4 1 2 . . .", "1 2 3 3 2 2 4 1 2 5 . 3", ". 3 3 3 2 3 4 2 2 5 1 .", "1 2 3 3 2 4 4 1 2 5 1 ."]
                .map { $0.split(separator: " ").map(String.init) }
            let rating = ["1": "false", "2": "mostly-false", "3": "mixed", "4": "mostly-true", "5": "true"]
            for unit in 0..<12 {
                let claim = try await context.claims.create(
                    articleId: articleId.uuidString, user: coders[0], start: unit, end: unit + 1, unit: .codePoint, exact: nil, prefix: nil,
                    suffix: nil,
                    metadata: ClaimMetadata(tags: unit < 6 ? ["first-half"] : []))
                for (coder, row) in zip(coders, rows) where row[unit] != "." {
                    _ = try await context.verdicts.submit(
                        claimId: claim.id.uuidString, user: coder, input: VerdictInput(rating: rating[row[unit]]!), ifMatch: nil)
                }
            }
            let extra = try await context.claims.create(
                articleId: otherArticle.uuidString, user: coders[0], start: 0, end: 1, unit: .codePoint, exact: nil, prefix: nil, suffix: nil,
                metadata: ClaimMetadata())
            _ = try await context.verdicts.submit(claimId: extra.id.uuidString, user: coders[0], input: VerdictInput(rating: "true"), ifMatch: nil)

            let response = try await client.send(.get, "/v1/projects/desk/agreement?article=\(articleId.uuidString)", token: editor)
            #expect(response.status == .ok)
            let report = try response.jsonObject()
            #expect(report["claims"] as? Int == 11)
            let nominal = try #require(report["krippendorffAlphaNominal"] as? Double)
            let ordinal = try #require(report["krippendorffAlphaOrdinal"] as? Double)
            #expect(abs(nominal - 113.0 / 152.0) < 1e-9)
            #expect(abs(ordinal - 108_577.0 / 133_160.0) < 1e-9)
            let pairs = try #require(report["pairs"] as? [[String: Any]])
            #expect(pairs.map { "\($0["a"]!)-\($0["b"]!)" } == ["A-B", "A-C", "A-D", "B-C", "B-D", "C-D"])
            #expect(pairs[0]["n"] as? Int == 9)
            #expect((report["articles"] as? [[String: Any]])?.count == 1)

            let all = try await client.send(.get, "/v1/projects/desk/agreement", token: editor).jsonObject()
            #expect((all["articles"] as? [[String: Any]])?.count == 2)
            let tagged = try await client.send(.get, "/v1/projects/desk/agreement?tag=first-half", token: editor).jsonObject()
            #expect(tagged["claims"] as? Int == 6)
            #expect(try await client.send(.get, "/v1/projects/desk/agreement?since=yesterday", token: editor).status == .unprocessableContent)
            #expect(try await client.send(.get, "/v1/projects/desk/agreement", token: reviewerToken).status == .forbidden)
        }
    }
}
