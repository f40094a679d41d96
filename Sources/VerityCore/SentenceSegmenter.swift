/// Splits text into sentences. Rule-based, in the manner of the Pragmatic Segmenter: a sentence ends at
/// `.`, `?`, `!` or an ellipsis followed by space and something that can start a sentence, except after
/// abbreviations, initials, list markers, decimals, URLs and e-mail addresses. It works on grapheme
/// clusters, so it never splits an emoji or a letter from its combining mark.
package enum SentenceSegmenter {
    /// Sentence ranges in code-point offsets (end exclusive), trimmed of surrounding whitespace, in order.
    package static func segment(_ text: String) -> [Range<Int>] {
        let chars = text.map(Glyph.init)
        let n = chars.count
        guard n > 0 else { return [] }
        var scalarOffset = [Int](repeating: 0, count: n + 1)
        for (i, glyph) in chars.enumerated() {
            scalarOffset[i + 1] = scalarOffset[i] + glyph.scalarCount
        }
        let listBreaks = inlineListBreaks(chars)

        var result: [Range<Int>] = []
        var start = 0
        func close(at end: Int) {
            var lower = start
            var upper = end
            while lower < upper, chars[lower].isWhitespace { lower += 1 }
            while upper > lower, chars[upper - 1].isWhitespace { upper -= 1 }
            if lower < upper { result.append(scalarOffset[lower]..<scalarOffset[upper]) }
            start = end
        }

        var i = 0
        while i < n {
            let c = chars[i]
            if listBreaks.contains(i) {
                close(at: i)
            }
            if c == "\n" {
                // A line break ends a sentence (list items, headings) unless the next line continues it in lower case.
                let next = chars[(i + 1)...].first { !$0.isWhitespace }
                if !(next?.isLowercase ?? false) { close(at: i) }
                i += 1
                continue
            }
            guard isTerminator(c) else {
                i += 1
                continue
            }
            let runEnd = endOfTerminatorRun(chars, from: i)
            if isBoundary(chars, runStart: i, runEnd: runEnd, sentenceStart: start) {
                close(at: runEnd)
            }
            i = max(runEnd, i + 1)
        }
        close(at: n)
        return result
    }

    // MARK: - Terminator runs

    static func isTerminator(_ c: Glyph) -> Bool {
        switch c.scalar {
        case 0x2E, 0x3F, 0x21, 0x2026, 0x3002, 0xFF1F, 0xFF01, 0x203C, 0x2047, 0x2048, 0x2049: c.isSingle
        default: false
        }
    }

    static func isCloser(_ c: Glyph) -> Bool {
        switch c.scalar {
        case 0x201D, 0x2019, 0x22, 0x27, 0x29, 0x5D, 0xBB, 0x203A, 0x300D, 0x300F: c.isSingle
        default: false
        }
    }

    static func isOpener(_ c: Glyph) -> Bool {
        switch c.scalar {
        case 0x201C, 0x2018, 0x22, 0x27, 0x28, 0x5B, 0xAB, 0x2039, 0x300C, 0x300E, 0xBF, 0xA1: c.isSingle
        default: false
        }
    }

    /// List bullets that may precede a list marker (`•`, `⁃`, `-`, `*`).
    static func isBullet(_ c: Glyph) -> Bool {
        switch c.scalar {
        case 0x2022, 0x2043, 0x2D, 0x2A: c.isSingle
        default: false
        }
    }

    static func isEmoji(_ c: Glyph) -> Bool {
        guard c.scalar >= 0x80, let first = c.character.unicodeScalars.first else { return false }
        return first.properties.isEmojiPresentation || (!c.isSingle && first.properties.isEmoji)
    }

    /// The end of a run of terminators starting at `i`, with spaced ellipses (`. . .`), closing quotes and
    /// brackets (`said.”`), and emoji that trail the sentence (`Great! 🎉`) taken into the run.
    static func endOfTerminatorRun(_ chars: [Glyph], from i: Int) -> Int {
        let n = chars.count
        var j = i
        while j < n {
            if isTerminator(chars[j]) {
                j += 1
            } else if chars[j] == " ", j + 1 < n, chars[j + 1] == ".", j > i, chars[j - 1] == "." {
                j += 2
            } else {
                break
            }
        }
        while j < n, isCloser(chars[j]) { j += 1 }
        // Emoji after the final punctuation belong to the sentence they close.
        var k = j
        while k < n, chars[k] == " " || isEmoji(chars[k]) {
            if isEmoji(chars[k]) { j = k + 1 }
            k += 1
        }
        return j
    }

    // MARK: - Deciding

    static func isBoundary(_ chars: [Glyph], runStart i: Int, runEnd: Int, sentenceStart: Int) -> Bool {
        let n = chars.count
        let run = chars[i..<runEnd].filter { isTerminator($0) || $0 == " " }
        let dots = run.filter { $0 == "." }.count
        let hasQuestionOrBang = run.contains { $0 != "." && $0 != " " && $0 != "…" }
        let isEllipsis = run.contains { $0 == "…" } || dots >= 3
        if runEnd >= n { return true }
        if chars[i] == "。" || chars[i] == "？" || chars[i] == "！" { return true }

        let nextChar = chars[runEnd]
        if !nextChar.isWhitespace {
            // `Hello world.Today is…`: a full stop glued to a capital ends a sentence when the words around it
            // are ordinary words, not a domain, an e-mail address, an acronym or a file name.
            guard chars[i] == ".", dots == 1, nextChar.isUppercase, i > 0, chars[i - 1].isLowercase || chars[i - 1].isNumber else { return false }
            let token = tokenAround(chars, i)
            return !token.contains("@") && !token.contains("://") && !token.lowercased().hasPrefix("www")
        }
        guard let k = chars[runEnd...].firstIndex(where: { !$0.isWhitespace }) else { return true }
        let next = chars[k]
        let nextWord = word(chars, from: k)

        if hasQuestionOrBang { return !next.isLowercase }
        if isEllipsis {
            // `[...]` marks an omission inside a quotation; a detached three-dot ellipsis (` . . . `) an omission
            // inside a sentence; either way the sentence goes on.
            if i > 0, chars[i - 1] == "[" || chars[i - 1] == "(" { return false }
            let detached = i > 0 && chars[i - 1] == " "
            if detached && dots == 3 { return false }
            return next.isUppercase
        }
        // A single full stop, perhaps followed by closing quotes or brackets.
        if next.isLowercase { return false }
        if !next.isLetter && !next.isNumber && !isOpener(next) { return false }
        // The word before the stop, never reaching back past the sentence's start (`Tuesday.Mr.`) nor
        // including a list bullet (`⁃9.`).
        let firstOfSentence = firstNonSpace(chars, from: sentenceStart)
        let before = string(chars[max(wordStart(chars, i), min(firstOfSentence, i))..<i])
        let lowered = before.lowercased()
        if before.isEmpty { return true }
        // A list marker that opens the sentence (`1.`, `a.`, `iv.`) is not a sentence.
        if wordStart(chars, i) <= firstOfSentence, before.count <= 3,
            before.allSatisfy(\.isNumber) || (before.count == 1 && before.first!.isLetter) || isRomanNumeral(lowered)
        {
            return false
        }
        if next.isNumber && numberAbbreviations.contains(lowered) { return false }
        if titleAbbreviations.contains(lowered) { return false }
        if before.count == 1, before.first!.isLetter {
            // An initial (`Jonas E. Smith`) unless a sentence plainly starts after it (`you and I. Did…`).
            return sentenceStarters.contains(nextWord)
        }
        if isLetterDotAcronym(before) {
            if ["e.g", "i.e", "cf", "viz", "et al"].contains(lowered) { return false }
            return sentenceStarters.contains(nextWord)
        }
        if midSentenceAbbreviations.contains(lowered) {
            return sentenceStarters.contains(nextWord)
        }
        return true
    }

    static func wordStart(_ chars: [Glyph], _ i: Int) -> Int {
        var s = i
        while s > 0, !chars[s - 1].isWhitespace { s -= 1 }
        while s < i, isOpener(chars[s]) { s += 1 }
        return s
    }

    static func firstNonSpace(_ chars: [Glyph], from i: Int) -> Int {
        var j = i
        while j < chars.count, chars[j].isWhitespace { j += 1 }
        while j < chars.count, isBullet(chars[j]) || chars[j] == " " { j += 1 }
        return j
    }

    /// The whitespace-delimited token containing index `i`.
    static func tokenAround(_ chars: [Glyph], _ i: Int) -> String {
        var s = i
        while s > 0, !chars[s - 1].isWhitespace { s -= 1 }
        var e = i
        while e < chars.count, !chars[e].isWhitespace { e += 1 }
        return string(chars[s..<e])
    }

    /// The letters of the word starting at `k`, after any opening punctuation.
    static func word(_ chars: [Glyph], from k: Int) -> String {
        var s = k
        while s < chars.count, isOpener(chars[s]) { s += 1 }
        var e = s
        while e < chars.count, chars[e].isLetter || chars[e] == "'" || chars[e] == "’" { e += 1 }
        return string(chars[s..<e])
    }

    /// `U.S`, `e.g`, `a.m`, `Ph.D`: letters joined by single full stops (the final stop is the terminator).
    static func isLetterDotAcronym(_ word: String) -> Bool {
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isLetter) }
    }

    static func isRomanNumeral(_ word: String) -> Bool {
        !word.isEmpty && word.count <= 4 && word.allSatisfy { "ivx".contains($0) }
    }

    // MARK: - Inline lists

    /// Break points before the second and later items of a list written on one line
    /// (`1.) The first item 2.) The second item`, `a. one b. two`, `• 9. x • 10. y`). Only a marker that
    /// continues the sequence opened at the start of the text counts, so prose numbers never split.
    static func inlineListBreaks(_ chars: [Glyph]) -> Set<Int> {
        var breaks = Set<Int>()
        var i = firstNonSpace(chars, from: 0)
        guard let (first, style, _) = listMarker(chars, at: i) else { return breaks }
        var expected = successor(first)
        i += 1
        while i < chars.count {
            if chars[i] == " " || chars[i] == "\n" {
                var j = i + 1
                var bulletStart = j
                while j < chars.count, isBullet(chars[j]) || chars[j] == " " { j += 1 }
                if j == i + 1 { bulletStart = j }
                if let (marker, markerStyle, _) = listMarker(chars, at: j), markerStyle == style, marker == expected {
                    breaks.insert(bulletStart)
                    expected = successor(marker)
                    i = j
                }
            }
            i += 1
        }
        return breaks
    }

    /// A list marker at `i`: its label (`9`, `b`), its punctuation style (`.`, `)`, `.)`) and length.
    static func listMarker(_ chars: [Glyph], at i: Int) -> (String, String, Int)? {
        var j = i
        while j < chars.count, chars[j].isNumber, j - i < 3 { j += 1 }
        if j == i, i < chars.count, chars[i].isLowercase, chars[i].isASCII { j = i + 1 }
        guard j > i else { return nil }
        let label = string(chars[i..<j])
        var style = ""
        while j < chars.count, chars[j] == "." || chars[j] == ")", style.count < 2 {
            style.append(chars[j].character)
            j += 1
        }
        guard !style.isEmpty, j < chars.count, chars[j] == " " else { return nil }
        return (label, style, j - i)
    }

    static func successor(_ label: String) -> String {
        if let number = Int(label) { return String(number + 1) }
        if let scalar = label.unicodeScalars.first, let next = Unicode.Scalar(scalar.value + 1) { return String(Character(next)) }
        return label
    }

    // MARK: - Word lists

    /// Titles before a name: never the end of a sentence.
    static let titleAbbreviations: Set<String> = [
        "mr", "mrs", "ms", "mx", "dr", "prof", "gen", "gov", "sen", "rep", "st", "mt", "ft", "rev", "hon", "col", "lt",
        "capt", "sgt", "maj", "adm", "cmdr", "cpl", "pvt", "messrs", "mme", "mlle", "pres", "supt", "insp", "det",
        "atty", "amb", "sr", "jr", "fr", "br", "sec", "supt", "brig", "lieut", "esq",
    ]
    /// Abbreviations that precede a number (`No. 5`, `p. 55`, `N°. 1026`).
    static let numberAbbreviations: Set<String> = [
        "no", "nos", "n°", "nr", "p", "pp", "vol", "vols", "fig", "figs", "art", "arts", "ch", "chap", "sec", "para",
        "op", "ed", "eq", "ref", "tel", "ext", "approx", "ca", "c", "v", "vs",
    ]
    /// Abbreviations that usually sit inside a sentence but can end one (`… and co. They…`).
    static let midSentenceAbbreviations: Set<String> = [
        "etc", "inc", "ltd", "co", "corp", "llc", "plc", "bros", "vs", "v", "al", "approx", "dept", "est", "govt",
        "intl", "univ", "assn", "ave", "blvd", "rd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "cf", "ibid", "ca",
        "min", "max", "misc", "no", "pp", "vol", "fig", "ed", "eds", "trans", "esp", "resp", "viz", "yr", "yrs", "hr",
        "hrs", "mins", "sq", "km", "kg", "lb", "lbs", "oz", "ft", "in", "cm", "mm",
    ]
    /// Words that start sentences far more often than they continue one after an abbreviation.
    static let sentenceStarters: Set<String> = [
        "A", "Also", "After", "All", "An", "And", "Another", "Are", "As", "At", "Being", "But", "By", "Can", "Did", "Do",
        "Does", "During", "Each", "Even", "Every", "For", "From", "He", "Her", "Here", "His", "How", "However", "I",
        "If", "In", "Is", "It", "Its", "It's", "Last", "Many", "Meanwhile", "Millions", "More", "Most", "My", "Next",
        "No", "Nor", "Not", "Now", "Of", "On", "One", "Our", "She", "So", "Some", "Such", "That", "The", "Their",
        "Then", "There", "These", "They", "This", "Those", "Thus", "To", "Today", "Two", "We", "Were", "What", "When",
        "Where", "Which", "While", "Who", "Why", "Will", "With", "Would", "Yes", "Yet", "You", "Your",
    ]

    static func string(_ glyphs: ArraySlice<Glyph>) -> String {
        var result = ""
        for glyph in glyphs { result.append(glyph.character) }
        return result
    }
}

