import Foundation
import Logging
import VerityCore
import VerityData

/// Claims, verdicts and resolutions: load → authorize → validate → write → audit, one transaction each.
package struct ReviewService: Sendable {
    package let database: Database
    package let projects: ProjectService
    private let articles: ArticleStore
    private let reviews: ReviewStore
    private let audit: AuditStore

    /// Creates the service.
    package init(database: Database, projects: ProjectService) {
        self.database = database
        self.projects = projects
        self.articles = ArticleStore(logger: database.logger)
        self.reviews = ReviewStore(logger: database.logger)
        self.audit = AuditStore(logger: database.logger)
    }

    /// The project a claim belongs to, the caller's role in it, and whether the caller may use `permission`.
    /// A claim in a project the caller cannot see is not found.
    private func access(_ claim: Claim, user: User, _ permission: Permission, on connection: DatabaseConnection) async throws -> (Project, Role?) {
        guard let (project, role) = try await projects.projects.find(claim.projectId.uuidString, userId: user.id, on: connection),
            AccessPolicy.allows(role, .readProject, isAdmin: user.isAdmin)
        else { throw VerityError.notFound("claim") }
        guard AccessPolicy.allows(role, permission, isAdmin: user.isAdmin) else {
            throw VerityError(.forbidden, code: "claim.forbidden", "Your role in this project does not allow that.")
        }
        return (project, role)
    }

    private func loadClaim(_ id: String, lock: Bool = false, on connection: DatabaseConnection) async throws -> Claim {
        guard let uuid = UUID(uuidString: id), let claim = try await reviews.claim(id: uuid, lock: lock, on: connection) else {
            throw VerityError.notFound("claim")
        }
        return claim
    }

    // MARK: - Claims

    /// Marks a claim on an article's text. Offsets are checked against the text (see `ClaimTarget`).
    package func createClaim(
        articleId: String, user: User, start: Int, end: Int, unit: OffsetUnit, exact: String?, prefix: String?, suffix: String?,
        metadata: ClaimMetadata
    ) async throws -> Claim {
        try metadata.validate()
        guard let uuid = UUID(uuidString: articleId) else { throw VerityError.notFound("article") }
        return try await database.transaction { connection in
            guard let (article, role) = try await articles.article(id: uuid, reader: user.id, on: connection),
                AccessPolicy.allows(role, .readProject, isAdmin: user.isAdmin)
            else { throw VerityError.notFound("article") }
            guard AccessPolicy.allows(role, .createClaim, isAdmin: user.isAdmin) else {
                throw VerityError(.forbidden, code: "claim.forbidden", "Your role in this project does not allow creating claims.")
            }
            let target = try ClaimTarget(
                text: TextIndex(article.text), spans: article.spans.map { ($0.ordinal, $0.range) }, start: start, end: end, unit: unit,
                exact: exact, prefix: prefix, suffix: suffix)
            let claim = try await reviews.insertClaim(
                projectId: article.summary.projectId, articleId: uuid, revision: article.summary.revision, target: target, metadata: metadata,
                createdBy: user.id, on: connection)
            try await audit.record(
                projectId: claim.projectId, actorId: user.id, action: "claim.created", objectType: "claim",
                objectId: claim.id.uuidString.lowercased(),
                before: Claim?.none, after: claim, on: connection)
            return claim
        }
    }

    /// A claim the user may see.
    package func claim(id: String, user: User) async throws -> Claim {
        try await database.read { connection in
            let claim = try await loadClaim(id, on: connection)
            _ = try await access(claim, user: user, .readProject, on: connection)
            return claim
        }
    }

    /// A page of a project's claims.
    package func listClaims(project slugOrId: String, user: User, status: String?, articleId: String?, cursor: String?, limit: Int?) async throws
        -> Page<Claim>
    {
        let limit = try Page<Never>.validLimit(limit)
        var statusFilter: ClaimStatus?
        if let status {
            guard let parsed = ClaimStatus(rawValue: status) else {
                throw VerityError.validation(
                    code: "claim.invalid_status", "Unknown status.",
                    [FieldError(path: "status", message: "one of " + ClaimStatus.allCases.map(\.rawValue).joined(separator: ", "))])
            }
            statusFilter = parsed
        }
        var articleFilter: UUID?
        if let articleId {
            guard let parsed = UUID(uuidString: articleId) else {
                throw VerityError.validation(
                    code: "claim.invalid_article", "Invalid article id.", [FieldError(path: "article", message: "an article id")])
            }
            articleFilter = parsed
        }
        let position = try cursor.map(Cursor.init(encoded:))
        let (status, article) = (statusFilter, articleFilter)
        return try await database.read { connection in
            let project = try await projects.authorize(slugOrId, actor: .user(user), .readProject, on: connection)
            return try await reviews.listClaims(
                projectId: project.id, status: status, articleId: article, after: position, limit: limit, on: connection)
        }
    }

    /// Edits a claim's metadata (reviewers and up) and/or moves its status by hand (reject, reopen,
    /// publish: editors and up), if `ifMatch` names the current version.
    /// `edit` derives the new metadata from the current one inside the transaction, under the row lock,
    /// so fields the client did not send can never be overwritten with stale values.
    package func updateClaim(
        id: String, user: User, ifMatch: String?, edit: (@Sendable (ClaimMetadata) -> ClaimMetadata)?, status: ClaimStatus?
    ) async throws -> Claim {
        try await database.transaction { connection in
            let current = try await loadClaim(id, lock: true, on: connection)
            _ = try await access(current, user: user, status == nil ? .createClaim : .resolveClaim, on: connection)
            // Metadata is what gets published: once resolved only editors change it, once published nobody
            // until an editor reopens the claim (which may come in the same patch).
            let statusAfter = status ?? current.status
            if edit != nil, current.status == .published && statusAfter == .published {
                try ClaimWorkflow.checkNotPublished(current.status)
            }
            if edit != nil { _ = try await access(current, user: user, try ClaimWorkflow.metadataEditPermission(statusAfter), on: connection) }
            // The body is judged before If-Match: a patch that changes nothing (no field, or `null` where a
            // value is needed) is a bad request whatever version it names.
            guard edit != nil || status != nil else {
                throw VerityError.validation(
                    code: "claim.empty_patch", "The patch changes nothing.",
                    [FieldError(path: "", message: "give at least one of claimant, claimDate, tags, note, status")])
            }
            let metadata = edit.map { $0(current.metadata) }
            try metadata?.validate()
            // Not found and forbidden come before preconditions: If-Match is about an object the caller may change.
            let version = try EntityTag.requireVersion(ifMatch, object: "claim")
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
                projectId: updated.projectId, actorId: user.id, action: action, objectType: "claim", objectId: updated.id.uuidString.lowercased(),
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
            let current = try await loadClaim(claimId, lock: true, on: connection)
            _ = try await access(current, user: user, .resolveClaim, on: connection)
            let version = try EntityTag.requireVersion(ifMatch, object: "claim")
            guard current.version == version else { throw VersionConflict(current: current) }
            try ClaimWorkflow.checkNotPublished(current.status)
            guard let article = try await articles.article(id: current.articleId, on: connection) else { throw VerityError.notFound("article") }
            let target = try ClaimTarget(
                text: TextIndex(article.text), spans: article.spans.map { ($0.ordinal, $0.range) }, start: start, end: end, unit: unit,
                exact: exact)
            guard
                let updated = try await reviews.reanchor(
                    id: current.id, version: version,
                    target: ClaimTargetRecord(target),
                    anchoring: ClaimAnchoring(state: .anchored, score: nil, revision: article.summary.revision),
                    articleRevision: article.summary.revision, on: connection)
            else {
                // Either the claim changed, or the article was revised since its text was read.
                if try await reviews.claim(id: current.id, on: connection)?.version == version {
                    throw VerityError(.conflict, code: "claim.article_revised", "The article's text was revised meanwhile; read it again.")
                }
                throw VersionConflict(current: current)
            }
            try await audit.record(
                projectId: updated.projectId, actorId: user.id, action: "claim.reattached", objectType: "claim",
                objectId: updated.id.uuidString.lowercased(), before: current, after: updated, on: connection)
            return updated
        }
    }

    /// Deletes a claim (editors and up), if `ifMatch` names the current version.
    package func deleteClaim(id: String, user: User, ifMatch: String?) async throws {
        try await database.transaction { connection in
            let current = try await loadClaim(id, lock: true, on: connection)
            _ = try await access(current, user: user, .deleteClaim, on: connection)
            let version = try EntityTag.requireVersion(ifMatch, object: "claim")
            guard current.version == version else { throw VersionConflict(current: current) }
            try ClaimWorkflow.checkNotPublished(current.status)
            // What goes with the claim is audited too: each verdict and the resolution, as they were.
            let verdicts = try await reviews.verdicts(claimId: current.id, on: connection)
            let resolution = try await reviews.resolution(claimId: current.id, on: connection)
            guard try await reviews.deleteClaim(id: current.id, version: version, on: connection) else { throw VersionConflict(current: current) }
            for verdict in verdicts {
                try await audit.record(
                    projectId: current.projectId, actorId: user.id, action: "verdict.deleted", objectType: "verdict",
                    objectId: verdict.id.lowercasedString, before: verdict, after: Verdict?.none, on: connection)
            }
            if let resolution {
                try await audit.record(
                    projectId: current.projectId, actorId: user.id, action: "resolution.deleted", objectType: "resolution",
                    objectId: current.id.lowercasedString, before: resolution, after: Resolution?.none, on: connection)
            }
            try await audit.record(
                projectId: current.projectId, actorId: user.id, action: "claim.deleted", objectType: "claim",
                objectId: current.id.uuidString.lowercased(),
                before: current, after: Claim?.none, on: connection)
        }
    }

    // MARK: - Verdicts

    /// Submits or revises the caller's verdict. Revising needs `ifMatch` with the verdict's current
    /// version. The claim's status follows from its verdicts.
    package func submitVerdict(claimId: String, user: User, input: VerdictInput, ifMatch: String?) async throws -> (Verdict, created: Bool) {
        try await database.transaction { connection in
            // Locking the claim serialises verdicts on it, so its status is computed from a stable set.
            let claim = try await loadClaim(claimId, lock: true, on: connection)
            let (project, role) = try await access(claim, user: user, .submitVerdict, on: connection)
            try input.validate(scale: project.ratingScale)
            guard ClaimWorkflow.isUnderReview(claim.status) else {
                throw VerityError(
                    .conflict, code: "claim.closed", "The claim is \(claim.status.rawValue): verdicts can no longer be submitted or changed.")
            }
            let existing = try await reviews.verdicts(claimId: claim.id, on: connection)
            let others = existing.filter { $0.reviewerId != user.id }
            let verdict: Verdict
            let created: Bool
            if let mine = existing.first(where: { $0.reviewerId == user.id }) {
                let version = try EntityTag.requireVersion(ifMatch, object: "verdict")
                guard mine.version == version else { throw VersionConflict(current: mine) }
                // Once their verdict is in, a reviewer sees every other one: a change now is made in sight of them.
                if project.lockVerdictsAfterReveal && !others.isEmpty {
                    throw VerityError(
                        .conflict, code: "verdict.locked_after_reveal",
                        "This project keeps verdicts as they were before other verdicts could be seen: yours can no longer change.")
                }
                guard let updated = try await reviews.updateVerdict(id: mine.id, version: version, input, afterSeeing: !others.isEmpty, on: connection)
                else {
                    throw VersionConflict(current: mine)
                }
                try await audit.record(
                    projectId: claim.projectId, actorId: user.id, action: "verdict.updated", objectType: "verdict",
                    objectId: updated.id.uuidString.lowercased(),
                    before: mine, after: updated, on: connection)
                (verdict, created) = (updated, false)
            } else {
                // Independent: given before its author could see any other verdict on the claim (blind review
                // hides them from a reviewer until now; an editor, or a project without blind review, shows them).
                let couldSee =
                    !others.isEmpty
                    && VerdictVisibility.of(
                        role: role, isAdmin: user.isAdmin, blindReview: project.blindReview, hasOwnVerdict: false, status: claim.status) == .all
                let inserted = try await reviews.insertVerdict(
                    projectId: claim.projectId, claimId: claim.id, reviewerId: user.id, input, independent: !couldSee, on: connection)
                try await audit.record(
                    projectId: claim.projectId, actorId: user.id, action: "verdict.submitted", objectType: "verdict",
                    objectId: inserted.id.uuidString.lowercased(), before: Verdict?.none, after: inserted, on: connection)
                try await reviews.releaseLease(claimId: claim.id, userId: user.id, on: connection)
                (verdict, created) = (inserted, true)
            }
            let ratings = existing.filter { $0.reviewerId != user.id }.map(\.rating) + [verdict.rating]
            let status = ClaimWorkflow.statusAfterVerdicts(current: claim.status, ratings: ratings, reviewersPerClaim: project.reviewersPerClaim)
            if status != claim.status {
                guard
                    let moved = try await reviews.updateClaim(
                        id: claim.id, version: claim.version, metadata: claim.metadata, status: status, on: connection)
                else { throw VersionConflict(current: claim) }
                try await audit.record(
                    projectId: claim.projectId, actorId: user.id, action: "claim.status_changed", objectType: "claim",
                    objectId: claim.id.uuidString.lowercased(), before: claim, after: moved, on: connection)
            }
            return (verdict, created)
        }
    }

    /// The verdicts on a claim that the caller may see under blind review.
    package func verdicts(claimId: String, user: User) async throws -> [Verdict] {
        try await database.read { connection in
            let claim = try await loadClaim(claimId, on: connection)
            let (project, role) = try await access(claim, user: user, .readProject, on: connection)
            let all = try await reviews.verdicts(claimId: claim.id, on: connection)
            switch VerdictVisibility.of(
                role: role, isAdmin: user.isAdmin, blindReview: project.blindReview, hasOwnVerdict: all.contains { $0.reviewerId == user.id },
                status: claim.status)
            {
            case .all: return all
            case .ownOnly: return all.filter { $0.reviewerId == user.id }
            case .none: return []
            }
        }
    }

    // MARK: - Resolution

    /// Records (or, with `ifMatch`, revises) the editor's resolution; the claim becomes `verified`.
    package func resolve(claimId: String, user: User, rating: String, rationale: String?, verdictIds: [UUID]?, ifMatch: String?) async throws
        -> (Resolution, created: Bool)
    {
        try await database.transaction { connection in
            let claim = try await loadClaim(claimId, lock: true, on: connection)
            let (project, _) = try await access(claim, user: user, .resolveClaim, on: connection)
            try project.ratingScale.validate(rating)
            try ClaimWorkflow.checkNotPublished(claim.status)
            guard ClaimWorkflow.canResolve(claim.status) else {
                throw VerityError(
                    .conflict, code: "claim.not_ready",
                    "A \(claim.status.rawValue) claim cannot be resolved: it needs its verdicts first (agreed or disputed).")
            }
            let verdicts = try await reviews.verdicts(claimId: claim.id, on: connection)
            let considered = verdictIds ?? verdicts.map(\.id)
            if let unknown = considered.first(where: { id in !verdicts.contains { $0.id == id } }) {
                throw VerityError.validation(
                    code: "resolution.unknown_verdict", "A listed verdict is not on this claim.",
                    [FieldError(path: "verdictIds", message: "\(unknown.uuidString.lowercased()) is not a verdict on this claim")])
            }
            let resolution: Resolution
            let created: Bool
            if let existing = try await reviews.resolution(claimId: claim.id, on: connection) {
                let version = try EntityTag.requireVersion(ifMatch, object: "resolution")
                guard existing.version == version,
                    let updated = try await reviews.updateResolution(
                        claimId: claim.id, version: version, rating: rating, rationale: rationale, verdictIds: considered, resolvedBy: user.id,
                        on: connection)
                else { throw VersionConflict(current: existing) }
                try await audit.record(
                    projectId: claim.projectId, actorId: user.id, action: "resolution.updated", objectType: "resolution",
                    objectId: claim.id.uuidString.lowercased(), before: existing, after: updated, on: connection)
                (resolution, created) = (updated, false)
            } else {
                let inserted = try await reviews.insertResolution(
                    projectId: claim.projectId, claimId: claim.id, rating: rating, rationale: rationale, verdictIds: considered, resolvedBy: user.id,
                    on: connection)
                try await audit.record(
                    projectId: claim.projectId, actorId: user.id, action: "resolution.recorded", objectType: "resolution",
                    objectId: claim.id.uuidString.lowercased(), before: Resolution?.none, after: inserted, on: connection)
                (resolution, created) = (inserted, true)
            }
            if claim.status != .verified {
                guard
                    let moved = try await reviews.updateClaim(
                        id: claim.id, version: claim.version, metadata: claim.metadata, status: .verified, on: connection)
                else { throw VersionConflict(current: claim) }
                try await audit.record(
                    projectId: claim.projectId, actorId: user.id, action: "claim.status_changed", objectType: "claim",
                    objectId: claim.id.uuidString.lowercased(), before: claim, after: moved, on: connection)
            }
            return (resolution, created)
        }
    }

    // MARK: - Work queue

    /// The next claim for the caller to judge, leased to them for `leaseSeconds`; nil when none is left.
    package func nextInQueue(project slugOrId: String, user: User, leaseSeconds: Int) async throws -> (Claim, Date)? {
        try await database.transaction { connection in
            let project = try await projects.authorize(slugOrId, actor: .user(user), .submitVerdict, on: connection)
            return try await reviews.leaseNextClaim(
                projectId: project.id, userId: user.id, reviewersPerClaim: project.reviewersPerClaim, leaseSeconds: leaseSeconds, on: connection)
        }
    }

    // MARK: - Agreement

    /// Agreement figures for a project (editors and owners: they reveal every rating), overall and per
    /// article, optionally for one article, one tag, or claims created from `since` (inclusive) to `until` (exclusive).
    package func agreement(
        project slugOrId: String, user: User, articleId: String?, tag: String?, since: String?, until: String?, basis: String? = nil
    ) async throws -> (overall: AgreementReport, byArticle: [(UUID, AgreementReport)]) {
        var errors: [FieldError] = []
        // Independent ratings by default: what each reviewer said before they could see another verdict, so
        // changing one's verdict after peeking cannot make the figures look better.
        let independent: Bool
        switch basis ?? "independent" {
        case "independent": independent = true
        case "final": independent = false
        default:
            independent = true
            errors.append(FieldError(path: "basis", message: "independent or final"))
        }
        let article = articleId.flatMap { value -> UUID? in
            guard let id = UUID(uuidString: value) else {
                errors.append(FieldError(path: "article", message: "an article id"))
                return nil
            }
            return id
        }
        if let tag, tag.count > 64 { errors.append(FieldError(path: "tag", message: "at most 64 characters, as tags are")) }
        func date(_ value: String?, _ path: String) -> Date? {
            guard let value else { return nil }
            guard let date = ArticleRecord.parseDate(value) else {
                errors.append(FieldError(path: path, message: "an ISO 8601 date or date-time"))
                return nil
            }
            return date
        }
        let from = date(since, "since")
        let to = date(until, "until")
        guard errors.isEmpty else { throw VerityError.validation(code: "agreement.invalid_filter", "Invalid filter.", errors) }
        return try await database.read { connection in
            let project = try await projects.authorize(slugOrId, actor: .user(user), .readAllVerdicts, on: connection)
            let rows = try await reviews.ratings(
                projectId: project.id, articleId: article, tag: tag, since: from, until: to, independent: independent, on: connection)
            var units: [UUID: Agreement.Unit] = [:]
            var articleOf: [UUID: UUID] = [:]
            for row in rows {
                units[row.claim, default: [:]][row.reviewer] = row.rating
                articleOf[row.claim] = row.article
            }
            let overall = AgreementReport(units: Array(units.values), scale: project.ratingScale, reviewersPerClaim: project.reviewersPerClaim)
            let byArticle = Dictionary(grouping: units.keys, by: { articleOf[$0]! })
                .map { articleId, claims in
                    (
                        articleId,
                        AgreementReport(units: claims.map { units[$0]! }, scale: project.ratingScale, reviewersPerClaim: project.reviewersPerClaim)
                    )
                }
                .sorted { $0.0.uuidString < $1.0.uuidString }
            return (overall, byArticle)
        }
    }

    // MARK: - Audit

    /// A page of a project's audit trail (editors and owners).
    package func auditTrail(project slugOrId: String, user: User, objectId: String?, actorId: String?, cursor: String?, limit: Int?) async throws
        -> Page<AuditEvent>
    {
        let limit = try Page<Never>.validLimit(limit)
        let position = try cursor.map(Page<Never>.idCursor)
        if let objectId, objectId.unicodeScalars.count > 64 {
            throw VerityError.validation(
                code: "audit.invalid_object", "Invalid object id.", [FieldError(path: "object", message: "at most 64 characters")])
        }
        let actor = try actorId.map { value -> UUID in
            guard let id = UUID(uuidString: value) else {
                throw VerityError.validation(code: "audit.invalid_actor", "Invalid actor id.", [FieldError(path: "actor", message: "a user id")])
            }
            return id
        }
        return try await database.read { connection in
            let project = try await projects.authorize(slugOrId, actor: .user(user), .readAudit, on: connection)
            return try await audit.list(
                projectId: project.id, objectId: objectId?.lowercased(), actorId: actor, before: position, limit: limit, on: connection)
        }
    }

    /// Everything that happened to one claim, newest first (editors and owners): the claim's own events,
    /// its verdicts' and its resolution's.
    package func history(claimId: String, user: User) async throws -> [AuditEvent] {
        try await database.read { connection in
            let claim = try await loadClaim(claimId, on: connection)
            _ = try await access(claim, user: user, .readAudit, on: connection)
            let verdictIds = try await reviews.verdicts(claimId: claim.id, on: connection).map { $0.id.uuidString.lowercased() }
            return try await audit.events(projectId: claim.projectId, objectIds: [claim.id.uuidString.lowercased()] + verdictIds, on: connection)
        }
    }
}
