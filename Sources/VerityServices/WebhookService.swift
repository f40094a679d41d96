import Foundation
import Logging
import VerityCore
import VerityData

#if canImport(Glibc)
    import Glibc
#endif

/// How deliveries are retried and when an endpoint is given up.
package struct WebhookPolicy: Sendable {
    /// The first retry waits this long; each further one twice as long (at most an hour).
    package var retryBaseSeconds: Double
    /// Attempts before a delivery has failed for good.
    package var maxAttempts: Int
    /// Deliveries failed for good in a row before an endpoint is disabled.
    package var disableAfter: Int

    /// Creates a policy.
    package init(retryBaseSeconds: Double = 30, maxAttempts: Int = 8, disableAfter: Int = 5) {
        self.retryBaseSeconds = retryBaseSeconds
        self.maxAttempts = maxAttempts
        self.disableAfter = disableAfter
    }

    /// The backoff before attempt `attempts + 1`: base × 2^(attempts − 1), at most an hour.
    package func retryDelay(afterAttempts attempts: Int) -> Double {
        min(3_600, retryBaseSeconds * pow(2, Double(max(0, attempts - 1))))
    }
}

/// Webhook endpoints, per project, for owners, and the delivery of their outbox. An endpoint must not
/// become a way into the server's own network: its host is resolved, every address it resolves to must be
/// public (unless the instance allows private networks), and the delivery connects to the address that
/// was checked — at registration and again before every attempt. Redirects are never followed.
package struct WebhookService: Sendable {
    package let database: Database
    package let projects: ProjectService
    package let allowPrivateNetworks: Bool
    /// Resolves a host name to its addresses (textual).
    package let resolver: @Sendable (String) async throws -> [String]
    private let store: WebhookStore
    private let audit: AuditStore

    /// Creates the service.
    package init(
        database: Database, projects: ProjectService, allowPrivateNetworks: Bool,
        resolver: @escaping @Sendable (String) async throws -> [String] = WebhookService.systemResolver
    ) {
        self.database = database
        self.projects = projects
        self.allowPrivateNetworks = allowPrivateNetworks
        self.resolver = resolver
        self.store = WebhookStore(logger: database.logger)
        self.audit = AuditStore(logger: database.logger)
    }

    /// Registers an endpoint; returns it with its secret, which is shown this once. The audit trail keeps
    /// the URL's scheme and host only: webhook URLs are often secret capability links, and editors read it.
    package func register(project slugOrId: String, user: User, url: String, events: [String]) async throws -> (Webhook, secret: String) {
        try StandardWebhooks.validateFilters(events)
        _ = try await target(for: url)
        let secret = StandardWebhooks.newSecret()
        return try await database.transaction { connection in
            let project = try await projects.authorize(slugOrId, actor: .user(user), .manageWebhooks, on: connection)
            let webhook = try await store.create(projectId: project.id, url: url, events: events, secret: secret, createdBy: user.id, on: connection)
            try await audit.record(
                projectId: project.id, actorId: user.id, action: "webhook.created", objectType: "webhook", objectId: webhook.id.lowercasedString,
                before: String?.none, after: ["url": StandardWebhooks.redactedURL(url), "events": events.joined(separator: ",")], on: connection)
            return (webhook, secret)
        }
    }

    /// A project's endpoints.
    package func list(project slugOrId: String, user: User) async throws -> [Webhook] {
        try await database.read { connection in
            let project = try await projects.authorize(slugOrId, actor: .user(user), .manageWebhooks, on: connection)
            return try await store.list(projectId: project.id, on: connection)
        }
    }

    /// Removes an endpoint.
    package func delete(project slugOrId: String, user: User, id: String) async throws {
        try await database.transaction { connection in
            let project = try await projects.authorize(slugOrId, actor: .user(user), .manageWebhooks, on: connection)
            guard let uuid = UUID(uuidString: id), try await store.delete(projectId: project.id, id: uuid, on: connection) else {
                throw VerityError.notFound(.webhook)
            }
            try await audit.record(
                projectId: project.id, actorId: user.id, action: "webhook.deleted", objectType: "webhook", objectId: uuid.lowercasedString,
                before: String?.none, after: String?.none, on: connection)
        }
    }

    /// A page of an endpoint's delivery log, newest first.
    package func deliveries(project slugOrId: String, user: User, id: String, cursor: String?, limit: Int?) async throws -> Page<WebhookDelivery> {
        let limit = try Page<Never>.validLimit(limit)
        let position = try cursor.map(Page<Never>.idCursor)
        return try await database.read { connection in
            let project = try await projects.authorize(slugOrId, actor: .user(user), .manageWebhooks, on: connection)
            guard let uuid = UUID(uuidString: id), try await store.exists(projectId: project.id, id: uuid, on: connection) else {
                throw VerityError.notFound(.webhook)
            }
            return try await store.deliveries(projectId: project.id, webhookId: uuid, before: position, limit: limit, on: connection)
        }
    }

    // MARK: - Delivery

    /// Claims the next due delivery, checks and pins its endpoint, hands it to `send`, and records the
    /// outcome — in one transaction: the row lock keeps other workers and processes off it, and a process
    /// that dies mid-send leaves it pending (the transaction dies with the connection), to be sent again.
    /// An endpoint disabled by its failures is audited. Returns whether there was a delivery to make.
    package func deliverNext(
        policy: WebhookPolicy, send: @escaping @Sendable (DueDelivery, WebhookTarget) async -> WebhookAttempt
    ) async throws -> Bool {
        try await database.transaction { connection in
            guard let delivery = try await store.claimDue(limit: 1, on: connection).first else { return false }
            let attempt: WebhookAttempt
            do {
                // Again at delivery time: a name may resolve elsewhere now than when it was registered.
                attempt = await send(delivery, try await target(for: delivery.url))
            } catch {
                attempt = .failed(status: nil, message: "refused: \((error as? VerityError)?.fieldErrors.first?.message ?? "\(error)")")
            }
            let attempts = delivery.attempts + 1
            switch attempt {
            case .delivered(let status):
                try await store.delivered(delivery, status: status, on: connection)
            case .failed(let status, let message):
                let disabled = try await store.failed(
                    delivery, status: status, error: message, retryAfter: policy.retryDelay(afterAttempts: attempts),
                    final: attempts >= policy.maxAttempts, disableAfter: policy.disableAfter, on: connection)
                if let disabled {
                    try await audit.record(
                        projectId: delivery.projectId, actorId: nil, action: "webhook.disabled", objectType: "webhook",
                        objectId: disabled.id.lowercasedString, before: ["enabled": true],
                        after: WebhookDisabledRecord(
                            url: StandardWebhooks.redactedURL(disabled.url), failures: disabled.failures, lastStatus: status, lastError: message),
                        on: connection)
                }
            }
            return true
        }
    }

    // MARK: - Where a URL may lead

    /// The target of a URL: an absolute http(s) URL without credentials whose host resolves — to public
    /// addresses only, unless private networks are allowed — pinned to the first address it resolved to.
    package func target(for text: String) async throws -> WebhookTarget {
        try await Self.target(for: text, allowPrivate: allowPrivateNetworks, resolver: resolver)
    }

    /// `target(for:)` with an explicit rule and resolver.
    package static func target(
        for text: String, allowPrivate: Bool, resolver: @Sendable (String) async throws -> [String] = systemResolver
    ) async throws -> WebhookTarget {
        func refuse(_ message: String) -> VerityError {
            VerityError.validation(code: .webhookInvalidUrl, "The webhook URL is not acceptable.", [FieldError(path: "url", message: message)])
        }
        guard text.count <= 2_000, let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let rawHost = url.host, !rawHost.isEmpty
        else { throw refuse("an absolute http or https URL") }
        guard url.user == nil, url.password == nil else { throw refuse("no user name or password in the URL") }
        let host = rawHost.hasPrefix("[") && rawHost.hasSuffix("]") ? String(rawHost.dropFirst().dropLast()) : rawHost
        if let literal = IPAddress(host) {
            if !allowPrivate, literal.isReserved {
                throw refuse("\(host) is a loopback, private or reserved address; this instance does not allow that")
            }
            return WebhookTarget(url: text, host: host, address: nil)
        }
        let addresses = try await resolver(host)
        guard !addresses.isEmpty else { throw refuse("the host does not resolve") }
        if !allowPrivate {
            // Every address, not just the first: a name that also resolves inside could be made to land there.
            if let inside = addresses.first(where: { IPAddress($0)?.isReserved ?? true }) {
                throw refuse("\(host) resolves to a loopback, private or reserved address (\(inside)); this instance does not allow that")
            }
        }
        return WebhookTarget(url: text, host: host, address: addresses[0])
    }

    /// The system's resolver (getaddrinfo), on a thread of its own.
    package static let systemResolver: @Sendable (String) async throws -> [String] = { host in
        try await onBlockingThread { resolve(host) }
    }

    private static func resolve(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0 else { return [] }
        defer { freeaddrinfo(result) }
        var addresses: [String] = []
        var cursor = result
        while let info = cursor {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(info.pointee.ai_addr, info.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                addresses.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            cursor = info.pointee.ai_next
        }
        return addresses
    }
}

/// What the audit trail keeps when an endpoint is disabled for its failures.
struct WebhookDisabledRecord: Encodable {
    var url: String
    var failures: Int
    var lastStatus: Int?
    var lastError: String
}
