import Foundation
import Testing

@testable import VerityCore

@Suite("Re-anchoring claims on a revised text")
struct ReanchoringTests {
    static let old = """
        The minister said unemployment fell to 4.2% in March. Exports of grain doubled over the year, the ministry claims. \
        A new bridge 👩🏽‍💻 will open in 2026. The budget deficit was cut by a third.
        """

    /// The claim on `quote` in `text`, as the server stores it (with its prefix and suffix).
    static func target(_ quote: String, in text: String) throws -> ClaimTarget {
        let index = TextIndex(text)
        let range = try #require(text.range(of: quote))
        let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound.samePosition(in: text.unicodeScalars)!)
        return try ClaimTarget(text: index, spans: [], start: start, end: start + quote.unicodeScalars.count, unit: .codePoint)
    }

    static func anchor(_ target: ClaimTarget, oldText: String, newText: String) -> AnchoringResult {
        Reanchoring.anchor(
            exact: target.exact, prefix: target.prefix, suffix: target.suffix, start: target.range.start, end: target.range.end,
            oldLength: oldText.unicodeScalars.count, in: TextIndex(newText))
    }

    static func slice(_ text: String, _ start: Int?, _ end: Int?) -> String {
        TextIndex(text).slice(start ?? 0, end ?? 0)
    }

    @Test("an insertion before a claim moves it; a rewording inside one is fuzzy; a deleted one is orphaned; an untouched one stays")
    func edits() throws {
        let moved = try Self.target("Exports of grain doubled over the year", in: Self.old)
        let reworded = try Self.target("unemployment fell to 4.2% in March", in: Self.old)
        let deleted = try Self.target("A new bridge 👩🏽‍💻 will open in 2026.", in: Self.old)
        let kept = try Self.target("The minister said", in: Self.old)
        let new = """
            The minister said unemployment dropped to 4.2% in March. Breaking: figures revised on Tuesday. Exports of grain doubled over the year, \
            the ministry claims. The budget deficit was cut by a third.
            """
        let a = Self.anchor(moved, oldText: Self.old, newText: new)
        #expect(a.state == .moved && a.score == 1)
        #expect(Self.slice(new, a.start, a.end) == moved.exact)
        let b = Self.anchor(reworded, oldText: Self.old, newText: new)
        #expect(b.state == .fuzzy && b.score > 0.5 && b.score < 1, "\(b)")
        #expect(Self.slice(new, b.start, b.end) == "unemployment dropped to 4.2% in March", "\(b)")
        let c = Self.anchor(deleted, oldText: Self.old, newText: new)
        #expect(c.state == .orphaned && c.start == nil)
        let d = Self.anchor(kept, oldText: Self.old, newText: new)
        #expect(d.state == .anchored && d.start == kept.range.start)
    }

    @Test("of several occurrences, the one with the matching context wins; emoji are never split")
    func disambiguation() throws {
        let old = "He said no. Then the mayor said no. Later she said no again."
        // The second "said no" (code points 27..<34), whose context is "the mayor".
        let second = try ClaimTarget(text: TextIndex(old), spans: [], start: 27, end: 34, unit: .codePoint)
        #expect(second.exact == "said no" && second.prefix.hasSuffix("the mayor "))
        let new = "Breaking. He said no. Then the mayor said no. Later she said no again."
        let result = Self.anchor(second, oldText: old, newText: new)
        #expect(result.state == .moved && result.start == 27 + "Breaking. ".count)
        // A fuzzy match next to an emoji is widened to whole characters.
        let emojiOld = "Sales rose 👩🏽‍💻 sharply in May."
        let emojiClaim = try Self.target("rose 👩🏽‍💻 sharply", in: emojiOld)
        let emojiNew = "Sales grew 👩🏽‍💻 sharply in May."
        let fuzzy = Self.anchor(emojiClaim, oldText: emojiOld, newText: emojiNew)
        #expect(fuzzy.state == .fuzzy)
        let newIndex = TextIndex(emojiNew)
        #expect(newIndex.isClusterBoundary(fuzzy.start ?? -1) && newIndex.isClusterBoundary(fuzzy.end ?? -1))
    }

    @Test("approximate matching agrees with a naive edit distance on random texts")
    func approximateAgreesWithNaive() {
        func naive(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
            var row = Array(0...b.count)
            for i in 1...max(1, a.count) where i <= a.count {
                var previous = row[0]
                row[0] = i
                for j in 1...max(1, b.count) where j <= b.count {
                    let current = row[j]
                    row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                    previous = current
                }
            }
            return row[b.count]
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = ["a", "b", "c", " "]
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 5..<40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let pattern = (0..<Int.random(in: 3..<10, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let best = (0...text.count).flatMap { s in (s...text.count).map { e in naive(pattern, Array(text[s..<e])) } }.min()!
            let found = Reanchoring.approximate(pattern, in: text)
            if best <= max(1, Int(Double(pattern.count) * Reanchoring.maxEditShare)) {
                #expect(found?.distance == best, "\(String(String.UnicodeScalarView(pattern))) in \(String(String.UnicodeScalarView(text)))")
                if let found { #expect(naive(pattern, Array(text[found.start..<found.end])) == found.distance) }
            } else {
                #expect(found == nil)
            }
        }
    }

    @Test("the bit-parallel search finds the same best match as the full table, for quotes of one, two and more machine words")
    func bitParallelAgreesWithTable() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = ["a", "b", "c", "d", " ", "é", "🙂"]
        for round in 0..<300 {
            let length = [5, 30, 63, 64, 65, 127, 128, 129, 200][round % 9]
            let pattern = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            // A text holding a damaged copy of the pattern among random letters.
            var copy = pattern
            for _ in 0..<Int.random(in: 0...max(1, length / 5), using: &generator) {
                let at = Int.random(in: 0..<copy.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: copy[at] = alphabet.randomElement(using: &generator)!
                case 1: copy.remove(at: at)
                default: copy.insert(alphabet.randomElement(using: &generator)!, at: at)
                }
                if copy.isEmpty { copy = [alphabet[0]] }
            }
            let before = (0..<Int.random(in: 0..<300, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let after = (0..<Int.random(in: 0..<300, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let text = before + copy + after
            let limit = max(1, Int(Double(length) * Reanchoring.maxEditShare))
            let table = Reanchoring.approximate(pattern, in: text)
            let searcher = Reanchoring.Searcher(TextIndex(String(String.UnicodeScalarView(text))))
            let fast = searcher.bestEnd(pattern, limit: limit)
            #expect(fast?.distance == table?.distance, "length \(length): \(String(describing: fast)) vs \(String(describing: table))")
            #expect(fast?.end == table?.end, "length \(length)")
        }
    }
}
