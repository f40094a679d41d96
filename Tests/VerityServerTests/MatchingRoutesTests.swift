import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import VerityCore
import VerityServices
import VerityTestSupport

/// Published fact-checks for the tests, written for them: one per line, as a feed would carry them.
private let referenceFeed = [
    #"{"@context":"https://schema.org","@type":"ClaimReview","url":"https://checks.example/de-gdp-2023","claimReviewed":"Germany's economy shrank by 0.3% in 2023.","datePublished":"2024-03-08","author":{"@type":"Organization","name":"Checks Desk"},"reviewRating":{"@type":"Rating","alternateName":"True","ratingValue":5,"bestRating":5,"worstRating":1},"itemReviewed":{"@type":"Claim","author":{"@type":"Person","name":"A. Minister"},"datePublished":"2024-02-27","appearance":[{"@type":"CreativeWork","url":"https://news.example/a"}]},"inLanguage":"en"}"#,
    #"{"@context":"https://schema.org","@type":"ClaimReview","url":"https://checks.example/lisbon-rents","claimReviewed":"Rents in Lisbon doubled between 2015 and 2022.","author":"Global Fact Review","reviewRating":{"@type":"Rating","alternateName":"Mostly true"}}"#,
    #"{"@context":"https://schema.org","@type":"ClaimReview","url":"https://checks.example/eu-youth","claimReviewed":"Youth unemployment in the EU fell below 15% in 2023.","author":"Checks Desk","reviewRating":{"@type":"Rating","alternateName":"False"}}"#,
].joined(separator: "\n")

private let deskText =
    "Officials said the German economy contracted by 0.3 per cent in 2023. "
    + "A rival leaflet said Germany's economy grew by 0.3% in 2023. "
    + "The mayor said housing costs rose sharply. "
    + "Ministers claimed that taxes fell by 3.5% last year."

