import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import Metrics
import NIOCore
import OpenAPIHummingbird
import OpenAPIRuntime
import Prometheus
import VerityCore
import VerityData
import VerityServices

/// The process-wide metrics registry. swift-metrics allows one bootstrap per process, so this is the one
/// global: every application built in the process (tests build many) reports into it.
package let verityMetricsRegistry: PrometheusCollectorRegistry = {
    let registry = PrometheusCollectorRegistry()
    MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    return registry
}()

/// The composition root: builds the services and the HTTP application around a database. Tests call
/// exactly this. The caller runs the database pool (as a service of the application, or around it).
package func buildApplication(
    configuration: ServerConfiguration, database: Database, bcryptCost: UInt8 = 12, logger: Logger,
    onServerRunning: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in }
) throws -> some ApplicationProtocol {
    let registry = verityMetricsRegistry
    let accounts = AccountService(
        database: database, bcryptCost: bcryptCost, loginLimits: configuration.loginLimits,
        passwordLane: configuration.passwordLane ?? .forPasswords())
    let projects = ProjectService(database: database)
    let articles = ArticleService(database: database, projects: projects)
    let webhooks = WebhookService(
        database: database, projects: projects, allowPrivateNetworks: configuration.webhooksAllowPrivate,
        resolver: configuration.webhookResolver ?? WebhookService.systemResolver)
    let feed = EventFeedService(database: database)
    let matching = MatchingService(database: database, projects: projects)

    let router = Router(context: VerityRequestContext.self)
    // Outermost first: security headers go on every response, problem responses included.
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: EntityTagMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ClientAddressMiddleware(trustedProxies: configuration.trustedProxies))
    router.add(middleware: LogRequestsMiddleware(.debug))
    // Who is calling, and whether they may see what the path names, before the body is read.
    router.add(middleware: AccessGateMiddleware(accounts: accounts))
    router.add(
        middleware: BodyLimitMiddleware(
            maxBytes: configuration.maxBodyBytes, maxImportBytes: configuration.maxImportBytes, readTimeout: configuration.bodyReadTimeout))
    let handler = APIHandler(
        system: SystemService(database: database), accounts: accounts, articles: articles,
        claims: ClaimService(database: database, projects: projects), verdicts: VerdictService(database: database),
        resolutions: ResolutionService(database: database), queue: QueueService(database: database, projects: projects),
        agreement: AgreementService(database: database, projects: projects), auditTrail: AuditService(database: database, projects: projects),
        projects: projects,
        metrics: registry, configuration: configuration, search: SearchService(database: database, projects: projects), webhooks: webhooks,
        matching: matching, quality: QualityService(database: database, projects: projects))
    try handler.registerHandlers(
        on: router, configuration: ResponseEncoding.configuration,
        middlewares: [AuthenticationMiddleware(), IfMatchMiddleware(), ArticleListMiddleware(articles: articles)])
    ExportRoute(
        projects: projects, exports: ExportService(database: database, projects: projects),
        limiter: StreamLimiter(
            kind: "exports", limit: configuration.maxExports ?? max(1, database.maximumConnections / 4),
            perUserLimit: configuration.maxExportsPerUser),
        writeTimeout: configuration.streamWriteTimeout
    ).register(on: router)
    let hub = EventHub(feed: feed, accounts: accounts, accessCheckInterval: configuration.streamAccessCheckInterval, logger: logger)
    EventsRoute(
        projects: projects, feed: feed, hub: hub,
        limiter: StreamLimiter(
            kind: "event streams", limit: configuration.maxEventStreams, perUserLimit: configuration.maxEventStreamsPerUser),
        writeTimeout: configuration.streamWriteTimeout
    ).register(on: router)
    // Router middleware wraps every request, matched or not; this one needs the finished route table.
    router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes.map { ("\($0.path)", $0.method) }))

    let headerTimeout = TimeAmount.nanoseconds(
        Int64(configuration.headerReadTimeout.components.seconds) * 1_000_000_000
            + configuration.headerReadTimeout.components.attoseconds / 1_000_000_000)
    let idleTimeout = TimeAmount.nanoseconds(
        Int64(configuration.idleTimeout.components.seconds) * 1_000_000_000
            + configuration.idleTimeout.components.attoseconds / 1_000_000_000)
    let connections = ConnectionLimit(maximum: configuration.maxHTTPConnections)
    return Application(
        router: router,
        server: HTTPServerBuilder { responder in
            GuardedHTTP1Channel(
                base: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: idleTimeout)), headerTimeout: headerTimeout,
                connections: connections)
        },
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: configuration.serverName),
        services: [database] + (configuration.runsLiveEvents ? [hub] : [])
            + (configuration.deliversWebhooks ? [WebhookDispatcher(webhooks: webhooks, configuration: configuration, logger: logger)] : []),
        onServerRunning: { channel in
            // The claim matcher's lexicon is compiled once per process; claims made before matching existed get
            // their index tokens. Neither holds up serving.
            Task { await matching.prepare() }
            await onServerRunning(configuration.host, channel.localAddress?.port ?? configuration.port)
        },
        logger: logger
    )
}

/// How the generated handlers write responses. OpenAPIRuntime's defaults cost the hot reads dearly: JSON
/// pretty-printed (an article's span arrays one number per line, several times the bytes), and every date
/// formatted by one shared ISO8601DateFormatter behind one lock (ICU formatting, all event loops taking
/// turns). Compact JSON with sorted keys, and dates written directly in the same form
/// (`2026-11-29T10:00:00Z`, to the second, UTC, exactly as before); dates in requests are still parsed by
/// OpenAPIRuntime.
enum ResponseEncoding {
    static let configuration = Configuration(dateTranscoder: DirectDateTranscoder(), jsonEncodingOptions: [.sortedKeys])

    /// A date as every response writes it (whole seconds, UTC).
    static func dateString(_ date: Date) -> String {
        // Foundation's formatter rounds to the millisecond (counted from 2001) before it drops the
        // fraction. Where that rounding is a near tie its floating-point details decide, so it is
        // asked (about 1 date in 500); a test holds the rest to its output.
        let milliseconds = date.timeIntervalSinceReferenceDate * 1000
        guard abs(milliseconds - milliseconds.rounded(.down) - 0.5) >= 0.001 else {
            // The formatter's transcoder is declared throwing but never throws.
            return (try? ISO8601DateTranscoder.iso8601.encode(date)) ?? Timestamp.seconds(date)
        }
        return Timestamp.seconds(Date(timeIntervalSinceReferenceDate: ((milliseconds + 0.5).rounded(.down) / 1000).rounded(.down)))
    }

    struct DirectDateTranscoder: DateTranscoder {
        func encode(_ date: Date) throws -> String { dateString(date) }
        func decode(_ string: String) throws -> Date { try ISO8601DateTranscoder.iso8601.decode(string) }
    }
}
