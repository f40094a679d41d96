import CLibPQ
import CSpawn
import Crypto
import Foundation
import Logging
import VerityCore

/// A PostgreSQL cluster that Verity creates and runs itself under a data directory, from the installed
/// PostgreSQL binaries, so a new user needs no database set-up. It listens only on a Unix socket inside
/// (or derived from) the data directory, with trust authentication limited to that socket, which only the
/// cluster's owner (and root) can reach.
package struct EmbeddedPostgres: Sendable {
    /// The directory holding the cluster (`pgdata/`), its socket (`run/`) and its log.
    package let directory: URL
    /// The user PostgreSQL runs as when Verity runs as root (PostgreSQL refuses to run as root).
    package let systemUser: String
    package let logger: Logger

    /// The database superuser the cluster is created with, and the database Verity uses.
    package static let databaseUser = "verity"
    package static let databaseName = "verity"
    static let port = 5432

    /// Creates a handle; nothing happens on disk until `start()`.
    package init(directory: URL, systemUser: String = "postgres", logger: Logger) {
        self.directory = directory.standardizedFileURL
        self.systemUser = systemUser
        self.logger = logger
    }

    var clusterDirectory: URL { directory.appending(path: "pgdata") }
    var logFile: URL { directory.appending(path: "postgres.log") }

    /// The socket directory: inside the data directory when its path is short enough for a Unix socket
    /// address (107 bytes), else a directory in /tmp named after the data directory.
    var socketDirectory: URL {
        let inside = directory.appending(path: "run")
        if inside.path.utf8.count + "/.s.PGSQL.5432".utf8.count < 100 { return inside }
        let digest = Hex.lowercase(SHA256.hash(data: Data(directory.path.utf8)).prefix(6))
        return URL(filePath: "/tmp/verity-\(digest)")
    }

    /// Settings to reach the cluster's Verity database.
    package var settings: ConnectionSettings {
        ConnectionSettings(
            host: socketDirectory.path, port: Self.port, user: Self.databaseUser, password: nil, database: Self.databaseName, tls: .disable)
    }

    /// Starts the cluster, creating it first if needed. Returns whether this call started it (and so should stop it).
    package func start() throws -> Bool {
        let binaries = try PostgresBinaries.locate()
        let fileManager = FileManager.default
        let runAs = geteuid() == 0 ? systemUser : nil
        if let runAs, getpwnam(runAs) == nil {
            throw VerityError(
                .configuration, code: .embeddedNoUser,
                "Verity runs as root, and PostgreSQL refuses to: it runs the embedded cluster as the system user '\(runAs)', which does not exist. Create it (useradd --system \(runAs)) or name another with --postgres-user."
            )
        }
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        try fileManager.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
        if let runAs {
            try run(["/bin/chown", runAs, directory.path, socketDirectory.path])
            // The cluster's owner must be able to reach the directory through every parent.
            if (try? run(["/usr/sbin/runuser", "-u", runAs, "--", "/usr/bin/test", "-w", directory.path])) == nil {
                throw VerityError(
                    .configuration, code: .embeddedUnreachableDirectory,
                    "The PostgreSQL user '\(runAs)' cannot write to \(directory.path) (a parent directory is closed to it). Pass --data-dir in a directory it can reach, such as /var/lib/verity."
                )
            }
        }
        try fileManager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: socketDirectory.path)

        if !fileManager.fileExists(atPath: clusterDirectory.appending(path: "PG_VERSION").path) {
            logger.info("Creating the embedded PostgreSQL cluster", metadata: ["data.dir": "\(clusterDirectory.path)"])
            try run(
                [
                    binaries.initdb, "-D", clusterDirectory.path, "-U", Self.databaseUser, "--auth=trust", "--encoding=UTF8",
                    "--locale=C.UTF-8", "--no-instructions",
                ], as: runAs)
            // Settings that follow the data directory if it moves are rewritten at every start (verity.conf).
            let config = clusterDirectory.appending(path: "postgresql.conf")
            let handle = try FileHandle(forWritingTo: config)
            handle.seekToEndOfFile()
            handle.write(Data("\n# Added by verity\ninclude_if_exists = 'verity.conf'\n".utf8))
            try handle.close()
        }
        let overrides = """
            # Written by verity at every start.
            listen_addresses = ''
            port = \(Self.port)
            unix_socket_directories = '\(socketDirectory.path.replacingOccurrences(of: "'", with: "''"))'
            unix_socket_permissions = 0700

            """
        try overrides.write(to: clusterDirectory.appending(path: "verity.conf"), atomically: true, encoding: .utf8)
        if let runAs { try run(["/bin/chown", runAs, clusterDirectory.appending(path: "verity.conf").path]) }

        if isRunning(binaries, runAs: runAs) {
            try ensureDatabase()
            return false
        }
        logger.info("Starting the embedded PostgreSQL cluster", metadata: ["data.dir": "\(clusterDirectory.path)"])
        do {
            try run([binaries.pgCtl, "-D", clusterDirectory.path, "-l", logFile.path, "-w", "-t", "60", "start"], as: runAs)
        } catch {
            // Another verity process may have started it at the same moment.
            guard isRunning(binaries, runAs: runAs) else {
                let tail = (try? String(contentsOf: logFile, encoding: .utf8))?.split(separator: "\n").suffix(5).joined(separator: "\n") ?? ""
                throw VerityError(.unavailable, code: .embeddedStartFailed, "The embedded PostgreSQL cluster did not start: \(error)\n\(tail)")
            }
            try ensureDatabase()
            return false
        }
        try ensureDatabase()
        return true
    }

    /// Stops the cluster (fast shutdown: sessions are ended, transactions rolled back, data is safe).
    package func stop() throws {
        let binaries = try PostgresBinaries.locate()
        let runAs = geteuid() == 0 ? systemUser : nil
        logger.info("Stopping the embedded PostgreSQL cluster")
        try run([binaries.pgCtl, "-D", clusterDirectory.path, "-m", "fast", "-w", "-t", "60", "stop"], as: runAs)
    }

    private func isRunning(_ binaries: PostgresBinaries, runAs: String?) -> Bool {
        (try? run([binaries.pgCtl, "-D", clusterDirectory.path, "status"], as: runAs)) != nil
    }

    /// Creates Verity's database in the cluster if it is missing.
    private func ensureDatabase() throws {
        let admin = settings.with(database: "postgres")
        guard let connection = PQconnectdb(admin.conninfo) else { return }
        defer { PQfinish(connection) }
        guard PQstatus(connection) == CONNECTION_OK else {
            throw VerityError(
                .unavailable, code: .embeddedUnreachable, "Cannot connect to the embedded cluster: \(String(cString: PQerrorMessage(connection)))")
        }
        let exists = PQexec(connection, "SELECT 1 FROM pg_database WHERE datname = '\(Self.databaseName)'")
        defer { PQclear(exists) }
        if PQntuples(exists) == 0 {
            let created = PQexec(connection, "CREATE DATABASE \(Self.databaseName)")
            defer { PQclear(created) }
            let status = PQresultStatus(created)
            let sqlState = PQresultErrorField(created, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            // 42P04: created concurrently by another process, which is what we wanted.
            guard status == PGRES_COMMAND_OK || sqlState == "42P04" else {
                throw VerityError(
                    .unavailable, code: .embeddedCreateDatabase, "Cannot create the database: \(String(cString: PQerrorMessage(connection)))")
            }
        }
    }

    /// Runs a program (as another user when given), throwing with its output when it fails.
    @discardableResult
    private func run(_ arguments: [String], as user: String? = nil) throws -> String {
        // `env -C /`: runuser keeps the working directory, which may be closed to the other user, and
        // initdb refuses to run where it cannot read its working directory.
        try PostgresBinaries.runProcess(user.map { ["/usr/bin/env", "-C", "/", "/usr/sbin/runuser", "-u", $0, "--"] + arguments } ?? arguments)
    }
}

