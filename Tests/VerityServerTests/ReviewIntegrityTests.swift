import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import VerityCore
import VerityData
import VerityServices
import VerityTestSupport

private func json(_ response: TestResponse) throws -> [String: Any] { try response.jsonObject() }

/// Walks a listing by `nextCursor` and returns every item's `key`, in order.
private func walk(_ client: some TestClientProtocol, _ path: String, token: String, key: String = "id", limit: Int = 7) async throws -> [String] {
    var seen: [String] = []
    var cursor: String?
    for _ in 0..<1_000 {
        let separator = path.contains("?") ? "&" : "?"
        let uri =
            path + separator + "limit=\(limit)" + (cursor.map { "&cursor=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" } ?? "")
        let response = try await client.send(.get, uri, token: token)
        #expect(response.status == .ok, "\(uri): \(response.status) \(response.text)")
        let page = try json(response)
        let items = page["items"] as? [[String: Any]] ?? []
        seen += items.map { "\($0[key] ?? "?")" }
        cursor = page["nextCursor"] as? String
        if cursor == nil { break }
    }
    return seen
}

/// The review record stays true: complete listings, independent ratings, incremental exports that
/// miss nothing, duplicates that agree with the index, published claims that stay put, and an audit
/// trail that misses nothing.
@Suite("HTTP: the review record stays true")
struct ReviewIntegrityTests {
    @Test("every listing walks every row exactly once, however many share one timestamp")
    func completeListings() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let t = desk.tokens
            // 16 files of 40 articles: each file is one transaction, so its 40 rows share one created_at.
            for file in 0..<16 {
                let records = try (0..<40).map { i in
                    ImportRecord(line: i + 1, result: .success(try ArticleRecord(body: "Article \(file)-\(i) about inflation and prices.").draft()))
                }
                _ = try await context.articles.importRecords(records, source: "file-\(file)", project: "desk", actor: .system)
            }
            let articles = try await walk(client, "/v1/projects/desk/articles", token: t["view"]!)
            #expect(articles.count == 641 && Set(articles).count == 641, "\(articles.count) seen, \(Set(articles).count) distinct")

