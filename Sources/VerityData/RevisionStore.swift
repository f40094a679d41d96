import Foundation
import Logging
import PostgresNIO
import VerityCore

/// One earlier (or the current) text of an article.
package struct ArticleRevision: Sendable, Equatable {
    package var revision: Int
    package var contentHash: String
    package var title: String?
    package var codePoints: Int
    /// When this text became current, and when a newer one replaced it (nil: it is current).
    package var createdAt: Date
    package var replacedAt: Date?
}

/// Revisions of articles' texts: the current one lives in `articles` and `spans`; earlier ones, whole,
/// in `article_revisions`.
package struct RevisionStore: Sendable {
    package let logger: Logger

    /// Creates the store.
    package init(logger: Logger) { self.logger = logger }

    /// Makes `draft` the article's current text: the current text and its spans are archived as a
    /// revision, the article row takes the new text and metadata, and its spans are replaced. Locks the
    /// article. Returns the archived text and the new revision number.
    package func revise(articleId: UUID, projectId: UUID, with draft: ArticleDraft, articles: ArticleStore, on connection: DatabaseConnection)
        async throws -> (previousText: String, previousRevision: Int, revision: Int)
    {
        var previous: (String, Int)?
        let archived = try await connection.query(
            """
            WITH locked AS (SELECT * FROM articles WHERE id = \(articleId) AND project_id = \(projectId) FOR UPDATE),
            -- Another import may have just made this very text current (single records do not take turns).
            stale AS (SELECT * FROM locked WHERE content_hash <> \(draft.contentHash))
            INSERT INTO article_revisions (project_id, article_id, revision, content_hash, title, text, code_points, utf16_length, spans, created_at)
            SELECT a.project_id, a.id, a.revision, a.content_hash, a.title, a.text, a.code_points, a.utf16_length,
                coalesce((SELECT jsonb_agg(jsonb_build_object('id', s.id, 'ordinal', s.ordinal, 'block', s.block, 'paragraph', s.paragraph,
                    'start', s.start_cp, 'end', s.end_cp, 'utf16Start', s.start_utf16, 'utf16End', s.end_utf16) ORDER BY s.ordinal)
                    FROM spans s WHERE s.article_id = a.id), '[]'),
                coalesce(a.revised_at, a.created_at)
            FROM stale a
            RETURNING text, revision
            """, logger: logger)
        for try await (text, revision) in archived.decode((String, Int).self) { previous = (text, revision) }
        guard let (previousText, previousRevision) = previous else {
            // Gone, or already this text: either way the caller's view is out of date; importing again decides.
            throw VerityError(.conflict, code: .articleExists, "The article changed while it was being revised.")
        }
        let m = draft.metadata
        try await connection.query(
            """
            UPDATE articles SET content_hash = \(draft.contentHash), title = \(m.title), section = \(m.section), standfirst = \(m.standfirst),
                author = \(m.author), author_affiliation = \(m.authorAffiliation), publisher = \(m.publisher), url = \(m.url),
                published_at = \(m.publishedAt), language = \(m.language), text = \(draft.text),
                code_points = \(draft.text.unicodeScalars.count), utf16_length = \(draft.text.utf16.count),
                revision = revision + 1, revised_at = now()
            WHERE id = \(articleId)
            """, logger: logger)
        try await connection.query("DELETE FROM spans WHERE project_id = \(projectId) AND article_id = \(articleId)", logger: logger)
        try await articles.insertSpans([NewArticle(id: articleId, draft: draft)], projectId: projectId, on: connection)
        return (previousText, previousRevision, previousRevision + 1)
    }

    /// Every revision of an article, oldest first, the current one last.
    package func revisions(articleId: UUID, on connection: DatabaseConnection) async throws -> [ArticleRevision] {
        var result: [ArticleRevision] = []
        let rows = try await connection.query(
            """
            SELECT revision, content_hash, title, code_points, created_at, replaced_at FROM article_revisions WHERE article_id = \(articleId)
            UNION ALL
            SELECT revision, content_hash, title, code_points, coalesce(revised_at, created_at), NULL FROM articles WHERE id = \(articleId)
            ORDER BY revision
            """, logger: logger)
        for try await (revision, hash, title, codePoints, createdAt, replacedAt) in rows.decode((Int, String, String?, Int, Date, Date?).self) {
            result.append(
                ArticleRevision(
                    revision: revision, contentHash: hash, title: title, codePoints: codePoints, createdAt: createdAt, replacedAt: replacedAt))
        }
        return result
    }

    /// An earlier revision as an article: its text and spans, with `current`'s metadata for what a
    /// revision does not keep.
    package func article(_ current: ArticleSummary, revision: Int, on connection: DatabaseConnection) async throws -> Article? {
        struct StoredSpan: Decodable {
            var id: Int64?
            var ordinal: Int
            var block: String
            var paragraph: Int?
            var start: Int
            var end: Int
            var utf16Start: Int
            var utf16End: Int
        }
        let rows = try await connection.query(
            """
            SELECT text, content_hash, title, code_points, utf16_length, spans::text FROM article_revisions
            WHERE article_id = \(current.id) AND revision = \(revision)
            """, logger: logger)
        for try await (text, hash, title, codePoints, utf16Length, spansJSON) in rows.decode((String, String, String?, Int, Int, String).self) {
            let stored = try JSONDecoder().decode([StoredSpan].self, from: Data(spansJSON.utf8))
            let texts = TextIndex.scalarSlices(of: text, stored.map { ($0.start, $0.end) })
            let spans = zip(stored, texts).compactMap { span, slice -> Span? in
                guard let block = BlockKind(name: span.block, paragraphIndex: span.paragraph) else { return nil }
                return Span(
                    id: span.id ?? 0, ordinal: span.ordinal, block: block,
                    range: TextRange(start: span.start, end: span.end, utf16Start: span.utf16Start, utf16End: span.utf16End), text: slice)
            }
            var summary = current
            summary.contentHash = hash
            summary.metadata.title = title
            summary.codePoints = codePoints
            summary.utf16Length = utf16Length
            summary.spanCount = spans.count
            summary.revision = revision
            return Article(summary: summary, text: text, spans: spans)
        }
        return nil
    }
}
