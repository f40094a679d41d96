import Foundation
import Logging
import PostgresNIO
import VerityCore

/// A claim's index tokens for retrieval, in the three weight groups of `NormalizedClaim.indexSections`
/// (A entities, numbers, years; B populations, measures, subjects; D other words): stored as one tsvector.
package struct MatchSections: Sendable, Equatable {
    package var a: String
    package var b: String
    package var d: String

    /// Creates sections.
    package init(a: String, b: String, d: String) {
        self.a = a
        self.b = b
        self.d = d
    }
}

/// One candidate PostgreSQL found for a query: a reference fact-check of the project, or a claim of a project
/// the caller may read, with what the blind-review rule needs to decide whether its rating may be shown.
package struct MatchCandidate: Sendable {
    package enum Kind: String, Sendable { case reference, claim }
    package var kind: Kind
    package var id: UUID
    package var text: String
    package var language: String?
    /// References: the review's URL and rating.
    package var url: String?
    package var reference: ReferenceFactCheck?
    /// Claims: their project, status, the caller's role there, whether the caller has a verdict on it, and
    /// the resolution's rating if there is one.
    package var projectId: UUID?
    package var status: ClaimStatus?
    package var blindReview: Bool
    package var role: Role?
    package var hasOwnVerdict: Bool
    package var resolvedRating: String?
}

/// Reviewer figures read from the database for `GET /projects/{p}/reviewers`.
package struct ReviewerFigures: Sendable {
    package var userId: UUID
    package var username: String
    package var verdicts: Int
    package var goldAnswered: Int
    package var goldCorrect: Int
    package var withResolution: Int
    package var agreeingWithResolution: Int
    package var medianSecondsToVerdict: Double?
}

