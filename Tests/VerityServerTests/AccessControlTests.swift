import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import VerityCore
import VerityData
import VerityServer
import VerityServices
import VerityTestSupport

/// Taking access away: logging out, revoking tokens, changing passwords, disabling users, removing and
/// demoting members — each refused at the next request and audited, never with a secret.
@Suite("HTTP: access that can be taken away")
struct AccessLifecycleTests {
    @Test("log out, list and revoke tokens: the secret is never shown, a revoked token is refused at once")
    func tokens() async throws {
        try await withTestServer { context, client in
            let (_, ana) = try await context.makeUserWithToken("ana")
            let (_, second) = try await context.makeUserWithToken("ana2")
            _ = second
            let other = try await context.accounts.createToken(username: "ana", name: "laptop", expiresAt: nil)
            let (_, admin) = try await context.makeUserWithToken("root", admin: true)

            let listed = try await client.send(.get, "/v1/auth/tokens", token: ana)
            #expect(listed.status == .ok)
            let items = try #require(try listed.jsonObject()["items"] as? [[String: Any]])
            #expect(items.count == 2 && items.filter { $0["current"] as? Bool == true }.count == 1)
            #expect(!listed.text.contains(ana) && !listed.text.contains(other), "a token's secret is never listed")
            let laptopId = try #require(items.first { $0["name"] as? String == "laptop" }?["id"] as? String)

            // Another user cannot see or revoke ana's tokens; it is not found, not forbidden.
            #expect(try await client.send(.get, "/v1/auth/tokens?username=ana", token: second).status == .forbidden)
            #expect(try await client.send(.delete, "/v1/auth/tokens/\(laptopId)", token: second).status == .notFound)
            #expect(try await client.send(.get, "/v1/me", token: other).status == .ok)
            // Ana revokes her laptop token: refused from the next request on.
            #expect(try await client.send(.delete, "/v1/auth/tokens/\(laptopId)", token: ana).status == .noContent)
            #expect(try await client.send(.get, "/v1/me", token: other).status == .unauthorized)
            // An admin sees and revokes anyone's.
            let seen = try await client.send(.get, "/v1/auth/tokens?username=ana", token: admin)
            #expect(try seen.status == .ok && (try seen.jsonObject()["items"] as? [[String: Any]])?.count == 2)
            // Logging out revokes the token used.
            #expect(try await client.send(.delete, "/v1/auth/tokens/current", token: ana).status == .noContent)
            #expect(try await client.send(.get, "/v1/me", token: ana).status == .unauthorized)
            #expect(try await client.send(.delete, "/v1/auth/tokens/current", token: ana).status == .unauthorized)

            let audit = try await context.sql(
                "SELECT action, coalesce(after::text, '') FROM audit_events WHERE object_type = 'api_token' ORDER BY id")
            #expect(audit.filter { $0[0] == "token.revoked" }.count == 2, "\(audit)")
            #expect(audit.filter { $0[0] == "token.issued" }.count >= 4)
            #expect(audit.allSatisfy { !($0[1] ?? "").contains(ana) && !($0[1] ?? "").contains(other) }, "no secret in the audit trail")
        }
    }

