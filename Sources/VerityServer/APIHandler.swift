import Foundation
import OpenAPIRuntime
import Prometheus
import Synchronization
import VerityAPI
import VerityCore
import VerityServices

/// The operations of openapi.yaml. Each handler: identity from the request → domain value → one
/// service call → typed response. No SQL and no permission logic here.
struct APIHandler: APIProtocol {
    let system: SystemService
    let accounts: AccountService
    let articles: ArticleService
    let claims: ClaimService
    let verdicts: VerdictService
    let resolutions: ResolutionService
    let queue: QueueService
    let agreement: AgreementService
    let auditTrail: AuditService
    let projects: ProjectService
    let metrics: PrometheusCollectorRegistry
    let configuration: ServerConfiguration
    let search: SearchService
    let webhooks: WebhookService
    let matching: MatchingService
    let quality: QualityService

    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        .ok(.init(body: .json(.init(status: .ok))))
    }

    func getReadiness(_ input: Operations.GetReadiness.Input) async throws -> Operations.GetReadiness.Output {
        guard let nodes = await system.readiness() else {
            throw VerityError(.unavailable, code: .databaseUnavailable, "The database does not answer or does not take writes.")
        }
        return .ok(.init(body: .json(.init(status: .ok, database: .init(nodes.primary), readDatabase: nodes.replica.map { .init($0) }))))
    }

    func getMetrics(_ input: Operations.GetMetrics.Input) async throws -> Operations.GetMetrics.Output {
        await PoolMetrics.shared.refresh(metrics, from: system)
        var buffer: [UInt8] = []
        metrics.emit(into: &buffer)
        return .ok(.init(body: .plainText(HTTPBody(buffer))))
    }

    func getOpenAPIDocument(_ input: Operations.GetOpenAPIDocument.Input) async throws -> Operations.GetOpenAPIDocument.Output {
        .ok(.init(body: .yaml(HTTPBody(EmbeddedOpenAPI.yaml))))
    }

    func createToken(_ input: Operations.CreateToken.Input) async throws -> Operations.CreateToken.Output {
        guard case .json(let credentials) = input.body else { throw VerityError(.validation, code: .requestInvalid, "Expected JSON.") }
        let (token, expiresAt) = try await accounts.login(
            username: credentials.username, password: credentials.password, address: RequestIdentity.clientAddress,
            lifetime: configuration.loginTokenLifetimeSeconds)
        return .created(.init(body: .json(.init(token: token, expiresAt: expiresAt))))
    }

    func listArticles(_ input: Operations.ListArticles.Input) async throws -> Operations.ListArticles.Output {
        let page = try await articles.list(
            project: input.path.project, user: try RequestIdentity.current(), cursor: input.query.cursor, limit: input.query.limit)
        return .ok(.init(body: .json(.init(items: page.items.map(Components.Schemas.ArticleSummary.init), nextCursor: page.nextCursor))))
    }

    func createArticle(_ input: Operations.CreateArticle.Input) async throws -> Operations.CreateArticle.Output {
        let user = try RequestIdentity.current()
        let draft: ArticleDraft
        switch input.body {
        case .json(let record):
            draft = try ArticleRecord(record).draft()
        case .plainText(let body):
            // The body was already bounded by BodyLimitMiddleware; this collects what is there.
            let bytes = try await [UInt8](collecting: body, upTo: configuration.maxBodyBytes)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw VerityError.validation(code: .articleInvalidUtf8, "The text is not valid UTF-8.")
            }
            draft = try ArticleDraft(scrapedPage: text)
        case .applicationXNdjson(let body):
            // The bulk form: many records in one transaction, the import's report as the answer. The body
            // is read here, as it arrives, into the Data the parser reads (see `BodyLimitMiddleware`).
            let data = try await bulkBody(body, project: input.path.project, user: user, .importArticles)
            let report = try await articles.importFile(
                data, name: "records.jsonl", source: "http", project: input.path.project, actor: .user(user),
                skipInvalid: input.query.skipInvalid ?? false)
            return .ok(.init(body: .json(.ImportReport(.init(report)))))
        }
        let (article, created) = try await articles.importOne(draft, project: input.path.project, actor: user)
        let body = Components.Schemas.Article(article)
        return created ? .created(.init(body: .json(body))) : .ok(.init(body: .json(.Article(body))))
    }

    /// A bulk body (up to `--max-import-bytes`), read only once the caller may use `permission` in the
    /// project: an outsider (404) or a member without it (403) is answered before a byte of it is read.
    /// The import checks again in its own transaction.
    func bulkBody(_ body: HTTPBody, project: String, user: User, _ permission: Permission) async throws -> Data {
        _ = try await projects.authorize(project, actor: .user(user), permission)
        return try await BulkBody.collect(body, upTo: configuration.maxImportBytes, within: configuration.bodyReadTimeout)
    }

    func getArticle(_ input: Operations.GetArticle.Input) async throws -> Operations.GetArticle.Output {
        let article = try await articles.get(id: input.path.id, user: try RequestIdentity.current(), revision: input.query.revision)
        return .ok(.init(headers: .init(eTag: "\"\(article.summary.contentHash)\""), body: .json(.init(article))))
    }

    func searchProject(_ input: Operations.SearchProject.Input) async throws -> Operations.SearchProject.Output {
        let q = input.query
        let page = try await search.search(
            project: input.path.project, user: try RequestIdentity.current(), query: q.q, status: q.status?.rawValue, rating: q.rating,
            reviewer: q.reviewer, tag: q.tag, since: q.since, until: q.until, cursor: q.cursor, limit: q.limit)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: page.items.map(Components.Schemas.SearchHit.init), nextCursor: page.nextCursor))))
    }

    func listWebhooks(_ input: Operations.ListWebhooks.Input) async throws -> Operations.ListWebhooks.Output {
        let hooks = try await webhooks.list(project: input.path.project, user: try RequestIdentity.current())
        return .ok(.init(body: .json(.init(items: hooks.map(Components.Schemas.Webhook.init)))))
    }

    func createWebhook(_ input: Operations.CreateWebhook.Input) async throws -> Operations.CreateWebhook.Output {
        guard case .json(let body) = input.body else { throw VerityError.validation(code: .requestInvalid, "Expected JSON.") }
        let (hook, secret) = try await webhooks.register(
            project: input.path.project, user: try RequestIdentity.current(), url: body.url, events: body.events ?? [])
        return .created(.init(body: .json(.init(value1: .init(hook), value2: .init(secret: secret)))))
    }

    func deleteWebhook(_ input: Operations.DeleteWebhook.Input) async throws -> Operations.DeleteWebhook.Output {
        try await webhooks.delete(project: input.path.project, user: try RequestIdentity.current(), id: input.path.webhookId)
        return .noContent(.init())
    }

    func listWebhookDeliveries(_ input: Operations.ListWebhookDeliveries.Input) async throws -> Operations.ListWebhookDeliveries.Output {
        let page = try await webhooks.deliveries(
            project: input.path.project, user: try RequestIdentity.current(), id: input.path.webhookId, cursor: input.query.cursor,
            limit: input.query.limit)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: page.items.map {
                            .init(
                                id: $0.id, eventId: $0.eventId, messageId: $0.messageId, status: .init(rawValue: $0.status) ?? .pending,
                                attempts: $0.attempts, lastStatus: $0.lastStatus, lastError: $0.lastError, createdAt: $0.createdAt,
                                nextAttemptAt: $0.nextAttemptAt, deliveredAt: $0.deliveredAt)
                        }, nextCursor: page.nextCursor))))
    }

    func listArticleRevisions(_ input: Operations.ListArticleRevisions.Input) async throws -> Operations.ListArticleRevisions.Output {
        let revisions = try await articles.revisions(id: input.path.id, user: try RequestIdentity.current())
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: revisions.map {
                            .init(
                                revision: $0.revision, contentHash: $0.contentHash, title: $0.title, codePoints: $0.codePoints,
                                createdAt: $0.createdAt,
                                replacedAt: $0.replacedAt)
                        }))))
    }
}

