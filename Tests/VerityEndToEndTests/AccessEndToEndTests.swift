import Foundation
import Testing
import VerityCore
import VerityData
import VerityTestSupport

private func url(_ settings: ConnectionSettings) -> String {
    "postgresql://\(settings.user)@\(settings.host):\(settings.port)/\(settings.database)?sslmode=disable"
}

/// The admin's side of access, through the real binary: users, tokens and members, each effective at
/// the next request of a running server and audited.
@Suite("End to end: offboarding and rotating credentials with the CLI", .serialized)
struct AccessEndToEndTests {
    @Test("user list/disable/enable/set-password, token create/list/revoke, project remove-member")
    func cli() async throws {
        try await TestDatabase.withFresh { settings in
            let db = ["--database", url(settings)]
            func verity(_ arguments: [String], stdin: String = "") async throws -> (status: Int32, stdout: String, stderr: String) {
                try await runVerity(arguments + db, stdin: stdin)
            }
            for name in ["ana", "ben"] {
                #expect(try await verity(["user", "create", "--username", name, "--password-stdin"], stdin: "password-\(name)\n").status == 0)
            }
            #expect(try await verity(["project", "create", "--slug", "desk"]).status == 0)
            for name in ["ana", "ben"] {
                #expect(try await verity(["project", "add-member", "--project", "desk", "--username", name, "--role", "editor"]).status == 0)
            }
            let made = try await verity(["token", "create", "--username", "ana", "--name", "laptop"])
            let laptop = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let week = try await verity(["token", "create", "--username", "ana", "--name", "week", "--expires-in-days", "7"])
            let forever = try await verity(["token", "create", "--username", "ben", "--no-expiry"])
            let benToken = forever.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(made.status == 0 && week.status == 0 && forever.status == 0)
            #expect(try await verity(["token", "create", "--username", "ana", "--no-expiry", "--expires-in-days", "3"]).status != 0)

            // Tokens expire in 90 days unless told otherwise; listing never shows a secret.
            let listed = try await verity(["token", "list", "--username", "ana", "--json"])
            #expect(listed.status == 0 && !listed.stdout.contains(laptop))
            let tokens = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            func expiry(_ name: String) -> Date? {
                (tokens.first { $0["name"] as? String == name }?["expiresAt"] as? String).flatMap(Timestamp.parse)
            }
            let in90 = try #require(expiry("laptop")).timeIntervalSinceNow / 86_400
            let in7 = try #require(expiry("week")).timeIntervalSinceNow / 86_400
            #expect(abs(in90 - 90) < 0.1 && abs(in7 - 7) < 0.1, "\(in90) \(in7)")
            #expect(Set(tokens.flatMap { $0.keys }) == ["id", "name", "createdAt", "lastUsedAt", "expiresAt", "revokedAt"])
            let benList = try JSONSerialization.jsonObject(
                with: Data(try await verity(["token", "list", "--username", "ben", "--json"]).stdout.utf8))
            #expect(((benList as? [[String: Any]])?.first?["expiresAt"]) is NSNull, "--no-expiry gives no expiry")

            let server = try ChildProcess([ChildProcess.verityBinary, "serve", "--port", "0", "--no-deliver-webhooks"] + db)
            defer { server.signal(SIGKILL) }
            let api = ConcurrentClient(base: try await server.waitForOutput(#"listening on (http://\S+)"#), connections: 4, timeout: 30)
            #expect(try await api.send("GET", "/v1/projects/desk/articles", token: laptop).status == 200)

            // A leaked token: revoke it by id; the next request is refused.
            let laptopId = try #require(tokens.first { $0["name"] as? String == "laptop" }?["id"] as? String)
            #expect(try await verity(["token", "revoke", "--id", laptopId]).status == 0)
            #expect(try await api.send("GET", "/v1/projects/desk/articles", token: laptop).status == 401)
            #expect(try await verity(["token", "revoke", "--id", "not-an-id"]).status != 0)
            #expect(try await verity(["token", "revoke", "--username", "ana"]).status != 0, "--all is required to revoke every token")

            // A new password revokes every token of the user.
            let weekToken = week.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try await api.send("GET", "/v1/me", token: weekToken).status == 200)
            #expect(try await verity(["user", "set-password", "--username", "ana", "--password-stdin"], stdin: "a new long password\n").status == 0)
            #expect(try await api.send("GET", "/v1/me", token: weekToken).status == 401)
            #expect(
                try await api.send("POST", "/v1/auth/tokens", token: nil, json: #"{"username":"ana","password":"a new long password"}"#).status == 201
            )

            // Someone leaves: disable them — refused at once — and take them off the desk.
            #expect(try await api.send("GET", "/v1/me", token: benToken).status == 200)
            #expect(try await verity(["user", "disable", "--username", "ben"]).status == 0)
            #expect(try await api.send("GET", "/v1/me", token: benToken).status == 401)
            let users = try await verity(["user", "list", "--json"])
            let userRows = try #require(try JSONSerialization.jsonObject(with: Data(users.stdout.utf8)) as? [[String: Any]])
            #expect(userRows.first { $0["username"] as? String == "ben" }?["disabled"] as? Bool == true)
            #expect(Set(userRows.flatMap { $0.keys }) == ["username", "admin", "disabled", "createdAt"])
            #expect(try await verity(["user", "enable", "--username", "ben"]).status == 0)
            #expect(try await api.send("GET", "/v1/projects/desk/articles", token: benToken).status == 200)
            #expect(try await verity(["project", "remove-member", "--project", "desk", "--username", "ben"]).status == 0)
            #expect(try await api.send("GET", "/v1/projects/desk/articles", token: benToken).status == 404)
            #expect(try await verity(["token", "revoke", "--username", "ben", "--all"]).status == 0)
            #expect(try await api.send("GET", "/v1/me", token: benToken).status == 401)
            #expect(try await verity(["user", "disable", "--username", "nobody"]).status != 0)

            // Every change is in the audit trail; no secret is.
            let audit = try await TestContext.sql(settings, "SELECT action, coalesce(after::text, '') FROM audit_events ORDER BY id")
            let actions = audit.compactMap { $0[0] }
            for action in [
                "user.created", "token.issued", "token.revoked", "user.password_set", "user.disabled", "user.enabled", "membership.deleted",
            ] {
                #expect(actions.contains(action), "\(action) was not audited")
            }
            #expect(audit.allSatisfy { row in ![laptop, weekToken, benToken].contains { (row[1] ?? "").contains($0) } })
            server.signal(SIGTERM)
            #expect(try await server.wait(timeout: .seconds(30)) == 0)
        }
    }

    @Test("two server processes share one login limit")
    func sharedThrottle() async throws {
        try await TestDatabase.withFresh { settings in
            let db = ["--database", url(settings)]
            #expect(try await runVerity(["user", "create", "--username", "ana", "--password-stdin"] + db, stdin: "password-ana\n").status == 0)
            let servers = try (0..<2).map { _ in try ChildProcess([ChildProcess.verityBinary, "serve", "--port", "0", "--no-deliver-webhooks"] + db) }
            defer { for server in servers { server.signal(SIGKILL) } }
            var apis: [ConcurrentClient] = []
            for server in servers {
                apis.append(ConcurrentClient(base: try await server.waitForOutput(#"listening on (http://\S+)"#), connections: 2, timeout: 30))
            }
            var statuses: [Int] = []
            for attempt in 0..<10 {
                statuses.append(
                    try await apis[attempt % 2].send(
                        "POST", "/v1/auth/tokens", token: nil, json: #"{"username":"ana","password":"guess-\#(attempt)"}"#
                    )
                    .status)
            }
            #expect(statuses.filter { $0 == 401 }.count == 5 && statuses.filter { $0 == 429 }.count == 5, "\(statuses)")
            for server in servers { server.signal(SIGTERM) }
        }
    }
}
