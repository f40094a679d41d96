import Foundation
import OpenAPIRuntime
import VerityAPI
import VerityCore

extension Components.Schemas.Claim {
    init(_ claim: Claim) {
        let r = claim.target.range
        self.init(
            id: claim.id.uuidString.lowercased(), projectId: claim.projectId.uuidString.lowercased(),
            articleId: claim.articleId.uuidString.lowercased(),
            start: r.start, end: r.end, utf16Start: r.utf16Start, utf16End: r.utf16End, exact: claim.target.exact, prefix: claim.target.prefix,
            suffix: claim.target.suffix, spanOrdinals: claim.target.spanOrdinals, status: .init(rawValue: claim.status.rawValue) ?? .open,
            claimant: claim.metadata.claimant, claimDate: claim.metadata.claimDate, tags: claim.metadata.tags, note: claim.metadata.note,
            createdBy: claim.createdBy?.uuidString.lowercased(), createdAt: claim.createdAt, updatedAt: claim.updatedAt, version: claim.version,
            etag: EntityTag.of(claim.version), anchoring: .init(rawValue: claim.anchoring.state.rawValue), anchorScore: claim.anchoring.score,
            revision: claim.anchoring.revision, needsReview: claim.needsReview.flatMap { .init(rawValue: $0) })
    }
}

extension Components.Schemas.Evidence {
    init(_ evidence: Evidence) {
        self.init(
            url: evidence.url, title: evidence.title, quote: evidence.quote, accessed: evidence.accessed, sourceMedium: evidence.sourceMedium,
            articleId: evidence.articleId, start: evidence.start, end: evidence.end, revision: evidence.revision,
            spanOrdinals: evidence.spanOrdinals, question: evidence.question,
            answers: evidence.answers?.map { answer in
                .init(
                    answer: answer.answer, answerType: .init(rawValue: answer.answerType) ?? .abstractive, url: answer.url,
                    sourceMedium: answer.sourceMedium, booleanExplanation: answer.booleanExplanation)
            })
    }
}

extension Evidence {
    /// What a client sent; what only Verity fills (revision, span ordinals; an article span's quote) is not taken.
    init(_ evidence: Components.Schemas.Evidence) {
        self.init(url: evidence.url ?? "", title: evidence.title, accessed: evidence.accessed, sourceMedium: evidence.sourceMedium)
        url = evidence.url
        articleId = evidence.articleId?.lowercased()
        start = evidence.start
        end = evidence.end
        quote = articleId == nil ? evidence.quote : nil
        question = evidence.question
        answers = evidence.answers?.map { answer in
            EvidenceAnswer(
                answer: answer.answer, answerType: answer.answerType.rawValue, url: answer.url, sourceMedium: answer.sourceMedium,
                booleanExplanation: answer.booleanExplanation)
        }
    }
}

extension Components.Schemas.Verdict {
    init(_ verdict: Verdict) {
        self.init(
            id: verdict.id.uuidString.lowercased(), claimId: verdict.claimId.uuidString.lowercased(),
            reviewerId: verdict.reviewerId.uuidString.lowercased(),
            reviewer: verdict.reviewer, rating: verdict.rating, confidence: verdict.confidence, rationale: verdict.rationale,
            evidence: verdict.evidence.map(Components.Schemas.Evidence.init), createdAt: verdict.createdAt, updatedAt: verdict.updatedAt,
            version: verdict.version, etag: EntityTag.of(verdict.version), independentRating: verdict.independentRating,
            revisedAfterSeeing: verdict.revisedAfterSeeing)
    }
}

extension Components.Schemas.Resolution {
    init(_ resolution: Resolution) {
        self.init(
            claimId: resolution.claimId.uuidString.lowercased(), rating: resolution.rating, rationale: resolution.rationale,
            verdictIds: resolution.verdictIds.map { $0.uuidString.lowercased() }, resolvedBy: resolution.resolvedBy.uuidString.lowercased(),
            createdAt: resolution.createdAt, updatedAt: resolution.updatedAt, version: resolution.version, etag: EntityTag.of(resolution.version))
    }
}

extension Components.Schemas.AuditEvent {
    init(_ event: AuditEvent) {
        func value(_ json: String?) -> OpenAPIValueContainer? {
            json.flatMap { try? JSONDecoder().decode(OpenAPIValueContainer.self, from: Data($0.utf8)) }
        }
        self.init(
            id: String(event.id), projectId: event.projectId?.uuidString.lowercased(), occurredAt: event.occurredAt,
            actorId: event.actorId?.uuidString.lowercased(), action: event.action, objectType: event.objectType, objectId: event.objectId,
            before: value(event.before), after: value(event.after))
    }
}

extension ClaimMetadata {
    /// Applies a PATCH body: absent fields keep their value, an empty string clears.
    func applying(_ patch: Components.Schemas.ClaimPatch) -> ClaimMetadata {
        func merge(_ new: String?, _ old: String?) -> String? {
            guard let new else { return old }
            return new.isEmpty ? nil : new
        }
        return ClaimMetadata(
            claimant: merge(patch.claimant, claimant), claimDate: merge(patch.claimDate, claimDate), tags: patch.tags ?? tags,
            note: merge(patch.note, note))
    }
}
