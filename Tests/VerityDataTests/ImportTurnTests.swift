import Foundation
import Testing
import VerityCore
import VerityTestSupport

@testable import VerityData

/// A turn of single-record imports (`POST /v1/projects/{p}/articles` records that arrived together) is
/// written with one statement instead of a batch insert, two COPYs and an audit insert. What it stores
/// must be exactly what the COPY path stores for the same article.
@Suite("Single-import turns written in one statement")
struct ImportTurnTests {
    /// Every stored column of the project's articles (ids and project aside), in external-id order.
    private static let articleColumns = """
        SELECT external_id, content_hash, title, section, standfirst, author, author_affiliation, publisher, url,
            published_at::text, language, text, code_points, utf16_length, created_at::text, revision, search::text
        FROM articles WHERE project_id = $1::uuid ORDER BY external_id
        """
    private static let spanColumns = """
        SELECT a.external_id, s.ordinal, s.block, s.paragraph, s.start_cp, s.end_cp, s.start_utf16, s.end_utf16
        FROM spans s JOIN articles a ON a.id = s.article_id WHERE s.project_id = $1::uuid ORDER BY a.external_id, s.ordinal
        """

    /// Two articles: one with every metadata field (an empty string among them, which must not become NULL),
    /// one with none but its external id; text with characters outside the BMP, so code points and UTF-16 differ.
    private static func articles() throws -> [NewArticle] {
        var full = try ArticleRecord(
            externalId: "a-full", url: "https://example.org/news/1", title: "A headline — with “quotes”",
            standfirst: "What the story says, in short.", author: "R. Writer", publisher: "Example Daily",
            publishedAt: "2026-03-01T09:30:00Z", language: "en",
            body: "The first paragraph has two sentences. It mentions 🌍 once.\n\nA second paragraph, tab\there, and a backslash \\ too."
        ).draft()
        full.metadata.authorAffiliation = "Desk\tof\nrecord"
        full.metadata.section = ""  // records drop empty fields; a restore or a later path may not
        let bare = try ArticleRecord(externalId: "b-bare", body: "Only a body. Nothing else at all.").draft()
        let createdAt = Date(timeIntervalSince1970: 1_780_000_000.654321)
        return [NewArticle(draft: full, createdAt: createdAt), NewArticle(draft: bare, createdAt: createdAt)]
    }

