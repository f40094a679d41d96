import CLibPQ
import Foundation
import VerityCore

/// A blocking libpq connection, for what libpq does better than the pool: running multi-statement SQL
/// files (the simple query protocol) for migrations and administration.
package final class LibPQConnection {
    private let connection: OpaquePointer

    /// Connects with a libpq connection string.
    package init(_ conninfo: String) throws {
        guard let connection = PQconnectdb(conninfo) else {
            throw VerityError(.unavailable, code: .databaseUnavailable, "libpq could not allocate a connection.")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(connection)
            throw VerityError(.unavailable, code: .databaseUnavailable, "Cannot connect to PostgreSQL: \(message)")
        }
        self.connection = connection
        // Keep NOTICEs ("relation already exists, skipping") off the user's terminal.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
    }

    deinit { PQfinish(connection) }

    /// A failed statement: SQLSTATE and PostgreSQL's message.
    package struct StatementError: Error, CustomStringConvertible {
        package var sqlState: String
        package var message: String
        package var description: String { "\(message) (SQLSTATE \(sqlState))" }
    }

    /// Runs SQL (several statements allowed, no parameters) or one statement with text parameters, and
    /// returns the rows as text.
    @discardableResult
    package func execute(_ sql: String, _ parameters: [String?] = []) throws -> [[String?]] {
        let result: OpaquePointer?
        if parameters.isEmpty {
            result = PQexec(connection, sql)
        } else {
            var cStrings = parameters.map { $0.flatMap { strdup($0) } }
            defer { cStrings.forEach { free($0) } }
            result = cStrings.withUnsafeMutableBufferPointer { buffer in
                buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { values in
                    PQexecParams(connection, sql, Int32(parameters.count), nil, values.baseAddress, nil, nil, 0)
                }
            }
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? "XX000"
            let message = String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
            throw StatementError(sqlState: state, message: message)
        }
        var rows: [[String?]] = []
        for row in 0..<PQntuples(result) {
            rows.append(
                (0..<PQnfields(result)).map { column in
                    PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
                })
        }
        return rows
    }
}
