import Foundation
import Testing
import VerityCore
import VerityTestSupport

/// Clients that send `Expect: 100-continue` (curl does for any body over 1 MiB) wait for the server's go-ahead
/// before sending a body. The server gives it once the request is known to be allowed, and refuses the others
/// without it, so their bodies need not be sent at all.
@Suite("HTTP: Expect: 100-continue")
struct ExpectContinueTests {
    @Test("an allowed import is told 100 Continue before its body; refused ones get their final answer instead")
    func continueOnlyWhenAllowed() async throws {
        try await withTestServer { context, client in
            try await context.makeProject("desk")
            try await context.makeProject("elsewhere")
            let (_, token) = try await context.makeUserWithToken("ed")
            try await context.addMember("desk", "ed", .editor)
            let port = try #require(client.port)
            let records = (1...3).map { #"{"externalId":"e\#($0)","body":"Record number \#($0) says something. It ends here."}"# }
            let bulk = Array((records.joined(separator: "\n") + "\n").utf8)
            func head(_ path: String, token: String?, type: String, length: Int) -> String {
                "POST \(path) HTTP/1.1\r\nHost: x\r\n" + (token.map { "Authorization: Bearer \($0)\r\n" } ?? "")
                    + "Content-Type: \(type)\r\nContent-Length: \(length)\r\nExpect: 100-continue"
            }
            // The server answers at once; 10 s is only the limit for a loaded machine (a client gives up sooner).
            let wait = Duration.seconds(10)

            let imported = try await RawHTTP.expectingContinue(
                port: port, head: head("/v1/projects/desk/articles", token: token, type: "application/x-ndjson", length: bulk.count), body: bulk,
                wait: wait)
            #expect(imported.interim?.hasPrefix("HTTP/1.1 100 Continue") == true, "\(imported.interim ?? "no interim answer")")
            #expect(imported.final.status == 200, "\(imported.final.response)")

            let one = Array(#"{"externalId":"single","body":"A single record sent alone. It ends."}"#.utf8)
            let single = try await RawHTTP.expectingContinue(
                port: port, head: head("/v1/projects/desk/articles", token: token, type: "application/json", length: one.count), body: one,
                wait: wait)
            #expect(single.interim?.hasPrefix("HTTP/1.1 100 Continue") == true, "\(single.interim ?? "no interim answer")")
            #expect(single.final.status == 201, "\(single.final.response)")

            // Refused before any body: no token, a project the caller is not in, a body over the limit.
            let refusals: [(String, Int)] = [
                (head("/v1/projects/desk/articles", token: nil, type: "application/x-ndjson", length: bulk.count), 401),
                (head("/v1/projects/elsewhere/articles", token: token, type: "application/x-ndjson", length: bulk.count), 404),
                (head("/v1/projects/desk/articles", token: token, type: "application/json", length: 50_000_000), 413),
            ]
            for (request, status) in refusals {
                let refused = try await RawHTTP.expectingContinue(port: port, head: request, body: bulk, wait: wait)
                #expect(refused.interim == nil, "\(request): \(refused.interim ?? "")")
                #expect(refused.final.status == status, "\(request): \(refused.final.response)")
                #expect(refused.final.bodyBytesSent == 0)
            }
            // The three records of the bulk import and the single one; nothing from the refused requests.
            let stored = try await context.sql("SELECT count(*) FROM articles")
            #expect(stored.first?.first == "4")
        }
    }
}
