import Foundation
import VerityCore
import VerityData

/// A claim loaded once, with everything the access rule needs: its project and the caller's role there.
/// Every claim use case starts here (one statement), then asks `require` — the rule is `AccessPolicy`'s,
/// written once; a caller who may not read the project gets `claim.not_found`, whatever they asked.
package struct ClaimAccess: Sendable {
    package let claim: Claim
    package let project: Project
    package let role: Role?
    package let user: User

    /// Throws unless the caller holds `permission` on this claim's project.
    package func require(_ permission: Permission) throws {
        try AccessPolicy.require(permission, role: role, isAdmin: user.isAdmin, on: .claim)
    }

    /// What blind review lets the caller see of the claim's verdicts.
    package func verdictVisibility(hasOwnVerdict: Bool) -> VerdictVisibility {
        VerdictVisibility.of(
            role: role, isAdmin: user.isAdmin, blindReview: project.blindReview, hasOwnVerdict: hasOwnVerdict, status: claim.status)
    }
}

/// Loads a claim for a caller (the resolver of hummingbird-examples' `auth-abac`: resource first, then
/// pure policies on it).
package struct ClaimResolver: Sendable {
    let reviews: ReviewStore

    /// The claim `id` with its project and the caller's role, readable by the caller; with `lock`, the
    /// claim's row is locked for the transaction (read-modify-write).
    package func resolve(_ id: String, user: User, lock: Bool = false, on connection: DatabaseConnection) async throws -> ClaimAccess {
        guard let uuid = UUID(uuidString: id),
            let (claim, project, role) = try await reviews.claimInProject(id: uuid, userId: user.id, lock: lock, on: connection)
        else { throw VerityError.notFound(.claim) }
        let access = ClaimAccess(claim: claim, project: project, role: role, user: user)
        try access.require(.readProject)
        return access
    }
}
