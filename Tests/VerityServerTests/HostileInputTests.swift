import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import VerityCore
import VerityData
import VerityServer
import VerityTestSupport

/// Hostile input through the real HTTP stack: none of it may yield a 500, crash the server, or change
/// data it should not. Every response, whatever its status, carries the security headers.
@Suite("HTTP: hostile input")
struct HostileInputTests {
    static let injections = [
        "'; DROP TABLE claims; --", "\" OR 1=1 --", "') OR ('1'='1", "1; SELECT pg_sleep(5); --", "$$; DELETE FROM users; $$",
        "\\'; TRUNCATE audit_events; --", "%27%20OR%201%3D1", "admin'--", "{\"$ne\": null}", "../../../../etc/passwd",
    ]

    /// A digest of every row of every table Verity writes: equal digests mean nothing changed.
    static func fingerprint(_ context: TestContext) async throws -> [[String?]] {
        try await context.sql(
            """
            SELECT (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM users t),
                   (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM projects t),
                   (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM memberships t),
                   (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM articles t),
                   (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM claims t),
                   (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM verdicts t),
                   (SELECT count(*) FROM audit_events), (SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL)
            """)
    }

    static func expectSafe(_ response: TestResponse, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status.code < 500, "\(what): \(response.status) \(response.text)", sourceLocation: sourceLocation)
        #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(what): no security headers", sourceLocation: sourceLocation)
        #expect(response.headers[.contentSecurityPolicy] != nil, "\(what): no CSP", sourceLocation: sourceLocation)
    }

    static func jsonString(_ value: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [value], options: []), as: UTF8.self).dropFirst().dropLast().description
    }

    @Test("SQL injection in every text field and parameter is stored as text or refused, never run")
    func sqlInjection() async throws {
        try await withTestServer { context, client in
            try await context.makeProject("desk")
            let (_, token) = try await context.makeUserWithToken("ed")
            try await context.addMember("desk", "ed", .owner)
            let articleId = try await context.makeArticle("desk", body: "A first sentence. A second one.")
            let claim = try await client.send(.post, "/v1/articles/\(articleId)/claims", token: token, json: #"{"start":0,"end":17}"#)
            let claimId = try #require(try claim.jsonObject()["id"] as? String)
            for (i, attack) in Self.injections.enumerated() {
                let s = Self.jsonString(attack)
                let q = attack.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                // Stored verbatim where text is allowed.
                let created = try await client.send(
                    .post, "/v1/projects/desk/articles", token: token,
                    json:
                        #"{"externalId":\#(Self.jsonString("x\(i)" + attack)),"title":\#(s),"author":\#(s),"publisher":\#(s),"body":\#(Self.jsonString("Text \(i): " + attack))}"#
                )
                Self.expectSafe(created, "article \(attack)")
                #expect(created.status == .created, "\(attack): \(created.text)")
                #expect(try created.jsonObject()["title"] as? String == attack.split(whereSeparator: \.isWhitespace).joined(separator: " "))
                let patched = try await client.send(
                    .patch, "/v1/claims/\(claimId)", token: token, json: #"{"note":\#(s),"claimant":\#(s),"tags":[\#(s)]}"#,
                    headers: [.ifMatch: "\"v\(i + 1)\""])
                Self.expectSafe(patched, "claim \(attack)")
                #expect(try patched.jsonObject()["note"] as? String == attack)
                let verdict = try await client.send(
                    .put, "/v1/claims/\(claimId)/verdicts/mine", token: token, json: #"{"rating":\#(s),"rationale":\#(s)}"#)
                Self.expectSafe(verdict, "verdict \(attack)")
                #expect(verdict.status == .unprocessableContent)
                for path in [
                    "/v1/projects/\(q)/articles", "/v1/projects/desk/articles?cursor=\(q)", "/v1/projects/desk/claims?status=\(q)",
                    "/v1/projects/desk/claims?article=\(q)", "/v1/projects/desk/agreement?tag=\(q)", "/v1/projects/desk/agreement?since=\(q)",
                    "/v1/projects/desk/audit?object=\(q)", "/v1/projects/desk/audit?actor=\(q)", "/v1/articles/\(q)", "/v1/claims/\(q)",
                    "/v1/projects/desk/members/\(q)", "/v1/projects/desk/export?format=\(q)", "/v1/projects/desk/export?format=csv&since=\(q)",
                    "/v1/projects/desk/search?q=\(q)", "/v1/projects/desk/search?q=first&status=\(q)", "/v1/projects/desk/search?q=first&rating=\(q)",
                    "/v1/projects/desk/search?q=first&reviewer=\(q)", "/v1/projects/desk/search?q=first&tag=\(q)",
                    "/v1/projects/desk/search?q=first&since=\(q)", "/v1/projects/desk/search?q=first&cursor=\(q)",
                    "/v1/articles/\(articleId)?revision=\(q)", "/v1/projects/desk/webhooks/\(q)/deliveries",
                ] {
                    Self.expectSafe(try await client.send(.get, path, token: token), path)
                }
                let hook = try await client.send(.post, "/v1/projects/desk/webhooks", token: token, json: #"{"url":\#(s),"events":[\#(s)]}"#)
                Self.expectSafe(hook, "webhook \(attack)")
                #expect(hook.status == .unprocessableContent, "webhook \(attack): \(hook.text)")
                let anchor = try await client.send(
                    .put, "/v1/claims/\(claimId)/anchor", token: token, json: #"{"start":0,"end":5,"exact":\#(s)}"#, headers: [.ifMatch: "\"v1\""])
                Self.expectSafe(anchor, "anchor \(attack)")
                let login = try await client.send(.post, "/v1/auth/tokens", json: #"{"username":\#(s),"password":\#(s)}"#)
                Self.expectSafe(login, "login \(attack)")
                #expect(login.status == .unauthorized || login.status == .tooManyRequests)
            }
            // Every table is still there and whole.
            let counts = try await context.sql(
                "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM claims), (SELECT count(*) FROM articles), (SELECT count(*) FROM webhooks)"
            )
            #expect(counts == [["1", "1", "\(1 + Self.injections.count)", "0"]])
            // The attacks are in the articles as text, and search finds them as text.
            let found = try await client.send(.get, "/v1/projects/desk/search?q=%22DROP%20TABLE%20claims%22", token: token)
            #expect(found.status == .ok)
            #expect((try found.jsonObject()["items"] as? [Any])?.isEmpty == false, "\(found.text)")
        }
    }

    @Test("invalid UTF-8, NUL bytes, deep nesting and absurd offsets are 4xx and change nothing")
    func malformedBodies() async throws {
        try await withTestServer { context, client in
            try await context.makeProject("desk")
            let (_, token) = try await context.makeUserWithToken("ed")
            try await context.addMember("desk", "ed", .owner)
            let articleId = try await context.makeArticle("desk", body: "A first sentence. A second one.")
            let claim = try await client.send(.post, "/v1/articles/\(articleId)/claims", token: token, json: #"{"start":0,"end":17}"#)
            let claimId = try #require(try claim.jsonObject()["id"] as? String)
            let before = try await Self.fingerprint(context)

            let invalidUTF8: [UInt8] = Array(#"{"body":"bad "#.utf8) + [0xC3, 0x28, 0xFF] + Array(#""}"#.utf8)
            for (what, response) in [
                (
                    "invalid UTF-8 JSON",
                    try await client.send(.post, "/v1/projects/desk/articles", token: token, bytes: invalidUTF8, contentType: "application/json")
                ),
                (
                    "invalid UTF-8 text",
                    try await client.send(
                        .post, "/v1/projects/desk/articles", token: token, bytes: [0x41, 0xFF, 0xFE, 0x42], contentType: "text/plain")
                ),
                (
                    "NUL in JSON",
                    try await client.send(.post, "/v1/projects/desk/articles", token: token, json: #"{"body":"A\u0000B. Second sentence."}"#)
                ),
                (
                    "NUL in text",
                    try await client.send(
                        .post, "/v1/projects/desk/articles", token: token, bytes: Array("A\0B. Second.".utf8), contentType: "text/plain")
                ),
                (
                    "NUL in claim note",
                    try await client.send(.post, "/v1/articles/\(articleId)/claims", token: token, json: #"{"start":0,"end":5,"note":"x\u0000y"}"#)
                ),
                (
                    "NUL in rationale",
                    try await client.send(.put, "/v1/claims/\(claimId)/verdicts/mine", token: token, json: #"{"rating":"true","rationale":"\u0000"}"#)
                ),
                (
                    "NUL in evidence",
                    try await client.send(
                        .put, "/v1/claims/\(claimId)/verdicts/mine", token: token,
                        json: #"{"rating":"true","evidence":[{"url":"https://x.example/\u0000"}]}"#)
                ),
                (
                    "deep arrays",
                    try await client.send(
                        .post, "/v1/projects/desk/articles", token: token,
                        json: #"{"body":"x","title":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}")
                ),
                (
                    "deep objects",
                    try await client.send(
                        .post, "/v1/articles/\(articleId)/claims", token: token,
                        json: String(repeating: #"{"a":"#, count: 50_000) + "1" + String(repeating: "}", count: 50_000))
                ),
                (
                    "start Int.max",
                    try await client.send(
                        .post, "/v1/articles/\(articleId)/claims", token: token, json: #"{"start":9223372036854775807,"end":9223372036854775807}"#)
                ),
                (
                    "start beyond Int64",
                    try await client.send(
                        .post, "/v1/articles/\(articleId)/claims", token: token, json: #"{"start":99999999999999999999999,"end":1}"#)
                ),
                ("negative offsets", try await client.send(.post, "/v1/articles/\(articleId)/claims", token: token, json: #"{"start":-5,"end":-1}"#)),
                (
                    "end Int.max",
                    try await client.send(.post, "/v1/articles/\(articleId)/claims", token: token, json: #"{"start":0,"end":9223372036854775807}"#)
                ),
                (
                    "utf16 Int.min",
                    try await client.send(
                        .post, "/v1/articles/\(articleId)/claims", token: token, json: #"{"start":-9223372036854775808,"end":3,"offsetUnit":"utf16"}"#
                    )
                ),
                ("limit Int.max", try await client.send(.get, "/v1/projects/desk/articles?limit=9223372036854775807", token: token)),
                ("limit negative", try await client.send(.get, "/v1/projects/desk/claims?limit=-1", token: token)),
                ("not JSON", try await client.send(.post, "/v1/projects/desk/articles", token: token, json: "{{{{")),
                (
                    "wrong content type",
                    try await client.send(.post, "/v1/projects/desk/articles", token: token, bytes: [1, 2, 3], contentType: "application/x-evil")
                ),
                (
                    "If-Match too long",
                    try await client.send(
                        .patch, "/v1/claims/\(UUID())", token: token, json: "{}", headers: [.ifMatch: String(repeating: "v", count: 200)])
                ),
            ] {
                Self.expectSafe(response, what)
                #expect((400..<500).contains(response.status.code), "\(what): \(response.status)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(what)")
            }
            #expect(try await Self.fingerprint(context) == before)
            // The server is still up and serving.
            #expect(try await client.send(.get, "/v1/articles/\(articleId)", token: token).status == .ok)
        }
    }

    /// Found by schemathesis: a NUL in `?username=` reached PostgreSQL (which cannot compare it) and came back
    /// as an undocumented 422; `null` for a project setting was taken as "absent" although the schema said
    /// boolean. A name no user can have is nobody (404), and settings patches document null as "keep".
    @Test("a NUL or a line break in a username parameter is nobody; null in a settings patch keeps the setting")
    func parameterEdges() async throws {
        try await withTestServer { context, client in
            try await context.makeProject("desk")
            let (_, admin) = try await context.makeUserWithToken("root", admin: true)
            let (_, owner) = try await context.makeUserWithToken("ana")
            try await context.addMember("desk", "ana", .owner)
            for name in ["ana%00", "%00", "ana%0A", "ana%0D%0A"] {
                let response = try await client.send(.get, "/v1/auth/tokens?username=\(name)", token: admin)
                Self.expectSafe(response, name)
                #expect(response.status == .notFound, "\(name): \(response.status) \(response.text)")
            }
            #expect(try await client.send(.get, "/v1/auth/tokens?username=ana", token: admin).status == .ok)
            // A user named "ana\n" cannot be created beside "ana".
            #expect(throws: VerityError.self) { try User.validateUsername("ana\n") }

            try await client.send(.patch, "/v1/projects/desk", token: owner, json: #"{"lockVerdictsAfterReveal":true,"reviewersPerClaim":3}"#)
            let patched = try await client.send(
                .patch, "/v1/projects/desk", token: owner,
                json: #"{"name":null,"reviewersPerClaim":null,"blindReview":null,"lockVerdictsAfterReveal":null}"#)
            #expect(patched.status == .ok, "\(patched.text)")
            let project = try patched.jsonObject()
            #expect(project["lockVerdictsAfterReveal"] as? Bool == true)
            #expect(project["reviewersPerClaim"] as? Int == 3)
        }
    }

    @Test("405 with Allow for a known path and another method; traversal-looking paths are plain 404s")
    func methodsAndPaths() async throws {
        try await withTestServer { context, client in
            let (_, token) = try await context.makeUserWithToken("ed", admin: true)
            let trace = try await client.send(.init(rawValue: "TRACE")!, "/v1/projects", token: token)
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers[.allow] == "GET, POST")
            Self.expectSafe(trace, "TRACE")
            for path in [
                "/v1/../../etc/passwd", "/v1/projects/..%2F..%2Fetc%2Fpasswd/articles", "/openapi.yaml/../../../etc/passwd",
                "/%2e%2e/%2e%2e/etc/passwd",
            ] {
                let response = try await client.send(.get, path, token: token)
                Self.expectSafe(response, path)
                #expect(response.status == .notFound || response.status == .badRequest, "\(path): \(response.status)")
                #expect(!response.text.contains("root:"), "\(path)")
            }
        }
    }

    /// The real binary with its default limits serving the test's database, not an in-process server: memory
    /// is measured as the server process's own peak, which the other suites running in the test process
    /// cannot move. The caller stops it.
    static func serveBinary(_ context: TestContext) async throws -> (server: ChildProcess, port: Int, client: ConcurrentClient) {
        let settings = context.settings
        let url = "postgresql://\(settings.user)@\(settings.host):\(settings.port)/\(settings.database)?sslmode=disable"
        let server = try ChildProcess([ChildProcess.verityBinary, "serve", "--port", "0", "--database", url])
        do {
            let port = try #require(Int(try await server.waitForOutput(#"listening on http://[^:]+:(\d+)"#)))
            return (server, port, ConcurrentClient(base: "http://127.0.0.1:\(port)"))
        } catch {
            server.signal(SIGKILL)
            throw error
        }
    }

    @Test("10 MB and 100 MB bodies are refused with 413 before they are read; memory does not follow them")
    func oversizedBodies() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            let (_, token) = try await context.makeUserWithToken("ed", admin: true)
            let (server, port, client) = try await Self.serveBinary(context)
            defer { server.signal(SIGKILL) }
            #expect(try await client.send("GET", "/v1/me", token: token).status == 200)
            let peakBefore = try RawHTTP.peakResidentBytes(pid: server.pid)
            for megabytes in [10, 100] {
                let total = megabytes * 1_000_000
                // Declared: answered at the headers, long before the body could arrive.
                let declared = try await RawHTTP.send(
                    port: port,
                    head:
                        "POST /v1/projects/desk/articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nContent-Type: text/plain\r\nContent-Length: \(total)",
                    total: total, answerWait: .seconds(3))
                #expect(declared.status == 413, "\(megabytes) MB declared: \(declared.response)")
                #expect(declared.bodyBytesSent < total / 2, "the server read \(declared.bodyBytesSent) bytes before answering")
                #expect(declared.response.lowercased().contains("x-content-type-options: nosniff"))
                // Undeclared (chunked): the server stops reading at its limit.
                let streamed = try await RawHTTP.send(
                    port: port,
                    head:
                        "POST /v1/projects/desk/articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked",
                    total: total, chunked: true)
                #expect(streamed.status == 413, "\(megabytes) MB chunked: \(streamed.response)")
                #expect(streamed.bodyBytesSent < total / 2 || megabytes == 10, "the server read \(streamed.bodyBytesSent) bytes before answering")
            }
            // Buffering either 100 MB body would raise the server's peak by at least 100 MB.
            let grown = try RawHTTP.peakResidentBytes(pid: server.pid) - peakBefore
            #expect(grown < 40_000_000, "the server's peak resident memory grew by \(grown) bytes")
            #expect(try await client.send("GET", "/v1/me", token: token).status == 200)
        }
    }

    /// A bulk import's body is read by its handler into the one buffer the import parses. When the body
    /// middleware collected it first, a body was held three or four times over (Hummingbird's buffer, the
    /// OpenAPI transport's copy, the copy that gathered its chunks, the `Data`), and a 30 MB import raised
    /// the server's peak by 95 MB (32–37 MB now). An editor's body of one line that is not JSON is read whole
    /// and then refused, which measures the reading alone. A chunked body (no length given) is read too, but
    /// its buffer grows by doubling, so its peak depends on where the allocator can grow it: under a loaded
    /// CI it reached 60 MB, and only its answer is checked. A viewer, who may not import, is refused before
    /// the body is read at all.
    @Test(
        "a bulk import's body is held once while it is read: a declared 30 MB body raises the server's peak by less than 50 MB; one who may not import is refused before it is read"
    )
    func bulkBodyHeldOnce() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            let (_, token) = try await context.makeUserWithToken("ed")
            try await context.addMember("desk", "ed", .editor)
            let (_, viewerToken) = try await context.makeUserWithToken("vi")
            try await context.addMember("desk", "vi", .viewer)
            let (server, port, client) = try await Self.serveBinary(context)
            defer { server.signal(SIGKILL) }
            #expect(try await client.send("GET", "/v1/me", token: token).status == 200)
            let total = 30_000_000
            func head(_ token: String, _ framing: String, _ collection: String = "articles") -> String {
                "POST /v1/projects/desk/\(collection) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/x-ndjson\r\n\(framing)"
            }
            let framings = [("declared", "Content-Length: \(total)", false), ("chunked", "Transfer-Encoding: chunked", true)]
            var grown: [String: Int] = [:]
            for (name, framing, chunked) in framings {
                let peakBefore = try RawHTTP.peakResidentBytes(pid: server.pid)
                let sent = try await RawHTTP.send(port: port, head: head(token, framing), total: total, chunked: chunked)
                #expect(sent.status == 422 && sent.response.contains("line 1"), "\(name): \(sent.response)")
                #expect(sent.bodyBytesSent == total, "\(name)")
                grown[name] = try RawHTTP.peakResidentBytes(pid: server.pid) - peakBefore
            }
            print("bulk body of \(total) bytes: the server's peak grew by \(grown)")
            #expect(grown["declared"]! < 50_000_000, "the server's peak resident memory grew by \(grown) bytes for a 30,000,000-byte body")
            for collection in ["articles", "references"] {
                for (name, framing, chunked) in framings {
                    let sent = try await RawHTTP.send(port: port, head: head(viewerToken, framing, collection), total: total, chunked: chunked)
                    #expect(sent.status == 403, "viewer, \(collection), \(name): \(sent.response)")
                    // What the socket buffers took before the answer came, not the body.
                    #expect(
                        sent.bodyBytesSent < total / 2, "viewer, \(collection), \(name): the server read \(sent.bodyBytesSent) bytes before refusing")
                }
            }
            #expect(try await client.send("GET", "/v1/me", token: token).status == 200)
            #expect(try await context.sql("SELECT count(*) FROM articles") == [["0"]])
        }
    }

    @Test("brute force: failed logins are limited per username and per address, with 429 and Retry-After")
    func bruteForce() async throws {
        try await withTestServer { context, client in
            try await context.makeUser("ana")
            let limits = LoginThrottle.Limits()
            for attempt in 1...limits.failuresPerUsername {
                let response = try await client.send(.post, "/v1/auth/tokens", json: #"{"username":"ana","password":"guess-\#(attempt)"}"#)
                #expect(response.status == .unauthorized)
            }
            let locked = try await client.send(.post, "/v1/auth/tokens", json: #"{"username":"ana","password":"guess-x"}"#)
            #expect(locked.status == .tooManyRequests)
            #expect(Int(locked.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(try locked.jsonObject()["code"] as? String == "auth.too_many_attempts")
            Self.expectSafe(locked, "locked")
            // Even the right password waits: the lock does not tell a guesser when they are right.
            #expect(
                try await client.send(.post, "/v1/auth/tokens", json: #"{"username":"ana","password":"password-ana"}"#).status == .tooManyRequests)
            // Spreading guesses over usernames from one address hits the address limit.
            var statuses: [Int] = []
            for i in 0..<limits.failuresPerAddress {
                statuses.append(
                    Int(try await client.send(.post, "/v1/auth/tokens", json: #"{"username":"user\#(i)","password":"guess-guess"}"#).status.code))
            }
            #expect(statuses.contains(429), "\(statuses)")
            #expect(!statuses.contains { $0 >= 500 })
        }
    }
}
