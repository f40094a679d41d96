import NIOCore
import PostgresNIO
import Synchronization
import VerityCore

/// Keeps a unit of work from waiting forever on a connection PostgreSQL has closed.
///
/// PostgresNIO 1.33 writes each query to its channel with `promise: nil`. Once the server has closed the
/// connection (a restart, `pg_terminate_backend`, a fast shutdown) the channel's handlers are gone, the
/// write is dropped, and the query's own promise is never completed: a `ROLLBACK` after a failed
/// statement, or the next statement of a transaction that was idle when the server went away, waits
/// forever — and with it the HTTP request and the server's graceful shutdown.
///
/// The guard runs the work in its own task and watches the connection. When the connection closes, the
/// work gets `grace` to end on its own (statements in flight are failed by PostgresNIO at once, so work
/// that can end does); after that the caller gets `unavailable` and the stuck task is abandoned. It holds
/// only a closed connection, so what leaks is one suspended task per unit of work caught in the close.
package final class ClosedConnectionGuard: Sendable {
    private let grace: Duration
    private let watched = Mutex<[PostgresConnection.ID: [Int: @Sendable () -> Void]]>([:])
    private let nextToken = Atomic<Int>(0)

    package init(grace: Duration = .seconds(1)) {
        self.grace = grace
    }

    /// Runs `work` (which uses `connection`) and returns its result, or throws `unavailable` if the
    /// connection closes and the work has not ended `grace` later. Cancelling the caller cancels the work.
    package func run<Result: Sendable>(
        on connection: PostgresConnection, _ work: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        let outcome = Outcome<Result>()
        let token = nextToken.wrappingAdd(1, ordering: .relaxed).newValue
        let grace = self.grace
        let closed: @Sendable () -> Void = {
            Task {
                try? await Task.sleep(for: grace)
                outcome.finish(.failure(VerityError(.unavailable, code: .databaseUnavailable, "The database closed the connection.")))
            }
        }
        watch(connection, token: token, onClose: closed)
        defer { unwatch(connection.id, token: token) }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                outcome.start(continuation) {
                    Task {
                        do { outcome.finish(.success(try await work())) } catch { outcome.finish(.failure(error)) }
                    }
                }
            }
        } onCancel: {
            outcome.cancel()
        }
    }

    /// Calls `onClose` when `connection` closes (at once if it already has). The first unit of work on a
    /// connection hooks its close future; later ones only add themselves to the list it drains.
    private func watch(_ connection: PostgresConnection, token: Int, onClose: @escaping @Sendable () -> Void) {
        let id = connection.id
        let first = watched.withLock { watched -> Bool in
            let first = watched[id] == nil
            watched[id, default: [:]][token] = onClose
            return first
        }
        if first {
            connection.closeFuture.whenComplete { [weak self] _ in self?.closed(id) }
        }
    }

    private func unwatch(_ id: PostgresConnection.ID, token: Int) {
        watched.withLock { watched in
            watched[id]?[token] = nil
            // The entry (and so the close hook) stays while the connection lives; `closed` removes it.
        }
    }

    private func closed(_ id: PostgresConnection.ID) {
        let waiting = watched.withLock { $0.removeValue(forKey: id) } ?? [:]
        for onClose in waiting.values { onClose() }
    }
}

/// The one result a guarded unit of work delivers: from the work, from the close watch, or a
/// cancellation — whichever comes first; later ones are ignored.
private final class Outcome<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, any Error>?
        var task: Task<Void, Never>?
        var early: Result<Value, any Error>?
        var cancelled = false
        var done = false
    }
    private let state = Mutex(State())

    func start(_ continuation: CheckedContinuation<Value, any Error>, task makeTask: () -> Task<Void, Never>) {
        let (early, cancelled) = state.withLock { state -> (Result<Value, any Error>?, Bool) in
            if let early = state.early {
                state.done = true
                return (early, false)
            }
            state.continuation = continuation
            return (nil, state.cancelled)
        }
        if let early {
            continuation.resume(with: early)
            return
        }
        let task = makeTask()
        let cancelNow = state.withLock { state -> Bool in
            state.task = task
            return state.cancelled
        }
        if cancelled || cancelNow { task.cancel() }
    }

    func finish(_ result: Result<Value, any Error>) {
        let continuation = state.withLock { state -> CheckedContinuation<Value, any Error>? in
            guard !state.done else { return nil }
            guard let continuation = state.continuation else {
                if state.early == nil { state.early = result }
                return nil
            }
            state.done = true
            state.continuation = nil
            return continuation
        }
        continuation?.resume(with: result)
    }

    func cancel() {
        let task = state.withLock { state -> Task<Void, Never>? in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }
}
