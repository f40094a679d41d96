import Crypto
import Foundation

/// A registered webhook endpoint.
package struct Webhook: Sendable, Equatable {
    package var id: UUID
    package var projectId: UUID
    package var url: String
    package var events: [String]
    package var enabled: Bool
    package var failures: Int
    package var createdAt: Date
    package var disabledAt: Date?

    /// Creates a webhook value.
    package init(id: UUID, projectId: UUID, url: String, events: [String], enabled: Bool, failures: Int, createdAt: Date, disabledAt: Date?) {
        self.id = id
        self.projectId = projectId
        self.url = url
        self.events = events
        self.enabled = enabled
        self.failures = failures
        self.createdAt = createdAt
        self.disabledAt = disabledAt
    }
}

/// One delivery of one event to one endpoint, with its attempts so far.
package struct WebhookDelivery: Sendable, Equatable {
    package var id: Int64
    package var eventId: Int64
    package var messageId: String
    package var status: String
    package var attempts: Int
    package var lastStatus: Int?
    package var lastError: String?
    package var createdAt: Date
    package var nextAttemptAt: Date
    package var deliveredAt: Date?

    /// Creates a delivery value.
    package init(
        id: Int64, eventId: Int64, messageId: String, status: String, attempts: Int, lastStatus: Int?, lastError: String?, createdAt: Date,
        nextAttemptAt: Date, deliveredAt: Date?
    ) {
        self.id = id
        self.eventId = eventId
        self.messageId = messageId
        self.status = status
        self.attempts = attempts
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.createdAt = createdAt
        self.nextAttemptAt = nextAttemptAt
        self.deliveredAt = deliveredAt
    }
}

/// A delivery claimed for an attempt, with what is needed to send it.
package struct DueDelivery: Sendable {
    package var id: Int64
    package var projectId: UUID
    package var webhookId: UUID
    package var url: String
    package var secret: String
    package var messageId: String
    package var payload: String
    package var attempts: Int

    /// Creates a delivery value.
    package init(id: Int64, projectId: UUID, webhookId: UUID, url: String, secret: String, messageId: String, payload: String, attempts: Int) {
        self.id = id
        self.projectId = projectId
        self.webhookId = webhookId
        self.url = url
        self.secret = secret
        self.messageId = messageId
        self.payload = payload
        self.attempts = attempts
    }
}

/// The Standard Webhooks scheme (standardwebhooks.com): `webhook-id`, `webhook-timestamp` and
/// `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, with a `whsec_` secret.
package enum StandardWebhooks {
    /// A new secret: `whsec_` and 32 random bytes in base64.
    package static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "whsec_" + Data(bytes).base64EncodedString()
    }

    /// The signature header value for a message.
    package static func signature(secret: String, id: String, timestamp: Int, body: String) -> String? {
        guard secret.hasPrefix("whsec_"), let key = Data(base64Encoded: String(secret.dropFirst(6))) else { return nil }
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).\(body)".utf8), using: SymmetricKey(data: key))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// Whether an event filter (`verdict.submitted`, `verdict.*`; empty: everything) takes an action.
    package static func matches(_ filters: [String], _ action: String) -> Bool {
        filters.isEmpty || filters.contains { $0 == action || ($0.hasSuffix(".*") && action.hasPrefix(String($0.dropLast()))) }
    }

    /// Checks a filter list: 0 to 50 actions (`object.verb`) or prefixes (`object.*`).
    package static func validateFilters(_ filters: [String]) throws {
        let ok = filters.count <= 50 && filters.allSatisfy { $0.range(of: #"^[a-z_]+\.([a-z_]+|\*)$"#, options: .regularExpression) != nil }
        guard ok else {
            throw VerityError.validation(
                code: .webhookInvalidEvents, "Invalid event filters.",
                [FieldError(path: "events", message: "up to 50 actions such as verdict.submitted, or prefixes such as claim.*")])
        }
    }

    /// A webhook URL as the audit trail shows it: scheme and host (and a port other than the scheme's),
    /// never the path or query, which often carry a secret (capability URLs).
    package static func redactedURL(_ text: String) -> String {
        guard let components = URLComponents(string: text), let scheme = components.scheme, let host = components.host else { return "(invalid URL)" }
        let port = components.port.map { ":\($0)" } ?? ""
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost)\(port)"
    }
}

/// Where a webhook delivery goes: the endpoint's URL, and the one address its host was resolved to and
/// checked against the private-network rule. The connection is made to that address (the URL's host
/// still names the site for the Host header and TLS), so a name that resolves elsewhere a moment later
/// (DNS rebinding) cannot steer the request inside the network.
package struct WebhookTarget: Sendable, Equatable {
    package var url: String
    package var host: String
    /// The address connected to; nil when the host is itself an address.
    package var address: String?

    /// Creates a target.
    package init(url: String, host: String, address: String?) {
        self.url = url
        self.host = host
        self.address = address
    }
}

/// The outcome of one delivery attempt.
package enum WebhookAttempt: Sendable, Equatable {
    /// The receiver answered 2xx.
    case delivered(status: Int)
    /// Anything else: another status (a redirect is not followed: it is a failed attempt), a network
    /// error, or a refusal to connect.
    case failed(status: Int?, message: String)
}
