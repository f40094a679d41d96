import Dispatch
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization
import VerityCore

/// One PostgreSQL server's connection pool — and, when the settings name several hosts (libpq's
/// multi-host strings), the search for the server that matches them now. After a failover the old
/// primary is gone or has become a read-only standby; the first unit of work that finds that out (a
/// refused connection, a closed one, SQLSTATE 25006) starts a search through libpq with the connection
/// string as given, exactly as psql would, and when it settles on another server a new pool is opened
/// there. New units of work go to the new pool at once; the old one is closed a few seconds later, after
/// the work that still holds its connections has ended one way or the other.
final class DatabasePool: Sendable {
    /// The pool in use and the server it points at.
    struct Current: Sendable {
        let client: PostgresClient
        let settings: ConnectionSettings
    }

    private struct State {
        var current: Current
        /// Pools being retired, with the time after which they are closed.
        var retiring: [ObjectIdentifier: ContinuousClock.Instant] = [:]
        var searching = false
        var lastSearch: ContinuousClock.Instant?
        var moves = 0
        /// Clients whose `run()` has begun, and who waits for another's (`waitUntilRunning`).
        var running: Set<ObjectIdentifier> = []
        var waitingForRun: [ObjectIdentifier: [CheckedContinuation<Void, Never>]] = [:]
    }

    /// Units of work holding a connection of this pool, and waiting for one (for metrics).
    final class Usage: Sendable {
        let leased = Atomic<Int>(0)
        let waiting = Atomic<Int>(0)
    }

    let usage = Usage()
    /// What this pool is for (`primary`, `read`), for logs and metrics.
    let role: String
    let maximumConnections: Int
    private let logger: Logger
    private let state: Mutex<State>
    private let opened: AsyncStream<PostgresClient>
    private let openedContinuation: AsyncStream<PostgresClient>.Continuation
    /// How long an old pool stays open after its replacement, for the work that holds its connections.
    private let retirementGrace: Duration = .seconds(5)
    /// The least time between two searches: a burst of failing requests starts one, not hundreds.
    private let searchInterval: Duration = .seconds(1)
    /// How long one search keeps trying before it gives up (the next failure starts another).
    private let searchLimit: Duration = .seconds(60)

    init(role: String, settings: ConnectionSettings, maximumConnections: Int, logger: Logger) {
        self.role = role
        self.maximumConnections = maximumConnections
        self.logger = logger
        let client = PostgresClient(
            configuration: settings.clientConfiguration(maximumConnections: maximumConnections), eventLoopGroup: SpreadingEventLoopGroup.shared,
            backgroundLogger: logger)
        state = Mutex(State(current: Current(client: client, settings: settings)))
        (opened, openedContinuation) = AsyncStream.makeStream(of: PostgresClient.self)
        openedContinuation.yield(client)
    }

    /// The pool to take a connection from now, and its server.
    var current: Current { state.withLock { $0.current } }

    /// How many times the pool has moved to another server.
    var moves: Int { state.withLock { $0.moves } }

    /// Runs every pool this object opens until cancelled or shut down gracefully.
    func run() async {
        await withDiscardingTaskGroup { group in
            for await client in opened.cancelOnGracefulShutdown() {
                group.addTask { await self.run(client) }
            }
        }
    }

