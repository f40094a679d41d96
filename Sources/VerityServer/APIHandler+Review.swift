import Foundation
import OpenAPIRuntime
import VerityAPI
import VerityCore
import VerityServices

/// Claims, verdicts, resolutions and the audit trail. A stale If-Match comes back from the service as
/// `VersionConflict` carrying the current object, answered here as the documented 412 with that object.
extension APIHandler {
    func createClaim(_ input: Operations.CreateClaim.Input) async throws -> Operations.CreateClaim.Output {
        guard case .json(let body) = input.body else { throw VerityError.validation(code: .requestInvalid, "Expected JSON.") }
        let (claim, matches) = try await claims.createMatching(
            articleId: input.path.id, user: try RequestIdentity.current(), start: Int(body.start), end: Int(body.end),
            unit: body.offsetUnit == .utf16 ? .utf16 : .codePoint, exact: body.exact, prefix: body.prefix, suffix: body.suffix,
            metadata: ClaimMetadata(claimant: body.claimant, claimDate: body.claimDate, tags: body.tags ?? [], note: body.note))
        var created = Components.Schemas.Claim(claim)
        created.matches = matches
        return .created(.init(headers: .init(eTag: EntityTag.of(claim.version)), body: .json(created)))
    }

    func listClaims(_ input: Operations.ListClaims.Input) async throws -> Operations.ListClaims.Output {
        let page = try await claims.list(
            project: input.path.project, user: try RequestIdentity.current(), status: input.query.status?.rawValue, articleId: input.query.article,
            cursor: input.query.cursor, limit: input.query.limit)
        return .ok(.init(body: .json(.init(items: page.items.map(Components.Schemas.Claim.init), nextCursor: page.nextCursor))))
    }

    func getClaim(_ input: Operations.GetClaim.Input) async throws -> Operations.GetClaim.Output {
        let claim = try await claims.claim(id: input.path.id, user: try RequestIdentity.current())
        return .ok(.init(headers: .init(eTag: EntityTag.of(claim.version)), body: .json(.init(claim))))
    }

    func updateClaim(_ input: Operations.UpdateClaim.Input) async throws -> Operations.UpdateClaim.Output {
        guard case .json(let patch) = input.body else { throw VerityError.validation(code: .requestInvalid, "Expected JSON.") }
        let user = try RequestIdentity.current()
        do {
            let changesMetadata = patch.claimant != nil || patch.claimDate != nil || patch.tags != nil || patch.note != nil
            var edit: (@Sendable (ClaimMetadata) -> ClaimMetadata)?
            if changesMetadata {
                edit = { @Sendable (metadata: ClaimMetadata) -> ClaimMetadata in metadata.applying(patch) }
            }
            let claim = try await claims.update(
                id: input.path.id, user: user, ifMatch: input.headers.ifMatch, edit: edit,
                status: patch.status.flatMap { ClaimStatus(rawValue: $0.rawValue) })
            return .ok(.init(headers: .init(eTag: EntityTag.of(claim.version)), body: .json(.init(claim))))
        } catch let conflict as VersionConflict<Claim> {
            return .preconditionFailed(.init(headers: .init(eTag: EntityTag.of(conflict.current.version)), body: .json(.init(conflict.current))))
        }
    }

    func reattachClaim(_ input: Operations.ReattachClaim.Input) async throws -> Operations.ReattachClaim.Output {
        guard case .json(let body) = input.body else { throw VerityError.validation(code: .requestInvalid, "Expected JSON.") }
        do {
            let claim = try await claims.reattach(
                claimId: input.path.id, user: try RequestIdentity.current(), start: Int(body.start), end: Int(body.end),
                unit: body.offsetUnit == .utf16 ? .utf16 : .codePoint, exact: body.exact, ifMatch: input.headers.ifMatch)
            return .ok(.init(headers: .init(eTag: EntityTag.of(claim.version)), body: .json(.init(claim))))
        } catch let conflict as VersionConflict<Claim> {
            return .preconditionFailed(.init(headers: .init(eTag: EntityTag.of(conflict.current.version)), body: .json(.init(conflict.current))))
        }
    }

    func deleteClaim(_ input: Operations.DeleteClaim.Input) async throws -> Operations.DeleteClaim.Output {
        do {
            try await claims.delete(id: input.path.id, user: try RequestIdentity.current(), ifMatch: input.headers.ifMatch)
            return .noContent(.init())
        } catch let conflict as VersionConflict<Claim> {
            return .preconditionFailed(.init(headers: .init(eTag: EntityTag.of(conflict.current.version)), body: .json(.init(conflict.current))))
        }
    }