/// The installed PostgreSQL server programs.
package struct PostgresBinaries: Sendable {
    package var initdb: String
    package var pgCtl: String
    package var directory: String

    /// Finds initdb and pg_ctl: `pg_config --bindir`, then the highest `/usr/lib/postgresql/*/bin`, then PATH.
    package static func locate() throws -> PostgresBinaries {
        var candidates: [String] = []
        if let bindir = try? runProcess(["/usr/bin/env", "pg_config", "--bindir"]).trimmingCharacters(in: .whitespacesAndNewlines), !bindir.isEmpty {
            candidates.append(bindir)
        }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        candidates += versions.compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        candidates += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for directory in candidates {
            let initdb = directory + "/initdb"
            let pgCtl = directory + "/pg_ctl"
            if FileManager.default.isExecutableFile(atPath: initdb), FileManager.default.isExecutableFile(atPath: pgCtl) {
                return PostgresBinaries(initdb: initdb, pgCtl: pgCtl, directory: directory)
            }
        }
        throw VerityError(
            .configuration, code: .embeddedPostgresNotInstalled,
            "No PostgreSQL server programs (initdb, pg_ctl) were found. Install PostgreSQL 15 or later — on Debian or Ubuntu: apt-get install postgresql — or point Verity at an existing server with --database URL or DATABASE_URL."
        )
    }

    /// Runs a program and returns its combined output; throws with that output when it exits non-zero.
    /// posix_spawn and waitpid, not Foundation's Process, whose waitUntilExit can hang when called from
    /// a Swift concurrency thread on Linux.
    @discardableResult
    package static func runProcess(_ arguments: [String]) throws -> String {
        var pipe: [Int32] = [0, 0]
        // Close-on-exec: a program another thread starts meanwhile must not hold the write end open, or
        // this read would wait for that program to exit.
        guard verity_pipe_cloexec(&pipe) == 0 else { throw VerityError(.internalError, code: .processPipe, "Cannot create a pipe.") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 2)
        // Nothing else of this process reaches the program: sockets opened without close-on-exec (SwiftNIO's
        // are) would otherwise stay open in it, and in the postmaster pg_ctl starts, after this process closes them.
        guard verity_spawn_close_from(&actions, 3) == 0 else {
            close(pipe[0])
            close(pipe[1])
            throw VerityError(.unavailable, code: .processSpawn, "Cannot run \(arguments[0]): out of memory")
        }
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            throw VerityError(.unavailable, code: .processSpawn, "Cannot run \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(pipe[0], &chunk, chunk.count)
            if count > 0 { output += chunk[0..<count] } else if count == 0 || errno != EINTR { break }
        }
        close(pipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = String(decoding: output, as: UTF8.self)
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            throw VerityError(
                .unavailable, code: .processFailed,
                "\((arguments[0] as NSString).lastPathComponent) failed (status \(code)): \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return text
    }
}
