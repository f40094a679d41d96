import Foundation
import Logging
import VerityCore
import VerityData

#if canImport(Glibc)
    import Glibc
#endif

/// Webhook endpoints, per project, for owners. Endpoints on loopback or private networks are refused
/// unless the instance allows them (`allowPrivateNetworks`): a webhook must not become a way to reach
/// the server's own network.
package struct WebhookService: Sendable {
    package let database: Database
    package let projects: ProjectService
    package let allowPrivateNetworks: Bool
    private let store: WebhookStore
    private let audit: AuditStore

    /// Creates the service.
    package init(database: Database, projects: ProjectService, allowPrivateNetworks: Bool) {
        self.database = database
        self.projects = projects
        self.allowPrivateNetworks = allowPrivateNetworks
        self.store = WebhookStore(logger: database.logger)
        self.audit = AuditStore(logger: database.logger)
    }

    /// Registers an endpoint; returns it with its secret, which is shown this once.
    package func register(project slugOrId: String, user: User, url: String, events: [String]) async throws -> (Webhook, secret: String) {
        try StandardWebhooks.validateFilters(events)
        try await Self.checkURL(url, allowPrivate: allowPrivateNetworks)
        let secret = StandardWebhooks.newSecret()
        return try await database.transaction { connection in
            let project = try await projects.authorize(slugOrId, actor: .user(user), .manageWebhooks, on: connection)
            let webhook = try await store.create(projectId: project.id, url: url, events: events, secret: secret, createdBy: user.id, on: connection)
            try await audit.record(
                projectId: project.id, actorId: user.id, action: "webhook.created", objectType: "webhook", objectId: webhook.id.uuidString.lowercased(),
                before: String?.none, after: ["url": url], on: connection)
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
                throw VerityError.notFound("webhook")
            }
            try await audit.record(
                projectId: project.id, actorId: user.id, action: "webhook.deleted", objectType: "webhook", objectId: uuid.uuidString.lowercased(),
                before: String?.none, after: String?.none, on: connection)
        }
    }

    /// An endpoint's delivery log, newest first.
    package func deliveries(project slugOrId: String, user: User, id: String, limit: Int?) async throws -> [WebhookDelivery] {
        let limit = try Page<Never>.validLimit(limit)
        return try await database.read { connection in
            let project = try await projects.authorize(slugOrId, actor: .user(user), .manageWebhooks, on: connection)
            guard let uuid = UUID(uuidString: id), try await store.exists(projectId: project.id, id: uuid, on: connection) else {
                throw VerityError.notFound("webhook")
            }
            return try await store.deliveries(projectId: project.id, webhookId: uuid, limit: limit, on: connection)
        }
    }

    /// An absolute http(s) URL without credentials, whose host resolves only to public addresses (unless
    /// private networks are allowed). Checked at registration and again before every delivery.
    package static func checkURL(_ text: String, allowPrivate: Bool) async throws {
        func refuse(_ message: String) -> VerityError {
            VerityError.validation(code: "webhook.invalid_url", "The webhook URL is not acceptable.", [FieldError(path: "url", message: message)])
        }
        guard text.count <= 2_000, let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host(), !host.isEmpty
        else { throw refuse("an absolute http or https URL") }
        guard url.user == nil, url.password == nil else { throw refuse("no user name or password in the URL") }
        if allowPrivate { return }
        let addresses = try await onBlockingThread { Self.resolve(host) }
        guard !addresses.isEmpty else { throw refuse("the host does not resolve") }
        if let address = addresses.first(where: StandardWebhooks.isPrivate) {
            throw refuse("\(host) is on a loopback or private network (\(address)); this instance does not allow that")
        }
    }

    private static func resolve(_ host: String) -> [String] {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(bare, nil, &hints, &result) == 0 else { return [] }
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
