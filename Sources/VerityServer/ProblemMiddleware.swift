import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime
import VerityCore

/// Turns every error that leaves a handler — domain errors, OpenAPI decoding errors, Hummingbird's own —
/// into one RFC 9457 `application/problem+json` response. This is the only place errors become HTTP.
/// Anything unexpected is a 500 with a generic message, logged once with the request id.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Problem(error)
            if problem.status == .internalServerError {
                context.logger.error("Unhandled error", metadata: ["error.description": "\(String(reflecting: error))"])
            } else {
                context.logger.debug("Request failed", metadata: ["error.code": "\(problem.code)", "http.status": "\(problem.status.code)"])
            }
            return problem.response(instance: request.uri.path)
        }
    }
}

/// RFC 9457 problem details.
struct Problem: Sendable {
    var status: HTTPResponse.Status
    var code: ErrorCode
    var title: String
    var detail: String?
    var errors: [FieldError] = []
    var headers: HTTPFields = [:]

    init(status: HTTPResponse.Status, code: ErrorCode, title: String, detail: String? = nil, errors: [FieldError] = []) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.errors = errors
    }

    /// Maps any error to a problem.
    init(_ error: any Error) {
        switch error {
        case let error as VerityError:
            self.init(error)
        case let error as ServerError:
            // The OpenAPI layer wraps whatever was thrown; look inside.
            if let decoding = error.underlyingError as? DecodingError, error.request.method == .get || error.request.method == .delete {
                // Nothing to decode but the path and query: a parameter of the wrong type.
                self.init(
                    status: .badRequest, code: .requestInvalidParameter, title: "Bad Request",
                    detail: "A path or query parameter has the wrong type.", errors: [FieldError(decodingError: decoding)])
            } else if error.underlyingError is VerityError || error.underlyingError is DecodingError || error.underlyingError is HTTPError {
                self.init(error.underlyingError)
            } else if error.httpStatus != .internalServerError {
                // The runtime's own request errors (missing parameter, bad content type, bad value).
                self.init(
                    status: error.httpStatus, code: Self.code(for: error.httpStatus), title: error.httpStatus.reasonPhrase,
                    detail: error.causeDescription)
            } else {
                self.init(status: .internalServerError, code: .internalError, title: "Internal Server Error", detail: "An unexpected error occurred.")
            }
        case let error as DecodingError:
            self.init(
                status: .badRequest, code: .requestMalformedBody, title: "Bad Request",
                detail: "The request body is not valid JSON of the expected shape.", errors: [FieldError(decodingError: error)])
        case let error as HTTPError:
            self.init(status: error.status, code: Self.code(for: error.status), title: error.status.reasonPhrase, detail: error.body)
            headers = error.headers
        default:
            self.init(status: .internalServerError, code: .internalError, title: "Internal Server Error", detail: "An unexpected error occurred.")
        }
    }

    init(_ error: VerityError) {
        let status: HTTPResponse.Status
        switch error.kind {
        case .badRequest: status = .badRequest
        case .validation: status = .unprocessableContent
        case .notFound: status = .notFound
        case .conflict: status = .conflict
        case .unauthenticated: status = .unauthorized
        case .forbidden: status = .forbidden
        case .payloadTooLarge: status = .contentTooLarge
        case .unavailable: status = .serviceUnavailable
        case .preconditionFailed: status = .preconditionFailed
        case .preconditionRequired: status = .init(code: 428, reasonPhrase: "Precondition Required")
        case .rateLimited: status = .tooManyRequests
        case .configuration, .internalError: status = .internalServerError
        }
        if status == .internalServerError {
            self.init(status: status, code: .internalError, title: "Internal Server Error", detail: "An unexpected error occurred.")
            return
        }
        self.init(status: status, code: error.code, title: status.reasonPhrase, detail: error.message, errors: error.fieldErrors)
        if error.kind == .unauthenticated { headers[.wwwAuthenticate] = #"Bearer realm="verity""# }
        if error.kind == .unavailable || error.kind == .rateLimited { headers[.retryAfter] = String(error.retryAfterSeconds ?? 5) }
    }

    static func code(for status: HTTPResponse.Status) -> ErrorCode {
        switch status.code {
        case 400: .requestMalformed
        case 401: .authRequired
        case 404: .routeNotFound
        case 405: .routeMethodNotAllowed
        case 406: .requestNotAcceptable
        case 413: .requestTooLarge
        case 415: .requestUnsupportedMediaType
        case 422: .requestInvalid
        default: .requestRejected
        }
    }

    func response(instance: String) -> Response {
        // Keys in sorted order, as clients and tests have always seen them.
        var json = JSONWriter()
        json.beginObject()
        json.field("code", code.rawValue)
        json.field("detail", detail)
        if !errors.isEmpty {
            json.key("errors")
            json.beginArray()
            for error in errors {
                json.beginObject()
                json.field("message", error.message)
                json.field("path", error.path)
                json.endObject()
            }
            json.endArray()
        }
        json.field("instance", instance)
        json.field("status", Int(status.code))
        json.field("title", title)
        json.field("type", "https://verity.dev/problems/\(code.rawValue)")
        json.endObject()
        let data = json.take()
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
