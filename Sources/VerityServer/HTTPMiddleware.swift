import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes
import OpenAPIRuntime
import VerityCore

/// Refuses bodies over the configured limit with 413 before reading them when a Content-Length says
/// so, and otherwise stops reading at the limit, so memory never grows with what a client sends. It runs
/// after the access gate: nobody's body is read before they are known. A body that does not arrive within
/// `readTimeout` is answered 408 and the connection closed (a client trickling a body cannot hold a
/// request open for ever).
///
/// A bulk import's body (`application/x-ndjson`, up to `maxImportBytes`) is left for its handler to read
/// with the same limit and timeout (`BulkBody.collect`), straight into the one buffer the import parses.
/// Collected here, a 6.4 MB body was held three times over during the import and four at its peak:
/// this buffer, the OpenAPI transport's copy of it, the copy that gathered the chunks, and the `Data`.
///
/// A client that asked `Expect: 100-continue` is told `100 Continue` here, once the request has passed
/// the access gate and the size check, just before its body is read. Clients that ask (curl for any
/// body over 1 MiB, among others) wait for that answer before sending; without it curl waited a full
/// second before every bulk import. One refused before this point gets its final answer instead and
/// need not send the body at all.
struct BodyLimitMiddleware<Context: InterimResponseRequestContext>: RouterMiddleware {
    let maxBytes: Int
    /// The limit for a bulk import (`application/x-ndjson`, the only body type that carries many records).
    let maxImportBytes: Int
    let readTimeout: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let isBulk =
            request.method == .post
            && request.headers[.contentType].map {
                $0.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == "application/x-ndjson"
            }
                == true
        let maxBytes = isBulk ? maxImportBytes : self.maxBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw BodyLimits.tooLarge(maxBytes)
        }
        guard request.method == .post || request.method == .put || request.method == .patch else {
            return try await next(request, context)
        }
        if request.headers[.expect].map({ $0.trimmingCharacters(in: .whitespaces).lowercased() == "100-continue" }) == true {
            try await context.sendContinue()
        }
        if isBulk { return try await next(request, context) }
        var request = request
        do {
            let limit = maxBytes
            request = try await withDeadline(readTimeout) { [request] in
                var request = request
                _ = try await request.collectBody(upTo: limit)
                return request
            }
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw BodyLimits.tooLarge(maxBytes)
        } catch is NIOTooManyBytesError {
            // A body without Content-Length (chunked) that runs past the limit: reading stopped there.
            throw BodyLimits.tooLarge(maxBytes)
        } catch is DeadlineExceeded {
            throw BodyLimits.timedOut(readTimeout)
        }
        return try await next(request, context)
    }
}

/// The answers for a body over its limit (413) or too slow to arrive (408, and the connection closed).
enum BodyLimits {
    static func tooLarge(_ maxBytes: Int) -> VerityError {
        VerityError(.payloadTooLarge, code: .requestTooLarge, "The request body is larger than the \(maxBytes) bytes this server accepts.")
    }

    static func timedOut(_ readTimeout: Duration) -> HTTPError {
        HTTPError(
            .requestTimeout, headers: [.connection: "close"], message: "The request body did not arrive within \(readTimeout.components.seconds) s.")
    }
}

/// A bulk import's body, which `BodyLimitMiddleware` leaves unread: gathered as it arrives into one
/// `Data` (sized from Content-Length when the client sent one), refused with 413 past `maxBytes` and
/// with 408 when it has not all arrived within `timeout`.
enum BulkBody {
    static func collect(_ body: HTTPBody, upTo maxBytes: Int, within timeout: Duration) async throws -> Data {
        do {
            return try await withDeadline(timeout) {
                var data = Data()
                if case .known(let length) = body.length {
                    guard length <= maxBytes else { throw BodyLimits.tooLarge(maxBytes) }
                    data.reserveCapacity(Int(length))
                }
                for try await chunk in body {
                    guard data.count + chunk.count <= maxBytes else { throw BodyLimits.tooLarge(maxBytes) }
                    data.append(contentsOf: chunk)
                }
                return data
            }
        } catch is DeadlineExceeded {
            throw BodyLimits.timedOut(timeout)
        }
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
struct VerityRequestContext: RequestContext, RemoteAddressRequestContext, InterimResponseRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?
    /// The request's connection, for the one answer sent before the final one (`100 Continue`).
    private let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        channel = source.channel
    }

    /// Writes `100 Continue` on the request's connection and waits until it is sent. The final response
    /// is written later on the same connection's event loop, so it always follows.
    func sendContinue() async throws {
        try await channel.writeAndFlush(HTTPResponsePart.head(HTTPResponse(status: .continue))).get()
    }
}

/// A request context that can send the interim `100 Continue` answer before a request's body is read.
protocol InterimResponseRequestContext: RequestContext {
    func sendContinue() async throws
}

/// Makes the client's address available to handlers (the login throttle counts failures by it): the
/// peer's own, or — when the peer is one of the configured trusted proxies — the address it forwarded
/// in `X-Forwarded-For`. A header from anyone else is ignored, so clients cannot choose their address.
struct ClientAddressMiddleware<Context: RemoteAddressRequestContext>: RouterMiddleware {
    let trustedProxies: [CIDRBlock]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let address = ClientAddress.resolve(
            peer: context.remoteAddress?.ipAddress, forwardedFor: request.headers[values: HTTPField.Name("X-Forwarded-For")!],
            trustedProxies: trustedProxies)
        return try await RequestIdentity.$clientAddress.withValue(address) {
            try await next(request, context)
        }
    }
}

/// A response body writer that a child task may use (for a write deadline): the streaming routes hand it
/// to one task at a time and wait for it, so it is never written from two places at once.
final class DeadlineWriter: @unchecked Sendable {
    private var writer: any ResponseBodyWriter
    private let limit: Duration

    init(_ writer: any ResponseBodyWriter, limit: Duration) {
        self.writer = writer
        self.limit = limit
    }

    /// Writes, or throws `DeadlineExceeded` when the client has not taken the bytes within the limit.
    func write(_ text: String) async throws {
        let buffer = ByteBuffer(string: text)
        try await withDeadline(limit) { try await self.writer.write(buffer) }
    }

    /// Ends the body.
    func finish() async throws { try await writer.finish(nil) }
}

/// Thrown by `withDeadline` when the work did not finish in time.
struct DeadlineExceeded: Error {}

/// Runs `work`, cancelling it and throwing `DeadlineExceeded` if it has not finished within `limit`.
/// The work must end when cancelled (NIO's writers and readers do), or the wait goes on until it does.
func withDeadline<Result: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async throws -> Result) async throws -> Result {
    try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask { try await work() }
        group.addTask {
            // In the shared table, not a timer of its own (see `Deadlines`): most work ends long before.
            await Deadlines.shared.wait(for: limit)
            try Task.checkCancellation()
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw DeadlineExceeded() }
        guard let value = first else { throw DeadlineExceeded() }
        return value
    }
}
