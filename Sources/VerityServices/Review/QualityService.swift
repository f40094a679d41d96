import Foundation
import VerityCore
import VerityData

/// A reviewer's figures in a project (`GET /projects/{p}/reviewers`).
package struct ReviewerQuality: Sendable, Equatable {
    /// Cohen's kappa with one other reviewer over the ordinary claims both judged.
    package struct Pair: Sendable, Equatable {
        package var username: String
        package var claims: Int
        package var kappa: Double?
    }

    package var username: String
    package var verdicts: Int
    package var goldAnswered: Int
    package var goldCorrect: Int
    /// goldCorrect / goldAnswered; nil before any control claim was answered.
    package var goldAccuracy: Double?
    /// The share of the reviewer's verdicts on resolved ordinary claims that match the resolution.
    package var agreementWithResolution: Double?
    package var medianSecondsToVerdict: Double?
    package var kappa: [Pair]
}

/// Control (gold) claims and reviewer quality. A control claim is an ordinary claim an editor knows the answer
/// to: nothing on the claim, the queue, events or exports tells a reviewer it is one — the mark lives in its own
/// table, its audit events are an object type only editors' views show.
package struct QualityService: Sendable {
    let database: Database
    let projects: ProjectService
    private let store: MatchingStore
    private let reviews: ReviewStore
    private let audit: AuditStore

    /// Creates the service.
    package init(database: Database, projects: ProjectService) {
        self.database = database
        self.projects = projects
        self.store = MatchingStore(logger: database.logger)
        self.reviews = ReviewStore(logger: database.logger)
        self.audit = AuditStore(logger: database.logger)
    }

    /// Marks a claim as a control claim with a known rating (editors and up); audited as a `gold` object.
    package func setGold(claimId: String, rating: String, user: User) async throws -> (claimId: UUID, rating: String) {
        try await database.transaction { connection in
            let access = try await ClaimResolver(reviews: reviews).resolve(claimId, user: user, lock: true, on: connection)
            try access.require(.manageGold)
            do {
                try access.project.ratingScale.validate(rating)
            } catch let error as VerityError {
                throw VerityError.validation(code: .goldInvalidRating, error.message, error.fieldErrors)
            }
            let before = try await store.goldRating(claimId: access.claim.id, on: connection)
            try await store.setGold(projectId: access.project.id, claimId: access.claim.id, rating: rating, by: user.id, on: connection)
            if before != rating {
                try await audit.record(
                    projectId: access.project.id, actorId: user.id, action: "gold.set", objectType: "gold",
                    objectId: access.claim.id.lowercasedString,
                    before: before.map { ["rating": $0] }, after: ["rating": rating], on: connection)
            }
            return (access.claim.id, rating)
        }
    }

    /// Makes a control claim an ordinary one again (editors and up). A claim that was not one is not found.
    package func clearGold(claimId: String, user: User) async throws {
        try await database.transaction { connection in
            let access = try await ClaimResolver(reviews: reviews).resolve(claimId, user: user, lock: true, on: connection)
            try access.require(.manageGold)
            let before = try await store.goldRating(claimId: access.claim.id, on: connection)
            guard try await store.clearGold(claimId: access.claim.id, on: connection) else { throw VerityError.notFound(.claim) }
            try await audit.record(
                projectId: access.project.id, actorId: user.id, action: "gold.cleared", objectType: "gold",
                objectId: access.claim.id.lowercasedString,
                before: before.map { ["rating": $0] }, after: [String: String]?.none, on: connection)
        }
    }

    /// The known rating of a control claim (editors and up), nil for an ordinary claim.
    package func gold(claimId: String, user: User) async throws -> String? {
        try await database.read { connection in
            let access = try await ClaimResolver(reviews: reviews).resolve(claimId, user: user, on: connection)
            try access.require(.manageGold)
            return try await store.goldRating(claimId: access.claim.id, on: connection)
        }
    }

    /// Every reviewer's figures in a project (editors and up).
    package func reviewers(project slugOrId: String, user: User) async throws -> [ReviewerQuality] {
        try await database.read { connection in
            let project = try await projects.authorize(slugOrId, actor: .user(user), .readReviewerQuality, on: connection)
            let figures = try await store.reviewerFigures(projectId: project.id, on: connection)
            let ratings = try await reviews.ratings(
                projectId: project.id, articleId: nil, tag: nil, since: nil, until: nil, independent: false, on: connection)
            var units: [UUID: Agreement.Unit] = [:]
            for row in ratings { units[row.claim, default: [:]][row.reviewer] = row.rating }
            let report = AgreementReport(units: Array(units.values), scale: project.ratingScale, reviewersPerClaim: project.reviewersPerClaim)
            return figures.map { f in
                let pairs = report.pairs.compactMap { pair -> ReviewerQuality.Pair? in
                    if pair.a == f.username { return .init(username: pair.b, claims: pair.n, kappa: pair.cohenKappa) }
                    if pair.b == f.username { return .init(username: pair.a, claims: pair.n, kappa: pair.cohenKappa) }
                    return nil
                }
                return ReviewerQuality(
                    username: f.username, verdicts: f.verdicts, goldAnswered: f.goldAnswered, goldCorrect: f.goldCorrect,
                    goldAccuracy: f.goldAnswered > 0 ? Double(f.goldCorrect) / Double(f.goldAnswered) : nil,
                    agreementWithResolution: f.withResolution > 0 ? Double(f.agreeingWithResolution) / Double(f.withResolution) : nil,
                    medianSecondsToVerdict: f.medianSecondsToVerdict.map { ($0 * 10).rounded() / 10 },
                    kappa: pairs.sorted { $0.username < $1.username })
            }
        }
    }
}
