import Foundation
import Logging
import VerityCore
import VerityData

/// Projects and who may do what in them.
package struct ProjectService: Sendable {
    package let database: Database
    package let projects: ProjectStore
    package let accounts: AccountStore
    private let audit: AuditStore

    /// Creates the service.
    package init(database: Database) {
        self.database = database
        self.projects = ProjectStore(logger: database.logger)
        self.accounts = AccountStore(logger: database.logger)
        self.audit = AuditStore(logger: database.logger)
    }

    /// Creates a project (the CLI operator); audited with no actor.
    package func create(slug: String, name: String?, reviewersPerClaim: Int = 2, blindReview: Bool = true, ratingScale: RatingScale? = nil)
        async throws -> Project
    {
        try Project.validateSlug(slug)
        try Project.validateName(name)
        try Project.validateReviewersPerClaim(reviewersPerClaim)
        try ratingScale?.validateDefinition()
        let name = name.map { TextNormalizer.collapseSpaces($0) }.flatMap { $0.isEmpty ? nil : $0 } ?? slug
        return try await database.transaction { connection in
            let project = try await projects.create(
                slug: slug, name: name, reviewersPerClaim: reviewersPerClaim, blindReview: blindReview, ratingScale: ratingScale, on: connection)
            try await audit.record(
                projectId: project.id, actorId: nil, action: "project.created", objectType: "project", objectId: project.id.uuidString.lowercased(),
                before: String?.none, after: ["slug": project.slug, "name": project.name], on: connection)
            return project
        }
    }

    /// Grants a user a role in a project (or changes it), from the CLI; audited with no actor.
    package func addMember(project slug: String, username: String, role: Role) async throws {
        try await database.transaction { connection in
            guard let (project, _) = try await projects.find(slug, userId: nil, on: connection) else { throw VerityError.notFound(.project) }
            guard let (user, _) = try await accounts.findUser(username: username, on: connection) else { throw VerityError.notFound(.user) }
            try await projects.lockMemberships(projectId: project.id, on: connection)
            let before = try await projects.members(projectId: project.id, on: connection).first { $0.userId == user.id }
            try await projects.setMember(projectId: project.id, userId: user.id, role: role, on: connection)
            let after = try await projects.members(projectId: project.id, on: connection).first { $0.userId == user.id }
            guard before != after else { return }
            try await audit.record(
                projectId: project.id, actorId: nil, action: before == nil ? "membership.created" : "membership.updated", objectType: "membership",
                objectId: "\(project.id.uuidString.lowercased()):\(user.id.uuidString.lowercased())", before: before, after: after, on: connection)
        }
    }

    /// The project named by slug or id, if `user` may use `permission` in it. A project the user cannot
    /// see at all is `notFound` (never `forbidden`, so ids don't leak); a member lacking the permission is `forbidden`.
    package func authorize(_ slugOrId: String, actor: Actor, _ permission: Permission, on connection: DatabaseConnection) async throws -> Project {
        try await authorizeWithRole(slugOrId, actor: actor, permission, on: connection).project
    }

    /// `authorize`, also returning the actor's role in the project (nil for the system, admins and
    /// non-members), for what depends on it beyond the permission (blind review).
    package func authorizeWithRole(_ slugOrId: String, actor: Actor, _ permission: Permission, on connection: DatabaseConnection) async throws
        -> (project: Project, role: Role?)
    {
        guard let (project, role) = try await projects.find(slugOrId, userId: actor.user?.id, on: connection) else {
            throw VerityError.notFound(.project)
        }
        let isAdmin: Bool
        switch actor {
        case .system: isAdmin = true
        case .user(let user): isAdmin = user.isAdmin
        }
        try AccessPolicy.require(permission, role: role, isAdmin: isAdmin, on: .project)
        return (project, role)
    }

    /// `authorize(.importArticles)` for the senders of a turn of single-record imports, with one statement
    /// that also takes the project's import lock, shared, to the end of the transaction: the project each
    /// may import into, or the error each would have got alone (`not_found` for outsiders).
    package func authorizeImporters(_ slugOrId: String, users: [User], on connection: DatabaseConnection) async throws
        -> [UUID: Result<Project, VerityError>]
    {
        let permission = Permission.importArticles
        let found = try await projects.findLockingImports(slugOrId, userIds: users.map(\.id), on: connection)
        var access: [UUID: Result<Project, VerityError>] = [:]
        for user in users {
            guard let (project, roles) = found else {
                access[user.id] = .failure(VerityError.notFound(.project))
                continue
            }
            do {
                try AccessPolicy.require(permission, role: roles[user.id], isAdmin: user.isAdmin, on: .project)
                access[user.id] = .success(project)
            } catch let error as VerityError {
                access[user.id] = .failure(error)
            }
        }
        return access
    }

    /// `authorizeWithRole` in its own read.
    package func authorizeWithRole(_ slugOrId: String, actor: Actor, _ permission: Permission) async throws -> (project: Project, role: Role?) {
        try await database.read { connection in try await authorizeWithRole(slugOrId, actor: actor, permission, on: connection) }
    }

    /// `authorize` in its own read.
    package func authorize(_ slugOrId: String, actor: Actor, _ permission: Permission) async throws -> Project {
        try await database.read { connection in try await authorize(slugOrId, actor: actor, permission, on: connection) }
    }

    /// Whether a user may use a permission in the project with this id (for objects found by their own id).
    package func allows(projectId: UUID, user: User, _ permission: Permission, on connection: DatabaseConnection) async throws -> Bool {
        guard let (_, role) = try await projects.find(projectId.uuidString, userId: user.id, on: connection) else { return false }
        return AccessPolicy.allows(role, permission, isAdmin: user.isAdmin)
    }

    /// Changes a project's settings (owners; the CLI as `.system`); audited with the settings before and after.
    package func updateSettings(project slugOrId: String, actor: Actor, _ change: ProjectSettingsChange) async throws -> (Project, Role?) {
        try change.validate()
        return try await database.transaction { connection in
            let (project, role) = try await authorizeWithRole(slugOrId, actor: actor, .manageProject, on: connection)
            guard
                let updated = try await projects.updateSettings(
                    projectId: project.id, name: change.name.map { TextNormalizer.collapseSpaces($0) }, reviewersPerClaim: change.reviewersPerClaim,
                    blindReview: change.blindReview, lockVerdictsAfterReveal: change.lockVerdictsAfterReveal, goldRate: change.goldRate,
                    publishing: (change.reviewURLTemplate, change.organization, change.organizationURL), on: connection)
            else { throw VerityError.notFound(.project) }
            if updated != project {
                try await audit.record(
                    projectId: project.id, actorId: actor.user?.id, action: "project.updated", objectType: "project",
                    objectId: project.id.lowercasedString, before: ProjectSettingsRecord(project), after: ProjectSettingsRecord(updated),
                    on: connection)
            }
            return (updated, role)
        }
    }

    // MARK: - Over HTTP

    /// Projects the user may see, with their role.
    package func list(for user: User) async throws -> [(Project, Role?)] {
        try await database.read { connection in try await projects.list(for: user, on: connection) }
    }

    /// Creates a project (instance admins); the creator becomes its owner.
    package func create(by user: User, slug: String, name: String?, reviewersPerClaim: Int, blindReview: Bool) async throws -> Project {
        guard user.isAdmin else {
            throw VerityError(.forbidden, code: .projectAdminOnly, "Only instance admins create projects.")
        }
        try Project.validateSlug(slug)
        try Project.validateName(name)
        try Project.validateReviewersPerClaim(reviewersPerClaim)
        let name = name.map { TextNormalizer.collapseSpaces($0) }.flatMap { $0.isEmpty ? nil : $0 } ?? slug
        return try await database.transaction { connection in
            let project = try await projects.create(
                slug: slug, name: name, reviewersPerClaim: reviewersPerClaim, blindReview: blindReview, ratingScale: nil, on: connection)
            let membership = try await projects.insertMember(projectId: project.id, userId: user.id, role: .owner, on: connection)
            try await audit.record(
                projectId: project.id, actorId: user.id, action: "project.created", objectType: "project",
                objectId: project.id.uuidString.lowercased(),
                before: String?.none, after: ["slug": project.slug, "name": project.name], on: connection)
            try await audit.record(
                projectId: project.id, actorId: user.id, action: "membership.created", objectType: "membership",
                objectId: "\(project.id.uuidString.lowercased()):\(user.id.uuidString.lowercased())", before: Membership?.none, after: membership,
                on: connection)
            return project
        }
    }

    /// A project's members (any member may see who else is on the desk).
    package func members(project slugOrId: String, user: User) async throws -> (Project, [Membership]) {
        try await database.read { connection in
            let project = try await authorize(slugOrId, actor: .user(user), .readProject, on: connection)
            return (project, try await projects.members(projectId: project.id, on: connection))
        }
    }

    /// Grants or changes a member's role (owners). Changing an existing membership needs `ifMatch`.
    /// A project always keeps at least one owner.
    package func setMember(project slugOrId: String, username: String, role: Role, ifMatch: String?, by user: User) async throws -> (
        Membership, created: Bool
    ) {
        try await database.transaction { connection in
            let project = try await authorize(slugOrId, actor: .user(user), .manageMembers, on: connection)
            try await projects.lockMemberships(projectId: project.id, on: connection)
            guard let (target, _) = try await accounts.findUser(username: username, on: connection) else { throw VerityError.notFound(.user) }
            let members = try await projects.members(projectId: project.id, on: connection)
            let objectId = "\(project.id.uuidString.lowercased()):\(target.id.uuidString.lowercased())"
            if let current = members.first(where: { $0.userId == target.id }) {
                let version = try EntityTag.requireVersion(ifMatch, object: .membership)
                guard current.version == version else { throw VersionConflict(current: current) }
                if current.role == .owner && role != .owner && members.filter({ $0.role == .owner }).count == 1 {
                    throw VerityError(.conflict, code: .membershipLastOwner, "A project keeps at least one owner: make someone else owner first.")
                }
                guard
                    let updated = try await projects.updateMember(
                        projectId: project.id, userId: target.id, version: version, role: role, on: connection)
                else { throw VersionConflict(current: current) }
                try await audit.record(
                    projectId: project.id, actorId: user.id, action: "membership.updated", objectType: "membership", objectId: objectId,
                    before: current, after: updated, on: connection)
                return (updated, false)
            }
            let inserted = try await projects.insertMember(projectId: project.id, userId: target.id, role: role, on: connection)
            try await audit.record(
                projectId: project.id, actorId: user.id, action: "membership.created", objectType: "membership", objectId: objectId,
                before: Membership?.none, after: inserted, on: connection)
            return (inserted, true)
        }
    }

    /// Removes a member (owners), if `ifMatch` names the membership's current version.
    package func removeMember(project slugOrId: String, username: String, ifMatch: String?, by user: User) async throws {
        try await removeMember(project: slugOrId, username: username, ifMatch: ifMatch, actor: .user(user))
    }

    /// Removes a member from the CLI (no If-Match: the operator acts on what is there now); audited with
    /// no actor. The member is refused from their next request on, and their open event streams end.
    package func removeMember(project slug: String, username: String) async throws {
        try await removeMember(project: slug, username: username, ifMatch: nil, actor: .system)
    }

    private func removeMember(project slugOrId: String, username: String, ifMatch: String?, actor: Actor) async throws {
        try await database.transaction { connection in
            let project = try await authorize(slugOrId, actor: actor, .manageMembers, on: connection)
            try await projects.lockMemberships(projectId: project.id, on: connection)
            let members = try await projects.members(projectId: project.id, on: connection)
            guard let current = members.first(where: { $0.username.lowercased() == username.lowercased() }) else {
                throw VerityError.notFound(.membership)
            }
            // Not found and forbidden come before preconditions: If-Match is about an object the caller may change.
            let version: Int
            if actor == .system {
                version = current.version
            } else {
                version = try EntityTag.requireVersion(ifMatch, object: .membership)
                guard current.version == version else { throw VersionConflict(current: current) }
            }
            if current.role == .owner && members.filter({ $0.role == .owner }).count == 1 {
                throw VerityError(.conflict, code: .membershipLastOwner, "A project keeps at least one owner: make someone else owner first.")
            }
            guard try await projects.deleteMember(projectId: project.id, userId: current.userId, version: version, on: connection) else {
                throw VersionConflict(current: current)
            }
            try await audit.record(
                projectId: project.id, actorId: actor.user?.id, action: "membership.deleted", objectType: "membership",
                objectId: "\(project.id.lowercasedString):\(current.userId.lowercasedString)", before: current, after: Membership?.none,
                on: connection)
        }
    }
}

