import Foundation

/// Which part of an article a block of canonical text is.
package enum BlockKind: Sendable, Equatable, Hashable {
    case headline
    case standfirst
    /// A body paragraph, numbered from 0.
    case paragraph(Int)

    /// The name used in the API and the database: `headline`, `standfirst` or `paragraph`.
    package var name: String {
        switch self {
        case .headline: "headline"
        case .standfirst: "standfirst"
        case .paragraph: "paragraph"
        }
    }

    /// The paragraph number, for body paragraphs.
    package var paragraphIndex: Int? {
        if case .paragraph(let index) = self { return index }
        return nil
    }

    /// Rebuilds a kind from its stored name and paragraph number.
    package init?(name: String, paragraphIndex: Int?) {
        switch (name, paragraphIndex) {
        case ("headline", nil): self = .headline
        case ("standfirst", nil): self = .standfirst
        case ("paragraph", let index?) where index >= 0: self = .paragraph(index)
        default: return nil
        }
    }
}

/// The parts of an article that become its text, before they are joined.
package struct ArticleContent: Sendable, Equatable {
    /// The headline, if the source has one.
    package var headline: String?
    /// The standfirst (dek, summary paragraph under the headline), if any.
    package var standfirst: String?
    /// Body paragraphs, in order.
    package var paragraphs: [String]

    /// Creates content from its parts.
    package init(headline: String?, standfirst: String?, paragraphs: [String]) {
        self.headline = headline
        self.standfirst = standfirst
        self.paragraphs = paragraphs
    }
}

/// One block of the canonical text with its code-point range.
package struct TextBlock: Sendable, Equatable {
    /// What the block is.
    package var kind: BlockKind
    /// First code point, inclusive.
    package var start: Int
    /// Last code point, exclusive.
    package var end: Int
}

/// An article's canonical text: NFC, `\n` line ends, blocks separated by exactly one blank line,
/// whitespace inside blocks collapsed. It is what offsets count into, so it never changes once stored.
package struct CanonicalText: Sendable, Equatable {
    /// The text.
    package let text: String
    /// Its blocks, in order.
    package let blocks: [TextBlock]

    /// Joins normalized blocks; blocks that are empty after normalization are left out, and body
    /// paragraphs are renumbered so their indexes stay dense.
    package init(_ content: ArticleContent) {
        var parts: [(BlockKind, String)] = []
        if let headline = content.headline.map(TextNormalizer.normalizeBlock), !headline.isEmpty {
            parts.append((.headline, headline))
        }
        if let standfirst = content.standfirst.map(TextNormalizer.normalizeBlock), !standfirst.isEmpty {
            parts.append((.standfirst, standfirst))
        }
        var index = 0
        for paragraph in content.paragraphs {
            let normalized = TextNormalizer.normalizeBlock(paragraph)
            guard !normalized.isEmpty else { continue }
            parts.append((.paragraph(index), normalized))
            index += 1
        }
        var text = ""
        var blocks: [TextBlock] = []
        var offset = 0
        for (i, (kind, block)) in parts.enumerated() {
            if i > 0 {
                text += "\n\n"
                offset += 2
            }
            let length = block.unicodeScalars.count
            blocks.append(TextBlock(kind: kind, start: offset, end: offset + length))
            text += block
            offset += length
        }
        self.text = text
        self.blocks = blocks
    }
}

/// Whitespace and Unicode normalization shared by every input path.
package enum TextNormalizer {
    /// NFC, `\n` line ends, no control characters but `\n`, no byte-order marks.
    package static func normalizeLines(_ raw: String) -> String {
        var text = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        text = text.precomposedStringWithCanonicalMapping
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: scalars.append(scalar)
            case 0xFEFF: continue
            case 0x00...0x1F, 0x7F...0x9F:
                // Tabs, vertical tabs, form feeds and other controls read as a space.
                scalars.append(" ")
            default:
                if scalar.properties.isWhitespace && scalar.value != 0x0A {
                    scalars.append(" ")  // NBSP, thin spaces, line separators…
                } else {
                    scalars.append(scalar)
                }
            }
        }
        return String(scalars)
    }

    /// Normalizes one block: lines trimmed and runs of spaces collapsed. A block whose lines are all list
    /// items keeps one item per line; any other block is a paragraph whose hard line wraps become spaces.
    package static func normalizeBlock(_ raw: String) -> String {
        let lines = normalizeLines(raw).split(separator: "\n", omittingEmptySubsequences: true)
            .map { collapseSpaces($0) }
            .filter { !$0.isEmpty }
        guard lines.count > 1 else { return lines.first ?? "" }
        let separator = lines.allSatisfy(isListItem) ? "\n" : " "
        return lines.joined(separator: separator)
    }

    /// Splits raw text into blocks at blank lines.
    package static func splitBlocks(_ raw: String) -> [String] {
        let lines = normalizeLines(raw).split(separator: "\n", omittingEmptySubsequences: false)
        var blocks: [String] = []
        var current: [Substring] = []
        for line in lines {
            if line.allSatisfy({ $0 == " " }) {
                if !current.isEmpty { blocks.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { blocks.append(current.joined(separator: "\n")) }
        return blocks
    }

    /// Whether a line starts with a bullet or an enumeration marker (`-`, `•`, `*`, `1.`, `2)`, `a)`).
    package static func isListItem(_ line: String) -> Bool {
        guard let first = line.first else { return false }
        if "-•*–·▪◦".contains(first) { return line.dropFirst().first == " " }
        let marker = line.prefix { $0.isNumber || $0.isLetter }
        guard !marker.isEmpty, marker.count <= 3, marker.allSatisfy(\.isNumber) || marker.count == 1 else { return false }
        let rest = line.dropFirst(marker.count)
        return rest.hasPrefix(". ") || rest.hasPrefix(") ") || rest.hasPrefix(".) ")
    }

    /// Trims and collapses runs of spaces to one.
    package static func collapseSpaces<S: StringProtocol>(_ line: S) -> String {
        var result = ""
        result.reserveCapacity(line.utf8.count)
        var pendingSpace = false
        for character in line {
            if character == " " {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }
}
