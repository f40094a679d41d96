import CLibPQ
import Foundation
import NIOSSL
import PostgresNIO
import VerityCore

/// Where and how to reach PostgreSQL, resolved exactly as psql resolves it.
package struct ConnectionSettings: Sendable, Equatable {
    /// How to use TLS, after libpq's `sslmode`.
    package enum TLSMode: String, Sendable, Equatable {
        case disable, prefer, require, verifyFull = "verify-full"
    }

    /// A host name, an IP address, or a Unix socket directory (starting with `/`).
    package var host: String
    package var port: Int
    package var user: String
    package var password: String?
    package var database: String
    package var tls: TLSMode

    /// Creates settings from their parts.
    package init(host: String, port: Int, user: String, password: String?, database: String, tls: TLSMode) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Whether the host is a Unix socket directory.
    package var isUnixSocket: Bool { host.hasPrefix("/") || host.hasPrefix("@") }

    /// The same server, another database.
    package func with(database: String) -> ConnectionSettings {
        var copy = self
        copy.database = database
        return copy
    }

    /// A libpq key=value connection string for these settings (used by the bulk paths and psql).
    package var conninfo: String {
        func quote(_ value: String) -> String {
            "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        }
        var parts = ["host=\(quote(host))", "port=\(port)", "user=\(quote(user))", "dbname=\(quote(database))"]
        if let password { parts.append("password=\(quote(password))") }
        parts.append("sslmode=\(tls == .verifyFull ? "verify-full" : tls.rawValue)")
        return parts.joined(separator: " ")
    }

    /// A description safe for logs and messages: no password.
    package var redacted: String {
        isUnixSocket ? "\(user)@\(host)/.s.PGSQL.\(port) database \(database)" : "\(user)@\(host):\(port) database \(database)"
    }

    /// The PostgresNIO pool configuration for these settings.
    package func clientConfiguration(maximumConnections: Int = 20) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if isUnixSocket {
            configuration = .init(unixSocketPath: "\(host)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            let tlsConfiguration: PostgresClient.Configuration.TLS
            switch tls {
            case .disable:
                tlsConfiguration = .disable
            case .prefer:
                var config = TLSConfiguration.makeClientConfiguration()
                config.certificateVerification = .none
                tlsConfiguration = .prefer(config)
            case .require:
                var config = TLSConfiguration.makeClientConfiguration()
                config.certificateVerification = .none
                tlsConfiguration = .require(config)
            case .verifyFull:
                tlsConfiguration = .require(.makeClientConfiguration())
            }
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: tlsConfiguration)
        }
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    /// Resolves a connection string (URL or key=value) — or, with nil, the PG* environment variables,
    /// service file and defaults — through libpq, so every form psql accepts works, `.pgpass` included.
    /// libpq opens one connection to do so: what it reports back is what it really used.
    package static func resolve(_ conninfo: String?) throws -> ConnectionSettings {
        if let conninfo {
            var message: UnsafeMutablePointer<CChar>?
            guard let options = PQconninfoParse(conninfo, &message) else {
                let detail = message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "out of memory"
                if let message { PQfreemem(message) }
                throw VerityError(.configuration, code: .databaseInvalidSettings, "The database connection string is not valid: \(detail)")
            }
            PQconninfoFree(options)
        }
        guard let connection = PQconnectdb(conninfo ?? "") else {
            throw VerityError(.unavailable, code: .databaseUnavailable, "libpq could not allocate a connection.")
        }
        defer { PQfinish(connection) }
        guard PQstatus(connection) == CONNECTION_OK else {
            let detail = String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
            throw VerityError(.unavailable, code: .databaseUnavailable, "Cannot connect to PostgreSQL: \(detail)")
        }
        func value(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
            guard let pointer else { return nil }
            let string = String(cString: pointer)
            return string.isEmpty ? nil : string
        }
        let sslMode = Self.option(named: "sslmode", of: connection) ?? "prefer"
        let tls: TLSMode
        switch sslMode {
        case "disable", "allow": tls = PQsslInUse(connection) == 1 ? .prefer : .disable
        case "require": tls = .require
        case "verify-ca", "verify-full": tls = .verifyFull
        default: tls = .prefer
        }
        // PQhost reports the socket directory for Unix-socket connections, the name or address otherwise.
        return ConnectionSettings(
            host: value(PQhost(connection)) ?? "/var/run/postgresql",
            port: value(PQport(connection)).flatMap { Int($0) } ?? 5432,
            user: value(PQuser(connection)) ?? "postgres",
            password: value(PQpass(connection)),
            database: value(PQdb(connection)) ?? "postgres",
            tls: tls
        )
    }

    private static func option(named name: String, of connection: OpaquePointer) -> String? {
        guard let options = PQconninfo(connection) else { return nil }
        defer { PQconninfoFree(options) }
        var cursor = options
        while let keyword = cursor.pointee.keyword {
            if String(cString: keyword) == name { return cursor.pointee.val.map { String(cString: $0) } }
            cursor += 1
        }
        return nil
    }

    /// Whether the environment names a database server (as psql would read it), so the embedded cluster is not needed.
    package static func environmentNamesServer(_ environment: [String: String]) -> Bool {
        ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "PGSERVICE"].contains { environment[$0]?.isEmpty == false }
    }
}
