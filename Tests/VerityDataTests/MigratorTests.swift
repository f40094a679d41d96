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
