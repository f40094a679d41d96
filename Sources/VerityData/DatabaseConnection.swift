import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// One pooled connection lent to a unit of work (a transaction or a read): what stores run their
/// statements on. Other modules only hand it from `Database` to the stores, so PostgresNIO and SQL
/// stay inside VerityData — its members are internal to this module on purpose.
package struct DatabaseConnection: Sendable {
    let raw: PostgresConnection
    let counter: StatementCounter

    init(_ raw: PostgresConnection, counter: StatementCounter = StatementCounter()) {
        self.raw = raw
        self.counter = counter
    }

    /// Runs one statement; its values are bound parameters.
    @discardableResult
    func query(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        counter.count()
        return try await raw.query(query, logger: logger)
    }

    /// Writes rows with one COPY, in buffers of about 1 MiB: one round trip for any number of rows.
    func copyRows<Rows: Sequence>(
        into table: String, columns: [String], _ rows: Rows, logger: Logger, fields: (Rows.Element) throws -> [String?]
    ) async throws {
        if let collection = rows as? any Collection, collection.isEmpty { return }
        counter.count()
        try await raw.copyFrom(table: table, columns: columns, logger: logger) { writer in
            var buffer = ByteBuffer()
            for row in rows {
                CopyText.row(&buffer, try fields(row))
                if buffer.readableBytes > 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }
}

/// How many statements a pool has sent: what tests read to check that a path costs the round trips it
/// should (a batch, not one per item).
package final class StatementCounter: Sendable {
    private let value = Atomic<Int>(0)

    /// Creates a counter at zero.
    package init() {}

    func count() { value.add(1, ordering: .relaxed) }

    /// Statements so far.
    package var total: Int { value.load(ordering: .relaxed) }
}
