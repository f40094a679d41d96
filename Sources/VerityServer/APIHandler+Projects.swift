import Foundation
import OpenAPIRuntime
import VerityAPI
import VerityCore
import VerityServices

extension Components.Schemas.Project {
    init(_ project: Project, role: Role?) {
        self.init(
            id: project.id.uuidString.lowercased(), slug: project.slug, name: project.name, reviewersPerClaim: project.reviewersPerClaim,
            blindReview: project.blindReview, lockVerdictsAfterReveal: project.lockVerdictsAfterReveal,
            reviewUrlTemplate: project.reviewURLTemplate, organization: project.organization, organizationUrl: project.organizationURL,
            goldRate: role.map { $0 >= .editor } == true ? project.goldRate : nil, role: role.flatMap { RolePayload(rawValue: $0.rawValue) },
            createdAt: project.createdAt)
    }
}

extension Components.Schemas.Member {
    init(_ membership: Membership) {
        self.init(
            userId: membership.userId.uuidString.lowercased(), username: membership.username,
            role: RolePayload(rawValue: membership.role.rawValue) ?? .viewer,
            version: membership.version, etag: EntityTag.of(membership.version))
    }
}

/// The caller, projects, members and the work queue.
extension APIHandler {
    func getMe(_ input: Operations.GetMe.Input) async throws -> Operations.GetMe.Output {
        let user = try RequestIdentity.current()
        let projects = try await self.projects.list(for: user)
        return .ok(
            .init(
                body: .json(
                    .init(
                        id: user.id.uuidString.lowercased(), username: user.username, isAdmin: user.isAdmin,
                        projects: projects.filter { $0.1 != nil }.map { Components.Schemas.Project($0.0, role: $0.1) }))))
    }

    func listProjects(_ input: Operations.ListProjects.Input) async throws -> Operations.ListProjects.Output {
        let projects = try await self.projects.list(for: try RequestIdentity.current())
        return .ok(.init(body: .json(.init(items: projects.map { Components.Schemas.Project($0.0, role: $0.1) }))))
    }

    func createProject(_ input: Operations.CreateProject.Input) async throws -> Operations.CreateProject.Output {
        guard case .json(let body) = input.body else { throw VerityError.validation(code: .requestInvalid, "Expected JSON.") }
        let project = try await projects.create(
            by: try RequestIdentity.current(), slug: body.slug, name: body.name, reviewersPerClaim: body.reviewersPerClaim ?? 2,
            blindReview: body.blindReview ?? true)
        return .created(.init(body: .json(.init(project, role: .owner))))
    }

    func getProject(_ input: Operations.GetProject.Input) async throws -> Operations.GetProject.Output {
        let (project, role) = try await projects.authorizeWithRole(input.path.project, actor: .user(try RequestIdentity.current()), .readProject)
        return .ok(.init(body: .json(.init(project, role: role))))
    }

    func updateProject(_ input: Operations.UpdateProject.Input) async throws -> Operations.UpdateProject.Output {
        guard case .json(let body) = input.body else { throw VerityError.validation(code: .requestInvalid, "Expected JSON.") }
        let (project, role) = try await projects.updateSettings(
            project: input.path.project, actor: .user(try RequestIdentity.current()),
            ProjectSettingsChange(
                name: body.name, reviewersPerClaim: body.reviewersPerClaim, blindReview: body.blindReview,
                lockVerdictsAfterReveal: body.lockVerdictsAfterReveal, reviewURLTemplate: body.reviewUrlTemplate, organization: body.organization,
                organizationURL: body.organizationUrl, goldRate: body.goldRate))
        return .ok(.init(body: .json(.init(project, role: role))))
    }

    func listMembers(_ input: Operations.ListMembers.Input) async throws -> Operations.ListMembers.Output {
        let (_, members) = try await projects.members(project: input.path.project, user: try RequestIdentity.current())
        return .ok(.init(body: .json(.init(items: members.map(Components.Schemas.Member.init)))))
    }

    func setMember(_ input: Operations.SetMember.Input) async throws -> Operations.SetMember.Output {
        guard case .json(let body) = input.body else { throw VerityError.validation(code: .requestInvalid, "Expected JSON.") }
        do {
            let (membership, created) = try await projects.setMember(
                project: input.path.project, username: input.path.username, role: try Role(validating: body.role.rawValue),
                ifMatch: input.headers.ifMatch,
                by: try RequestIdentity.current())
            let etag = EntityTag.of(membership.version)
            return created
                ? .created(.init(headers: .init(eTag: etag), body: .json(.init(membership))))
                : .ok(.init(headers: .init(eTag: etag), body: .json(.init(membership))))
        } catch let conflict as VersionConflict<Membership> {
            return .preconditionFailed(.init(headers: .init(eTag: EntityTag.of(conflict.current.version)), body: .json(.init(conflict.current))))
        }
    }

    func removeMember(_ input: Operations.RemoveMember.Input) async throws -> Operations.RemoveMember.Output {
        do {
            try await projects.removeMember(
                project: input.path.project, username: input.path.username, ifMatch: input.headers.ifMatch, by: try RequestIdentity.current())
            return .noContent(.init())
        } catch let conflict as VersionConflict<Membership> {
            return .preconditionFailed(.init(headers: .init(eTag: EntityTag.of(conflict.current.version)), body: .json(.init(conflict.current))))
        }
    }

    func nextClaim(_ input: Operations.NextClaim.Input) async throws -> Operations.NextClaim.Output {
        guard
            let (claim, expires) = try await queue.next(
                project: input.path.project, user: try RequestIdentity.current(), leaseSeconds: configuration.queueLeaseSeconds)
        else { return .noContent(.init()) }
        return .ok(.init(body: .json(.init(claim: .init(claim), leaseExpiresAt: expires))))
    }
}
