import Foundation
import Logging
import PostgresNIO
import VerityCore
import VerityData

/// Projects and who may do what in them.
package struct ProjectService: Sendable {
    package let database: Database
    package let projects: ProjectStore
    package let accounts: AccountStore

    /// Creates the service.
    package init(database: Database) {
        self.database = database
        self.projects = ProjectStore(logger: database.logger)
        self.accounts = AccountStore(logger: database.logger)
    }

    /// Creates a project.
    package func create(slug: String, name: String?, reviewersPerClaim: Int = 2, blindReview: Bool = true) async throws -> Project {
        try Project.validateSlug(slug)
        try Project.validateReviewersPerClaim(reviewersPerClaim)
        let name = name.map { TextNormalizer.collapseSpaces($0) }.flatMap { $0.isEmpty ? nil : $0 } ?? slug
        return try await database.transaction { connection in
            try await projects.create(slug: slug, name: name, reviewersPerClaim: reviewersPerClaim, blindReview: blindReview, on: connection)
        }
    }

    /// Grants a user a role in a project (or changes it).
    package func addMember(project slug: String, username: String, role: Role) async throws {
        try await database.transaction { connection in
            guard let (project, _) = try await projects.find(slug, userId: nil, on: connection) else { throw VerityError.notFound("project") }
            guard let (user, _) = try await accounts.findUser(username: username, on: connection) else { throw VerityError.notFound("user") }
            try await projects.setMember(projectId: project.id, userId: user.id, role: role, on: connection)
        }
    }

    /// The project named by slug or id, if `user` may use `permission` in it. A project the user cannot
    /// see at all is `notFound` (never `forbidden`, so ids don't leak); a member lacking the permission is `forbidden`.
    package func authorize(_ slugOrId: String, actor: Actor, _ permission: Permission, on connection: PostgresConnection) async throws -> Project {
        guard let (project, role) = try await projects.find(slugOrId, userId: actor.user?.id, on: connection) else {
            throw VerityError.notFound("project")
        }
        let isAdmin: Bool
        switch actor {
        case .system: isAdmin = true
        case .user(let user): isAdmin = user.isAdmin
        }
        guard AccessPolicy.allows(role, .readProject, isAdmin: isAdmin) else { throw VerityError.notFound("project") }
        guard AccessPolicy.allows(role, permission, isAdmin: isAdmin) else {
            throw VerityError(.forbidden, code: "project.forbidden", "Your role in this project does not allow that.")
        }
        return project
    }

    /// `authorize` in its own read.
    package func authorize(_ slugOrId: String, actor: Actor, _ permission: Permission) async throws -> Project {
        try await database.read { connection in try await authorize(slugOrId, actor: actor, permission, on: connection) }
    }

    /// Whether a user may use a permission in the project with this id (for objects found by their own id).
    package func allows(projectId: UUID, user: User, _ permission: Permission, on connection: PostgresConnection) async throws -> Bool {
        guard let (_, role) = try await projects.find(projectId.uuidString, userId: user.id, on: connection) else { return false }
        return AccessPolicy.allows(role, permission, isAdmin: user.isAdmin)
    }
}
