import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing
import VerityCore
import VerityTestSupport
import _ConnectionPoolModule

@testable import VerityData

@Suite("Database units of work")
struct DatabaseTests {
    /// Ends the backend behind `connection` from another session and waits until the client has seen it.
    static func terminate(_ session: DatabaseConnection, context: TestContext) async throws {
        let connection = session.raw
        let rows = try await connection.query("SELECT pg_backend_pid()", logger: context.database.logger).collect()
        let pid = try rows[0].decode(Int32.self)
        #expect(try await context.sql("SELECT pg_terminate_backend($1::int)", [String(pid)]) == [["t"]])
        let deadline = ContinuousClock.now + .seconds(10)
        while !connection.isClosed && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(connection.isClosed)
    }

    /// After 60 s of failed connection attempts PostgresNIO's pool refuses every lease with
    /// `connectionCreationCircuitBreakerTripped`. It must read as the database being unavailable: a 503 with
    /// Retry-After, and — through `failed` — a new search for the server (a failover that took longer than
    /// the first search's minute was otherwise never followed, and requests were answered 500).
    @Test("a pool that has given up connecting reads as 'database unavailable', not as an unknown error")
    func circuitBreakerIsUnavailable() {
        let translated = DatabaseErrors.translate(ConnectionPoolError.connectionCreationCircuitBreakerTripped) as? VerityError
        #expect(translated?.kind == .unavailable)
        #expect(translated?.code == .databaseUnavailable)
        // The pool's other errors reach the caller as PostgresNIO maps them (cancelled work is not an outage).
        #expect(DatabaseErrors.translate(ConnectionPoolError.requestCancelled) is ConnectionPoolError)
    }

    /// Short-lived commands (every CLI command) run their first statement as soon as the pool is started.
    /// PostgresNIO warns when a lease comes before its client's `run()` has begun ("Trying to lease
    /// connection from `PostgresClient`, but `PostgresClient.run()` hasn't been called yet"), and that
    /// warning reached the terminal of CLI users now and then.
    @Test("a command's first statement right after the pool starts draws no warning from PostgresNIO", .timeLimit(.minutes(2)))
    func firstLeaseAfterRun() async throws {
        let messages = CapturedLog()
        try await TestDatabase.withFresh { settings in
            for _ in 0..<60 {
                let logger = Logger(label: "verity.test") { _ in messages }
                let database = Database(settings: settings, maximumConnections: 2, acquireTimeout: TestContext.acquireTimeout, logger: logger)
                let answer = try await database.withRunning {
                    try await database.read { connection in
                        try await connection.raw.query("SELECT 6 * 7", logger: logger).collect()[0].decode(Int.self)
                    }
                }
                #expect(answer == 42)
            }
        }
        let warnings = messages.lines.filter { $0.contains("run()") }
        #expect(warnings.isEmpty, "\(warnings.count) of 60 starts: \(warnings.first ?? "")")
    }

