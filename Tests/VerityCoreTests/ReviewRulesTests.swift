import Testing

@testable import VerityCore

@Suite("Permissions, workflow, blind review")
struct ReviewRulesTests {
    /// The expected table, written out cell by cell: role (nil = outsider) → permissions held.
    static let expected: [Role?: Set<Permission>] = [
        nil: [],
        .viewer: [.readProject],
        .reviewer: [.readProject, .createClaim, .submitVerdict],
        .editor: [
            .readProject, .importArticles, .createClaim, .deleteClaim, .submitVerdict, .readAllVerdicts, .resolveClaim, .readAudit,
            .importReferences, .manageGold, .readReviewerQuality,
        ],
        .owner: Set(Permission.allCases),
    ]

    @Test("every role × permission cell", arguments: [nil] + Role.allCases.map(Optional.some), Permission.allCases)
    func cell(_ role: Role?, _ permission: Permission) {
        #expect(AccessPolicy.allows(role, permission) == Self.expected[role]!.contains(permission))
        #expect(AccessPolicy.allows(role, permission, isAdmin: true))
    }

    @Test("status after verdicts: open, in review, agreed, disputed; closed claims don't move")
    func workflow() {
        #expect(ClaimWorkflow.statusAfterVerdicts(current: .open, ratings: ["true"], reviewersPerClaim: 2) == .inReview)
        #expect(ClaimWorkflow.statusAfterVerdicts(current: .inReview, ratings: ["true", "true"], reviewersPerClaim: 2) == .agreed)
        #expect(ClaimWorkflow.statusAfterVerdicts(current: .inReview, ratings: ["true", "false"], reviewersPerClaim: 2) == .disputed)
        #expect(ClaimWorkflow.statusAfterVerdicts(current: .disputed, ratings: ["false", "false"], reviewersPerClaim: 2) == .agreed)
        #expect(ClaimWorkflow.statusAfterVerdicts(current: .verified, ratings: ["true", "false"], reviewersPerClaim: 2) == .verified)
        #expect(ClaimWorkflow.statusAfterVerdicts(current: .open, ratings: ["mixed"], reviewersPerClaim: 1) == .agreed)
        #expect(throws: VerityError.self) { try ClaimWorkflow.checkManualTransition(from: .open, to: .published) }
        #expect(throws: VerityError.self) { try ClaimWorkflow.checkManualTransition(from: .verified, to: .rejected) }
        #expect(throws: Never.self) { try ClaimWorkflow.checkManualTransition(from: .verified, to: .published) }
        #expect(throws: Never.self) { try ClaimWorkflow.checkManualTransition(from: .rejected, to: .open) }
        #expect(ClaimWorkflow.canResolve(.disputed) && !ClaimWorkflow.canResolve(.inReview) && !ClaimWorkflow.canResolve(.published))
    }

    @Test("blind review: who sees which verdicts")
    func visibility() {
        func v(_ role: Role?, blind: Bool = true, own: Bool = false, _ status: ClaimStatus = .inReview) -> VerdictVisibility {
            VerdictVisibility.of(role: role, isAdmin: false, blindReview: blind, hasOwnVerdict: own, status: status)
        }
        #expect(v(.reviewer) == .ownOnly)
        #expect(v(.reviewer, own: true) == .all)
        #expect(v(.reviewer, blind: false) == .all)
        #expect(v(.viewer) == .none)
        #expect(v(.viewer, blind: false) == .none)
        #expect(v(.viewer, .verified) == .all)
        #expect(v(.editor) == .all && v(.owner) == .all)
        #expect(v(nil) == .none)
        #expect(VerdictVisibility.of(role: nil, isAdmin: true, blindReview: true, hasOwnVerdict: false, status: .open) == .all)
    }

    @Test("ratings must be on the scale")
    func scale() {
        #expect(throws: Never.self) { try RatingScale.standard.validate("mostly-false") }
        #expect(throws: VerityError.self) { try RatingScale.standard.validate("pants-on-fire") }
    }
}

