import Foundation
import OpenAPIRuntime
import VerityAPI
import VerityCore
import VerityServices

/// "Has this been checked before?" (reference fact-checks, similar claims) and reviewer quality (control
/// claims, reviewer figures).
extension APIHandler {
    func importReferences(_ input: Operations.ImportReferences.Input) async throws -> Operations.ImportReferences.Output {
        let user = try RequestIdentity.current()
        let data: Data
        switch input.body {
        case .json(let value): data = try Self.oneReviewPerLine(value)
        case .applicationLdJson(let value): data = try Self.oneReviewPerLine(value)
        case .applicationXNdjson(let body):
            data = try await bulkBody(body, project: input.path.project, user: user, .importReferences)
        }
        let report = try await matching.importReferences(
            data, source: "http", project: input.path.project, actor: .user(user), skipInvalid: input.query.skipInvalid ?? false, dryRun: false)
        return .ok(
            .init(
                body: .json(
                    .init(
                        references: report.references, updated: report.referencesUpdated, failed: report.failed,
                        errors: report.errors.map { .init(path: $0.path, message: $0.message) }))))
    }

    /// A JSON body as one review per line, so "line N" names the Nth review (see `ClaimReviewFeed.oneReviewPerLine`).
    static func oneReviewPerLine(_ value: OpenAPIValueContainer) throws -> Data {
        try ClaimReviewFeed.oneReviewPerLine(json: try JSONEncoder().encode(value))
    }

    func findSimilar(_ input: Operations.FindSimilar.Input) async throws -> Operations.FindSimilar.Output {
        let result = try await matching.similar(
            project: input.path.project, text: input.query.text, user: try RequestIdentity.current(), limit: input.query.limit)
        return .ok(.init(body: .json(.init(result))))
    }

    func findSimilarToClaim(_ input: Operations.FindSimilarToClaim.Input) async throws -> Operations.FindSimilarToClaim.Output {
        let result = try await matching.similar(claimId: input.path.id, user: try RequestIdentity.current(), limit: input.query.limit)
        return .ok(.init(body: .json(.init(result))))
    }

    func getGold(_ input: Operations.GetGold.Input) async throws -> Operations.GetGold.Output {
        guard let rating = try await quality.gold(claimId: input.path.id, user: try RequestIdentity.current()) else {
            throw VerityError.notFound(.claim)
        }
        return .ok(.init(body: .json(.init(claimId: input.path.id.lowercased(), rating: rating))))
    }

    func setGold(_ input: Operations.SetGold.Input) async throws -> Operations.SetGold.Output {
        guard case .json(let body) = input.body else { throw VerityError.validation(code: .requestInvalid, "Expected JSON.") }
        let (id, rating) = try await quality.setGold(claimId: input.path.id, rating: body.rating, user: try RequestIdentity.current())
        return .ok(.init(body: .json(.init(claimId: id.lowercasedString, rating: rating))))
    }

    func clearGold(_ input: Operations.ClearGold.Input) async throws -> Operations.ClearGold.Output {
        try await quality.clearGold(claimId: input.path.id, user: try RequestIdentity.current())
        return .noContent(.init())
    }

    func getReviewerQuality(_ input: Operations.GetReviewerQuality.Input) async throws -> Operations.GetReviewerQuality.Output {
        let reviewers = try await quality.reviewers(project: input.path.project, user: try RequestIdentity.current())
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: reviewers.map {
                            .init(
                                username: $0.username, verdicts: $0.verdicts, goldAnswered: $0.goldAnswered, goldCorrect: $0.goldCorrect,
                                goldAccuracy: $0.goldAccuracy, agreementWithResolution: $0.agreementWithResolution,
                                medianSecondsToVerdict: $0.medianSecondsToVerdict,
                                kappa: $0.kappa.map { .init(username: $0.username, claims: $0.claims, kappa: $0.kappa) })
                        }))))
    }
}

extension Components.Schemas.SimilarResult {
    init(_ result: SimilarResult) {
        self.init(
            checkedBefore: result.checkedBefore,
            items: result.items.map {
                .init(
                    kind: $0.kind == .reference ? .reference : .claim, score: ($0.score * 10_000).rounded() / 10_000, url: $0.url,
                    claimReviewed: $0.claimReviewed, rating: $0.rating, claimId: $0.claimId?.lowercasedString,
                    projectId: $0.projectId?.lowercasedString, text: $0.text)
            })
    }
}
