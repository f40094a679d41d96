import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import VerityCore
import VerityTestSupport

private let seedPage: String = {
    let url = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "VerityCoreTests/Fixtures/seed-article.txt")
    return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
}()

@Suite("HTTP: articles")
struct ArticleRoutesTests {
    @Test(
        "the seed page over HTTP: 201 then 200 on duplicate; spans equal code-point slices with consistent UTF-16 offsets"
    )
    func seedRoundTrip() async throws {
        try await withTestServer { context, client in
            try await context.makeProject("desk")
            let (_, token) = try await context.makeUserWithToken("ed")
            try await context.addMember("desk", "ed", .editor)
            let created = try await client.send(
                .post, "/v1/projects/desk/articles", token: token, text: seedPage)
            #expect(created.status == .created)
            let article = try created.jsonObject()
            #expect(article["section"] as? String == "European Union")
            #expect(
                article["title"] as? String
                    == "World community does not recognise “elections” held by Karabakh separatists")
            #expect(article["author"] as? String == "Mazahir Afandiyev")
            let id = try #require(article["id"] as? String)

            let again = try await client.send(
                .post, "/v1/projects/desk/articles", token: token, text: seedPage)
            #expect(again.status == .ok)
            #expect(try again.jsonObject()["id"] as? String == id)

            let read = try await client.send(.get, "/v1/articles/\(id)", token: token)
            #expect(read.status == .ok)
            #expect(read.headers[.eTag] != nil)
            let body = try read.jsonObject()
            let text = try #require(body["text"] as? String)
            let scalars = Array(text.unicodeScalars)
            let utf16 = Array(text.utf16)
            let spans = try #require(body["spans"] as? [[String: Any]])
            let paragraphs = spans.filter { $0["block"] as? String == "paragraph" }
            #expect(paragraphs.count == 16)
            #expect(
                (paragraphs.first?["text"] as? String)?.hasPrefix(
                    "In order to implement the four well-known resolutions") == true)
            #expect(
                (paragraphs.last?["text"] as? String)?.hasPrefix(
                    "In this regard, Armenians settled in Khankendi") == true)
            #expect(Set(paragraphs.compactMap { $0["paragraph"] as? Int }).count == 10)
            for span in spans {
                let start = span["start"] as! Int
                let end = span["end"] as! Int
                let u16Start = span["utf16Start"] as! Int
                let u16End = span["utf16End"] as! Int
                var slice = String.UnicodeScalarView()
                slice.append(contentsOf: scalars[start..<end])
                #expect(String(slice) == span["text"] as? String)
                #expect(
                    String(decoding: utf16[u16Start..<u16End], as: UTF16.self) == span["text"] as? String)
            }
            for teaser in ["Zaporizhzhia", "stone dealer", "Share this article", "Connect with us"] {
                #expect(!text.contains(teaser))
            }
        }
    }

    @Test("JSON records: 201, field errors as 422 with paths, malformed JSON as 400")
    func jsonRecords() async throws {
        try await withTestServer { context, client in
            try await context.makeProject("desk")
            let (_, token) = try await context.makeUserWithToken("ed")
            try await context.addMember("desk", "ed", .owner)
            let ok = try await client.send(
                .post, "/v1/projects/desk/articles", token: token,
                json:
                    #"{"externalId":"r1","title":"A title","body":"One. Two.","publishedAt":"2024-03-01","language":"en","url":"https://example.org/a"}"#
            )
            #expect(ok.status == .created)
            #expect(try ok.jsonObject()["spanCount"] as? Int == 3)

            let invalid = try await client.send(
                .post, "/v1/projects/desk/articles", token: token,
                json: #"{"body":"x","url":"ftp:/x","publishedAt":"soon"}"#)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.headers[.contentType] == "application/problem+json")
            let problem = try invalid.jsonObject()
            let paths = Set(
                ((problem["errors"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String })
            #expect(paths == ["url", "publishedAt"])

            let missing = try await client.send(
                .post, "/v1/projects/desk/articles", token: token, json: #"{"title":"no body"}"#)
            #expect(missing.status == .unprocessableContent)

            let wrongType = try await client.send(
                .post, "/v1/projects/desk/articles", token: token, json: #"{"body":["a"]}"#)
            #expect(wrongType.status == .badRequest)
            #expect(try wrongType.jsonObject()["code"] as? String == "request.malformed_body")

            let truncated = try await client.send(
                .post, "/v1/projects/desk/articles", token: token, json: #"{"body":"#)
            #expect(truncated.status == .badRequest)

            let badUTF8 = try await client.send(
                .post, "/v1/projects/desk/articles", token: token, bytes: [0x48, 0x69, 0xFF, 0x2E],
                contentType: "text/plain")
            #expect(badUTF8.status == .unprocessableContent)

            let wrongMedia = try await client.send(
                .post, "/v1/projects/desk/articles", token: token, bytes: [1, 2, 3],
                contentType: "image/png")
            #expect(wrongMedia.status == .unsupportedMediaType)
            let count = try await context.articles.list(
                project: "desk", user: try await context.makeUser("root", admin: true), cursor: nil,
                limit: 200)
            #expect(count.items.count == 1)
        }
    }

    @Test("bodies over the limit get 413, declared or streamed")
    func bodyLimit() async throws {
        try await withTestServer(maxBodyBytes: 64 * 1024) { context, client in
            try await context.makeProject("desk")
            let (_, token) = try await context.makeUserWithToken("ed")
            try await context.addMember("desk", "ed", .editor)
            let big = String(repeating: "A long sentence of filler text. ", count: 4000)
            let response = try await client.send(
                .post, "/v1/projects/desk/articles", token: token, text: big)
            #expect(response.status == .contentTooLarge)
            #expect(try response.jsonObject()["code"] as? String == "request.too_large")
        }
    }

    @Test("bulk import: many records in one call, one transaction, the import's report as the answer")
    func bulkImport() async throws {
        try await withTestServer(maxBodyBytes: 4 * 1024, configure: { $0.maxImportBytes = 256 * 1024 }) { context, client in
            try await context.makeProject("desk")
            try await context.makeProject("other")
            let (_, token) = try await context.makeUserWithToken("ed")
            try await context.addMember("desk", "ed", .editor)
            let (_, viewerToken) = try await context.makeUserWithToken("viewer")
            try await context.addMember("desk", "viewer", .viewer)
            let existing = try await context.makeArticle("desk", body: "Already here. It was imported before.")
            // 300 records over the single-record limit, one of them the article already present and one
            // repeating an earlier record of the same body.
            var lines = (0..<300).map { i in
                #"{"externalId":"bulk-\#(i)","title":"Item \#(i)","body":"Record \#(i) arrived in bulk. The desk checks it later."}"#
            }
            lines.append(#"{"body":"Already here. It was imported before."}"#)
            lines.append(lines[7])
            let body = Array((lines.joined(separator: "\n") + "\n").utf8)
            #expect(body.count > 4 * 1024)
            let response = try await client.send(
                .post, "/v1/projects/desk/articles", token: token, bytes: body, contentType: "application/x-ndjson")
            #expect(response.status == .ok, "\(response.text)")
            let report = try response.jsonObject()
            #expect(report["imported"] as? Int == 300 && report["duplicates"] as? Int == 2 && report["failed"] as? Int == 0, "\(report)")
            #expect((report["articles"] as? [String])?.count == 300)
            let duplicateOf = report["duplicateOf"] as? [String]
            #expect(duplicateOf?.first == existing.lowercasedString && duplicateOf?.count == 2)
            #expect((report["spans"] as? Int ?? 0) >= 600)
            #expect(try await context.sql("SELECT count(*) FROM articles") == [["301"]])

            // One bad line refuses the whole body and names the line; nothing is written.
            let bad = Array(
                #"{"externalId":"fresh-1","body":"A fresh record. Not yet stored."}\#n{"externalId":"fresh-2","publishedAt":"yesterday","body":"Bad date. Refused."}\#n"#
                    .utf8)
            let refused = try await client.send(
                .post, "/v1/projects/desk/articles", token: token, bytes: bad, contentType: "application/x-ndjson")
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            let paths = (try refused.jsonObject()["errors"] as? [[String: Any]])?.compactMap { $0["path"] as? String } ?? []
            #expect(paths.contains { $0.hasPrefix("line 2") }, "\(paths)")
            #expect(try await context.sql("SELECT count(*) FROM articles") == [["301"]])
            // skipInvalid imports the good ones and reports the bad.
            let skipped = try await client.send(
                .post, "/v1/projects/desk/articles?skipInvalid=true", token: token, bytes: bad, contentType: "application/x-ndjson")
            #expect(skipped.status == .ok, "\(skipped.text)")
            let skippedReport = try skipped.jsonObject()
            #expect(skippedReport["imported"] as? Int == 1 && skippedReport["failed"] as? Int == 1, "\(skippedReport)")

            // The same rules as one record: viewers may not import, outsiders learn nothing, the bulk limit holds.
            let viewer = try await client.send(
                .post, "/v1/projects/desk/articles", token: viewerToken, bytes: body, contentType: "application/x-ndjson")
            #expect(viewer.status == .forbidden)
            let outsider = try await client.send(
                .post, "/v1/projects/other/articles", token: token, bytes: body, contentType: "application/x-ndjson")
            #expect(outsider.status == .notFound)
            let huge = Array(String(repeating: lines[0] + "\n", count: 3000).utf8)
            let tooLarge = try await client.send(
                .post, "/v1/projects/desk/articles", token: token, bytes: huge, contentType: "application/x-ndjson")
            #expect(tooLarge.status == .contentTooLarge)
            #expect(try await context.sql("SELECT count(*) FROM articles") == [["302"]])
        }
    }

    @Test("listing: keyset pages of at most `limit`, newest first, cursor validated")
    func pagination() async throws {
        try await withTestServer { context, client in
            try await context.makeProject("desk")
            let (_, token) = try await context.makeUserWithToken("viewer")
            try await context.addMember("desk", "viewer", .viewer)
            var created: [UUID] = []
            for i in 0..<7 {
                created.append(
                    try await context.makeArticle("desk", body: "Article number \(i). It is here."))
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let uri = "/v1/projects/desk/articles?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.send(.get, uri, token: token)
                #expect(page.status == .ok)
                let object = try page.jsonObject()
                let items = try #require(object["items"] as? [[String: Any]])
                #expect(items.count <= 3)
                seen += items.compactMap { $0["id"] as? String }
                cursor = object["nextCursor"] as? String
            } while cursor != nil
            #expect(seen.count == 7)
            #expect(Set(seen) == Set(created.map { $0.uuidString.lowercased() }))
            #expect(seen == created.reversed().map { $0.uuidString.lowercased() })

            #expect(
                try await client.send(.get, "/v1/projects/desk/articles?limit=0", token: token).status
                    == .unprocessableContent)
            #expect(
                try await client.send(.get, "/v1/projects/desk/articles?limit=201", token: token).status
                    == .unprocessableContent)
            #expect(
                try await client.send(.get, "/v1/projects/desk/articles?limit=ten", token: token).status
                    == .badRequest)
            #expect(
                try await client.send(.get, "/v1/projects/desk/articles?cursor=garbage", token: token)
                    .status == .unprocessableContent)
        }
    }

    @Test("listing: the page written by hand is the generated handler's, answers and refusals alike")
    func listingWrittenByHand() async throws {
        try await withTestServer { context, client in
            try await context.makeProject("desk")
            let (_, token) = try await context.makeUserWithToken("viewer")
            try await context.addMember("desk", "viewer", .viewer)
            let (_, editor) = try await context.makeUserWithToken("editor")
            try await context.addMember("desk", "editor", .editor)
            for i in 0..<5 {
                let record = """
                    {"externalId":"x\(i)","title":"A \\"quoted\\" title \(i) — Zoë","author":"Ana Díaz","url":"https://example.org/a/\(i)?p=1",
                    "publishedAt":"2026-11-2\(i)T08:30:00Z","language":"en","body":"Story \(i) starts here. It ends here."}
                    """
                #expect(try await client.send(.post, "/v1/projects/desk/articles", token: editor, json: record).status == .created)
            }
            try await context.makeArticle("desk", body: "Bare article. No metadata at all.")
            // An Accept header with alternatives is left to the generated handler; the plain one is answered by hand.
            var generated = HTTPFields()
            generated[.accept] = "application/json, text/plain;q=0.5"
            var cursor: String?
            var pages = 0
            repeat {
                let uri = "/v1/projects/desk/articles?limit=4" + (cursor.map { "&cursor=\($0)" } ?? "")
                let byHand = try await client.send(.get, uri, token: token)
                let byGenerated = try await client.send(.get, uri, token: token, headers: generated)
                #expect(byHand.status == .ok && byGenerated.status == .ok)
                #expect(byHand.headers[.contentType] == byGenerated.headers[.contentType])
                let (mine, theirs) = (try byHand.jsonObject() as NSDictionary, try byGenerated.jsonObject() as NSDictionary)
                #expect(mine == theirs)
                #expect((mine["items"] as? [Any])?.isEmpty == false)
                // Which writer answered shows in one harmless difference: Foundation's encoder escapes
                // slashes, JSONWriter does not.
                #expect(byHand.text.contains("\"https://example.org/a/") && !byHand.text.contains(#"\/"#))
                #expect(byGenerated.text.contains(#"https:\/\/example.org"#))
                cursor = mine["nextCursor"] as? String
                pages += 1
            } while cursor != nil && pages < 5
            #expect(pages == 2)
            for uri in ["/v1/projects/desk/articles?limit=0", "/v1/projects/desk/articles?cursor=garbage", "/v1/projects/nope/articles"] {
                let byHand = try await client.send(.get, uri, token: token)
                let byGenerated = try await client.send(.get, uri, token: token, headers: generated)
                #expect(byHand.status == byGenerated.status && byHand.status != .ok, "\(uri)")
                #expect(byHand.headers[.contentType] == byGenerated.headers[.contentType], "\(uri)")
                #expect(try byHand.jsonObject() as NSDictionary == byGenerated.jsonObject() as NSDictionary, "\(uri)")
            }
        }
    }

    @Test(
        "isolation: outsiders get 404 for the project and its articles; viewers may read, not import")
    func isolation() async throws {
        try await withTestServer { context, client in
            let project = try await context.makeProject("desk")
            try await context.makeProject("other")
            let id = try await context.makeArticle("desk")
            let (_, outsider) = try await context.makeUserWithToken("outsider")
            try await context.addMember("other", "outsider", .owner)
            let (_, viewer) = try await context.makeUserWithToken("viewer")
            try await context.addMember("desk", "viewer", .viewer)

            for uri in [
                "/v1/projects/desk/articles", "/v1/projects/\(project.id.uuidString)/articles",
                "/v1/articles/\(id.uuidString)", "/v1/projects/nope/articles",
                "/v1/articles/\(UUID().uuidString)",
            ] {
                let response = try await client.send(.get, uri, token: outsider)
                #expect(response.status == .notFound, "\(uri)")
            }
            let post = try await client.send(
                .post, "/v1/projects/desk/articles", token: outsider, json: #"{"body":"Sneaky."}"#)
            #expect(post.status == .notFound)

            #expect(
                try await client.send(.get, "/v1/articles/\(id.uuidString)", token: viewer).status == .ok)
            #expect(
                try await client.send(
                    .post, "/v1/projects/desk/articles", token: viewer, json: #"{"body":"Viewers can't."}"#
                ).status == .forbidden)
        }
    }
}
