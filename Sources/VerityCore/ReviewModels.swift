import Foundation

/// A checkable statement: an exact range of one article's text, with its status in the workflow.
package struct Claim: Sendable, Equatable, Codable {
    package var id: UUID
    package var projectId: UUID
    package var articleId: UUID
    package var target: ClaimTargetRecord
    package var status: ClaimStatus
    package var metadata: ClaimMetadata
    package var createdBy: UUID?
    package var createdAt: Date
    package var updatedAt: Date
    /// Incremented by every change; sent as the ETag.
    package var version: Int
    /// How the claim came through the article's revisions, and which revision its offsets count into.
    package var anchoring: ClaimAnchoring
    /// Why an editor must look at the claim (`article_revised`: it was published when its article was
    /// corrected, and was left where it was instead of being moved); nil when nothing is pending.
    package var needsReview: String?

    /// Creates a claim value.
    package init(
        id: UUID, projectId: UUID, articleId: UUID, target: ClaimTargetRecord, status: ClaimStatus, metadata: ClaimMetadata, createdBy: UUID?,
        createdAt: Date, updatedAt: Date, version: Int, anchoring: ClaimAnchoring = ClaimAnchoring(), needsReview: String? = nil
    ) {
        self.anchoring = anchoring
        self.needsReview = needsReview
        self.id = id
        self.projectId = projectId
        self.articleId = articleId
        self.target = target
        self.status = status
        self.metadata = metadata
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// The stored form of a claim's target (codable, for the audit trail).
package struct ClaimTargetRecord: Sendable, Equatable, Codable {
    package var range: TextRange
    package var exact: String
    package var prefix: String
    package var suffix: String
    package var spanOrdinals: [Int]

    /// Creates a record from a validated target.
    package init(_ target: ClaimTarget) {
        self.init(range: target.range, exact: target.exact, prefix: target.prefix, suffix: target.suffix, spanOrdinals: target.spanOrdinals)
    }

    /// Creates a record from its parts.
    package init(range: TextRange, exact: String, prefix: String, suffix: String, spanOrdinals: [Int]) {
        self.range = range
        self.exact = exact
        self.prefix = prefix
        self.suffix = suffix
        self.spanOrdinals = spanOrdinals
    }
}

/// How a claim came through its article's revisions.
package struct ClaimAnchoring: Sendable, Equatable, Codable {
    package var state: AnchoringState
    /// The match quality of a fuzzy re-anchoring (0…1); nil otherwise.
    package var score: Double?
    /// The article revision the claim's offsets and quote count into.
    package var revision: Int

    /// Creates an anchoring; the default is a claim made on the first revision.
    package init(state: AnchoringState = .anchored, score: Double? = nil, revision: Int = 1) {
        self.state = state
        self.score = score
        self.revision = revision
    }
}

/// What a claim says about itself beside its text: who made it, when, tags and a note.
package struct ClaimMetadata: Sendable, Equatable, Codable {
    package var claimant: String?
    /// ISO 8601 date (YYYY-MM-DD).
    package var claimDate: String?
    package var tags: [String]
    package var note: String?

    /// Creates metadata.
    package init(claimant: String? = nil, claimDate: String? = nil, tags: [String] = [], note: String? = nil) {
        self.claimant = claimant
        self.claimDate = claimDate
        self.tags = tags
        self.note = note
    }

    /// Checks lengths, the date and the tags.
    package func validate() throws {
        var errors: [FieldError] = []
        if let claimant, claimant.count > 500 { errors.append(FieldError(path: "claimant", message: "at most 500 characters")) }
        if let note, note.count > 10_000 { errors.append(FieldError(path: "note", message: "at most 10000 characters")) }
        if let claimDate, ArticleRecord.parseDate(claimDate) == nil || claimDate.count != 10 {
            errors.append(FieldError(path: "claimDate", message: "must be a date, YYYY-MM-DD"))
        }
        if tags.count > 50 { errors.append(FieldError(path: "tags", message: "at most 50 tags")) }
        for (i, tag) in tags.enumerated() where tag.isEmpty || tag.count > 64 || tag.contains(where: { $0.isNewline }) {
            errors.append(FieldError(path: "tags.\(i)", message: "1 to 64 characters on one line"))
        }
        guard errors.isEmpty else { throw VerityError.validation(code: .claimInvalid, "The claim is not valid.", errors) }
    }
}

/// A piece of evidence a reviewer cites: one of three kinds.
///
/// - a source on the web: `url` (http or https), with `title`, `quote`, `sourceMedium`, `accessed`;
/// - a span of an article in the project: `articleId` with `start`/`end` (code points, like a claim's
///   range); Verity fills `quote` with the span's text, `revision` with the revision the offsets count
///   into and `spanOrdinals` with the sentences it covers (FEVER's evidence sentences);
/// - a question with its answers, as AVeriTeC's method asks of a fact-checker: `question` and `answers`.
package struct Evidence: Sendable, Equatable, Codable {
    package var url: String?
    package var title: String?
    package var quote: String?
    /// ISO 8601 date the source was accessed.
    package var accessed: String?
    /// What kind of medium the source is (AVeriTeC's `source_medium`: "Web text", "PDF", "Video", …).
    package var sourceMedium: String?
    /// The cited article's id (lower case).
    package var articleId: String?
    package var start: Int?
    package var end: Int?
    /// Filled by Verity for an article span.
    package var revision: Int?
    package var spanOrdinals: [Int]?
    package var question: String?
    package var answers: [EvidenceAnswer]?

    /// The kinds of evidence.
    package enum Kind: String, Sendable { case web, article, question }

    /// Which kind this is: a question when it asks one, an article span when it names an article, else a web source.
    package var kind: Kind { question != nil ? .question : articleId != nil ? .article : .web }

    /// Creates web evidence.
    package init(url: String, title: String? = nil, quote: String? = nil, accessed: String? = nil, sourceMedium: String? = nil) {
        self.url = url
        self.title = title
        self.quote = quote
        self.accessed = accessed
        self.sourceMedium = sourceMedium
    }

    /// Creates article-span evidence.
    package init(articleId: UUID, start: Int, end: Int) {
        self.articleId = articleId.lowercasedString
        self.start = start
        self.end = end
    }

    /// Creates question evidence.
    package init(question: String, answers: [EvidenceAnswer]) {
        self.question = question
        self.answers = answers
    }

    /// What is wrong with it, paths relative to the item.
    package func problems() -> [FieldError] {
        var errors: [FieldError] = []
        func text(_ value: String?, _ path: String, limit: Int) {
            if let value, value.unicodeScalars.count > limit { errors.append(FieldError(path: path, message: "at most \(limit) characters")) }
        }
        text(title, "title", limit: 2_000)
        text(quote, "quote", limit: 20_000)
        text(sourceMedium, "sourceMedium", limit: 200)
        if let url {
            errors += ArticleDraft.formatErrors(url: url, language: nil)
        }
        if let accessed, ArticleRecord.parseDate(accessed) == nil {
            errors.append(FieldError(path: "accessed", message: "must be an ISO 8601 date"))
        }
        switch kind {
        case .web:
            if url == nil {
                errors.append(FieldError(path: "url", message: "required: a source's URL, an articleId with start and end, or a question"))
            }
            if start != nil || end != nil { errors.append(FieldError(path: "start", message: "only with articleId")) }
            if answers != nil { errors.append(FieldError(path: "answers", message: "only with a question")) }
        case .article:
            if UUID(uuidString: articleId ?? "") == nil { errors.append(FieldError(path: "articleId", message: "must be an article id (UUID)")) }
            if answers != nil { errors.append(FieldError(path: "answers", message: "only with a question")) }
            guard let start, let end else {
                errors.append(FieldError(path: start == nil ? "start" : "end", message: "required with articleId"))
                break
            }
            if start < 0 || end <= start { errors.append(FieldError(path: "end", message: "0 <= start < end")) }
        case .question:
            let question = (question ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if question.isEmpty { errors.append(FieldError(path: "question", message: "must not be empty")) }
            text(question, "question", limit: 2_000)
            if articleId != nil || start != nil || end != nil {
                errors.append(FieldError(path: "articleId", message: "a question carries its sources in its answers"))
            }
            guard let answers, !answers.isEmpty else {
                errors.append(FieldError(path: "answers", message: "at least one answer"))
                break
            }
            if answers.count > 20 { errors.append(FieldError(path: "answers", message: "at most 20 answers")) }
            for (i, answer) in answers.enumerated() {
                errors += answer.problems().map { FieldError(path: "answers.\(i).\($0.path)", message: $0.message) }
            }
        }
        return errors
    }
}

/// One answer to a question a reviewer asked of the evidence (AVeriTeC's answer types).
package struct EvidenceAnswer: Sendable, Equatable, Codable {
    package var answer: String
    /// `extractive`, `abstractive`, `boolean` or `unanswerable`.
    package var answerType: String
    package var url: String?
    package var sourceMedium: String?
    /// For a boolean answer: why yes or no.
    package var booleanExplanation: String?

    /// The answer types.
    package static let types = ["extractive", "abstractive", "boolean", "unanswerable"]

    /// Creates an answer.
    package init(answer: String, answerType: String, url: String? = nil, sourceMedium: String? = nil, booleanExplanation: String? = nil) {
        self.answer = answer
        self.answerType = answerType
        self.url = url
        self.sourceMedium = sourceMedium
        self.booleanExplanation = booleanExplanation
    }

    func problems() -> [FieldError] {
        var errors: [FieldError] = []
        guard Self.types.contains(answerType) else {
            return [FieldError(path: "answerType", message: "one of " + Self.types.joined(separator: ", "))]
        }
        let trimmed = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        if answerType == "unanswerable" {
            if url != nil && !trimmed.isEmpty { errors.append(FieldError(path: "answer", message: "an unanswerable question has no answer")) }
        } else {
            if trimmed.isEmpty { errors.append(FieldError(path: "answer", message: "must not be empty")) }
            if url == nil { errors.append(FieldError(path: "url", message: "the source the answer comes from")) }
        }
        if answerType == "boolean" {
            if !["yes", "no"].contains(trimmed.lowercased()) { errors.append(FieldError(path: "answer", message: "yes or no")) }
            if (booleanExplanation ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                errors.append(FieldError(path: "booleanExplanation", message: "required for a boolean answer"))
            }
        } else if booleanExplanation != nil {
            errors.append(FieldError(path: "booleanExplanation", message: "only for a boolean answer"))
        }
        if answer.unicodeScalars.count > 20_000 { errors.append(FieldError(path: "answer", message: "at most 20000 characters")) }
        if let url { errors += ArticleDraft.formatErrors(url: url, language: nil) }
        return errors
    }
}

/// One reviewer's rating of one claim.
package struct Verdict: Sendable, Equatable, Codable {
    package var id: UUID
    package var claimId: UUID
    package var reviewerId: UUID
    package var reviewer: String
    package var rating: String
    package var confidence: Double?
    package var rationale: String?
    package var evidence: [Evidence]
    package var createdAt: Date
    package var updatedAt: Date
    package var version: Int
    /// The rating as first submitted, before its author could see any other verdict on the claim; never
    /// changed afterwards. Nil when the first submission was already made in sight of another verdict
    /// (blind review off, or an editor who sees all): such a verdict is not independent.
    package var independentRating: String?
    /// Whether the verdict was changed at a time its author could see another verdict on the claim.
    package var revisedAfterSeeing: Bool

    /// Creates a verdict value.
    package init(
        id: UUID, claimId: UUID, reviewerId: UUID, reviewer: String, rating: String, confidence: Double?, rationale: String?, evidence: [Evidence],
        createdAt: Date, updatedAt: Date, version: Int, independentRating: String? = nil, revisedAfterSeeing: Bool = false
    ) {
        self.independentRating = independentRating
        self.revisedAfterSeeing = revisedAfterSeeing
        self.id = id
        self.claimId = claimId
        self.reviewerId = reviewerId
        self.reviewer = reviewer
        self.rating = rating
        self.confidence = confidence
        self.rationale = rationale
        self.evidence = evidence
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    private enum CodingKeys: String, CodingKey {
        case id, claimId, reviewerId, reviewer, rating, confidence, rationale, evidence, createdAt, updatedAt, version, independentRating
        case revisedAfterSeeing
    }

    /// Decodes a verdict; records written before independent ratings existed have none of those fields.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(UUID.self, forKey: .id)
        claimId = try c.decode(UUID.self, forKey: .claimId)
        reviewerId = try c.decode(UUID.self, forKey: .reviewerId)
        reviewer = try c.decode(String.self, forKey: .reviewer)
        rating = try c.decode(String.self, forKey: .rating)
        confidence = try c.decodeIfPresent(Double.self, forKey: .confidence)
        rationale = try c.decodeIfPresent(String.self, forKey: .rationale)
        evidence = try c.decodeIfPresent([Evidence].self, forKey: .evidence) ?? []
        createdAt = try c.decode(Date.self, forKey: .createdAt)
        updatedAt = try c.decode(Date.self, forKey: .updatedAt)
        version = try c.decode(Int.self, forKey: .version)
        independentRating = try c.decodeIfPresent(String.self, forKey: .independentRating)
        revisedAfterSeeing = try c.decodeIfPresent(Bool.self, forKey: .revisedAfterSeeing) ?? false
    }
}

/// What a reviewer submits.
package struct VerdictInput: Sendable, Equatable {
    package var rating: String
    package var confidence: Double?
    package var rationale: String?
    package var evidence: [Evidence]

    /// Creates an input.
    package init(rating: String, confidence: Double? = nil, rationale: String? = nil, evidence: [Evidence] = []) {
        self.rating = rating
        self.confidence = confidence
        self.rationale = rationale
        self.evidence = evidence
    }

    /// Checks the rating against the scale, the confidence range, and every evidence URL.
    package func validate(scale: RatingScale) throws {
        var errors: [FieldError] = []
        if !scale.ratings.contains(where: { $0.value == rating }) {
            errors.append(FieldError(path: "rating", message: "one of " + scale.ratings.map(\.value).joined(separator: ", ")))
        }
        if let confidence, !(0...1).contains(confidence) || confidence.isNaN {
            errors.append(FieldError(path: "confidence", message: "between 0 and 1"))
        }
        if let rationale, rationale.count > 20_000 { errors.append(FieldError(path: "rationale", message: "at most 20000 characters")) }
        if evidence.count > 100 { errors.append(FieldError(path: "evidence", message: "at most 100 items")) }
        for (i, item) in evidence.enumerated() {
            errors += item.problems().map { FieldError(path: "evidence.\(i).\($0.path)", message: $0.message) }
        }
        guard errors.isEmpty else { throw VerityError.validation(code: .verdictInvalid, "The verdict is not valid.", errors) }
    }
}

/// The editor's final rating of a claim.
package struct Resolution: Sendable, Equatable, Codable {
    package var claimId: UUID
    package var rating: String
    package var rationale: String?
    package var verdictIds: [UUID]
    package var resolvedBy: UUID
    package var createdAt: Date
    package var updatedAt: Date
    package var version: Int

    /// Creates a resolution value.
    package init(
        claimId: UUID, rating: String, rationale: String?, verdictIds: [UUID], resolvedBy: UUID, createdAt: Date, updatedAt: Date, version: Int
    ) {
        self.claimId = claimId
        self.rating = rating
        self.rationale = rationale
        self.verdictIds = verdictIds
        self.resolvedBy = resolvedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// One entry of the audit trail.
package struct AuditEvent: Sendable, Equatable {
    package var id: Int64
    package var projectId: UUID?
    package var occurredAt: Date
    package var actorId: UUID?
    package var action: String
    package var objectType: String
    package var objectId: String
    /// JSON text of the object before the change (nil for creations).
    package var before: String?
    /// JSON text of the object after the change (nil for deletions).
    package var after: String?

    /// Creates an event value.
    package init(
        id: Int64, projectId: UUID?, occurredAt: Date, actorId: UUID?, action: String, objectType: String, objectId: String, before: String?,
        after: String?
    ) {
        self.id = id
        self.projectId = projectId
        self.occurredAt = occurredAt
        self.actorId = actorId
        self.action = action
        self.objectType = objectType
        self.objectId = objectId
        self.before = before
        self.after = after
    }
}

/// ETags are versions: `"v7"`. Parses an If-Match header into the version it names.
package enum EntityTag {
    /// The strong ETag for a version.
    package static func of(_ version: Int) -> String { "\"v\(version)\"" }

    /// The longest If-Match header Verity reads (the API document's `maxLength`).
    package static let maxHeaderLength = 64

    /// The version an If-Match header names; throws 428 when absent, 400 when longer than any tag Verity
    /// issues, and 412 when it names no version (RFC 9110: a tag that matches nothing fails the condition).
    /// A well-formed but stale tag is the caller's 412, with the current object.
    package static func requireVersion(_ ifMatch: String?, object: ResourceKind) throws -> Int {
        guard let ifMatch, !ifMatch.isEmpty else {
            throw VerityError(
                .preconditionRequired, code: object.ifMatchCodes.required,
                "Changing an existing \(object.rawValue) needs an If-Match header with its current ETag.")
        }
        let tag = ifMatch.trimmingCharacters(in: .whitespaces)
        let strong = tag.hasPrefix("W/") ? tag.dropFirst(2) : Substring(tag)
        try checkLength(ifMatch)
        guard strong.hasPrefix("\"v"), strong.hasSuffix("\""), strong.count > 3,
            strong.dropFirst(2).dropLast().allSatisfy({ $0.isASCII && $0.isNumber }), strong.count <= 21,
            let version = Int(strong.dropFirst(2).dropLast())
        else {
            throw VerityError(
                .preconditionFailed, code: object.ifMatchCodes.mismatch,
                "If-Match names no version of this \(object.rawValue): send the ETag it was given, such as \"v3\".")
        }
        return version
    }

    /// Refuses (400) an If-Match header longer than the API document allows.
    package static func checkLength(_ ifMatch: String) throws {
        guard ifMatch.unicodeScalars.count > maxHeaderLength else { return }
        throw VerityError(
            .badRequest, code: .requestInvalidIfMatch, "If-Match is longer than any ETag this server issues.",
            fieldErrors: [FieldError(path: "If-Match", message: "at most \(maxHeaderLength) characters")])
    }
}

/// A write lost a race: the object changed since the version the client named. Carries the current
/// object, which the HTTP layer returns with 412 so the client can merge and retry.
package struct VersionConflict<Value: Sendable>: Error {
    package var current: Value

    /// Creates a conflict carrying the current value.
    package init(current: Value) { self.current = current }
}

/// Where a reader of live events stands in the audit trail: every event id up to `highest` has been
/// seen except `gaps` — ids that transactions had taken but not yet committed when later ids were read.
/// Audit ids are handed out in insert order but become visible in commit order, so a late commit can
/// land below ids already delivered; a cursor that kept only the highest id would skip it for good.
/// Sent as each event's SSE `id` (`"1234"`, or `"1234.1201.1203"` with gaps), so a client reconnecting
/// with `Last-Event-ID` resumes exactly: everything above `highest`, and the gaps that have committed since.
package struct EventCursor: Sendable, Equatable {
    package let highest: Int64
    /// Ascending.
    package let gaps: [Int64]

    /// The most gaps a cursor carries; past it the oldest are dropped (a transaction that old has almost
    /// certainly rolled back, and an SSE id must stay short).
    package static let maximumGaps = 64

    /// A cursor at `highest` with the given gaps (sorted, de-duplicated, capped).
    package init(highest: Int64, gaps: some Sequence<Int64> = []) {
        self.highest = highest
        self.gaps = Array(Set(gaps.filter { $0 < highest && $0 > 0 })).sorted().suffix(Self.maximumGaps)
    }

    /// Reads an SSE id; nil when it is not one of ours.
    package init?(encoded: String) {
        let parts = encoded.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...(Self.maximumGaps + 1)).contains(parts.count), parts.allSatisfy({ (1...19).contains($0.count) && $0.allSatisfy(\.isASCII) }),
            let highest = Int64(parts[0]), highest >= 0
        else { return nil }
        var gaps: [Int64] = []
        for part in parts.dropFirst() {
            guard let gap = Int64(part), gap > 0, gap < highest else { return nil }
            gaps.append(gap)
        }
        self.init(highest: highest, gaps: gaps)
    }

    /// The SSE id.
    package var encoded: String { ([String(highest)] + gaps.map(String.init)).joined(separator: ".") }

    /// Whether the event `id` is already behind this cursor (seen).
    package func hasSeen(_ id: Int64) -> Bool { id <= highest && !gaps.contains(id) }
}
