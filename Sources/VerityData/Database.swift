import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization
import VerityCore
import _ConnectionPoolModule

/// The connection pool and the one way to run a unit of work against it. Stores take the unit's
/// `DatabaseConnection`, so a service can compose several of them in one transaction without ever
/// seeing PostgresNIO or SQL.
package final class Database: Service, Sendable {
    /// The pool. Its `run()` must be running (`Database` is a lifecycle service; or `withRunning`) before any query.
    let pool: DatabasePool
    /// The server the pool uses now (after a failover, the new primary).
    package var settings: ConnectionSettings { pool.current.settings }
    /// The read replica's pool (`--read-database`): safe reads go there (`replicaRead`), with read-your-writes.
    let readPool: DatabasePool?
    /// Where replica-eligible reads went: the replica, or the primary (no replica, the caller's last write
    /// not replayed there yet, or the replica unavailable).
    package let readRouting = ReadRoutingCounters()
    /// After the replica failed, reads skip it until this instant.
    private let replicaSkippedUntil = Mutex<ContinuousClock.Instant?>(nil)
    /// How long a replica read waits for the replica to replay the caller's last write before going to the primary.
    private let replayWait: Duration = .milliseconds(100)
    package let logger: Logger

    /// How long a unit of work waits for a pooled connection. When PostgreSQL is down the pool would
    /// wait for it indefinitely; past this the caller gets `unavailable` (HTTP 503 with Retry-After).
    package let acquireTimeout: Duration
    /// The most connections the pool opens.
    package let maximumConnections: Int
    /// Statements sent through this pool.
    package let statements = StatementCounter()

    /// Answers `unavailable` instead of hanging when PostgreSQL closes a connection under a unit of work.
    private let closedConnectionGuard = ClosedConnectionGuard()

    /// Creates the pool (and the read replica's, given `readSettings`); they connect lazily.
    package init(
        settings: ConnectionSettings, readSettings: ConnectionSettings? = nil, maximumConnections: Int = 20, acquireTimeout: Duration = .seconds(2),
        logger: Logger
    ) {
        self.logger = logger
        self.readPool = readSettings.map { DatabasePool(role: "read", settings: $0, maximumConnections: maximumConnections, logger: logger) }
        self.acquireTimeout = acquireTimeout
        self.maximumConnections = maximumConnections
        self.pool = DatabasePool(role: "primary", settings: settings, maximumConnections: maximumConnections, logger: logger)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws. PostgreSQL
    /// errors leave as `VerityError`s. With a read replica, the transaction is recorded as the last write
    /// of `writers`, or of the request's caller when not given (a transaction written for several callers at once).
    package func transaction<Result: Sendable>(
        logger: Logger? = nil, writers: [UUID]? = nil, _ body: @escaping @Sendable (DatabaseConnection) async throws -> Result
    ) async throws -> Result {
        let logger = logger ?? self.logger
        let client = pool.current.client
        do {
            return try await withAcquireDeadline(pool, client) { acquired in
                try await client.withConnection { connection in
                    acquired()
                    return try await closedConnectionGuard.run(on: connection) {
                        try await connection.withTransaction(logger: logger) { connection in
                            let unit = DatabaseConnection(connection, counter: self.statements)
                            let result = try await body(unit)
                            // With a replica, the caller's writing transaction leaves its id for their next reads.
                            if self.readPool != nil {
                                for writer in writers ?? [ReadYourWrites.caller?.userId].compactMap({ $0 }) {
                                    _ = try await unit.first(RecordReadPosition(userId: writer), logger: logger)
                                }
                            }
                            return result
                        }
                    }
                }
            }
        } catch {
            throw failed(error)
        }
    }

    /// Runs `body` with a pooled connection and no transaction (reads that need one statement).
    package func read<Result: Sendable>(_ body: @escaping @Sendable (DatabaseConnection) async throws -> Result) async throws -> Result {
        let client = pool.current.client
        do {
            return try await withAcquireDeadline(pool, client) { acquired in
                try await client.withConnection { connection in
                    acquired()
                    return try await closedConnectionGuard.run(on: connection) {
                        try await body(DatabaseConnection(connection, counter: self.statements))
                    }
                }
            }
        } catch {
            throw failed(error)
        }
    }

    /// Runs a read that may be served by the read replica: there when one is configured, answering, and
    /// has replayed the caller's last write (waiting up to `replayWait` for it); otherwise on the primary.
    /// For reads a slightly old state is right for — article reads, listings, search, agreement.
    package func replicaRead<Result: Sendable>(_ body: @escaping @Sendable (DatabaseConnection) async throws -> Result) async throws -> Result {
        if let result = try await onReplica(transaction: false, body) { return result }
        return try await read(body)
    }

    /// As `replicaRead`, in one transaction (a read-only snapshot: exports).
    package func replicaTransaction<Result: Sendable>(_ body: @escaping @Sendable (DatabaseConnection) async throws -> Result) async throws
        -> Result
    {
        if let result = try await onReplica(transaction: true, body) { return result }
        return try await transaction(body)
    }

    /// The result from the replica, or nil when the primary must answer instead.
    private func onReplica<Result: Sendable>(transaction: Bool, _ body: @escaping @Sendable (DatabaseConnection) async throws -> Result)
        async throws -> Result?
    {
        guard let readPool, !replicaSkippedUntil.withLock({ $0.map { ContinuousClock.now < $0 } ?? false }) else {
            readRouting.count(replica: false)
            return nil
        }
        let lastWrite = ReadYourWrites.caller?.lastWrite
        let client = readPool.current.client
        let (logger, statements, replayWait) = (self.logger, self.statements, self.replayWait)
        do {
            let result: Result? = try await withAcquireDeadline(readPool, client) { acquired in
                try await client.withConnection { raw in
                    acquired()
                    return try await closedConnectionGuard.run(on: raw) {
                        let connection = DatabaseConnection(raw, counter: statements)
                        if let lastWrite {
                            let deadline = ContinuousClock.now + replayWait
                            while try await connection.first(Replayed(transaction: lastWrite), logger: logger) != true {
                                guard ContinuousClock.now < deadline else { return nil }
                                try await Task.sleep(for: .milliseconds(10))
                            }
                        }
                        guard transaction else { return try await body(connection) }
                        return try await raw.withTransaction(logger: logger) { raw in try await body(DatabaseConnection(raw, counter: statements)) }
                    }
                }
            }
            readRouting.count(replica: result != nil)
            return result
        } catch {
            let translated = DatabaseErrors.translate(error)
            guard let failure = translated as? VerityError, failure.kind == .unavailable || failure.code == .databaseSerializationFailure
            else { throw translated }
            // A replica that went away is skipped for a while; a read cancelled by a recovery conflict is retried on the primary.
            if failure.kind == .unavailable {
                replicaSkippedUntil.withLock { $0 = ContinuousClock.now + .seconds(5) }
                readPool.suspect()
                logger.warning("The read replica is unavailable; reads go to the primary for now.", metadata: ["error": "\(failure.message)"])
            }
            readRouting.count(replica: false)
            return nil
        }
    }

    /// The error a unit of work leaves with; an unavailable or read-only server starts the search for the
    /// server the connection string matches now (when it names several).
    private func failed(_ error: any Error) -> any Error {
        let translated = DatabaseErrors.translate(error)
        if let verity = translated as? VerityError, verity.kind == .unavailable { pool.suspect() }
        return translated
    }

    /// Runs `work` with a connection of `client` (one of `pool`'s), once the client's `run()` has begun;
    /// `work` calls `acquired` once it holds a connection. If that has not happened within
    /// `acquireTimeout`, the wait is cancelled and `unavailable` thrown. Work that has its connection is
    /// never cut short: only the wait for one is bounded.
    private func withAcquireDeadline<Result: Sendable>(
        _ pool: DatabasePool, _ client: PostgresClient, _ work: (_ acquired: @escaping @Sendable () -> Void) async throws -> Result
    ) async throws -> Result {
        let flag = AcquiredFlag()
        let timeout = acquireTimeout
        pool.usage.waiting.add(1, ordering: .relaxed)
        defer {
            if flag.isSet { pool.usage.leased.subtract(1, ordering: .relaxed) } else { pool.usage.waiting.subtract(1, ordering: .relaxed) }
        }
        return try await withoutActuallyEscaping(work) { work in
            // The task group awaits its children before returning, so `work` does not outlive this call.
            let escaped = UncheckedSendable(work)
            return try await withThrowingTaskGroup(of: AcquireOutcome<Result>.self) { group in
                group.addTask {
                    await pool.waitUntilRunning(client)
                    // Past the deadline on a pool that never ran: no lease (PostgresNIO would warn of it).
                    try Task.checkCancellation()
                    return .finished(
                        try await escaped.value {
                            guard flag.set() else { return }
                            pool.usage.waiting.subtract(1, ordering: .relaxed)
                            pool.usage.leased.add(1, ordering: .relaxed)
                        })
                }
                group.addTask {
                    // In the shared table, not a timer of its own (see `Deadlines`): most leases end at once.
                    await Deadlines.shared.wait(for: timeout)
                    return .deadline
                }
                while let outcome = try await group.next() {
                    switch outcome {
                    case .finished(let value):
                        group.cancelAll()
                        return value
                    case .deadline where !flag.isSet:
                        group.cancelAll()
                        throw VerityError(
                            .unavailable, code: .databaseUnavailable,
                            "The database did not give a connection within \(timeout.components.seconds) s; it may be down or overloaded.")
                    case .deadline:
                        continue
                    }
                }
                throw VerityError(.internalError, code: .databaseNoOutcome, "The database call ended without an outcome.")
            }
        }
    }

    /// Runs the pool until cancelled or shut down gracefully: the application runs it as one of its services.
    package func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.pool.run() }
            if let readPool { group.addTask { await readPool.run() } }
        }
    }

    /// The server the pool uses now and whether it can take writes; nil when it does not answer. A
    /// server in recovery (a standby — an old primary after a failover) starts the search for the primary.
    package func node() async -> DatabaseNode? {
        guard let node = await node(of: pool) else { return nil }
        if node.role == .standby { pool.suspect() }
        return node
    }

    /// The read replica's server, when one is configured and answers.
    package func readNode() async -> DatabaseNode? {
        guard let readPool else { return nil }
        return await node(of: readPool)
    }

    /// The pool's server and role, asked within the acquire deadline (a readiness probe never hangs on a server that is gone).
    private func node(of pool: DatabasePool) async -> DatabaseNode? {
        let current = pool.current
        let logger = self.logger
        let recovery: Bool?? = try? await withAcquireDeadline(pool, current.client) { acquired in
            try await current.client.withConnection { connection in
                acquired()
                var recovery: Bool?
                for try await value in try await connection.query("SELECT pg_is_in_recovery()", logger: logger).decode(Bool.self) { recovery = value }
                return recovery
            }
        }
        guard let inRecovery = recovery ?? nil else { return nil }
        return DatabaseNode(
            endpoint: current.settings.endpoint, role: inRecovery ? .standby : .primary, candidates: current.settings.candidates, moves: pool.moves,
            leased: pool.usage.leased.load(ordering: .relaxed), waiting: pool.usage.waiting.load(ordering: .relaxed),
            maximumConnections: pool.maximumConnections)
    }

    /// Runs `body` while the pool's background task runs, for short-lived commands (CLI, tests).
    package func withRunning<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.run() }
            defer { group.cancelAll() }
            return try await body()
        }
    }
}

