import Foundation
import HTTPTypes
import Hummingbird
import OpenAPIRuntime
import VerityCore
import VerityServices

/// Who is calling, for the request being handled: set by `AccessGateMiddleware` before anything of the
/// request but its head is looked at.
enum RequestIdentity {
    @TaskLocal static var authentication: Authentication?
    /// The client's address (IP, without port): the peer's, or from `X-Forwarded-For` behind a trusted proxy.
    @TaskLocal static var clientAddress: String?

    /// The current user; operations behind the gate always have one.
    static func current() throws -> User { try currentAuthentication().user }

    /// The current caller with the token they used.
    static func currentAuthentication() throws -> Authentication {
        guard let authentication else {
            throw VerityError(.unauthenticated, code: .authRequired, "This operation needs an Authorization: Bearer token.")
        }
        return authentication
    }
}

/// The first thing every request meets after its head is read: public routes pass; everything else under
/// `/v1` needs a valid bearer token (401 otherwise), and a path naming a project, an article or a claim
/// the caller may not see is answered 404 — in one database statement, before the body is read and
/// before any parameter or body is judged, so an outsider learns nothing, whatever they send.
struct AccessGateMiddleware<Context: RequestContext>: RouterMiddleware {
    let accounts: AccountService

    /// Routes anyone may call: health, readiness, metrics, the API document, and logging in.
    static func isPublic(_ method: HTTPRequest.Method, _ path: String) -> Bool {
        switch (method, path) {
        case (_, "/healthz"), (_, "/readyz"), (_, "/metrics"), (_, "/openapi.yaml"), (.post, "/v1/auth/tokens"): true
        default: !path.hasPrefix("/v1/") && path != "/v1"
        }
    }

    /// The resource a path names: `/v1/projects/{p}/…`, `/v1/articles/{id}…`, `/v1/claims/{id}…`. An id that
    /// is not a UUID names nothing that exists: it is a `notFound` as is.
    static func scope(of path: String) throws -> ResourceScope? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 3, parts[0] == "v1" else { return nil }
        let key = String(parts[2].removingPercentEncoding ?? String(parts[2]))
        switch parts[1] {
        case "projects": return .project(key)
        case "articles":
            guard let id = UUID(uuidString: key) else { throw VerityError.notFound(.article) }
            return .article(id)
        case "claims":
            guard let id = UUID(uuidString: key) else { throw VerityError.notFound(.claim) }
            return .claim(id)
        default: return nil
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if Self.isPublic(request.method, path) { return try await next(request, context) }
        let token = try Self.bearerToken(request.headers[.authorization])
        let scope = try Self.scope(of: path)
        let authentication = try await accounts.authenticate(token: token, scope: scope)
        if let scope {
            guard authentication.projectId != nil, AccessPolicy.allows(authentication.role, .readProject, isAdmin: authentication.user.isAdmin)
            else { throw VerityError.notFound(scope.kind) }
        }
        let caller = ReadYourWrites.Caller(userId: authentication.user.id, lastWrite: authentication.lastWrite)
        return try await RequestIdentity.$authentication.withValue(authentication) {
            try await ReadYourWrites.$caller.withValue(caller) { try await next(request, context) }
        }
    }

    /// The token of an `Authorization: Bearer TOKEN` header; 401 when it is missing or malformed.
    static func bearerToken(_ header: String?) throws -> String {
        guard let header else {
            throw VerityError(.unauthenticated, code: .authRequired, "This operation needs an Authorization: Bearer token.")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].trimmingCharacters(in: .whitespaces).isEmpty else {
            throw VerityError(.unauthenticated, code: .authMalformed, "The Authorization header must be 'Bearer TOKEN'.")
        }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}

/// The generated operations' check that the gate let the request in with an identity (it always has,
/// for every operation but the public ones): a second line of defence, should a route ever be mounted
/// outside the gate.
struct AuthenticationMiddleware: ServerMiddleware {
    /// Operations that need no token.
    static let publicOperations: Set<String> = ["getHealth", "getReadiness", "getMetrics", "getOpenAPIDocument", "createToken"]

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        if !Self.publicOperations.contains(operationID) { _ = try RequestIdentity.currentAuthentication() }
        return try await next(request, body, metadata)
    }
}

/// Refuses, with 400, an If-Match header longer than any entity tag Verity issues, on every operation,
/// whether or not the object exists yet (a create ignores If-Match, but must not accept what the API
/// document forbids). Runs after the gate, so an anonymous caller or an outsider learns nothing but 401/404.
struct IfMatchMiddleware: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        if let ifMatch = request.headerFields[.ifMatch] { try EntityTag.checkLength(ifMatch) }
        return try await next(request, body, metadata)
    }
}