/// Settings to change on a project (nil: unchanged).
package struct ProjectSettingsChange: Sendable {
    package var name: String?
    package var reviewersPerClaim: Int?
    package var blindReview: Bool?
    package var lockVerdictsAfterReveal: Bool?
    /// The share of queue leases that serve a control claim, 0…1.
    package var goldRate: Double?
    /// Publishing settings (ClaimReview); an empty string clears one.
    package var reviewURLTemplate: String?
    package var organization: String?
    package var organizationURL: String?

    /// Creates a change.
    package init(
        name: String? = nil, reviewersPerClaim: Int? = nil, blindReview: Bool? = nil, lockVerdictsAfterReveal: Bool? = nil,
        reviewURLTemplate: String? = nil, organization: String? = nil, organizationURL: String? = nil, goldRate: Double? = nil
    ) {
        self.goldRate = goldRate
        self.reviewURLTemplate = reviewURLTemplate
        self.organization = organization
        self.organizationURL = organizationURL
        self.name = name
        self.reviewersPerClaim = reviewersPerClaim
        self.blindReview = blindReview
        self.lockVerdictsAfterReveal = lockVerdictsAfterReveal
    }

    package func validate() throws {
        if let name {
            try Project.validateName(name)
            if TextNormalizer.collapseSpaces(name).isEmpty {
                throw VerityError.validation(
                    code: .projectInvalidName, "The project name is empty.", [FieldError(path: "name", message: "not empty")])
            }
        }
        if let reviewersPerClaim { try Project.validateReviewersPerClaim(reviewersPerClaim) }
        var errors: [FieldError] = []
        if let reviewURLTemplate, !reviewURLTemplate.isEmpty { errors += Project.reviewURLTemplateProblems(reviewURLTemplate) }
        if let goldRate, !(goldRate >= 0 && goldRate <= 1) { errors.append(FieldError(path: "goldRate", message: "from 0 to 1")) }
        if let organization, organization.unicodeScalars.count > 200 {
            errors.append(FieldError(path: "organization", message: "at most 200 characters"))
        }
        if let organizationURL, !organizationURL.isEmpty {
            errors += ArticleDraft.formatErrors(url: organizationURL, language: nil).map { FieldError(path: "organizationUrl", message: $0.message) }
        }
        guard errors.isEmpty else { throw VerityError.validation(code: .projectInvalidSettings, "The project settings are not valid.", errors) }
    }
}

/// What the audit trail keeps of a project's settings.
struct ProjectSettingsRecord: Encodable {
    var name: String
    var reviewersPerClaim: Int
    var blindReview: Bool
    var lockVerdictsAfterReveal: Bool
    var reviewUrlTemplate: String?
    var organization: String?
    var organizationUrl: String?
    var goldRate: Double

    init(_ project: Project) {
        goldRate = project.goldRate
        reviewUrlTemplate = project.reviewURLTemplate
        organization = project.organization
        organizationUrl = project.organizationURL
        name = project.name
        reviewersPerClaim = project.reviewersPerClaim
        blindReview = project.blindReview
        lockVerdictsAfterReveal = project.lockVerdictsAfterReveal
    }
}
