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
        Searcher(text).anchor(exact: exact, prefix: prefix, suffix: suffix, start: start, end: end, oldLength: oldLength)
    }

    /// Re-anchors many claims on one new text: the text's alphabet is mapped once, then each claim costs an
    /// exact look, a scan for its quote, and — only when neither finds it — a bit-parallel approximate
    /// search (Myers' algorithm, ⌈m/64⌉ machine words per text character), after which the exact
    /// edit-distance table is filled only in the one window where the best match ends. So a claim costs
    /// O(n·⌈m/64⌉), not O(n·m), and a revision with a thousand claims on a long article stays fast.
    package struct Searcher: Sendable {
        let text: TextIndex
        /// Each text scalar as a small code: its rank among the text's distinct scalars.
        let codes: [UInt16]
        let codeOf: [Unicode.Scalar: UInt16]

        /// Prepares a new text for re-anchoring.
        package init(_ text: TextIndex) {
            self.text = text
            var codeOf: [Unicode.Scalar: UInt16] = [:]
            var codes: [UInt16] = []
            codes.reserveCapacity(text.scalars.count)
            for scalar in text.scalars {
                if let code = codeOf[scalar] {
                    codes.append(code)
                } else if codeOf.count < Int(UInt16.max) {
                    let code = UInt16(codeOf.count)
                    codeOf[scalar] = code
                    codes.append(code)
                } else {
                    codes.append(UInt16.max)
                }
            }
            self.codes = codes
            self.codeOf = codeOf
        }

        /// Where a claim lands in this text (see `Reanchoring`).
        package func anchor(exact: String, prefix: String, suffix: String, start: Int, end: Int, oldLength: Int) -> AnchoringResult {
            let quote = Array(exact.unicodeScalars)
            let scalars = text.scalars
            guard !quote.isEmpty, !scalars.isEmpty else { return AnchoringResult(state: .orphaned, score: 0) }
            // 1. Unchanged.
            if start >= 0, start <= end, end <= scalars.count, scalars[start..<end].elementsEqual(quote) {
                return AnchoringResult(state: .anchored, start: start, end: end, score: 1)
            }
            // Where the old position would be if the text grew or shrank evenly.
            let expected = oldLength > 0 ? Int(Double(start) * Double(scalars.count) / Double(oldLength)) : start
            // 2. The same quote elsewhere.
            let occurrences = find(quote)
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
            // 3. An approximate match: where the best one ends (bit-parallel), then its start (exact table, one window).
            let limit = max(1, Int(Double(quote.count) * maxEditShare))
            guard let (matchEnd, distance) = bestEnd(quote, limit: limit) else { return AnchoringResult(state: .orphaned, score: 0) }
            let windowStart = max(0, matchEnd - quote.count - distance)
            guard let windowMatch = approximate(quote, in: Array(scalars[windowStart..<matchEnd])), windowMatch.distance == distance else {
                return AnchoringResult(state: .orphaned, score: 0)
            }
            let match = (start: windowStart + windowMatch.start, end: windowStart + windowMatch.end, distance: windowMatch.distance)
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

        /// Every position where `needle` occurs, comparing codes (a scalar absent from the text rules a match out).
        func find(_ needle: [Unicode.Scalar]) -> [Int] {
            var pattern: [UInt16] = []
            pattern.reserveCapacity(needle.count)
            for scalar in needle {
                guard let code = codeOf[scalar] else { return [] }
                pattern.append(code)
            }
            guard pattern.count <= codes.count, let first = pattern.first else { return [] }
            var positions: [Int] = []
            codes.withUnsafeBufferPointer { text in
                pattern.withUnsafeBufferPointer { p in
                    var i = 0
                    let last = text.count - p.count
                    while i <= last {
                        if text[i] == first {
                            var k = 1
                            while k < p.count && text[i + k] == p[k] { k += 1 }
                            if k == p.count { positions.append(i) }
                        }
                        i += 1
                    }
                }
            }
            return positions
        }

        /// The end (exclusive) of the first substring of the text closest to `pattern` in edit distance, if
        /// within `limit`: Myers' bit-vector algorithm in blocks of 64 pattern positions, with the
        /// horizontal delta carried from block to block (Myers 1999; Hyyrö 2003).
        func bestEnd(_ pattern: [Unicode.Scalar], limit: Int) -> (end: Int, distance: Int)? {
            let m = pattern.count
            let blocks = (m + 63) / 64
            let alphabet = codeOf.count
            // peq[code * blocks + b]: the pattern positions of block b holding the scalar with that code.
            var peq = [UInt64](repeating: 0, count: max(1, alphabet) * blocks)
            for (i, scalar) in pattern.enumerated() {
                guard let code = codeOf[scalar] else { continue }
                peq[Int(code) * blocks + i / 64] |= 1 << UInt64(i % 64)
            }
            var pv = [UInt64](repeating: ~0, count: blocks)
            var mv = [UInt64](repeating: 0, count: blocks)
            let lastBit: UInt64 = 1 << UInt64((m - 1) % 64)
            var score = m
            var best: (end: Int, distance: Int)?
            peq.withUnsafeBufferPointer { peq in
                codes.withUnsafeBufferPointer { text in
                    for j in 0..<text.count {
                        let code = Int(text[j])
                        let row = code < alphabet ? code * blocks : -1
                        // Sellers: a match may start anywhere, so nothing comes in from above block 0.
                        var hin = 0
                        for b in 0..<blocks {
                            var eq: UInt64 = row >= 0 ? peq[row + b] : 0
                            let p = pv[b]
                            let n = mv[b]
                            let xv = eq | n
                            if hin < 0 { eq |= 1 }
                            let xh = (((eq & p) &+ p) ^ p) | eq
                            var ph = n | ~(xh | p)
                            var mh = p & xh
                            let top: UInt64 = b == blocks - 1 ? lastBit : 1 << 63
                            let hout = ph & top != 0 ? 1 : (mh & top != 0 ? -1 : 0)
                            ph <<= 1
                            mh <<= 1
                            if hin < 0 { mh |= 1 } else if hin > 0 { ph |= 1 }
                            pv[b] = mh | ~(xv | ph)
                            mv[b] = ph & xv
                            hin = hout
                        }
                        score += hin
                        if score <= limit && (best == nil || score < best!.distance) { best = (j + 1, score) }
                    }
                }
            }
            return best
        }
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
