import Foundation
import Logging
import PostgresNIO
import VerityCore

/// Projects and memberships.
package struct ProjectStore: Sendable {
    package let logger: Logger

    /// Creates the store.
    package init(logger: Logger) { self.logger = logger }

    private func project(_ row: PostgresRow) throws -> Project {
        let r = row.makeRandomAccess()
        let scale = try r["rating_scale"].decode(String?.self).map { try JSONDecoder().decode(RatingScale.self, from: Data($0.utf8)) }
        return Project(
            id: try r["id"].decode(UUID.self), slug: try r["slug"].decode(String.self), name: try r["name"].decode(String.self),
            reviewersPerClaim: try r["reviewers_per_claim"].decode(Int.self), blindReview: try r["blind_review"].decode(Bool.self),
            createdAt: try r["created_at"].decode(Date.self), ratingScale: scale ?? .standard)
    }

    /// Inserts a project; a taken slug is a conflict.
    package func create(slug: String, name: String, reviewersPerClaim: Int, blindReview: Bool, on connection: PostgresConnection) async throws
        -> Project
    {
        let rows = try await connection.query(
            """
            INSERT INTO projects (slug, name, reviewers_per_claim, blind_review) VALUES (\(slug), \(name), \(reviewersPerClaim), \(blindReview))
            RETURNING id, slug, name, reviewers_per_claim, blind_review, created_at, rating_scale::text
            """, logger: logger)
        for try await row in rows { return try project(row) }
        throw VerityError(.internalError, code: "project.insert_failed", "The project was not created.")
    }

    /// A project by slug or id, with the role a user holds in it (nil role: not a member).
    package func find(_ slugOrId: String, userId: UUID?, on connection: PostgresConnection) async throws -> (Project, Role?)? {
        let id = UUID(uuidString: slugOrId)
        let rows = try await connection.query(
            """
            SELECT p.id, p.slug, p.name, p.reviewers_per_claim, p.blind_review, p.created_at, p.rating_scale::text AS rating_scale, m.role
            FROM projects p LEFT JOIN memberships m ON m.project_id = p.id AND m.user_id = \(userId)
            WHERE p.slug = \(slugOrId) OR p.id = \(id)
            """, logger: logger)
        for try await row in rows {
            let role = try row.makeRandomAccess()["role"].decode(String?.self).flatMap(Role.init(rawValue:))
            return (try project(row), role)
        }
        return nil
    }

    /// Grants a role, or changes the role a member already has.
    package func setMember(projectId: UUID, userId: UUID, role: Role, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO memberships (project_id, user_id, role) VALUES (\(projectId), \(userId), \(role.rawValue))
            ON CONFLICT (project_id, user_id) DO UPDATE SET role = EXCLUDED.role, version = memberships.version + 1, updated_at = now()
            WHERE memberships.role <> EXCLUDED.role
            """, logger: logger)
    }
}
