import Foundation
import Logging
import NIOCore
import PostgresNIO
import VerityCore

/// An article draft with the id it will be stored under.
package struct NewArticle: Sendable {
    package var id: UUID
    package var draft: ArticleDraft
    /// When it was stored, for a restore; nil means now.
    package var createdAt: Date?

    /// Pairs a draft with a fresh id.
    package init(id: UUID = UUID(), draft: ArticleDraft, createdAt: Date? = nil) {
        self.id = id
        self.draft = draft
        self.createdAt = createdAt
    }
}

/// Articles, their spans, and import batches.
package struct ArticleStore: Sendable {
    package let logger: Logger

    /// Creates the store.
    package init(logger: Logger) { self.logger = logger }

    // MARK: - Writing

    /// Serialises imports into one project, so "is it already there?" and "insert it" cannot interleave with
    /// another import's. Held until the transaction ends.
    package func lockProjectForImport(_ projectId: UUID, shared: Bool = false, on connection: DatabaseConnection) async throws {
        let lock = shared ? "pg_advisory_xact_lock_shared" : "pg_advisory_xact_lock"
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(projectId.uuidString)
        try await connection.query(PostgresQuery(unsafeSQL: "SELECT \(lock)(\(Self.importLockKey("$1")))", binds: bindings), logger: logger)
    }

    /// The advisory lock key of a project's imports, from SQL text that is the project id as Swift's
    /// `uuidString` spells it (upper case): every statement that takes the lock computes it here.
    static func importLockKey(_ projectIdText: String) -> String { "hashtextextended(\(projectIdText), 7302)" }

    /// What `existing` finds: articles by external id and by text hash, and each one's hash.
    package typealias Existing = (byExternalId: [String: UUID], byHash: [String: UUID], hashById: [UUID: String])

    /// Which of the given external ids and content hashes the project already holds, with the ids of those articles.
    /// Sent unnamed on purpose: a file import asks with thousands of values, a single record with one, and a
    /// prepared statement's generic plan (chosen after a few single records) made the next bulk request into
    /// that project 40 % slower (about 2,700 → 1,600 records/s).
    package func existing(projectId: UUID, externalIds: [String], contentHashes: [String], on connection: DatabaseConnection) async throws
        -> Existing
    {
        var byExternalId: [String: UUID] = [:]
        var byHash: [String: UUID] = [:]
        var hashById: [UUID: String] = [:]
        let rows = try await connection.query(
            """
            SELECT id, external_id, content_hash FROM articles
            WHERE project_id = \(projectId) AND (external_id = ANY(\(externalIds)) OR content_hash = ANY(\(contentHashes)))
            """, logger: logger)
        for try await (id, externalId, hash) in rows.decode((UUID, String?, String).self) {
            if let externalId { byExternalId[externalId] = id }
            byHash[hash] = id
            hashById[id] = hash
        }
        return (byExternalId, byHash, hashById)
    }

    /// Creates an import batch and returns its id.
    package func createBatch(projectId: UUID, source: String, actorId: UUID?, on connection: DatabaseConnection) async throws -> UUID {
        let rows = try await connection.query(
            "INSERT INTO import_batches (project_id, source, actor_id) VALUES (\(projectId), \(source), \(actorId)) RETURNING id", logger: logger)
        for try await id in rows.decode(UUID.self) { return id }
        throw VerityError(.internalError, code: .importBatchFailed, "The import batch was not created.")
    }

    /// Records a batch's outcome.
    package func finishBatch(_ id: UUID, imported: Int, duplicates: Int, failed: Int, errors: [FieldError], on connection: DatabaseConnection)
        async throws
    {
        let errorsJSON = String(decoding: try JSONEncoder().encode(errors), as: UTF8.self)
        try await connection.query(
            """
            UPDATE import_batches SET status = 'completed', imported = \(imported), duplicates = \(duplicates), failed = \(failed),
                errors = \(errorsJSON)::jsonb, finished_at = now()
            WHERE id = \(id)
            """, logger: logger)
    }

    /// One import's record in `import_batches`, written finished (single-record imports written together:
    /// each keeps its own).
    package struct FinishedBatch: Sendable {
        package var id: UUID
        package var actorId: UUID?
        package var imported: Int
        package var duplicates: Int

        /// Creates the record.
        package init(id: UUID, actorId: UUID?, imported: Int, duplicates: Int) {
            self.id = id
            self.actorId = actorId
            self.imported = imported
            self.duplicates = duplicates
        }
    }

    /// Writes one turn of single-record imports in one statement: each record's finished import batch, the
    /// new articles with their spans, and the audit entries, in the caller's transaction. A turn holds a
    /// few records; COPY would cost two round trips per table, this costs one for all four.
    package func insertTurn(
        batches: [FinishedBatch], source: String, articles rows: [(article: NewArticle, batchId: UUID?)], audit: [AuditStore.Entry],
        projectId: UUID, on connection: DatabaseConnection
    ) async throws {
        guard !batches.isEmpty || !rows.isEmpty || !audit.isEmpty else { return }
        _ = try await connection.first(ImportTurn(projectId: projectId, source: source, batches: batches, rows: rows, audit: audit), logger: logger)
    }

    /// The statement of `insertTurn`: parallel arrays per table, unnested; nullable cells travel as text
    /// and are cast as COPY's text format would read them, so both ways store the same values.
    struct ImportTurn: PostgresPreparedStatement {
        static let sql = """
            WITH batch AS (
                INSERT INTO import_batches (project_id, id, source, actor_id, status, imported, duplicates, finished_at)
                SELECT $1, b.id, $2, b.actor::uuid, 'completed', b.imported, b.duplicates, now()
                FROM unnest($3::uuid[], $4::text[], $5::integer[], $6::integer[]) AS b(id, actor, imported, duplicates)
            ), article AS (
                INSERT INTO articles (project_id, id, external_id, content_hash, title, section, standfirst, author, author_affiliation,
                    publisher, url, published_at, language, text, code_points, utf16_length, import_batch_id, created_at)
                SELECT $1, a.id, a.external_id, a.content_hash, a.title, a.section, a.standfirst, a.author, a.author_affiliation,
                    a.publisher, a.url, a.published_at::timestamptz, a.language, a.text, a.code_points, a.utf16_length, a.batch::uuid,
                    a.created_at::timestamptz
                FROM unnest($7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                    $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::integer[], $21::integer[], $22::text[], $23::text[])
                    AS a(id, external_id, content_hash, title, section, standfirst, author, author_affiliation, publisher, url,
                        published_at, language, text, code_points, utf16_length, batch, created_at)
            ), span AS (
                INSERT INTO spans (project_id, article_id, ordinal, block, paragraph, start_cp, end_cp, start_utf16, end_utf16)
                SELECT $1, s.article_id, s.ordinal, s.block, s.paragraph::integer, s.start_cp, s.end_cp, s.start_utf16, s.end_utf16
                FROM unnest($24::uuid[], $25::integer[], $26::text[], $27::text[], $28::integer[], $29::integer[], $30::integer[],
                    $31::integer[]) AS s(article_id, ordinal, block, paragraph, start_cp, end_cp, start_utf16, end_utf16)
            ), audit AS (
                INSERT INTO audit_events (project_id, actor_id, action, object_type, object_id, before, after)
                SELECT e.project_id::uuid, e.actor_id::uuid, e.action, e.object_type, e.object_id, e.before::jsonb, e.after::jsonb
                FROM unnest($32::text[], $33::text[], $34::text[], $35::text[], $36::text[], $37::text[], $38::text[])
                    WITH ORDINALITY AS e(project_id, actor_id, action, object_type, object_id, before, after, ord)
                ORDER BY e.ord
                RETURNING 1
            )
            SELECT count(*) FROM audit
            """
        /// The audit entries written.
        typealias Row = Int
        var projectId: UUID
        var source: String
        var batches: [FinishedBatch]
        var rows: [(article: NewArticle, batchId: UUID?)]
        var audit: [AuditStore.Entry]

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 38)
            bindings.append(projectId)
            bindings.append(source)
            bindings.append(batches.map(\.id))
            bindings.append(NullableTexts(batches.map { $0.actorId?.uuidString }))
            bindings.append(batches.map { Int32($0.imported) })
            bindings.append(batches.map { Int32($0.duplicates) })

            let now = CopyText.timestamp(Date())
            let drafts = rows.map(\.article.draft)
            let metadata = drafts.map(\.metadata)
            bindings.append(rows.map(\.article.id))
            bindings.append(NullableTexts(metadata.map(\.externalId)))
            bindings.append(drafts.map(\.contentHash))
            bindings.append(NullableTexts(metadata.map(\.title)))
            bindings.append(NullableTexts(metadata.map(\.section)))
            bindings.append(NullableTexts(metadata.map(\.standfirst)))
            bindings.append(NullableTexts(metadata.map(\.author)))
            bindings.append(NullableTexts(metadata.map(\.authorAffiliation)))
            bindings.append(NullableTexts(metadata.map(\.publisher)))
            bindings.append(NullableTexts(metadata.map(\.url)))
            bindings.append(NullableTexts(metadata.map { $0.publishedAt.map(CopyText.timestamp) }))
            bindings.append(NullableTexts(metadata.map(\.language)))
            bindings.append(drafts.map(\.text))
            bindings.append(drafts.map { Int32($0.text.unicodeScalars.count) })
            bindings.append(drafts.map { Int32($0.text.utf16.count) })
            bindings.append(NullableTexts(rows.map { $0.batchId?.uuidString }))
            bindings.append(rows.map { $0.article.createdAt.map(CopyText.timestamp) ?? now })

            let spans = rows.flatMap { row in row.article.draft.spans.map { (article: row.article.id, span: $0) } }
            bindings.append(spans.map(\.article))
            bindings.append(spans.map { Int32($0.span.ordinal) })
            bindings.append(spans.map(\.span.block.name))
            bindings.append(NullableTexts(spans.map { $0.span.block.paragraphIndex.map(String.init) }))
            bindings.append(spans.map { Int32($0.span.range.start) })
            bindings.append(spans.map { Int32($0.span.range.end) })
            bindings.append(spans.map { Int32($0.span.range.utf16Start) })
            bindings.append(spans.map { Int32($0.span.range.utf16End) })

            bindings.append(NullableTexts(audit.map { $0.projectId?.uuidString }))
            bindings.append(NullableTexts(audit.map { $0.actorId?.uuidString }))
            bindings.append(audit.map(\.action))
            bindings.append(audit.map(\.objectType))
            bindings.append(audit.map(\.objectId))
            bindings.append(NullableTexts(audit.map(\.before)))
            bindings.append(NullableTexts(audit.map(\.after)))
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Int.self) }
    }

    /// Writes articles and their spans with COPY: two round trips for any number of rows.
    package func insert(_ articles: [NewArticle], projectId: UUID, batchId: UUID?, on connection: DatabaseConnection) async throws {
        try await insert(articles.map { ($0, batchId) }, projectId: projectId, on: connection)
    }

    /// Writes articles, each with the import batch it came in, and their spans with COPY.
    package func insert(_ rows: [(article: NewArticle, batchId: UUID?)], projectId: UUID, on connection: DatabaseConnection) async throws {
        guard !rows.isEmpty else { return }
        let articles = rows.map(\.article)
        let project = projectId.uuidString
        let now = CopyText.timestamp(Date())
        try await connection.copyRows(
            into: "articles",
            columns: [
                "project_id", "id", "external_id", "content_hash", "title", "section", "standfirst", "author", "author_affiliation",
                "publisher", "url", "published_at", "language", "text", "code_points", "utf16_length", "import_batch_id", "created_at",
            ],
            rows, logger: logger
        ) { row in
            let (article, batch) = (row.article, row.batchId?.uuidString)
            let draft = article.draft
            let m = draft.metadata
            return [
                project, article.id.uuidString, m.externalId, draft.contentHash, m.title, m.section, m.standfirst, m.author,
                m.authorAffiliation, m.publisher, m.url, m.publishedAt.map(CopyText.timestamp), m.language, draft.text,
                String(draft.text.unicodeScalars.count), String(draft.text.utf16.count), batch, article.createdAt.map(CopyText.timestamp) ?? now,
            ]
        }
        try await insertSpans(articles, projectId: projectId, on: connection)
    }

    /// Writes the spans of articles with COPY.
    package func insertSpans(_ articles: [NewArticle], projectId: UUID, on connection: DatabaseConnection) async throws {
        let project = projectId.uuidString
        let spans: [(article: String, span: SpanDraft)] = articles.flatMap { article in
            let id = article.id.uuidString
            return article.draft.spans.map { (id, $0) }
        }
        try await connection.copyRows(
            into: "spans",
            columns: ["project_id", "article_id", "ordinal", "block", "paragraph", "start_cp", "end_cp", "start_utf16", "end_utf16"],
            spans, logger: logger
        ) { row -> [String?] in
            let span = row.span
            let range = span.range
            return [
                project, row.article, String(span.ordinal), span.block.name, span.block.paragraphIndex.map(String.init),
                String(range.start), String(range.end), String(range.utf16Start), String(range.utf16End),
            ]
        }
    }

    // MARK: - Reading

    private static let summaryColumns = """
        a.id, a.project_id, a.external_id, a.content_hash, a.title, a.section, a.standfirst, a.author, a.author_affiliation,
        a.publisher, a.url, a.published_at, a.language, a.code_points, a.utf16_length, a.created_at, a.revision,
        (SELECT count(*) FROM spans s WHERE s.article_id = a.id)::integer AS span_count
        """

    /// Reads `summaryColumns` in their order (by position: a list page reads 100 rows, and looking each
    /// cell up by name built a table per row).
    private func summary(_ row: PostgresRow) throws -> ArticleSummary {
        try Self.summaryAndCreation(row).summary
    }

    /// The summary, and its creation time to the microsecond (for keyset cursors).
    private static func summaryAndCreation(_ row: PostgresRow) throws -> (summary: ArticleSummary, createdAt: ExactTimestamp) {
        var reader = RowReader(row)
        return try Self.summaryAndCreation(&reader)
    }

    /// Reads the cells of `summaryColumns`, leaving `r` at the cell after them.
    private static func summaryAndCreation(_ r: inout RowReader) throws -> (summary: ArticleSummary, createdAt: ExactTimestamp) {
        let id: UUID = try r.next()
        let projectId: UUID = try r.next()
        let externalId: String? = try r.next()
        let contentHash: String = try r.next()
        let title: String? = try r.next()
        let section: String? = try r.next()
        let standfirst: String? = try r.next()
        let author: String? = try r.next()
        let authorAffiliation: String? = try r.next()
        let publisher: String? = try r.next()
        let url: String? = try r.next()
        let publishedAt: Date? = try r.next()
        let language: String? = try r.next()
        let codePoints: Int = try r.next()
        let utf16Length: Int = try r.next()
        let createdAt: ExactTimestamp = try r.next()
        let revision: Int = try r.next()
        let spanCount: Int = try r.next()
        let metadata = ArticleMetadata(
            externalId: externalId, url: url, title: title, section: section, standfirst: standfirst, author: author,
            authorAffiliation: authorAffiliation, publisher: publisher, publishedAt: publishedAt, language: language)
        let summary = ArticleSummary(
            id: id, projectId: projectId, metadata: metadata, contentHash: contentHash, codePoints: codePoints, utf16Length: utf16Length,
            spanCount: spanCount, createdAt: createdAt.date, revision: revision)
        return (summary, createdAt)
    }

    /// A page of a project's articles, newest first, after a cursor.
    package func list(projectId: UUID, after cursor: Cursor?, limit: Int, on connection: DatabaseConnection) async throws -> Page<ArticleSummary> {
        let rows: [(summary: ArticleSummary, createdAt: ExactTimestamp)]
        if let cursor {
            rows = try await connection.all(
                ArticleSummariesAfter(projectId: projectId, createdAt: cursor.exactCreatedAt, id: cursor.id, count: limit + 1), logger: logger)
        } else {
            rows = try await connection.all(ArticleSummariesFirst(projectId: projectId, count: limit + 1), logger: logger)
        }
        return Page.keyset(rows.map { ($0.summary, $0.createdAt, $0.summary.id) }, limit: limit)
    }

    /// The first `count` summaries of a project's list, newest first: the statement of a list page without
    /// a cursor. Two statements rather than one with an optional cursor, so each keeps a plan that starts
    /// the index scan where the page starts.
    struct ArticleSummariesFirst: PostgresPreparedStatement {
        static let sql = """
            SELECT \(summaryColumns) FROM articles a WHERE a.project_id = $1
            ORDER BY a.created_at DESC, a.id DESC LIMIT $2
            """
        typealias Row = (summary: ArticleSummary, createdAt: ExactTimestamp)
        var projectId: UUID
        var count: Int

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(projectId)
            bindings.append(count)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try ArticleStore.summaryAndCreation(row) }
    }

    /// The next `count` summaries after a cursor's (created_at, id), newest first.
    struct ArticleSummariesAfter: PostgresPreparedStatement {
        static let sql = """
            SELECT \(summaryColumns) FROM articles a
            WHERE a.project_id = $1 AND (a.created_at, a.id) < ($2, $3)
            ORDER BY a.created_at DESC, a.id DESC LIMIT $4
            """
        typealias Row = (summary: ArticleSummary, createdAt: ExactTimestamp)
        var projectId: UUID
        var createdAt: ExactTimestamp
        var id: UUID
        var count: Int

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 4)
            bindings.append(projectId)
            try bindings.append(createdAt)
            bindings.append(id)
            bindings.append(count)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try ArticleStore.summaryAndCreation(row) }
    }

    /// An article's summary by id, whatever its project (the caller checks access to `projectId`).
    package func summary(id: UUID, on connection: DatabaseConnection) async throws -> ArticleSummary? {
        let rows = try await connection.query("SELECT \(unescaped: Self.summaryColumns) FROM articles a WHERE a.id = \(id)", logger: logger)
        for try await row in rows { return try summary(row) }
        return nil
    }

    /// An article with its text and spans.
    package func article(id: UUID, on connection: DatabaseConnection) async throws -> Article? {
        try await article(id: id, reader: nil, on: connection)?.article
    }

    /// An article with its text and spans, and the role `reader` holds in its project, in one round trip.
    package func article(id: UUID, reader: UUID?, on connection: DatabaseConnection) async throws -> (article: Article, readerRole: Role?)? {
        try await connection.first(ArticlesWithSpans(reader: reader, ids: [id]), logger: logger)
    }

    /// Articles with their text and spans, by id (those that exist; in no particular order).
    package func articles(ids: [UUID], on connection: DatabaseConnection) async throws -> [UUID: Article] {
        var found: [UUID: Article] = [:]
        for (article, _) in try await connection.all(ArticlesWithSpans(reader: nil, ids: ids), logger: logger) {
            found[article.summary.id] = article
        }
        return found
    }

    /// Articles with text and spans, and the role a reader holds in each one's project: the statement of
    /// GET article. The spans come back as parallel arrays, which PostgresNIO decodes from binary without JSON.
    struct ArticlesWithSpans: PostgresPreparedStatement {
        static let sql = """
            SELECT \(summaryColumns), a.text, m.role,
                s.ids, s.ordinals, s.blocks, s.paragraphs, s.starts, s.ends, s.utf16_starts, s.utf16_ends
            FROM articles a
            LEFT JOIN memberships m ON m.project_id = a.project_id AND m.user_id = $1
            CROSS JOIN LATERAL (
                SELECT coalesce(array_agg(id ORDER BY ordinal), '{}') AS ids, coalesce(array_agg(ordinal ORDER BY ordinal), '{}') AS ordinals,
                    coalesce(array_agg(block ORDER BY ordinal), '{}') AS blocks,
                    coalesce(array_agg(coalesce(paragraph, -1) ORDER BY ordinal), '{}') AS paragraphs,
                    coalesce(array_agg(start_cp ORDER BY ordinal), '{}') AS starts, coalesce(array_agg(end_cp ORDER BY ordinal), '{}') AS ends,
                    coalesce(array_agg(start_utf16 ORDER BY ordinal), '{}') AS utf16_starts,
                    coalesce(array_agg(end_utf16 ORDER BY ordinal), '{}') AS utf16_ends
                FROM spans WHERE project_id = a.project_id AND article_id = a.id
            ) s
            WHERE a.id = ANY($2)
            """
        typealias Row = (article: Article, readerRole: Role?)
        var reader: UUID?
        var ids: [UUID]

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(reader)
            bindings.append(ids)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {
            var r = RowReader(row)
            let (summary, _) = try ArticleStore.summaryAndCreation(&r)
            let text: String = try r.next()
            let role = try r.next(String?.self).flatMap(Role.init(rawValue:))
            let ids: [Int64] = try r.next()
            let ordinals: [Int] = try r.next()
            let blocks: [String] = try r.next()
            let paragraphs: [Int] = try r.next()
            let starts: [Int] = try r.next()
            let ends: [Int] = try r.next()
            let utf16Starts: [Int] = try r.next()
            let utf16Ends: [Int] = try r.next()
            let texts = TextIndex.scalarSlices(of: text, Array(zip(starts, ends)))
            var spans: [Span] = []
            spans.reserveCapacity(ids.count)
            for i in ids.indices {
                guard let kind = BlockKind(name: blocks[i], paragraphIndex: paragraphs[i] < 0 ? nil : paragraphs[i]) else { continue }
                spans.append(
                    Span(
                        id: ids[i], ordinal: ordinals[i], block: kind,
                        range: TextRange(start: starts[i], end: ends[i], utf16Start: utf16Starts[i], utf16End: utf16Ends[i]), text: texts[i]))
            }
            return (Article(summary: summary, text: text, spans: spans), role)
        }
    }
}

