import Foundation

/// The policy that slows password guessing: after too many failed logins for one username, or from
/// one client address, within a window, further attempts are refused (HTTP 429 with `Retry-After`) until
/// the oldest failure leaves the window. Both limits apply, so spreading guesses over many usernames
/// from one address, or over many addresses against one username, is caught. The counting itself lives
/// in PostgreSQL (every server process shares it) and reserves an attempt before its password is checked,
/// so parallel guesses cannot all pass the count before the first of them has failed.
package enum LoginThrottle {
    /// The limits.
    package struct Limits: Sendable, Equatable {
        package var failuresPerUsername: Int
        package var failuresPerAddress: Int
        /// Seconds a failure counts for.
        package var window: TimeInterval

        /// Creates limits.
        package init(failuresPerUsername: Int = 5, failuresPerAddress: Int = 20, window: TimeInterval = 15 * 60) {
            self.failuresPerUsername = failuresPerUsername
            self.failuresPerAddress = failuresPerAddress
            self.window = window
        }
    }

    /// The counters an attempt is charged to, with their limits: the username (case-insensitive, as
    /// usernames are) and, when known, the client's address.
    package static func scopes(username: String, address: String?, limits: Limits) -> [(scope: String, limit: Int)] {
        var scopes = [(usernameScope(username), limits.failuresPerUsername)]
        if let address, !address.isEmpty { scopes.append(("addr:" + String(address.prefix(100)), limits.failuresPerAddress)) }
        return scopes
    }

    /// The username's counter.
    package static func usernameScope(_ username: String) -> String { "user:" + username.lowercased() }

    /// The longest username a login may name (longer ones cannot exist) and the longest password it may
    /// send: past these the request is refused before any database or bcrypt work.
    package static let maximumUsernameBytes = 64
    package static let maximumPasswordBytes = 1_024

    /// Refuses, before any work, a login whose username or password could never match.
    package static func checkShape(username: String, password: String) throws {
        var errors: [FieldError] = []
        if username.isEmpty || username.utf8.count > maximumUsernameBytes {
            errors.append(FieldError(path: "username", message: "1 to \(maximumUsernameBytes) characters"))
        }
        if password.isEmpty || password.utf8.count > maximumPasswordBytes {
            errors.append(FieldError(path: "password", message: "1 byte to \(maximumPasswordBytes) bytes"))
        }
        if !errors.isEmpty { throw VerityError.validation(code: .authInvalidCredentialsShape, "The username or password is not acceptable.", errors) }
    }

    /// The refusal when a limit is used up.
    package static func refusal(retryAfter seconds: Double) -> VerityError {
        var error = VerityError(.rateLimited, code: .authTooManyAttempts, "Too many failed logins: wait before trying again.")
        error.retryAfterSeconds = max(1, Int(seconds.rounded(.up)))
        return error
    }
}
