import Foundation
import VerityCore
import VerityData

/// The audit trail as editors read it: a project's, and one claim's history.
package struct AuditService: Sendable {
    let database: Database
    let projects: ProjectService
    let resolver: ClaimResolver
    private let reviews: ReviewStore
    private let audit: AuditStore

    /// Creates the service.
    package init(database: Database, projects: ProjectService) {
        self.database = database
        self.projects = projects
        self.reviews = ReviewStore(logger: database.logger)
        self.audit = AuditStore(logger: database.logger)
        self.resolver = ClaimResolver(reviews: reviews)
    }

    /// A page of a project's audit trail (editors and owners).
    package func trail(project slugOrId: String, user: User, objectId: String?, actorId: String?, cursor: String?, limit: Int?) async throws
        -> Page<AuditEvent>
    {
        let limit = try Page<Never>.validLimit(limit)
        let position = try cursor.map(Page<Never>.idCursor)
        if let objectId, objectId.unicodeScalars.count > 64 {
            throw VerityError.validation(
                code: .auditInvalidObject, "Invalid object id.", [FieldError(path: "object", message: "at most 64 characters")])
        }
        let actor = try actorId.map { value -> UUID in
            guard let id = UUID(uuidString: value) else {
                throw VerityError.validation(code: .auditInvalidActor, "Invalid actor id.", [FieldError(path: "actor", message: "a user id")])
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
            let access = try await resolver.resolve(claimId, user: user, on: connection)
            try access.require(.readAudit)
            let claim = access.claim
            let verdictIds = try await reviews.verdicts(claimId: claim.id, on: connection).map(\.id.lowercasedString)
            return try await audit.events(projectId: claim.projectId, objectIds: [claim.id.lowercasedString] + verdictIds, on: connection)
        }
    }
}
