import Foundation
import Synchronization
import VerityCore

/// Bounds the long-running responses of this process — exports, which hold a database connection and a
/// snapshot while they run, and live-event streams — overall and per user. Past a bound the request is
/// refused at once with 429 and `Retry-After`, instead of letting a few clients take every pooled
/// connection.
final class StreamLimiter: Sendable {
    private struct State {
        var total = 0
        var perUser: [UUID: Int] = [:]
    }

    let kind: String
    let limit: Int
    let perUserLimit: Int
    private let state = Mutex(State())

    init(kind: String, limit: Int, perUserLimit: Int) {
        self.kind = kind
        self.limit = max(1, limit)
        self.perUserLimit = max(1, perUserLimit)
    }

    /// Takes a slot for `user`, or throws `rateLimited`. Each successful acquire needs one `release`.
    func acquire(for user: UUID) throws -> Slot {
        let refusal = state.withLock { state -> String? in
            if state.total >= limit { return "This server is running as many \(kind) as it takes at once." }
            if state.perUser[user, default: 0] >= perUserLimit { return "You already have \(perUserLimit) \(kind) open; finish one first." }
            state.total += 1
            state.perUser[user, default: 0] += 1
            return nil
        }
        if let refusal {
            var error = VerityError(.rateLimited, code: .streamTooMany, refusal)
            error.retryAfterSeconds = 5
            throw error
        }
        return Slot(limiter: self, user: user)
    }

    fileprivate func release(_ user: UUID) {
        state.withLock { state in
            state.total -= 1
            let left = state.perUser[user, default: 1] - 1
            state.perUser[user] = left > 0 ? left : nil
        }
    }

    var open: Int { state.withLock { $0.total } }

    /// A taken slot; released once, by `release()` or when the last copy goes away.
    final class Slot: Sendable {
        private let limiter: StreamLimiter
        private let user: UUID
        private let released = Mutex(false)

        fileprivate init(limiter: StreamLimiter, user: UUID) {
            self.limiter = limiter
            self.user = user
        }

        func release() {
            let first = released.withLock { released -> Bool in
                defer { released = true }
                return !released
            }
            if first { limiter.release(user) }
        }

        deinit { release() }
    }
}
