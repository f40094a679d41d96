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
        var reader = RowReader(row)
        return try Self.decodeProject(&reader)
    }

    /// The columns `decodeProject` reads, in its order, from `projects p`.
    static let projectColumns =
        "p.id, p.slug, p.name, p.reviewers_per_claim, p.blind_review, p.created_at, p.rating_scale::text AS rating_scale, p.lock_verdicts_after_reveal, "
        + "p.review_url_template, p.organization, p.organization_url, p.gold_rate"

    /// A project from the next `projectColumns` of a row.
    static func decodeProject(_ r: inout RowReader) throws -> Project {
        let id = try r.next(UUID.self)
        let slug = try r.next(String.self)
        let name = try r.next(String.self)
        let reviewersPerClaim = try r.next(Int.self)
        let blindReview = try r.next(Bool.self)
        let createdAt = try r.next(Date.self)
        let scale = try r.next(String?.self).map { try JSONDecoder().decode(RatingScale.self, from: Data($0.utf8)) }
        var project = Project(
            id: id, slug: slug, name: name, reviewersPerClaim: reviewersPerClaim, blindReview: blindReview, createdAt: createdAt,
            ratingScale: scale ?? .standard, lockVerdictsAfterReveal: try r.next(Bool.self))
        project.reviewURLTemplate = try r.next(String?.self)
        project.organization = try r.next(String?.self)
        project.organizationURL = try r.next(String?.self)
        project.goldRate = try r.next(Double.self)
        return project
    }

    /// Inserts a project; a taken slug is a conflict.
    package func create(
        slug: String, name: String, reviewersPerClaim: Int, blindReview: Bool, ratingScale: RatingScale?, on connection: DatabaseConnection
    ) async throws -> Project {
        let scale = try ratingScale.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        let rows = try await connection.query(
            """
            INSERT INTO projects (slug, name, reviewers_per_claim, blind_review, rating_scale)
            VALUES (\(slug), \(name), \(reviewersPerClaim), \(blindReview), \(scale)::jsonb)
            RETURNING id, slug, name, reviewers_per_claim, blind_review, created_at, rating_scale::text, lock_verdicts_after_reveal,
                review_url_template, organization, organization_url, gold_rate
            """, logger: logger)
        for try await row in rows { return try project(row) }
        throw VerityError(.internalError, code: .projectInsertFailed, "The project was not created.")
    }

    /// A project by slug or id, with the role a user holds in it (nil role: not a member).
    package func find(_ slugOrId: String, userId: UUID?, on connection: DatabaseConnection) async throws -> (Project, Role?)? {
        try await connection.first(FindProject(slugOrId: slugOrId, id: UUID(uuidString: slugOrId), userId: userId), logger: logger)
    }

    /// A project by slug or id with the caller's role: the first statement of every project-scoped request.
    struct FindProject: PostgresPreparedStatement {
        static let sql = """
            SELECT \(projectColumns), m.role
            FROM projects p LEFT JOIN memberships m ON m.project_id = p.id AND m.user_id = $3
            WHERE p.slug = $1 OR p.id = $2
            """
        typealias Row = (Project, Role?)
        var slugOrId: String
        var id: UUID?
        var userId: UUID?

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 3)
            bindings.append(slugOrId)
            bindings.append(id)
            bindings.append(userId)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try ProjectStore.projectAndRole(row) }
    }

    /// A project by slug or id with the role each of several users holds in it, taking the project's
    /// import lock, shared, until the transaction ends (`ArticleStore.lockProjectForImport(shared: true)`
    /// in the same round trip): the first statement of a turn of single-record imports.
    package func findLockingImports(_ slugOrId: String, userIds: [UUID], on connection: DatabaseConnection) async throws
        -> (Project, [UUID: Role])?
    {
        var project: Project?
        var roles: [UUID: Role] = [:]
        let statement = FindProjectRolesLockingImports(slugOrId: slugOrId, id: UUID(uuidString: slugOrId), userIds: userIds)
        for row in try await connection.all(statement, logger: logger) {
            project = row.project
            if let role = row.role { roles[row.userId] = role }
        }
        return project.map { ($0, roles) }
    }

    /// `FindProject` for several users, a row per user (role nil: not a member), with the import lock.
    /// The lock is taken after the statement's snapshot, which only the authorisation reads; the turn's
    /// duplicate check comes in a later statement, so it sees every import that held the lock before.
    struct FindProjectRolesLockingImports: PostgresPreparedStatement {
        static let sql = """
            SELECT \(projectColumns), m.role, u.id, pg_advisory_xact_lock_shared(\(ArticleStore.importLockKey("upper(p.id::text)")))::text
            FROM projects p CROSS JOIN unnest($3::uuid[]) AS u(id)
            LEFT JOIN memberships m ON m.project_id = p.id AND m.user_id = u.id
            WHERE p.slug = $1 OR p.id = $2
            """
        typealias Row = (project: Project, role: Role?, userId: UUID)
        var slugOrId: String
        var id: UUID?
        var userIds: [UUID]

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 3)
            bindings.append(slugOrId)
            bindings.append(id)
            bindings.append(userIds)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {
            var reader = RowReader(row)
            let project = try ProjectStore.decodeProject(&reader)
            let role = try reader.next(String?.self).flatMap(Role.init(rawValue:))
            return (project, role, try reader.next(UUID.self))
        }
    }

    /// A row of `projectColumns` followed by a membership role.
    static func projectAndRole(_ row: PostgresRow) throws -> (Project, Role?) {
        var reader = RowReader(row)
        let project = try decodeProject(&reader)
        return (project, try reader.next(String?.self).flatMap(Role.init(rawValue:)))
    }

    /// Changes a project's settings (nil: unchanged); returns the project as it now is.
    package func updateSettings(
        projectId: UUID, name: String?, reviewersPerClaim: Int?, blindReview: Bool?, lockVerdictsAfterReveal: Bool?, goldRate: Double? = nil,
        publishing: (reviewURLTemplate: String?, organization: String?, organizationURL: String?) = (nil, nil, nil), on connection: DatabaseConnection
    ) async throws -> Project? {
        let rows = try await connection.query(
            """
            UPDATE projects AS p SET name = coalesce(\(name), p.name), reviewers_per_claim = coalesce(\(reviewersPerClaim), p.reviewers_per_claim),
                blind_review = coalesce(\(blindReview), p.blind_review),
                lock_verdicts_after_reveal = coalesce(\(lockVerdictsAfterReveal), p.lock_verdicts_after_reveal),
                gold_rate = coalesce(\(goldRate), p.gold_rate),
                -- An empty string clears a publishing setting; nil keeps it.
                review_url_template = CASE WHEN \(publishing.reviewURLTemplate)::text IS NULL THEN p.review_url_template
                    ELSE nullif(\(publishing.reviewURLTemplate), '') END,
                organization = CASE WHEN \(publishing.organization)::text IS NULL THEN p.organization ELSE nullif(\(publishing.organization), '') END,
                organization_url = CASE WHEN \(publishing.organizationURL)::text IS NULL THEN p.organization_url
                    ELSE nullif(\(publishing.organizationURL), '') END
            WHERE p.id = \(projectId)
            RETURNING \(unescaped: Self.projectColumns)
            """, logger: logger)
        for try await row in rows { return try project(row) }
        return nil
    }

    /// Grants a role, or changes the role a member already has.
    package func setMember(projectId: UUID, userId: UUID, role: Role, on connection: DatabaseConnection) async throws {
        try await connection.query(
            """
            INSERT INTO memberships (project_id, user_id, role) VALUES (\(projectId), \(userId), \(role.rawValue))
            ON CONFLICT (project_id, user_id) DO UPDATE SET role = EXCLUDED.role, version = memberships.version + 1, updated_at = now()
            WHERE memberships.role <> EXCLUDED.role
            """, logger: logger)
    }

    /// Projects a user belongs to with their role, or every project (role nil unless a member) for admins.
    package func list(for user: User, on connection: DatabaseConnection) async throws -> [(Project, Role?)] {
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.projectColumns), m.role
            FROM projects p LEFT JOIN memberships m ON m.project_id = p.id AND m.user_id = \(user.id)
            WHERE m.user_id IS NOT NULL OR \(user.isAdmin)
            ORDER BY p.slug
            """, logger: logger)
        var result: [(Project, Role?)] = []
        for try await row in rows { result.append(try Self.projectAndRole(row)) }
        return result
    }

    private func membership(_ row: PostgresRow) throws -> Membership {
        let (projectId, userId, username, role, version) = try row.decode((UUID, UUID, String, String, Int).self)
        return Membership(projectId: projectId, userId: userId, username: username, role: Role(rawValue: role) ?? .viewer, version: version)
    }

    /// A project's members, by username.
    package func members(projectId: UUID, on connection: DatabaseConnection) async throws -> [Membership] {
        let rows = try await connection.query(
            """
            SELECT m.project_id, m.user_id, u.username, m.role, m.version FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.project_id = \(projectId) ORDER BY lower(u.username)
            """, logger: logger)
        var result: [Membership] = []
        for try await row in rows { result.append(try membership(row)) }
        return result
    }

    /// Inserts a membership.
    package func insertMember(projectId: UUID, userId: UUID, role: Role, on connection: DatabaseConnection) async throws -> Membership {
        let rows = try await connection.query(
            """
            WITH m AS (INSERT INTO memberships (project_id, user_id, role) VALUES (\(projectId), \(userId), \(role.rawValue)) RETURNING *)
            SELECT m.project_id, m.user_id, u.username, m.role, m.version FROM m JOIN users u ON u.id = m.user_id
            """, logger: logger)
        for try await row in rows { return try membership(row) }
        throw VerityError(.internalError, code: .membershipInsertFailed, "The membership was not created.")
    }

    /// Changes a role if `version` is current; nil when it is not.
    package func updateMember(projectId: UUID, userId: UUID, version: Int, role: Role, on connection: DatabaseConnection) async throws -> Membership?
    {
        let rows = try await connection.query(
            """
            WITH m AS (
                UPDATE memberships SET role = \(role.rawValue), version = version + 1, updated_at = now()
                WHERE project_id = \(projectId) AND user_id = \(userId) AND version = \(version) RETURNING *
            )
            SELECT m.project_id, m.user_id, u.username, m.role, m.version FROM m JOIN users u ON u.id = m.user_id
            """, logger: logger)
        for try await row in rows { return try membership(row) }
        return nil
    }

    /// Removes a membership if `version` is current.
    package func deleteMember(projectId: UUID, userId: UUID, version: Int, on connection: DatabaseConnection) async throws -> Bool {
        let rows = try await connection.query(
            "DELETE FROM memberships WHERE project_id = \(projectId) AND user_id = \(userId) AND version = \(version) RETURNING 1", logger: logger)
        for try await _ in rows { return true }
        return false
    }

    /// Serialises membership changes in one project (for the last-owner rule).
    package func lockMemberships(projectId: UUID, on connection: DatabaseConnection) async throws {
        try await connection.query("SELECT id FROM projects WHERE id = \(projectId) FOR UPDATE", logger: logger)
    }
}
