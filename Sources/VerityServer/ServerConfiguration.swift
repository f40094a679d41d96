import Logging
import VerityCore
import VerityData

/// Everything the server needs to know that is not in the database. Read once, in `main`.
package struct ServerConfiguration: Sendable {
    /// Address to bind.
    package var host: String = "127.0.0.1"
    /// Port to bind; 0 picks a free one.
    package var port: Int = 8080
    /// Largest request body accepted, in bytes; larger ones get 413 before they are read.
    package var maxBodyBytes: Int = 5 << 20
    /// Largest bulk import body (`application/x-ndjson` to a project's articles), in bytes.
    package var maxImportBytes: Int = 64 << 20
    /// How long a login token lives.
    package var loginTokenLifetimeSeconds: Double = 30 * 24 * 3600
    /// How long a claim handed out by the work queue stays reserved for its reviewer.
    package var queueLeaseSeconds: Int = 15 * 60
    /// Failed logins allowed per username and per client address within a window.
    package var loginLimits = LoginThrottle.Limits()
    /// Whether this process feeds live-event streams (LISTEN) and delivers the webhook outbox. `verity
    /// serve` does both; in-process test servers leave them off unless a test needs them.
    package var runsLiveEvents = false
    package var deliversWebhooks = false
    /// Whether webhook endpoints may be on loopback or private networks (tests; closed networks).
    package var webhooksAllowPrivate = false
    /// The first retry waits this long; each further one twice as long (at most an hour).
    package var webhookRetryBaseSeconds: Double = 30
    /// Attempts before a delivery has failed for good.
    package var webhookMaxAttempts = 8
    /// Deliveries failed for good in a row before an endpoint is disabled.
    package var webhookDisableAfter = 5
    /// Proxies whose `X-Forwarded-For` names the client (`--trusted-proxy`); from anyone else it is ignored.
    package var trustedProxies: [CIDRBlock] = []
    /// Once a request's first byte arrives, its head must be complete within this (slow-loris).
    package var headerReadTimeout: Duration = .seconds(10)
    /// A connection with no request in progress is closed after this.
    package var idleTimeout: Duration = .seconds(60)
    /// A request body must arrive within this.
    package var bodyReadTimeout: Duration = .seconds(30)
    /// Open HTTP connections at most; past it, new connections wait to be accepted.
    package var maxHTTPConnections = 2_048
    /// Exports running at once in this process, and per user (each holds a database connection and a
    /// snapshot while it runs). Nil: a quarter of the pool.
    package var maxExports: Int?
    package var maxExportsPerUser = 2
    /// Live-event streams open at once in this process, and per user.
    package var maxEventStreams = 1_000
    package var maxEventStreamsPerUser = 10
    /// A stream (export or events) whose client has not taken the next piece within this is ended, so a
    /// client that stops reading cannot hold a connection or a snapshot.
    package var streamWriteTimeout: Duration = .seconds(30)
    /// How often open event streams check that their token, user and role still hold.
    package var streamAccessCheckInterval: Duration = .seconds(2)
    /// Where password checks run (tests pass their own to count them); nil: one per application, a bcrypt
    /// per core and two more waiting per core.
    package var passwordLane: BlockingLane?
    /// How webhook hosts are resolved (tests point a name at a local receiver); nil: the system resolver.
    package var webhookResolver: (@Sendable (String) async throws -> [String])?
    /// Server name in logs.
    package var serverName: String = "verity"

    /// The defaults.
    package init() {}
}
