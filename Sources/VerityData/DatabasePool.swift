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
        /// Set when the client is handed to `run()` (see `EarlyLeaseFilter`).
        let handedToRun: HandedToRun

        /// A client for `settings` whose background logger is `logger` behind an `EarlyLeaseFilter`.
        init(settings: ConnectionSettings, maximumConnections: Int, logger: Logger) {
            let handedToRun = HandedToRun()
            var background = logger
            background.handler = EarlyLeaseFilter(base: logger.handler, handedToRun: handedToRun)
            self.client = PostgresClient(
                configuration: settings.clientConfiguration(maximumConnections: maximumConnections), eventLoopGroup: SpreadingEventLoopGroup.shared,
                backgroundLogger: background)
            self.settings = settings
            self.handedToRun = handedToRun
        }
    }

    private struct State {
        var current: Current
        /// Pools being retired, with the time after which they are closed.
        var retiring: [ObjectIdentifier: ContinuousClock.Instant] = [:]
        var searching = false
        var lastSearch: ContinuousClock.Instant?
        var moves = 0
        /// Clients whose `run()` has begun, and who waits for another's (`waitUntilRunning`), by ticket.
        var running: Set<ObjectIdentifier> = []
        var waitingForRun: [ObjectIdentifier: [Int: CheckedContinuation<Void, Never>]] = [:]
        var nextTicket = 0
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
    private let opened: AsyncStream<Current>
    private let openedContinuation: AsyncStream<Current>.Continuation
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
        let current = Current(settings: settings, maximumConnections: maximumConnections, logger: logger)
        state = Mutex(State(current: current))
        (opened, openedContinuation) = AsyncStream.makeStream(of: Current.self)
        openedContinuation.yield(current)
    }

    /// The pool to take a connection from now, and its server.
    var current: Current { state.withLock { $0.current } }

    /// How many times the pool has moved to another server.
    var moves: Int { state.withLock { $0.moves } }

    /// Runs every pool this object opens until cancelled or shut down gracefully.
    func run() async {
        await withDiscardingTaskGroup { group in
            for await opened in opened.cancelOnGracefulShutdown() {
                group.addTask { await self.run(opened) }
            }
        }
    }

    private func run(_ opened: Current) async {
        let client = opened.client
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                // Marked in the same task, right before run() (which flags itself running as its first step).
                self.markRunning(opened)
                await client.run()
            }
            group.addTask { await self.waitForRetirement(of: client) }
            _ = await group.next()
            group.cancelAll()
        }
        // Its identifier may name another object once this one is gone.
        state.withLock { _ = $0.running.remove(ObjectIdentifier(client)) }
    }

    /// Waits until `client` (by default the pool in use) has been handed to `run()`, or the task is
    /// cancelled. PostgresNIO logs a warning for a lease that comes before that ("run() hasn't been
    /// called yet"). Every unit of work waits here (`Database.withAcquireDeadline`), within its acquire
    /// deadline: a short-lived command's first statement used to race the pool's start, and `verity
    /// serve` logged four such warnings at every start, from its background services' first statements.
    func waitUntilRunning(_ client: PostgresClient? = nil) async {
        let id = ObjectIdentifier(client ?? current.client)
        // Once running, a lock and a set lookup: the cost of every lease.
        if state.withLock({ $0.running.contains(id) }) { return }
        let ticket = state.withLock { state -> Int in
            state.nextTicket += 1
            return state.nextTicket
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                // Under the lock the cancellation handler takes too: a cancellation before this point is seen
                // here (the flag is set before the handler runs), one after it finds the continuation.
                let goesOn = state.withLock { state -> Bool in
                    if state.running.contains(id) || Task.isCancelled { return true }
                    state.waitingForRun[id, default: [:]][ticket] = continuation
                    return false
                }
                if goesOn { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waitingForRun[id]?.removeValue(forKey: ticket) }?.resume()
        }
    }

    private func markRunning(_ opened: Current) {
        opened.handedToRun.set()
        let id = ObjectIdentifier(opened.client)
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.running.insert(id)
            return Array((state.waitingForRun.removeValue(forKey: id) ?? [:]).values)
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
            let current = Current(settings: found, maximumConnections: maximumConnections, logger: logger)
            state.retiring[ObjectIdentifier(old.client)] = ContinuousClock.now + retirementGrace
            state.current = current
            state.moves += 1
            openedContinuation.yield(current)
            return old.settings
        }
        if let replaced {
            logger.warning(
                "The database server for this pool is now \(found.endpoint) (was \(replaced.endpoint)); new work goes there.",
                metadata: ["pool": "\(role)"])
        }
    }
}

/// Whether a pool has handed its client to `run()`.
final class HandedToRun: Sendable {
    private let value = Atomic<Bool>(false)

    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}

/// PostgresNIO's background logger for one client: everything passes but the warning that a lease came
/// before the client's `run()`, once the pool has handed the client to `run()`. Units of work wait for
/// that hand-over (`DatabasePool.waitUntilRunning`); PostgresNIO sets its own flag in `run()`'s first
/// statement, a few instructions later, and a lease that runs in between (a unit of work resumed on the
/// other core) finds it unset although `run()` is under way — and waits for the pool like any other.
/// A lease before the hand-over, a real mistake, still warns.
struct EarlyLeaseFilter: LogHandler {
    static let warning = "Trying to lease connection from `PostgresClient`, but `PostgresClient.run()` hasn't been called yet."
    var base: any LogHandler
    let handedToRun: HandedToRun

    var metadataProvider: Logger.MetadataProvider? {
        get { base.metadataProvider }
        set { base.metadataProvider = newValue }
    }
    var metadata: Logger.Metadata {
        get { base.metadata }
        set { base.metadata = newValue }
    }
    var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { base[metadataKey: key] }
        set { base[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        if event.level == .warning, handedToRun.isSet, event.message.description == Self.warning { return }
        base.log(event: event)
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
