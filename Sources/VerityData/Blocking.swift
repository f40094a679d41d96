import Foundation
import Synchronization
import VerityCore

/// Runs blocking work (libpq calls, process waits) on a thread of its own, so it never occupies one of
/// the few Swift concurrency threads — on a 2-core machine two blocked calls would stall every task.
package func onBlockingThread<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Swift.Result { try work() }) }
        thread.start()
    }
}

/// A bounded lane for CPU-heavy work (bcrypt): at most `width` jobs run at once, each on a thread of
/// its own, and at most `queueLimit` more wait their turn (without holding a thread). Past that, work is
/// refused at once with `unavailable` and a Retry-After: forty parallel password guesses get a quick
/// answer, not a queue of minutes of bcrypt. The Swift concurrency threads stay free for the requests
/// (and for a graceful shutdown) while passwords are hashed.
package final class BlockingLane: Sendable {
    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let width: Int
    private let queueLimit: Int
    private let state = Mutex(State())
    private let finished = Atomic<Int>(0)

    /// A lane for password work: one bcrypt per core, two more waiting per core.
    package static func forPasswords() -> BlockingLane {
        let cores = max(2, ProcessInfo.processInfo.activeProcessorCount)
        return BlockingLane(width: cores, queueLimit: 2 * cores)
    }

    /// Creates a lane.
    package init(width: Int, queueLimit: Int = .max) {
        self.width = width
        self.queueLimit = queueLimit
    }

    /// Jobs run to the end so far (for tests: how many passwords were actually checked).
    package var completedJobs: Int { finished.load(ordering: .relaxed) }

    /// Jobs running and waiting now.
    package var load: (running: Int, waiting: Int) { state.withLock { ($0.running, $0.waiting.count) } }

    /// Runs `work` when a slot is free, waiting as long as it takes (work an operator asked for, such as
    /// hashing a new password, is not refused).
    package func run<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await admit(refusingWhenFull: false)
        defer { leave() }
        return try await runAdmitted(work)
    }

    /// Takes a slot (waiting in the queue if need be); with `refusingWhenFull`, throws `unavailable` at once
    /// when the queue is full too. Every successful `admit` must be followed by one `leave`.
    package func admit(refusingWhenFull: Bool = true) async throws {
        let queued = state.withLock { state -> Bool? in
            if state.running < width {
                state.running += 1
                return false
            }
            return state.waiting.count < queueLimit || !refusingWhenFull ? true : nil
        }
        guard let queued else {
            var error = VerityError(.unavailable, code: .serverBusy, "The server is busy checking passwords; try again in a moment.")
            error.retryAfterSeconds = 1
            throw error
        }
        guard queued else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = state.withLock { state -> Bool in
                if state.running < width {
                    state.running += 1
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if admitted { continuation.resume() }
        }
    }

    /// Gives a slot back, straight to the next in line if any.
    package func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.running -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }

    /// Runs `work` on a thread of its own in a slot already taken with `admit`.
    package func runAdmitted<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        defer { finished.add(1, ordering: .relaxed) }
        return try await onBlockingThread(work)
    }
}