@Suite("Claim offsets")
struct ClaimTargetTests {
    let text = "Zoë 👩🏽‍💻 said: e\u{0301}lan. 東京は大きい。 Done."
    var index: TextIndex { TextIndex(text) }
    var spans: [(ordinal: Int, range: TextRange)] {
        let draft = try! ArticleRecord(body: text).draft()
        return draft.spans.map { ($0.ordinal, $0.range) }
    }

    private func target(_ start: Int, _ end: Int, _ unit: OffsetUnit = .codePoint, exact: String? = nil, prefix: String? = nil, suffix: String? = nil)
        throws -> ClaimTarget
    {
        try ClaimTarget(text: index, spans: spans, start: start, end: end, unit: unit, exact: exact, prefix: prefix, suffix: suffix)
    }

    @Test("emoji, combining marks and CJK round-trip in both units")
    func roundTrip() throws {
        for quote in ["👩🏽‍💻", "e\u{0301}lan", "東京", "Zoë 👩🏽‍💻 said"] {
            let startIndex = text.range(of: quote)!.lowerBound
            let cpStart = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: startIndex)
            let cpEnd = cpStart + quote.unicodeScalars.count
            let u16Start = text.utf16.distance(from: text.utf16.startIndex, to: startIndex)
            let u16End = u16Start + quote.utf16.count
            let byCodePoint = try target(cpStart, cpEnd, exact: quote)
            let byUTF16 = try target(u16Start, u16End, .utf16, exact: quote)
            #expect(byCodePoint == byUTF16)
            #expect(byCodePoint.exact.unicodeScalars.elementsEqual(quote.unicodeScalars))
            #expect(byCodePoint.range == TextRange(start: cpStart, end: cpEnd, utf16Start: u16Start, utf16End: u16End))
        }
    }

    @Test("a range that splits a grapheme cluster or a surrogate pair is rejected")
    func splits() throws {
        let emoji = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: text.range(of: "👩🏽‍💻")!.lowerBound)
        let error = try #require(throws: VerityError.self) { try target(emoji, emoji + 2) }
        #expect(error.code.rawValue == "claim.splits_grapheme")
        let combining = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: text.range(of: "e\u{0301}")!.lowerBound)
        #expect(throws: VerityError.self) { try target(combining, combining + 1) }
        let u16 = text.utf16.distance(from: text.utf16.startIndex, to: text.range(of: "👩🏽‍💻")!.lowerBound)
        let surrogate = try #require(throws: VerityError.self) { try target(u16 + 1, u16 + 4, .utf16) }
        #expect(surrogate.code.rawValue == "claim.splits_character")
    }

    @Test("outside the text, empty, negative, Int.max: 422 with the field named")
    func badRanges() throws {
        for (start, end) in [(-1, 3), (0, Int.max), (5, 5), (7, 2), (Int.min, Int.max)] {
            let error = try #require(throws: VerityError.self) { try target(start, end) }
            #expect(error.code.rawValue == "claim.invalid_range")
            #expect(!error.fieldErrors.isEmpty)
        }
    }

    @Test("exact, prefix and suffix must match the text; the server records 32 code points of context")
    func quotes() throws {
        let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: text.range(of: "東京")!.lowerBound)
        let error = try #require(throws: VerityError.self) { try target(start, start + 2, exact: "大阪") }
        #expect(error.code.rawValue == "claim.quote_mismatch")
        #expect(throws: VerityError.self) { try target(start, start + 2, prefix: "nope ") }
        #expect(throws: VerityError.self) { try target(start, start + 2, suffix: "X") }
        let ok = try target(start, start + 2, exact: "東京", prefix: "lan. ", suffix: "は大")
        #expect(ok.prefix.unicodeScalars.count == 32 || ok.prefix.unicodeScalars.count == start)
        #expect(ok.suffix.hasPrefix("は大きい"))
        #expect(ok.spanOrdinals.count == 1)
        let decomposed = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: text.range(of: "e\u{0301}lan")!.lowerBound)
        #expect(throws: VerityError.self) { try target(decomposed, decomposed + 5, exact: "élan") }
    }

    @Test("a claim across sentences records every span it touches")
    func acrossSpans() throws {
        let target = try target(0, index.codePointCount)
        #expect(target.spanOrdinals == spans.map(\.ordinal))
        #expect(spans.count >= 3)
    }
}
