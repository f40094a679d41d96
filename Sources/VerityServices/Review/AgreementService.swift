import Foundation
import VerityCore
import VerityData

/// Inter-reviewer agreement: what editors read to know whether reviewers rate alike.
package struct AgreementService: Sendable {
    let database: Database
    let projects: ProjectService
    private let reviews: ReviewStore

    /// Creates the service.
    package init(database: Database, projects: ProjectService) {
        self.database = database
        self.projects = projects
        self.reviews = ReviewStore(logger: database.logger)
    }

    /// Agreement figures for a project (editors and owners: they reveal every rating), overall and per
    /// article, optionally for one article, one tag, or claims created from `since` (inclusive) to `until` (exclusive).
    package func report(
        project slugOrId: String, user: User, articleId: String?, tag: String?, since: String?, until: String?, basis: String? = nil,
        includeGold: Bool = false
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
        guard errors.isEmpty else { throw VerityError.validation(code: .agreementInvalidFilter, "Invalid filter.", errors) }
        return try await database.replicaRead { connection in
            let project = try await projects.authorize(slugOrId, actor: .user(user), .readAllVerdicts, on: connection)
            let rows = try await reviews.ratings(
                projectId: project.id, articleId: article, tag: tag, since: from, until: to, independent: independent, includeGold: includeGold,
                on: connection)
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
}