    /// A long-running server starts its pool and its background services (event hub, webhook dispatcher,
    /// claim matching) side by side, and their first statements came before the pool's `run()`: `verity
    /// serve` logged PostgresNIO's "run() hasn't been called yet" four times at every start. A unit of
    /// work now waits for the pool to run — within its acquire deadline, so a pool that never runs still
    /// ends in `unavailable` rather than a hang.
    @Test(
        "a unit of work begun before the pool runs waits for it without a warning; one on a pool that never runs ends at the deadline",
        .timeLimit(.minutes(2)))
    func unitOfWorkBeforeRun() async throws {
        let messages = CapturedLog()
        try await TestDatabase.withFresh { settings in
            let logger = Logger(label: "verity.test") { _ in messages }
            let database = Database(settings: settings, maximumConnections: 2, acquireTimeout: TestContext.acquireTimeout, logger: logger)
            let early = Task {
                try await database.read { connection in
                    try await connection.raw.query("SELECT 6 * 7", logger: logger).collect()[0].decode(Int.self)
                }
            }
            // The unit of work is waiting by now (the pool is not running, so it cannot have ended).
            try await Task.sleep(for: .milliseconds(300))
            let answer = try await withThrowingTaskGroup(of: Int?.self) { group in
                group.addTask {
                    try await database.run()
                    return nil
                }
                group.addTask { try await early.value }
                defer { group.cancelAll() }
                while let value = try await group.next() {
                    if let value { return value }
                }
                return 0
            }
            #expect(answer == 42)

            let idle = Database(settings: settings, maximumConnections: 1, acquireTimeout: .milliseconds(300), logger: Logger(label: "verity.test"))
            let start = ContinuousClock.now
            let refused = await #expect(throws: VerityError.self) {
                try await idle.read { _ in 0 }
            }
            #expect(refused?.kind == .unavailable)
            #expect(ContinuousClock.now - start < .seconds(30))
        }
        let warnings = messages.lines.filter { $0.contains("run()") }
        #expect(warnings.isEmpty, "\(warnings.first ?? "")")
    }

    /// PostgresNIO arms an idle timer and a keep-alive timer with `Task.sleep` each time a connection goes
    /// back to the pool, and a cancelled sleep keeps its memory until its deadline: with the defaults (60 s
    /// idle, 30 s keep-alive) a server under 32 connections of reads grew for a minute, from 83 to 198 MiB.
    /// The pool now closes connections idle for `poolIdleTimeout` (10 s) and sends no keep-alive queries,
    /// which no connection idle for at most 10 s needs. (The memory itself is measured by `Scripts/bench.sh`.)
    @Test("pooled connections left idle are closed after the pool's idle timeout, 10 s, with no keep-alive query", .timeLimit(.minutes(2)))
    func idleConnectionsClose() async throws {
        #expect(ConnectionSettings.poolIdleTimeout == .seconds(10))
        try await TestDatabase.withFresh { settings in
            let database = Database(
                settings: settings, maximumConnections: 3, acquireTimeout: TestContext.acquireTimeout, logger: Logger(label: "verity.test"))
            let watcher = Database(
                settings: settings, maximumConnections: 1, acquireTimeout: TestContext.acquireTimeout, logger: Logger(label: "verity.test"))
            let count =
                "SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> 'watcher'"
            try await watcher.withRunning {
                try await database.withRunning {
                    // Three units of work at once open three connections.
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for _ in 0..<3 {
                            group.addTask {
                                _ = try await database.read { try await $0.raw.query("SELECT pg_sleep(0.3)", logger: database.logger).collect() }
                            }
                        }
                        try await group.waitForAll()
                    }
                    let open = try await watcher.read { connection in
                        _ = try await connection.raw.query("SET application_name = 'watcher'", logger: watcher.logger).collect()
                        return try await connection.raw.query(PostgresQuery(unsafeSQL: count), logger: watcher.logger).collect()[0].decode(Int.self)
                    }
                    #expect(open == 3)
                    let start = ContinuousClock.now
                    var remaining = open
                    while remaining > 0 && ContinuousClock.now - start < .seconds(40) {
                        try await Task.sleep(for: .seconds(1))
                        remaining = try await watcher.read { connection in
                            _ = try await connection.raw.query("SET application_name = 'watcher'", logger: watcher.logger).collect()
                            return try await connection.raw.query(PostgresQuery(unsafeSQL: count), logger: watcher.logger).collect()[0].decode(
                                Int.self)
                        }
                    }
                    let closedAfter = ContinuousClock.now - start
                    #expect(remaining == 0, "\(remaining) connections still open after \(closedAfter)")
                    #expect(closedAfter >= .seconds(9), "closed after \(closedAfter), before the idle timeout")
                }
            }
        }
    }

    /// PostgresNIO drops a statement written to a connection whose server has gone, and never completes it:
    /// without the guard, these units of work would wait forever (and with them a request and shutdown).
    @Test(
        "a statement sent after PostgreSQL closed the connection ends as unavailable, not a hang; the pool carries on",
        .timeLimit(.minutes(1)))
    func statementAfterClose() async throws {
        // Were the guard gone, the unit of work would never end and nor would the test: it runs in a task of
        // its own, and the test fails once it has not ended in 30 s.
        let ended = try await Self.endsWithin(.seconds(30)) { try await Self.closeScenarios() }
        #expect(ended, "a unit of work on a closed connection never ended")
    }

    /// The acquire limit (2 s in the product; tests' own pools wait longer) is what bounds a wait for a
    /// connection: past it the waiter is refused as unavailable, while the work holding the connection runs on.
    @Test(
        "a unit of work that gets no connection within the acquire limit is refused as unavailable; the holder is not cut short",
        .timeLimit(.minutes(1)))
    func acquireDeadline() async throws {
        try await TestDatabase.withFresh { settings in
            let limit = Duration.milliseconds(500)
            let database = Database(settings: settings, maximumConnections: 1, acquireTimeout: limit, logger: Logger(label: "verity.test"))
            try await database.withRunning {
                // The pool connects lazily, and on a loaded machine the first connection can take longer than the
                // limit: open it first, so that what follows measures waiting for a busy connection.
                var opened = false
                for _ in 0..<40 where !opened {
                    opened = (try? await database.read { _ in true }) == true
                }
                try #require(opened, "no connection to PostgreSQL")
                let (held, holding) = AsyncStream.makeStream(of: Bool.self)
                let holder = Task {
                    defer { holding.finish() }
                    return try await database.read { connection in
                        holding.yield(true)
                        try await Task.sleep(for: .seconds(2))
                        return try await connection.raw.query("SELECT 7", logger: database.logger).collect()[0].decode(Int.self)
                    }
                }
                var holds = false
                for await value in held {
                    holds = value
                    break
                }
                if !holds { _ = try await holder.value }
                try #require(holds, "the holder got no connection")
                let start = ContinuousClock.now
                let refused = await #expect(throws: VerityError.self) {
                    try await database.read { _ in 0 }
                }
                #expect(refused?.kind == .unavailable)
                #expect(refused?.code == .databaseUnavailable)
                #expect(ContinuousClock.now - start >= limit)
                let held7 = try await holder.value
                #expect(held7 == 7)
                // The connection comes back to the pool for the next unit of work.
                let next = try await database.read { _ in 1 }
                #expect(next == 1)
            }
        }
    }

    /// Article summaries read their creation time once, exactly, and derive the `Date` from it: it must be
    /// the very `Date` PostgresNIO decodes, or dates in responses would move.
    @Test("a timestamp read exactly gives the same Date PostgresNIO decodes, across centuries and microseconds")
    func exactTimestampDate() async throws {
        try await withTestDatabase { context in
            let rows = try await context.database.read { connection in
                var pairs: [(ExactTimestamp, Date)] = []
                let query: PostgresQuery = """
                    SELECT t, t FROM (
                        SELECT timestamptz '1900-01-01 00:00:00.000001+00' + (random() * interval '250 years') AS t FROM generate_series(1, 4000)
                        UNION ALL SELECT timestamptz '2000-01-01 00:00:00+00' + n * interval '1 microsecond' FROM generate_series(-500, 500) AS n
                    ) AS s
                    """
                for try await (exact, date) in try await connection.raw.query(query, logger: context.database.logger).decode(
                    (ExactTimestamp, Date).self)
                {
                    pairs.append((exact, date))
                }
                return pairs
            }
            #expect(rows.count == 5001)
            let differing = rows.filter { $0.0.date != $0.1 }
            #expect(
                differing.isEmpty,
                "\(differing.prefix(5).map { "\($0.0.postgresMicroseconds): \($0.0.date.timeIntervalSince1970) vs \($0.1.timeIntervalSince1970)" })")
        }
    }

    /// Whether `work` ends within `limit` (rethrowing its error if it does). The work runs in a task of its
    /// own, so a unit of work that never ends makes this return false instead of hanging the test run.
    static func endsWithin(_ limit: Duration, _ work: @escaping @Sendable () async throws -> Void) async throws -> Bool {
        guard let result = await outcome(within: limit, of: work) else { return false }
        try result.get()
        return true
    }

    static func closeScenarios() async throws {
        try await withTestDatabase { context in
            let database = context.database
            let clock = ContinuousClock()
            let start = clock.now
            // In a transaction: the next statement, then PostgresNIO's ROLLBACK, go to a closed connection.
            let inTransaction = await #expect(throws: VerityError.self) {
                try await database.transaction { connection in
                    try await Self.terminate(connection, context: context)
                    try await connection.raw.query("SELECT 1", logger: database.logger).collect()
                }
            }
            #expect(inTransaction?.kind == .unavailable)
            // Outside a transaction.
            let plain = await #expect(throws: VerityError.self) {
                try await database.read { connection in
                    try await Self.terminate(connection, context: context)
                    return try await connection.raw.query("SELECT 1", logger: database.logger).collect().count
                }
            }
            #expect(plain?.kind == .unavailable)
            #expect(clock.now - start < .seconds(30))
            // Work that ends on its own is not cut short, and the pool hands out working connections again.
            let answer = try await database.read { connection in
                try await connection.raw.query("SELECT 41 + 1", logger: database.logger).collect()[0].decode(Int.self)
            }
            #expect(answer == 42)
        }
    }
}

/// A log handler that keeps every message (warnings and above), for tests that check what was logged.
final class CapturedLog: LogHandler, Sendable {
    private let captured = Mutex<[String]>([])
    var lines: [String] { captured.withLock { $0 } }

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    var logLevel: Logger.Level {
        get { .warning }
        set {}
    }
    subscript(metadataKey _: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        captured.withLock { $0.append("\(event.level): \(event.message)") }
    }
}
