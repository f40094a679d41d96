import Foundation
import Logging
import PostgresNIO
import VerityCore

/// Who is searching, as the blind-review rule needs it for rationales (see `VerdictVisibility`).
package struct SearchReader: Sendable {
    package var userId: UUID
    /// Editors, owners and admins: every rationale.
    package var seesAllVerdicts: Bool
    /// Viewers: rationales of resolved claims only.
    package var isViewer: Bool
    package var blindReview: Bool

    /// Creates a reader.
    package init(userId: UUID, seesAllVerdicts: Bool, isViewer: Bool, blindReview: Bool) {
        self.userId = userId
        self.seesAllVerdicts = seesAllVerdicts
        self.isViewer = isViewer
        self.blindReview = blindReview
    }
}

/// Full-text search with PostgreSQL (`websearch_to_tsquery`): articles in their language's
/// configuration, claim quotes and rationales in `simple`; ranked with `ts_rank_cd`, highlighted with
/// `ts_headline` over HTML-escaped text, paged by keyset on (rank, kind, id).
package struct SearchStore: Sendable {
    package let logger: Logger

    /// Creates the store.
    package init(logger: Logger) { self.logger = logger }

    /// A page of hits, best first.
    package func search(
        projectId: UUID, query: String, filters: SearchFilters, reader: SearchReader, after cursor: SearchCursor?, limit: Int,
        on connection: DatabaseConnection
    ) async throws -> [SearchHit] {
        let includeArticles = !filters.claimsOnly
        let status = filters.status?.rawValue
        let cursorRank = cursor?.rank
        let cursorKind = cursor?.kind
        let cursorId = cursor?.id
        let rows = try await connection.query(
            """
            WITH q AS (SELECT websearch_to_tsquery('simple', \(query)) AS simple),
            -- The verdicts the reader may see: the blind-review rule of VerdictVisibility, in SQL.
            visible AS (
                SELECT v.claim_id, v.reviewer_id, v.rating, v.rationale FROM verdicts v JOIN claims c ON c.id = v.claim_id
                WHERE v.project_id = \(projectId)
                  AND (\(reader.seesAllVerdicts) OR c.status IN ('verified', 'published')
                       OR (NOT \(reader.isViewer) AND (NOT \(reader.blindReview) OR v.reviewer_id = \(reader.userId)
                           OR EXISTS (SELECT 1 FROM verdicts own WHERE own.claim_id = c.id AND own.reviewer_id = \(reader.userId)))))
            ),
            hits AS (
                SELECT 'article'::text AS kind, a.id AS id, a.id AS article_id, NULL::uuid AS claim_id, NULL::text AS status,
                    ts_rank_cd(a.search, websearch_to_tsquery(verity_search_config(a.language), \(query)))::float8 AS rank
                FROM articles a
                WHERE \(includeArticles) AND a.project_id = \(projectId)
                  AND a.search @@ websearch_to_tsquery(verity_search_config(a.language), \(query))
                  AND (\(filters.since)::timestamptz IS NULL OR a.created_at >= \(filters.since))
                  AND (\(filters.until)::timestamptz IS NULL OR a.created_at < \(filters.until))
                UNION ALL
                SELECT 'claim', c.id, c.article_id, c.id, c.status,
                    (ts_rank_cd(to_tsvector('simple', c.exact), q.simple)
                     + coalesce((SELECT max(ts_rank_cd(to_tsvector('simple', coalesce(v.rationale, '')), q.simple)) FROM visible v
                                 WHERE v.claim_id = c.id AND to_tsvector('simple', coalesce(v.rationale, '')) @@ q.simple), 0)
                     + coalesce((SELECT ts_rank_cd(to_tsvector('simple', coalesce(r.rationale, '')), q.simple) FROM resolutions r
                                 WHERE r.claim_id = c.id AND to_tsvector('simple', coalesce(r.rationale, '')) @@ q.simple), 0))::float8
                FROM claims c, q
                WHERE c.project_id = \(projectId)
                  AND (\(status)::text IS NULL OR c.status = \(status))
                  AND (\(filters.tag)::text IS NULL OR \(filters.tag) = ANY(c.tags))
                  AND (\(filters.since)::timestamptz IS NULL OR c.created_at >= \(filters.since))
                  AND (\(filters.until)::timestamptz IS NULL OR c.created_at < \(filters.until))
                  AND (\(filters.rating)::text IS NULL
                       OR EXISTS (SELECT 1 FROM resolutions r WHERE r.claim_id = c.id AND r.rating = \(filters.rating))
                       OR EXISTS (SELECT 1 FROM visible v WHERE v.claim_id = c.id AND v.rating = \(filters.rating)))
                  AND (\(filters.reviewer)::text IS NULL
                       OR EXISTS (SELECT 1 FROM visible v JOIN users u ON u.id = v.reviewer_id
                                  WHERE v.claim_id = c.id AND lower(u.username) = lower(\(filters.reviewer))))
                  AND (to_tsvector('simple', c.exact) @@ q.simple
                       OR EXISTS (SELECT 1 FROM visible v WHERE v.claim_id = c.id AND to_tsvector('simple', coalesce(v.rationale, '')) @@ q.simple)
                       OR EXISTS (SELECT 1 FROM resolutions r WHERE r.claim_id = c.id AND to_tsvector('simple', coalesce(r.rationale, '')) @@ q.simple))
            ),
            page AS (
                SELECT * FROM hits
                WHERE \(cursorRank)::float8 IS NULL OR (rank, kind, id) < (\(cursorRank), \(cursorKind), \(cursorId))
                ORDER BY rank DESC, kind DESC, id DESC
                LIMIT \(limit + 1)
            )
            SELECT p.kind, p.article_id, p.claim_id, p.status, p.rank, a.title,
                CASE p.kind
                WHEN 'article' THEN ts_headline(verity_search_config(a.language),
                    replace(replace(replace(a.text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                    websearch_to_tsquery(verity_search_config(a.language), \(query)),
                    'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "')
                ELSE ts_headline('simple', replace(replace(replace(c.exact, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                    websearch_to_tsquery('simple', \(query)), 'StartSel=<mark>, StopSel=</mark>, HighlightAll=true')
                END AS snippet
            FROM page p JOIN articles a ON a.id = p.article_id LEFT JOIN claims c ON c.id = p.claim_id
            ORDER BY p.rank DESC, p.kind DESC, p.id DESC
            """, logger: logger)
        var hits: [SearchHit] = []
        for try await (kind, articleId, claimId, status, rank, title, snippet) in rows.decode(
            (String, UUID, UUID?, String?, Double, String?, String).self)
        {
            hits.append(
                SearchHit(
                    kind: SearchHit.Kind(rawValue: kind) ?? .article, articleId: articleId, claimId: claimId, title: title, snippet: snippet,
                    rank: rank, status: status.flatMap(ClaimStatus.init(rawValue:))))
        }
        return hits
    }
}
