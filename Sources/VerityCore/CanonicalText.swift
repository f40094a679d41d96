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
    /// The block's text: `text[start..<end]`.
    package var text: String
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
            blocks.append(TextBlock(kind: kind, start: offset, end: offset + length, text: block))
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
        let text = nfc(raw)
        // Built as UTF-8 bytes: appending scalar by scalar to a String is several times slower.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar.value == 0x0D }
            switch scalar.value {
            case 0x20...0x7E:
                bytes.append(UInt8(scalar.value))
            case 0x0A:
                // \r\n is one line end, already written for the \r.
                if !previousWasCR { bytes.append(0x0A) }
            case 0x0D:
                bytes.append(0x0A)
            case 0xFEFF:
                continue
            case 0x00...0x1F, 0x7F...0x9F:
                // Tabs, vertical tabs, form feeds and other controls read as a space.
                bytes.append(0x20)
            default:
                if scalar.properties.isWhitespace {
                    bytes.append(0x20)  // NBSP, thin spaces, line separators…
                } else {
                    bytes.append(contentsOf: scalar.utf8)
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Unicode Normalization Form C. Foundation's implementation is slow on Linux, so it runs only when the
    /// text holds a scalar NFC can change: one with a non-zero combining class (combining marks, which
    /// reorder and compose), or one from the ranges with singleton decompositions, composition
    /// exclusions or compositions of two starters (Indic vowel signs, Hangul jamo, Greek extended,
    /// CJK compatibility ideographs…). Text without any — Latin, Cyrillic, CJK, typographic quotes,
    /// emoji — is already NFC.
    package static func nfc(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: mayChangeUnderNFC) else { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// Whether a scalar can make NFC differ from the input (conservative: false only when it cannot).
    static func mayChangeUnderNFC(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x300 { return false }
        if scalar.properties.canonicalCombiningClass != .notReordered { return true }
        switch value {
        case 0x0340...0x0344, 0x0374, 0x037E, 0x0387,  // Greek singletons and excluded marks
            0x0900...0x0DFF,  // Indic scripts: nukta forms and two-part vowel signs
            0x0F00...0x0FFF,  // Tibetan
            0x1000...0x109F,  // Myanmar
            0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF,  // Hangul jamo
            0x1B00...0x1B7F,  // Balinese
            0x1F00...0x1FFF,  // Greek extended (oxia/tonos singletons)
            0x2000...0x2001, 0x2126, 0x212A...0x212B, 0x2329...0x232A, 0x2ADC,  // singletons
            0xF900...0xFAFF, 0xFB1D...0xFB4F,  // CJK compatibility ideographs, Hebrew presentation forms
            0x1D15E...0x1D1C0,  // musical symbols
            0x11000...0x115FF, 0x11900...0x1193F,  // Brahmic scripts of the supplementary planes
            0x2F800...0x2FA1F:  // CJK compatibility ideographs supplement
            return true
        default:
            return false
        }
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

    /// Trims and collapses runs of ASCII spaces to one (other whitespace was made a space already).
    package static func collapseSpaces<S: StringProtocol>(_ line: S) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(line.utf8.count)
        var pendingSpace = false
        for byte in line.utf8 {
            if byte == 0x20 {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
