import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import VerityCore

/// Refuses bodies over the configured limit with 413 before reading them when a Content-Length says
/// so, and otherwise stops reading at the limit, so memory never grows with what a client sends.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw Self.tooLarge(maxBytes)
        }
        guard request.method == .post || request.method == .put || request.method == .patch else {
            return try await next(request, context)
        }
        var request = request
        do {
            _ = try await request.collectBody(upTo: maxBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Self.tooLarge(maxBytes)
        } catch is NIOTooManyBytesError {
            // A body without Content-Length (chunked) that runs past the limit: reading stopped there.
            throw Self.tooLarge(maxBytes)
        }
        return try await next(request, context)
    }

    static func tooLarge(_ maxBytes: Int) -> VerityError {
        VerityError(.payloadTooLarge, code: "request.too_large", "The request body is larger than the \(maxBytes) bytes this server accepts.")
    }
}

/// Headers every response carries: no sniffing, no framing, no caching of authenticated data, no referrer leaks.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[values: HTTPField.Name("X-Frame-Options")!] = ["DENY"]
        response.headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'"
        response.headers[values: HTTPField.Name("Referrer-Policy")!] = ["no-referrer"]
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// swift-openapi-runtime percent-encodes header values it serialises (`"v2"` goes out as `%22v2%22`),
/// which breaks entity tags: clients must send back exactly what they received. This restores the
/// ETag header to its literal form, once, for every response.
struct EntityTagMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if let tag = response.headers[.eTag], tag.contains("%"), let decoded = tag.removingPercentEncoding {
            response.headers[.eTag] = decoded
        }
        return response
    }
}

/// Answers a request whose path exists with another method `405 Method Not Allowed` and an `Allow`
/// header (RFC 9110 §15.5.6), instead of the router's 404. Hummingbird wraps routes in the middleware
/// present when they are added, and unmatched requests in all of it: this one is added last.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Route templates split into components (`nil` for a parameter), with the methods each allows.
    let routes: [(components: [Substring?], methods: [HTTPRequest.Method])]

    init(routes: [(path: String, method: HTTPRequest.Method)]) {
        var table: [String: [HTTPRequest.Method]] = [:]
        for route in routes { table[route.path, default: []].append(route.method) }
        self.routes = table.map { path, methods in
            (
                path.split(separator: "/").map { $0.hasPrefix(":") || $0.hasPrefix("{") || $0 == "*" ? nil : $0 },
                methods.sorted { $0.rawValue < $1.rawValue }
            )
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path.split(separator: "/")
            let allowed = routes.first { route in
                route.components.count == path.count && zip(route.components, path).allSatisfy { $0.0 == nil || $0.0 == $0.1 }
            }
            guard let allowed, !allowed.methods.contains(request.method) else { throw error }
            throw HTTPError(
                .methodNotAllowed, headers: [.allow: allowed.methods.map(\.rawValue).joined(separator: ", ")],
                message: "\(request.method) is not allowed here; use \(allowed.methods.map(\.rawValue).joined(separator: " or ")).")
        }
    }
}

/// The request context Verity's router uses: Hummingbird's basics plus the peer's address.
struct VerityRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

/// Makes the client's address available to handlers (the login throttle counts failures by it).
struct ClientAddressMiddleware<Context: RemoteAddressRequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await RequestIdentity.$clientAddress.withValue(context.remoteAddress?.ipAddress) {
            try await next(request, context)
        }
    }
}
