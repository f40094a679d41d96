import Foundation
import Testing

@testable import VerityCore

/// A segmentation case as the benchmark files store it (other fields are ignored).
private struct SegmentationCase: Decodable {
    let id: String
    let text: String
    let expected: [String]
}

private func cases(_ name: String) throws -> [SegmentationCase] {
    try JSONDecoder().decode([SegmentationCase].self, from: Data(try fixture("sbd/\(name)").utf8))
}

/// Pragmatic Segmenter's English Golden Rules, as the project's shared benchmarks hold them (beside the
/// repository, as Scripts/sbd-golden.py reads them; not copied into it).
private func loadEnglishGoldenRules() throws -> [SegmentationCase] {
    let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let file = root.appending(path: "../shared/benchmarks/sbd-golden-rules-en.json").standardizedFileURL
    guard let data = try? Data(contentsOf: file) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: file.path])
    }
    return try JSONDecoder().decode([SegmentationCase].self, from: data)
}

/// Sentences compared after collapsing whitespace runs, as the benchmark script does (expected sentences of
/// texts with wrapped lines are written with the line breaks joined).
private func normalized(_ sentences: [String]) -> [String] {
    sentences.map { $0.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
}

private func sentences(_ text: String, language: String? = nil) -> [String] {
    let index = TextIndex(text)
    return SentenceSegmenter.segment(text, language: language).map { index.slice($0.lowerBound, $0.upperBound) }
}

/// The cases of a file that the segmenter gets wrong, with what it produced.
private func failures(_ cases: [SegmentationCase], language: String?) -> [String] {
    cases.compactMap { test in
        let got = normalized(sentences(test.text, language: language))
        return got == normalized(test.expected) ? nil : "\(test.id): expected \(normalized(test.expected)), got \(got)"
    }
}

@Suite("Sentence segmentation benchmarks")
struct SentenceSegmenterGoldenRulesTests {
    /// Pragmatic Segmenter's English Golden Rules (shared/benchmarks/sbd-golden-rules-en.json).
    @Test("all 52 English Golden Rules pass")
    func englishGoldenRules() throws {
        let all = try loadEnglishGoldenRules()
        #expect(all.count == 52)
        let failed = failures(all, language: nil)
        print("Sentence segmentation, English Golden Rules: \(all.count - failed.count)/\(all.count)")
        #expect(failed.isEmpty, "\(failed.joined(separator: "\n"))")
    }

    /// The Golden Rules of pySBD / Pragmatic Segmenter for each language, paraphrased (same abbreviations,
    /// punctuation and layout; new words). At least 95 % must pass with the language's rules. Known failures:
    /// it-golden-20 (a period inside a quoted verse, which these rules split like any quotation) and
    /// ru-golden-37 (`1898 г. В 1854 году …`: pySBD keeps one sentence; here it is two, which we think is right).
    @Test("each language passes at least 95 % of its Golden Rules", arguments: ["de", "fr", "es", "it", "ru"])
    func languageGoldenRules(_ language: String) throws {
        let all = try cases("golden-\(language).json")
        let failed = failures(all, language: language)
        let passed = all.count - failed.count
        print(
            "Sentence segmentation, \(language) Golden Rules: \(passed)/\(all.count) (\(String(format: "%.1f", 100.0 * Double(passed) / Double(all.count))) %)"
        )
        #expect(passed * 100 >= all.count * 95, "\(language): \(passed)/\(all.count)\n\(failed.joined(separator: "\n"))")
    }

    /// English news passages (sentences rewritten from 74 news sites, punctuation kept as found). At the time of
    /// writing 89 of 91 passages and 441 of 444 sentences are right; the misses are a headline with an inner
    /// exclamation mark (`Witchcraft! Bush White House…`) and a `— AP` credit after the last sentence.
    @Test("English news passages: at least 95 % exactly right, 98.5 % of sentences right")
    func englishNews() throws {
        let all = try cases("news-en.json")
        var exact = 0
        var expectedSentences = 0
        var right = 0
        var misses: [String] = []
        for test in all {
            let expected = normalized(test.expected)
            var got = normalized(sentences(test.text))
            expectedSentences += expected.count
            if got == expected {
                exact += 1
            } else {
                misses.append("\(test.id): expected \(expected), got \(got)")
            }
            for sentence in expected {
                if let found = got.firstIndex(of: sentence) {
                    right += 1
                    got.remove(at: found)
                }
            }
        }
        print(
            "Sentence segmentation, English news: \(exact)/\(all.count) passages exactly right, \(right)/\(expectedSentences) sentences right")
        #expect(exact * 100 >= all.count * 95, "\(exact)/\(all.count) passages\n\(misses.joined(separator: "\n"))")
        #expect(right * 1000 >= expectedSentences * 985, "\(right)/\(expectedSentences) sentences\n\(misses.joined(separator: "\n"))")
    }

    @Test(
        "abbreviations with inner periods end a sentence only before a sentence opener",
        arguments: [
            ("She moved to the U.S. He stayed in Kyiv.", 2),
            ("She has a Ph.D. in law.", 1),
            ("She has a Ph.D. She teaches law.", 2),
            ("The talks resumed at 10 a.m. Reporters were kept outside.", 2),
            ("I work for the U.S. Government in Virginia.", 1),
            ("The meeting starts at 9 a.m. Monday in Geneva.", 1),
            ("Polls close at 10 a.m. ET in most states.", 1),
            ("At 5 a.m. Mr. Smith went to the bank.", 1),
            ("He left the bank at 6 P.M. Mr. Smith then went to the store.", 2),
            ("The I.M.F. said growth would slow. Analysts agreed.", 2),
            ("Officials at the I.M.F. Research Department disagreed.", 1),
            ("He lives in Washington, D.C. He works for the government.", 2),
            ("Washington, D.C. Mayor Muriel Bowser said the city was ready.", 1),
            ("Britain left the E.U. In 2016 it had voted to go.", 2),
            ("The U.K. economy grew, e.g. in services, i.e. banking.", 1),
            ("Alphabet Inc. Chief Executive Sundar Pichai spoke.", 1),
            ("The shares of Alphabet Inc. rose. The company said profits grew.", 2),
            ("Michael C. Burgess, M.D. spoke. He was brief.", 2),
            ("Apple said iPhone sales rose. iPhone revenue hit a record.", 2),
        ])
    func englishAbbreviations(_ text: String, _ count: Int) {
        #expect(sentences(text).count == count, "\(sentences(text))")
    }

    @Test("lower-case lines are list items unless the text before them began as prose")
    func lowerCaseLines() {
        #expect(sentences("features\ncontact manager\nevents, activities\n") == ["features", "contact manager", "events, activities"])
        #expect(sentences("This is a sentence\ncut off in the middle because pdf.").count == 1)
        #expect(sentences("1. Ich spiele gern Tennis.\nspielen\nspielt").count == 3)
        #expect(sentences("A wrapped line \nContinues here.").count == 1)
        #expect(sentences("Dear sirs: \nTHE EMBASSY").count == 2)
    }

    @Test("four-dot ellipses: a full stop, then an ellipsis that opens the next sentence")
    func fourDotEllipsis() {
        #expect(
            sentences("It was weakened . . . was that of compounds. . . . The practice was not abandoned. . . .")
                == ["It was weakened . . . was that of compounds.", ". . . The practice was not abandoned. . . ."])
        #expect(sentences("Indicate the end with a period . . . . Next sentence.") == ["Indicate the end with a period . . . .", "Next sentence."])
        #expect(sentences("I never meant that.... She left.") == ["I never meant that....", "She left."])
        #expect(sentences("I mean . . . I did not.").count == 1)
    }
}
