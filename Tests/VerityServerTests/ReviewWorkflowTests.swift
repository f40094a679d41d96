import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import VerityCore
import VerityTestSupport

/// A desk: project `desk` (k = 2, blind), two reviewers, an editor, a viewer, an owner, and an outsider
/// who owns another project. Tokens by name.
struct Desk {
    var tokens: [String: String] = [:]
    var articleId = ""

    static func make(
        _ context: TestContext, k: Int = 2,
        body: String = "The minister said taxes fell by 3.5% last year. Critics disagree. 👩🏽‍💻 Émile wrote e\u{0301}clat."
    ) async throws -> Desk {
        var desk = Desk()
        try await context.makeProject("desk", k: k)
        try await context.makeProject("other")
        for (name, role) in [("r1", Role.reviewer), ("r2", .reviewer), ("r3", .reviewer), ("ed", .editor), ("view", .viewer), ("own", .owner)] {
            desk.tokens[name] = try await context.makeUserWithToken(name).1
            try await context.addMember("desk", name, role)
        }
        desk.tokens["out"] = try await context.makeUserWithToken("out").1
        try await context.addMember("other", "out", .owner)
        desk.articleId = try await context.makeArticle("desk", body: body).uuidString.lowercased()
        return desk
    }
}

private func json(_ response: TestResponse) throws -> [String: Any] { try response.jsonObject() }