/// Reference fact-checks, claim-matching retrieval, control (gold) claims and reviewer figures. The SQL of
/// "has this been checked before?": PostgreSQL finds candidates by index tokens; VerityCore reranks them.
package struct MatchingStore: Sendable {
    let logger: Logger

    /// Creates a store.
    package init(logger: Logger) { self.logger = logger }

    static let vector = """
        setweight(to_tsvector('simple', x.a), 'A') || setweight(to_tsvector('simple', x.b), 'B') || setweight(to_tsvector('simple', x.d), 'D')
        """

    /// Inserts reference fact-checks, or updates the ones whose URL the project already holds. Returns how
    /// many were new and how many updated.
    package func upsertReferences(
        projectId: UUID, _ references: [(ReferenceFactCheck, MatchSections)], on connection: DatabaseConnection
    ) async throws -> (inserted: Int, updated: Int) {
        var inserted = 0
        var updated = 0
        for start in stride(from: 0, to: references.count, by: 1_000) {
            let batch = references[start..<min(references.count, start + 1_000)]
            let appearances = try batch.map { String(decoding: try JSONEncoder().encode($0.0.appearances), as: UTF8.self) }
            // PostgreSQL arrays of optional values are sent as text with '' for none.
            func text(_ value: (ReferenceFactCheck) -> String?) -> [String] { batch.map { value($0.0) ?? "" } }
            func number(_ value: (ReferenceFactCheck) -> Double?) -> [String] { batch.map { value($0.0).map { String($0) } ?? "" } }
            let rows = try await connection.query(
                """
                INSERT INTO reference_fact_checks AS r (project_id, url, claim_reviewed, rating_name, rating_value, best_rating, worst_rating,
                    author, author_url, date_published, claimant, claim_date, appearances, language, match_vector)
                SELECT \(projectId), x.url, x.claim, nullif(x.rating_name, ''), nullif(x.rating_value, '')::float8, nullif(x.best, '')::float8,
                    nullif(x.worst, '')::float8, nullif(x.author, ''), nullif(x.author_url, ''), nullif(x.published, ''),
                    nullif(x.claimant, ''), nullif(x.claim_date, ''), ARRAY(SELECT jsonb_array_elements_text(x.appearances::jsonb)),
                    nullif(x.language, ''), \(unescaped: Self.vector)
                FROM unnest(\(batch.map(\.0.url)), \(batch.map(\.0.claimReviewed)), \(text(\.ratingName)), \(number(\.ratingValue)),
                    \(number(\.bestRating)), \(number(\.worstRating)), \(text(\.author)), \(text(\.authorURL)),
                    \(text(\.datePublished)), \(text(\.claimant)), \(text(\.claimDate)), \(appearances),
                    \(text(\.language)), \(batch.map(\.1.a)), \(batch.map(\.1.b)), \(batch.map(\.1.d)))
                    AS x(url, claim, rating_name, rating_value, best, worst, author, author_url, published, claimant, claim_date, appearances,
                         language, a, b, d)
                ON CONFLICT (project_id, url) DO UPDATE SET claim_reviewed = EXCLUDED.claim_reviewed, rating_name = EXCLUDED.rating_name,
                    rating_value = EXCLUDED.rating_value, best_rating = EXCLUDED.best_rating, worst_rating = EXCLUDED.worst_rating,
                    author = EXCLUDED.author, author_url = EXCLUDED.author_url, date_published = EXCLUDED.date_published,
                    claimant = EXCLUDED.claimant, claim_date = EXCLUDED.claim_date, appearances = EXCLUDED.appearances,
                    language = EXCLUDED.language, match_vector = EXCLUDED.match_vector, updated_at = now()
                RETURNING (xmax = 0)
                """, logger: logger)
            for try await isNew in rows.decode(Bool.self) {
                if isNew { inserted += 1 } else { updated += 1 }
            }
        }
        return (inserted, updated)
    }

    /// How many reference fact-checks a project holds.
    package func referenceCount(projectId: UUID, on connection: DatabaseConnection) async throws -> Int {
        let rows = try await connection.query("SELECT count(*) FROM reference_fact_checks WHERE project_id = \(projectId)", logger: logger)
        for try await count in rows.decode(Int64.self) { return Int(count) }
        return 0
    }

    /// Candidates for a query (`tsquery` is an OR of index tokens, `[a-z0-9]` only): the project's reference
    /// fact-checks and the claims of every project the user may read (all projects for an admin), each side
    /// the `limit` best by `ts_rank`, `excluding` one claim.
    package func candidates(
        tsquery: String, projectId: UUID, userId: UUID, isAdmin: Bool, excluding: UUID?, limit: Int, on connection: DatabaseConnection
    ) async throws -> [MatchCandidate] {
        guard !tsquery.isEmpty else { return [] }
        return try await connection.all(
            Candidates(tsquery: tsquery, projectId: projectId, userId: userId, isAdmin: isAdmin, excluding: excluding, limit: limit),
            logger: logger)
    }

    /// `candidates`' statement, prepared once per connection (it runs up to three times per `/similar`).
    struct Candidates: PostgresPreparedStatement {
        static let sql = """
            WITH q AS (SELECT to_tsquery('simple', $1) AS q)
            (SELECT 'reference', r.id, r.claim_reviewed, r.language, r.url, r.rating_name, r.rating_value, r.best_rating, r.worst_rating,
                    NULL::uuid, NULL::text, false, NULL::text, false, NULL::text
             FROM reference_fact_checks r, q
             WHERE r.project_id = $2 AND r.match_vector @@ q.q
             ORDER BY ts_rank(r.match_vector, q.q) DESC, r.id LIMIT $6)
            UNION ALL
            (WITH top AS (
                -- Rank first, on the claims alone; then fetch what the caller may see of the few that made it.
                SELECT c.id, ts_rank(c.match_vector, q.q) AS rank FROM claims c, q
                WHERE c.match_vector @@ q.q AND c.id IS DISTINCT FROM $5
                  AND ($4 OR c.project_id IN (SELECT project_id FROM memberships WHERE user_id = $3))
                ORDER BY rank DESC, c.id LIMIT $6)
             SELECT 'claim', c.id, c.exact, a.language, NULL, NULL, NULL, NULL, NULL, c.project_id, c.status, p.blind_review, m.role,
                    EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = c.id AND v.reviewer_id = $3), res.rating
             FROM top JOIN claims c ON c.id = top.id JOIN projects p ON p.id = c.project_id JOIN articles a ON a.id = c.article_id
             LEFT JOIN memberships m ON m.project_id = c.project_id AND m.user_id = $3
             LEFT JOIN resolutions res ON res.claim_id = c.id
             ORDER BY top.rank DESC, c.id)
            """
        typealias Row = MatchCandidate
        var tsquery: String
        var projectId: UUID
        var userId: UUID
        var isAdmin: Bool
        var excluding: UUID?
        var limit: Int

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 6)
            bindings.append(tsquery)
            bindings.append(projectId)
            bindings.append(userId)
            bindings.append(isAdmin)
            bindings.append(excluding)
            bindings.append(limit)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> MatchCandidate {
            var r = RowReader(row)
            let kind = MatchCandidate.Kind(rawValue: try r.next(String.self)) ?? .claim
            let id = try r.next(UUID.self)
            let text = try r.next(String.self)
            let language = try r.next(String?.self)
            let url = try r.next(String?.self)
            let ratingName = try r.next(String?.self)
            let ratingValue = try r.next(Double?.self)
            let best = try r.next(Double?.self)
            let worst = try r.next(Double?.self)
            let projectId = try r.next(UUID?.self)
            let status = try r.next(String?.self).flatMap(ClaimStatus.init(rawValue:))
            let blind = try r.next(Bool.self)
            let role = try r.next(String?.self).flatMap(Role.init(rawValue:))
            let own = try r.next(Bool.self)
            let resolved = try r.next(String?.self)
            return MatchCandidate(
                kind: kind, id: id, text: text, language: language, url: url,
                reference: kind == .reference
                    ? ReferenceFactCheck(
                        url: url ?? "", claimReviewed: text, ratingName: ratingName, ratingValue: ratingValue, bestRating: best, worstRating: worst)
                    : nil,
                projectId: projectId, status: status, blindReview: blind, role: role, hasOwnVerdict: own, resolvedRating: resolved)
        }
    }

    /// Claims whose index tokens are not computed yet (made before matching existed), up to `limit`.
    package func claimsWithoutMatchVector(limit: Int, on connection: DatabaseConnection) async throws -> [(id: UUID, text: String, language: String?)]
    {
        let rows = try await connection.query(
            """
            SELECT c.id, c.exact, a.language FROM claims c JOIN articles a ON a.id = c.article_id
            WHERE c.match_vector IS NULL ORDER BY c.id LIMIT \(limit)
            """, logger: logger)
        var result: [(UUID, String, String?)] = []
        for try await (id, text, language) in rows.decode((UUID, String, String?).self) { result.append((id, text, language)) }
        return result
    }

    /// Stores claims' index tokens.
    package func setClaimVectors(_ items: [(id: UUID, sections: MatchSections)], on connection: DatabaseConnection) async throws {
        guard !items.isEmpty else { return }
        try await connection.query(
            """
            UPDATE claims c SET match_vector = \(unescaped: Self.vector)
            FROM unnest(\(items.map(\.id)), \(items.map(\.sections.a)), \(items.map(\.sections.b)), \(items.map(\.sections.d))) AS x(id, a, b, d)
            WHERE c.id = x.id
            """, logger: logger)
    }

    // MARK: - Gold claims

    /// The known answer of a control claim, nil when the claim is an ordinary one.
    package func goldRating(claimId: UUID, on connection: DatabaseConnection) async throws -> String? {
        let rows = try await connection.query("SELECT rating FROM gold_claims WHERE claim_id = \(claimId)", logger: logger)
        for try await rating in rows.decode(String.self) { return rating }
        return nil
    }

    /// Marks a claim as a control claim with a known answer (or changes the answer).
    package func setGold(projectId: UUID, claimId: UUID, rating: String, by userId: UUID?, on connection: DatabaseConnection) async throws {
        try await connection.query(
            """
            INSERT INTO gold_claims (project_id, claim_id, rating, set_by) VALUES (\(projectId), \(claimId), \(rating), \(userId))
            ON CONFLICT (claim_id) DO UPDATE SET rating = EXCLUDED.rating, set_by = EXCLUDED.set_by, set_at = now()
            """, logger: logger)
    }

    /// Makes a control claim an ordinary one again; false when it was not one.
    package func clearGold(claimId: UUID, on connection: DatabaseConnection) async throws -> Bool {
        let rows = try await connection.query("DELETE FROM gold_claims WHERE claim_id = \(claimId) RETURNING claim_id", logger: logger)
        for try await _ in rows.decode(UUID.self) { return true }
        return false
    }

    /// The ids among `claimIds` that are control claims.
    package func goldClaims(among claimIds: [UUID], on connection: DatabaseConnection) async throws -> Set<UUID> {
        guard !claimIds.isEmpty else { return [] }
        let rows = try await connection.query("SELECT claim_id FROM gold_claims WHERE claim_id = ANY(\(claimIds))", logger: logger)
        var result = Set<UUID>()
        for try await id in rows.decode(UUID.self) { result.insert(id) }
        return result
    }

    // MARK: - Reviewer figures

    /// Per reviewer of a project (members with the reviewer role, and anyone with a verdict there): verdicts,
    /// control claims answered and answered right, verdicts on resolved ordinary claims and how many match the
    /// resolution, and the median seconds from first being given a claim to the verdict.
    package func reviewerFigures(projectId: UUID, on connection: DatabaseConnection) async throws -> [ReviewerFigures] {
        let rows = try await connection.query(
            """
            WITH people AS (
                SELECT user_id FROM memberships WHERE project_id = \(projectId) AND role = 'reviewer'
                UNION SELECT reviewer_id FROM verdicts WHERE project_id = \(projectId))
            SELECT u.id, u.username, count(v.id),
                count(g.claim_id), count(g.claim_id) FILTER (WHERE g.rating = v.rating),
                count(res.claim_id) FILTER (WHERE g.claim_id IS NULL),
                count(res.claim_id) FILTER (WHERE g.claim_id IS NULL AND res.rating = v.rating),
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM v.created_at - s.seen_at))
                    FILTER (WHERE s.seen_at IS NOT NULL AND s.seen_at <= v.created_at)
            FROM people JOIN users u ON u.id = people.user_id
            LEFT JOIN verdicts v ON v.reviewer_id = u.id AND v.project_id = \(projectId)
            LEFT JOIN gold_claims g ON g.claim_id = v.claim_id
            LEFT JOIN resolutions res ON res.claim_id = v.claim_id
            LEFT JOIN claim_first_seen s ON s.claim_id = v.claim_id AND s.user_id = u.id
            GROUP BY u.id, u.username
            ORDER BY u.username
            """, logger: logger)
        var result: [ReviewerFigures] = []
        for try await row in rows {
            var r = RowReader(row)
            result.append(
                ReviewerFigures(
                    userId: try r.next(UUID.self), username: try r.next(String.self), verdicts: Int(try r.next(Int64.self)),
                    goldAnswered: Int(try r.next(Int64.self)), goldCorrect: Int(try r.next(Int64.self)), withResolution: Int(try r.next(Int64.self)),
                    agreeingWithResolution: Int(try r.next(Int64.self)), medianSecondsToVerdict: try r.next(Double?.self)))
        }
        return result
    }
}
