import Foundation
import Logging
import VerityCore
import VerityData
import VerityServices

/// Fresh databases for tests: each test gets its own, cloned from one migrated template per test
/// process (`CREATE DATABASE … TEMPLATE`), so tests run in parallel and never see each other's rows.
/// The server comes from `VERITY_TEST_DATABASE_URL` (set by Scripts/test.sh); without it, tests fail.
package enum TestDatabase {
    /// The server to create test databases on.
    package static func serverSettings() throws -> ConnectionSettings {
        guard let url = ProcessInfo.processInfo.environment["VERITY_TEST_DATABASE_URL"], !url.isEmpty else {
            throw TestHarnessError(
                "VERITY_TEST_DATABASE_URL is not set: run the tests with Scripts/test.sh, which starts a throwaway PostgreSQL.")
        }
        return try ConnectionSettings.resolve(url)
    }

    /// The migrated template, made once per process.
    private static let template = Task<ConnectionSettings, any Error> {
        try await onBlockingThread {
            let server = try serverSettings()
            let name = "verity_template_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
            let admin = try LibPQConnection(server.conninfo)
            try admin.execute("CREATE DATABASE \(name)")
            let settings = server.with(database: name)
            try Migrator().migrate(settings: settings)
            return settings
        }
    }

    /// Creates a fresh, migrated database and returns its settings.
    package static func create() async throws -> ConnectionSettings {
        let template = try await template.value
        let name = "verity_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20))"
        try await onBlockingThread {
            let admin = try LibPQConnection(template.with(database: "postgres").conninfo)
            try admin.execute("CREATE DATABASE \(name) TEMPLATE \(template.database)")
        }
        return template.with(database: name)
    }

    /// Drops a test database, closing any connection still open to it.
    package static func drop(_ settings: ConnectionSettings) async {
        _ = try? await onBlockingThread {
            let admin = try LibPQConnection(settings.with(database: "postgres").conninfo)
            try admin.execute("DROP DATABASE IF EXISTS \(settings.database) WITH (FORCE)")
        }
    }

    /// Runs `body` with a fresh database's settings (no pool), dropping the database afterwards.
    package static func withFresh<Result: Sendable>(_ body: (ConnectionSettings) async throws -> Result) async throws -> Result {
        let settings = try await create()
        do {
            let result = try await body(settings)
            await drop(settings)
            return result
        } catch {
            await drop(settings)
            throw error
        }
    }
}

/// A running pool on a fresh database, with the services tests build on.
package struct TestContext: Sendable {
    package let database: Database
    package let settings: ConnectionSettings
    package let accounts: AccountService
    package let projects: ProjectService
    package let articles: ArticleService
    package let claims: ClaimService
    package let verdicts: VerdictService
    package let resolutions: ResolutionService

    /// How long a unit of work in a test may wait for a pooled connection. The product's limit is 2 s and is
    /// tested where it is meant, on the real binary (FaultInjectionTests) and in DatabaseTests. In-process
    /// tests share the test process's two cooperative threads with every CPU-bound suite, so on a loaded
    /// machine a wait of two seconds there measures the scheduler, not PostgreSQL.
    package static let acquireTimeout: Duration = .seconds(30)

    /// bcrypt's lowest cost: tests create many users and are not measuring password hashing.
    package static let bcryptCost: UInt8 = 4

    init(database: Database, settings: ConnectionSettings) {
        self.database = database
        self.settings = settings
        self.accounts = AccountService(database: database, bcryptCost: Self.bcryptCost)
        self.projects = ProjectService(database: database)
        self.articles = ArticleService(database: database, projects: projects)
        self.claims = ClaimService(database: database, projects: projects)
        self.verdicts = VerdictService(database: database)
        self.resolutions = ResolutionService(database: database)
    }

    /// Creates a user with password `password-<username>`.
    @discardableResult
    package func makeUser(_ username: String, admin: Bool = false) async throws -> User {
        try await accounts.createUser(username: username, password: "password-\(username)", isAdmin: admin)
    }

    /// Creates a user and returns a token for them.
    package func makeUserWithToken(_ username: String, admin: Bool = false) async throws -> (User, String) {
        let user = try await makeUser(username, admin: admin)
        return (user, try await accounts.createToken(username: username, name: "test", expiresAt: nil))
    }

    /// Creates a project.
    @discardableResult
    package func makeProject(_ slug: String, k: Int = 2, blind: Bool = true) async throws -> Project {
        try await projects.create(slug: slug, name: nil, reviewersPerClaim: k, blindReview: blind)
    }

    /// Grants a role.
    package func addMember(_ project: String, _ username: String, _ role: Role) async throws {
        try await projects.addMember(project: project, username: username, role: role)
    }

    /// Runs SQL directly (for checks the services don't offer), off the concurrency threads.
    @discardableResult
    package func sql(_ statement: String, _ parameters: [String?] = []) async throws -> [[String?]] {
        try await Self.sql(settings, statement, parameters)
    }

    /// Runs SQL directly against a test database.
    @discardableResult
    package static func sql(_ settings: ConnectionSettings, _ statement: String, _ parameters: [String?] = []) async throws -> [[String?]] {
        let conninfo = settings.conninfo
        return try await onBlockingThread { try LibPQConnection(conninfo).execute(statement, parameters) }
    }

    /// Imports one article record into a project as the system.
    @discardableResult
    package func makeArticle(_ project: String, body: String = "A first sentence. A second one.", title: String? = nil, externalId: String? = nil)
        async throws -> UUID
    {
        let draft = try ArticleRecord(externalId: externalId, title: title, body: body).draft()
        let report = try await articles.importRecords(
            [ImportRecord(line: 1, result: .success(draft))], source: "test", project: project, actor: .system)
        guard let id = report.articleIds.first ?? report.duplicateIds.first else { throw VerityError.notFound(.article) }
        return id
    }
}

/// Runs `body` with a fresh migrated database and a running pool; the database is dropped afterwards.
package func withTestDatabase<Result: Sendable>(_ body: (TestContext) async throws -> Result) async throws -> Result {
    try await TestDatabase.withFresh { settings in
        var logger = Logger(label: "verity.test")
        logger.logLevel = .warning
        let database = Database(
            settings: settings, maximumConnections: 8, acquireTimeout: TestContext.acquireTimeout, logger: logger)
        return try await database.withRunning {
            try await body(TestContext(database: database, settings: settings))
        }
    }
}

/// A transaction held open across awaits, on a connection of its own (libpq, off the cooperative
/// threads): how a test stages a race with a transaction that has not committed yet.
package final class HeldTransaction: @unchecked Sendable {
    private let connection: LibPQConnection
    private let lock = NSLock()

    /// Connects and begins.
    package init(_ settings: ConnectionSettings) async throws {
        connection = try LibPQConnection(settings.conninfo)
        _ = try await execute("BEGIN")
    }

    /// Runs a statement inside the transaction.
    @discardableResult
    package func execute(_ sql: String, _ parameters: [String?] = []) async throws -> [[String?]] {
        try await onBlockingThread { [self] in try lock.withLock { try connection.execute(sql, parameters) } }
    }

    /// Commits.
    package func commit() async throws { try await execute("COMMIT") }
}
