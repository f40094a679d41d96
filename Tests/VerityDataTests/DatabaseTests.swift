import Foundation
import PostgresNIO
import Synchronization
import Testing
import VerityCore
import VerityTestSupport

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

    /// Whether `work` ends within `limit` (rethrowing its error if it does). The work runs in a task of its
    /// own, so a unit of work that never ends makes this return false instead of hanging the test run.
    static func endsWithin(_ limit: Duration, _ work: @escaping @Sendable () async throws -> Void) async throws -> Bool {
        final class First: Sendable {
            let continuation: Mutex<CheckedContinuation<Result<Void, any Error>?, Never>?>
            init(_ continuation: CheckedContinuation<Result<Void, any Error>?, Never>) { self.continuation = Mutex(continuation) }
            func resume(_ value: Result<Void, any Error>?) { continuation.withLock { $0.take() }?.resume(returning: value) }
        }
        let outcome = await withCheckedContinuation { continuation in
            let first = First(continuation)
            Task {
                do { try await work() } catch { first.resume(.failure(error)) }
                first.resume(.success(()))
            }
            Task {
                try? await Task.sleep(for: limit)
                first.resume(nil)
            }
        }
        guard let outcome else { return false }
        try outcome.get()
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
