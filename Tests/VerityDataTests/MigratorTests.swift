import Foundation
import Testing
import VerityCore
import VerityData
import VerityTestSupport

@Suite("Migrations")
struct MigratorTests {
    @Test("the embedded migrations are the Migrations folder, in order, with stable checksums")
    func embedded() {
        let migrations = Migration.embedded
        #expect(!migrations.isEmpty)
        #expect(migrations.map(\.name) == migrations.map(\.name).sorted())
        #expect(
            migrations.allSatisfy {
                $0.name.range(of: #"^\d{4}_[a-z0-9_]+\.sql$"#, options: .regularExpression) != nil
            })
        #expect(migrations.allSatisfy { $0.checksum.count == 64 })
    }

    @Test("a fresh database takes every migration once; a second run applies nothing")
    func appliesOnce() async throws {
        let name = "verity_migrate_\(UInt32.random(in: 0...UInt32.max))"
        let settings = try await onBlockingThread {
            let server = try TestDatabase.serverSettings()
            try LibPQConnection(server.conninfo).execute("CREATE DATABASE \(name)")
            return server.with(database: name)
        }
        let (pending, first, second, rows) = try await onBlockingThread {
            let migrator = Migrator()
            return (
                try migrator.pending(settings: settings).count,
                try migrator.migrate(settings: settings).count,
                try migrator.migrate(settings: settings).count,
                try LibPQConnection(settings.conninfo).execute(
                    "SELECT name, checksum FROM verity_schema_migrations ORDER BY name")
            )
        }
        await TestDatabase.drop(settings)
        #expect(pending == Migration.embedded.count)
        #expect(first == Migration.embedded.count)
        #expect(second == 0)
        #expect(rows.map { $0[0] ?? "" } == Migration.embedded.map(\.name))
        #expect(rows.map { $0[1] ?? "" } == Migration.embedded.map(\.checksum))
    }

    @Test("an applied migration whose file changed is refused")
    func editedMigrationRefused() async throws {
        var migrations = Migration.embedded
        migrations[0] = Migration(name: migrations[0].name, sql: migrations[0].sql + "\n-- edited\n")
        let edited = migrations
        let error = try await TestDatabase.withFresh { settings in
            try await onBlockingThread { () -> VerityError? in
                do { try Migrator(migrations: edited).migrate(settings: settings) } catch let error
                    as VerityError
                { return error }
                return nil
            }
        }
        #expect(error?.code.rawValue == "migration.checksum_mismatch")
        #expect(error?.message.contains(edited[0].name) == true)
    }

    @Test("a failing migration is rolled back whole and names itself")
    func failingMigrationRollsBack() async throws {
        let broken =
            Migration.embedded + [
                Migration(
                    name: "9999_break_things.sql",
                    sql: "CREATE TABLE half_done (id int);\nSELECT no_such_function();")
            ]
        let (error, tables, pending) = try await TestDatabase.withFresh { settings in
            try await onBlockingThread { () -> (VerityError?, [[String?]], [String]) in
                var failure: VerityError?
                do { try Migrator(migrations: broken).migrate(settings: settings) } catch let error
                    as VerityError
                { failure = error }
                let tables = try LibPQConnection(settings.conninfo).execute(
                    "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'")
                return (
                    failure, tables, try Migrator(migrations: broken).pending(settings: settings).map(\.name)
                )
            }
        }
        #expect(error?.code.rawValue == "migration.failed")
        #expect(error?.message.contains("9999_break_things.sql") == true)
        #expect(tables.first?.first == "0")
        #expect(pending == ["9999_break_things.sql"])
    }

    @Test("a database migrated by a newer binary is refused by an older one")
    func unknownMigrationRefused() async throws {
        let error = try await TestDatabase.withFresh { settings in
            try await onBlockingThread { () -> VerityError? in
                try LibPQConnection(settings.conninfo).execute(
                    "INSERT INTO verity_schema_migrations (name, checksum) VALUES ('9000_future.sql', 'x')")
                do { _ = try Migrator().pending(settings: settings) } catch let error as VerityError {
                    return error
                }
                return nil
            }
        }
        #expect(error?.code.rawValue == "migration.unknown")
    }

