import Foundation
import Logging
import Synchronization
import VerityCore
import VerityData

/// One ranked match: a published fact-check the project holds, or a claim of a project the caller may read.
package struct SimilarItem: Sendable, Equatable {
    package var kind: MatchCandidate.Kind
    package var score: Double
    /// References: the review's URL, the claim as reviewed, the rating's wording, the publisher.
    package var url: String?
    package var claimReviewed: String?
    /// The rating: a reference's; a claim's resolution, when blind review lets the caller see it.
    package var rating: String?
    package var claimId: UUID?
    package var projectId: UUID?
    package var text: String?
}

/// What `/similar` answers: whether the claim has been checked before (Verity's decision: a published
/// fact-check, or a settled claim the caller may see, scores at least `ClaimMatcher.checkedBeforeThreshold`),
/// and the matches, best first.
package struct SimilarResult: Sendable, Equatable {
    package var checkedBefore: Bool
    package var items: [SimilarItem]
}

/// "Has this been checked before?": reference fact-checks (ClaimReview imports), and matching a claim against
/// them and against the desk's own claims. PostgreSQL finds candidates by the matcher's index tokens; the
/// reranker in VerityCore (`ClaimMatcher`) scores them, checking numbers, direction, subjects and dates.
package struct MatchingService: Sendable {
    let database: Database
    let projects: ProjectService
    private let store: MatchingStore
    private let reviews: ReviewStore
    private let audit: AuditStore

    /// Candidates PostgreSQL returns per side (references, claims) for the reranker.
    static let candidatesPerSide = 40
    /// Matches under this score are not listed (nothing but a common word in common); the decision is
    /// `checkedBefore`, weaker matches are listed below it for a fact-checker to look at.
    static let listedScore = 0.02
    static let maxQueryLength = 2_000
    /// Normalised candidates kept per process.
    static let cache = NormalizedClaimCache(capacity: 20_000)

    /// Creates the service.
    package init(database: Database, projects: ProjectService) {
        self.database = database
        self.projects = projects
        self.store = MatchingStore(logger: database.logger)
        self.reviews = ReviewStore(logger: database.logger)
        self.audit = AuditStore(logger: database.logger)
    }

    /// The matcher's index tokens for a claim's text.
    package static func sections(_ text: String, language: String?) -> MatchSections {
        let sections = normalize(text, language: language).indexSections
        return MatchSections(a: sections.a, b: sections.b, d: sections.d)
    }

    static func normalize(_ text: String, language: String?) -> NormalizedClaim {
        ClaimNormalizer.normalize(text, language: language.map { String($0.prefix(2)).lowercased() } ?? "en")
    }

    /// Compiles the matcher's lexicon now rather than on the first request.
    static func warmUp() { _ = normalize("The eurozone economy grew 0.3% in 2023.", language: "en") }

    /// What a server does once at start-up, in the background: compiles the matcher's lexicon (on a thread of
    /// its own — it is CPU work) and computes the index tokens of claims made before matching existed.
    package func prepare() async {
        do {
            try await onBlockingThread { Self.warmUp() }
            try await backfillClaims()
        } catch {
            database.logger.warning("claim matching: index tokens of older claims not computed: \(error)")
        }
    }

    // MARK: - Reference fact-checks

    /// Imports a file of ClaimReview JSON-LD into a project's reference fact-checks (editors and up; the CLI as
    /// `.system`), idempotent by URL. A bad record rejects the whole file, every bad line listed, unless
    /// `skipInvalid`.
    package func importReferences(
        _ data: Data, source: String, project slugOrId: String, actor: Actor, skipInvalid: Bool, dryRun: Bool
    ) async throws -> ImportReport {
        // Parsing and normalising a feed is CPU work: on a thread of its own, not a Swift concurrency thread.
        let (good, failures) = try await onBlockingThread { Self.read(data) }
        var report = ImportReport(source: source)
        let bad = ImportFailures(failures)
        if !skipInvalid { try bad.rejectFile(source) }
        report.failed = failures.count
        report.errors = bad.details
        let (base, references) = (report, good)
        return try await database.transaction { connection in
            var report = base
            let project = try await projects.authorize(slugOrId, actor: actor, .importReferences, on: connection)
            guard !dryRun else {
                report.references = references.count
                return report
            }
            let (inserted, updated) = try await store.upsertReferences(projectId: project.id, references, on: connection)
            report.references = inserted
            report.referencesUpdated = updated
            try await audit.record(
                projectId: project.id, actorId: actor.user?.id, action: "references.imported", objectType: "reference_import",
                objectId: source, before: String?.none,
                after: ["source": source, "inserted": String(inserted), "updated": String(updated), "failed": String(report.failed)],
                on: connection)
            return report
        }
    }

    /// A feed's good reviews with their index tokens (the last record of a URL wins, as a later import
    /// would), and its bad records.
    static func read(_ data: Data) -> ([(ReferenceFactCheck, MatchSections)], [(line: Int, error: VerityError)]) {
        var good: [(ReferenceFactCheck, MatchSections)] = []
        var position: [String: Int] = [:]
        var failures: [(line: Int, error: VerityError)] = []
        for record in ClaimReviewFeed.parse(data) {
            switch record.result {
            case .success(let reference):
                let entry = (reference, Self.sections(reference.claimReviewed, language: reference.language))
                if let index = position[reference.url] {
                    good[index] = entry
                } else {
                    position[reference.url] = good.count
                    good.append(entry)
                }
            case .failure(let error): failures.append((record.line, error))
            }
        }
        return (good, failures)
    }

    // MARK: - Similar claims

    /// Matches a text against the project's reference fact-checks and the claims the caller may read.
    package func similar(project slugOrId: String, text: String, user: User, limit: Int?) async throws -> SimilarResult {
        let limit = try Self.validLimit(limit)
        return try await database.read { connection in
            let project = try await projects.authorize(slugOrId, actor: .user(user), .readProject, on: connection)
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed.count <= Self.maxQueryLength, !trimmed.contains("\0") else {
                throw VerityError.validation(
                    code: .similarInvalidText, "Give the claim to match as text.",
                    [FieldError(path: "text", message: "1 to \(Self.maxQueryLength) characters")])
            }
            return try await match(trimmed, language: nil, projectId: project.id, user: user, excluding: nil, limit: limit, on: connection)
        }
    }

    /// Matches an existing claim (itself left out), in its project.
    package func similar(claimId: String, user: User, limit: Int?) async throws -> SimilarResult {
        let limit = try Self.validLimit(limit)
        return try await database.read { connection in
            let access = try await ClaimResolver(reviews: reviews).resolve(claimId, user: user, on: connection)
            return try await match(
                access.claim.target.exact, language: nil, projectId: access.project.id, user: user, excluding: access.claim.id, limit: limit,
                on: connection)
        }
    }

    /// With fewer candidates than this from the selective query, the broad one is asked.
    static let enoughCandidates = 20

    /// A tsquery matching documents that share at least two of the query's telling tokens — entities, numbers
    /// and years; unless `entitiesOnly`, populations, measures and subjects too (and other words when those
    /// are fewer than two) — at most eight, written as an OR of pairs. Empty when there are fewer than two.
    static func pairQuery(_ claim: NormalizedClaim, entitiesOnly: Bool) -> String {
        let sections = claim.indexSections
        var tokens: [Substring] = []
        for token in (entitiesOnly ? sections.a : sections.a + " " + sections.b).split(separator: " ") where !tokens.contains(token) {
            tokens.append(token)
        }
        if tokens.count < 2 && !entitiesOnly {
            for token in sections.d.split(separator: " ") where !tokens.contains(token) { tokens.append(token) }
        }
        if tokens.count > 8 { tokens.removeSubrange(8...) }
        guard tokens.count >= 2 else { return "" }
        var pairs: [String] = []
        for i in 0..<tokens.count {
            for j in (i + 1)..<tokens.count { pairs.append("(\(tokens[i]) & \(tokens[j]))") }
        }
        return pairs.joined(separator: " | ")
    }

    static func validLimit(_ limit: Int?) throws -> Int {
        guard let limit else { return 10 }
        guard (1...50).contains(limit) else {
            throw VerityError.validation(code: .paginationInvalidLimit, "limit must be 1 to 50.", [FieldError(path: "limit", message: "1 to 50")])
        }
        return limit
    }

    /// Ranks candidates for `text`; ratings of claims only as blind review lets `user` see them.
    func match(
        _ text: String, language: String?, projectId: UUID, user: User, excluding: UUID?, limit: Int, on connection: DatabaseConnection
    ) async throws -> SimilarResult {
        let query = Self.normalize(text, language: language)
        // Selective first: documents sharing at least two of the query's telling tokens — a few hundred rows to
        // rank in a large collection rather than every row that shares a common word. When that finds little,
        // any shared token will do.
        // Entities, numbers and years first; then populations, measures and subjects too; then anything.
        var candidates: [MatchCandidate] = []
        var asked: Set<String> = []
        for tsquery in [Self.pairQuery(query, entitiesOnly: true), Self.pairQuery(query, entitiesOnly: false), query.tsquery]
        where !tsquery.isEmpty && asked.insert(tsquery).inserted {
            candidates = try await store.candidates(
                tsquery: tsquery, projectId: projectId, userId: user.id, isAdmin: user.isAdmin, excluding: excluding,
                limit: Self.candidatesPerSide, on: connection)
            if candidates.count >= Self.enoughCandidates { break }
        }
        // Normalising and scoring ~80 candidates is milliseconds of CPU: off the Swift concurrency threads, and
        // candidates seen recently come normalised from the cache.
        let texts = candidates.map { ($0.id, $0.text, $0.language) }
        let ranked = try await onBlockingThread {
            ClaimMatcher.rank(
                query: query,
                candidates: texts.map { id, text, language in Self.cache.normalized(id, text) { Self.normalize(text, language: language) } })
        }
        var items: [SimilarItem] = []
        var checkedBefore = false
        for match in ranked where match.score >= Self.listedScore {
            let candidate = candidates[match.index]
            switch candidate.kind {
            case .reference:
                if match.score >= ClaimMatcher.checkedBeforeThreshold { checkedBefore = true }
                items.append(
                    SimilarItem(
                        kind: .reference, score: match.score, url: candidate.url, claimReviewed: candidate.text,
                        rating: candidate.reference?.ratingLabel))
            case .claim:
                let visibility = VerdictVisibility.of(
                    role: candidate.role, isAdmin: user.isAdmin, blindReview: candidate.blindReview, hasOwnVerdict: candidate.hasOwnVerdict,
                    status: candidate.status ?? .open)
                let rating = visibility == .all ? candidate.resolvedRating : nil
                if rating != nil, match.score >= ClaimMatcher.checkedBeforeThreshold { checkedBefore = true }
                items.append(
                    SimilarItem(
                        kind: .claim, score: match.score, rating: rating, claimId: candidate.id, projectId: candidate.projectId, text: candidate.text)
                )
            }
        }
        if items.count > limit { items.removeSubrange(limit...) }
        return SimilarResult(checkedBefore: checkedBefore, items: items)
    }

    /// For a claim just made (inside its transaction): how many close matches exist — references and claims the
    /// maker may see scoring at least the threshold — and, when published fact-checks are among them, a
    /// `claim.matched` event (live events and webhooks) naming them.
    package func matchNewClaim(_ claim: Claim, language: String?, user: User, on connection: DatabaseConnection) async throws -> Int {
        let result = try await match(
            claim.target.exact, language: language, projectId: claim.projectId, user: user, excluding: claim.id, limit: 50, on: connection)
        let close = result.items.filter { $0.score >= ClaimMatcher.checkedBeforeThreshold }
        let references = close.filter { $0.kind == .reference }
        if !references.isEmpty {
            try await audit.record(
                projectId: claim.projectId, actorId: user.id, action: "claim.matched", objectType: "claim", objectId: claim.id.lowercasedString,
                before: String?.none,
                after: ClaimMatchedRecord(
                    claimId: claim.id.lowercasedString,
                    references: references.map {
                        .init(url: $0.url ?? "", claimReviewed: $0.claimReviewed ?? "", rating: $0.rating, score: ($0.score * 1000).rounded() / 1000)
                    }),
                on: connection)
        }
        return close.count
    }

    /// Computes the index tokens of claims made before matching existed, a batch at a time; returns how many.
    @discardableResult
    package func backfillClaims(batch: Int = 2_000) async throws -> Int {
        var total = 0
        while true {
            let done = try await database.transaction { connection in
                let pending = try await store.claimsWithoutMatchVector(limit: batch, on: connection)
                let items = try await onBlockingThread { pending.map { ($0.id, Self.sections($0.text, language: $0.language)) } }
                try await store.setClaimVectors(items, on: connection)
                return pending.count
            }
            total += done
            if done < batch { return total }
        }
    }
}

/// Recently normalised candidates by id (with the text they were made from, so an edited text is normalised
/// again): a bounded map, a random half dropped when full. ~600 bytes an entry.
final class NormalizedClaimCache: Sendable {
    private let entries = Mutex<[UUID: (text: String, claim: NormalizedClaim)]>([:])
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func normalized(_ id: UUID, _ text: String, _ make: () -> NormalizedClaim) -> NormalizedClaim {
        if let hit = entries.withLock({ $0[id] }), hit.text == text { return hit.claim }
        let claim = make()
        entries.withLock { entries in
            if entries.count >= capacity {
                for key in entries.keys.shuffled().prefix(capacity / 2) { entries[key] = nil }
            }
            entries[id] = (text, claim)
        }
        return claim
    }
}

/// What a `claim.matched` event carries.
struct ClaimMatchedRecord: Encodable {
    struct Reference: Encodable {
        var url: String
        var claimReviewed: String
        var rating: String?
        var score: Double
    }
    var claimId: String
    var references: [Reference]
}
