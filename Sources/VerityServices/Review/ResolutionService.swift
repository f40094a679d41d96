import Foundation
import VerityCore
import VerityData

/// Resolutions: an editor settles a claim's rating; the claim becomes `verified`.
package struct ResolutionService: Sendable {
    let database: Database
    let resolver: ClaimResolver
    private let reviews: ReviewStore
    private let audit: AuditStore

    /// Creates the service.
    package init(database: Database) {
        self.database = database
        self.reviews = ReviewStore(logger: database.logger)
        self.audit = AuditStore(logger: database.logger)
        self.resolver = ClaimResolver(reviews: reviews)
    }

    /// Records (or, with `ifMatch`, revises) the editor's resolution; the claim becomes `verified`.
    package func resolve(claimId: String, user: User, rating: String, rationale: String?, verdictIds: [UUID]?, ifMatch: String?) async throws
        -> (Resolution, created: Bool)
    {
        try await database.transaction { connection in
            let access = try await resolver.resolve(claimId, user: user, lock: true, on: connection)
            let (claim, project) = (access.claim, access.project)
            try access.require(.resolveClaim)
            try project.ratingScale.validate(rating)
            try ClaimWorkflow.checkNotPublished(claim.status)
            guard ClaimWorkflow.canResolve(claim.status) else {
                throw VerityError(
                    .conflict, code: .claimNotReady,
                    "A \(claim.status.rawValue) claim cannot be resolved: it needs its verdicts first (agreed or disputed).")
            }
            let verdicts = try await reviews.verdicts(claimId: claim.id, on: connection)
            let considered = verdictIds ?? verdicts.map(\.id)
            if let unknown = considered.first(where: { id in !verdicts.contains { $0.id == id } }) {
                throw VerityError.validation(
                    code: .resolutionUnknownVerdict, "A listed verdict is not on this claim.",
                    [FieldError(path: "verdictIds", message: "\(unknown.lowercasedString) is not a verdict on this claim")])
            }
            var entries: [AuditStore.Entry] = []
            let resolution: Resolution
            let created: Bool
            if let existing = try await reviews.resolution(claimId: claim.id, on: connection) {
                let version = try EntityTag.requireVersion(ifMatch, object: .resolution)
                guard existing.version == version,
                    let updated = try await reviews.updateResolution(
                        claimId: claim.id, version: version, rating: rating, rationale: rationale, verdictIds: considered, resolvedBy: user.id,
                        on: connection)
                else { throw VersionConflict(current: existing) }
                entries.append(
                    try AuditStore.Entry(
                        projectId: claim.projectId, actorId: user.id, action: "resolution.updated", objectType: "resolution",
                        objectId: claim.id.lowercasedString, before: existing, after: updated))
                (resolution, created) = (updated, false)
            } else {
                let inserted = try await reviews.insertResolution(
                    projectId: claim.projectId, claimId: claim.id, rating: rating, rationale: rationale, verdictIds: considered, resolvedBy: user.id,
                    on: connection)
                entries.append(
                    try AuditStore.Entry(
                        projectId: claim.projectId, actorId: user.id, action: "resolution.recorded", objectType: "resolution",
                        objectId: claim.id.lowercasedString, before: Resolution?.none, after: inserted))
                (resolution, created) = (inserted, true)
            }
            if claim.status != .verified {
                guard
                    let moved = try await reviews.updateClaim(
                        id: claim.id, version: claim.version, metadata: claim.metadata, status: .verified, on: connection)
                else { throw VersionConflict(current: claim) }
                entries.append(
                    try AuditStore.Entry(
                        projectId: claim.projectId, actorId: user.id, action: "claim.status_changed", objectType: "claim",
                        objectId: claim.id.lowercasedString, before: claim, after: moved))
            }
            try await audit.record(entries, on: connection)
            return (resolution, created)
        }
    }
}
