import Synchronization

/// Deadlines for many short waits, without a timer each. Every unit of work bounds its wait for a
/// database connection (2 s) and every request body its arrival (30 s); most end long before. With
/// `Task.sleep` each of those armed a dispatch timer, and on Linux a cancelled sleep keeps its timer and
/// its memory (~400 bytes) until its deadline: in 13 s of reads at 32 connections, heaptrack found about
/// 16,000 of these sleeps alive at the peak (and 24,000 of PostgresNIO's pool timers, which
/// `ConnectionSettings.clientConfiguration` deals with), and every request paid for creating and
/// cancelling timers. Here a wait is an entry in a table; one ticker task, running only while there are
/// waits, ends those past their deadline every `resolution`. A cancelled wait ends at once and leaves
/// nothing behind.
package final class Deadlines: Sendable {
    /// The process's deadlines, checked every 20 ms.
    package static let shared = Deadlines(resolution: .milliseconds(20))

    private struct Waiter {
        var deadline: ContinuousClock.Instant
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var waiters: [Int: Waiter] = [:]
        var nextTicket = 0
        var tickerRunning = false
    }

    /// How late, at most, a wait past its deadline ends (plus scheduling).
    package let resolution: Duration
    private let state = Mutex(State())

    package init(resolution: Duration) {
        self.resolution = resolution
    }

    /// Waits in the table: returns once `deadline` has passed (within `resolution`) or the task is cancelled,
    /// whichever comes first. Check `Task.isCancelled` to tell them apart.
    package func wait(until deadline: ContinuousClock.Instant) async {
        let ticket = state.withLock { state -> Int in
            state.nextTicket &+= 1
            return state.nextTicket
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                // Under the lock the cancellation handler takes too: a cancellation before this point is seen
                // here (the flag is set before the handler runs), one after it finds the entry.
                let (endsNow, startsTicker) = state.withLock { state -> (Bool, Bool) in
                    if Task.isCancelled || ContinuousClock.now >= deadline { return (true, false) }
                    state.waiters[ticket] = Waiter(deadline: deadline, continuation: continuation)
                    guard !state.tickerRunning else { return (false, false) }
                    state.tickerRunning = true
                    return (false, true)
                }
                if endsNow { continuation.resume() }
                if startsTicker { Task.detached { await self.tick() } }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: ticket) }?.continuation.resume()
        }
    }

    /// Waits in the table now, and whether the ticker runs (for tests).
    package var pending: (waits: Int, ticking: Bool) { state.withLock { ($0.waiters.count, $0.tickerRunning) } }

    /// Waits for `duration` (see `wait(until:)`).
    package func wait(for duration: Duration) async {
        await wait(until: ContinuousClock.now + duration)
    }

    /// Ends the waits past their deadline every `resolution`, until none is left.
    private func tick() async {
        while true {
            try? await Task.sleep(for: resolution)
            let now = ContinuousClock.now
            let (expired, more) = state.withLock { state -> ([CheckedContinuation<Void, Never>], Bool) in
                let due = state.waiters.filter { $0.value.deadline <= now }
                for ticket in due.keys { state.waiters.removeValue(forKey: ticket) }
                if state.waiters.isEmpty { state.tickerRunning = false }
                return (due.values.map(\.continuation), !state.waiters.isEmpty)
            }
            for continuation in expired { continuation.resume() }
            if !more { return }
        }
    }
}
