import Foundation

/// How a claim came through a new revision of its article's text.
package enum AnchoringState: String, Sendable, Equatable, Codable, CaseIterable {
    /// Exactly where it was.
    case anchored
    /// The same quote, elsewhere (text was inserted or removed before it).
    case moved
    /// A close but not identical quote near where it was (it was reworded); see the score.
    case fuzzy
    /// Nothing close enough: the claim keeps its old offsets and quote, against the old revision.
    case orphaned
}

/// Where a claim lands in a new text.
package struct AnchoringResult: Sendable, Equatable {
    package var state: AnchoringState
    /// The new range (code points), nil when orphaned.
    package var start: Int?
    package var end: Int?
    /// 1 for anchored and moved; the match quality for fuzzy (0…1); 0 for orphaned.
    package var score: Double
}

/// Re-anchors a claim's quote in a revised text, as the issue lays out and as Hypothesis does for web
/// annotations (W3C TextQuoteSelector + TextPositionSelector): the exact position if the quote is still
/// there; else the quote found elsewhere — the only occurrence, or of several the one whose context
/// matches best, nearest the old position; else an approximate match of the quote (bounded edit
/// distance), scored on quote, prefix, suffix and distance; else orphaned. Offsets are code points and
/// always land on grapheme-cluster boundaries.
package enum Reanchoring {
    /// The most edits (as a share of the quote's length) a fuzzy match may need.
    package static let maxEditShare = 0.3
    /// The least score a fuzzy match must reach.
    package static let minFuzzyScore = 0.5

    /// Finds where `exact` (with its `prefix` and `suffix`, once at `[start, end)` of the old text) is in `text`.
    package static func anchor(exact: String, prefix: String, suffix: String, start: Int, end: Int, oldLength: Int, in text: TextIndex)
        -> AnchoringResult
    {
        let quote = Array(exact.unicodeScalars)
        let scalars = text.scalars
        guard !quote.isEmpty, !scalars.isEmpty else { return AnchoringResult(state: .orphaned, score: 0) }
        // 1. Unchanged.
        if end <= scalars.count, Array(scalars[start..<end]) == quote {
            return AnchoringResult(state: .anchored, start: start, end: end, score: 1)
        }
        // Where the old position would be if the text grew or shrank evenly.
        let expected = oldLength > 0 ? Int(Double(start) * Double(scalars.count) / Double(oldLength)) : start
        // 2. The same quote elsewhere.
        let occurrences = find(quote, in: scalars)
        if !occurrences.isEmpty {
            let best = occurrences.max { a, b in
                let ca = contextScore(at: a, length: quote.count, prefix: prefix, suffix: suffix, in: scalars)
                let cb = contextScore(at: b, length: quote.count, prefix: prefix, suffix: suffix, in: scalars)
                if ca != cb { return ca < cb }
                return abs(a - expected) > abs(b - expected)
            }!
            if text.isClusterBoundary(best) && text.isClusterBoundary(best + quote.count) {
                return AnchoringResult(state: .moved, start: best, end: best + quote.count, score: 1)
            }
        }
        // 3. An approximate match.
        guard let match = approximate(quote, in: scalars) else { return AnchoringResult(state: .orphaned, score: 0) }
        var lower = match.start
        var upper = match.end
        while lower > 0 && !text.isClusterBoundary(lower) { lower -= 1 }
        while upper < scalars.count && !text.isClusterBoundary(upper) { upper += 1 }
        guard upper > lower else { return AnchoringResult(state: .orphaned, score: 0) }
        let quoteSimilarity = 1 - Double(match.distance) / Double(quote.count)
        let context = contextScore(at: lower, length: upper - lower, prefix: prefix, suffix: suffix, in: scalars)
        let nearness = 1 - min(1, Double(abs(lower - expected)) / Double(max(scalars.count, 1)))
        let score = 0.6 * quoteSimilarity + 0.25 * context + 0.15 * nearness
        guard score >= minFuzzyScore else { return AnchoringResult(state: .orphaned, score: 0) }
        return AnchoringResult(state: .fuzzy, start: lower, end: upper, score: (score * 1000).rounded() / 1000)
    }

    /// Every position where `needle` occurs in `haystack`.
    static func find(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> [Int] {
        guard needle.count <= haystack.count, let first = needle.first else { return [] }
        var positions: [Int] = []
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { positions.append(i) }
            i += 1
        }
        return positions
    }

    /// How well the text around `[at, at + length)` matches the old prefix and suffix (0…1).
    static func contextScore(at position: Int, length: Int, prefix: String, suffix: String, in scalars: [Unicode.Scalar]) -> Double {
        let before = Array(prefix.unicodeScalars)
        let after = Array(suffix.unicodeScalars)
        func common(_ a: some Sequence<Unicode.Scalar>, _ b: some Sequence<Unicode.Scalar>) -> Int {
            zip(a, b).prefix { $0 == $1 }.count
        }
        let prefixMatch = common(scalars[..<position].reversed(), before.reversed())
        let suffixMatch = common(scalars[min(scalars.count, position + length)...], after)
        let total = before.count + after.count
        return total == 0 ? 1 : Double(prefixMatch + suffixMatch) / Double(total)
    }

    /// The substring of `text` closest to `pattern` in edit distance (Sellers' algorithm: the match may
    /// start anywhere), if within `maxEditShare` of the pattern's length.
    static func approximate(_ pattern: [Unicode.Scalar], in text: [Unicode.Scalar]) -> (start: Int, end: Int, distance: Int)? {
        let m = pattern.count
        let limit = max(1, Int(Double(m) * maxEditShare))
        // previous[i] = distance of pattern[..<i] to the best substring ending at the current text position;
        // origin[i] = where that substring starts.
        var previous = Array(0...m)
        var previousOrigin = Array(repeating: 0, count: m + 1)
        var current = Array(repeating: 0, count: m + 1)
        var currentOrigin = Array(repeating: 0, count: m + 1)
        var best: (start: Int, end: Int, distance: Int)?
        for j in 1...max(1, text.count) where j <= text.count {
            current[0] = 0
            currentOrigin[0] = j
            for i in 1...m {
                let substitution = previous[i - 1] + (pattern[i - 1] == text[j - 1] ? 0 : 1)
                let deletion = previous[i] + 1
                let insertion = current[i - 1] + 1
                if substitution <= deletion && substitution <= insertion {
                    current[i] = substitution
                    currentOrigin[i] = i == 1 ? j - 1 : previousOrigin[i - 1]
                } else if deletion <= insertion {
                    current[i] = deletion
                    currentOrigin[i] = previousOrigin[i]
                } else {
                    current[i] = insertion
                    currentOrigin[i] = currentOrigin[i - 1]
                }
            }
            if current[m] <= limit && (best == nil || current[m] < best!.distance) {
                best = (currentOrigin[m], j, current[m])
            }
            swap(&previous, &current)
            swap(&previousOrigin, &currentOrigin)
        }
        return best
    }
}
