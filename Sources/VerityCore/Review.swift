import Foundation

/// Where a claim is in the review workflow.
package enum ClaimStatus: String, Sendable, CaseIterable, Codable {
    case open
    case inReview = "in_review"
    case agreed
    case disputed
    case verified
    case published
    case rejected
}

/// The claim workflow: the one place that decides which status follows which.
///
/// `open` → `in_review` (first verdict) → `agreed` or `disputed` (k verdicts in; agreed when all
/// ratings are equal) → `verified` (an editor's resolution) → `published`. `rejected` takes a claim
/// out of the workflow before it is verified; an editor can reopen it.
package enum ClaimWorkflow {
    /// The status a claim has after its verdicts changed: decided by how many there are and whether
    /// they agree. Only claims still being reviewed move this way.
    package static func statusAfterVerdicts(current: ClaimStatus, ratings: [String], reviewersPerClaim k: Int) -> ClaimStatus {
        guard isUnderReview(current) else { return current }
        if ratings.isEmpty { return .open }
        if ratings.count < k { return .inReview }
        return Set(ratings).count == 1 ? .agreed : .disputed
    }

    /// Whether verdicts may still be submitted or revised.
    package static func isUnderReview(_ status: ClaimStatus) -> Bool {
        status == .open || status == .inReview || status == .agreed || status == .disputed
    }

    /// Who may change a claim's metadata in this status: anyone who may mark claims while it is being
    /// reviewed; only editors once it is resolved (its metadata is what gets published); nobody once it
    /// is published, until an editor reopens it.
    package static func metadataEditPermission(_ status: ClaimStatus) throws -> Permission {
        switch status {
        case .published:
            throw VerityError(
                .conflict, code: .claimPublished, "The claim is published: an editor must reopen it (status verified) before it can change.")
        case .verified: return .resolveClaim
        default: return .createClaim
        }
    }

    /// Refuses any change to a published claim: it is what the desk has said in public.
    package static func checkNotPublished(_ status: ClaimStatus) throws {
        guard status == .published else { return }
        throw VerityError(
            .conflict, code: .claimPublished, "The claim is published: an editor must reopen it (status verified) before it can change.")
    }

    /// Whether an editor may record (or revise) a resolution now.
    package static func canResolve(_ status: ClaimStatus) -> Bool {
        status == .agreed || status == .disputed || status == .verified
    }

    /// A status change asked for directly (not through verdicts or a resolution): reject, reopen, publish.
    /// Throws a conflict naming both statuses when the move is not allowed.
    package static func checkManualTransition(from: ClaimStatus, to: ClaimStatus) throws {
        let allowed: Bool
        switch (from, to) {
        case (.open, .rejected), (.inReview, .rejected), (.agreed, .rejected), (.disputed, .rejected): allowed = true
        case (.rejected, .open): allowed = true
        case (.verified, .published): allowed = true
        // Reopening a published claim (editors): the only way to change it again.
        case (.published, .verified): allowed = true
        default: allowed = false
        }
        guard allowed else {
            throw VerityError(.conflict, code: .claimInvalidTransition, "A claim cannot go from \(from.rawValue) to \(to.rawValue).")
        }
    }
}

/// What a caller may see of a claim's verdicts.
package enum VerdictVisibility: Equatable, Sendable {
    /// Every verdict.
    case all
    /// Only the caller's own (blind review, before they have submitted theirs they see nothing else).
    case ownOnly
    /// None (viewers before resolution).
    case none

    /// The blind-review rule, for every path that can reveal a verdict (REST, search, export, events):
    /// editors, owners and admins see all; with blind review on, a reviewer sees only their own verdict
    /// until they have submitted one, then all; viewers see verdicts only once the claim is resolved.
    package static func of(role: Role?, isAdmin: Bool, blindReview: Bool, hasOwnVerdict: Bool, status: ClaimStatus) -> VerdictVisibility {
        if AccessPolicy.allows(role, .readAllVerdicts, isAdmin: isAdmin) { return .all }
        let resolved = status == .verified || status == .published
        guard let role else { return .none }
        if role == .viewer { return resolved ? .all : .none }
        if !blindReview || hasOwnVerdict || resolved { return .all }
        return .ownOnly
    }
}