    func submitVerdict(_ input: Operations.SubmitVerdict.Input) async throws -> Operations.SubmitVerdict.Output {
        guard case .json(let body) = input.body else { throw VerityError.validation(code: .requestInvalid, "Expected JSON.") }
        let verdictInput = VerdictInput(
            rating: body.rating, confidence: body.confidence, rationale: body.rationale, evidence: (body.evidence ?? []).map(Evidence.init))
        do {
            let (verdict, created) = try await verdicts.submit(
                claimId: input.path.id, user: try RequestIdentity.current(), input: verdictInput, ifMatch: input.headers.ifMatch)
            let headers = Operations.SubmitVerdict.Output.Ok.Headers(eTag: EntityTag.of(verdict.version))
            return created
                ? .created(.init(headers: .init(eTag: headers.eTag), body: .json(.init(verdict))))
                : .ok(.init(headers: headers, body: .json(.init(verdict))))
        } catch let conflict as VersionConflict<Verdict> {
            return .preconditionFailed(.init(headers: .init(eTag: EntityTag.of(conflict.current.version)), body: .json(.init(conflict.current))))
        } catch is VersionConflict<Claim> {
            // The claim moved under us between lock and write; it cannot with the row lock held, so retrying is safe.
            throw VerityError(.conflict, code: .claimConcurrentChange, "The claim changed while the verdict was being saved; retry.")
        }
    }

    func listVerdicts(_ input: Operations.ListVerdicts.Input) async throws -> Operations.ListVerdicts.Output {
        let verdicts = try await verdicts.verdicts(claimId: input.path.id, user: try RequestIdentity.current())
        return .ok(.init(body: .json(.init(items: verdicts.map(Components.Schemas.Verdict.init)))))
    }

    func resolveClaim(_ input: Operations.ResolveClaim.Input) async throws -> Operations.ResolveClaim.Output {
        guard case .json(let body) = input.body else { throw VerityError.validation(code: .requestInvalid, "Expected JSON.") }
        var verdictIds: [UUID]?
        if let ids = body.verdictIds {
            verdictIds = try ids.enumerated().map { index, id in
                guard let uuid = UUID(uuidString: id) else {
                    throw VerityError.validation(
                        code: .resolutionInvalid, "Invalid verdict id.", [FieldError(path: "verdictIds.\(index)", message: "a verdict id")])
                }
                return uuid
            }
        }
        do {
            let (resolution, created) = try await resolutions.resolve(
                claimId: input.path.id, user: try RequestIdentity.current(), rating: body.rating, rationale: body.rationale, verdictIds: verdictIds,
                ifMatch: input.headers.ifMatch)
            let etag = EntityTag.of(resolution.version)
            return created
                ? .created(.init(headers: .init(eTag: etag), body: .json(.init(resolution))))
                : .ok(.init(headers: .init(eTag: etag), body: .json(.init(resolution))))
        } catch let conflict as VersionConflict<Resolution> {
            return .preconditionFailed(.init(headers: .init(eTag: EntityTag.of(conflict.current.version)), body: .json(.init(conflict.current))))
        } catch is VersionConflict<Claim> {
            throw VerityError(.conflict, code: .claimConcurrentChange, "The claim changed while the resolution was being saved; retry.")
        }
    }

    func getClaimHistory(_ input: Operations.GetClaimHistory.Input) async throws -> Operations.GetClaimHistory.Output {
        let events = try await auditTrail.history(claimId: input.path.id, user: try RequestIdentity.current())
        return .ok(.init(body: .json(.init(items: events.map(Components.Schemas.AuditEvent.init)))))
    }

    func listAuditEvents(_ input: Operations.ListAuditEvents.Input) async throws -> Operations.ListAuditEvents.Output {
        let page = try await auditTrail.trail(
            project: input.path.project, user: try RequestIdentity.current(), objectId: input.query.object, actorId: input.query.actor,
            cursor: input.query.cursor, limit: input.query.limit)
        return .ok(.init(body: .json(.init(items: page.items.map(Components.Schemas.AuditEvent.init), nextCursor: page.nextCursor))))
    }
}

extension Components.Schemas.AgreementFigures {
    init(_ report: AgreementReport) {
        self.init(
            claims: report.claims, krippendorffAlphaNominal: report.krippendorffAlphaNominal,
            krippendorffAlphaOrdinal: report.krippendorffAlphaOrdinal,
            fleissKappa: report.fleissKappa, percentAgreement: report.percentAgreement)
    }
}

extension APIHandler {
    func getAgreement(_ input: Operations.GetAgreement.Input) async throws -> Operations.GetAgreement.Output {
        let (overall, byArticle) = try await agreement.report(
            project: input.path.project, user: try RequestIdentity.current(), articleId: input.query.article, tag: input.query.tag,
            since: input.query.since, until: input.query.until, basis: input.query.basis?.rawValue, includeGold: input.query.includeGold ?? false)
        let pairs = overall.pairs.map {
            Components.Schemas.AgreementPair(
                a: $0.a, b: $0.b, n: $0.n, cohenKappa: $0.cohenKappa, percentAgreement: $0.percentAgreement, confusion: $0.confusion)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        basis: input.query.basis == .final ? .final : .independent,
                        claims: overall.claims, krippendorffAlphaNominal: overall.krippendorffAlphaNominal,
                        krippendorffAlphaOrdinal: overall.krippendorffAlphaOrdinal,
                        fleissKappa: overall.fleissKappa, percentAgreement: overall.percentAgreement, ratings: overall.ratings, pairs: pairs,
                        articles: byArticle.map { .init(articleId: $0.0.uuidString.lowercased(), figures: .init($0.1)) }))))
    }
}
