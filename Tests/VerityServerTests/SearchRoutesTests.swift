import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import VerityCore
import VerityTestSupport

@Suite("HTTP: search")
struct SearchRoutesTests {
    @Test("finds a claim by a word of its rationale and an article by a phrase, better match first; blind rationales stay hidden")
    func search() async throws {
        try await withTestServer { context, client in
            try await context.makeProject("desk", k: 2, blind: true)
            var t: [String: String] = [:]
            for (name, role) in [("r1", Role.reviewer), ("r2", .reviewer), ("ed", .editor), ("view", .viewer)] {
                t[name] = try await context.makeUserWithToken(name).1
                try await context.addMember("desk", name, role)
            }
            func article(_ body: String, title: String) async throws -> String {
                let response = try await client.send(
                    .post, "/v1/projects/desk/articles", token: t["ed"], json: #"{"title":"\#(title)","language":"en","body":"\#(body)"}"#)
                return try #require(try response.jsonObject()["id"] as? String)
            }
            let harbour = try await article(
                "The harbour authority said the new harbour bridge will carry trains. Harbour traffic doubled.", title: "Harbour bridge plans")
            _ = try await article("The city council met on Tuesday. A bridge was mentioned once.", title: "Council notes")
            let claim = try await client.send(.post, "/v1/articles/\(harbour)/claims", token: t["r1"], json: #"{"start":0,"end":20}"#)
            let claimId = try #require(try claim.jsonObject()["id"] as? String)
            _ = try await client.send(
                .put, "/v1/claims/\(claimId)/verdicts/mine", token: t["r1"],
                json: #"{"rating":"false","rationale":"The zoning register contradicts it."}"#)

            func hits(_ query: String, as user: String, _ extra: String = "") async throws -> [[String: Any]] {
                let q = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let response = try await client.send(.get, "/v1/projects/desk/search?q=\(q)\(extra)", token: t[user])
                #expect(response.status == .ok, "\(response.text)")
                return try #require(try response.jsonObject()["items"] as? [[String: Any]])
            }
            // A phrase finds the article, highlighted; the article saying it three times ranks above the one saying it once.
            let bridges = try await hits("bridge", as: "r2")
            #expect(bridges.filter { $0["kind"] as? String == "article" }.first?["articleId"] as? String == harbour)
            let phrase = try await hits(#""harbour bridge""#, as: "r2")
            #expect(phrase.first?["articleId"] as? String == harbour && (phrase.first?["snippet"] as? String)?.contains("<mark>") == true)
            #expect(try await hits(#""bridge harbour""#, as: "r2").allSatisfy { $0["kind"] as? String != "article" })
            // English stemming for English articles.
            #expect(try await hits("doubling", as: "r2").contains { $0["articleId"] as? String == harbour })
            // The rationale's word: found by its author and by editors, not by a reviewer who has not judged (blind), nor a viewer.
            #expect(try await hits("zoning", as: "r1").first?["claimId"] as? String == claimId)
            #expect(try await hits("zoning", as: "ed").first?["claimId"] as? String == claimId)
            #expect(try await hits("zoning", as: "r2").isEmpty)
            #expect(try await hits("zoning", as: "view").isEmpty)
            // Once r2 has judged too, they may see r1's rationale.
            _ = try await client.send(.put, "/v1/claims/\(claimId)/verdicts/mine", token: t["r2"], json: #"{"rating":"false"}"#)
            #expect(try await hits("zoning", as: "r2").first?["claimId"] as? String == claimId)
            // Filters: claims only, by status, reviewer and rating.
            #expect(try await hits("harbour", as: "ed", "&status=open").isEmpty)
            #expect(try await hits("harbour", as: "ed", "&reviewer=r2").allSatisfy { $0["kind"] as? String == "claim" })
            #expect(try await hits("harbour", as: "ed", "&rating=false").count == 1)
            // Keyset pagination walks every hit once.
            var seen: [String] = []
            var cursor: String?
            repeat {
                let response = try await client.send(
                    .get, "/v1/projects/desk/search?q=bridge%20OR%20harbour%20OR%20council&limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""),
                    token: t["ed"])
                let body = try response.jsonObject()
                seen += (body["items"] as? [[String: Any]] ?? []).map { ($0["claimId"] as? String) ?? ($0["articleId"] as! String) }
                cursor = body["nextCursor"] as? String
            } while cursor != nil
            #expect(seen.count == 3 && Set(seen).count == 3)
            // Bad input is 422, never 500; an HTML-ish query is escaped in snippets.
            #expect(try await client.send(.get, "/v1/projects/desk/search?q=%20", token: t["ed"]).status == .unprocessableContent)
            #expect(try await client.send(.get, "/v1/projects/desk/search?q=x&cursor=nope", token: t["ed"]).status == .unprocessableContent)
            #expect(try await client.send(.get, "/v1/projects/desk/search?q=%27%29%20OR%20(1", token: t["ed"]).status == .ok)
        }
    }
}
