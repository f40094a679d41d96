import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import VerityCore
import VerityServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the HTTP server until SIGINT or SIGTERM, then drain and exit.")

    @OptionGroup var db: DatabaseOptions
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port).") var port: Int = 8080
    @Flag(
        inversion: .prefixedNo,
        help: "Feed live-event streams from the audit trail (off: event streams replay what a client missed, then end).")
    var liveEvents = true
    @Flag(
        inversion: .prefixedNo,
        help: "Deliver the webhook outbox from this process (off when other processes deliver; several may, safely).")
    var deliverWebhooks = true
    @Flag(help: "Allow webhook endpoints on loopback and private networks (closed networks, tests).") var allowPrivateWebhooks = false
    @Option(help: "Seconds before the first webhook retry; each further retry waits twice as long.") var webhookRetrySeconds: Double = 30
    @Option(help: "Largest request body accepted, in bytes.") var maxBodyBytes: Int = 5 << 20
    @Option(help: "Largest bulk import body (application/x-ndjson records to a project's articles), in bytes.")
    var maxImportBytes: Int = 64 << 20
    @Option(help: "Most database connections the server opens.") var maxConnections: Int = 20
    @Option(
        help: ArgumentHelp(
            "A read replica (a hot standby) for safe reads — article reads, listings, search, exports, agreement — with read-your-writes.",
            valueName: "url")) var readDatabase: String?
    @Option(help: "Seconds a claim handed out by the work queue stays reserved for its reviewer.") var queueLeaseSeconds: Int = 900
    @Flag(help: "Apply pending migrations to a configured database before serving (the embedded one always is).") var migrate = false
    @Option(
        help: ArgumentHelp(
            "A proxy (address or CIDR block) whose X-Forwarded-For names the client, for login limits and logs; repeatable.",
            valueName: "cidr"))
    var trustedProxy: [String] = []
    @Option(help: "Seconds a request's head may take to arrive once it has begun.") var headerTimeout: Double = 10
    @Option(help: "Seconds an idle connection is kept open.") var idleTimeout: Double = 60
    @Option(help: "Seconds a request body may take to arrive.") var bodyTimeout: Double = 30
    @Option(help: "Most open HTTP connections; further ones wait to be accepted.") var maxHttpConnections: Int = 2_048
    @Option(help: "Most exports running at once in this process (default: a quarter of --max-connections).") var maxExports: Int?
    @Option(help: "Most exports one user runs at once.") var maxExportsPerUser: Int = 2
    @Option(help: "Most live-event streams open at once in this process.") var maxEventStreams: Int = 1_000
    @Option(help: "Most live-event streams one user has open at once.") var maxEventStreamsPerUser: Int = 10
    @Option(help: "Seconds a streaming client (export, events) may leave the next piece unread before the stream is ended.")
    var streamTimeout: Double = 30

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard maxBodyBytes >= 1024 else { throw ValidationError("--max-body-bytes must be at least 1024.") }
        guard maxImportBytes >= maxBodyBytes else { throw ValidationError("--max-import-bytes must be at least --max-body-bytes.") }
        guard (1...500).contains(maxConnections) else { throw ValidationError("--max-connections must be between 1 and 500.") }
        guard webhookRetrySeconds > 0 && webhookRetrySeconds <= 3_600 else { throw ValidationError("--webhook-retry-seconds must be in (0, 3600].") }
        guard (1...86_400).contains(queueLeaseSeconds) else { throw ValidationError("--queue-lease-seconds must be between 1 and 86400.") }
        for block in trustedProxy where CIDRBlock(block) == nil {
            throw ValidationError("--trusted-proxy \(block) is not an address or CIDR block (such as 10.0.0.0/8 or fd00::/8).")
        }
        for (name, value) in [
            ("--header-timeout", headerTimeout), ("--idle-timeout", idleTimeout), ("--body-timeout", bodyTimeout),
            ("--stream-timeout", streamTimeout),
        ]
        where !(value > 0 && value <= 3_600) {
            throw ValidationError("\(name) must be in (0, 3600] seconds.")
        }
        guard maxHttpConnections >= 1 else { throw ValidationError("--max-http-connections must be at least 1.") }
        for (name, value) in [
            ("--max-exports", maxExports ?? 1), ("--max-exports-per-user", maxExportsPerUser), ("--max-event-streams", maxEventStreams),
            ("--max-event-streams-per-user", maxEventStreamsPerUser),
        ] where value < 1 {
            throw ValidationError("\(name) must be at least 1.")
        }
    }

    func run() async throws {
        var logger = db.makeLogger()
        if logger.logLevel > .info { logger.logLevel = .info }
        let open = try db.open(applyMigrations: migrate, maximumConnections: maxConnections, readDatabase: readDatabase, logger: logger)
        defer { open.close() }
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.maxBodyBytes = maxBodyBytes
        configuration.maxImportBytes = maxImportBytes
        configuration.queueLeaseSeconds = queueLeaseSeconds
        configuration.webhooksAllowPrivate = allowPrivateWebhooks
        configuration.runsLiveEvents = liveEvents
        configuration.deliversWebhooks = deliverWebhooks
        configuration.webhookRetryBaseSeconds = webhookRetrySeconds
        configuration.trustedProxies = trustedProxy.compactMap(CIDRBlock.init)
        configuration.headerReadTimeout = .milliseconds(Int64(headerTimeout * 1_000))
        configuration.idleTimeout = .milliseconds(Int64(idleTimeout * 1_000))
        configuration.bodyReadTimeout = .milliseconds(Int64(bodyTimeout * 1_000))
        configuration.streamWriteTimeout = .milliseconds(Int64(streamTimeout * 1_000))
        configuration.maxHTTPConnections = maxHttpConnections
        configuration.maxExports = maxExports
        configuration.maxExportsPerUser = maxExportsPerUser
        configuration.maxEventStreams = maxEventStreams
        configuration.maxEventStreamsPerUser = maxEventStreamsPerUser
        let app = try buildApplication(configuration: configuration, database: open.database, logger: logger) { host, port in
            let shown = host.contains(":") ? "[\(host)]" : host
            // Unbuffered, so a supervising process reading a pipe sees it at once.
            FileHandle.standardOutput.write(Data("Verity listening on http://\(shown):\(port)\n".utf8))
        }
        // SIGTERM/SIGINT drain gracefully: requests in flight finish, event streams end, queued webhook
        // deliveries stay queued. Whatever still runs after 30 s is cancelled, so the process always exits.
        var group = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = .seconds(30)
        group.maximumCancellationDuration = .seconds(10)
        try await ServiceGroup(configuration: group).run()
    }
}