/// A rating scale: ordered ratings (best first), each with a label; ratings without an ordinal
/// (`unverifiable`) are outside the order.
package struct RatingScale: Sendable, Equatable, Codable {
    /// One rating.
    package struct Rating: Sendable, Equatable, Codable {
        package var value: String
        package var label: String
        /// Position on the scale (higher is truer); nil for ratings outside the order.
        package var ordinal: Int?

        package init(value: String, label: String, ordinal: Int?) {
            self.value = value
            self.label = label
            self.ordinal = ordinal
        }
    }

    package var ratings: [Rating]

    /// Creates a scale.
    package init(ratings: [Rating]) { self.ratings = ratings }

    /// CONTRACT.md's default scale.
    package static let standard = RatingScale(ratings: [
        Rating(value: "true", label: "True", ordinal: 5),
        Rating(value: "mostly-true", label: "Mostly true", ordinal: 4),
        Rating(value: "mixed", label: "Mixed", ordinal: 3),
        Rating(value: "mostly-false", label: "Mostly false", ordinal: 2),
        Rating(value: "false", label: "False", ordinal: 1),
        Rating(value: "unverifiable", label: "Unverifiable", ordinal: nil),
    ])

    /// Checks a project's own scale: 2 to 20 ratings with distinct values (lower-case slugs), non-empty
    /// labels, distinct ordinals.
    package func validateDefinition() throws {
        var errors: [FieldError] = []
        if !(2...20).contains(ratings.count) { errors.append(FieldError(path: "ratings", message: "between 2 and 20 ratings")) }
        if Set(ratings.map(\.value)).count != ratings.count { errors.append(FieldError(path: "ratings", message: "values must be distinct")) }
        let ordinals = ratings.compactMap(\.ordinal)
        if Set(ordinals).count != ordinals.count { errors.append(FieldError(path: "ratings", message: "ordinals must be distinct")) }
        for (i, rating) in ratings.enumerated() {
            if rating.value.range(of: #"^[a-z0-9][a-z0-9-]{0,31}$"#, options: .regularExpression) == nil {
                errors.append(FieldError(path: "ratings.\(i).value", message: "1-32 lower-case letters, digits or '-'"))
            }
            if rating.label.isEmpty || rating.label.count > 64 { errors.append(FieldError(path: "ratings.\(i).label", message: "1-64 characters")) }
        }
        guard errors.isEmpty else { throw VerityError.validation(code: .projectInvalidRatingScale, "The rating scale is not valid.", errors) }
    }

    /// Checks that a rating is on the scale.
    package func validate(_ rating: String, path: String = "rating") throws {
        guard ratings.contains(where: { $0.value == rating }) else {
            throw VerityError.validation(
                code: .verdictInvalidRating, "'\(rating)' is not on the project's rating scale.",
                [FieldError(path: path, message: "one of " + ratings.map(\.value).joined(separator: ", "))])
        }
    }
}