@Suite("HTTP: has this been checked before? Reference fact-checks and similar claims")
struct MatchingRoutesTests {
    @Test("references import over HTTP in every shape, idempotent by URL; bad reviews are listed by line and nothing is written")
    func importReferences() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context, body: deskText)
            let t = desk.tokens
            let ndjson = try await client.send(
                .post, "/v1/projects/desk/references", token: t["ed"], bytes: Array(referenceFeed.utf8), contentType: "application/x-ndjson")
            #expect(ndjson.status == .ok, "\(ndjson.text)")
            #expect(try ndjson.jsonObject()["references"] as? Int == 3)
            // The same reviews as a DataFeed: the URLs are known, so they are updated, not added.
            let elements = referenceFeed.split(separator: "\n").joined(separator: ",")
            let feed = #"{"@context":"https://schema.org","@type":"DataFeed","dataFeedElement":[\#(elements)]}"#
            let again = try await client.send(.post, "/v1/projects/desk/references", token: t["ed"], json: feed)
            #expect(try again.jsonObject()["references"] as? Int == 0 && (try again.jsonObject()["updated"] as? Int) == 3, "\(again.text)")
            #expect(try await context.sql("SELECT count(*) FROM reference_fact_checks") == [["3"]])
            let stored = try await context.sql(
                "SELECT author, claimant, claim_date, appearances::text, rating_value FROM reference_fact_checks "
                    + "WHERE url = 'https://checks.example/de-gdp-2023'")
            #expect(stored == [["Checks Desk", "A. Minister", "2024-02-27", "{https://news.example/a}", "5"]])
            // A bad review refuses the body, naming each review (line N = the Nth of an array).
            let bad = try await client.send(
                .post, "/v1/projects/desk/references", token: t["ed"],
                json: #"[{"@type":"ClaimReview","url":"https://checks.example/x","claimReviewed":"X.","reviewRating":{"alternateName":"True"}},"#
                    + #"{"@type":"ClaimReview","url":"ftp://nope","claimReviewed":"Y.","reviewRating":{"alternateName":"True"}}]"#)
            #expect(bad.status == .unprocessableContent, "\(bad.text)")
            #expect(try ((try bad.jsonObject()["errors"] as? [[String: Any]])?.compactMap { $0["path"] as? String }) == ["line 2: url"])
            #expect(try await context.sql("SELECT count(*) FROM reference_fact_checks") == [["3"]])
            // Reviewers may not import; outsiders learn nothing.
            #expect(try await client.send(.post, "/v1/projects/desk/references", token: t["r1"], json: feed).status == .forbidden)
            #expect(try await client.send(.post, "/v1/projects/desk/references", token: t["out"], json: "{}").status == .notFound)
        }
    }

    @Test("a restatement is checked before, a near miss (same entities and number, opposite direction) is not; new claims count their matches")
    func similar() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context, body: deskText)
            let t = desk.tokens
            _ = try await client.send(
                .post, "/v1/projects/desk/references", token: t["ed"], bytes: Array(referenceFeed.utf8), contentType: "application/x-ndjson")
            func similar(_ text: String, _ token: String? = nil) async throws -> [String: Any] {
                let query = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let response = try await client.send(.get, "/v1/projects/desk/similar?text=\(query)", token: token ?? t["r1"])
                #expect(response.status == .ok, "\(response.text)")
                return try response.jsonObject()
            }
            let restated = try await similar("The German economy contracted by three tenths of a per cent in 2023.")
            let first = try #require((restated["items"] as? [[String: Any]])?.first)
            #expect(restated["checkedBefore"] as? Bool == true, "\(restated)")
            #expect(first["url"] as? String == "https://checks.example/de-gdp-2023" && first["rating"] as? String == "True")
            for nearMiss in [
                "Germany's economy grew by 0.3% in 2023.", "Germany's economy shrank by 3% in 2023.", "France's economy shrank by 0.3% in 2023.",
                "Germany's economy shrank by 0.3% in 2019.", "Unemployment in the EU fell below 15% in 2023.",
            ] {
                let answer = try await similar(nearMiss)
                #expect(answer["checkedBefore"] as? Bool == false, "near miss reported as checked: \(nearMiss) → \(answer)")
            }
            #expect(try await client.send(.get, "/v1/projects/desk/similar?text=%20", token: t["r1"]).status == .unprocessableContent)
            #expect(try await client.send(.get, "/v1/projects/desk/similar?text=x", token: t["out"]).status == .notFound)

            // A claim on the restating sentence: 201 says it has a close match, and claim.matched names the fact-check.
            let made = try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: t["r1"], json: #"{"start":0,"end":69}"#)
            #expect(made.status == .created, "\(made.text)")
            #expect(try made.jsonObject()["matches"] as? Int == 1, "\(made.text)")
            let claimId = try #require(try made.jsonObject()["id"] as? String)
            let events = try await context.sql("SELECT after->'references'->0->>'url' FROM audit_events WHERE action = 'claim.matched'")
            #expect(events == [["https://checks.example/de-gdp-2023"]])
            // The GET of the same claim has no `matches` (it belongs to the 201).
            #expect(try await client.send(.get, "/v1/claims/\(claimId)", token: t["r1"]).jsonObject()["matches"] == nil)
            // The near-miss sentence: no match, no event.
            let other = try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: t["r1"], json: #"{"start":70,"end":130}"#)
            #expect(try other.jsonObject()["matches"] as? Int == 0, "\(other.text)")
            #expect(try await context.sql("SELECT count(*) FROM audit_events WHERE action = 'claim.matched'") == [["1"]])
            // /claims/{id}/similar leaves the claim itself out and finds the reference.
            let byClaim = try await client.send(.get, "/v1/claims/\(claimId)/similar", token: t["r2"])
            let items = try #require(try byClaim.jsonObject()["items"] as? [[String: Any]])
            #expect(!items.contains { $0["claimId"] as? String == claimId } && items.first?["kind"] as? String == "reference")
        }
    }

    @Test("a blind reviewer cannot learn another verdict through /similar; claims of projects the caller cannot read are not listed")
    func blind() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context, body: deskText)
            let t = desk.tokens
            let made = try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: t["r1"], json: #"{"start":174,"end":226}"#)
            let claimId = try #require(try made.jsonObject()["id"] as? String)
            _ = try await client.send(.put, "/v1/claims/\(claimId)/verdicts/mine", token: t["r1"], json: #"{"rating":"false"}"#)
            // Another project's claim on the same words, which desk members may not read.
            let foreign = try await context.makeArticle("other", body: "Ministers claimed that taxes fell by 3.5% last year.").lowercasedString
            _ = try await client.send(.post, "/v1/articles/\(foreign)/claims", token: t["out"], json: #"{"start":0,"end":52}"#)
            let query = "/v1/projects/desk/similar?text=Ministers%20said%20taxes%20fell%20by%203.5%25%20last%20year."
            let blind = try await client.send(.get, query, token: t["r2"])
            let items = try #require(try blind.jsonObject()["items"] as? [[String: Any]])
            #expect(items.count == 1 && items[0]["claimId"] as? String == claimId, "\(blind.text)")
            #expect(try items[0]["rating"] == nil && (try blind.jsonObject()["checkedBefore"] as? Bool) == false, "\(blind.text)")
            #expect(!blind.text.contains("false\""), "\(blind.text)")
            // Once resolved, everyone who may read the project sees the resolution, and it counts as checked.
            _ = try await client.send(.put, "/v1/claims/\(claimId)/verdicts/mine", token: t["r3"], json: #"{"rating":"false"}"#)
            let resolved = try await client.send(.put, "/v1/claims/\(claimId)/resolution", token: t["ed"], json: #"{"rating":"false"}"#)
            #expect(resolved.status == .ok || resolved.status == .created, "\(resolved.text)")
            let after = try await client.send(.get, query, token: t["r2"])
            #expect(try after.jsonObject()["checkedBefore"] as? Bool == true, "\(after.text)")
            #expect(try (try after.jsonObject()["items"] as? [[String: Any]])?.first?["rating"] as? String == "false")
        }
    }
}

@Suite("HTTP: control (gold) claims and reviewer quality")
struct GoldAndReviewerTests {
    @Test("a reviewer cannot tell a control claim from any response; the queue serves them at the project's rate")
    func indistinguishable() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context, body: deskText)
            let t = desk.tokens
            let port = try #require(client.port)
            var ids: [String] = []
            for range in [(0, 69), (70, 130), (131, 173)] {
                let made = try await client.send(
                    .post, "/v1/articles/\(desk.articleId)/claims", token: t["ed"], json: #"{"start":\#(range.0),"end":\#(range.1)}"#)
                ids.append(try #require(try made.jsonObject()["id"] as? String))
            }
            let gold = ids[2]
            let stream = try SSEClient(port: port, path: "/v1/projects/desk/events", token: t["r3"]!)
            defer { stream.close() }
            #expect(try await stream.waitForHead().hasPrefix("HTTP/1.1 200"))
            func reviewerViews() async throws -> [String] {
                var views: [String] = []
                for path in ["/v1/claims/\(gold)", "/v1/projects/desk/claims?limit=200", "/v1/projects/desk/export?format=jsonl&status=all"] {
                    views.append(try await client.send(.get, path, token: t["r3"]).text)
                }
                return views
            }
            let before = try await reviewerViews()
            // Only editors mark; reviewers are forbidden, outsiders get 404, a rating off the scale is 422.
            #expect(try await client.send(.put, "/v1/claims/\(gold)/gold", token: t["r1"], json: #"{"rating":"false"}"#).status == .forbidden)
            #expect(try await client.send(.put, "/v1/claims/\(gold)/gold", token: t["out"], json: #"{"rating":"false"}"#).status == .notFound)
            let offScale = try await client.send(.put, "/v1/claims/\(gold)/gold", token: t["ed"], json: #"{"rating":"maybe"}"#)
            #expect(offScale.status == .unprocessableContent)
            let marked = try await client.send(.put, "/v1/claims/\(gold)/gold", token: t["ed"], json: #"{"rating":"false"}"#)
            #expect(try marked.status == .ok && (try marked.jsonObject()["rating"] as? String) == "false", "\(marked.text)")
            #expect(try await client.send(.get, "/v1/claims/\(gold)/gold", token: t["ed"]).status == .ok)
            #expect(try await client.send(.get, "/v1/claims/\(gold)/gold", token: t["r3"]).status == .forbidden)
            #expect(try await client.send(.get, "/v1/claims/\(ids[0])/gold", token: t["ed"]).status == .notFound)
            // Claim JSON, listing and the reviewer's export: byte for byte what they were.
            #expect(try await reviewerViews() == before)
            // Live events: the next claim arrives, the marking never does (the editor's audit trail has it).
            _ = try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: t["ed"], json: #"{"start":174,"end":226}"#)
            let seen = try await stream.wait { $0.contains { $0.event == "claim.created" } }
            #expect(!seen.contains { ($0.event ?? "").hasPrefix("gold") || $0.data.contains("gold") }, "\(seen)")
            let trail = try await client.send(.get, "/v1/projects/desk/audit", token: t["ed"])
            #expect(trail.text.contains("gold.set"))
            // Editors' exports leave control claims out unless asked; agreement leaves them out.
            let editorExport = try await client.send(.get, "/v1/projects/desk/export?format=jsonl&status=all", token: t["ed"])
            #expect(!editorExport.text.contains(gold) && editorExport.text.contains(ids[0]))
            let withGold = try await client.send(.get, "/v1/projects/desk/export?format=jsonl&status=all&includeGold=true", token: t["ed"])
            #expect(withGold.text.contains(gold))

            // The queue: at rate 1 a waiting control claim comes first, at rate 0 the oldest ordinary one.
            let patch = try await client.send(.patch, "/v1/projects/desk", token: t["own"], json: #"{"goldRate":1}"#)
            #expect(try patch.jsonObject()["goldRate"] as? Double == 1, "\(patch.text)")
            #expect(try await client.send(.get, "/v1/projects/desk", token: t["r1"]).jsonObject()["goldRate"] == nil)
            let next = try await client.send(.post, "/v1/projects/desk/queue/next", token: t["r1"])
            let served = try (next.jsonObject()["id"] as? String) ?? ((next.jsonObject()["claim"] as? [String: Any])?["id"] as? String)
            #expect(served == gold, "\(next.text)")
            _ = try await client.send(.patch, "/v1/projects/desk", token: t["own"], json: #"{"goldRate":0}"#)
            let ordinary = try await client.send(.post, "/v1/projects/desk/queue/next", token: t["r2"])
            #expect(!ordinary.text.contains(gold) && ordinary.text.contains(ids[0]), "\(ordinary.text)")
            #expect(try await client.send(.patch, "/v1/projects/desk", token: t["own"], json: #"{"goldRate":2}"#).status == .unprocessableContent)
            // Unmarked: an ordinary claim again.
            #expect(try await client.send(.delete, "/v1/claims/\(gold)/gold", token: t["ed"]).status == .noContent)
            #expect(try await client.send(.delete, "/v1/claims/\(gold)/gold", token: t["ed"]).status == .notFound)
        }
    }

    @Test("reviewer figures: gold accuracy, agreement with resolutions, kappa with each other reviewer, time to verdict")
    func reviewers() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context, body: deskText)
            let t = desk.tokens
            var ids: [String] = []
            for range in [(0, 69), (70, 130), (131, 173)] {
                let made = try await client.send(
                    .post, "/v1/articles/\(desk.articleId)/claims", token: t["ed"], json: #"{"start":\#(range.0),"end":\#(range.1)}"#)
                ids.append(try #require(try made.jsonObject()["id"] as? String))
            }
            _ = try await client.send(.put, "/v1/claims/\(ids[2])/gold", token: t["ed"], json: #"{"rating":"false"}"#)
            func verdict(_ who: String, _ claim: String, _ rating: String) async throws {
                let response = try await client.send(.put, "/v1/claims/\(claim)/verdicts/mine", token: t[who], json: #"{"rating":"\#(rating)"}"#)
                #expect(response.status == .created || response.status == .ok, "\(response.text)")
            }
            // r1 answers the control claim right, r2 wrong; on the first claim they differ and the editor sides with r1.
            try await verdict("r1", ids[2], "false")
            try await verdict("r2", ids[2], "true")
            try await verdict("r1", ids[0], "false")
            try await verdict("r2", ids[0], "true")
            try await verdict("r1", ids[1], "true")
            try await verdict("r2", ids[1], "true")
            _ = try await client.send(.put, "/v1/claims/\(ids[0])/resolution", token: t["ed"], json: #"{"rating":"false"}"#)
            // A resolution on the control claim itself does not count towards agreement with resolutions (the known
            // answer does, as gold accuracy).
            _ = try await client.send(.put, "/v1/claims/\(ids[2])/resolution", token: t["ed"], json: #"{"rating":"true"}"#)
            // r3 takes a fresh claim from the queue and answers: the clock runs from the lease.
            _ = try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: t["ed"], json: #"{"start":174,"end":226}"#)
            let leased = try await client.send(.post, "/v1/projects/desk/queue/next", token: t["r3"])
            #expect(leased.status == .ok, "\(leased.text)")
            let leasedId = try #require(
                (try leased.jsonObject()["id"] as? String) ?? ((try leased.jsonObject()["claim"] as? [String: Any])?["id"] as? String))
            try await Task.sleep(for: .milliseconds(1200))
            try await verdict("r3", leasedId, "false")

            let response = try await client.send(.get, "/v1/projects/desk/reviewers", token: t["ed"])
            #expect(response.status == .ok, "\(response.text)")
            let items = try #require(try response.jsonObject()["items"] as? [[String: Any]])
            let by = Dictionary(uniqueKeysWithValues: items.map { ($0["username"] as! String, $0) })
            #expect(Set(by.keys) == ["r1", "r2", "r3"])
            #expect(by["r1"]?["verdicts"] as? Int == 3 && by["r1"]?["goldAnswered"] as? Int == 1 && by["r1"]?["goldCorrect"] as? Int == 1)
            #expect(by["r1"]?["goldAccuracy"] as? Double == 1 && by["r2"]?["goldAccuracy"] as? Double == 0)
            #expect(by["r1"]?["agreementWithResolution"] as? Double == 1 && by["r2"]?["agreementWithResolution"] as? Double == 0)
            // Kappa over the two ordinary claims both judged (the control claim is left out).
            let pair = (by["r1"]?["kappa"] as? [[String: Any]])?.first { $0["username"] as? String == "r2" }
            #expect(pair?["claims"] as? Int == 2, "\(String(describing: by["r1"]))")
            let seconds = try #require(by["r3"]?["medianSecondsToVerdict"] as? Double)
            #expect(seconds >= 1 && seconds < 60, "\(seconds)")
            #expect(by["r1"]?["medianSecondsToVerdict"] == nil)
            // Editors and up only; outsiders learn nothing.
            #expect(try await client.send(.get, "/v1/projects/desk/reviewers", token: t["r1"]).status == .forbidden)
            #expect(try await client.send(.get, "/v1/projects/desk/reviewers", token: t["out"]).status == .notFound)
            // Agreement figures leave the control claim out unless asked.
            let agreement = try await client.send(.get, "/v1/projects/desk/agreement?basis=final", token: t["ed"])
            let withGold = try await client.send(.get, "/v1/projects/desk/agreement?basis=final&includeGold=true", token: t["ed"])
            #expect(try agreement.jsonObject()["claims"] as? Int == 2 && (try withGold.jsonObject()["claims"] as? Int) == 3, "\(agreement.text)")
        }
    }
}
