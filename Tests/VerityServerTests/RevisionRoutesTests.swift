import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import VerityCore
import VerityTestSupport

@Suite("HTTP: article revisions")
struct RevisionRoutesTests {
    @Test("a corrected article over HTTP: claims report their anchoring, history is readable, an editor re-attaches an orphan")
    func revisions() async throws {
        try await withTestServer { context, client in
            try await context.makeProject("desk")
            var t: [String: String] = [:]
            for (name, role) in [("r1", Role.reviewer), ("ed", .editor)] {
                t[name] = try await context.makeUserWithToken(name).1
                try await context.addMember("desk", name, role)
            }
            let v1 = #"{"externalId":"s1","body":"Prices rose by 3% in May. The harbour will close in June. Wages were flat."}"#
            let created = try await client.send(.post, "/v1/projects/desk/articles", token: t["ed"], json: v1)
            #expect(created.status == .created)
            let article = try created.jsonObject()
            let articleId = try #require(article["id"] as? String)
            #expect(article["revision"] as? Int == 1)
            let text = try #require(article["text"] as? String)
            func claim(_ quote: String) async throws -> [String: Any] {
                let range = text.range(of: quote)!
                let start = text.unicodeScalars.distance(
                    from: text.unicodeScalars.startIndex, to: range.lowerBound.samePosition(in: text.unicodeScalars)!)
                let response = try await client.send(
                    .post, "/v1/articles/\(articleId)/claims", token: t["r1"],
                    json: #"{"start":\#(start),"end":\#(start + quote.unicodeScalars.count)}"#)
                #expect(response.status == .created)
                return try response.jsonObject()
            }
            let moved = try await claim("Wages were flat.")
            let orphan = try await claim("The harbour will close in June.")
            #expect(moved["anchoring"] as? String == "anchored" && moved["revision"] as? Int == 1)

            let v2 = #"{"externalId":"s1","body":"Update: figures revised. Prices rose by 3% in May. Wages were flat."}"#
            let revised = try await client.send(.post, "/v1/projects/desk/articles", token: t["ed"], json: v2)
            #expect(revised.status == .ok, "an existing article, revised: \(revised.text)")
            #expect(try revised.jsonObject()["revision"] as? Int == 2)
            let newText = try #require(try revised.jsonObject()["text"] as? String)

            let movedNow = try await client.send(.get, "/v1/claims/\(moved["id"]!)", token: t["r1"]).jsonObject()
            #expect(movedNow["anchoring"] as? String == "moved" && movedNow["revision"] as? Int == 2)
            let start = try #require(movedNow["start"] as? Int)
            #expect(TextIndex(newText).slice(start, start + "Wages were flat.".unicodeScalars.count) == "Wages were flat.")
            let orphanNow = try await client.send(.get, "/v1/claims/\(orphan["id"]!)", token: t["r1"])
            #expect(try orphanNow.jsonObject()["anchoring"] as? String == "orphaned")
            #expect(try orphanNow.jsonObject()["revision"] as? Int == 1)

            let history = try await client.send(.get, "/v1/articles/\(articleId)/revisions", token: t["r1"]).jsonObject()
            let items = try #require(history["items"] as? [[String: Any]])
            #expect(items.compactMap { $0["revision"] as? Int } == [1, 2] && items[0]["replacedAt"] != nil && items[1]["replacedAt"] == nil)
            let old = try await client.send(.get, "/v1/articles/\(articleId)?revision=1", token: t["r1"])
            let oldText = try old.jsonObject()["text"] as? String
            #expect(old.status == .ok && oldText == text)
            #expect(try await client.send(.get, "/v1/articles/\(articleId)?revision=7", token: t["r1"]).status == .notFound)

            // Re-attaching the orphan: editors only, with If-Match, on the current text.
            let path = "/v1/claims/\(orphan["id"]!)/anchor"
            let etag = try #require(orphanNow.headers[.eTag])
            let body = #"{"start":0,"end":23,"exact":"Update: figures revised"}"#
            #expect(try await client.send(.put, path, token: t["r1"], json: body, headers: [.ifMatch: etag]).status == .forbidden)
            #expect(try await client.send(.put, path, token: t["ed"], json: body).status.code == 428)
            #expect(
                try await client.send(.put, path, token: t["ed"], json: #"{"start":0,"end":5,"exact":"nope"}"#, headers: [.ifMatch: etag]).status
                    == .unprocessableContent)
            let reattached = try await client.send(.put, path, token: t["ed"], json: body, headers: [.ifMatch: etag])
            #expect(reattached.status == .ok)
            let after = try reattached.jsonObject()
            #expect(
                after["anchoring"] as? String == "anchored" && after["revision"] as? Int == 2
                    && after["exact"] as? String == "Update: figures revised")
        }
    }
}
