import HTTPTypes
import OpenAPIRuntime
import VerityCore
import VerityServices

/// The signed-in user of the request being handled, set by `AuthenticationMiddleware`.
enum RequestIdentity {
    @TaskLocal static var user: User?
    /// The client's address (IP, without port), as the connection shows it.
    @TaskLocal static var clientAddress: String?

    /// The current user; operations behind the middleware always have one.
    static func current() throws -> User {
        guard let user else {
            throw VerityError(.unauthenticated, code: "auth.required", "This operation needs an Authorization: Bearer token.")
        }
        return user
    }
}

/// Resolves `Authorization: Bearer …` for every operation but the public ones, and refuses requests
/// without a valid token before any handler runs.
struct AuthenticationMiddleware: ServerMiddleware {
    let accounts: AccountService

    /// Operations that need no token.
    static let publicOperations: Set<String> = ["getHealth", "getReadiness", "getMetrics", "getOpenAPIDocument", "createToken"]

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        if Self.publicOperations.contains(operationID) {
            return try await next(request, body, metadata)
        }
        let user = try await Self.user(authorization: request.headerFields[.authorization], accounts: accounts)
        return try await RequestIdentity.$user.withValue(user) {
            try await next(request, body, metadata)
        }
    }

    /// The user an `Authorization: Bearer TOKEN` header names; 401 when it is missing, malformed or not valid.
    static func user(authorization header: String?, accounts: AccountService) async throws -> User {
        guard let header else {
            throw VerityError(.unauthenticated, code: "auth.required", "This operation needs an Authorization: Bearer token.")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else {
            throw VerityError(.unauthenticated, code: "auth.malformed", "The Authorization header must be 'Bearer TOKEN'.")
        }
        return try await accounts.authenticate(token: String(parts[1]).trimmingCharacters(in: .whitespaces))
    }
}

/// Refuses, with 400, an If-Match header longer than any entity tag Verity issues, on every operation,
/// whether or not the object exists yet (a create ignores If-Match, but must not accept what the API
/// document forbids). Runs after authentication, so an anonymous caller learns nothing but 401.
struct IfMatchMiddleware: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        if let ifMatch = request.headerFields[.ifMatch] { try EntityTag.checkLength(ifMatch) }
        return try await next(request, body, metadata)
    }
}