    @Test("changing one's password needs the current one and revokes every other token of the caller")
    func password() async throws {
        try await withTestServer { context, client in
            let (_, ana) = try await context.makeUserWithToken("ana")
            let phone = try await context.accounts.createToken(username: "ana", name: "phone", expiresAt: nil)
            let wrong = try await client.send(
                .put, "/v1/me/password", token: ana, json: #"{"currentPassword":"not it at all","newPassword":"a brand new password"}"#)
            #expect(try wrong.status == .forbidden && (try wrong.jsonObject()["code"] as? String) == "auth.wrong_password")
            #expect(try await client.send(.get, "/v1/me", token: phone).status == .ok)
            let short = try await client.send(.put, "/v1/me/password", token: ana, json: #"{"currentPassword":"password-ana","newPassword":"short"}"#)
            #expect(short.status == .unprocessableContent)
            let changed = try await client.send(
                .put, "/v1/me/password", token: ana, json: #"{"currentPassword":"password-ana","newPassword":"a brand new password"}"#)
            #expect(changed.status == .noContent, "\(changed.text)")
            #expect(try await client.send(.get, "/v1/me", token: ana).status == .ok, "the session that changed it stays")
            #expect(try await client.send(.get, "/v1/me", token: phone).status == .unauthorized, "every other token is out")
            #expect(try await client.send(.post, "/v1/auth/tokens", json: #"{"username":"ana","password":"password-ana"}"#).status == .unauthorized)
            #expect(
                try await client.send(.post, "/v1/auth/tokens", json: #"{"username":"ana","password":"a brand new password"}"#).status == .created)
            let audit = try await context.sql("SELECT after::text FROM audit_events WHERE action = 'user.password_set'")
            #expect(audit.count == 1 && !(audit[0][0] ?? "").contains("$2"), "audited, never with the hash")
        }
    }

    @Test("admins disable and enable users: a disabled user's tokens are refused at the next request")
    func disableUsers() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let (_, admin) = try await context.makeUserWithToken("root", admin: true)
            let t = desk.tokens
            #expect(try await client.send(.get, "/v1/users", token: t["own"]).status == .forbidden)
            #expect(try await client.send(.patch, "/v1/users/r1", token: t["own"], json: #"{"disabled":true}"#).status == .forbidden)
            let users = try await client.send(.get, "/v1/users", token: admin)
            #expect(try users.status == .ok && (try users.jsonObject()["items"] as? [[String: Any]])?.count == 8)
            #expect(try await client.send(.get, "/v1/projects/desk/articles", token: t["r1"]).status == .ok)
            let disabled = try await client.send(.patch, "/v1/users/r1", token: admin, json: #"{"disabled":true}"#)
            #expect(try disabled.status == .ok && (try disabled.jsonObject()["disabled"] as? Bool) == true)
            #expect(try await client.send(.get, "/v1/projects/desk/articles", token: t["r1"]).status == .unauthorized)
            #expect(try await client.send(.post, "/v1/auth/tokens", json: #"{"username":"r1","password":"password-r1"}"#).status == .unauthorized)
            #expect(try await client.send(.patch, "/v1/users/r1", token: admin, json: #"{"disabled":false}"#).status == .ok)
            #expect(try await client.send(.get, "/v1/projects/desk/articles", token: t["r1"]).status == .ok)
            #expect(try await client.send(.patch, "/v1/users/root", token: admin, json: #"{"disabled":true}"#).status == .conflict)
            #expect(try await client.send(.patch, "/v1/users/nobody", token: admin, json: #"{"disabled":true}"#).status == .notFound)
            let audit = try await context.sql("SELECT action FROM audit_events WHERE object_type = 'user' AND action LIKE 'user.%abled' ORDER BY id")
            #expect(audit.map { $0[0] } == ["user.disabled", "user.enabled"])
        }
    }

    @Test("a removed member and a demoted role are refused at the next request")
    func membershipChanges() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let t = desk.tokens
            let claim = try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: t["ed"], json: #"{"start":0,"end":3}"#)
            let claimId = try #require(try claim.jsonObject()["id"] as? String)
            #expect(try await client.send(.get, "/v1/projects/desk/agreement", token: t["ed"]).status == .ok)
            let demoted = try await client.send(
                .put, "/v1/projects/desk/members/ed", token: t["own"], json: #"{"role":"reviewer"}"#, headers: [.ifMatch: "\"v1\""])
            #expect(demoted.status == .ok)
            #expect(try await client.send(.get, "/v1/projects/desk/agreement", token: t["ed"]).status == .forbidden)
            #expect(try await client.send(.get, "/v1/claims/\(claimId)", token: t["ed"]).status == .ok)
            #expect(
                try await client.send(.delete, "/v1/projects/desk/members/ed", token: t["own"], headers: [.ifMatch: "\"v2\""]).status == .noContent)
            for path in ["/v1/claims/\(claimId)", "/v1/projects/desk/articles", "/v1/articles/\(desk.articleId)"] {
                #expect(try await client.send(.get, path, token: t["ed"]).status == .notFound, "\(path)")
            }
        }
    }
}

extension AccessLifecycleTests {
    @Test("open event streams end within 5 s when the token is revoked, the user disabled or the member removed, and narrow when demoted")
    func streams() async throws {
        try await withTestServer(configure: { $0.runsLiveEvents = true }) { context, client in
            let desk = try await Desk.make(context)
            let t = desk.tokens
            let port = try #require(client.port)
            let (_, admin) = try await context.makeUserWithToken("root", admin: true)
            let claim = try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: t["ed"], json: #"{"start":0,"end":3}"#)
            let claimId = try #require(try claim.jsonObject()["id"] as? String)
            let spare = try await context.accounts.createToken(username: "r2", name: "spare", expiresAt: nil)
            let viewerStream = try SSEClient(port: port, path: "/v1/projects/desk/events", token: t["view"]!)
            let editorStream = try SSEClient(port: port, path: "/v1/projects/desk/events", token: t["ed"]!)
            let reviewerStream = try SSEClient(port: port, path: "/v1/projects/desk/events", token: spare)
            let ownerStream = try SSEClient(port: port, path: "/v1/projects/desk/events", token: t["own"]!)
            defer { for stream in [viewerStream, editorStream, reviewerStream, ownerStream] { stream.close() } }
            for stream in [viewerStream, editorStream, reviewerStream, ownerStream] {
                #expect(try await stream.waitForHead().hasPrefix("HTTP/1.1 200"))
            }
            // The editor sees a reviewer's verdict in full (blind review does not bind editors).
            _ = try await client.send(
                .put, "/v1/claims/\(claimId)/verdicts/mine", token: t["r1"], json: #"{"rating":"false","rationale":"r1 says no"}"#)
            let seen = try await editorStream.wait { $0.contains { $0.event == "verdict.submitted" } }
            #expect(seen.first { $0.event == "verdict.submitted" }?.data.contains("r1 says no") == true)
            // Demoted to reviewer: the next verdict reaches the stream redacted.
            #expect(
                try await client.send(
                    .put, "/v1/projects/desk/members/ed", token: t["own"], json: #"{"role":"reviewer"}"#, headers: [.ifMatch: "\"v1\""]
                ).status == .ok)
            let clock = ContinuousClock()
            let changed = clock.now
            try await Task.sleep(for: .seconds(3))
            _ = try await client.send(
                .put, "/v1/claims/\(claimId)/verdicts/mine", token: t["r3"], json: #"{"rating":"true","rationale":"r3 says yes"}"#)
            let later = try await editorStream.wait { $0.filter { $0.event == "verdict.submitted" }.count >= 2 }
            let second = later.filter { $0.event == "verdict.submitted" }.last
            #expect(second != nil && second?.data.contains("r3 says yes") == false, "the demoted editor still saw: \(second?.data ?? "nothing")")
            #expect(clock.now - changed < .seconds(8))
            // Removed, revoked, disabled: each stream ends within 5 s of the change.
            func expectEnded(_ stream: SSEClient, _ name: String) async throws {
                let changed = clock.now
                while !stream.isEnded && clock.now - changed < .seconds(5) { try await Task.sleep(for: .milliseconds(50)) }
                #expect(stream.isEnded, "the \(name)'s stream is still open 5 s after the change")
            }
            #expect(
                try await client.send(.delete, "/v1/projects/desk/members/view", token: t["own"], headers: [.ifMatch: "\"v1\""]).status == .noContent)
            try await expectEnded(viewerStream, "removed viewer")
            let spareId = try #require(
                (try await client.send(.get, "/v1/auth/tokens?username=r2", token: admin).jsonObject()["items"] as? [[String: Any]])?
                    .first { $0["name"] as? String == "spare" }?["id"] as? String)
            #expect(try await client.send(.delete, "/v1/auth/tokens/\(spareId)", token: admin).status == .noContent)
            try await expectEnded(reviewerStream, "revoked token")
            #expect(try await client.send(.patch, "/v1/users/own", token: admin, json: #"{"disabled":true}"#).status == .ok)
            try await expectEnded(ownerStream, "disabled owner")
            #expect(!editorStream.isEnded, "the demoted editor may still read the project")
        }
    }
}