/// Where a claim sits in an article's text: the range in both units, the W3C TextQuoteSelector
/// (exact, prefix, suffix) and the ordinals of the sentence spans it touches.
package struct ClaimTarget: Sendable, Equatable {
    package var range: TextRange
    package var exact: String
    package var prefix: String
    package var suffix: String
    package var spanOrdinals: [Int]

    /// How much context the server records on each side (W3C TextQuoteSelector prefix/suffix).
    package static let contextLength = 32

    /// Validates a requested range against the article text and builds the target. Rejects ranges
    /// outside the text, empty ranges, offsets inside a surrogate pair or a grapheme cluster, and an
    /// `exact` (or `prefix`/`suffix`) that disagrees with the text.
    package init(
        text index: TextIndex, spans: [(ordinal: Int, range: TextRange)], start: Int, end: Int, unit: OffsetUnit,
        exact: String? = nil, prefix: String? = nil, suffix: String? = nil
    ) throws {
        let limit = unit == .codePoint ? index.codePointCount : index.utf16Count
        var errors: [FieldError] = []
        if start < 0 || start > limit {
            errors.append(FieldError(path: "start", message: "must be between 0 and \(limit) (\(unit.rawValue) offsets)"))
        }
        if end < 0 || end > limit { errors.append(FieldError(path: "end", message: "must be between 0 and \(limit) (\(unit.rawValue) offsets)")) }
        if errors.isEmpty && start >= end { errors.append(FieldError(path: "end", message: "must be greater than start: a claim covers some text")) }
        guard errors.isEmpty else { throw VerityError.validation(code: .claimInvalidRange, "The range is not valid for this article.", errors) }

        var lower = start
        var upper = end
        if unit == .utf16 {
            guard let l = index.codePointOffset(ofUTF16: start), let u = index.codePointOffset(ofUTF16: end) else {
                throw VerityError.validation(
                    code: .claimSplitsCharacter, "A UTF-16 offset falls inside a surrogate pair.",
                    [FieldError(path: index.codePointOffset(ofUTF16: start) == nil ? "start" : "end", message: "inside a surrogate pair")])
            }
            lower = l
            upper = u
        }
        for (offset, path) in [(lower, "start"), (upper, "end")] where !index.isClusterBoundary(offset) {
            throw VerityError.validation(
                code: .claimSplitsGrapheme, "The range splits a character (a grapheme cluster such as an emoji or a letter with its accent).",
                [FieldError(path: path, message: "not on a character boundary")])
        }
        let quote = index.slice(lower, upper)
        if let exact, !Self.same(exact, quote) {
            throw VerityError.validation(
                code: .claimQuoteMismatch, "The quote does not match the text at that range.",
                [FieldError(path: "exact", message: "the text at that range is \(Self.abbreviate(quote))")])
        }
        var contextStart = max(0, lower - Self.contextLength)
        while !index.isClusterBoundary(contextStart) { contextStart -= 1 }
        var contextEnd = min(index.codePointCount, upper + Self.contextLength)
        while !index.isClusterBoundary(contextEnd) { contextEnd += 1 }
        let actualPrefix = index.slice(contextStart, lower)
        let actualSuffix = index.slice(upper, contextEnd)
        // A client's prefix and suffix may be shorter than ours; what they give must match the text.
        if let prefix, !prefix.isEmpty, !Self.same(index.slice(max(0, lower - prefix.unicodeScalars.count), lower), prefix) {
            throw VerityError.validation(
                code: .claimQuoteMismatch, "The prefix does not match the text before the range.",
                [FieldError(path: "prefix", message: "the text before the range ends \(Self.abbreviate(actualPrefix))")])
        }
        if let suffix, !suffix.isEmpty, !Self.same(index.slice(upper, min(index.codePointCount, upper + suffix.unicodeScalars.count)), suffix) {
            throw VerityError.validation(
                code: .claimQuoteMismatch, "The suffix does not match the text after the range.",
                [FieldError(path: "suffix", message: "the text after the range starts \(Self.abbreviate(actualSuffix))")])
        }
        range = index.range(codePointStart: lower, end: upper)
        self.exact = quote
        self.prefix = actualPrefix
        self.suffix = actualSuffix
        spanOrdinals = spans.filter { $0.range.start < upper && $0.range.end > lower }.map(\.ordinal)
    }

    /// Scalar-for-scalar equality: String's == treats canonically equivalent texts as equal, but offsets
    /// count scalars, so a decomposed quote must not match a precomposed text.
    private static func same(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.elementsEqual(b.unicodeScalars)
    }

    private static func abbreviate(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars.prefix(60))
        return "“" + String(view) + (scalars.count > 60 ? "…" : "") + "”"
    }
}