/// PostgreSQL COPY text format: tab-separated columns, `\N` for NULL, backslash escapes for the
/// characters that would otherwise end a field or a row.
package enum CopyText {
    /// Appends one row.
    package static func row(_ buffer: inout ByteBuffer, _ values: [String?]) {
        for (i, value) in values.enumerated() {
            if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            if var value {
                value.withUTF8 { field(&buffer, $0) }
            } else {
                buffer.writeStaticString("\\N")
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    /// Appends one field, copying runs of ordinary bytes in one write and escaping the four bytes that
    /// COPY's text format reserves.
    private static func field(_ buffer: inout ByteBuffer, _ bytes: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for (index, byte) in bytes.enumerated() {
            let escaped: StaticString
            switch byte {
            case UInt8(ascii: "\\"): escaped = "\\\\"
            case UInt8(ascii: "\n"): escaped = "\\n"
            case UInt8(ascii: "\r"): escaped = "\\r"
            case UInt8(ascii: "\t"): escaped = "\\t"
            default: continue
            }
            if index > runStart { buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            buffer.writeStaticString(escaped)
            runStart = index + 1
        }
        if bytes.count > runStart { buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])) }
    }

    /// A timestamp PostgreSQL reads unambiguously: ISO 8601 in UTC with microseconds.
    package static func timestamp(_ date: Date) -> String { Timestamp.microseconds(date, separator: " ", zone: "+00") }

    /// An array literal (`{"a","b"}`) of text elements, each quoted, for a COPY field.
    package static func array(_ elements: [String]) -> String {
        "{"
            + elements.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(
                separator: ",") + "}"
    }
}
