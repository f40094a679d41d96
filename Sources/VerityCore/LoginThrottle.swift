import Foundation
import Synchronization

/// Slows password guessing: after too many failed logins for one username, or from one client address,
/// within a window, further attempts are refused (HTTP 429 with `Retry-After`) until the oldest failure
/// leaves the window. Both limits apply, so spreading guesses over many usernames from one address, or
/// over many addresses against one username, is caught. A successful login clears its username's
/// failures. Memory is bounded: expired entries are dropped, and past `maxKeys` the oldest go first.
package final class LoginThrottle: Sendable {
    /// The policy.
    package struct Limits: Sendable, Equatable {
        package var failuresPerUsername: Int
        package var failuresPerAddress: Int
        package var window: TimeInterval
        package var maxKeys: Int

        /// Creates limits.
        package init(failuresPerUsername: Int = 5, failuresPerAddress: Int = 20, window: TimeInterval = 15 * 60, maxKeys: Int = 100_000) {
            self.failuresPerUsername = failuresPerUsername
            self.failuresPerAddress = failuresPerAddress
            self.window = window
            self.maxKeys = maxKeys
        }
    }

    package let limits: Limits
    private let failures = Mutex<[String: [Date]]>([:])

    /// Creates a throttle.
    package init(limits: Limits = Limits()) { self.limits = limits }

    private func keys(username: String, address: String?) -> [(key: String, limit: Int)] {
        var keys = [("user:" + username.lowercased(), limits.failuresPerUsername)]
        if let address { keys.append(("addr:" + address, limits.failuresPerAddress)) }
        return keys
    }

    /// Throws a rate-limit error when either key has used up its failures within the window.
    package func check(username: String, address: String?, now: Date = Date()) throws {
        let wait = failures.withLock { table -> TimeInterval? in
            var longest: TimeInterval?
            for (key, limit) in keys(username: username, address: address) {
                let recent = (table[key] ?? []).filter { now.timeIntervalSince($0) < limits.window }
                table[key] = recent.isEmpty ? nil : recent
                if recent.count >= limit, let oldest = recent.first {
                    longest = max(longest ?? 0, limits.window - now.timeIntervalSince(oldest))
                }
            }
            return longest
        }
        if let wait {
            var error = VerityError(.rateLimited, code: "auth.too_many_attempts", "Too many failed logins: wait before trying again.")
            error.retryAfterSeconds = max(1, Int(wait.rounded(.up)))
            throw error
        }
    }

    /// Records a failed login for the username and the address.
    package func recordFailure(username: String, address: String?, now: Date = Date()) {
        failures.withLock { table in
            if table.count >= limits.maxKeys {
                table = table.filter { $0.value.last.map { now.timeIntervalSince($0) < limits.window } ?? false }
                if table.count >= limits.maxKeys {
                    let oldest = table.sorted { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) }.prefix(table.count / 2)
                    for (key, _) in oldest { table[key] = nil }
                }
            }
            for (key, _) in keys(username: username, address: address) { table[key, default: []].append(now) }
        }
    }

    /// Clears a username's failures after a successful login (the address keeps its count).
    package func recordSuccess(username: String) {
        _ = failures.withLock { $0.removeValue(forKey: "user:" + username.lowercased()) }
    }
}