    @Test("the search configuration is inlined by PostgreSQL and maps every language code as 0004's did")
    func searchConfigurationInlined() async throws {
        // 0004's function under another name: the mapping the stored search vectors were built with.
        let original = try #require(Migration.embedded.first { $0.name.hasPrefix("0004_") }).sql
        let start = try #require(original.range(of: "CREATE FUNCTION verity_search_config"))
        let end = try #require(original.range(of: "$$;", range: start.upperBound..<original.endIndex))
        let previous = original[start.lowerBound..<end.upperBound].replacingOccurrences(of: "verity_search_config", with: "search_config_0004")
        let codes = [
            "ar", "da", "de", "el", "en", "es", "fi", "fr", "hu", "id", "it", "lt", "ne", "nl", "no", "nb", "pt", "ro", "ru", "sv", "ta", "tr",
        ]
        let inputs: [String?] =
            codes + codes.map { $0.uppercased() } + codes.map { "\($0)-XY" } + [
                nil, "", "-", "en_GB", "EN-us", "zh", "ja", "xx-en", " en", "english", "pt-BR-x-private",
            ]
        let (plan, previousPlan, rows) = try await TestDatabase.withFresh { settings in
            try await onBlockingThread {
                let connection = try LibPQConnection(settings.conninfo)
                try connection.execute(previous)
                let explain = "EXPLAIN (VERBOSE, COSTS OFF) SELECT %@(language) FROM articles"
                return (
                    try connection.execute(explain.replacingOccurrences(of: "%@", with: "verity_search_config")),
                    try connection.execute(explain.replacingOccurrences(of: "%@", with: "search_config_0004")),
                    try connection.execute(
                        "SELECT c, verity_search_config(c)::text, search_config_0004(c)::text FROM unnest($1::text[]) WITH ORDINALITY AS t(c, n) ORDER BY n",
                        [Self.textArray(inputs)])
                )
            }
        }
        // Inlined: the plan shows the CASE expression, not a call of the SQL function (0004's was a call).
        let planText = plan.map { $0[0] ?? "" }.joined(separator: "\n")
        #expect(!planText.contains("verity_search_config"), "\(planText)")
        #expect(planText.contains("CASE"))
        #expect(previousPlan.map { $0[0] ?? "" }.joined().contains("search_config_0004"))
        #expect(rows.count == inputs.count)
        for row in rows {
            #expect(row[1] == row[2], "language \(row[0] ?? "NULL"): \(row[1] ?? "nil") against 0004's \(row[2] ?? "nil")")
        }
        #expect(rows.contains { $0[0] == "EN-us" && $0[1] == "english" })
        #expect(rows.contains { $0[0] == nil && $0[1] == "simple" })
    }

    /// A PostgreSQL text[] literal (NULL for nil).
    private static func textArray(_ values: [String?]) -> String {
        let elements = values.map { value in
            value.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" } ?? "NULL"
        }
        return "{" + elements.joined(separator: ",") + "}"
    }

    @Test("audit-critical rules live in the schema: spans cannot cross projects")
    func spansCannotCrossProjects() async throws {
        try await withTestDatabase { context in
            let a = try await context.makeProject("alpha")
            let b = try await context.makeProject("beta")
            let article = try await context.makeArticle("alpha")
            await #expect(throws: LibPQConnection.StatementError.self) {
                try await context.sql(
                    "INSERT INTO spans (project_id, article_id, ordinal, block, start_cp, end_cp, start_utf16, end_utf16) VALUES ($1, $2, 99, 'headline', 0, 1, 0, 1)",
                    [b.id.uuidString, article.uuidString])
            }
            _ = a
        }
    }
}
