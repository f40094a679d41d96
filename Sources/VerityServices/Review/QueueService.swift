import Foundation
import VerityCore
import VerityData

/// The work queue: the next claim for a reviewer, leased to them for a while.
package struct QueueService: Sendable {
    let database: Database
    let projects: ProjectService
    private let reviews: ReviewStore

    /// Creates the service.
    package init(database: Database, projects: ProjectService) {
        self.database = database
        self.projects = projects
        self.reviews = ReviewStore(logger: database.logger)
    }

    /// The next claim for the caller to judge, leased to them for `leaseSeconds`; nil when none is left.
    package func next(project slugOrId: String, user: User, leaseSeconds: Int) async throws -> (Claim, Date)? {
        try await database.transaction { connection in
            let project = try await projects.authorize(slugOrId, actor: .user(user), .submitVerdict, on: connection)
            // Control claims come at the project's rate, drawn per lease: the reviewer sees one queue.
            return try await reviews.leaseNextClaim(
                projectId: project.id, userId: user.id, reviewersPerClaim: project.reviewersPerClaim, leaseSeconds: leaseSeconds,
                preferGold: Double.random(in: 0..<1) < project.goldRate, on: connection)
        }
    }
}
