import Foundation
import Logging
import NIOCore
import PostgresNIO
import VerityCore

/// A claim as a restore writes it: every column given, ids and timestamps included.
package struct RestoredClaimRow: Sendable {
    package var id: UUID
    package var articleId: UUID
    package var claim: ArchiveClaim
    package var createdBy: UUID?

    /// Creates a row.
    package init(id: UUID, articleId: UUID, claim: ArchiveClaim, createdBy: UUID?) {
        self.id = id
        self.articleId = articleId
        self.claim = claim
        self.createdBy = createdBy
    }
}

/// A verdict as a restore writes it.
package struct RestoredVerdictRow: Sendable {
    package var id: UUID
    package var claimId: UUID
    package var reviewerId: UUID
    package var verdict: ArchiveVerdict

    /// Creates a row.
    package init(id: UUID, claimId: UUID, reviewerId: UUID, verdict: ArchiveVerdict) {
        self.id = id
        self.claimId = claimId
        self.reviewerId = reviewerId
        self.verdict = verdict
    }
}

/// A resolution as a restore writes it.
package struct RestoredResolutionRow: Sendable {
    package var claimId: UUID
    package var resolvedBy: UUID
    package var verdictIds: [UUID]
    package var resolution: ArchiveResolution

    /// Creates a row.
    package init(claimId: UUID, resolvedBy: UUID, verdictIds: [UUID], resolution: ArchiveResolution) {
        self.claimId = claimId
        self.resolvedBy = resolvedBy
        self.verdictIds = verdictIds
        self.resolution = resolution
    }
}

/// What a restore from Verity's own export reads and writes beyond articles: users by name, the claims
/// already present, and claims, verdicts and resolutions with COPY (one round trip per table).
package struct RestoreStore: Sendable {
    package let logger: Logger

    /// Creates the store.
    package init(logger: Logger) { self.logger = logger }

    /// Ids of the users with these usernames, keyed by lower-cased username.
    package func users(named names: [String], on connection: DatabaseConnection) async throws -> [String: UUID] {
        let lowered = names.map { $0.lowercased() }
        var found: [String: UUID] = [:]
        let rows = try await connection.query("SELECT id, lower(username) FROM users WHERE lower(username) = ANY(\(lowered))", logger: logger)
        for try await (id, name) in rows.decode((UUID, String).self) { found[name] = id }
        return found
    }

    /// Creates disabled accounts, without passwords, for these usernames; returns their ids by lower-cased
    /// username. They keep the work they did attributed, and cannot sign in until an admin enables them.
    package func createDisabledUsers(_ names: [String], on connection: DatabaseConnection) async throws -> [String: UUID] {
        var created: [String: UUID] = [:]
        guard !names.isEmpty else { return created }
        let rows = try await connection.query(
            "INSERT INTO users (username, disabled) SELECT unnest(\(names)::text[]), true RETURNING id, lower(username)", logger: logger)
        for try await (id, name) in rows.decode((UUID, String).self) { created[name] = id }
        return created
    }

    /// The claims already on these articles, as `article|start|end|created_at` keys (a claim is the same
    /// claim when it covers the same text of the same article and was made at the same instant).
    package func claimKeys(projectId: UUID, articleIds: [UUID], on connection: DatabaseConnection) async throws -> Set<String> {
        var keys = Set<String>()
        guard !articleIds.isEmpty else { return keys }
        let rows = try await connection.query(
            "SELECT article_id, start_cp, end_cp, created_at FROM claims WHERE project_id = \(projectId) AND article_id = ANY(\(articleIds))",
            logger: logger)
        for try await (article, start, end, created) in rows.decode((UUID, Int, Int, Date).self) {
            keys.insert(Self.claimKey(articleId: article, start: start, end: end, createdAt: created))
        }
        return keys
    }

    /// The identity `claimKeys` uses.
    package static func claimKey(articleId: UUID, start: Int, end: Int, createdAt: Date) -> String {
        "\(articleId)|\(start)|\(end)|\(Timestamp.microseconds(createdAt))"
    }

    /// Writes claims, verdicts and resolutions exactly as given.
    package func insert(
        claims: [RestoredClaimRow], verdicts: [RestoredVerdictRow], resolutions: [RestoredResolutionRow], projectId: UUID,
        on connection: DatabaseConnection
    ) async throws {
        let project = projectId.uuidString
        try await connection.copyRows(
            into: "claims",
            columns: [
                "project_id", "id", "article_id", "start_cp", "end_cp", "start_utf16", "end_utf16", "exact", "prefix", "suffix", "span_ordinals",
                "status", "claimant", "claim_date", "tags", "note", "created_by", "created_at", "updated_at", "version", "anchoring", "anchor_score",
            ], claims, logger: logger
        ) { row in
            let c = row.claim
            return [
                project, row.id.uuidString, row.articleId.uuidString, String(c.start), String(c.end), String(c.utf16Start), String(c.utf16End),
                c.exact, c.prefix, c.suffix, "{" + c.spanOrdinals.map(String.init).joined(separator: ",") + "}", c.status.rawValue, c.claimant,
                c.claimDate, CopyText.array(c.tags), c.note, row.createdBy?.uuidString, CopyText.timestamp(c.createdAt),
                CopyText.timestamp(c.updatedAt), String(c.version), (c.anchoring ?? .anchored).rawValue, c.anchorScore.map { "\($0)" },
            ]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try await connection.copyRows(
            into: "verdicts",
            columns: [
                "project_id", "id", "claim_id", "reviewer_id", "rating", "confidence", "rationale", "evidence", "created_at", "updated_at", "version",
                "independent_rating", "revised_after_seeing",
            ], verdicts, logger: logger
        ) { row in
            let v = row.verdict
            return [
                project, row.id.uuidString, row.claimId.uuidString, row.reviewerId.uuidString, v.rating, v.confidence.map { "\($0)" }, v.rationale,
                String(decoding: try encoder.encode(v.evidence), as: UTF8.self), CopyText.timestamp(v.createdAt), CopyText.timestamp(v.updatedAt),
                String(v.version), v.independentRating, v.revisedAfterSeeing ? "t" : "f",
            ]
        }
        try await connection.copyRows(
            into: "resolutions",
            columns: ["project_id", "claim_id", "rating", "rationale", "verdict_ids", "resolved_by", "created_at", "updated_at", "version"],
            resolutions,
            logger: logger
        ) { row in
            let r = row.resolution
            return [
                project, row.claimId.uuidString, r.rating, r.rationale, "{" + row.verdictIds.map(\.uuidString).joined(separator: ",") + "}",
                row.resolvedBy.uuidString, CopyText.timestamp(r.createdAt), CopyText.timestamp(r.updatedAt), String(r.version),
            ]
        }
    }
}