/// Counts where replica-eligible reads were served.
package final class ReadRoutingCounters: Sendable {
    private let replica = Atomic<Int>(0)
    private let primary = Atomic<Int>(0)

    func count(replica onReplica: Bool) {
        if onReplica { replica.add(1, ordering: .relaxed) } else { primary.add(1, ordering: .relaxed) }
    }

    /// Reads the replica served.
    package var onReplica: Int { replica.load(ordering: .relaxed) }
    /// Replica-eligible reads the primary served.
    package var onPrimary: Int { primary.load(ordering: .relaxed) }
}

/// Records the caller's writing transaction (migration 0012's function; nothing for a read-only one).
struct RecordReadPosition: PostgresPreparedStatement {
    static let sql = "SELECT record_read_position($1)"
    typealias Row = Bool
    var userId: UUID

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(userId)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Bool { try row.decode(Bool.self) }
}

/// Whether this server has finished (replayed, on a standby) the given transaction.
struct Replayed: PostgresPreparedStatement {
    static let sql = "SELECT pg_visible_in_snapshot($1::text::xid8, pg_current_snapshot())"
    typealias Row = Bool
    var transaction: String

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(transaction)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Bool { try row.decode(Bool.self) }
}

/// PostgreSQL errors mapped by SQLSTATE and constraint name (PostgREST's mapping): 23505 → conflict,
/// 23503/23514/22xxx → validation, 08xxx and connection failures → unavailable.
package enum DatabaseErrors {
    /// Maps an error from PostgresNIO to a `VerityError`; other errors pass through.
    package static func translate(_ error: any Error) -> any Error {
        if error is VerityError { return error }
        if let transaction = error as? PostgresTransactionError {
            // The closure's own error is the one that matters; BEGIN/COMMIT/ROLLBACK failures mean the connection went away.
            if let closureError = transaction.closureError { return translate(closureError) }
            if let other = transaction.commitError ?? transaction.beginError ?? transaction.rollbackError { return translate(other) }
        }
        // PostgresNIO's pool stops trying to connect after 60 s of failed attempts and refuses every lease
        // with this error, which it does not map to a PSQLError. Passed through, it was a 500, and — not
        // being `unavailable` — it never made the pool look for the server again: after a failover that took
        // longer than the search's minute, the server stayed on the dead node until restarted.
        if let pool = error as? ConnectionPoolError, pool == .connectionCreationCircuitBreakerTripped {
            return VerityError(.unavailable, code: .databaseUnavailable, "The database is unavailable.")
        }
        guard let psql = error as? PSQLError else { return error }
        switch psql.code {
        case .server:
            let state = psql.serverInfo?[.sqlState] ?? ""
            let constraint = psql.serverInfo?[.constraintName] ?? ""
            let detail = psql.serverInfo?[.message] ?? "database error"
            switch state {
            case "23505":
                return VerityError(.conflict, code: conflictCode(constraint), "That already exists (\(constraint.isEmpty ? state : constraint)).")
            case "23503", "23514", "23502":
                return VerityError.validation(
                    code: .validationConstraint, "The data breaks a rule of the database (\(constraint.isEmpty ? state : constraint)): \(detail)")
            case let s where s.hasPrefix("22"):
                return VerityError.validation(code: .validationDataException, "The data is not valid: \(detail)")
            case "40001", "40P01":
                return VerityError(.conflict, code: .databaseSerializationFailure, "A concurrent change got there first; retry the request.")
            case let s where s.hasPrefix("08") || s.hasPrefix("57P"):
                return VerityError(.unavailable, code: .databaseUnavailable, "The database is unavailable.")
            case "25006":
                // A write reached a read-only server: the primary it was has been demoted (a failover).
                return VerityError(.unavailable, code: .databaseUnavailable, "The database is read-only for now (a failover may be under way).")
            default:
                return error
            }
        case .connectionError, .serverClosedConnection, .poolClosed, .clientClosedConnection, .unexpectedBackendMessage:
            return VerityError(.unavailable, code: .databaseUnavailable, "The database is unavailable.")
        default:
            return error
        }
    }

    private static func conflictCode(_ constraint: String) -> ErrorCode {
        switch constraint {
        case "uq_users_username": .userExists
        case "uq_projects_slug": .projectExists
        case "uq_articles_external_id", "uq_articles_content_hash": .articleExists
        case "pk_memberships": .membershipExists
        default: .conflictExists
        }
    }
}

private enum AcquireOutcome<Result: Sendable>: Sendable {
    case finished(Result)
    case deadline
}

/// Set once a unit of work holds its connection.
private final class AcquiredFlag: Sendable {
    private let state = Mutex(false)
    /// Sets the flag; whether this call was the one that set it.
    @discardableResult
    func set() -> Bool {
        state.withLock { state in
            defer { state = true }
            return !state
        }
    }
    var isSet: Bool { state.withLock { $0 } }
}

/// Carries a value the compiler cannot prove Sendable across a task boundary the caller has made safe.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
