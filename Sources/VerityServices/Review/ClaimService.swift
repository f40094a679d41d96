import Foundation
import VerityCore
import VerityData

/// Claims: mark, read, list, edit, re-attach, delete — load → authorize → validate → write → audit, one
/// transaction each.
package struct ClaimService: Sendable {
    let database: Database
    let projects: ProjectService
    let resolver: ClaimResolver
    private let articles: ArticleStore
    private let reviews: ReviewStore
    private let audit: AuditStore
    private let matching: MatchingService

    /// Creates the service.
    package init(database: Database, projects: ProjectService) {
        self.database = database
        self.projects = projects
        self.matching = MatchingService(database: database, projects: projects)
        self.articles = ArticleStore(logger: database.logger)
        self.reviews = ReviewStore(logger: database.logger)
        self.audit = AuditStore(logger: database.logger)
        self.resolver = ClaimResolver(reviews: reviews)
    }

    /// Marks a claim on an article's text. Offsets are checked against the text (see `ClaimTarget`).
    package func create(
        articleId: String, user: User, start: Int, end: Int, unit: OffsetUnit, exact: String?, prefix: String?, suffix: String?,
        metadata: ClaimMetadata
    ) async throws -> Claim {
        try await createMatching(
            articleId: articleId, user: user, start: start, end: end, unit: unit, exact: exact, prefix: prefix, suffix: suffix, metadata: metadata
        ).claim
    }

    /// Marks a claim, and says how many close matches it has among the project's reference fact-checks and
    /// the claims the maker may see (a `claim.matched` event follows when published fact-checks match).
    package func createMatching(
        articleId: String, user: User, start: Int, end: Int, unit: OffsetUnit, exact: String?, prefix: String?, suffix: String?,
        metadata: ClaimMetadata
    ) async throws -> (claim: Claim, matches: Int) {
        try metadata.validate()
        guard let uuid = UUID(uuidString: articleId) else { throw VerityError.notFound(.article) }
        return try await database.transaction { connection in
            guard let (article, role) = try await articles.article(id: uuid, reader: user.id, on: connection) else {
                throw VerityError.notFound(.article)
            }
            try AccessPolicy.require(.createClaim, role: role, isAdmin: user.isAdmin, on: .article)
            let target = try ClaimTarget(
                text: TextIndex(article.text), spans: article.spans.map { ($0.ordinal, $0.range) }, start: start, end: end, unit: unit,
                exact: exact, prefix: prefix, suffix: suffix)
            let language = article.summary.metadata.language
            let claim = try await reviews.insertClaim(
                projectId: article.summary.projectId, articleId: uuid, revision: article.summary.revision, target: target, metadata: metadata,
                createdBy: user.id, match: MatchingService.sections(target.exact, language: language), on: connection)
            try await audit.record(
                projectId: claim.projectId, actorId: user.id, action: "claim.created", objectType: "claim", objectId: claim.id.lowercasedString,
                before: Claim?.none, after: claim, on: connection)
            let matches = try await matching.matchNewClaim(claim, language: language, user: user, on: connection)
            return (claim, matches)
        }
    }

    /// A claim the user may see. A reviewer's first read starts the clock for their time to verdict.
    package func claim(id: String, user: User) async throws -> Claim {
        try await database.read { connection in
            let access = try await resolver.resolve(id, user: user, on: connection)
            if access.role == .reviewer {
                try await reviews.recordFirstSeen(claimId: access.claim.id, userId: user.id, on: connection)
            }
            return access.claim
        }
    }

    /// A page of a project's claims.
    package func list(project slugOrId: String, user: User, status: String?, articleId: String?, cursor: String?, limit: Int?) async throws
        -> Page<Claim>
    {
        let limit = try Page<Never>.validLimit(limit)
        var statusFilter: ClaimStatus?
        if let status {
            guard let parsed = ClaimStatus(rawValue: status) else {
                throw VerityError.validation(
                    code: .claimInvalidStatus, "Unknown status.",
                    [FieldError(path: "status", message: "one of " + ClaimStatus.allCases.map(\.rawValue).joined(separator: ", "))])
            }
            statusFilter = parsed
        }
        var articleFilter: UUID?
        if let articleId {
            guard let parsed = UUID(uuidString: articleId) else {
                throw VerityError.validation(
                    code: .claimInvalidArticle, "Invalid article id.", [FieldError(path: "article", message: "an article id")])
            }
            articleFilter = parsed
        }
        let position = try cursor.map(Cursor.init(encoded:))
        let (status, article) = (statusFilter, articleFilter)
        return try await database.replicaRead { connection in
            let project = try await projects.authorize(slugOrId, actor: .user(user), .readProject, on: connection)
            return try await reviews.listClaims(
                projectId: project.id, status: status, articleId: article, after: position, limit: limit, on: connection)
        }
    }

    /// Edits a claim's metadata (reviewers and up) and/or moves its status by hand (reject, reopen,
    /// publish: editors and up), if `ifMatch` names the current version.
    /// `edit` derives the new metadata from the current one inside the transaction, under the row lock,
    /// so fields the client did not send can never be overwritten with stale values.
    package func update(
        id: String, user: User, ifMatch: String?, edit: (@Sendable (ClaimMetadata) -> ClaimMetadata)?, status: ClaimStatus?
    ) async throws -> Claim {
        try await database.transaction { connection in
            let access = try await resolver.resolve(id, user: user, lock: true, on: connection)
            let current = access.claim
            try access.require(status == nil ? .createClaim : .resolveClaim)
            // Metadata is what gets published: once resolved only editors change it, once published nobody
            // until an editor reopens the claim (which may come in the same patch).
            let statusAfter = status ?? current.status
            if edit != nil, current.status == .published && statusAfter == .published {
                try ClaimWorkflow.checkNotPublished(current.status)
            }
            if edit != nil { try access.require(try ClaimWorkflow.metadataEditPermission(statusAfter)) }
            // The body is judged before If-Match: a patch that changes nothing (no field, or `null` where a
            // value is needed) is a bad request whatever version it names.
            guard edit != nil || status != nil else {
                throw VerityError.validation(
                    code: .claimEmptyPatch, "The patch changes nothing.",
                    [FieldError(path: "", message: "give at least one of claimant, claimDate, tags, note, status")])
            }
            let metadata = edit.map { $0(current.metadata) }
            try metadata?.validate()
            // Not found and forbidden come before preconditions: If-Match is about an object the caller may change.
            let version = try EntityTag.requireVersion(ifMatch, object: .claim)
            guard current.version == version else { throw VersionConflict(current: current) }
            if let status, status != current.status { try ClaimWorkflow.checkManualTransition(from: current.status, to: status) }
            guard
                let updated = try await reviews.updateClaim(
                    id: current.id, version: version, metadata: metadata ?? current.metadata, status: status ?? current.status, on: connection)
            else { throw VersionConflict(current: current) }
            let action =
                current.status == .published && updated.status == .verified
                ? "claim.reopened" : status.map { $0 != current.status ? "claim.status_changed" : "claim.updated" } ?? "claim.updated"
            try await audit.record(
                projectId: updated.projectId, actorId: user.id, action: action, objectType: "claim", objectId: updated.id.lowercasedString,
                before: current, after: updated, on: connection)
            return updated
        }
    }

    /// Places a claim on a range of its article's current text (editors and up, with If-Match): how an
    /// orphan is re-attached after a revision, or a poor fuzzy match corrected. The range is checked like
    /// a new claim's; the claim is then `anchored` on the current revision, its verdicts untouched.
    package func reattach(
        claimId: String, user: User, start: Int, end: Int, unit: OffsetUnit, exact: String?, ifMatch: String?
    ) async throws -> Claim {
        try await database.transaction { connection in
            let access = try await resolver.resolve(claimId, user: user, lock: true, on: connection)
            let current = access.claim
            try access.require(.resolveClaim)
            let version = try EntityTag.requireVersion(ifMatch, object: .claim)
            guard current.version == version else { throw VersionConflict(current: current) }
            try ClaimWorkflow.checkNotPublished(current.status)
            guard let article = try await articles.article(id: current.articleId, on: connection) else { throw VerityError.notFound(.article) }
            let target = try ClaimTarget(
                text: TextIndex(article.text), spans: article.spans.map { ($0.ordinal, $0.range) }, start: start, end: end, unit: unit,
                exact: exact)
            guard
                let updated = try await reviews.reanchor(
                    id: current.id, version: version, target: ClaimTargetRecord(target),
                    anchoring: ClaimAnchoring(state: .anchored, score: nil, revision: article.summary.revision),
                    articleRevision: article.summary.revision, on: connection)
            else {
                // Either the claim changed, or the article was revised since its text was read.
                if try await reviews.claim(id: current.id, on: connection)?.version == version {
                    throw VerityError(.conflict, code: .claimArticleRevised, "The article's text was revised meanwhile; read it again.")
                }
                throw VersionConflict(current: current)
            }
            try await audit.record(
                projectId: updated.projectId, actorId: user.id, action: "claim.reattached", objectType: "claim",
                objectId: updated.id.lowercasedString, before: current, after: updated, on: connection)
            return updated
        }
    }

    /// Deletes a claim (editors and up), if `ifMatch` names the current version.
    package func delete(id: String, user: User, ifMatch: String?) async throws {
        try await database.transaction { connection in
            let access = try await resolver.resolve(id, user: user, lock: true, on: connection)
            let current = access.claim
            try access.require(.deleteClaim)
            let version = try EntityTag.requireVersion(ifMatch, object: .claim)
            guard current.version == version else { throw VersionConflict(current: current) }
            try ClaimWorkflow.checkNotPublished(current.status)
            // What goes with the claim is audited too: each verdict and the resolution, as they were.
            let verdicts = try await reviews.verdicts(claimId: current.id, on: connection)
            let resolution = try await reviews.resolution(claimId: current.id, on: connection)
            guard try await reviews.deleteClaim(id: current.id, version: version, on: connection) else { throw VersionConflict(current: current) }
            var entries = try verdicts.map { verdict in
                try AuditStore.Entry(
                    projectId: current.projectId, actorId: user.id, action: "verdict.deleted", objectType: "verdict",
                    objectId: verdict.id.lowercasedString, before: verdict, after: Verdict?.none)
            }
            if let resolution {
                entries.append(
                    try AuditStore.Entry(
                        projectId: current.projectId, actorId: user.id, action: "resolution.deleted", objectType: "resolution",
                        objectId: current.id.lowercasedString, before: resolution, after: Resolution?.none))
            }
            entries.append(
                try AuditStore.Entry(
                    projectId: current.projectId, actorId: user.id, action: "claim.deleted", objectType: "claim",
                    objectId: current.id.lowercasedString,
                    before: current, after: Claim?.none))
            try await audit.record(entries, on: connection)
        }
    }
}
