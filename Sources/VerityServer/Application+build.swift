import Hummingbird
import Logging
import Metrics
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
    let accounts = AccountService(database: database, bcryptCost: bcryptCost)
    let projects = ProjectService(database: database)
    let articles = ArticleService(database: database, projects: projects)
    let reviews = ReviewService(database: database, projects: projects)

    let router = Router(context: VerityRequestContext.self)
    // Outermost first: security headers go on every response, problem responses included.
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: EntityTagMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ClientAddressMiddleware())
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.add(middleware: BodyLimitMiddleware(maxBytes: configuration.maxBodyBytes))
    let handler = APIHandler(
        database: database, accounts: accounts, articles: articles, reviews: reviews, projects: projects, metrics: registry,
        configuration: configuration, loginThrottle: LoginThrottle(limits: configuration.loginLimits),
        search: SearchService(database: database, projects: projects),
        webhooks: WebhookService(database: database, projects: projects, allowPrivateNetworks: configuration.webhooksAllowPrivate))
    try handler.registerHandlers(on: router, middlewares: [AuthenticationMiddleware(accounts: accounts), IfMatchMiddleware()])
    ExportRoute(accounts: accounts, projects: projects, exports: ExportService(database: database, projects: projects)).register(on: router)
    let hub = EventHub(database: database, logger: logger)
    EventsRoute(accounts: accounts, projects: projects, reviews: reviews, database: database, hub: hub).register(on: router)
    // Router middleware wraps every request, matched or not; this one needs the finished route table.
    router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes.map { ("\($0.path)", $0.method) }))

    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: configuration.serverName),
        services: [database.client] + (configuration.runsLiveEvents ? [hub] : [])
            + (configuration.deliversWebhooks ? [WebhookDispatcher(database: database, configuration: configuration, logger: logger)] : []),
        onServerRunning: { channel in
            await onServerRunning(configuration.host, channel.localAddress?.port ?? configuration.port)
        },
        logger: logger
    )
}