/// Guessing passwords: counted before the check, shared by every process, bounded in parallel.
@Suite("HTTP: login throttle")
struct LoginThrottleTests {
    /// A user whose password check costs a realistic bcrypt (cost 10), so parallel guesses overlap.
    static func makeSlowUser(_ context: TestContext, _ username: String) async throws {
        _ = try await AccountService(database: context.database, bcryptCost: 10).createUser(
            username: username, password: "password-\(username)", isAdmin: false)
    }

    @Test("120 wrong passwords sent 40 at a time get at most the 5 checks the limit allows; the rest are refused at once")
    func parallelGuessing() async throws {
        let lane = BlockingLane.forPasswords()
        try await withTestServer(configure: {
            $0.loginLimits = .init(failuresPerUsername: 5, failuresPerAddress: 1_000)
            $0.passwordLane = lane
        }) { context, client in
            try await Self.makeSlowUser(context, "ana")
            let api = try ConcurrentClient(client, connections: 40)
            var statuses: [Int] = []
            for round in 0..<3 {
                statuses += try await withThrowingTaskGroup(of: Int.self) { group in
                    for attempt in 0..<40 {
                        group.addTask {
                            try await api.send(
                                "POST", "/v1/auth/tokens", token: nil, json: #"{"username":"ana","password":"guess-\#(round)-\#(attempt)"}"#
                            ).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            let checked = lane.completedJobs
            #expect(checked == 5, "\(checked) passwords were checked; statuses \(Dictionary(grouping: statuses, by: { $0 }).mapValues(\.count))")
            #expect(statuses.filter { $0 == 401 }.count == 5)
            #expect(statuses.allSatisfy { [401, 429, 503].contains($0) }, "\(Set(statuses))")
            #expect(
                try await client.send(.post, "/v1/auth/tokens", json: #"{"username":"ana","password":"password-ana"}"#).status == .tooManyRequests)
        }
    }

    @Test("an absurd username or password is 422 before any work, and counts for nothing")
    func shape() async throws {
        try await withTestServer { context, client in
            try await context.makeUser("ana")
            let longName = String(repeating: "a", count: 65)
            let longPassword = String(repeating: "p", count: 1_025)
            for body in [#"{"username":"\#(longName)","password":"x"}"#, #"{"username":"ana","password":"\#(longPassword)"}"#] {
                let response = try await client.send(.post, "/v1/auth/tokens", json: body)
                #expect(
                    try response.status == .unprocessableContent && (try response.jsonObject()["code"] as? String) == "auth.invalid_credentials_shape"
                )
            }
            #expect(try await context.sql("SELECT count(*) FROM login_attempts") == [["0"]])
            for attempt in 1...5 {
                #expect(
                    try await client.send(.post, "/v1/auth/tokens", json: #"{"username":"ana","password":"wrong-\#(attempt)"}"#).status
                        == .unauthorized)
            }
        }
    }

    @Test("the window expires, a success clears the username, and the limits are counted in the database")
    func rules() async throws {
        try await withTestDatabase { context in
            // Real users (cheap bcrypt): an unknown name is checked against a cost-12 hash, which would eat the window.
            for name in ["ana", "bob", "cyd", "dee", "eve", "fay"] { try await context.makeUser(name) }
            let accounts = AccountService(
                database: context.database, bcryptCost: TestContext.bcryptCost,
                loginLimits: .init(failuresPerUsername: 2, failuresPerAddress: 3, window: 60))
            // The window's end, on its own (a loaded machine must not stretch the limits' part past it).
            let brief = AccountService(
                database: context.database, bcryptCost: TestContext.bcryptCost,
                loginLimits: .init(failuresPerUsername: 1, failuresPerAddress: 100, window: 5))
            func attempt(_ user: String, _ password: String, _ address: String?, on service: AccountService? = nil) async -> VerityError.Kind? {
                do {
                    _ = try await (service ?? accounts).login(username: user, password: password, address: address)
                    return nil
                } catch let error as VerityError {
                    return error.kind
                } catch {
                    return .internalError
                }
            }
            #expect(await attempt("ANA", "wrong-1", "10.0.0.1") == .unauthenticated)
            #expect(await attempt("ana", "wrong-2", "10.0.0.2") == .unauthenticated)
            // Username limit, across addresses and case.
            #expect(await attempt("Ana", "password-ana", "10.0.0.3") == .rateLimited)
            // Address limit, across usernames.
            #expect(await attempt("bob", "x-1", "10.0.0.9") == .unauthenticated)
            #expect(await attempt("cyd", "x-2", "10.0.0.9") == .unauthenticated)
            #expect(await attempt("dee", "x-3", "10.0.0.9") == .unauthenticated)
            #expect(await attempt("eve", "x-4", "10.0.0.9") == .rateLimited)
            #expect(await attempt("fay", "x-1", "10.0.1.1", on: brief) == .unauthenticated)
            #expect(await attempt("fay", "x-2", "10.0.1.1", on: brief) == .rateLimited)
            try await Task.sleep(for: .milliseconds(5_200))
            #expect(await attempt("fay", "x-3", "10.0.1.1", on: brief) == .unauthenticated, "the window ended")
            // A success clears the username's failures.
            try await context.sql("DELETE FROM login_attempts WHERE scope = 'user:ana'")
            #expect(await attempt("ana", "wrong-3", "10.0.0.4") == .unauthenticated)
            #expect(await attempt("ana", "password-ana", "10.0.0.4") == nil)
            // The success cleared ana's failures: two more may fail again.
            #expect(await attempt("ana", "wrong-4", "10.0.0.5") == .unauthenticated)
            #expect(await attempt("ana", "wrong-5", "10.0.0.6") == .unauthenticated)
            #expect(await attempt("ana", "wrong-6", "10.0.0.7") == .rateLimited)
        }
    }

    @Test("behind a trusted proxy the client's address comes from X-Forwarded-For; from anyone else it is ignored")
    func trustedProxy() async throws {
        for trusted in [true, false] {
            try await withTestServer(configure: {
                $0.loginLimits = .init(failuresPerUsername: 100, failuresPerAddress: 2)
                if trusted { $0.trustedProxies = [CIDRBlock("127.0.0.1")!] }
            }) { context, client in
                for i in 0..<3 { try await context.makeUser("user\(i)") }
                var statuses: [Int] = []
                for i in 0..<3 {
                    let response = try await client.send(
                        .post, "/v1/auth/tokens", json: #"{"username":"user\#(i)","password":"guess-guess"}"#,
                        headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.\(i)"])
                    statuses.append(Int(response.status.code))
                }
                // Trusted: three clients, one failure each. Untrusted: one address (the proxy's), the third refused.
                #expect(statuses == (trusted ? [401, 401, 401] : [401, 401, 429]), "trusted \(trusted): \(statuses)")
            }
        }
    }
}

/// Nothing of a request is read or judged before the caller is known and allowed.
@Suite("HTTP: refused before anything is read")
struct EarlyRefusalTests {
    @Test("an anonymous request with a body is answered 401 without the body being read")
    func anonymousBody() async throws {
        try await withTestServer(maxBodyBytes: 1 << 20) { _, client in
            let port = try #require(client.port)
            let total = 900_000
            let outcome = try await RawHTTP.send(
                port: port,
                head: "POST /v1/projects/desk/articles HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: \(total)", total: total,
                answerWait: .seconds(5))
            #expect(outcome.status == 401, "\(outcome.response)")
            #expect(outcome.bodyBytesSent == 0, "the server waited for \(outcome.bodyBytesSent) bytes of body before answering")
        }
    }

    @Test("an outsider gets 404 on every project route, whatever its parameters and body")
    func outsiders() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let t = desk.tokens
            let claim = try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: t["ed"], json: #"{"start":0,"end":3}"#)
            let claimId = try #require(try claim.jsonObject()["id"] as? String)
            let hook = try await client.send(.post, "/v1/projects/desk/webhooks", token: t["own"], json: #"{"url":"http://127.0.0.1:9/hook"}"#)
            let hookId = try #require(try hook.jsonObject()["id"] as? String)
            let junk = #"{"start":"x","rating":null,"role":7,"url":[],"status":null,"body":{}}"#
            let requests: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/v1/projects/desk/export", nil), (.get, "/v1/projects/desk/export?format=nope&status=bad&since=yesterday", nil),
                (.get, "/v1/projects/desk/search", nil), (.get, "/v1/projects/desk/search?q=&limit=0&cursor=%%%", nil),
                (.get, "/v1/projects/desk/claims?status=bogus&article=x&limit=abc", nil),
                (.get, "/v1/projects/desk/articles?limit=-1&cursor=zz", nil),
                (.get, "/v1/projects/desk/agreement?since=bad&article=x&tag=\(String(repeating: "t", count: 99))", nil),
                (.get, "/v1/projects/desk/audit?cursor=-5&actor=x", nil), (.get, "/v1/projects/desk/members", nil),
                (.put, "/v1/projects/desk/members/r1", junk), (.delete, "/v1/projects/desk/members/r1", nil),
                (.post, "/v1/projects/desk/queue/next", junk), (.post, "/v1/projects/desk/articles", junk),
                (.get, "/v1/projects/desk/webhooks", nil), (.post, "/v1/projects/desk/webhooks", junk),
                (.delete, "/v1/projects/desk/webhooks/not-a-uuid", nil), (.get, "/v1/projects/desk/webhooks/\(hookId)/deliveries?limit=x", nil),
                (.get, "/v1/projects/desk/events", nil), (.get, "/v1/articles/\(desk.articleId)?revision=abc", nil),
                (.get, "/v1/articles/\(desk.articleId)/revisions", nil), (.post, "/v1/articles/\(desk.articleId)/claims", junk),
                (.get, "/v1/claims/\(claimId)", nil), (.patch, "/v1/claims/\(claimId)", junk), (.delete, "/v1/claims/\(claimId)", nil),
                (.put, "/v1/claims/\(claimId)/verdicts/mine", junk), (.get, "/v1/claims/\(claimId)/verdicts", nil),
                (.put, "/v1/claims/\(claimId)/resolution", junk), (.get, "/v1/claims/\(claimId)/history", nil),
                (.put, "/v1/claims/\(claimId)/anchor", junk), (.get, "/v1/claims/not-a-uuid", nil), (.get, "/v1/articles/zzz/revisions", nil),
            ]
            for (method, path, body) in requests {
                let response = try await client.send(method, path, token: t["out"], json: body, headers: [.ifMatch: "\"v99\""])
                #expect(response.status == .notFound, "\(method) \(path): \(response.status) \(response.text)")
            }
        }
    }

    @Test("a body that breaks the schema is refused before If-Match is judged")
    func bodyBeforePrecondition() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let claim = try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: desk.tokens["ed"], json: #"{"start":0,"end":3}"#)
            let claimId = try #require(try claim.jsonObject()["id"] as? String)
            for body in [#"{"status":null}"#, #"{}"#, #"{"status":"nonsense"}"#, #"{"claimDate":"yesterday"}"#] {
                let response = try await client.send(
                    .patch, "/v1/claims/\(claimId)", token: desk.tokens["ed"], json: body, headers: [.ifMatch: "\"v7\""])
                #expect([400, 422].contains(response.status.code), "\(body): \(response.status) \(response.text)")
            }
        }
    }

    @Test("a request head or a body that trickles in is cut off")
    func slowClients() async throws {
        try await withTestDatabase { context in
            let (_, token) = try await context.makeUserWithToken("ana")
            try await context.makeProject("desk")
            try await context.addMember("desk", "ana", .editor)
            // The real binary, not an in-process server: in the test process the server's accept loop shares the
            // concurrency threads with every other suite, and a connection it has not yet accepted (its bytes
            // waiting in the kernel) cannot be timed out — which is the test process's load, not the server's.
            // The idle timeout is long, so that only the header timeout can close the connection while the head
            // trickles in.
            let settings = context.settings
            let url = "postgresql://\(settings.user)@\(settings.host):\(settings.port)/\(settings.database)?sslmode=disable"
            let server = try ChildProcess([
                ChildProcess.verityBinary, "serve", "--port", "0", "--database", url, "--header-timeout", "1", "--body-timeout", "1",
                "--idle-timeout", "60", "--max-body-bytes", "100000", "--max-import-bytes", "200000",
            ])
            defer { server.signal(SIGKILL) }
            let port = try #require(Int(try await server.waitForOutput(#"listening on http://[^:]+:(\d+)"#)))
            let clock = ContinuousClock()
            // A head that never completes: closed after the header timeout, not the idle one.
            let started = clock.now
            let (closedAfter, received) = try await onBlockingThread { () -> (Duration?, String) in
                let fd = try RawHTTP.connectLoopback(port: port)
                defer { close(fd) }
                var received: [UInt8] = []
                for piece in ["GET /healthz HTTP/1.1\r\n", "Host: x\r\n"] + (1...40).map({ "X-Slow: \($0)\r\n" }) {
                    _ = piece.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
                    var pollfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    while poll(&pollfd, 1, 400) > 0 {
                        var buffer = [UInt8](repeating: 0, count: 4096)
                        let n = recv(fd, &buffer, buffer.count, 0)
                        if n <= 0 { return (clock.now - started, String(decoding: received, as: UTF8.self)) }
                        received += buffer[..<n]
                    }
                }
                return (nil, String(decoding: received, as: UTF8.self))
            }
            let cut = try #require(closedAfter, "a trickling request head was never cut off; the server sent: \(received.prefix(200))")
            #expect(received.isEmpty, "the server answered a request whose head never arrived: \(received.prefix(200))")
            #expect(cut < .seconds(15), "cut off after \(cut)")
            // A body that trickles: 408. The head announces 100 bytes; one arrives every half second.
            @Sendable func trickle(_ path: String, contentType: String) async throws -> String {
                try await onBlockingThread { () -> String in
                    let fd = try RawHTTP.connectLoopback(port: port)
                    defer { close(fd) }
                    let head =
                        "POST \(path) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nContent-Type: \(contentType)\r\nContent-Length: 100\r\n\r\n{"
                    _ = head.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
                    var answer = [UInt8](repeating: 0, count: 4096)
                    for _ in 0..<10 {
                        var pollfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                        if poll(&pollfd, 1, 500) > 0 {
                            let n = recv(fd, &answer, answer.count, 0)
                            return n > 0 ? String(decoding: answer[..<n], as: UTF8.self) : "closed"
                        }
                        _ = " ".withCString { send(fd, $0, 1, Int32(MSG_NOSIGNAL)) }
                    }
                    return "no answer"
                }
            }
            let trickled = try await trickle("/v1/projects", contentType: "application/json")
            #expect(trickled.hasPrefix("HTTP/1.1 408"), "\(trickled.prefix(80))")
            // A bulk import's body, which its handler reads (not the body middleware): the same 408.
            let bulkTrickle = try await trickle("/v1/projects/desk/articles", contentType: "application/x-ndjson")
            #expect(bulkTrickle.hasPrefix("HTTP/1.1 408"), "\(bulkTrickle.prefix(80))")
            #expect(bulkTrickle.lowercased().contains("connection: close"), "\(bulkTrickle.prefix(300))")
            #expect(bulkTrickle.contains("application/problem+json"), "\(bulkTrickle.prefix(400))")
            // And past the import limit, sent without a length (chunked): 413 at the limit, nothing imported.
            let overLimit = try await RawHTTP.send(
                port: port,
                head:
                    "POST /v1/projects/desk/articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked",
                total: 400_000, chunk: 16 << 10, chunked: true)
            #expect(overLimit.status == 413, "\(overLimit.response.prefix(300))")
            #expect(try await context.sql("SELECT count(*) FROM articles") == [["0"]])
        }
    }

    @Test("idle connections are closed, and past the cap a new connection is closed at once")
    func connectionCap() async throws {
        try await withTestServer(configure: {
            // Long enough that the idle connections stay while the cap is filled, even on a loaded machine
            // (eight probes there took more than 10 s beside a parallel build).
            $0.idleTimeout = .seconds(30)
            $0.maxHTTPConnections = 6
        }) { _, client in
            let port = try #require(client.port)
            let clock = ContinuousClock()
            // Idle connections fill the cap; past it a new connection is closed unanswered, until the idle
            // ones are closed by the idle timeout.
            var idle: [Int32] = []
            defer { for fd in idle { close(fd) } }
            var refused = false
            for _ in 0..<8 {
                let outcome = try await RawHTTP.send(port: port, head: "GET /healthz HTTP/1.1\r\nHost: x", total: 0)
                if outcome.status == 0 {
                    refused = true
                    break
                }
                idle.append(try RawHTTP.connectLoopback(port: port))
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(refused && idle.count <= 6, "no connection was refused with \(idle.count) idle ones open")
            var served = false
            let until = clock.now + .seconds(60)
            while !served && clock.now < until {
                try await Task.sleep(for: .milliseconds(500))
                served = (try? await RawHTTP.send(port: port, head: "GET /healthz HTTP/1.1\r\nHost: x", total: 0).status) == 200
            }
            #expect(served, "the idle connections were never closed")
        }
    }
}

/// Exports and event streams cannot take every pooled connection.
@Suite("HTTP: long-running streams are bounded")
struct StreamBoundsTests {
    /// A project whose export (9 MB) cannot fit in socket buffers (the sender's may grow to 4 MB), and a way
    /// to open an export and not read it.
    static func stalledExports(_ context: TestContext, port: Int) async throws -> (Desk, @Sendable (String) throws -> Int32) {
        let desk = try await Desk.make(context)
        try await context.sql(
            """
            INSERT INTO claims (project_id, article_id, start_cp, end_cp, start_utf16, end_utf16, exact, prefix, suffix, span_ordinals, note)
            SELECT a.project_id, a.id, 0, 3, 0, 3, 'The', '', ' minister', '{0}', repeat('n', 30000) FROM articles a, generate_series(1, 300)
            """)
        let open: @Sendable (String) throws -> Int32 = { token in
            // A small receive window, and nothing read: the server's writes soon wait for the client.
            let fd = try RawHTTP.connectLoopback(port: port, receiveBuffer: 4096)
            let head = "GET /v1/projects/desk/export?format=jsonl&status=all HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n\r\n"
            _ = head.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            return fd
        }
        return (desk, open)
    }

    /// Waits until the response head of a raw request has arrived, and returns its status line.
    static func statusLine(_ fd: Int32, timeout: Duration = .seconds(30)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            var buffer = [UInt8](repeating: 0, count: 64)
            let n = recv(fd, &buffer, buffer.count, Int32(MSG_PEEK | MSG_DONTWAIT))
            if n > 0, let line = String(decoding: buffer[..<n], as: UTF8.self).split(separator: "\r\n").first, line.count > 12 { return String(line) }
            try await Task.sleep(for: .milliseconds(50))
        }
        return "no answer"
    }

    @Test("exports are bounded per user and per process, and other requests are still served")
    func exports() async throws {
        try await withTestServer(configure: {
            $0.maxExports = 2
            $0.maxExportsPerUser = 1
            $0.streamWriteTimeout = .seconds(120)
        }) { context, client in
            let (desk, stalledExport) = try await Self.stalledExports(context, port: try #require(client.port))
            let t = desk.tokens
            let first = try stalledExport(t["ed"]!)
            defer { close(first) }
            #expect(try await Self.statusLine(first) == "HTTP/1.1 200 OK")
            let again = try await client.send(.get, "/v1/projects/desk/export?format=jsonl&status=all", token: t["ed"])
            #expect(again.status == .tooManyRequests && again.headers[.retryAfter] != nil, "\(again.status)")
            // Another user still gets a slot (the process allows two); a third export waits its turn; others are served.
            let second = try stalledExport(t["own"]!)
            defer { close(second) }
            #expect(try await Self.statusLine(second) == "HTTP/1.1 200 OK")
            let third = try await client.send(.get, "/v1/projects/desk/export?format=csv", token: t["r1"])
            #expect(third.status == .tooManyRequests)
            #expect(try await client.send(.get, "/v1/projects/desk/articles", token: t["r1"]).status == .ok)
        }
    }

    @Test("an export whose client stops reading is ended, and its slot comes back")
    func stalledExportEnds() async throws {
        try await withTestServer(configure: {
            $0.maxExportsPerUser = 1
            $0.streamWriteTimeout = .seconds(1)
        }) { context, client in
            let (desk, stalledExport) = try await Self.stalledExports(context, port: try #require(client.port))
            let stalled = try stalledExport(desk.tokens["ed"]!)
            defer { close(stalled) }
            #expect(try await Self.statusLine(stalled) == "HTTP/1.1 200 OK")
            // Once the stalled export is ended, the user's one slot is free again.
            let deadline = ContinuousClock.now + .seconds(60)
            var sawRefusal = false
            var status = 0
            while ContinuousClock.now < deadline {
                status = Int(try await client.send(.get, "/v1/projects/desk/export?format=csv", token: desk.tokens["ed"]).status.code)
                if status == 429 { sawRefusal = true }
                if status == 200 && sawRefusal { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(sawRefusal && status == 200, "refused \(sawRefusal), then \(status)")
        }
    }

    @Test("event streams are bounded per user")
    func eventStreams() async throws {
        try await withTestServer(configure: {
            $0.runsLiveEvents = true
            $0.maxEventStreamsPerUser = 2
        }) { context, client in
            let desk = try await Desk.make(context)
            let port = try #require(client.port)
            let a = try SSEClient(port: port, path: "/v1/projects/desk/events", token: desk.tokens["r1"]!)
            let b = try SSEClient(port: port, path: "/v1/projects/desk/events", token: desk.tokens["r1"]!)
            defer {
                a.close()
                b.close()
            }
            #expect(try await a.waitForHead().hasPrefix("HTTP/1.1 200"))
            #expect(try await b.waitForHead().hasPrefix("HTTP/1.1 200"))
            let third = try await RawHTTP.send(
                port: port, head: "GET /v1/projects/desk/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(desk.tokens["r1"]!)", total: 0)
            #expect(third.status == 429, "\(third.response)")
        }
    }

    @Test("replaying missed events costs a few statements, not one per event")
    func replayIsBatched() async throws {
        try await withTestServer(configure: { $0.runsLiveEvents = true }) { context, client in
            let desk = try await Desk.make(context, k: 3)
            let t = desk.tokens
            var claimIds: [String] = []
            for i in 0..<40 {
                let claim = try await client.send(
                    .post, "/v1/articles/\(desk.articleId)/claims", token: t["ed"], json: #"{"start":\#(i),"end":\#(i + 2)}"#)
                claimIds.append(try #require(try claim.jsonObject()["id"] as? String))
            }
            for claimId in claimIds {
                for reviewer in ["r2", "r3"] {
                    _ = try await client.send(.put, "/v1/claims/\(claimId)/verdicts/mine", token: t[reviewer], json: #"{"rating":"false"}"#)
                }
            }
            // What the trail holds (a loaded machine may have refused a write or two with 503).
            let shown = "('claim', 'verdict', 'resolution', 'import_batch', 'article')"
            let total = Int(try await context.sql("SELECT count(*) FROM audit_events WHERE object_type IN \(shown)")[0][0] ?? "") ?? 0
            let verdictCount = Int(try await context.sql("SELECT count(*) FROM verdicts")[0][0] ?? "") ?? 0
            #expect(verdictCount > 60)
            let before = context.database.statements.total
            let sse = try SSEClient(port: try #require(client.port), path: "/v1/projects/desk/events", token: t["r1"]!, lastEventId: "0")
            defer { sse.close() }
            let events = try await sse.wait(timeout: .seconds(20)) { $0.count >= total }
            let used = context.database.statements.total - before
            #expect(events.count == total, "\(events.count) of \(total) events replayed")
            // r1 has judged none of them: every verdict is redacted.
            let verdicts = events.filter { $0.event == "verdict.submitted" }
            #expect(verdicts.count == verdictCount && verdicts.allSatisfy { !$0.data.contains("\"rating\"") })
            #expect(used < 20, "the replay of \(events.count) events took \(used) statements")
        }
    }
}
