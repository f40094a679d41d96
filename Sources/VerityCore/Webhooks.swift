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
                code: "webhook.invalid_events", "Invalid event filters.",
                [FieldError(path: "events", message: "up to 50 actions such as verdict.submitted, or prefixes such as claim.*")])
        }
    }

    /// Whether an IP address (v4 or v6, textual) is loopback, private, link-local, unique-local,
    /// unspecified or otherwise not on the public internet.
    package static func isPrivate(_ address: String) -> Bool {
        if address.contains(":") {
            let lower = address.lowercased()
            if lower == "::1" || lower == "::" { return true }
            if lower.hasPrefix("fc") || lower.hasPrefix("fd") || lower.hasPrefix("fe80") { return true }
            if lower.hasPrefix("::ffff:") { return isPrivate(String(lower.dropFirst(7))) }
            return false
        }
        let parts = address.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 4 else { return true }
        switch (parts[0], parts[1]) {
        case (0, _), (10, _), (127, _): return true
        case (100, 64...127): return true
        case (169, 254): return true
        case (172, 16...31): return true
        case (192, 168): return true
        case (198, 18...19): return true
        case (224...255, _): return true
        default: return false
        }
    }
}
