import Logging
import VerityCore

/// Everything the server needs to know that is not in the database. Read once, in `main`.
package struct ServerConfiguration: Sendable {
    /// Address to bind.
    package var host: String = "127.0.0.1"
    /// Port to bind; 0 picks a free one.
    package var port: Int = 8080
    /// Largest request body accepted, in bytes; larger ones get 413 before they are read.
    package var maxBodyBytes: Int = 5 << 20
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
    /// Server name in logs.
    package var serverName: String = "verity"

    /// The defaults.
    package init() {}
}