extension Components.Schemas.DatabaseNode {
    init(_ node: DatabaseNode) {
        self.init(
            node: node.endpoint, role: node.role == .primary ? .primary : .standby, candidates: node.candidates.isEmpty ? nil : node.candidates,
            moves: node.moves)
    }
}

/// Database pool state on /metrics, read at each scrape: which server each pool of this process is on
/// (`verity_database_pool_node{pool,node,role}` is 1 for the current one, 0 for one it left), how often it
/// moved (failovers followed), its connections in use and waiters, and where replica-eligible reads went.
final class PoolMetrics: Sendable {
    static let shared = PoolMetrics()

    private struct Shown {
        var nodes: [String: (node: String, role: String)] = [:]
        var replicaReads = 0
        var primaryReads = 0
    }

    private let shown = Mutex(Shown())

    func refresh(_ registry: PrometheusCollectorRegistry, from system: SystemService) async {
        let pools = await system.pools()
        let help = "1 for the server a database pool of this process uses now (pool: primary or read)."
        for (pool, node) in [("primary", pools.primary), ("read", pools.replica)] {
            let previous = shown.withLock { $0.nodes[pool] }
            if let node {
                let current = (node: node.endpoint, role: node.role.rawValue)
                if let previous, previous != current {
                    registry.makeGauge(
                        name: "verity_database_pool_node", labels: [("pool", pool), ("node", previous.node), ("role", previous.role)], help: help
                    )
                    .set(Int64(0))
                }
                registry.makeGauge(
                    name: "verity_database_pool_node", labels: [("pool", pool), ("node", current.node), ("role", current.role)], help: help
                )
                .set(Int64(1))
                registry.makeGauge(name: "verity_database_pool_moves", labels: [("pool", pool)], help: "Times the pool moved to another server.")
                    .set(Int64(node.moves))
                registry.makeGauge(name: "verity_database_pool_leased", labels: [("pool", pool)], help: "Units of work holding a connection.")
                    .set(Int64(node.leased))
                registry.makeGauge(name: "verity_database_pool_waiting", labels: [("pool", pool)], help: "Units of work waiting for a connection.")
                    .set(Int64(node.waiting))
                registry.makeGauge(
                    name: "verity_database_pool_max_connections", labels: [("pool", pool)], help: "The most connections the pool opens."
                )
                .set(Int64(node.maximumConnections))
                shown.withLock { $0.nodes[pool] = current }
            } else if let previous {
                // Not answering now: no server is in use.
                registry.makeGauge(
                    name: "verity_database_pool_node", labels: [("pool", pool), ("node", previous.node), ("role", previous.role)], help: help
                )
                .set(Int64(0))
            }
        }
        let (replicaDelta, primaryDelta) = shown.withLock { shown -> (Int, Int) in
            defer {
                shown.replicaReads = pools.replicaReads
                shown.primaryReads = pools.primaryReads
            }
            return (pools.replicaReads - shown.replicaReads, pools.primaryReads - shown.primaryReads)
        }
        let readsHelp = "Reads that a read replica may serve, by the server that served them."
        registry.makeCounter(name: "verity_database_replica_eligible_reads_total", labels: [("served_by", "replica")], help: readsHelp)
            .increment(by: Int64(max(0, replicaDelta)))
        registry.makeCounter(name: "verity_database_replica_eligible_reads_total", labels: [("served_by", "primary")], help: readsHelp)
            .increment(by: Int64(max(0, primaryDelta)))
    }
}