    @Test("batches, articles, spans and audit entries in one statement, stored exactly as COPY stores them, NULL apart from ''")
    func oneStatementSameRows() async throws {
        try await withTestDatabase { context in
            let user = try await context.makeUser("editor")
            let viaCopy = try await context.makeProject("copy")
            let viaTurn = try await context.makeProject("turn")
            let store = ArticleStore(logger: context.database.logger)
            let drafts = try Self.articles()

            try await context.database.transaction { connection in
                let copies = drafts.map { NewArticle(draft: $0.draft, createdAt: $0.createdAt) }
                try await store.insert(copies, projectId: viaCopy.id, batchId: nil, on: connection)
            }
            let batches = drafts.indices.map { ArticleStore.FinishedBatch(id: UUID(), actorId: $0 == 0 ? user.id : nil, imported: 1, duplicates: 0) }
            let entries = try batches.map { batch in
                try AuditStore.Entry(
                    projectId: batch.actorId == nil ? nil : viaTurn.id, actorId: batch.actorId, action: "import.completed",
                    objectType: "import_batch", objectId: batch.id.lowercasedString, before: String?.none, after: ["imported": 1])
            }
            let used = try await context.database.transaction { connection in
                let before = context.database.statements.total
                try await store.insertTurn(
                    batches: batches, source: "http", articles: zip(drafts, batches).map { ($0, $1.id) }, audit: entries,
                    projectId: viaTurn.id, on: connection)
                return context.database.statements.total - before
            }
            #expect(used == 1, "a turn took \(used) statements")

            // The same cells either way, NULLs where the COPY path has NULLs and '' where it has ''.
            let copied = try await context.sql(Self.articleColumns, [viaCopy.id.uuidString])
            let turned = try await context.sql(Self.articleColumns, [viaTurn.id.uuidString])
            #expect(copied.count == 2)
            #expect(turned == copied)
            #expect(turned.first?[3] == "" && turned.last?[2] == nil)
            #expect(try await context.sql(Self.spanColumns, [viaTurn.id.uuidString]) == context.sql(Self.spanColumns, [viaCopy.id.uuidString]))
            #expect(turned.count == 2 && turned[0][12] != turned[0][13])  // 🌍: code points and UTF-16 units differ

            // Each article points at its own finished batch; the audit entries keep their order and their NULLs.
            let stored = try await context.sql(
                """
                SELECT a.external_id, b.status, b.imported, b.duplicates, b.actor_id::text, b.finished_at IS NOT NULL
                FROM articles a JOIN import_batches b ON b.id = a.import_batch_id AND b.project_id = a.project_id
                WHERE a.project_id = $1::uuid ORDER BY a.external_id
                """, [viaTurn.id.uuidString])
            #expect(stored == [["a-full", "completed", "1", "0", user.id.lowercasedString, "t"], ["b-bare", "completed", "1", "0", nil, "t"]])
            let audit = try await context.sql(
                """
                SELECT project_id::text, actor_id::text, object_id, before IS NULL, after->>'imported' FROM audit_events
                WHERE action = 'import.completed' ORDER BY id
                """)
            #expect(
                audit == [
                    [viaTurn.id.lowercasedString, user.id.lowercasedString, batches[0].id.lowercasedString, "t", "1"],
                    [nil, nil, batches[1].id.lowercasedString, "t", "1"],
                ])
        }
    }

    @Test("a turn's first statement authorises its senders and holds the very lock a file import of that project waits for")
    func authorisationTakesTheImportLock() async throws {
        try await withTestDatabase { context in
            let editor = try await context.makeUser("editor")
            let outsider = try await context.makeUser("outsider")
            let desk = try await context.makeProject("desk")
            let other = try await context.makeProject("other")
            try await context.addMember("desk", "editor", .editor)
            let store = ProjectStore(logger: context.database.logger)
            // What a file import's exclusive lock (`lockProjectForImport`) would get, asked from another session.
            let fileImportWouldGet = { @Sendable (project: Project) in
                try await context.sql("SELECT pg_try_advisory_xact_lock(hashtextextended($1, 7302))", [project.id.uuidString])
            }
            #expect(try await fileImportWouldGet(desk) == [["t"]])
            let (used, whileHeld, otherProject) = try await context.database.transaction { connection in
                let before = context.database.statements.total
                let found = try await store.findLockingImports("desk", userIds: [editor.id, outsider.id], on: connection)
                let used = context.database.statements.total - before
                #expect(found?.0.id == desk.id)
                #expect(found?.1 == [editor.id: .editor])
                return (used, try await fileImportWouldGet(desk), try await fileImportWouldGet(other))
            }
            #expect(used == 1)
            #expect(whileHeld == [["f"]], "a file import could take the lock while a turn held it")
            #expect(otherProject == [["t"]], "the turn locked more than its own project")
            #expect(try await fileImportWouldGet(desk) == [["t"]])
        }
    }

    @Test("an empty turn writes nothing and sends nothing")
    func emptyTurn() async throws {
        try await withTestDatabase { context in
            let project = try await context.makeProject("desk")
            let store = ArticleStore(logger: context.database.logger)
            let used = try await context.database.transaction { connection in
                let before = context.database.statements.total
                try await store.insertTurn(batches: [], source: "http", articles: [], audit: [], projectId: project.id, on: connection)
                return context.database.statements.total - before
            }
            #expect(used == 0)
        }
    }
}
