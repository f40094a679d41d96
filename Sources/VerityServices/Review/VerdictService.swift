import Foundation
import VerityCore
import VerityData

/// Verdicts: a reviewer's own rating of a claim, and what blind review lets a caller see of everyone's.
package struct VerdictService: Sendable {
    let database: Database
    let resolver: ClaimResolver
    private let reviews: ReviewStore
    private let audit: AuditStore
    private let articles: ArticleStore

    /// Creates the service.
    package init(database: Database) {
        self.database = database
        self.articles = ArticleStore(logger: database.logger)
        self.reviews = ReviewStore(logger: database.logger)
        self.audit = AuditStore(logger: database.logger)
        self.resolver = ClaimResolver(reviews: reviews)
    }

    /// Checks each article span a verdict cites against the article's current text (an article of the same
    /// project; offsets inside the text, on character boundaries) and records what it covers: the quote,
    /// the revision and the sentences (span ordinals) the offsets count into.
    private func citingArticles(_ input: VerdictInput, projectId: UUID, on connection: DatabaseConnection) async throws -> VerdictInput {
        var input = input
        var errors: [FieldError] = []
        for (i, item) in input.evidence.enumerated() where item.kind == .article {
            guard let id = item.articleId.flatMap(UUID.init(uuidString:)), let start = item.start, let end = item.end,
                let article = try await articles.article(id: id, on: connection), article.summary.projectId == projectId
            else {
                errors.append(FieldError(path: "evidence.\(i).articleId", message: "no such article in this project"))
                continue
            }
            let text = TextIndex(article.text)
            guard end <= text.scalars.count else {
                errors.append(FieldError(path: "evidence.\(i).end", message: "past the end of the article (\(text.scalars.count) code points)"))
                continue
            }
            guard text.isClusterBoundary(start), text.isClusterBoundary(end) else {
                errors.append(FieldError(path: "evidence.\(i).start", message: "splits a character"))
                continue
            }
            input.evidence[i].quote = text.slice(start, end)
            input.evidence[i].revision = article.summary.revision
            input.evidence[i].spanOrdinals = article.spans.filter { $0.range.start < end && $0.range.end > start }.map(\.ordinal)
        }
        guard errors.isEmpty else { throw VerityError.validation(code: .verdictInvalid, "The verdict is not valid.", errors) }
        return input
    }

    /// Submits or revises the caller's verdict. Revising needs `ifMatch` with the verdict's current
    /// version. The claim's status follows from its verdicts.
    package func submit(claimId: String, user: User, input: VerdictInput, ifMatch: String?) async throws -> (Verdict, created: Bool) {
        try await database.transaction { connection in
            // Locking the claim serialises verdicts on it, so its status is computed from a stable set.
            let access = try await resolver.resolve(claimId, user: user, lock: true, on: connection)
            let (claim, project) = (access.claim, access.project)
            try access.require(.submitVerdict)
            try input.validate(scale: project.ratingScale)
            let input = try await citingArticles(input, projectId: claim.projectId, on: connection)
            guard ClaimWorkflow.isUnderReview(claim.status) else {
                throw VerityError(
                    .conflict, code: .claimClosed, "The claim is \(claim.status.rawValue): verdicts can no longer be submitted or changed.")
            }
            let existing = try await reviews.verdicts(claimId: claim.id, on: connection)
            let others = existing.filter { $0.reviewerId != user.id }
            var entries: [AuditStore.Entry] = []
            let verdict: Verdict
            let created: Bool
            if let mine = existing.first(where: { $0.reviewerId == user.id }) {
                let version = try EntityTag.requireVersion(ifMatch, object: .verdict)
                guard mine.version == version else { throw VersionConflict(current: mine) }
                // Once their verdict is in, a reviewer sees every other one: a change now is made in sight of them.
                if project.lockVerdictsAfterReveal && !others.isEmpty {
                    throw VerityError(
                        .conflict, code: .verdictLockedAfterReveal,
                        "This project keeps verdicts as they were before other verdicts could be seen: yours can no longer change.")
                }
                guard
                    let updated = try await reviews.updateVerdict(id: mine.id, version: version, input, afterSeeing: !others.isEmpty, on: connection)
                else { throw VersionConflict(current: mine) }
                entries.append(
                    try AuditStore.Entry(
                        projectId: claim.projectId, actorId: user.id, action: "verdict.updated", objectType: "verdict",
                        objectId: updated.id.lowercasedString, before: mine, after: updated))
                (verdict, created) = (updated, false)
            } else {
                // Independent: given before its author could see any other verdict on the claim (blind review
                // hides them from a reviewer until now; an editor, or a project without blind review, shows them).
                let couldSee = !others.isEmpty && access.verdictVisibility(hasOwnVerdict: false) == .all
                let inserted = try await reviews.insertVerdict(
                    projectId: claim.projectId, claimId: claim.id, reviewerId: user.id, input, independent: !couldSee, releasingLease: true,
                    on: connection)
                entries.append(
                    try AuditStore.Entry(
                        projectId: claim.projectId, actorId: user.id, action: "verdict.submitted", objectType: "verdict",
                        objectId: inserted.id.lowercasedString, before: Verdict?.none, after: inserted))
                (verdict, created) = (inserted, true)
            }
            let ratings = others.map(\.rating) + [verdict.rating]
            let status = ClaimWorkflow.statusAfterVerdicts(current: claim.status, ratings: ratings, reviewersPerClaim: project.reviewersPerClaim)
            if status != claim.status {
                guard
                    let moved = try await reviews.updateClaim(
                        id: claim.id, version: claim.version, metadata: claim.metadata, status: status, on: connection)
                else { throw VersionConflict(current: claim) }
                entries.append(
                    try AuditStore.Entry(
                        projectId: claim.projectId, actorId: user.id, action: "claim.status_changed", objectType: "claim",
                        objectId: claim.id.lowercasedString, before: claim, after: moved))
            }
            try await audit.record(entries, on: connection)
            return (verdict, created)
        }
    }

    /// The verdicts on a claim that the caller may see under blind review.
    package func verdicts(claimId: String, user: User) async throws -> [Verdict] {
        try await database.replicaRead { connection in
            let access = try await resolver.resolve(claimId, user: user, on: connection)
            let all = try await reviews.verdicts(claimId: access.claim.id, on: connection)
            switch access.verdictVisibility(hasOwnVerdict: all.contains { $0.reviewerId == user.id }) {
            case .all: return all
            case .ownOnly: return all.filter { $0.reviewerId == user.id }
            case .none: return []
            }
        }
    }
}
