import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import VerityCore
import VerityData
import VerityTestSupport

@Suite("HTTP: authentication, system routes, errors")
struct AuthAndSystemTests {
    @Test("login issues a working token; wrong password or unknown user is 401 alike")
    func login() async throws {
        try await withTestServer { context, client in
            try await context.makeUser("ana")
            let ok = try await client.send(
                .post, "/v1/auth/tokens", json: #"{"username":"ana","password":"password-ana"}"#)
            #expect(ok.status == .created)
            let token = try #require(try ok.jsonObject()["token"] as? String)
            #expect(token.hasPrefix("vrt_") && token.count >= 47)
            try await context.makeProject("desk")
            try await context.addMember("desk", "ana", .viewer)
            #expect(try await client.send(.get, "/v1/projects/desk/articles", token: token).status == .ok)

            let wrong = try await client.send(
                .post, "/v1/auth/tokens", json: #"{"username":"ana","password":"nope-nope"}"#)
            let unknown = try await client.send(
                .post, "/v1/auth/tokens", json: #"{"username":"bob","password":"password-bob"}"#)
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            let wrongCode = try wrong.jsonObject()["code"] as? String
            let unknownCode = try unknown.jsonObject()["code"] as? String
            #expect(wrongCode == unknownCode)
            #expect(
                try await client.send(.post, "/v1/auth/tokens", json: #"{"username":"ana"}"#).status
                    == .badRequest)
        }
    }

    @Test("missing, malformed, unknown, expired and revoked tokens are 401 with WWW-Authenticate")
    func badTokens() async throws {
        try await withTestServer { context, client in
            try await context.makeProject("desk")
            let (user, token) = try await context.makeUserWithToken("ana")
            try await context.addMember("desk", "ana", .viewer)
            let expired = try await context.accounts.createToken(
                username: "ana", name: "old", expiresAt: Date().addingTimeInterval(-60))
            let revoked = try await context.accounts.createToken(username: "ana", name: "revoked", expiresAt: nil)
            try await context.sql("UPDATE api_tokens SET revoked_at = now() WHERE name = 'revoked'")
            let cases: [(String?, String)] = [
                (nil, "auth.required"), ("Basic abc", "auth.malformed"), ("Bearer ", "auth.malformed"),
                ("Bearer vrt_forged", "auth.invalid_token"), ("Bearer \(expired)", "auth.invalid_token"),
                ("Bearer \(revoked)", "auth.invalid_token"),
                ("Bearer " + String(repeating: "x", count: 5000), "auth.invalid_token"),
            ]
            for (header, code) in cases {
                var headers: HTTPFields = [:]
                if let header { headers[.authorization] = header }
                let response = try await client.send(.get, "/v1/projects/desk/articles", headers: headers)
                #expect(response.status == .unauthorized, "\(header ?? "none")")
                #expect(response.headers[.wwwAuthenticate] == #"Bearer realm="verity""#)
                #expect(try response.jsonObject()["code"] as? String == code)
            }
            #expect(try await client.send(.get, "/v1/projects/desk/articles", token: token).status == .ok)
            try await context.sql("UPDATE users SET disabled = true WHERE id = $1", [user.id.uuidString])
            #expect(
                try await client.send(.get, "/v1/projects/desk/articles", token: token).status
                    == .unauthorized)
        }
    }

    @Test("tokens are stored only as SHA-256")
    func tokensHashed() async throws {
        try await withTestDatabase { context in
            let (_, token) = try await context.makeUserWithToken("ana")
            let rows = try await context.sql("SELECT encode(token_hash, 'hex') FROM api_tokens")
            #expect(rows.count == 1)
            #expect(rows[0][0]?.count == 64)
            #expect(rows[0][0]?.contains(token) == false)
            let dump = try await context.sql("SELECT password_hash FROM users")
            #expect(dump[0][0]?.hasPrefix("$2") == true)
        }
    }

    @Test("health, readiness, metrics and the OpenAPI document answer without a token")
    func systemRoutes() async throws {
        try await withTestServer { _, client in
            #expect(try await client.send(.get, "/healthz").status == .ok)
            #expect(try await client.send(.get, "/readyz").status == .ok)
            let metrics = try await client.send(.get, "/metrics")
            #expect(metrics.status == .ok)
            let spec = try await client.send(.get, "/openapi.yaml")
            #expect(spec.status == .ok)
            #expect(spec.text.hasPrefix("openapi:"))
        }
    }

    @Test("every response carries the security headers, errors included; errors are problem+json")
    func securityHeaders() async throws {
        try await withTestServer { _, client in
            for (method, uri) in [
                (HTTPRequest.Method.get, "/healthz"), (.get, "/no/such/route"), (.get, "/v1/articles/x"),
                (.delete, "/healthz"),
            ] {
                let response = try await client.send(method, uri)
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                #expect(response.headers[.contentSecurityPolicy] != nil)
                if response.status.code >= 400 {
                    #expect(response.headers[.contentType] == "application/problem+json", "\(uri)")
                    let problem = try response.jsonObject()
                    #expect(problem["status"] as? Int == Int(response.status.code))
                    #expect(
                        problem["type"] is String && problem["title"] is String && problem["code"] is String)
                }
            }
        }
    }

    /// The error catalogue and the API document's list of `Problem.code` values are the same set, so a
    /// client reading the document knows every code it can meet.
    @Test("Problem.code in openapi.yaml lists exactly the catalogue's error codes")
    func errorCatalogue() async throws {
        try await withTestServer { _, client in
            let spec = try #require(try await client.send(.get, "/openapi.yaml").text)
            let start = try #require(spec.range(of: "Every code Verity produces"))
            let block = spec[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropFirst().prefix { line in
                line.trimmingCharacters(in: .whitespaces).isEmpty || line.trimmingCharacters(in: .whitespaces).hasPrefix("`")
            }
            let listed = Set(
                block.joined(separator: " ").split(separator: "`").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            let catalogue = Set(ErrorCode.all.map(\.rawValue))
            #expect(ErrorCode.all.count == catalogue.count, "a code is in the catalogue twice")
            #expect(
                listed == catalogue,
                "only in the document: \(listed.subtracting(catalogue).sorted()); only in the catalogue: \(catalogue.subtracting(listed).sorted())")
            for code in catalogue {
                #expect(code.range(of: #"^[a-z]+(\.[a-z0-9_]+)*\z"#, options: .regularExpression) != nil, "\(code)")
            }
        }
    }

    @Test("every operation in openapi.yaml is routed: none answers 'route not found' or 500")
    func everyDocumentedRouteAnswers() async throws {
        try await withTestServer { context, client in
            try await context.makeProject("desk")
            let (_, token) = try await context.makeUserWithToken("ana", admin: true)
            let spec = try #require(try await client.send(.get, "/openapi.yaml").text)
            let operations = OpenAPIRoutes.parse(spec)
            #expect(operations.count >= 8)
            for (method, path) in operations {
                let uri = path.replacingOccurrences(of: "{project}", with: "desk")
                    .replacingOccurrences(of: "{id}", with: UUID().uuidString)
                    .replacingOccurrences(of: "{username}", with: "nobody")
                    .replacingOccurrences(of: "{webhookId}", with: UUID().uuidString)
                    .replacingOccurrences(of: "{tokenId}", with: UUID().uuidString)
                // Logging out revokes the token used: that call gets a token of its own.
                let caller =
                    path == "/v1/auth/tokens/current" ? try await context.accounts.createToken(username: "ana", name: "spare", expiresAt: nil) : token
                let response = try await client.send(
                    HTTPRequest.Method(method.uppercased())!, uri, token: caller,
                    json: method == "post" ? "{}" : nil)
                #expect(response.status.code < 500, "\(method) \(path)")
                if response.status == .notFound {
                    #expect(
                        try response.jsonObject()["code"] as? String != "route.not_found",
                        "\(method) \(path) is not routed")
                }
            }
        }
    }
}

/// The (method, path) pairs of an OpenAPI document, read from its `paths:` block.
enum OpenAPIRoutes {
    static func parse(_ yaml: String) -> [(String, String)] {
        var result: [(String, String)] = []
        var inPaths = false
        var current: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("paths:") {
                inPaths = true
                continue
            }
            if inPaths && !line.hasPrefix(" ") && !line.isEmpty { break }
            guard inPaths else { continue }
            if line.hasPrefix("  /") { current = String(line.dropFirst(2).dropLast()) }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("    ") && !line.hasPrefix("     "), let current,
                ["get:", "post:", "put:", "patch:", "delete:"].contains(trimmed)
            {
                result.append((String(trimmed.dropLast()), current))
            }
        }
        return result
    }
}
