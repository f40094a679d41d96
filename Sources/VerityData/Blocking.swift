import Foundation
import Synchronization

/// Runs blocking work (libpq calls, process waits) on a thread of its own, so it never occupies one of
/// the few Swift concurrency threads — on a 2-core machine two blocked calls would stall every task.
package func onBlockingThread<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Swift.Result { try work() }) }
        thread.start()
    }
}

/// A bounded lane for CPU-heavy work (bcrypt): at most `width` jobs run at once, each on a thread of
/// its own, the rest wait their turn without holding a thread. The Swift concurrency threads stay free
/// for the requests (and for a graceful shutdown) while passwords are hashed.
package final class BlockingLane: Sendable {
    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let width: Int
    private let state = Mutex(State())

    /// The lane the process's password checks share.
    package static let passwords = BlockingLane(width: max(2, ProcessInfo.processInfo.activeProcessorCount))

    /// Creates a lane.
    package init(width: Int) { self.width = width }

    /// Runs `work` when a slot is free.
    package func run<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
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
        defer {
            // Hand the slot straight to the next in line, or give it back.
            let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
                if state.waiting.isEmpty {
                    state.running -= 1
                    return nil
                }
                return state.waiting.removeFirst()
            }
            next?.resume()
        }
        return try await onBlockingThread(work)
    }
}
