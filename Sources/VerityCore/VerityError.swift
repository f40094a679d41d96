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
    /// Stable machine-readable code, `area.reason`, from the catalogue (`ErrorCode`).
    package var code: ErrorCode
    /// Human-readable explanation.
    package var message: String
    /// Per-field problems, for validation failures.
    package var fieldErrors: [FieldError]
    /// When to try again, in seconds (HTTP `Retry-After`), for rate limits and unavailability.
    package var retryAfterSeconds: Int?

    /// Creates an error.
    package init(_ kind: Kind, code: ErrorCode, _ message: String, fieldErrors: [FieldError] = []) {
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
    package static func validation(code: ErrorCode, _ message: String, _ fieldErrors: [FieldError] = []) -> VerityError {
        VerityError(.validation, code: code, message, fieldErrors: fieldErrors)
    }

    /// A resource that does not exist or that the caller may not see (never distinguished, so ids don't leak).
    package static func notFound(_ what: ResourceKind) -> VerityError {
        VerityError(.notFound, code: what.notFound, "No \(what.rawValue) with that id exists, or you cannot see it.")
    }
}

extension VerityError {
    /// The error itself when it is a VerityError; otherwise a validation error describing it.
    package init(wrapping error: any Error) {
        if let error = error as? VerityError {
            self = error
        } else {
            self = .validation(code: .importInvalid, "\(error)")
        }
    }
}

/// The kinds of resource an error can be about: each has its own `not_found` code (and, where it is
/// versioned, its own If-Match codes), all in the catalogue.
package enum ResourceKind: String, Sendable, CaseIterable {
    case article, claim, delivery, membership, project, resolution, revision, token, user, verdict, webhook

    /// `<kind>.not_found`.
    package var notFound: ErrorCode {
        switch self {
        case .article: .articleNotFound
        case .claim: .claimNotFound
        case .delivery: .deliveryNotFound
        case .membership: .membershipNotFound
        case .project: .projectNotFound
        case .resolution: .resolutionNotFound
        case .revision: .revisionNotFound
        case .token: .tokenNotFound
        case .user: .userNotFound
        case .verdict: .verdictNotFound
        case .webhook: .webhookNotFound
        }
    }

    /// `<kind>.if_match_required` and `<kind>.if_match_mismatch`, for the kinds changed under If-Match.
    package var ifMatchCodes: (required: ErrorCode, mismatch: ErrorCode) {
        switch self {
        case .claim: (.claimIfMatchRequired, .claimIfMatchMismatch)
        case .membership: (.membershipIfMatchRequired, .membershipIfMatchMismatch)
        case .resolution: (.resolutionIfMatchRequired, .resolutionIfMatchMismatch)
        case .verdict: (.verdictIfMatchRequired, .verdictIfMatchMismatch)
        default: (.requestInvalid, .requestInvalid)
        }
    }
}
