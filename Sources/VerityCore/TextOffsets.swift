/// The unit a client counts text offsets in. Verity stores code points (Unicode scalar values,
/// the W3C TextPositionSelector unit and Python's `str` index) and also reports UTF-16 for JavaScript.
package enum OffsetUnit: String, Sendable, Codable, CaseIterable {
    case codePoint = "codepoint"
    case utf16
}

/// A half-open range of a text, in both units.
package struct TextRange: Sendable, Equatable, Hashable, Codable {
    /// First code point, inclusive.
    package var start: Int
    /// Last code point, exclusive.
    package var end: Int
    /// First UTF-16 code unit, inclusive.
    package var utf16Start: Int
    /// Last UTF-16 code unit, exclusive.
    package var utf16End: Int

    /// Creates a range from offsets in both units.
    package init(start: Int, end: Int, utf16Start: Int, utf16End: Int) {
        self.start = start
        self.end = end
        self.utf16Start = utf16Start
        self.utf16End = utf16End
    }
}

/// Offset arithmetic over one text: code point ↔ UTF-16 conversion, slicing by code points, and the
/// grapheme-cluster boundaries a range may not split.
package struct TextIndex: Sendable {
    /// The text's Unicode scalars, for O(1) code-point slicing.
    package let scalars: [Unicode.Scalar]
    /// `utf16Prefix[i]` is the UTF-16 length of the first `i` scalars.
    private let utf16Prefix: [Int]
    /// `clusterBoundaries[i]`: a grapheme cluster starts at code point `i` (or `i` is the text's end).
    private let clusterBoundaries: [Bool]

    /// Indexes a text.
    package init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        var prefix = [Int](repeating: 0, count: scalars.count + 1)
        for (i, scalar) in scalars.enumerated() {
            prefix[i + 1] = prefix[i] + UTF16.width(scalar)
        }
        utf16Prefix = prefix
        var boundaries = [Bool](repeating: false, count: scalars.count + 1)
        var offset = 0
        for character in text {
            boundaries[offset] = true
            offset += character.unicodeScalars.count
        }
        boundaries[offset] = true
        clusterBoundaries = boundaries
    }

    /// The number of code points.
    package var codePointCount: Int { scalars.count }
    /// The number of UTF-16 code units.
    package var utf16Count: Int { utf16Prefix[scalars.count] }

    /// The UTF-16 offset of a code-point offset (which must be in `0...codePointCount`).
    package func utf16Offset(ofCodePoint offset: Int) -> Int { utf16Prefix[offset] }

    /// The code-point offset of a UTF-16 offset, or nil when it falls inside a surrogate pair or outside the text.
    package func codePointOffset(ofUTF16 offset: Int) -> Int? {
        guard offset >= 0, offset <= utf16Count else { return nil }
        // Binary search: utf16Prefix is strictly increasing.
        var low = 0
        var high = scalars.count
        while low < high {
            let mid = (low + high) / 2
            if utf16Prefix[mid] < offset { low = mid + 1 } else { high = mid }
        }
        return utf16Prefix[low] == offset ? low : nil
    }

    /// Whether a code-point offset lies between two grapheme clusters (or at either end of the text).
    package func isClusterBoundary(_ offset: Int) -> Bool { offset >= 0 && offset < clusterBoundaries.count && clusterBoundaries[offset] }

    /// The text between two code-point offsets (clamped to the text).
    package func slice(_ start: Int, _ end: Int) -> String {
        let lower = max(0, min(start, scalars.count))
        let upper = max(lower, min(end, scalars.count))
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lower..<upper])
        return String(view)
    }

    /// The texts of ranges given in code points, in one pass over the text and without building an index:
    /// for ranges in ascending order (as an article's spans are); others fall back to an index.
    package static func scalarSlices(of text: String, _ ranges: [(start: Int, end: Int)]) -> [String] {
        guard zip(ranges, ranges.dropFirst()).allSatisfy({ $0.0.start <= $0.1.start }) else {
            let index = TextIndex(text)
            return ranges.map { index.slice($0.start, $0.end) }
        }
        let scalars = text.unicodeScalars
        var result: [String] = []
        result.reserveCapacity(ranges.count)
        var position = scalars.startIndex
        var offset = 0
        for range in ranges {
            while offset < range.start && position < scalars.endIndex {
                scalars.formIndex(after: &position)
                offset += 1
            }
            let lower = position
            var upper = position
            var upperOffset = offset
            while upperOffset < range.end && upper < scalars.endIndex {
                scalars.formIndex(after: &upper)
                upperOffset += 1
            }
            result.append(String(scalars[lower..<upper]))
        }
        return result
    }

    /// A range in both units from code-point offsets.
    package func range(codePointStart start: Int, end: Int) -> TextRange {
        TextRange(start: start, end: end, utf16Start: utf16Prefix[start], utf16End: utf16Prefix[end])
    }
}