@Suite("HTTP: review workflow")
struct ReviewWorkflowTests {
    @Test("blind review before and after submitting; resolution by editors only; viewers see verdicts after resolution")
    func blindReview() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let t = desk.tokens
            let created = try await client.send(
                .post, "/v1/articles/\(desk.articleId)/claims", token: t["r1"],
                json: #"{"start":0,"end":47,"exact":"The minister said taxes fell by 3.5% last year.","tags":["economy"]}"#)
            #expect(created.status == .created)
            let claim = try json(created)
            let claimId = try #require(claim["id"] as? String)
            #expect(created.headers[.eTag] == claim["etag"] as? String)
            #expect(claim["status"] as? String == "open")
            #expect(claim["spanOrdinals"] as? [Int] == [0])

            func verdicts(_ who: String) async throws -> [String] {
                let response = try await client.send(.get, "/v1/claims/\(claimId)/verdicts", token: t[who])
                #expect(response.status == .ok)
                return (try json(response)["items"] as? [[String: Any]] ?? []).compactMap { $0["reviewer"] as? String }
            }
            let first = try await client.send(
                .put, "/v1/claims/\(claimId)/verdicts/mine", token: t["r1"],
                json:
                    #"{"rating":"mostly-false","confidence":0.8,"rationale":"Ministry data shows 2.1%.","evidence":[{"url":"https://stats.example.org/t","title":"Tables"}]}"#
            )
            #expect(first.status == .created)
            #expect(try await verdicts("r2") == [])
            #expect(try await verdicts("r1") == ["r1"])
            #expect(try await verdicts("view") == [])
            #expect(try await verdicts("ed") == ["r1"])
            #expect(try json(try await client.send(.get, "/v1/claims/\(claimId)", token: t["r1"]))["status"] as? String == "in_review")

            let second = try await client.send(.put, "/v1/claims/\(claimId)/verdicts/mine", token: t["r2"], json: #"{"rating":"false"}"#)
            #expect(second.status == .created)
            #expect(Set(try await verdicts("r2")) == ["r1", "r2"])
            #expect(try json(try await client.send(.get, "/v1/claims/\(claimId)", token: t["r1"]))["status"] as? String == "disputed")

            // Revising needs If-Match; a stale one is 412 with the current verdict and changes nothing.
            #expect(
                try await client.send(.put, "/v1/claims/\(claimId)/verdicts/mine", token: t["r2"], json: #"{"rating":"mixed"}"#).status.code == 428)
            let stale = try await client.send(
                .put, "/v1/claims/\(claimId)/verdicts/mine", token: t["r2"], json: #"{"rating":"mixed"}"#, headers: [.ifMatch: "\"v9\""])
            #expect(stale.status == .preconditionFailed)
            #expect(try json(stale)["rating"] as? String == "false")
            let revised = try await client.send(
                .put, "/v1/claims/\(claimId)/verdicts/mine", token: t["r2"], json: #"{"rating":"mostly-false"}"#, headers: [.ifMatch: "\"v1\""])
            #expect(revised.status == .ok)
            #expect(revised.headers[.eTag] == "\"v2\"")
            #expect(try json(try await client.send(.get, "/v1/claims/\(claimId)", token: t["r1"]))["status"] as? String == "agreed")

            for who in ["r1", "view"] {
                #expect(
                    try await client.send(.put, "/v1/claims/\(claimId)/resolution", token: t[who], json: #"{"rating":"mostly-false"}"#).status
                        == .forbidden)
            }
            #expect(
                try await client.send(.put, "/v1/claims/\(claimId)/resolution", token: t["ed"], json: #"{"rating":"sort-of"}"#).status
                    == .unprocessableContent)
            let resolution = try await client.send(
                .put, "/v1/claims/\(claimId)/resolution", token: t["ed"], json: #"{"rating":"mostly-false","rationale":"Both reviewers agree."}"#)
            #expect(resolution.status == .created)
            #expect((try json(resolution)["verdictIds"] as? [String])?.count == 2)
            #expect(try json(try await client.send(.get, "/v1/claims/\(claimId)", token: t["view"]))["status"] as? String == "verified")
            #expect(Set(try await verdicts("view")) == ["r1", "r2"])
            #expect(
                try await client.send(.put, "/v1/claims/\(claimId)/verdicts/mine", token: t["r3"], json: #"{"rating":"true"}"#).status == .conflict)

            // Publishing is a manual move; going back is not.
            let claimNow = try json(try await client.send(.get, "/v1/claims/\(claimId)", token: t["ed"]))
            let published = try await client.send(
                .patch, "/v1/claims/\(claimId)", token: t["ed"], json: #"{"status":"published"}"#, headers: [.ifMatch: claimNow["etag"] as! String])
            #expect(published.status == .ok)
            let back = try await client.send(
                .patch, "/v1/claims/\(claimId)", token: t["ed"], json: #"{"status":"open"}"#, headers: [.ifMatch: published.headers[.eTag]!])
            #expect(back.status == .conflict)
            #expect(try json(back)["code"] as? String == "claim.invalid_transition")

            // The whole story is in the claim's history, newest first, and the audit trail cannot be rewritten.
            let history = try json(try await client.send(.get, "/v1/claims/\(claimId)/history", token: t["ed"]))["items"] as? [[String: Any]] ?? []
            let actions = history.compactMap { $0["action"] as? String }
            #expect(actions.last == "claim.created")
            #expect(actions.filter { $0 == "verdict.submitted" }.count == 2)
            #expect(actions.contains("verdict.updated") && actions.contains("claim.status_changed"))
            #expect(try await client.send(.get, "/v1/claims/\(claimId)/history", token: t["r1"]).status == .forbidden)
            await #expect(throws: (any Error).self) { try await context.sql("UPDATE audit_events SET action = 'x'") }
            await #expect(throws: (any Error).self) { try await context.sql("DELETE FROM audit_events") }
            await #expect(throws: (any Error).self) { try await context.sql("TRUNCATE audit_events") }
        }
    }

    @Test("stale If-Match is 412 with the current claim and changes nothing; missing If-Match is 428")
    func staleWrites() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let t = desk.tokens
            let claim = try json(
                try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: t["r1"], json: #"{"start":0,"end":3,"note":"first"}"#))
            let id = claim["id"] as! String
            let ok = try await client.send(.patch, "/v1/claims/\(id)", token: t["r2"], json: #"{"note":"second"}"#, headers: [.ifMatch: "\"v1\""])
            #expect(ok.status == .ok)
            let stale = try await client.send(.patch, "/v1/claims/\(id)", token: t["r1"], json: #"{"note":"lost?"}"#, headers: [.ifMatch: "\"v1\""])
            #expect(stale.status == .preconditionFailed)
            #expect(try json(stale)["note"] as? String == "second")
            #expect(stale.headers[.eTag] == "\"v2\"")
            #expect(try await client.send(.patch, "/v1/claims/\(id)", token: t["r1"], json: #"{"note":"x"}"#).status.code == 428)
            #expect(try await client.send(.delete, "/v1/claims/\(id)", token: t["ed"], headers: [.ifMatch: "\"v1\""]).status == .preconditionFailed)
            #expect(try await client.send(.delete, "/v1/claims/\(id)", token: t["r1"], headers: [.ifMatch: "\"v2\""]).status == .forbidden)
            let after = try json(try await client.send(.get, "/v1/claims/\(id)", token: t["r1"]))
            #expect(after["note"] as? String == "second" && after["version"] as? Int == 2)
            #expect(try await client.send(.delete, "/v1/claims/\(id)", token: t["ed"], headers: [.ifMatch: "\"v2\""]).status == .noContent)
            #expect(try await client.send(.get, "/v1/claims/\(id)", token: t["ed"]).status == .notFound)
        }
    }

    @Test("offsets over HTTP: UTF-16 and code points name the same claim; splitting a character is 422")
    func offsets() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let t = desk.tokens
            let article = try json(try await client.send(.get, "/v1/articles/\(desk.articleId)", token: t["r1"]))
            let text = article["text"] as! String
            let emoji = text.range(of: "👩🏽‍💻")!
            let cp = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: emoji.lowerBound)
            let u16 = text.utf16.distance(from: text.utf16.startIndex, to: emoji.lowerBound)
            let byCP = try json(
                try await client.send(
                    .post, "/v1/articles/\(desk.articleId)/claims", token: t["r1"], json: #"{"start":\#(cp),"end":\#(cp + 4),"exact":"👩🏽‍💻"}"#))
            let byU16 = try json(
                try await client.send(
                    .post, "/v1/articles/\(desk.articleId)/claims", token: t["r1"], json: #"{"start":\#(u16),"end":\#(u16 + 7),"offsetUnit":"utf16"}"#
                ))
            for key in ["start", "end", "utf16Start", "utf16End", "exact"] {
                #expect(String(describing: byCP[key]!) == String(describing: byU16[key]!))
            }
            let split = try await client.send(
                .post, "/v1/articles/\(desk.articleId)/claims", token: t["r1"], json: #"{"start":\#(cp),"end":\#(cp + 2)}"#)
            #expect(split.status == .unprocessableContent)
            #expect(try json(split)["code"] as? String == "claim.splits_grapheme")
            for body in [
                #"{"start":-1,"end":2}"#, #"{"start":0,"end":9223372036854775807}"#, #"{"start":4,"end":4}"#, #"{"start":0,"end":3,"exact":"Nope"}"#,
            ] {
                #expect(
                    try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: t["r1"], json: body).status == .unprocessableContent,
                    "\(body)")
            }
            #expect(
                try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: t["r1"], json: #"{"start":"zero","end":2}"#).status
                    == .badRequest)
        }
    }

    @Test("the work queue: k = 2, three reviewers asking at once; each claim gets exactly 2 verdicts, no reviewer a claim twice")
    func queue() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let t = desk.tokens
            for i in 0..<8 {
                let response = try await client.send(
                    .post, "/v1/articles/\(desk.articleId)/claims", token: t["ed"], json: #"{"start":\#(i),"end":\#(i + 1)}"#)
                #expect(response.status == .created)
            }
            let http = try ConcurrentClient(client)
            let handed = try await withThrowingTaskGroup(of: (String, [String]).self) { group in
                for reviewer in ["r1", "r2", "r3"] {
                    group.addTask {
                        var got: [String] = []
                        while true {
                            let next = try await http.send("POST", "/v1/projects/desk/queue/next", token: t[reviewer]!)
                            if next.status == 204 { break }
                            #expect(next.status == 200)
                            let claim = try #require(next.body["claim"] as? [String: Any])
                            let id = try #require(claim["id"] as? String)
                            got.append(id)
                            let verdict = try await http.send(
                                "PUT", "/v1/claims/\(id)/verdicts/mine", token: t[reviewer]!, json: #"{"rating":"true"}"#)
                            #expect(verdict.status == 201, "\(verdict.body)")
                        }
                        return (reviewer, got)
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            for (reviewer, claims) in handed { #expect(Set(claims).count == claims.count, "\(reviewer) got a claim twice") }
            let counts = try await context.sql("SELECT count(*) FROM verdicts GROUP BY claim_id")
            #expect(counts.count == 8)
            #expect(counts.allSatisfy { $0[0] == "2" })
            #expect(try await client.send(.post, "/v1/projects/desk/queue/next", token: t["view"]).status == .forbidden)
        }
    }

    @Test("32 concurrent clients editing the same claims with If-Match: no accepted write is lost or stale, every one is audited")
    func concurrentWriters() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let t = desk.tokens
            var claimIds: [String] = []
            for i in 0..<4 {
                let claim = try json(
                    try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: t["ed"], json: #"{"start":\#(i),"end":\#(i + 2)}"#))
                claimIds.append(claim["id"] as! String)
            }
            let http = try ConcurrentClient(client)
            let ids = claimIds
            let deadline = ContinuousClock.now + .seconds(4)
            // (claim, version produced, note written) for every write the server accepted.
            let accepted = try await withThrowingTaskGroup(of: [(String, Int, String)].self) { group in
                for worker in 0..<32 {
                    group.addTask {
                        var mine: [(String, Int, String)] = []
                        var n = 0
                        while ContinuousClock.now < deadline {
                            let id = ids[(worker + n) % ids.count]
                            n += 1
                            let current = try await http.send("GET", "/v1/claims/\(id)", token: t["ed"]!)
                            guard current.status == 200, let etag = current.headers["etag"] else { continue }
                            let note = "w\(worker)-\(n)"
                            let result = try await http.send(
                                "PATCH", "/v1/claims/\(id)", token: t["ed"]!, json: #"{"note":"\#(note)"}"#, ifMatch: etag)
                            if result.status == 200 {
                                mine.append((id, result.body["version"] as! Int, note))
                            } else {
                                // A stale version is 412. On a loaded machine, 32 writers queueing on 4 row locks can also
                                // outwait the pool's acquire limit: that is 503 with Retry-After, a refusal that
                                // writes nothing, which is what this test is about.
                                #expect(
                                    result.status == 412 || (result.status == 503 && result.headers["retry-after"] != nil),
                                    "\(result.status) \(result.body)")
                            }
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            // At least the first write on every claim is accepted; how many more depends on scheduling.
            #expect(accepted.count >= claimIds.count)
            for id in claimIds {
                let writes = accepted.filter { $0.0 == id }.sorted { $0.1 < $1.1 }
                // Each accepted write made exactly the next version: none was accepted on a stale one.
                #expect(writes.map(\.1) == Array(2..<(2 + writes.count)))
                let final = try json(try await client.send(.get, "/v1/claims/\(id)", token: t["ed"]))
                #expect(final["note"] as? String == writes.last?.2)
                let audited = try await context.sql(
                    "SELECT after->>'version', after->'metadata'->>'note' FROM audit_events WHERE object_id = $1 AND action = 'claim.updated' ORDER BY id",
                    [id])
                #expect(audited.map { [$0[0] ?? "", $0[1] ?? ""] } == writes.map { [String($0.1), $0.2] })
            }
        }
    }
}
