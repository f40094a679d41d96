/// One problem with one field of an input, named by a dotted path (`spans.3.start`, `line 12: body`).
package struct FieldError: Sendable, Equatable, Codable {
    /// Dotted path of the field, relative to the input's root.
    package var path: String
    /// What is wrong, in words a user can act on.
    package var message: String

    /// Creates a field error.
    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}

/// The one error type that crosses module boundaries. HTTP maps it to `application/problem+json`
/// once, the CLI prints it once; its `code` is stable and grep-able (`article.invalid_record`).
package struct VerityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure, which decides the HTTP status and the CLI exit code.
    package enum Kind: String, Sendable, Equatable {
        /// The request itself is malformed (a header that is not what its syntax says).
        case badRequest
        case validation
        case notFound
        case conflict
        case unauthenticated
        case forbidden
        case payloadTooLarge
        case unavailable
        case preconditionFailed
        case preconditionRequired
        case rateLimited
        case configuration
        case internalError
    }

    /// The class of failure.
    package var kind: Kind
    /// Stable machine-readable code, `area.reason`.
    package var code: String
    /// Human-readable explanation.
    package var message: String
    /// Per-field problems, for validation failures.
    package var fieldErrors: [FieldError]
    /// When to try again, in seconds (HTTP `Retry-After`), for rate limits and unavailability.
    package var retryAfterSeconds: Int?

    /// Creates an error.
    package init(_ kind: Kind, code: String, _ message: String, fieldErrors: [FieldError] = []) {
        self.kind = kind
        self.code = code
        self.message = message
        self.fieldErrors = fieldErrors
    }

    package var description: String {
        guard !fieldErrors.isEmpty else { return message }
        return ([message] + fieldErrors.map { "  \($0.path): \($0.message)" }).joined(separator: "\n")
    }

    /// A validation failure of one or more fields.
    package static func validation(code: String, _ message: String, _ fieldErrors: [FieldError] = []) -> VerityError {
        VerityError(.validation, code: code, message, fieldErrors: fieldErrors)
    }

    /// A resource that does not exist or that the caller may not see (never distinguished, so ids don't leak).
    package static func notFound(_ what: String) -> VerityError {
        VerityError(.notFound, code: "\(what).not_found", "No \(what) with that id exists, or you cannot see it.")
    }
}

extension VerityError {
    /// The error itself when it is a VerityError; otherwise a validation error describing it.
    package init(wrapping error: any Error) {
        if let error = error as? VerityError {
            self = error
        } else {
            self = .validation(code: "import.invalid", "\(error)")
        }
    }
}
