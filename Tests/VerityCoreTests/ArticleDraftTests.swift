import Foundation
import Testing

@testable import VerityCore

@Suite("Article drafts: canonical text and spans")
struct ArticleDraftTests {
    @Test("the seed article has 16 body sentences, first and last as expected, and consistent offsets")
    func seedSpans() throws {
        let draft = try ArticleDraft(scrapedPage: try fixture("seed-article.txt"))
        let index = TextIndex(draft.text)
        let body = draft.spans.filter { $0.block.paragraphIndex != nil }
        #expect(body.count == 16)
        let first = try #require(body.first)
        let last = try #require(body.last)
        #expect(index.slice(first.range.start, first.range.end).hasPrefix("In order to implement the four well-known resolutions"))
        #expect(index.slice(last.range.start, last.range.end).hasPrefix("In this regard, Armenians settled in Khankendi"))
        #expect(draft.spans.first?.block == .headline)
        #expect(draft.spans.dropFirst().first?.block == .standfirst)
        #expect(draft.metadata.title == "World community does not recognise “elections” held by Karabakh separatists")
        #expect(draft.metadata.section == "European Union")
        #expect(draft.metadata.author == "Mazahir Afandiyev")
        try checkSpanInvariants(draft)
    }

    @Test("canonical text: NFC, \\n line ends, one blank line between blocks, spaces collapsed")
    func canonicalText() throws {
        let record = ArticleRecord(title: "  Cafe\u{0301}  news ", body: "First  para\r\nwraps here.\r\n\r\n\r\n\r\nSecond\tpara.\u{00A0}\n\n")
        let draft = try record.draft()
        #expect(draft.text == "Café news\n\nFirst para wraps here.\n\nSecond para.")
        #expect(draft.spans.map(\.block) == [.headline, .paragraph(0), .paragraph(1)])
    }

    @Test("list blocks keep one item per line and each item is a span")
    func listItems() throws {
        let draft = try ArticleRecord(body: "Key points:\n\n- Taxes rise\n- Spending falls\n- Debt is flat").draft()
        #expect(draft.text == "Key points:\n\n- Taxes rise\n- Spending falls\n- Debt is flat")
        #expect(draft.spans.count == 4)
    }

    @Test("the content hash identifies the canonical text, not its raw spelling")
    func contentHash() throws {
        let a = try ArticleRecord(body: "One sentence.\r\n\r\nTwo  sentences.").draft()
        let b = try ArticleRecord(body: "One sentence.\n\nTwo sentences.\n").draft()
        #expect(a.contentHash == b.contentHash)
        #expect(a.contentHash.count == 64)
    }

    @Test("emoji, combining marks and CJK: offsets in both units agree with the text")
    func unicodeOffsets() throws {
        let body = "Die Stadt feiert 🎉🇺🇦! Zoë said 👩🏽‍💻 works. 東京は大きい。大阪も大きい。 Then e\u{0301}cole closed."
        let draft = try ArticleRecord(body: body).draft()
        try checkSpanInvariants(draft)
        let index = TextIndex(draft.text)
        let texts = draft.spans.map { index.slice($0.range.start, $0.range.end) }
        #expect(texts == ["Die Stadt feiert 🎉🇺🇦!", "Zoë said 👩🏽‍💻 works.", "東京は大きい。", "大阪も大きい。", "Then école closed."])
    }

    @Test("a record without body, with a bad date, URL or language is rejected with field paths")
    func invalidRecords() throws {
        let error = try #require(throws: VerityError.self) {
            try ArticleRecord(url: "javascript:alert(1)", publishedAt: "yesterday", language: "english!", body: "   ").draft()
        }
        #expect(error.fieldErrors.map(\.path).contains("body"))
        #expect(error.fieldErrors.map(\.path).contains("publishedAt"))
        let urlError = try #require(throws: VerityError.self) {
            try ArticleRecord(url: "javascript:alert(1)", language: "english!", body: "Text.").draft()
        }
        #expect(Set(urlError.fieldErrors.map(\.path)) == ["url", "language"])
    }

    @Test("wrong JSON types name the field")
    func wrongTypes() throws {
        let error = try #require(throws: VerityError.self) { try ArticleRecord.decode(Data(#"{"body": 42}"#.utf8)) }
        #expect(error.fieldErrors.first?.path == "body")
        #expect(error.fieldErrors.first?.message == "expected a string")
        #expect(throws: VerityError.self) { try ArticleRecord.decode(Data(#"{"body": "x""#.utf8)) }
    }

    @Test("dates: full date-times and plain dates")
    func dates() {
        #expect(ArticleRecord.parseDate("2023-09-12T10:00:00Z") != nil)
        #expect(ArticleRecord.parseDate("2023-09-12T10:00:00.250+02:00") != nil)
        #expect(ArticleRecord.parseDate("2023-09-12") != nil)
        #expect(ArticleRecord.parseDate("12/09/2023") == nil)
    }
}

/// Spans are ordered, don't overlap, never start or end inside a grapheme cluster or on whitespace, cover
/// every non-whitespace character, and their UTF-16 offsets match their code-point offsets.
func checkSpanInvariants(_ draft: ArticleDraft) throws {
    let index = TextIndex(draft.text)
    let utf16 = Array(draft.text.utf16)
    var covered = [Bool](repeating: false, count: index.codePointCount)
    var previousEnd = 0
    for (i, span) in draft.spans.enumerated() {
        #expect(span.ordinal == i)
        #expect(span.range.start >= previousEnd && span.range.start < span.range.end)
        #expect(index.isClusterBoundary(span.range.start) && index.isClusterBoundary(span.range.end))
        let text = index.slice(span.range.start, span.range.end)
        #expect(text == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(
            String(utf16CodeUnits: Array(utf16[span.range.utf16Start..<span.range.utf16End]), count: span.range.utf16End - span.range.utf16Start)
                == text)
        for offset in span.range.start..<span.range.end { covered[offset] = true }
        previousEnd = span.range.end
    }
    for (offset, scalar) in index.scalars.enumerated() where !scalar.properties.isWhitespace {
        #expect(covered[offset], "code point \(offset) is in no span")
    }
}

@Suite("Unicode normalization")
struct NormalizationTests {
    @Test(
        "the NFC fast path agrees with full NFC on text from many scripts",
        arguments: [
            "plain ASCII text", "Café déjà vu", "Cafe\u{0301} de\u{0301}ja\u{0300} vu", "“Quoted” – dashes — and … ellipses",
            "Ångström \u{212B} and Kelvin \u{212A}", "Ελληνικά \u{1F71} \u{0387}", "한국어 \u{1100}\u{1161}\u{11A8}", "ଓଡ଼ିଆ \u{0B47}\u{0B3E}",
            "हिन्दी क़", "Привет, мир", "東京 \u{F900} 漢字", "emoji 👩🏽‍💻 🇺🇦", "q\u{0307}\u{0323}", "\u{1E0B}\u{0323}",
        ])
    func nfcFastPath(_ text: String) {
        #expect(TextNormalizer.nfc(text) == text.precomposedStringWithCanonicalMapping)
        #expect(Array(TextNormalizer.nfc(text).unicodeScalars) == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test("line ends: \\r\\n and \\r become \\n; controls become spaces")
    func lineEnds() {
        #expect(TextNormalizer.normalizeLines("a\r\nb\rc\nd\te\u{0B}f\u{FEFF}") == "a\nb\nc\nd e f")
    }
}
