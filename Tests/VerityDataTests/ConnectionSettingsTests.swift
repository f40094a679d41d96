import Foundation
import Testing
import VerityCore
import VerityData
import VerityTestSupport

@Suite("Connection settings through libpq")
struct ConnectionSettingsTests {
    @Test("URL and key=value forms resolve to the same server")
    func forms() async throws {
        let (url, keywords, server) = try await onBlockingThread {
            let server = try TestDatabase.serverSettings()
            return (
                try ConnectionSettings.resolve(
                    "postgresql://\(server.user)@\(server.host):\(server.port)/postgres?sslmode=disable"),
                try ConnectionSettings.resolve(
                    "host=\(server.host) port=\(server.port) user=\(server.user) dbname=postgres sslmode=disable"
                ), server
            )
        }
        #expect(url == keywords)
        #expect(url.port == server.port)
        #expect(url.database == "postgres")
        #expect(url.tls == .disable)
    }

    @Test("multi-host strings, both forms, as psql reads them: the first host that answers is used, the list is kept for failover")
    func multiHost() async throws {
        let (url, keywords, server, single) = try await onBlockingThread {
            let server = try TestDatabase.serverSettings()
            // Port 1 on loopback refuses at once: libpq moves on to the next host, as psql does.
            return (
                try ConnectionSettings.resolve(
                    "postgresql://\(server.user)@127.0.0.1:1,\(server.host):\(server.port)/postgres?sslmode=disable&target_session_attrs=read-write"),
                try ConnectionSettings.resolve(
                    "host=127.0.0.1,\(server.host) port=1,\(server.port) user=\(server.user) dbname=postgres sslmode=disable target_session_attrs=read-write"
                ),
                server,
                try ConnectionSettings.resolve("postgresql://\(server.user)@\(server.host):\(server.port)/postgres?sslmode=disable")
            )
        }
        for settings in [url, keywords] {
            #expect(settings.host == server.host && settings.port == server.port, "the host that answered: \(settings.endpoint)")
            #expect(settings.candidates == ["127.0.0.1:1", "\(server.host):\(server.port)"])
            #expect(settings.canRelocate, "a failover is followed by resolving the string again")
        }
        #expect(try await onBlockingThread { try ConnectionSettings.resolve(url.failoverSource) }.endpoint == url.endpoint)
        #expect(!single.canRelocate && single.candidates.isEmpty, "one host: nothing to search")
    }

    @Test("a malformed connection string is a configuration error with libpq's reason")
    func malformed() {
        let error = #expect(throws: VerityError.self) {
            try ConnectionSettings.resolve("postgresql://host:notaport:x/")
        }
        #expect(error?.kind == .configuration || error?.kind == .unavailable)
        let keywordError = #expect(throws: VerityError.self) {
            try ConnectionSettings.resolve("host=localhost bogus_option=1")
        }
        #expect(keywordError?.code.rawValue == "database.invalid_settings")
        #expect(keywordError?.message.contains("bogus_option") == true)
    }

    @Test("an unreachable server is 'unavailable', quickly")
    func unreachable() async throws {
        let error = try await onBlockingThread { () -> VerityError? in
            do {
                _ = try ConnectionSettings.resolve("postgresql://127.0.0.1:1/x?connect_timeout=2")
            } catch let error as VerityError { return error }
            return nil
        }
        #expect(error?.kind == .unavailable)
    }

    @Test("the conninfo string round-trips values that need quoting")
    func quoting() {
        let settings = ConnectionSettings(
            host: "/tmp/it's here", port: 5433, user: "a\\b", password: "p w'd", database: "d b",
            tls: .disable)
        #expect(
            settings.conninfo
                == #"host='/tmp/it\'s here' port=5433 user='a\\b' dbname='d b' password='p w\'d' sslmode=disable"#
        )
        #expect(settings.isUnixSocket)
        #expect(!settings.redacted.contains("p w"))
    }

    @Test("only PG* variables that name a server count as a configured database")
    func environment() {
        #expect(ConnectionSettings.environmentNamesServer(["PGHOST": "db"]))
        #expect(ConnectionSettings.environmentNamesServer(["PGSERVICE": "verity"]))
        #expect(!ConnectionSettings.environmentNamesServer(["PGHOST": "", "HOME": "/root"]))
    }
}
