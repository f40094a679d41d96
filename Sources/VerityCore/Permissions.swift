/// A member's role in a project, in decreasing power: owner > editor > reviewer > viewer.
package enum Role: String, Sendable, CaseIterable, Codable, Comparable {
    case viewer, reviewer, editor, owner

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .reviewer: 1
        case .editor: 2
        case .owner: 3
        }
    }

    package static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// Parses a role name, with a validation error that lists the valid ones.
    package init(validating name: String, path: String = "role") throws {
        guard let role = Role(rawValue: name) else {
            throw VerityError.validation(
                code: .membershipInvalidRole, "Unknown role '\(name)'.",
                [FieldError(path: path, message: "one of owner, editor, reviewer, viewer")])
        }
        self = role
    }
}

/// Something a caller may do in a project.
package enum Permission: String, Sendable, CaseIterable {
    /// See the project, its articles and spans, its claims, and verdicts as blind review allows.
    case readProject
    /// Add articles (single records over HTTP, file imports).
    case importArticles
    /// Mark claims on article text, and edit their metadata.
    case createClaim
    /// Delete claims.
    case deleteClaim
    /// Submit and revise one's own verdict, and take claims from the work queue.
    case submitVerdict
    /// See every verdict at any time, blind review notwithstanding.
    case readAllVerdicts
    /// Record resolutions, reject, reopen and publish claims.
    case resolveClaim
    /// Read the project's audit trail.
    case readAudit
    /// Add, change and remove members.
    case manageMembers
    /// Restore claims, verdicts and resolutions from Verity's own export, in other people's names.
    case restoreArchive
    /// Register, list and remove webhook endpoints, and read their delivery logs.
    case manageWebhooks
    /// Change the project's settings (name, reviewers per claim, blind review, locking verdicts).
    case manageProject
    /// Import reference fact-checks (published ClaimReviews) to match claims against.
    case importReferences
    /// Mark and unmark control (gold) claims, and see their known answers.
    case manageGold
    /// See each reviewer's figures: gold accuracy, agreement with resolutions, kappa, time to verdict.
    case readReviewerQuality
}

/// The one table that says which role may do what. Every path asks it; nothing else decides.
package enum AccessPolicy {
    /// The least role that holds each permission; roles are ordered owner > editor > reviewer > viewer.
    package static let minimumRole: [Permission: Role] = [
        .readProject: .viewer,
        .importArticles: .editor,
        .createClaim: .reviewer,
        .deleteClaim: .editor,
        .submitVerdict: .reviewer,
        .readAllVerdicts: .editor,
        .resolveClaim: .editor,
        .readAudit: .editor,
        .manageMembers: .owner,
        .restoreArchive: .owner,
        .manageWebhooks: .owner,
        .manageProject: .owner,
        .importReferences: .editor,
        .manageGold: .editor,
        .readReviewerQuality: .editor,
    ]

    /// Checks a permission on a resource of a project, the one way every path does: a caller who may not
    /// even read the project learns nothing — the resource is not found (`<kind>.not_found`), never
    /// forbidden, so ids don't leak; a member whose role lacks the permission is forbidden.
    package static func require(_ permission: Permission, role: Role?, isAdmin: Bool, on resource: ResourceKind) throws {
        guard allows(role, .readProject, isAdmin: isAdmin) else { throw VerityError.notFound(resource) }
        guard allows(role, permission, isAdmin: isAdmin) else {
            throw VerityError(
                .forbidden, code: resource == .project ? .projectForbidden : .claimForbidden, "Your role in this project does not allow that.")
        }
    }

    /// Whether a role (nil: not a member) — or an instance admin — holds a permission.
    package static func allows(_ role: Role?, _ permission: Permission, isAdmin: Bool = false) -> Bool {
        if isAdmin { return true }
        guard let role, let minimum = minimumRole[permission] else { return false }
        return role >= minimum
    }
}

/// Who is acting: a signed-in user, or the operator at the CLI (who holds the database already, so may
/// do anything). Explicit, so that a missing user can never be mistaken for the operator.
package enum Actor: Sendable, Equatable {
    case system
    case user(User)

    /// The user, when a user acts.
    package var user: User? {
        if case .user(let user) = self { return user }
        return nil
    }
}
