import Foundation
import Testing
import VerityCore
import VerityData
import VerityTestSupport

@Suite("End to end: live events", .serialized)
struct EventsEndToEndTests {
    @Test("two server processes on one database both deliver a verdict; blind review redacts it; Last-Event-ID replays exactly what was missed")
    func twoServers() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk", k: 2, blind: true)
            var tokens: [String: String] = [:]
            for (name, role) in [("r1", Role.reviewer), ("r2", .reviewer), ("ed", .editor)] {
                tokens[name] = try await context.makeUserWithToken(name).1
                try await context.addMember("desk", name, role)
            }
            let articleId = try await context.makeArticle("desk", body: "A first sentence. A second one.")
            let url =
                "postgresql://\(context.settings.user)@\(context.settings.host):\(context.settings.port)/\(context.settings.database)?sslmode=disable"
            let a = try ChildProcess([ChildProcess.verityBinary, "serve", "--port", "0", "--live-events", "--database", url])
            let b = try ChildProcess([ChildProcess.verityBinary, "serve", "--port", "0", "--live-events", "--database", url])
            let baseA = try await a.waitForOutput(#"listening on (http://\S+)"#)
            let baseB = try await b.waitForOutput(#"listening on (http://\S+)"#)
            func port(_ base: String) -> Int { Int(base.split(separator: ":").last!)! }
            let apiA = ConcurrentClient(base: baseA, connections: 4, timeout: 30)

            let edA = try SSEClient(port: port(baseA), path: "/v1/projects/desk/events", token: tokens["ed"]!)
            let edB = try SSEClient(port: port(baseB), path: "/v1/projects/desk/events", token: tokens["ed"]!)
            let r2B = try SSEClient(port: port(baseB), path: "/v1/projects/desk/events", token: tokens["r2"]!)
            for stream in [edA, edB, r2B] { try await stream.waitForHead() }
            #expect(edA.responseHead.contains("200") && edA.responseHead.lowercased().contains("text/event-stream"))

            let claim = try await apiA.send("POST", "/v1/articles/\(articleId)/claims", token: tokens["r1"], json: #"{"start":0,"end":5}"#)
            let claimId = try #require(claim.body["id"] as? String)
            #expect(
                try await apiA.send(
                    "PUT", "/v1/claims/\(claimId)/verdicts/mine", token: tokens["r1"], json: #"{"rating":"false","rationale":"secret reasoning"}"#
                ).status == 201)

            func verdictEvents(_ client: SSEClient) async throws -> [SSEClient.Event] {
                try await client.wait { $0.contains { $0.event == "verdict.submitted" } }.filter { $0.event == "verdict.submitted" }
            }
            let onA = try await verdictEvents(edA)
            let onB = try await verdictEvents(edB)
            #expect(
                onA.count == 1 && onB.count == 1 && onA.first?.id == onB.first?.id, "both processes deliver the same event: \(edA.raw) \(a.stderr)")
            #expect(onA.first?.data.contains("secret reasoning") == true, "editors see verdict contents")
            let redacted = try await verdictEvents(r2B)
            #expect(redacted.count == 1 && redacted.first?.id == onA.first?.id)
            #expect(redacted.first?.data.contains("secret") == false && redacted.first?.data.contains("\"rating\"") == false, "blind: \(redacted)")
            #expect(try await edB.wait { $0.contains { $0.event == "claim.created" } }.contains { $0.event == "claim.created" })

            // edB goes away; changes happen; it reconnects with the last id it saw and gets exactly what it missed.
            let lastSeen = try #require(edB.events.last?.id)
            edB.close()
            #expect(
                try await apiA.send("PUT", "/v1/claims/\(claimId)/verdicts/mine", token: tokens["r2"], json: #"{"rating":"mixed"}"#).status == 201)
            #expect(
                try await apiA.send("PATCH", "/v1/claims/\(claimId)", token: tokens["ed"], json: #"{"note":"checked"}"#, ifMatch: "\"v3\"").status
                    == 200)
            let missed = try await context.sql(
                """
                SELECT id::text AS event_id FROM audit_events
                WHERE id > \(lastSeen) AND object_type IN ('claim', 'verdict', 'resolution', 'import_batch', 'article')
                ORDER BY audit_events.id
                """
            ).compactMap { $0[0] }
            #expect(missed.count >= 3, "\(missed)")
            let resumed = try SSEClient(port: port(baseB), path: "/v1/projects/desk/events", token: tokens["ed"]!, lastEventId: lastSeen)
            let replayed = try await resumed.wait { $0.count >= missed.count }
            #expect(replayed.compactMap(\.id) == missed, "exactly the missed events, in order")
            // And live ones keep coming after the replay.
            _ = try await apiA.send("PATCH", "/v1/claims/\(claimId)", token: tokens["ed"], json: #"{"note":"again"}"#, ifMatch: "\"v4\"")
            let live = try await resumed.wait { $0.count > missed.count }
            #expect(live.count == missed.count + 1 && live.last?.event == "claim.updated")

            for client in [edA, r2B, resumed] { client.close() }
            for server in [a, b] {
                server.signal(SIGTERM)
                #expect(try await server.wait(timeout: .seconds(30)) == 0, "\(server.stderr)")
            }
        }
    }
}