/// A grapheme cluster with its first scalar cached, so the segmenter's many punctuation tests compare
/// integers instead of strings (Character equality is a string comparison), with ASCII fast paths for
/// the character classes it asks about.
struct Glyph {
    let character: Character
    /// The first Unicode scalar's value.
    let scalar: UInt32
    /// The number of Unicode scalars in the cluster.
    let scalarCount: Int

    init(_ character: Character) {
        self.character = character
        let scalars = character.unicodeScalars
        self.scalar = scalars.first!.value
        self.scalarCount = scalars.count
    }

    /// One scalar only (punctuation is compared only in that case).
    var isSingle: Bool { scalarCount == 1 }

    /// Whether the cluster is exactly this one scalar (compares integers; no Character is built).
    static func == (lhs: Glyph, rhs: Unicode.Scalar) -> Bool { lhs.scalarCount == 1 && lhs.scalar == rhs.value }
    static func != (lhs: Glyph, rhs: Unicode.Scalar) -> Bool { !(lhs == rhs) }

    var isWhitespace: Bool {
        switch scalar {
        case 0x20, 0x0A, 0x09, 0x0D: true
        case 0x21..<0x80: false
        default: character.isWhitespace
        }
    }
    var isLetter: Bool {
        switch scalar {
        case 0x41...0x5A, 0x61...0x7A: true
        case 0..<0x80: false
        default: character.isLetter
        }
    }
    var isUppercase: Bool {
        switch scalar {
        case 0x41...0x5A: true
        case 0..<0x80: false
        default: character.isUppercase
        }
    }
    var isLowercase: Bool {
        switch scalar {
        case 0x61...0x7A: true
        case 0..<0x80: false
        default: character.isLowercase
        }
    }
    var isNumber: Bool {
        switch scalar {
        case 0x30...0x39: true
        case 0..<0x80: false
        default: character.isNumber
        }
    }
    var isASCII: Bool { scalar < 0x80 && isSingle }
}
