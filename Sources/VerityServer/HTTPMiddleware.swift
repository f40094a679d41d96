import Foundation
import HTTPTypes
import Hummingbird
import Logging
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
