import Logging
import PostgresNIO
import VerityCore

/// The connection pool and the one way to run a unit of work against it. Stores take a
/// `PostgresConnection` so that a service can compose several of them in one transaction.
package final class Database: Sendable {
    /// The pool. Its `run()` must be running (as a service, or via `withRunning`) before any query.
    package let client: PostgresClient
    package let settings: ConnectionSettings
    package let logger: Logger

    /// Creates the pool; it connects lazily.
    package init(settings: ConnectionSettings, maximumConnections: Int = 20, logger: Logger) {
        self.settings = settings
        self.logger = logger
        self.client = PostgresClient(configuration: settings.clientConfiguration(maximumConnections: maximumConnections), backgroundLogger: logger)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws. PostgreSQL
    /// errors leave as `VerityError`s.
    package func transaction<Result: Sendable>(logger: Logger? = nil, _ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withTransaction(logger: logger ?? self.logger) { connection in
                try await body(connection)
            }
        } catch {
            throw DatabaseErrors.translate(error)
        }
    }

    /// Runs `body` with a pooled connection and no transaction (reads that need one statement).
    package func read<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch {
            throw DatabaseErrors.translate(error)
        }
    }

    /// Whether the database answers a trivial query.
    package func ping() async -> Bool {
        (try? await read { connection in try await connection.query("SELECT 1", logger: self.logger).collect() }) != nil
    }

    /// Runs `body` while the pool's background task runs, for short-lived commands (CLI, tests).
    package func withRunning<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.client.run() }
            defer { group.cancelAll() }
            // Give run() a moment to start, so the first lease doesn't log PostgresNIO's "run() hasn't been
            // called yet" warning (the lease would wait for it either way).
            for _ in 0..<3 { await Task.yield() }
            return try await body()
        }
    }
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
        guard let psql = error as? PSQLError else { return error }
        switch psql.code {
        case .server:
            let state = psql.serverInfo?[.sqlState] ?? ""
            let constraint = psql.serverInfo?[.constraintName] ?? ""
            let detail = psql.serverInfo?[.message] ?? "database error"
            switch state {
            case "23505":
                return VerityError(.conflict, code: conflictCode(constraint), "That already exists (\(constraint)).")
            case "23503", "23514", "23502":
                return VerityError.validation(
                    code: "validation.\(constraint.isEmpty ? state : constraint)", "The data breaks a rule of the database: \(detail)")
            case let s where s.hasPrefix("22"):
                return VerityError.validation(code: "validation.data_exception", "The data is not valid: \(detail)")
            case "40001", "40P01":
                return VerityError(.conflict, code: "database.serialization_failure", "A concurrent change got there first; retry the request.")
            case let s where s.hasPrefix("08") || s.hasPrefix("57P"):
                return VerityError(.unavailable, code: "database.unavailable", "The database is unavailable.")
            default:
                return error
            }
        case .connectionError, .serverClosedConnection, .poolClosed, .clientClosedConnection, .unexpectedBackendMessage:
            return VerityError(.unavailable, code: "database.unavailable", "The database is unavailable.")
        default:
            return error
        }
    }

    private static func conflictCode(_ constraint: String) -> String {
        switch constraint {
        case "uq_users_username": "user.exists"
        case "uq_projects_slug": "project.exists"
        case "uq_articles_external_id", "uq_articles_content_hash": "article.exists"
        case "pk_memberships": "membership.exists"
        default: "conflict.\(constraint)"
        }
    }
}
