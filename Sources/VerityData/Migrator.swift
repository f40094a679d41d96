import Foundation
import VerityCore

/// The migration files compiled into the binary (see the EmbedMigrations plugin).
package enum EmbeddedMigrations {}

/// One migration: its file name, SQL and SHA-256.
package struct Migration: Sendable, Equatable {
    package var name: String
    package var sql: String
    /// Lower-case hex SHA-256 of the file's UTF-8 bytes.
    package var checksum: String

    /// Creates a migration from a file's name and text.
    package init(name: String, sql: String) {
        self.name = name
        self.sql = sql
        self.checksum = Hex.sha256(sql)
    }

    /// Every migration the binary carries, in order.
    package static var embedded: [Migration] { EmbeddedMigrations.files.map { Migration(name: $0.name, sql: $0.text) } }
}

/// Applies migrations in name order, each in its own transaction, recording name and checksum. An applied
/// migration whose file has changed is refused: migrations are immutable once landed. Concurrent
/// migrators (two servers starting at once) take turns on an advisory lock.
package struct Migrator {
    package let migrations: [Migration]

    /// Creates a migrator for a set of migrations (the embedded ones by default).
    package init(migrations: [Migration] = Migration.embedded) {
        self.migrations = migrations.sorted { $0.name < $1.name }
    }

    /// Arbitrary but fixed: the advisory lock key all Verity migrators share.
    static let lockKey = 7_302_151_977

    /// Migrations not yet applied. Throws when an applied one was edited or is unknown to this binary.
    package func pending(settings: ConnectionSettings) throws -> [Migration] {
        let connection = try LibPQConnection(settings.conninfo)
        try ensureTable(connection)
        return try pending(connection)
    }

    /// Applies every pending migration and returns the names applied.
    @discardableResult
    package func migrate(settings: ConnectionSettings, onApplied: (Migration) -> Void = { _ in }) throws -> [Migration] {
        let connection = try LibPQConnection(settings.conninfo)
        try ensureTable(connection)
        try connection.execute("SELECT pg_advisory_lock(\(Self.lockKey))")
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock(\(Self.lockKey))") }
        var applied: [Migration] = []
        for migration in try pending(connection) {
            do {
                try connection.execute("BEGIN")
                try connection.execute(migration.sql)
                try connection.execute(
                    "INSERT INTO verity_schema_migrations (name, checksum) VALUES ($1, $2)", [migration.name, migration.checksum])
                try connection.execute("COMMIT")
            } catch {
                _ = try? connection.execute("ROLLBACK")
                throw VerityError(.internalError, code: .migrationFailed, "Migration \(migration.name) failed and was rolled back: \(error)")
            }
            applied.append(migration)
            onApplied(migration)
        }
        return applied
    }

    private func ensureTable(_ connection: LibPQConnection) throws {
        // The migrator's own bookkeeping table, the one table not created by a migration file.
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS verity_schema_migrations (
                name        text        PRIMARY KEY,
                checksum    text        NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )
            """)
    }

    private func pending(_ connection: LibPQConnection) throws -> [Migration] {
        let rows = try connection.execute("SELECT name, checksum FROM verity_schema_migrations ORDER BY name")
        var applied: [String: String] = [:]
        for row in rows { applied[row[0] ?? ""] = row[1] ?? "" }
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.name, $0) })
        for (name, checksum) in applied.sorted(by: { $0.key < $1.key }) {
            guard let migration = known[name] else {
                throw VerityError(
                    .configuration, code: .migrationUnknown,
                    "The database has migration \(name) applied, which this verity binary does not know: it is older than the database. Use a newer verity."
                )
            }
            guard migration.checksum == checksum else {
                throw VerityError(
                    .configuration, code: .migrationChecksumMismatch,
                    "Migration \(name) was changed after it was applied (recorded SHA-256 \(checksum.prefix(12))…, file \(migration.checksum.prefix(12))…). Applied migrations are immutable: restore the file and add a new migration instead."
                )
            }
        }
        return migrations.filter { applied[$0.name] == nil }
    }
}
