import ArgumentParser
import Foundation
import Logging
import VerityCore
import VerityData

/// How a command finds its database: `--database`, else `DATABASE_URL`, else the PG* variables (as psql
/// reads them), else the embedded cluster under `--data-dir`, started if needed.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: "PostgreSQL connection URL or key=value string (default: $DATABASE_URL, then PG* variables, then the embedded cluster).")
    var url: String?

    @Option(help: "Directory of the embedded PostgreSQL cluster, used when no database is configured.")
    var dataDir: String = ".verity"

    @Option(help: "System user that runs the embedded cluster when verity runs as root.")
    var postgresUser: String = "postgres"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// A database ready for a command: resolved settings, the pool, and the embedded cluster if this command started it.
struct OpenDatabase {
    let database: Database
    let settings: ConnectionSettings
    let embedded: EmbeddedPostgres?
    let startedCluster: Bool
    let logger: Logger

    /// Stops the embedded cluster if this command started it.
    func close() {
        if startedCluster, let embedded {
            do { try embedded.stop() } catch { logger.warning("Could not stop the embedded cluster: \(error)") }
        }
    }
}

extension DatabaseOptions {
    /// The data directory as an absolute URL (relative paths are taken from the working directory).
    var dataDirectoryURL: URL {
        URL(
            filePath: dataDir, directoryHint: .isDirectory,
            relativeTo: URL(filePath: FileManager.default.currentDirectoryPath, directoryHint: .isDirectory)
        )
        .absoluteURL.standardizedFileURL
    }

    func makeLogger(_ label: String = "verity") -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }

    /// Resolves settings and (for the embedded cluster) starts it and applies migrations. A configured
    /// server must already be migrated unless `applyMigrations` is set.
    func open(
        applyMigrations: Bool = false, checkMigrations: Bool = true, migrateEmbedded: Bool = true, maximumConnections: Int = 20,
        readDatabase: String? = nil, logger: Logger
    ) throws -> OpenDatabase {
        let environment = ProcessInfo.processInfo.environment
        var embedded: EmbeddedPostgres?
        var started = false
        let settings: ConnectionSettings
        if let url = url ?? environment["DATABASE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
            settings = try ConnectionSettings.resolve(url)
        } else if ConnectionSettings.environmentNamesServer(environment) {
            settings = try ConnectionSettings.resolve(nil)
        } else {
            let cluster = EmbeddedPostgres(directory: dataDirectoryURL, systemUser: postgresUser, logger: logger)
            started = try cluster.start()
            embedded = cluster
            settings = cluster.settings
        }
        do {
            let migrator = Migrator()
            if (embedded != nil && migrateEmbedded) || applyMigrations {
                try migrator.migrate(settings: settings) { migration in
                    logger.info("Applied migration", metadata: ["migration.name": "\(migration.name)"])
                }
            } else if checkMigrations {
                let pending = try migrator.pending(settings: settings)
                guard pending.isEmpty else {
                    throw VerityError(
                        .configuration, code: .migrationPending,
                        "The database has \(pending.count) pending migration(s) (\(pending.map(\.name).joined(separator: ", "))). Run `verity migrate` first."
                    )
                }
            }
        } catch {
            if started { try? embedded?.stop() }
            throw error
        }
        // The read replica, resolved as psql would (`target_session_attrs=prefer-standby` picks a standby among several hosts).
        let readSettings: ConnectionSettings?
        do {
            readSettings = try readDatabase.map { try ConnectionSettings.resolve($0) }
        } catch {
            if started { try? embedded?.stop() }
            throw error
        }
        let database = Database(settings: settings, readSettings: readSettings, maximumConnections: maximumConnections, logger: logger)
        return OpenDatabase(database: database, settings: settings, embedded: embedded, startedCluster: started, logger: logger)
    }

    /// Runs a short command against the database: pool running, embedded cluster stopped afterwards if
    /// this command started it.
    func withDatabase<Result: Sendable>(logger: Logger, _ body: (Database) async throws -> Result) async throws -> Result {
        let open = try open(logger: logger)
        defer { open.close() }
        return try await open.database.withRunning { try await body(open.database) }
    }
}