            // 300 claims, 300 audit events, 300 webhook deliveries and 300 members made in one statement each.
            try await context.sql(
                """
                INSERT INTO claims (project_id, article_id, start_cp, end_cp, start_utf16, end_utf16, exact, prefix, suffix, span_ordinals)
                SELECT a.project_id, a.id, 0, 3, 0, 3, 'The', '', ' minister', '{0}' FROM articles a, generate_series(1, 300)
                WHERE a.id = '\(desk.articleId)'
                """)
            let claims = try await walk(client, "/v1/projects/desk/claims", token: t["view"]!, limit: 25)
            #expect(claims.count == 300 && Set(claims).count == 300, "claims: \(claims.count)")
            try await context.sql(
                """
                INSERT INTO audit_events (project_id, action, object_type, object_id)
                SELECT p.id, 'claim.updated', 'claim', 'c' || g FROM projects p, generate_series(1, 300) g WHERE p.slug = 'desk'
                """)
            let audit = try await walk(client, "/v1/projects/desk/audit", token: t["own"]!, limit: 25)
            let auditTotal = try await context.sql(
                "SELECT count(*) FROM audit_events WHERE project_id = (SELECT id FROM projects WHERE slug = 'desk')")
            #expect(
                Set(audit).count == audit.count && audit.count >= 300 && [String(audit.count)] == auditTotal.first, "\(audit.count) of \(auditTotal)")
            let hook = try json(try await client.send(.post, "/v1/projects/desk/webhooks", token: t["own"], json: #"{"url":"http://127.0.0.1:9/x"}"#))
            let hookId = try #require(hook["id"] as? String)
            try await context.sql(
                """
                INSERT INTO webhook_deliveries (project_id, webhook_id, event_id, message_id, payload)
                SELECT w.project_id, w.id, g, 'm' || g, '{}' FROM webhooks w, generate_series(1, 300) g WHERE w.id = '\(hookId)'
                """)
            let deliveries = try await walk(client, "/v1/projects/desk/webhooks/\(hookId)/deliveries", token: t["own"]!, limit: 25)
            #expect(deliveries.count == 300 && Set(deliveries).count == 300, "deliveries: \(deliveries.count)")
            try await context.sql(
                """
                WITH u AS (INSERT INTO users (username) SELECT 'member' || g FROM generate_series(1, 300) g RETURNING id)
                INSERT INTO memberships (project_id, user_id, role) SELECT p.id, u.id, 'viewer' FROM projects p, u WHERE p.slug = 'desk'
                """)
            let members = try await walk(client, "/v1/projects/desk/members", token: t["view"]!, key: "username", limit: 25)
            #expect(members.count == 306 && Set(members).count == 306, "members: \(members.count)")
            // Search: 640 articles match equally well.
            let hits = try await walk(client, "/v1/projects/desk/search?q=inflation", token: t["view"]!, key: "articleId", limit: 25)
            #expect(hits.count == 640 && Set(hits).count == 640, "search: \(hits.count)")
            // Revisions: 300 earlier texts archived at once.
            try await context.sql(
                """
                INSERT INTO article_revisions (project_id, article_id, revision, content_hash, text, code_points, utf16_length, spans, created_at)
                SELECT a.project_id, a.id, -g + 1000, a.content_hash, a.text, a.code_points, a.utf16_length, '[]', now()
                FROM articles a, generate_series(1, 300) g WHERE a.id = '\(desk.articleId)'
                """)
            let revisions = try json(try await client.send(.get, "/v1/articles/\(desk.articleId)/revisions", token: t["view"]))
            #expect((revisions["items"] as? [[String: Any]])?.count == 301)
        }
    }

    @Test("a reviewer who changes a verdict after seeing another keeps their independent rating; agreement is computed on it")
    func independentRatings() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let t = desk.tokens
            let claim = try json(try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: t["r1"], json: #"{"start":0,"end":3}"#))
            let claimId = try #require(claim["id"] as? String)
            #expect(
                try await client.send(.put, "/v1/claims/\(claimId)/verdicts/mine", token: t["r1"], json: #"{"rating":"mixed"}"#).status == .created)
            #expect(
                try await client.send(.put, "/v1/claims/\(claimId)/verdicts/mine", token: t["r2"], json: #"{"rating":"false"}"#).status == .created)
            // r1 reads r2's "false", then changes theirs to match.
            let seen = try json(try await client.send(.get, "/v1/claims/\(claimId)/verdicts", token: t["r1"]))
            #expect((seen["items"] as? [[String: Any]])?.count == 2)
            let changed = try await client.send(
                .put, "/v1/claims/\(claimId)/verdicts/mine", token: t["r1"], json: #"{"rating":"false"}"#, headers: [.ifMatch: "\"v1\""])
            #expect(changed.status == .ok, "\(changed.text)")
            let verdict = try json(changed)
            #expect(verdict["rating"] as? String == "false" && verdict["independentRating"] as? String == "mixed")
            #expect(verdict["revisedAfterSeeing"] as? Bool == true)
            let r2 = try #require(
                (try json(try await client.send(.get, "/v1/claims/\(claimId)/verdicts", token: t["ed"]))["items"] as? [[String: Any]])?
                    .first { $0["reviewer"] as? String == "r2" })
            #expect(r2["independentRating"] as? String == "false" && r2["revisedAfterSeeing"] as? Bool == false)

            let independent = try json(try await client.send(.get, "/v1/projects/desk/agreement", token: t["ed"]))
            #expect(independent["basis"] as? String == "independent" && independent["percentAgreement"] as? Double == 0, "\(independent)")
            let final = try json(try await client.send(.get, "/v1/projects/desk/agreement?basis=final", token: t["ed"]))
            #expect(final["basis"] as? String == "final" && final["percentAgreement"] as? Double == 1, "\(final)")
            #expect(try await client.send(.get, "/v1/projects/desk/agreement?basis=peeked", token: t["ed"]).status.code == 400)
            // The history shows the change and that it came after seeing.
            let history = try json(try await client.send(.get, "/v1/claims/\(claimId)/history", token: t["ed"]))
            let update = (history["items"] as? [[String: Any]])?.first { $0["action"] as? String == "verdict.updated" }
            #expect(((update?["after"] as? [String: Any])?["revisedAfterSeeing"] as? Bool) == true)
            // Both travel in Verity's archive and in the CSV export.
            let archive = try await client.send(.get, "/v1/projects/desk/export?format=jsonl&status=all", token: t["ed"]).text
            #expect(archive.contains(#""independentRating":"mixed""#) && archive.contains(#""revisedAfterSeeing":true"#))
            let csv = try await client.send(.get, "/v1/projects/desk/export?format=csv&status=all", token: t["ed"]).text
            #expect(csv.contains("independent_verdicts") && csv.contains("r1:mixed;r2:false"), "\(csv)")

            // A strict desk refuses the change outright.
            let strict = try await client.send(.patch, "/v1/projects/desk", token: t["own"], json: #"{"lockVerdictsAfterReveal":true}"#)
            #expect(try strict.status == .ok && (try json(strict)["lockVerdictsAfterReveal"] as? Bool) == true)
            #expect(
                try await client.send(.patch, "/v1/projects/desk", token: t["ed"], json: #"{"lockVerdictsAfterReveal":false}"#).status == .forbidden)
            let refused = try await client.send(
                .put, "/v1/claims/\(claimId)/verdicts/mine", token: t["r2"], json: #"{"rating":"true"}"#, headers: [.ifMatch: "\"v1\""])
            #expect(try refused.status == .conflict && (try json(refused)["code"] as? String) == "verdict.locked_after_reveal")
            // Before anyone else has rated, a change is no peek and is allowed, strict or not.
            let lone = try json(try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: t["r1"], json: #"{"start":4,"end":12}"#))
            let loneId = try #require(lone["id"] as? String)
            _ = try await client.send(.put, "/v1/claims/\(loneId)/verdicts/mine", token: t["r1"], json: #"{"rating":"true"}"#)
            let revised = try await client.send(
                .put, "/v1/claims/\(loneId)/verdicts/mine", token: t["r1"], json: #"{"rating":"mixed"}"#, headers: [.ifMatch: "\"v1\""])
            #expect(try revised.status == .ok && (try json(revised)["revisedAfterSeeing"] as? Bool) == false)
            #expect((try json(revised)["independentRating"] as? String) == "true")
        }
    }

    @Test("an incremental export includes every claim whose exported content changed since, and tombstones for deleted ones")
    func incrementalExports() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let t = desk.tokens
            var ids: [String] = []
            for start in [0, 4, 13, 18] {
                let claim = try json(
                    try await client.send(
                        .post, "/v1/articles/\(desk.articleId)/claims", token: t["r1"], json: #"{"start":\#(start),"end":\#(start + 3)}"#))
                let id = try #require(claim["id"] as? String)
                ids.append(id)
                for reviewer in ["r1", "r2"] {
                    _ = try await client.send(.put, "/v1/claims/\(id)/verdicts/mine", token: t[reviewer], json: #"{"rating":"false"}"#)
                }
                _ = try await client.send(.put, "/v1/claims/\(id)/resolution", token: t["ed"], json: #"{"rating":"false"}"#)
            }
            let untouched = ids[3]
            try await Task.sleep(for: .milliseconds(50))
            let since = Timestamp.microseconds(Date())
            try await Task.sleep(for: .milliseconds(50))
            // After T: a resolution revised, a verdict-free change of metadata, and a deletion.
            #expect(
                try await client.send(
                    .put, "/v1/claims/\(ids[0])/resolution", token: t["ed"], json: #"{"rating":"mostly-false","rationale":"revised"}"#,
                    headers: [.ifMatch: "\"v1\""]
                ).status == .ok)
            let current = try json(try await client.send(.get, "/v1/claims/\(ids[1])", token: t["ed"]))
            #expect(
                try await client.send(
                    .patch, "/v1/claims/\(ids[1])", token: t["ed"], json: #"{"note":"source added"}"#,
                    headers: [.ifMatch: try #require(current["etag"] as? String)]
                ).status == .ok)
            let doomed = try json(try await client.send(.get, "/v1/claims/\(ids[2])", token: t["ed"]))
            #expect(
                try await client.send(.delete, "/v1/claims/\(ids[2])", token: t["ed"], headers: [.ifMatch: try #require(doomed["etag"] as? String)])
                    .status == .noContent)

            let query = since.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let lines = try await client.send(.get, "/v1/projects/desk/export?format=jsonl&since=\(query)", token: t["ed"]).text
                .split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            let claimIds = lines.filter { $0["kind"] as? String == "verity.claim" }.compactMap { $0["id"] as? String }
            #expect(Set(claimIds) == [ids[0], ids[1]], "\(claimIds)")
            let tombstones = lines.filter { $0["kind"] as? String == "verity.deleted" }
            #expect(tombstones.count == 1 && tombstones.first?["claimId"] as? String == ids[2] && tombstones.first?["reason"] as? String == "deleted")
            #expect(!claimIds.contains(untouched))
            // The same through the other formats' filter: the revised resolution is in the ClaimReview export.
            _ = try await context.projects.updateSettings(
                project: "desk", actor: .system, ProjectSettingsChange(reviewURLTemplate: "https://desk.example/checks/{claim}"))
            let reviews = try await client.send(.get, "/v1/projects/desk/export?format=claimreview&since=\(query)", token: t["ed"]).text
            #expect(reviews.contains("Mostly false"))
        }
    }

    @Test("a record whose text another article already holds is a duplicate (200), never 409; concurrent posts agree")
    func duplicates() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let t = desk.tokens
            let a = try await client.send(.post, "/v1/projects/desk/articles", token: t["ed"], json: #"{"externalId":"a","body":"Alpha text here."}"#)
            let b = try await client.send(.post, "/v1/projects/desk/articles", token: t["ed"], json: #"{"externalId":"b","body":"Beta text here."}"#)
            #expect(a.status == .created && b.status == .created)
            // "a" corrected to exactly the text "b" holds: the index would refuse it; the check agrees.
            let clash = try await client.send(
                .post, "/v1/projects/desk/articles", token: t["ed"], json: #"{"externalId":"a","body":"Beta  text here."}"#)
            #expect(clash.status == .ok, "\(clash.status) \(clash.text)")
            // Same canonical text, another external id, or none.
            for body in [#"{"externalId":"c","body":"Alpha   text here."}"#, #"{"body":"Alpha text here.\n"}"#, #"{"body":"Alpha text\u00a0here."}"#]
            {
                let response = try await client.send(.post, "/v1/projects/desk/articles", token: t["ed"], json: body)
                #expect([200, 201].contains(response.status.code), "\(body): \(response.status) \(response.text)")
            }
            // Twelve identical posts at once: one creates, the others find it. (Imports into a project take turns;
            // on a loaded machine a turn can outwait the pool's acquire limit: 503 with Retry-After, nothing written.)
            let api = try ConcurrentClient(client, connections: 12)
            let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        let response = try await api.send(
                            "POST", "/v1/projects/desk/articles", token: t["ed"]!, json: #"{"body":"Gamma arrives twelve times."}"#)
                        return (response.status, response.headers["retry-after"])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0.0 == 201 }.count == 1, "\(statuses)")
            #expect(statuses.allSatisfy { [200, 201].contains($0.0) || ($0.0 == 503 && $0.1 != nil) }, "\(statuses)")
            #expect(try await context.sql("SELECT count(*) FROM articles WHERE text LIKE 'Gamma%'") == [["1"]])
        }
    }

    @Test("published means final: nobody changes a published claim until an editor reopens it; its article's correction flags it")
    func publishedIsFinal() async throws {
        try await withTestServer { context, client in
            try await context.makeProject("desk")
            var t: [String: String] = [:]
            for (name, role) in [("r1", Role.reviewer), ("r2", .reviewer), ("ed", .editor)] {
                t[name] = try await context.makeUserWithToken(name).1
                try await context.addMember("desk", name, role)
            }
            let body = "The minister said taxes fell last year. Critics disagree strongly. The budget was balanced."
            let articleId = try await context.makeArticle("desk", body: body, externalId: "story").uuidString.lowercased()
            func claim(_ start: Int, _ end: Int, publish: Bool) async throws -> String {
                let claim = try json(
                    try await client.send(.post, "/v1/articles/\(articleId)/claims", token: t["r1"], json: #"{"start":\#(start),"end":\#(end)}"#))
                let id = try #require(claim["id"] as? String)
                for reviewer in ["r1", "r2"] {
                    _ = try await client.send(.put, "/v1/claims/\(id)/verdicts/mine", token: t[reviewer], json: #"{"rating":"false"}"#)
                }
                _ = try await client.send(.put, "/v1/claims/\(id)/resolution", token: t["ed"], json: #"{"rating":"false"}"#)
                if publish {
                    let current = try json(try await client.send(.get, "/v1/claims/\(id)", token: t["ed"]))
                    let published = try await client.send(
                        .patch, "/v1/claims/\(id)", token: t["ed"], json: #"{"status":"published"}"#,
                        headers: [.ifMatch: try #require(current["etag"] as? String)])
                    #expect(published.status == .ok)
                }
                return id
            }
            let published = try await claim(0, 38, publish: true)
            let verified = try await claim(67, 90, publish: false)
            func etag(_ id: String) async throws -> String {
                try #require(try json(try await client.send(.get, "/v1/claims/\(id)", token: t["ed"]))["etag"] as? String)
            }
            // Reviewers cannot change a resolved claim's metadata; nobody can change a published one.
            let reviewerEdit = try await client.send(
                .patch, "/v1/claims/\(verified)", token: t["r1"], json: #"{"note":"x"}"#, headers: [.ifMatch: try await etag(verified)])
            #expect(reviewerEdit.status == .forbidden, "\(reviewerEdit.text)")
            for (token, patch) in [("r1", #"{"claimant":"x"}"#), ("ed", #"{"tags":["y"]}"#)] {
                let refused = try await client.send(
                    .patch, "/v1/claims/\(published)", token: t[token], json: patch, headers: [.ifMatch: try await etag(published)])
                #expect(try refused.status == .conflict && (try json(refused)["code"] as? String) == "claim.published", "\(token): \(refused.text)")
            }
            let resolveAgain = try await client.send(
                .put, "/v1/claims/\(published)/resolution", token: t["ed"], json: #"{"rating":"true"}"#, headers: [.ifMatch: "\"v1\""])
            #expect(resolveAgain.status == .conflict)
            #expect(
                try await client.send(.delete, "/v1/claims/\(published)", token: t["ed"], headers: [.ifMatch: try await etag(published)]).status
                    == .conflict)

            // The article is corrected: the verified claim moves, the published one stays and is flagged.
            let corrected = "Breaking update. " + body.replacingOccurrences(of: "Critics disagree strongly.", with: "Critics disagree.")
            _ = try await context.articles.importRecords(
                [ImportRecord(line: 1, result: .success(try ArticleRecord(externalId: "story", body: corrected).draft()))], source: "fix",
                project: "desk", actor: .system)
            let flagged = try json(try await client.send(.get, "/v1/claims/\(published)", token: t["ed"]))
            #expect(flagged["needsReview"] as? String == "article_revised" && flagged["anchoring"] as? String == "orphaned", "\(flagged)")
            #expect(flagged["start"] as? Int == 0 && flagged["revision"] as? Int == 1 && flagged["status"] as? String == "published")
            let moved = try json(try await client.send(.get, "/v1/claims/\(verified)", token: t["ed"]))
            #expect(moved["revision"] as? Int == 2 && moved["needsReview"] == nil && moved["anchoring"] as? String != "orphaned", "\(moved)")

            // An editor reopens it (audited), re-attaches it, and may publish again.
            let reopened = try await client.send(
                .patch, "/v1/claims/\(published)", token: t["ed"], json: #"{"status":"verified"}"#, headers: [.ifMatch: try await etag(published)])
            #expect(reopened.status == .ok, "\(reopened.text)")
            let reattached = try await client.send(
                .put, "/v1/claims/\(published)/anchor", token: t["ed"], json: #"{"start":17,"end":55}"#,
                headers: [.ifMatch: try await etag(published)])
            #expect(try reattached.status == .ok && (try json(reattached)["needsReview"]) == nil, "\(reattached.text)")
            let actions = try await context.sql("SELECT action FROM audit_events WHERE object_id = '\(published)' ORDER BY id").compactMap { $0[0] }
            #expect(actions.contains("claim.flagged") && actions.contains("claim.reopened") && actions.contains("claim.reattached"), "\(actions)")
        }
    }

    @Test("deleting a claim audits its verdicts and resolution too")
    func deletionIsAudited() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let t = desk.tokens
            let claim = try json(try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: t["r1"], json: #"{"start":0,"end":3}"#))
            let id = try #require(claim["id"] as? String)
            for reviewer in ["r1", "r2"] {
                _ = try await client.send(.put, "/v1/claims/\(id)/verdicts/mine", token: t[reviewer], json: #"{"rating":"true"}"#)
            }
            _ = try await client.send(.put, "/v1/claims/\(id)/resolution", token: t["ed"], json: #"{"rating":"true"}"#)
            let etag = try #require(try json(try await client.send(.get, "/v1/claims/\(id)", token: t["ed"]))["etag"] as? String)
            #expect(try await client.send(.delete, "/v1/claims/\(id)", token: t["ed"], headers: [.ifMatch: etag]).status == .noContent)
            let audit = try await context.sql(
                "SELECT action, before->>'rating' FROM audit_events WHERE action LIKE '%.deleted' ORDER BY id")
            #expect(audit.map { $0[0] ?? "" } == ["verdict.deleted", "verdict.deleted", "resolution.deleted", "claim.deleted"], "\(audit)")
            #expect(audit.prefix(3).allSatisfy { $0[1] == "true" })
        }
    }

    @Test("a claim made while its article is being revised waits for the revision and is refused, never left in the old text")
    func claimWaitsForRevision() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            // A revision under way: its transaction holds the article row and has moved it to revision 2.
            let revision = try await HeldTransaction(context.settings)
            try await revision.execute("SELECT id FROM articles WHERE id = $1 FOR UPDATE", [desk.articleId])
            try await revision.execute("UPDATE articles SET revision = revision + 1 WHERE id = $1", [desk.articleId])
            let started = ContinuousClock.now
            let creation = Task {
                try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: desk.tokens["r1"], json: #"{"start":0,"end":3}"#)
            }
            // Commit only once the claim's insert is waiting on the article's lock.
            var waiting = false
            while !waiting && ContinuousClock.now - started < .seconds(30) {
                try await Task.sleep(for: .milliseconds(50))
                waiting =
                    try await context.sql(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO claims%'"
                    ) == [["1"]]
            }
            #expect(waiting, "the claim never waited for the article")
            try await revision.commit()
            let response = try await creation.value
            #expect(
                try response.status == .conflict && (try json(response)["code"] as? String) == "claim.article_revised",
                "\(response.status) \(response.text)")
            #expect(try await context.sql("SELECT count(*) FROM claims") == [["0"]])
        }
    }

    @Test("a transaction that commits after 300 newer events is still broadcast, and Last-Event-ID recovers it")
    func lateCommits() async throws {
        try await withTestServer(configure: { $0.runsLiveEvents = true }) { context, client in
            let desk = try await Desk.make(context)
            let projectId = try #require(try await context.sql("SELECT id FROM projects WHERE slug = 'desk'").first?[0] ?? nil)
            let port = try #require(client.port)
            let live = try SSEClient(port: port, path: "/v1/projects/desk/events", token: desk.tokens["ed"]!)
            defer { live.close() }
            #expect(try await live.waitForHead().hasPrefix("HTTP/1.1 200"))
            // One transaction takes an audit id and stays open…
            let late = try await HeldTransaction(context.settings)
            try await late.execute(
                "INSERT INTO audit_events (project_id, action, object_type, object_id) VALUES ($1, 'claim.updated', 'claim', 'the-late-one')",
                [projectId])
            // …while 300 others commit.
            for i in 0..<300 {
                try await context.sql(
                    "INSERT INTO audit_events (project_id, action, object_type, object_id) VALUES ($1, 'claim.updated', 'claim', $2)",
                    [projectId, "early-\(i)"])
            }
            let before = try await live.wait(timeout: .seconds(20)) { $0.count >= 300 }
            #expect(before.count == 300, "\(before.count) events before the late commit")
            let lastBefore = try #require(before.last?.id)
            try await late.commit()
            let after = try await live.wait(timeout: .seconds(10)) { $0.contains { $0.data.contains("the-late-one") } }
            #expect(after.contains { $0.data.contains("the-late-one") }, "the late commit was never broadcast")
            // A client that left before the late commit gets it when it comes back with its last id.
            let resumed = try SSEClient(port: port, path: "/v1/projects/desk/events", token: desk.tokens["ed"]!, lastEventId: lastBefore)
            defer { resumed.close() }
            let replay = try await resumed.wait(timeout: .seconds(10)) { $0.contains { $0.data.contains("the-late-one") } }
            #expect(replay.filter { $0.data.contains("the-late-one") }.count == 1, "\(replay.count) replayed")
            #expect(!replay.contains { $0.data.contains("early-") }, "the replay sent again what the client had")
        }
    }
}
