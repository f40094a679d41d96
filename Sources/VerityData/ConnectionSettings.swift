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
    /// The connection string as given (empty: the PG* environment) when it names more than one host
    /// (`host=a,b`, `postgresql://a:1,b:2/…`): libpq resolves it again to find the server that now
    /// matches its `target_session_attrs` (after a failover, the new primary). Nil for one host.
    package var failoverSource: String?
    /// The hosts the connection string names, in its order (`host:port`), for reports.
    package var candidates: [String] = []

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

    /// The server these settings point at, as `host:port` (or the socket path).
    package var endpoint: String { isUnixSocket ? "\(host)/.s.PGSQL.\(port)" : "\(host):\(port)" }

    /// Whether these settings are worth resolving again when their server stops answering as needed.
    package var canRelocate: Bool { failoverSource != nil }

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

    /// How long a pooled connection may stay unused before it is closed.
    static let poolIdleTimeout: Duration = .seconds(10)

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
        // PostgresNIO arms an idle timer (60 s by default) and a keep-alive timer (30 s) each time a connection
        // goes back to the pool, with Task.sleep; a cancelled sleep keeps its task and dispatch timer until its
        // deadline. Under 32 connections of reads the server's memory grew for a minute, from 83 to 198 MiB,
        // and stayed there. With a 10 s idle timeout and no keep-alive queries it levels off at 78 MiB (and
        // reads went 22 % faster): no connection idles long enough to need keep-alive queries (a server that
        // closes connections is noticed at once by the socket; the first query after a silent network drop
        // fails and the pool opens another), and a quiet server closes its connections after 10 s.
        configuration.options.connectionIdleTimeout = Self.poolIdleTimeout
        configuration.options.keepAliveBehavior = nil
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
        // Without a connect_timeout of its own, a host that drops packets would hold libpq (and a failover
        // search) for the kernel's TCP timeout; the string's own value, if any, wins (it comes later).
        let connection: OpaquePointer? = ["connect_timeout", "dbname"].withCStringArray { keywords in
            ["5", conninfo ?? ""].withCStringArray { values in PQconnectdbParams(keywords, values, 1) }
        }
        guard let connection else {
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
        // PQhost reports the socket directory for Unix-socket connections, the name or address otherwise:
        // with several hosts, the one libpq settled on (the first that matched target_session_attrs).
        var settings = ConnectionSettings(
            host: value(PQhost(connection)) ?? "/var/run/postgresql",
            port: value(PQport(connection)).flatMap { Int($0) } ?? 5432,
            user: value(PQuser(connection)) ?? "postgres",
            password: value(PQpass(connection)),
            database: value(PQdb(connection)) ?? "postgres",
            tls: tls
        )
        let hosts = (Self.option(named: "host", of: connection) ?? Self.option(named: "hostaddr", of: connection) ?? "")
            .split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if hosts.count > 1 {
            let ports = (Self.option(named: "port", of: connection) ?? "").split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            settings.failoverSource = conninfo ?? ""
            settings.candidates = hosts.enumerated().map { index, host in
                let port = ports.count == hosts.count ? ports[index] : (ports.first ?? "")
                return "\(host.isEmpty ? "localhost" : host):\(port.isEmpty ? "5432" : port)"
            }
        }
        return settings
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

extension Array where Element == String {
    /// Calls `body` with a NULL-terminated C array of these strings (for libpq's keyword/value calls).
    fileprivate func withCStringArray<Result>(_ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result) -> Result {
        let duplicates = map { strdup($0) }
        defer { duplicates.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = duplicates.map { $0.map { UnsafePointer($0) } } + [nil]
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