    private func run(_ client: PostgresClient) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                // Marked in the same task, right before run() (which flags itself running as its first step).
                self.markRunning(client)
                await client.run()
            }
            group.addTask { await self.waitForRetirement(of: client) }
            _ = await group.next()
            group.cancelAll()
        }
        // Its identifier may name another object once this one is gone.
        state.withLock { _ = $0.running.remove(ObjectIdentifier(client)) }
    }

    /// Waits until the pool in use has been handed to `run()`. PostgresNIO logs a warning for a lease that
    /// comes before that ("run() hasn't been called yet"); a short-lived command's first statement used to
    /// race it, and the warning reached CLI users' terminals.
    func waitUntilRunning() async {
        let id = ObjectIdentifier(current.client)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let started = state.withLock { state -> Bool in
                if state.running.contains(id) { return true }
                state.waitingForRun[id, default: []].append(continuation)
                return false
            }
            if started { continuation.resume() }
        }
    }

    private func markRunning(_ client: PostgresClient) {
        let id = ObjectIdentifier(client)
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.running.insert(id)
            return state.waitingForRun.removeValue(forKey: id) ?? []
        }
        for continuation in waiting { continuation.resume() }
    }

    private func waitForRetirement(of client: PostgresClient) async {
        let id = ObjectIdentifier(client)
        while !Task.isCancelled {
            if let closeAt = state.withLock({ $0.retiring[id] }), ContinuousClock.now >= closeAt {
                state.withLock { _ = $0.retiring.removeValue(forKey: id) }
                return
            }
            try? await Task.sleep(for: .milliseconds(250))
        }
    }

    /// Called when a unit of work found its server unavailable or read-only: if the settings name several
    /// hosts, looks (in the background) for the one that matches them now.
    func suspect() {
        guard let source = current.settings.failoverSource else { return }
        let now = ContinuousClock.now
        let start = state.withLock { state -> Bool in
            if state.searching { return false }
            if let last = state.lastSearch, now - last < searchInterval { return false }
            state.searching = true
            state.lastSearch = now
            return true
        }
        guard start else { return }
        Task.detached { await self.search(source) }
    }

    private func search(_ source: String) async {
        defer { state.withLock { $0.searching = false } }
        let deadline = ContinuousClock.now + searchLimit
        var lastError = ""
        while ContinuousClock.now < deadline {
            do {
                let found = try await onBlockingThread { try ConnectionSettings.resolve(source) }
                move(to: found)
                return
            } catch {
                lastError = String(describing: error)
            }
            try? await Task.sleep(for: .milliseconds(300))
        }
        logger.error("No database server matched the connection string within \(searchLimit): \(lastError)", metadata: ["pool": "\(role)"])
    }

    private func move(to found: ConnectionSettings) {
        let replaced: ConnectionSettings? = state.withLock { state in
            guard found.endpoint != state.current.settings.endpoint else { return nil }
            let old = state.current
            let client = PostgresClient(
                configuration: found.clientConfiguration(maximumConnections: maximumConnections), eventLoopGroup: SpreadingEventLoopGroup.shared,
                backgroundLogger: logger)
            state.retiring[ObjectIdentifier(old.client)] = ContinuousClock.now + retirementGrace
            state.current = Current(client: client, settings: found)
            state.moves += 1
            openedContinuation.yield(client)
            return old.settings
        }
        if let replaced {
            logger.warning(
                "The database server for this pool is now \(found.endpoint) (was \(replaced.endpoint)); new work goes there.",
                metadata: ["pool": "\(role)"])
        }
    }
}

/// The event loops a pool's connections are opened on, handed out in turn. PostgresNIO opens each
/// connection on `group.any()`, which is the loop the caller is running on; with Swift concurrency on
/// NIO's loops, that put every connection of a pool on the one loop its background task ran on — and every
/// request resumes on its connection's loop after a query, so all of the server's work after its first
/// query ran on one core while the other idled (a profile under the list-page load: 30 % of samples on
/// one loop, 1 % on the other). Handing out `next()` for `any()` spreads connections, and the work that
/// follows them, over all loops.
final class SpreadingEventLoopGroup: EventLoopGroup, Sendable {
    /// Over the loops PostgresNIO uses by default (NIO's shared group, one loop per core).
    static let shared = SpreadingEventLoopGroup(PostgresClient.defaultEventLoopGroup)

    private let base: any EventLoopGroup

    init(_ base: any EventLoopGroup) { self.base = base }

    func next() -> any EventLoop { base.next() }

    func any() -> any EventLoop { base.next() }

    func makeIterator() -> EventLoopIterator { base.makeIterator() }

    func shutdownGracefully(queue: DispatchQueue, _ callback: @escaping @Sendable ((any Error)?) -> Void) {
        base.shutdownGracefully(queue: queue, callback)
    }
}
