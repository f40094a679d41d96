import Foundation
import Logging
import PostgresNIO
import VerityCore

/// Claims, verdicts, resolutions and queue leases. Writes that replace an existing row take the version
/// the client saw and succeed only if it is still current (`WHERE version = $n`): two concurrent writers
/// can never both win.
package struct ReviewStore: Sendable {
    package let logger: Logger

    /// Creates the store.
    package init(logger: Logger) { self.logger = logger }

    /// The columns `decodeClaim` reads, in its order, from `claims c`.
    static let claimColumns = """
        c.id, c.project_id, c.article_id, c.start_cp, c.end_cp, c.start_utf16, c.end_utf16, c.exact, c.prefix, c.suffix,
        c.span_ordinals, c.status, c.claimant, c.claim_date::text AS claim_date, c.tags, c.note, c.created_by, c.created_at, c.updated_at, c.version,
        c.anchoring, c.anchor_score, c.revision, c.needs_review
        """

    private func claim(_ row: PostgresRow) throws -> Claim {
        var reader = RowReader(row)
        return try Self.decodeClaim(&reader)
    }

    /// A claim from the next `claimColumns` of a row, read in that order (exports read claims with more
    /// columns after them).
    static func decodeClaim(_ r: inout RowReader) throws -> Claim {
        let id = try r.next(UUID.self)
        let projectId = try r.next(UUID.self)
        let articleId = try r.next(UUID.self)
        let range = TextRange(
            start: try r.next(Int.self), end: try r.next(Int.self), utf16Start: try r.next(Int.self), utf16End: try r.next(Int.self))
        let target = ClaimTargetRecord(
            range: range, exact: try r.next(String.self), prefix: try r.next(String.self), suffix: try r.next(String.self),
            spanOrdinals: try r.next([Int].self))
        let status = ClaimStatus(rawValue: try r.next(String.self)) ?? .open
        let metadata = ClaimMetadata(
            claimant: try r.next(String?.self), claimDate: try r.next(String?.self), tags: try r.next([String].self), note: try r.next(String?.self))
        let createdBy = try r.next(UUID?.self)
        let createdAt = try r.next(Date.self)
        let updatedAt = try r.next(Date.self)
        let version = try r.next(Int.self)
        let anchoring = ClaimAnchoring(
            state: AnchoringState(rawValue: try r.next(String.self)) ?? .anchored, score: try r.next(Double?.self), revision: try r.next(Int.self))
        return Claim(
            id: id, projectId: projectId, articleId: articleId, target: target, status: status, metadata: metadata, createdBy: createdBy,
            createdAt: createdAt, updatedAt: updatedAt, version: version, anchoring: anchoring, needsReview: try r.next(String?.self))
    }

    private func first<T>(_ rows: PostgresRowSequence, _ map: (PostgresRow) throws -> T) async throws -> T? {
        for try await row in rows { return try map(row) }
        return nil
    }

    // MARK: - Claims

    /// Inserts a claim on revision `revision` of its article; nothing (a conflict) if the article has
    /// been revised since its text was read, because the offsets count into that text. The article row is
    /// locked (`FOR SHARE`) until the claim commits: a revision waits for it, then re-anchors it, and a
    /// revision already under way makes this wait and then find the revision changed — a claim can never
    /// commit with offsets into a text that was just replaced.
    package func insertClaim(
        projectId: UUID, articleId: UUID, revision: Int, target: ClaimTarget, metadata: ClaimMetadata, createdBy: UUID,
        match: MatchSections? = nil, on connection: DatabaseConnection
    ) async throws -> Claim {
        let r = target.range
        let rows = try await connection.query(
            """
            INSERT INTO claims AS c (project_id, article_id, start_cp, end_cp, start_utf16, end_utf16, exact, prefix, suffix, span_ordinals,
                claimant, claim_date, tags, note, created_by, revision, match_vector)
            SELECT \(projectId), \(articleId), \(r.start), \(r.end), \(r.utf16Start), \(r.utf16End), \(target.exact), \(target.prefix),
                \(target.suffix), \(target.spanOrdinals), \(metadata.claimant), \(metadata.claimDate)::date, \(metadata.tags), \(metadata.note), \(createdBy),
                \(revision),
                setweight(to_tsvector('simple', \(match?.a)), 'A') || setweight(to_tsvector('simple', \(match?.b)), 'B')
                    || setweight(to_tsvector('simple', \(match?.d)), 'D')
            WHERE EXISTS (SELECT 1 FROM articles WHERE id = \(articleId) AND revision = \(revision) FOR SHARE)
            RETURNING \(unescaped: Self.claimColumns)
            """, logger: logger)
        guard let claim = try await first(rows, claim) else {
            throw VerityError(.conflict, code: .claimArticleRevised, "The article's text was revised while the claim was made; read it again.")
        }
        return claim
    }

    /// The claims on an article, oldest first, locked until the transaction ends.
    package func claimsLocked(articleId: UUID, on connection: DatabaseConnection) async throws -> [Claim] {
        let rows = try await connection.query(
            "SELECT \(unescaped: Self.claimColumns) FROM claims c WHERE c.article_id = \(articleId) ORDER BY c.created_at, c.id FOR UPDATE",
            logger: logger)
        var claims: [Claim] = []
        for try await row in rows { claims.append(try claim(row)) }
        return claims
    }

    /// Moves a claim to its place in a new revision (or marks it orphaned, keeping its offsets), bumping its
    /// version and clearing any review flag. With `articleRevision`, only if the article is still at that
    /// revision, locking it (`FOR SHARE`) as a new claim does: an editor's re-attachment cannot land on a text
    /// that was just replaced.
    package func reanchor(
        id: UUID, version: Int, target: ClaimTargetRecord, anchoring: ClaimAnchoring, articleRevision: Int? = nil, on connection: DatabaseConnection
    ) async throws -> Claim? {
        let r = target.range
        let rows = try await connection.query(
            """
            UPDATE claims AS c SET start_cp = \(r.start), end_cp = \(r.end), start_utf16 = \(r.utf16Start), end_utf16 = \(r.utf16End),
                exact = \(target.exact), prefix = \(target.prefix), suffix = \(target.suffix), span_ordinals = \(target.spanOrdinals),
                anchoring = \(anchoring.state.rawValue), anchor_score = \(anchoring.score), revision = \(anchoring.revision),
                needs_review = NULL, version = c.version + 1, updated_at = now()
            WHERE c.id = \(id) AND c.version = \(version)
              AND (\(articleRevision)::integer IS NULL
                   OR EXISTS (SELECT 1 FROM articles a WHERE a.id = c.article_id AND a.revision = \(articleRevision) FOR SHARE))
            RETURNING \(unescaped: Self.claimColumns)
            """, logger: logger)
        return try await first(rows, claim)
    }

    /// One claim's new place after a revision (or its flag): what `reanchorMany` writes.
    package struct Reanchored: Sendable {
        package var id: UUID
        package var version: Int
        package var target: ClaimTargetRecord
        package var anchoring: ClaimAnchoring
        package var needsReview: String?

        /// Creates an update.
        package init(id: UUID, version: Int, target: ClaimTargetRecord, anchoring: ClaimAnchoring, needsReview: String?) {
            self.id = id
            self.version = version
            self.target = target
            self.anchoring = anchoring
            self.needsReview = needsReview
        }
    }

    /// Moves (or orphans, or flags) many claims at once after a revision, in one statement however many
    /// there are; each only if its version is still the one given. Returns the updated claims.
    package func reanchorMany(_ updates: [Reanchored], on connection: DatabaseConnection) async throws -> [Claim] {
        guard !updates.isEmpty else { return [] }
        let rows = try await connection.query(
            """
            UPDATE claims AS c SET start_cp = u.start_cp, end_cp = u.end_cp, start_utf16 = u.start_utf16, end_utf16 = u.end_utf16,
                exact = u.exact, prefix = u.prefix, suffix = u.suffix, span_ordinals = u.span_ordinals::integer[],
                anchoring = u.anchoring, anchor_score = nullif(u.anchor_score, -1), revision = u.revision, needs_review = nullif(u.needs_review, ''),
                version = c.version + 1, updated_at = now()
            FROM unnest(\(updates.map(\.id))::uuid[], \(updates.map(\.version))::integer[], \(updates.map(\.target.range.start))::integer[],
                \(updates.map(\.target.range.end))::integer[], \(updates.map(\.target.range.utf16Start))::integer[],
                \(updates.map(\.target.range.utf16End))::integer[], \(updates.map(\.target.exact))::text[], \(updates.map(\.target.prefix))::text[],
                \(updates.map(\.target.suffix))::text[],
                \(updates.map { "{" + $0.target.spanOrdinals.map(String.init).joined(separator: ",") + "}" })::text[],
                \(updates.map(\.anchoring.state.rawValue))::text[], \(updates.map { $0.anchoring.score ?? -1 })::float8[],
                \(updates.map(\.anchoring.revision))::integer[], \(updates.map { $0.needsReview ?? "" })::text[])
                AS u(id, version, start_cp, end_cp, start_utf16, end_utf16, exact, prefix, suffix, span_ordinals, anchoring, anchor_score, revision,
                     needs_review)
            WHERE c.id = u.id AND c.version = u.version
            RETURNING \(unescaped: Self.claimColumns)
            """, logger: logger)
        var result: [Claim] = []
        for try await row in rows { result.append(try claim(row)) }
        return result
    }

    /// A claim with its project and the role `userId` holds there, in one statement — everything the
    /// access rule needs, loaded once; with `lock`, the claim's row is locked until the transaction ends.
    package func claimInProject(id: UUID, userId: UUID, lock: Bool, on connection: DatabaseConnection) async throws
        -> (claim: Claim, project: Project, role: Role?)?
    {
        lock
            ? try await connection.first(ClaimInProjectForUpdate(id: id, userId: userId), logger: logger)
            : try await connection.first(ClaimInProject(id: id, userId: userId), logger: logger)
    }

    /// `claimInProject`'s statement.
    struct ClaimInProject: PostgresPreparedStatement {
        static let sql = """
            SELECT \(claimColumns), \(ProjectStore.projectColumns), m.role
            FROM claims c JOIN projects p ON p.id = c.project_id
            LEFT JOIN memberships m ON m.project_id = c.project_id AND m.user_id = $2
            WHERE c.id = $1
            """
        typealias Row = (claim: Claim, project: Project, role: Role?)
        var id: UUID
        var userId: UUID

        func makeBindings() throws -> PostgresBindings { Self.bindings(id, userId) }
        func decodeRow(_ row: PostgresRow) throws -> Row { try Self.decode(row) }

        static func bindings(_ id: UUID, _ userId: UUID) -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(id)
            bindings.append(userId)
            return bindings
        }

        static func decode(_ row: PostgresRow) throws -> Row {
            var reader = RowReader(row)
            let claim = try ReviewStore.decodeClaim(&reader)
            let project = try ProjectStore.decodeProject(&reader)
            return (claim, project, try reader.next(String?.self).flatMap(Role.init(rawValue:)))
        }
    }

    /// `claimInProject` with the claim's row locked.
    struct ClaimInProjectForUpdate: PostgresPreparedStatement {
        static let sql = ClaimInProject.sql + " FOR UPDATE OF c"
        typealias Row = ClaimInProject.Row
        var id: UUID
        var userId: UUID

        func makeBindings() throws -> PostgresBindings { ClaimInProject.bindings(id, userId) }
        func decodeRow(_ row: PostgresRow) throws -> Row { try ClaimInProject.decode(row) }
    }

    /// A claim by id; with `lock`, the row is locked until the transaction ends (for read-modify-write).
    package func claim(id: UUID, lock: Bool = false, on connection: DatabaseConnection) async throws -> Claim? {
        let rows = try await connection.query(
            "SELECT \(unescaped: Self.claimColumns) FROM claims c WHERE c.id = \(id) \(unescaped: lock ? "FOR UPDATE" : "")", logger: logger)
        return try await first(rows, claim)
    }

    /// Replaces a claim's metadata and status if `version` is current; nil when it is not.
    package func updateClaim(id: UUID, version: Int, metadata: ClaimMetadata, status: ClaimStatus, on connection: DatabaseConnection) async throws
        -> Claim?
    {
        let rows = try await connection.query(
            """
            UPDATE claims AS c SET claimant = \(metadata.claimant), claim_date = \(metadata.claimDate)::date, tags = \(metadata.tags),
                note = \(metadata.note), status = \(status.rawValue), version = c.version + 1, updated_at = now()
            WHERE c.id = \(id) AND c.version = \(version)
            RETURNING \(unescaped: Self.claimColumns)
            """, logger: logger)
        return try await first(rows, claim)
    }

    /// Deletes a claim if `version` is current; false when it is not.
    package func deleteClaim(id: UUID, version: Int, on connection: DatabaseConnection) async throws -> Bool {
        let rows = try await connection.query("DELETE FROM claims WHERE id = \(id) AND version = \(version) RETURNING id", logger: logger)
        return try await first(rows) { _ in true } ?? false
    }

    /// A page of a project's claims, newest first, optionally by status and article.
    package func listClaims(
        projectId: UUID, status: ClaimStatus?, articleId: UUID?, after cursor: Cursor?, limit: Int, on connection: DatabaseConnection
    ) async throws -> Page<Claim> {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.claimColumns) FROM claims c
            WHERE c.project_id = \(projectId)
              AND (\(status?.rawValue)::text IS NULL OR c.status = \(status?.rawValue))
              AND (\(articleId)::uuid IS NULL OR c.article_id = \(articleId))
              AND (\(cursor?.exactCreatedAt)::timestamptz IS NULL OR (c.created_at, c.id) < (\(cursor?.exactCreatedAt), \(cursor?.id)))
            ORDER BY c.created_at DESC, c.id DESC LIMIT \(limit + 1)
            """, logger: logger)
        var items: [(item: Claim, at: ExactTimestamp, id: UUID)] = []
        for try await row in rows {
            let claim = try claim(row)
            items.append((claim, try row.makeRandomAccess()["created_at"].decode(ExactTimestamp.self), claim.id))
        }
        return Page.keyset(items, limit: limit)
    }

    // MARK: - Verdicts

    static let verdictColumns = """
        v.id, v.claim_id, v.reviewer_id, u.username, v.rating, v.confidence, v.rationale, v.evidence::text AS evidence, v.created_at, v.updated_at, v.version,
        v.independent_rating, v.revised_after_seeing
        """

    private func verdict(_ row: PostgresRow) throws -> Verdict { try Self.decodeVerdict(row) }

    /// A verdict from a row of `verdictColumns`, in that order.
    static func decodeVerdict(_ row: PostgresRow) throws -> Verdict {
        var r = RowReader(row)
        let id = try r.next(UUID.self)
        let claimId = try r.next(UUID.self)
        let reviewerId = try r.next(UUID.self)
        let reviewer = try r.next(String.self)
        let rating = try r.next(String.self)
        let confidence = try r.next(Double?.self)
        let rationale = try r.next(String?.self)
        let evidence = try AuditStore.decoder.decode([Evidence].self, from: Data(try r.next(String.self).utf8))
        return Verdict(
            id: id, claimId: claimId, reviewerId: reviewerId, reviewer: reviewer, rating: rating, confidence: confidence, rationale: rationale,
            evidence: evidence, createdAt: try r.next(Date.self), updatedAt: try r.next(Date.self), version: try r.next(Int.self),
            independentRating: try r.next(String?.self), revisedAfterSeeing: try r.next(Bool.self))
    }

    /// Every verdict on a claim, oldest first.
    package func verdicts(claimId: UUID, on connection: DatabaseConnection) async throws -> [Verdict] {
        try await connection.all(ClaimVerdicts(claimId: claimId), logger: logger)
    }

    /// `verdicts(claimId:)`'s statement: read by every verdict write, resolution and blind-review check.
    struct ClaimVerdicts: PostgresPreparedStatement {
        static let sql =
            "SELECT \(verdictColumns) FROM verdicts v JOIN users u ON u.id = v.reviewer_id WHERE v.claim_id = $1 ORDER BY v.created_at, v.id"
        typealias Row = Verdict
        var claimId: UUID

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(claimId)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Verdict { try ReviewStore.decodeVerdict(row) }
    }

    /// Inserts a reviewer's first verdict on a claim; `independent` says whether it was given before its
    /// author could see another verdict (then its rating is also its independent rating, for good). With
    /// `releasingLease`, the reviewer's queue lease on the claim ends in the same statement.
    package func insertVerdict(
        projectId: UUID, claimId: UUID, reviewerId: UUID, _ input: VerdictInput, independent: Bool, releasingLease: Bool = false,
        on connection: DatabaseConnection
    ) async throws -> Verdict {
        let statement = InsertVerdict(
            projectId: projectId, claimId: claimId, reviewerId: reviewerId, rating: input.rating, confidence: input.confidence,
            rationale: input.rationale, evidence: String(decoding: try AuditStore.encoder.encode(input.evidence), as: UTF8.self),
            independentRating: independent ? input.rating : nil, releasingLease: releasingLease)
        guard let verdict = try await connection.first(statement, logger: logger) else {
            throw VerityError(.internalError, code: .verdictInsertFailed, "The verdict was not saved.")
        }
        return verdict
    }

    /// `insertVerdict`'s statement.
    struct InsertVerdict: PostgresPreparedStatement {
        static let sql = """
            WITH released AS (DELETE FROM queue_leases WHERE $9 AND claim_id = $2 AND user_id = $3),
            v AS (
                INSERT INTO verdicts (project_id, claim_id, reviewer_id, rating, confidence, rationale, evidence, independent_rating)
                VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
                RETURNING *
            )
            SELECT \(verdictColumns) FROM v JOIN users u ON u.id = v.reviewer_id
            """
        typealias Row = Verdict
        var projectId: UUID
        var claimId: UUID
        var reviewerId: UUID
        var rating: String
        var confidence: Double?
        var rationale: String?
        var evidence: String
        var independentRating: String?
        var releasingLease: Bool

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 9)
            bindings.append(projectId)
            bindings.append(claimId)
            bindings.append(reviewerId)
            bindings.append(rating)
            bindings.append(confidence)
            bindings.append(rationale)
            bindings.append(evidence)
            bindings.append(independentRating)
            bindings.append(releasingLease)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Verdict { try ReviewStore.decodeVerdict(row) }
    }

    /// Replaces a verdict if `version` is current; nil when it is not. Its independent rating stays as it
    /// was; `afterSeeing` marks it as changed in sight of another verdict (for good).
    package func updateVerdict(id: UUID, version: Int, _ input: VerdictInput, afterSeeing: Bool, on connection: DatabaseConnection) async throws
        -> Verdict?
    {
        let evidence = String(decoding: try JSONEncoder().encode(input.evidence), as: UTF8.self)
        let rows = try await connection.query(
            """
            WITH v AS (
                UPDATE verdicts SET rating = \(input.rating), confidence = \(input.confidence), rationale = \(input.rationale),
                    evidence = \(evidence)::jsonb, revised_after_seeing = revised_after_seeing OR \(afterSeeing),
                    version = version + 1, updated_at = now()
                WHERE id = \(id) AND version = \(version)
                RETURNING *
            )
            SELECT \(unescaped: Self.verdictColumns) FROM v JOIN users u ON u.id = v.reviewer_id
            """, logger: logger)
        return try await first(rows, verdict)
    }

    // MARK: - Resolutions

    private func resolution(_ row: PostgresRow) throws -> Resolution {
        let r = row.makeRandomAccess()
        return Resolution(
            claimId: try r["claim_id"].decode(UUID.self), rating: try r["rating"].decode(String.self),
            rationale: try r["rationale"].decode(String?.self),
            verdictIds: try r["verdict_ids"].decode([UUID].self), resolvedBy: try r["resolved_by"].decode(UUID.self),
            createdAt: try r["created_at"].decode(Date.self), updatedAt: try r["updated_at"].decode(Date.self),
            version: try r["version"].decode(Int.self))
    }

    private static let resolutionColumns = "claim_id, rating, rationale, verdict_ids, resolved_by, created_at, updated_at, version"

    /// A claim's resolution, if recorded.
    package func resolution(claimId: UUID, on connection: DatabaseConnection) async throws -> Resolution? {
        let rows = try await connection.query(
            "SELECT \(unescaped: Self.resolutionColumns) FROM resolutions WHERE claim_id = \(claimId)", logger: logger)
        return try await first(rows, resolution)
    }

    /// Records a claim's first resolution.
    package func insertResolution(
        projectId: UUID, claimId: UUID, rating: String, rationale: String?, verdictIds: [UUID], resolvedBy: UUID, on connection: DatabaseConnection
    ) async throws -> Resolution {
        let rows = try await connection.query(
            """
            INSERT INTO resolutions (project_id, claim_id, rating, rationale, verdict_ids, resolved_by)
            VALUES (\(projectId), \(claimId), \(rating), \(rationale), \(verdictIds), \(resolvedBy))
            RETURNING \(unescaped: Self.resolutionColumns)
            """, logger: logger)
        guard let resolution = try await first(rows, resolution) else {
            throw VerityError(.internalError, code: .resolutionInsertFailed, "The resolution was not saved.")
        }
        return resolution
    }

    /// Replaces a resolution if `version` is current; nil when it is not.
    package func updateResolution(
        claimId: UUID, version: Int, rating: String, rationale: String?, verdictIds: [UUID], resolvedBy: UUID, on connection: DatabaseConnection
    ) async throws -> Resolution? {
        let rows = try await connection.query(
            """
            UPDATE resolutions SET rating = \(rating), rationale = \(rationale), verdict_ids = \(verdictIds), resolved_by = \(resolvedBy),
                version = version + 1, updated_at = now()
            WHERE claim_id = \(claimId) AND version = \(version)
            RETURNING \(unescaped: Self.resolutionColumns)
            """, logger: logger)
        return try await first(rows, resolution)
    }
}

/// The append-only audit trail.
package struct AuditStore: Sendable {
    package let logger: Logger

    /// Creates the store.
    package init(logger: Logger) { self.logger = logger }

    /// Decodes JSON the database hands back (evidence lists).
    static let decoder = JSONDecoder()

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// Records a change, in the caller's transaction.
    package func record<Before: Encodable, After: Encodable>(
        projectId: UUID?, actorId: UUID?, action: String, objectType: String, objectId: String, before: Before?, after: After?,
        on connection: DatabaseConnection
    ) async throws {
        let beforeJSON = try before.map { String(decoding: try Self.encoder.encode($0), as: UTF8.self) }
        let afterJSON = try after.map { String(decoding: try Self.encoder.encode($0), as: UTF8.self) }
        try await connection.query(
            """
            INSERT INTO audit_events (project_id, actor_id, action, object_type, object_id, before, after)
            VALUES (\(projectId), \(actorId), \(action), \(objectType), \(objectId), \(beforeJSON)::jsonb, \(afterJSON)::jsonb)
            """, logger: logger)
    }

    /// One change to record.
    package struct Entry: Sendable {
        package var projectId: UUID?
        package var actorId: UUID?
        package var action: String
        package var objectType: String
        package var objectId: String
        package var before: String?
        package var after: String?

        /// Creates an entry from encodable before/after values.
        package init<Before: Encodable, After: Encodable>(
            projectId: UUID?, actorId: UUID?, action: String, objectType: String, objectId: String, before: Before?, after: After?
        ) throws {
            self.projectId = projectId
            self.actorId = actorId
            self.action = action
            self.objectType = objectType
            self.objectId = objectId
            self.before = try before.map { String(decoding: try AuditStore.encoder.encode($0), as: UTF8.self) }
            self.after = try after.map { String(decoding: try AuditStore.encoder.encode($0), as: UTF8.self) }
        }
    }

    /// Records many changes with one statement, in the caller's transaction (in the order given).
    package func record(_ entries: [Entry], on connection: DatabaseConnection) async throws {
        guard !entries.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO audit_events (project_id, actor_id, action, object_type, object_id, before, after)
            SELECT nullif(project_id, '')::uuid, nullif(actor_id, '')::uuid, action, object_type, object_id, nullif(before, '')::jsonb,
                nullif(after, '')::jsonb
            FROM unnest(\(entries.map { $0.projectId?.uuidString ?? "" })::text[], \(entries.map { $0.actorId?.uuidString ?? "" })::text[],
                \(entries.map(\.action))::text[], \(entries.map(\.objectType))::text[], \(entries.map(\.objectId))::text[],
                \(entries.map { $0.before ?? "" })::text[], \(entries.map { $0.after ?? "" })::text[])
                WITH ORDINALITY AS e(project_id, actor_id, action, object_type, object_id, before, after, ord)
            ORDER BY ord
            """, logger: logger)
    }

    private static let auditColumns = "id, project_id, occurred_at, actor_id, action, object_type, object_id, before::text, after::text"

    /// Decodes rows of `auditColumns`.
    private static func auditEvents(_ rows: PostgresRowSequence) async throws -> [AuditEvent] {
        var events: [AuditEvent] = []
        for try await (id, project, at, actor, action, type, object, before, after) in rows.decode(
            (Int64, UUID?, Date, UUID?, String, String, String, String?, String?).self)
        {
            events.append(
                AuditEvent(
                    id: id, projectId: project, occurredAt: at, actorId: actor, action: action, objectType: type, objectId: object, before: before,
                    after: after))
        }
        return events
    }

    /// Every event about any of the given objects in one project, newest first (one claim's history:
    /// the claim, its resolution, which shares its id, and its verdicts).
    package func events(projectId: UUID, objectIds: [String], on connection: DatabaseConnection) async throws -> [AuditEvent] {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.auditColumns) FROM audit_events
            WHERE project_id = \(projectId) AND object_id = ANY(\(objectIds))
            ORDER BY id DESC
            """, logger: logger)
        return try await Self.auditEvents(rows)
    }

    /// The live-event feed's read: events above `highest` or among `gaps`, oldest first, at most `limit`,
    /// with the reading snapshot's xmin and xmax (transaction ids: every transaction below xmin has ended;
    /// every one that had begun has an id below xmax).
    package func feed(highest: Int64, gaps: [Int64], limit: Int, on connection: DatabaseConnection) async throws
        -> (events: [AuditEvent], xmin: Int64, xmax: Int64)
    {
        let rows = try await connection.query(
            """
            SELECT pg_snapshot_xmin(s.snap)::text::bigint AS xmin, pg_snapshot_xmax(s.snap)::text::bigint AS xmax,
                e.id, e.project_id, e.occurred_at, e.actor_id, e.action, e.object_type, e.object_id, e.before, e.after
            FROM (SELECT pg_current_snapshot() AS snap) s
            LEFT JOIN LATERAL (
                SELECT id, project_id, occurred_at, actor_id, action, object_type, object_id, before::text, after::text FROM audit_events
                WHERE id > \(highest) OR id = ANY(\(gaps))
                ORDER BY id LIMIT \(limit)
            ) e ON true
            ORDER BY e.id
            """, logger: logger)
        var events: [AuditEvent] = []
        var xmin: Int64 = 0
        var xmax: Int64 = 0
        for try await (low, high, id, project, at, actor, action, type, object, before, after) in rows.decode(
            (Int64, Int64, Int64?, UUID?, Date?, UUID?, String?, String?, String?, String?, String?).self)
        {
            (xmin, xmax) = (low, high)
            guard let id, let at, let action, let type, let object else { continue }
            events.append(
                AuditEvent(
                    id: id, projectId: project, occurredAt: at, actorId: actor, action: action, objectType: type, objectId: object, before: before,
                    after: after))
        }
        return (events, xmin, xmax)
    }

    /// Where a live-event feed starts: the newest id, the ids below it (within `window`) that are not in
    /// the trail — transactions still in flight, or rolled back — and the snapshot's xmax.
    package func feedStart(window: Int64, on connection: DatabaseConnection) async throws -> (latest: Int64, missing: [Int64], xmax: Int64) {
        let rows = try await connection.query(
            """
            WITH top AS (SELECT coalesce(max(id), 0) AS latest FROM audit_events)
            SELECT top.latest, pg_snapshot_xmax(pg_current_snapshot())::text::bigint,
                coalesce((SELECT array_agg(g ORDER BY g) FROM generate_series(greatest(1, top.latest - \(window)), top.latest - 1) g
                          WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.id = g)), '{}')
            FROM top
            """, logger: logger)
        for try await (latest, xmax, missing) in rows.decode((Int64, Int64, [Int64]).self) { return (latest, missing, xmax) }
        return (0, [], 0)
    }

    /// What a reconnecting reader of one project missed: its events past `cursor`, oldest first, and the ids
    /// up to the last of them that are not in the trail at all (transactions still in flight, whose events
    /// may yet belong to this project: the reader's next cursor keeps them as gaps; the last `maxMissing`).
    package func missed(projectId: UUID, after cursor: EventCursor, limit: Int, maxMissing: Int, on connection: DatabaseConnection) async throws
        -> (events: [AuditEvent], missing: [Int64])
    {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.auditColumns) FROM audit_events
            WHERE project_id = \(projectId) AND (id > \(cursor.highest) OR id = ANY(\(cursor.gaps)))
            ORDER BY id LIMIT \(limit)
            """, logger: logger)
        let events = try await Self.auditEvents(rows)
        guard let last = events.last?.id, last > cursor.highest + 1 else { return (events, []) }
        var missing: [Int64] = []
        let gaps = try await connection.query(
            """
            SELECT g FROM generate_series(greatest(\(cursor.highest + 1), \(last - Int64(maxMissing))), \(last - 1)) g
            WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.id = g) ORDER BY g
            """, logger: logger)
        for try await id in gaps.decode(Int64.self) { missing.append(id) }
        return (events, missing)
    }

    /// A page of a project's events, newest first, optionally for one object or one actor; the cursor is the last id seen.
    package func list(projectId: UUID, objectId: String?, actorId: UUID?, before cursor: Int64?, limit: Int, on connection: DatabaseConnection)
        async throws
        -> Page<AuditEvent>
    {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.auditColumns) FROM audit_events
            WHERE project_id = \(projectId) AND (\(objectId)::text IS NULL OR object_id = \(objectId))
              AND (\(actorId)::uuid IS NULL OR actor_id = \(actorId)) AND (\(cursor)::bigint IS NULL OR id < \(cursor))
            ORDER BY id DESC LIMIT \(limit + 1)
            """, logger: logger)
        return Page(overfetched: try await Self.auditEvents(rows), limit: limit) { String($0.id) }
    }
}

extension ReviewStore {
    /// Hands a reviewer the oldest claim they have not judged that still lacks k verdicts, counting live
    /// leases of other reviewers as taken slots, and leases it to them. A lease the reviewer already
    /// holds is handed back first. `FOR UPDATE SKIP LOCKED` lets concurrent reviewers pass over a claim
    /// another reviewer's request is deciding on, instead of queueing behind it.
    /// With `preferGold`, a waiting control claim comes first; without, an ordinary one (either way the other
    /// kind is served when nothing else is left, so the queue looks the same to the reviewer). The first time a
    /// reviewer is handed a claim is recorded, for the time to their verdict.
    package func leaseNextClaim(
        projectId: UUID, userId: UUID, reviewersPerClaim k: Int, leaseSeconds: Int, preferGold: Bool = false, on connection: DatabaseConnection
    )
        async throws
        -> (Claim, Date)?
    {
        let held = try await connection.query(
            """
            UPDATE queue_leases SET expires_at = now() + make_interval(secs => \(leaseSeconds))
            WHERE project_id = \(projectId) AND user_id = \(userId) AND expires_at > now()
              AND claim_id = (SELECT l.claim_id FROM queue_leases l JOIN claims c ON c.id = l.claim_id
                              WHERE l.project_id = \(projectId) AND l.user_id = \(userId) AND l.expires_at > now()
                                AND c.status IN ('open', 'in_review') ORDER BY c.created_at, c.id LIMIT 1)
            RETURNING claim_id, expires_at
            """, logger: logger)
        var lease: (UUID, Date)?
        for try await (claimId, expires) in held.decode((UUID, Date).self) { lease = (claimId, expires) }
        // Lock a candidate, then count its taken slots again in a new statement: in READ COMMITTED that
        // statement sees every lease committed by requests that held the lock before us, so a claim is
        // never handed to more than k reviewers however many ask at once.
        var skipped: [UUID] = []
        var waitForLocks = false
        while lease == nil, skipped.count < 50 {
            let candidates = try await connection.query(
                """
                SELECT c.id FROM claims c
                WHERE c.project_id = \(projectId) AND c.status IN ('open', 'in_review') AND NOT (c.id = ANY(\(skipped)))
                  AND NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = c.id AND v.reviewer_id = \(userId))
                  AND (SELECT count(*) FROM verdicts v WHERE v.claim_id = c.id)
                    + (SELECT count(*) FROM queue_leases l WHERE l.claim_id = c.id AND l.expires_at > now() AND l.user_id <> \(userId)) < \(k)
                ORDER BY EXISTS (SELECT 1 FROM gold_claims g WHERE g.claim_id = c.id) = \(preferGold) DESC, c.created_at, c.id
                LIMIT 1
                FOR UPDATE OF c \(unescaped: waitForLocks ? "" : "SKIP LOCKED")
                """, logger: logger)
            var candidate: UUID?
            for try await id in candidates.decode(UUID.self) { candidate = id }
            guard let candidate else {
                // SKIP LOCKED also passes over claims whose verdicts are being saved at this moment. Before
                // answering "nothing left", look once more, waiting for those locks.
                if waitForLocks { return nil }
                waitForLocks = true
                continue
            }
            let counts = try await connection.query(
                """
                SELECT (SELECT count(*) FROM verdicts WHERE claim_id = \(candidate))
                     + (SELECT count(*) FROM queue_leases WHERE claim_id = \(candidate) AND expires_at > now() AND user_id <> \(userId))
                """, logger: logger)
            var taken = Int64.max
            for try await value in counts.decode(Int64.self) { taken = value }
            guard taken < k else {
                skipped.append(candidate)
                continue
            }
            let rows = try await connection.query(
                """
                INSERT INTO queue_leases (project_id, claim_id, user_id, expires_at)
                VALUES (\(projectId), \(candidate), \(userId), now() + make_interval(secs => \(leaseSeconds)))
                ON CONFLICT (claim_id, user_id) DO UPDATE SET expires_at = EXCLUDED.expires_at
                RETURNING claim_id, expires_at
                """, logger: logger)
            for try await (claimId, expires) in rows.decode((UUID, Date).self) { lease = (claimId, expires) }
        }
        guard let (claimId, expires) = lease, let claim = try await claim(id: claimId, on: connection) else { return nil }
        try await recordFirstSeen(claimId: claimId, userId: userId, on: connection)
        return (claim, expires)
    }
}

extension ReviewStore {
    /// For each of the claims, its status and whether `reviewer` has given a verdict on it: what the
    /// blind-review rule needs to decide, for a whole batch of verdict events in one statement. Claims
    /// that no longer exist are absent.
    package func visibilityFacts(claimIds: [UUID], reviewer: UUID, on connection: DatabaseConnection) async throws
        -> [UUID: (status: ClaimStatus, hasOwnVerdict: Bool)]
    {
        guard !claimIds.isEmpty else { return [:] }
        var result: [UUID: (status: ClaimStatus, hasOwnVerdict: Bool)] = [:]
        let rows = try await connection.query(
            """
            SELECT c.id, c.status, EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = c.id AND v.reviewer_id = \(reviewer))
            FROM claims c WHERE c.id = ANY(\(claimIds))
            """, logger: logger)
        for try await (id, status, own) in rows.decode((UUID, String, Bool).self) {
            result[id] = (ClaimStatus(rawValue: status) ?? .open, own)
        }
        return result
    }

    /// Records the first time a reviewer was given a claim — a queue lease or a first read — for the time to
    /// their verdict (idempotent).
    package func recordFirstSeen(claimId: UUID, userId: UUID, on connection: DatabaseConnection) async throws {
        try await connection.query(
            "INSERT INTO claim_first_seen (claim_id, user_id) VALUES (\(claimId), \(userId)) ON CONFLICT DO NOTHING", logger: logger)
    }

    /// Ends a reviewer's lease on a claim (their verdict is in: the slot is now a verdict, not a lease).
    package func releaseLease(claimId: UUID, userId: UUID, on connection: DatabaseConnection) async throws {
        try await connection.query("DELETE FROM queue_leases WHERE claim_id = \(claimId) AND user_id = \(userId)", logger: logger)
    }

    /// Every verdict on a project's claims, optionally one article's, one tag's, or claims created in a
    /// date range: (claim, article, reviewer's username, rating) — the independent rating (verdicts that
    /// have none are left out) or the final one.
    package func ratings(
        projectId: UUID, articleId: UUID?, tag: String?, since: Date?, until: Date?, independent: Bool, includeGold: Bool = false,
        on connection: DatabaseConnection
    ) async throws -> [(claim: UUID, article: UUID, reviewer: String, rating: String)] {
        let rows = try await connection.query(
            """
            SELECT c.id, c.article_id, u.username, CASE WHEN \(independent) THEN v.independent_rating ELSE v.rating END AS rating
            FROM verdicts v JOIN claims c ON c.id = v.claim_id JOIN users u ON u.id = v.reviewer_id
            WHERE c.project_id = \(projectId) AND v.project_id = \(projectId)
              AND (NOT \(independent) OR v.independent_rating IS NOT NULL)
              AND (\(articleId)::uuid IS NULL OR c.article_id = \(articleId))
              AND (\(tag)::text IS NULL OR \(tag) = ANY(c.tags))
              AND (\(since)::timestamptz IS NULL OR c.created_at >= \(since))
              AND (\(until)::timestamptz IS NULL OR c.created_at < \(until))
              AND (\(includeGold) OR NOT EXISTS (SELECT 1 FROM gold_claims g WHERE g.claim_id = c.id))
            ORDER BY c.id, u.username
            """, logger: logger)
        var result: [(claim: UUID, article: UUID, reviewer: String, rating: String)] = []
        for try await (claim, article, reviewer, rating) in rows.decode((UUID, UUID, String, String).self) {
            result.append((claim, article, reviewer, rating))
        }
        return result
    }
}
