import Foundation
import Logging
import VerityCore
import VerityData

/// Search across a project's articles, claims and the rationales the searcher may see.
package struct SearchService: Sendable {
    package let database: Database
    package let projects: ProjectService
    private let store: SearchStore

    /// Creates the service.
    package init(database: Database, projects: ProjectService) {
        self.database = database
        self.projects = projects
        self.store = SearchStore(logger: database.logger)
    }

    /// A page of ranked hits for `query` (web search syntax: words, "phrases", OR, -excluded).
    package func search(
        project slugOrId: String, user: User, query: String, status: String?, rating: String?, reviewer: String?, tag: String?,
        since: String?, until: String?, cursor: String?, limit: Int?
    ) async throws -> Page<SearchHit> {
        var errors: [FieldError] = []
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.count > 500 || trimmed.contains("\0") {
            errors.append(FieldError(path: "q", message: "1 to 500 characters of search terms"))
        }
        let claimStatus = status.flatMap { value -> ClaimStatus? in
            guard let parsed = ClaimStatus(rawValue: value) else {
                errors.append(FieldError(path: "status", message: "one of " + ClaimStatus.allCases.map(\.rawValue).joined(separator: ", ")))
                return nil
            }
            return parsed
        }
        func date(_ value: String?, _ path: String) -> Date? {
            guard let value else { return nil }
            guard let parsed = ArticleRecord.parseDate(value) else {
                errors.append(FieldError(path: path, message: "an ISO 8601 date or date-time"))
                return nil
            }
            return parsed
        }
        let from = date(since, "since")
        let to = date(until, "until")
        for (path, value) in [("rating", rating), ("reviewer", reviewer), ("tag", tag)]
        where (value?.count ?? 0) > 64 || value?.contains("\0") == true {
            errors.append(FieldError(path: path, message: "at most 64 characters"))
        }
        guard errors.isEmpty else { throw VerityError.validation(code: .searchInvalid, "The search is not valid.", errors) }
        let limit = try Page<Never>.validLimit(limit)
        let position = try cursor.map(SearchCursor.init(encoded:))
        let filters = SearchFilters(status: claimStatus, rating: rating, reviewer: reviewer, tag: tag, since: from, until: to)
        return try await database.replicaRead { connection in
            let (project, role) = try await projects.authorizeWithRole(slugOrId, actor: .user(user), .readProject, on: connection)
            let reader = SearchReader(
                userId: user.id, seesAllVerdicts: AccessPolicy.allows(role, .readAllVerdicts, isAdmin: user.isAdmin),
                isViewer: role == .viewer && !user.isAdmin, blindReview: project.blindReview)
            let hits = try await store.search(
                projectId: project.id, query: trimmed, filters: filters, reader: reader, after: position, limit: limit, on: connection)
            return Page(overfetched: hits, limit: limit) { $0.position.encoded }
        }
    }
}
