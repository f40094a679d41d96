import Foundation
import Testing

@testable import VerityCore

@Suite("Verity's own export, read back")
struct ProjectArchiveTests {
    /// An archive of one article (text on the first claim line) and the given claims' quotes.
    static func archive(_ quotes: [String], text body: String = "Taxes fell by 3.5% 👩🏽‍💻 last year. Exports doubled.") throws -> [String] {
        let draft = try ArticleRecord(title: "T", body: body).draft()
        let index = TextIndex(draft.text)
        let spans = draft.spans.map { (ordinal: $0.ordinal, range: $0.range) }
        let base = ExportArticle(id: UUID(), contentHash: draft.contentHash, storedAt: Date(timeIntervalSince1970: 1_700_000_000.123456))
        let carried = base.withContent(
            text: draft.text,
            spans: draft.spans.map { ArchiveSpan(ordinal: $0.ordinal, block: $0.block.name, paragraph: $0.block.paragraphIndex, range: $0.range) },
            section: nil, standfirst: nil, author: nil, authorAffiliation: nil)
        return try quotes.enumerated().map { i, quote in
            let start = draft.text.unicodeScalars.distance(
                from: draft.text.unicodeScalars.startIndex,
                to: try #require(draft.text.range(of: quote)).lowerBound.samePosition(in: draft.text.unicodeScalars)!)
            let target = try ClaimTarget(text: index, spans: spans, start: start, end: start + quote.unicodeScalars.count, unit: .codePoint)
            let claim = Claim(
                id: UUID(), projectId: UUID(), articleId: base.id,
                target: ClaimTargetRecord(
                    range: target.range, exact: target.exact, prefix: target.prefix, suffix: target.suffix, spanOrdinals: target.spanOrdinals),
                status: .open, metadata: ClaimMetadata(), createdBy: nil, createdAt: Date(), updatedAt: Date(), version: 1)
            return ProjectArchive.line(
                ArchiveClaim(claim, article: i == 0 ? carried : base, creator: nil, verdicts: [], resolution: nil, resolver: nil))
        }
    }

    static func errors(_ lines: [String]) -> [Int: String] {
        var found: [Int: String] = [:]
        for record in ProjectArchive.parse(Data(lines.joined(separator: "\n").utf8)) {
            if case .failure(let error) = record.result { found[record.line] = error.code.rawValue }
        }
        return found
    }

    @Test("a well-formed archive reads back whole, and is recognised by its first line")
    func wellFormed() throws {
        let lines = try Self.archive(["Taxes fell by 3.5% 👩🏽‍💻", "Exports doubled."])
        #expect(Self.errors(lines).isEmpty)
        let data = Data(lines.joined(separator: "\n").utf8)
        #expect(ImportFormat.detect(data, name: "x.jsonl") == .archive)
        #expect(ImportFormat.detect(Data(#"{"text":"An article."}"#.utf8), name: "x.jsonl") == .jsonLines)
        #expect(lines[0].contains(#""text":"#) && !lines[1].contains(#""text":"#))
        #expect(lines[0].contains(#""storedAt":"2023-11-14T22:13:20.123456Z""#))
    }

    @Test("offsets, quotes, context, span ordinals and content hashes are checked against the text")
    func tampering() throws {
        let lines = try Self.archive(["Taxes fell by 3.5% 👩🏽‍💻", "Exports doubled."])
        let cases: [(line: Int, from: String, to: String, code: String)] = [
            (2, #""exact":"Exports"#, #""exact":"Imports"#, "claim.quote_mismatch"),
            (2, #""spanOrdinals":[2]"#, #""spanOrdinals":[1]"#, "claim.target_mismatch"),
            (1, #""exact":"Taxes fell"#, #""exact":"Taxes rose"#, "claim.quote_mismatch"),
            (2, #""start":"#, #""start":1"#, "claim.invalid_range"),
            (2, #""utf16Start":"#, #""utf16Start":9"#, "claim.target_mismatch"),
            (2, #""prefix":""#, #""prefix":"Q"#, "claim.quote_mismatch"),
            (2, #""contentHash":""#, #""contentHash":"0"#, "archive.content_hash_mismatch"),
            (2, #""kind":"verity.claim""#, #""kind":"verity.note""#, "archive.unknown_kind"),
            (2, #""version":1"#, #""version":"one""#, "import.invalid_json"),
        ]
        for test in cases {
            var tampered = lines
            #expect(tampered[test.line - 1].contains(test.from), "\(test.from)")
            tampered[test.line - 1] = tampered[test.line - 1].replacingOccurrences(of: test.from, with: test.to)
            #expect(Self.errors(tampered)[test.line] == test.code, "\(test.from) → \(test.to): \(Self.errors(tampered)) \(tampered[test.line - 1])")
        }
        // The text's own hash, and the text before the claims that use it.
        var wrongHash = lines
        wrongHash[0] = wrongHash[0].replacingOccurrences(of: "Exports doubled.\"", with: "Exports tripled.\"")
        #expect(Self.errors(wrongHash)[1] == "archive.content_hash_mismatch")
        #expect(Self.errors([lines[1], lines[0]])[1] == "archive.article_later")
    }

    @Test("an orphaned claim keeps offsets of an earlier revision; they must still span its quote")
    func orphans() throws {
        let lines = try Self.archive(["Taxes fell by 3.5% 👩🏽‍💻", "Exports doubled."])
        #expect(lines[1].contains(#""anchoring":"anchored""#))
        // Its quote is no longer in the text, its offsets point elsewhere: as an orphan, that is what it is.
        let orphan = lines[1].replacingOccurrences(of: #""anchoring":"anchored""#, with: #""anchoring":"orphaned""#)
            .replacingOccurrences(of: #""exact":"Exports doubled.""#, with: #""exact":"Imports doubled.""#)
        #expect(Self.errors([lines[0], orphan]).isEmpty, "\(Self.errors([lines[0], orphan]))")
        // The same change on a claim that is not orphaned is caught, as before.
        let moved = orphan.replacingOccurrences(of: #""anchoring":"orphaned""#, with: #""anchoring":"moved""#)
        #expect(Self.errors([lines[0], moved])[2] == "claim.quote_mismatch")
        // Offsets that do not span the orphan's quote.
        let short = orphan.replacingOccurrences(of: #""exact":"Imports doubled.""#, with: #""exact":"Imports""#)
        #expect(Self.errors([lines[0], short])[2] == "claim.invalid")
        // Older archives carry no anchoring: their claims are anchored.
        let old = lines[1].replacingOccurrences(of: #""anchoring":"anchored","#, with: "").replacingOccurrences(
            of: #","anchoring":"anchored""#, with: "")
        #expect(old != lines[1] && Self.errors([lines[0], old]).isEmpty)
    }

    @Test("timestamps keep their microseconds; ordered ids sort in the order they are made")
    func timestampsAndIds() throws {
        for seconds in [0.0, 1_700_000_000.000001, 1_700_000_000.999999, 1_764_392_261.5] {
            let date = Date(timeIntervalSince1970: seconds)
            let text = Timestamp.microseconds(date)
            #expect(Timestamp.microseconds(try #require(Timestamp.parse(text))) == text)
        }
        #expect(Timestamp.parse("2026-11-29T04:57:41.123456+00:00").map { Timestamp.microseconds($0) } == "2026-11-29T04:57:41.123456Z")
        #expect(Timestamp.parse("2026-11-29T04:57:41Z") != nil && Timestamp.parse("yesterday") == nil)
        var ids = OrderedIDs()
        let made = (0..<1000).map { _ in ids.next().uuidString.lowercased() }
        #expect(made == made.sorted() && Set(made).count == made.count)
        #expect(made.allSatisfy { $0.dropFirst(14).first == "7" })
    }
}
