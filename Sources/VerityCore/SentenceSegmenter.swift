/// Splits text into sentences. Rule-based, in the manner of the Pragmatic Segmenter: a sentence ends at `.`, `?`,
/// `!`, `…` or a CJK full stop followed by space and something that can start a sentence, except after
/// abbreviations, initials, list markers, decimals, URLs and e-mail addresses; a line break ends a sentence
/// unless the next line plainly continues it.
///
/// It reads the UTF-8 bytes once, stopping only at bytes that can matter (terminators, line breaks and the lead
/// bytes of their non-ASCII forms), so it runs at memory speed on ordinary prose; everything it does at a stop
/// looks at a bounded window, so adversarial input (a megabyte of dots or of one word) stays linear. Offsets are
/// counted in code points, and a boundary never falls inside a grapheme cluster: the scalars next to each
/// boundary are checked with Unicode properties instead of splitting the whole text into `Character`s.
///
/// Abbreviations are decided by word class rather than by lists of cases: a title (`Dr.`) never ends a sentence;
/// an acronym (`U.S.`), an initial or a mid-sentence abbreviation (`Inc.`) ends one only when the next word is a
/// typical sentence opener (`He`, `The`, `But`); `a.m.` ends one before a capital unless a day, month or time
/// zone follows or the sentence so far is just a fronted time phrase (`At 5 a.m. Mr. Smith left.`).
package enum SentenceSegmenter {
    /// Sentence ranges in code-point offsets (end exclusive), trimmed of surrounding whitespace, in order. The
    /// language is a BCP 47 tag (`de`, `pt-BR`); nil or a language without rules of its own gets the English ones.
    package static func segment(_ text: String, language: String? = nil) -> [Range<Int>] {
        segment(text, rules: SegmenterLanguage(tag: language).rules)
    }

    /// Sentence ranges for an already resolved language.
    package static func segment(_ text: String, language: SegmenterLanguage) -> [Range<Int>] {
        segment(text, rules: language.rules)
    }

    /// Sentence ranges of a text given as UTF-8 bytes, which must be well formed (as a String's are, or as
    /// `UTF8Validation` has checked): for callers that hold bytes already, with no String to build.
    package static func segment(utf8 bytes: UnsafeBufferPointer<UInt8>, language: SegmenterLanguage) -> [Range<Int>] {
        var scanner = SentenceScanner(bytes, rules: language.rules)
        return scanner.run()
    }

    /// Sentence ranges under the given rules: the one place that touches a String's storage.
    static func segment(_ text: String, rules: SegmenterRules) -> [Range<Int>] {
        var text = text
        // withUTF8 needs a mutable string only to make a bridged one contiguous; a native string is not copied.
        return text.withUTF8 { bytes in
            var scanner = SentenceScanner(bytes, rules: rules)
            return scanner.run()
        }
    }
}

/// One pass over a text's UTF-8 bytes that collects sentence ranges. Byte offsets throughout; each range is
/// converted to code points as its sentence closes, counting only the bytes since the previous one.
struct SentenceScanner {
    private let b: UnsafeBufferPointer<UInt8>
    private let n: Int
    private let rules: SegmenterRules
    /// Closed sentences as code-point ranges, in order.
    private var ranges: [Range<Int>] = []
    /// A byte offset and its code-point offset, advanced as sentences close (their offsets only grow).
    private var cursor = (byte: 0, codePoint: 0)
    /// Where the open sentence starts (it may still have leading whitespace, which `close` trims).
    private var start = 0
    /// The open sentence's first byte after whitespace and list bullets, once known (-1 until then).
    private var content = -1

    /// How far back (in bytes) a word before a full stop is read. Longer tokens are URLs, paths or noise, never
    /// abbreviations, and the bound keeps one-megabyte "words" linear.
    private static let window = 64

    /// A scanner over UTF-8 bytes (which must be valid UTF-8, as a String's are).
    init(_ bytes: UnsafeBufferPointer<UInt8>, rules: SegmenterRules) {
        self.b = bytes
        self.n = bytes.count
        self.rules = rules
        ranges.reserveCapacity(bytes.count / 96 + 2)
    }

    /// Segments the whole text and returns code-point ranges.
    mutating func run() -> [Range<Int>] {
        guard n > 0 else { return [] }
        let listBreaks = inlineListBreaks()
        var nextList = 0
        var i = 0
        while i < n {
            let limit = nextList < listBreaks.count ? listBreaks[nextList] : n
            // The hot loop: most bytes are letters and spaces and need nothing. Eight at a time while no byte in
            // the word can matter, then one at a time.
            i = skipQuiet(from: i, limit: limit)
            if i >= limit {
                guard limit < n else { break }
                close(at: limit)
                nextList += 1
                continue
            }
            let next: Int
            switch b[i] {
            case 0x2E, 0x3F, 0x21: next = terminator(at: i)
            case 0x0A, 0x0B, 0x0C, 0x0D: next = lineBreak(at: i)
            default:
                let (v, length) = scalar(at: i)
                if Scalars.isTerminator(v) {
                    next = terminator(at: i)
                } else if Scalars.isLineBreak(v) {
                    next = lineBreak(at: i)
                } else {
                    next = i + length
                }
            }
            // A list break inside what a handler consumed (a terminator run) is dropped; one at its end is kept.
            while nextList < listBreaks.count && listBreaks[nextList] < next { nextList += 1 }
            i = next
        }
        close(at: n)
        return ranges
    }

    /// The first byte at or after `i` (and before `limit`) that may matter.
    @inline(__always)
    private func skipQuiet(from i: Int, limit: Int) -> Int {
        var i = i
        let base = UnsafeRawPointer(b.baseAddress.unsafelyUnwrapped)
        while i + 8 <= limit {
            let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let hits = Self.mayMatter8(w)
            // Little-endian: the lowest flagged byte is the first in the text. A tab flagged by the line-break
            // test reaches the dispatcher, which passes over it.
            if hits != 0 { return i + hits.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < limit && !Self.mayMatter(b[i]) { i += 1 }
        return i
    }

    /// The high bit of each of eight bytes that may matter; the lowest set bit is exact (the carries of the
    /// zero-byte test only spread upwards), higher ones may be false alarms, and tabs are harmless ones.
    @inline(__always)
    private static func mayMatter8(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        /// The zero-byte test on `w` XOR the byte repeated: flags bytes equal to `byte`.
        @inline(__always) func hasByte(_ byte: UInt64) -> UInt64 {
            let x = w ^ (ones &* byte)
            return (x &- ones) & ~x & highs
        }
        // Bytes below 0x0E (line breaks, and tabs as a harmless false alarm).
        var hits = (w &- ones &* 0x0E) & ~w & highs
        hits |= hasByte(0x2E) | hasByte(0x21) | hasByte(0x3F)
        if w & highs != 0 { hits |= hasByte(0xC2) | hasByte(0xE2) | hasByte(0xE3) | hasByte(0xEF) }
        return hits
    }

    /// Bytes that can start a terminator or a line break: `!`, `.`, `?`, the ASCII line breaks, and the lead
    /// bytes of U+0085, U+2026 `…`, U+203C–2049, U+2028/2029 (E2), U+3002 `。` (E3) and the fullwidth forms (EF).
    @inline(__always)
    private static func mayMatter(_ c: UInt8) -> Bool {
        if c < 0x40 { return (0x8000_4002_0000_3C00 as UInt64) >> UInt64(c) & 1 != 0 }
        return c >= 0xC2 && (c == 0xE2 || c == 0xE3 || c == 0xEF || c == 0xC2)
    }

    // MARK: - Sentences

    /// Ends the open sentence at `end` (trimming whitespace) and opens the next one there.
    private mutating func close(at end: Int) {
        guard end > start else { return }
        let lower = skipWhitespace(from: start, limit: end)
        let upper = trimEnd(end, floor: lower)
        if lower < upper {
            let first = cursor.codePoint + scalarCount(cursor.byte, lower)
            let last = first + scalarCount(lower, upper)
            ranges.append(first..<last)
            cursor = (upper, last)
        }
        start = end
        content = -1
    }

    /// The open sentence's first byte after whitespace and list bullets (`•`, `⁃`, `-`, `*`), looking no
    /// further than `limit`. Moves `start` past leading whitespace, which close would trim anyway, so
    /// whitespace is read once however often this is asked.
    private mutating func contentStart(limit: Int) -> Int {
        if content >= 0 { return content }
        start = skipWhitespace(from: start, limit: max(start, limit))
        var p = start
        while p < limit {
            let (v, length) = scalar(at: p)
            guard Scalars.isBullet(v) || v == 0x20 else { break }
            p += length
        }
        if p < limit { content = p }
        return p
    }

    /// The number of scalars in a byte range: the bytes that are not UTF-8 continuation bytes (`10xxxxxx`),
    /// counted eight at a time.
    private func scalarCount(_ from: Int, _ to: Int) -> Int {
        var count = 0
        var p = from
        let base = UnsafeRawPointer(b.baseAddress.unsafelyUnwrapped)
        while p + 8 <= to {
            let w = base.loadUnaligned(fromByteOffset: p, as: UInt64.self)
            // One bit per continuation byte, summed by a multiply (no POPCNT on baseline x86-64).
            let continuations = (w & ~(w << 1) & 0x8080_8080_8080_8080) >> 7
            count &+= 8 &- Int(truncatingIfNeeded: (continuations &* 0x0101_0101_0101_0101) >> 56)
            p += 8
        }
        while p < to {
            count &+= b[p] & 0xC0 != 0x80 ? 1 : 0
            p += 1
        }
        return count
    }

    // MARK: - Terminators

    /// What a run of terminators is made of.
    private struct Run {
        var dots = 0
        var questionOrBang = false
        var ellipsis = false
        var spaced = false
        var closers = false
        var cjk = false
    }

    /// Reads the terminator run starting at `i` (with spaced ellipses, closing quotes and brackets, more
    /// terminators after them as in `?".`, and emoji that trail the sentence), closes the sentence if the run
    /// ends one, and returns where scanning goes on.
    private mutating func terminator(at i: Int) -> Int {
        var run = Run()
        var j = i
        while j < n {
            let c = b[j]
            var pictographic = false
            if c == 0x2E {
                run.dots += 1
                j += 1
            } else if c == 0x3F || c == 0x21 {
                run.questionOrBang = true
                j += 1
            } else if c == 0x20 && j > i && b[j - 1] == 0x2E && j + 1 < n && b[j + 1] == 0x2E && !run.closers {
                // `. . .`: a spaced ellipsis is one run.
                run.spaced = true
                run.dots += 1
                j += 2
            } else if c < 0x80 {
                guard Scalars.isCloser(UInt32(c)) else { break }
                run.closers = true
                j += 1
            } else {
                let (v, length) = scalar(at: j)
                if Scalars.isTerminator(v) {
                    if v == 0x2026 {
                        run.ellipsis = true
                    } else if Scalars.isCJKTerminator(v) {
                        // Only a run that starts with a CJK stop ends without a space after it.
                        run.cjk = run.cjk || j == i
                    } else {
                        run.questionOrBang = true
                    }
                    pictographic = Scalars.isPictographic(v)
                } else if Scalars.isCloser(v) {
                    run.closers = true
                } else {
                    break
                }
                j += length
            }
            // A combining mark or variation selector after a terminator belongs to its cluster.
            j = skipExtenders(j, pictographic: pictographic)
        }
        // French spacing: `… fin. »` — a closing guillemet after a space still closes the sentence.
        if j < n, !run.cjk {
            var p = j
            while p < n, case let (v, length) = scalar(at: p), Scalars.isHorizontalSpace(v), p - j < 8 { p += length }
            if p > j, p < n, case let (v, length) = scalar(at: p), v == 0xBB || v == 0x203A {
                let after = skipExtenders(p + length)
                if after >= n || Scalars.isWhitespace(scalar(at: after).value) {
                    run.closers = true
                    j = after
                }
            }
        }
        j = trailingEmoji(from: j)
        if let boundary = boundary(runStart: i, runEnd: j, run) { close(at: boundary) }
        return j
    }

    /// Emoji after a sentence's final punctuation belong to it (`Great! 🎉 The bridge…`).
    private func trailingEmoji(from j: Int) -> Int {
        var end = j
        var k = j
        while k < n {
            if b[k] == 0x20 {
                k += 1
                continue
            }
            guard b[k] >= 0xC2 else { break }
            let (v, length) = scalar(at: k)
            let following = k + length < n ? scalar(at: k + length).value : 0
            guard Scalars.isEmoji(v, followedBy: following) else { break }
            var p = k + length
            if Scalars.isRegionalIndicator(v), p < n, Scalars.isRegionalIndicator(scalar(at: p).value) { p += 4 }
            p = skipExtenders(p, pictographic: true)
            end = p
            k = p
        }
        return end
    }

    /// Where the sentence ends for a terminator run `i..<j`, or nil when it goes on.
    private mutating func boundary(runStart i: Int, runEnd j: Int, _ run: Run) -> Int? {
        if j >= n || run.cjk { return j }
        let (k, newlines) = skipSpace(from: j)
        if k >= n { return j }
        if k == j { return gluedBoundary(runStart: i, runEnd: j, run) }
        let next = nextWord(at: k)
        if next.firstIsLower {
            // A line that ends in a sentence's stop ends the sentence even when the next line is in lower case
            // (lists, exercise sheets), and so does a name written in camel case (`iPhone`, `eBay`, `mRNA`);
            // after an abbreviation the line was just wrapped or the sentence goes on.
            guard newlines > 0 || isCamelCase(at: k) else { return nil }
            if run.questionOrBang && !run.ellipsis { return j }
            if run.dots == 1 && !run.ellipsis, case .plain = wordBefore(i).kind { return j }
            return nil
        }
        guard next.startsSentence else { return nil }
        if run.questionOrBang { return j }
        if run.ellipsis || run.dots >= 3 {
            let previous = i > 0 ? scalar(at: scalarStart(before: i)).value : 0x20
            // `[...]` or `(...)` marks an omission inside a quotation: the sentence goes on.
            if previous == 0x5B || previous == 0x28 { return nil }
            let detached = Scalars.isWhitespace(previous)
            // A detached three-dot ellipsis (` . . . ` or ` ... `) is an omission inside the sentence.
            if detached && run.dots == 3 && !run.ellipsis { return nil }
            // `word. . . . Next`: the full stop ends the sentence and the spaced ellipsis opens the next one.
            if b[i] == 0x2E && !detached && run.spaced && run.dots >= 4 && !run.ellipsis && !run.closers && next.firstIsUpper {
                return skipExtenders(i + 1)
            }
            return next.firstIsUpper ? j : nil
        }
        // `Nov.. Grazie`: an abbreviation's stop and the sentence's.
        if run.dots == 2 { return j }
        return endsAfter(wordBefore(i), next: next) ? j : nil
    }

    /// `iPhone`, `eBay`, `mRNA`: one or two lower-case letters, then a capital.
    private func isCamelCase(at k: Int) -> Bool {
        var p = k
        while p < n && p - k < 2 && b[p] &- 0x61 < 26 { p += 1 }
        return p > k && p < n && b[p] &- 0x41 < 26
    }

    /// `Hello world.Today is…`: a full stop glued to a capital ends a sentence between ordinary words, not
    /// inside a domain, an e-mail address, an acronym (`Ph.D.`), a list marker (`1.Helado`) or a file name.
    private func gluedBoundary(runStart i: Int, runEnd j: Int, _ run: Run) -> Int? {
        guard run.dots == 1, !run.questionOrBang, !run.closers, !run.ellipsis, j == i + 1, i > start else { return nil }
        guard Scalars.isUpper(scalar(at: j).value) else { return nil }
        let previous = scalar(at: scalarStart(before: i)).value
        guard Scalars.isLower(previous) || Scalars.isASCIIDigit(previous) else { return nil }
        // The letters after the stop: at least two (`Ph.D.` has one).
        var nextLetters = 0
        var r = j
        while r < n && r - j < Self.window, case let (v, length) = scalar(at: r), Scalars.isLetter(v) {
            nextLetters += 1
            r += length
        }
        guard nextLetters >= 2 else { return nil }
        // The letters or digits before it: not one letter (`e.Coli`), not a list number (`1.Helado`), not an
        // abbreviation (`Mr.Smith`).
        var p = i
        var digitsOnly = true
        var letters = 0
        var hash = WordHash()
        while p > start && i - p < Self.window {
            let q = scalarStart(before: p)
            let v = scalar(at: q).value
            guard Scalars.isLetter(v) || Scalars.isASCIIDigit(v) else { break }
            if !Scalars.isASCIIDigit(v) { digitsOnly = false }
            letters += Scalars.isLetter(v) ? 1 : 0
            p = q
        }
        if letters == 1 { return nil }
        if digitsOnly && i - p <= 3 {
            let before = p > start ? scalar(at: scalarStart(before: p)).value : 0x20
            if Scalars.isWhitespace(before) || Scalars.isOpener(before) || Scalars.isBullet(before) { return nil }
        }
        if !digitsOnly {
            var q = p
            while q < i {
                let (v, length) = scalar(at: q)
                hash.add(v)
                q += length
            }
            if !rules.words.lookup(hash.value).isDisjoint(with: .abbreviation) { return nil }
        }
        // The whole token, bounded both ways (a token longer than the window is a URL or noise): not an e-mail
        // address, a URL or a domain.
        var s = p
        while s > start && i - s < Self.window {
            let q = scalarStart(before: s)
            if Scalars.isWhitespace(scalar(at: q).value) { break }
            s = q
        }
        if s > start && i - s >= Self.window { return nil }
        var e = r
        while e < n && e - j < Self.window && !Scalars.isWhitespace(scalar(at: e).value) { e += scalar(at: e).length }
        if e < n && e - j >= Self.window { return nil }
        if contains(s, e, "@") || contains(s, e, "://") || hasPrefixIgnoringCase(s, e, "www.") { return nil }
        return j
    }

    // MARK: - The word before a full stop

    /// What the word before a full stop is, as far as sentence ends go.
    private enum WordKind {
        /// Nothing but whitespace or openers before the stop.
        case empty
        /// An ordinary word, a number, or a token ending in other punctuation.
        case plain
        /// `1.`, `a.`, `iv.` opening the sentence: a list marker, not a sentence.
        case listMarker
        /// A word from the language's table.
        case known(WordClass)
        /// Letters joined by full stops (`U.S`, `Ph.D`, `I.M.F`), not in the table.
        case acronym
        /// A single letter (`E.` in `Jonas E. Smith`).
        case initial
        /// A one- to three-digit number where ordinals are written with a stop (`3.` in `3. Oktober`).
        case ordinal
    }

    /// The word before the stop at `i`, with where it starts.
    private struct Word {
        var kind: WordKind
        var start: Int
        /// One letter alone (`p`, `C`, `П`): an abbreviation in the table can also be someone's initial.
        var singleLetter = false
    }

    /// Reads and classifies the token before the full stop at `i` (back to whitespace or the sentence's start,
    /// at most `window` bytes), without leading quotes, brackets or bullets, and after an elided article
    /// (`l'Ing.`, `dell'Avv.`).
    private mutating func wordBefore(_ i: Int) -> Word {
        if let word = plainASCIIWord(before: i) { return word }
        let floor = max(start, i - Self.window)
        var s = i
        var apostrophe = false
        while s > floor {
            let p = scalarStart(before: s)
            let v = scalar(at: p).value
            if Scalars.isWhitespace(v) { break }
            apostrophe = apostrophe || v == 0x27 || v == 0x2019
            s = p
        }
        if s == floor && floor > start && !Scalars.isWhitespace(scalar(at: scalarStart(before: floor)).value) {
            return Word(kind: .plain, start: s)
        }
        s = skipOpeners(from: s, limit: i, bullets: true)
        if s >= i { return Word(kind: .empty, start: s) }
        if apostrophe { s = afterElision(s, i) }

        var letters = 0
        var digits = 0
        var dots = 0
        var others = 0
        var scalars = 0
        var part = 0
        var longestPart = 0
        var lettersOnly = true
        var last: UInt32 = 0
        var hash = WordHash()
        var p = s
        while p < i {
            let (v, length) = scalar(at: p)
            if v == 0x2E {
                dots += 1
                if part == 0 { lettersOnly = false }
                longestPart = max(longestPart, part)
                part = 0
            } else if Scalars.isLetter(v) {
                letters += 1
                part += 1
            } else if Scalars.isASCIIDigit(v) {
                digits += 1
                part += 1
                lettersOnly = false
            } else if !Scalars.isExtender(v) {
                others += 1
                lettersOnly = false
            }
            if !Scalars.isExtender(v) {
                hash.add(v)
                last = v
                scalars += 1
            }
            p += length
        }
        longestPart = max(longestPart, part)

        // `1.`, `a.`, `iv.` at the very start of the sentence (after any bullet).
        if dots == 0 && others == 0 && letters + digits <= 4 && s <= contentStart(limit: i) {
            if (letters == 0 && digits <= 3) || (digits == 0 && (letters == 1 || isRomanNumeral(s, i, letters))) {
                return Word(kind: .listMarker, start: s)
            }
        }
        // `z. B.`, `т. д.`, `EE. UU.`: abbreviations written with spaces, looked up joined.
        if dots == 0 && others == 0 && digits == 0 && letters <= 2, let joined = spacedAbbreviation(s, i) {
            return Word(kind: .known(joined), start: s)
        }
        let classes = rules.words.lookup(hash.value)
        if !classes.isDisjoint(with: .abbreviation) {
            return Word(kind: .known(classes), start: s, singleLetter: scalars == 1 && letters == 1)
        }
        guard Scalars.isLetter(last) || Scalars.isASCIIDigit(last) else { return Word(kind: .plain, start: s) }
        if dots > 0 && lettersOnly && longestPart <= 2 { return Word(kind: .acronym, start: s) }
        if scalars == 1 && letters == 1 { return Word(kind: .initial, start: s) }
        if rules.ordinalNumbers && letters == 0 && dots == 0 && others == 0 && digits <= 3 { return Word(kind: .ordinal, start: s) }
        return Word(kind: .plain, start: s)
    }

    /// The common case, read fast: three or more ASCII letters after a space (not a Roman numeral, so not a
    /// list marker, and too long for a spaced abbreviation): a table word or a plain word. Nil otherwise.
    @inline(__always)
    private func plainASCIIWord(before i: Int) -> Word? {
        var s = i
        var roman = true
        while s > start && i - s < Self.window {
            let c = b[s - 1] | 0x20
            guard c &- 0x61 < 26 else { break }
            roman = roman && (c == 0x69 || c == 0x76 || c == 0x78)
            s -= 1
        }
        guard i - s >= 3, !roman, s > start, b[s - 1] == 0x20 else { return nil }
        var hash = WordHash()
        for p in s..<i { hash.add(UInt32(b[p])) }
        let classes = rules.words.lookup(hash.value)
        return Word(kind: classes.isDisjoint(with: .abbreviation) ? .plain : .known(classes), start: s)
    }

    /// The class of a spaced abbreviation ending with the part `s..<i` (`B` of `z. B.`), joined with up to two
    /// earlier one- or two-letter parts each followed by a full stop and a space; nil when none is in the table.
    private func spacedAbbreviation(_ s: Int, _ i: Int) -> WordClass? {
        // Up to three parts, the last first: (start, end) byte pairs.
        var parts = ((s, i), (0, 0), (0, 0))
        var count = 1
        var p = s
        while count < 3 {
            // Back over the spaces, then a stop, then one or two letters preceded by whitespace or an opener.
            var q = p
            while q > start, q > p - 3, case let r = scalarStart(before: q), Scalars.isHorizontalSpace(scalar(at: r).value) { q = r }
            guard q < p, q > start, b[q - 1] == 0x2E else { break }
            let stop = q - 1
            var t = stop
            var letters = 0
            while t > start && letters < 3 {
                let r = scalarStart(before: t)
                guard Scalars.isLetter(scalar(at: r).value) else { break }
                t = r
                letters += 1
            }
            guard letters >= 1 && letters <= 2 else { break }
            if t > start {
                let v = scalar(at: scalarStart(before: t)).value
                guard Scalars.isWhitespace(v) || Scalars.isOpener(v) else { break }
            }
            if count == 1 { parts.1 = (t, stop) } else { parts.2 = (t, stop) }
            count += 1
            p = t
        }
        guard count > 1 else { return nil }
        // The longest joined form first (`u.v.m` before `v.m`).
        for first in stride(from: count - 1, through: 1, by: -1) {
            var hash = WordHash()
            for index in stride(from: first, through: 0, by: -1) {
                let part = index == 0 ? parts.0 : index == 1 ? parts.1 : parts.2
                if index != first { hash.add(0x2E) }
                var q = part.0
                while q < part.1 {
                    let (v, length) = scalar(at: q)
                    hash.add(v)
                    q += length
                }
            }
            let classes = rules.words.lookup(hash.value)
            if !classes.isDisjoint(with: .abbreviation) { return classes }
        }
        return nil
    }

    /// Whether a full stop after `word` ends the sentence, given the word that follows (which can start one).
    private mutating func endsAfter(_ word: Word, next: NextWord) -> Bool {
        switch word.kind {
        case .empty, .plain:
            return true
        case .listMarker:
            return false
        case .known(let classes):
            if classes.contains(.never) || classes.contains(.title) { return false }
            if classes.contains(.time) {
                guard next.firstIsUpper || next.quote else { return false }
                return !classify(next).classes.contains(.continuation) && !frontedTimePhrase(before: word.start)
            }
            if classes.contains(.numbered) && next.firstIsDigit { return false }
            if classes.contains(.inner) { return next.quote || classify(next).isStarter }
            // `c. 1900` but `Michael C. Burgess`: a one-letter abbreviation before a word is read as an initial.
            if word.singleLetter { return classify(next).isStarter }
            return true
        case .acronym:
            return next.quote || classify(next).isStarter
        case .initial, .ordinal:
            return classify(next).isStarter
        }
    }

    /// `At 5 a.m. Mr. Smith left.`: a sentence so far made of a preposition and a time (at most three words)
    /// has no verb yet, so the abbreviation that ends the time cannot end the sentence.
    private mutating func frontedTimePhrase(before wordStart: Int) -> Bool {
        let first = contentStart(limit: wordStart)
        guard first < wordStart, wordStart - first <= 40 else { return false }
        let p = skipOpeners(from: first, limit: wordStart)
        var hash = WordHash()
        var q = p
        while q < wordStart, case let (v, length) = scalar(at: q), Scalars.isLetter(v) {
            hash.add(v)
            q += length
        }
        guard q > p, rules.words.lookup(hash.value).contains(.preposition) else { return false }
        var words = 1
        while q < wordStart {
            let (v, length) = scalar(at: q)
            q += length
            if Scalars.isWhitespace(v) && q < wordStart && !Scalars.isWhitespace(scalar(at: q).value) { words += 1 }
        }
        return words <= 3
    }

    /// `i`, `iv`, `XII`: up to four of the letters i, v, x in either case (list markers, not words).
    private func isRomanNumeral(_ s: Int, _ e: Int, _ letters: Int) -> Bool {
        guard letters <= 4 else { return false }
        var p = s
        while p < e {
            switch b[p] | 0x20 {
            case 0x69, 0x76, 0x78: p += 1
            default: return false
            }
        }
        return true
    }

    /// Skips an elided article or preposition (`l'`, `dell'`, `d’`, `L'`) when a capital follows it, so `l'Ing.`
    /// is looked up as `Ing`.
    private func afterElision(_ s: Int, _ e: Int) -> Int {
        var p = s
        var letters = 0
        while p < e && letters <= 4 {
            let (v, length) = scalar(at: p)
            if (v == 0x27 || v == 0x2019) && letters > 0 {
                let q = p + length
                return q < e && Scalars.isUpper(scalar(at: q).value) ? q : s
            }
            // Lower case, but for the first letter of a sentence (`L'Avv.`).
            guard Scalars.isLower(v) || (letters == 0 && Scalars.isUpper(v)) else { return s }
            letters += 1
            p += length
        }
        return s
    }

    // MARK: - The word after a terminator

    /// The start of the text after a terminator run and whitespace: what its first character is, and the class
    /// of its first word (after opening quotes and brackets).
    private struct NextWord {
        var firstIsUpper = false
        var firstIsLower = false
        var firstIsDigit = false
        var firstIsLetter = false
        var opener = false
        var quote = false
        /// Where the first word starts after openers (-1 when no letter follows them).
        var wordStart = -1

        /// Whether this can be the first character of a sentence.
        var startsSentence: Bool { firstIsUpper || firstIsDigit || (firstIsLetter && !firstIsLower) || opener }
    }

    /// Reads the start of the text at `k` (the first character after a terminator run and whitespace).
    private func nextWord(at k: Int) -> NextWord {
        var next = NextWord()
        let (first, _) = scalar(at: k)
        next.firstIsUpper = Scalars.isUpper(first)
        next.firstIsLower = !next.firstIsUpper && Scalars.isLower(first)
        next.firstIsLetter = next.firstIsUpper || next.firstIsLower || Scalars.isLetter(first)
        next.firstIsDigit = !next.firstIsLetter && Scalars.isNumber(first)
        var p = k
        while p < n && p - k < 16, case let (v, length) = scalar(at: p), Scalars.isOpener(v) {
            next.opener = true
            if !Scalars.isBracket(v) { next.quote = true }
            p += length
        }
        if p < n && Scalars.isLetter(scalar(at: p).value) { next.wordStart = p }
        return next
    }

    /// The class of the next word and whether it is a capitalised sentence starter; read only when the word
    /// before the stop is an abbreviation, since most stops follow ordinary words.
    private func classify(_ next: NextWord) -> (classes: WordClass, isStarter: Bool) {
        let p = next.wordStart
        guard p >= 0 else { return ([], false) }
        let capital = !Scalars.isLower(scalar(at: p).value)
        var hash = WordHash()
        var q = p
        var letters = 0
        while q < n && q - p < 40, case let (w, length) = scalar(at: q), Scalars.isLetter(w) || Scalars.isExtender(w) {
            if !Scalars.isExtender(w) {
                hash.add(w)
                letters += 1
            }
            q += length
        }
        let classes = rules.words.lookup(hash.value)
        // A single letter with a stop is an initial or abbreviation (`А. И. Семенов`), not a pronoun.
        let initial = letters == 1 && q < n && b[q] == 0x2E
        return (classes, capital && !initial && classes.contains(.starter))
    }

    // MARK: - Line breaks

    /// Decides at the line break at `i` (the first of a whitespace run) and returns the end of the run. A line
    /// break ends a sentence unless the next line plainly continues it: it starts in lower case after a line
    /// that began as prose, or the line was wrapped (a space before the break, as PDF and fixed-width text has)
    /// and neither a blank line, a colon nor a list item says otherwise.
    private mutating func lineBreak(at i: Int) -> Int {
        var k = i
        var newlines = 0
        while k < n {
            let (v, length) = scalar(at: k)
            guard Scalars.isWhitespace(v) else { break }
            if Scalars.isLineBreak(v) && !(v == 0x0D && k + 1 < n && b[k + 1] == 0x0A) { newlines += 1 }
            k = Scalars.isControl(v) ? k + length : skipExtenders(k + length)
        }
        guard k < n else { return k }
        let first = contentStart(limit: i)
        guard first < i else { return k }
        if endsLine(at: i, next: k, newlines: newlines, first: first) { close(at: i) }
        return k
    }

    /// Whether the line break at `i`, followed by whitespace with `newlines` breaks and then the text at `k`,
    /// ends the sentence that starts at `first`.
    private func endsLine(at i: Int, next k: Int, newlines: Int, first: Int) -> Bool {
        if newlines >= 2 { return true }
        let (v, _) = scalar(at: k)
        if Scalars.isBullet(v) || listMarkerLength(at: k) != nil { return true }
        if Scalars.isLower(v) && !Scalars.isUpper(v) {
            // Lower-case lines after a line that began in lower case are a list (`features\ncontact manager`).
            let (f, _) = scalar(at: first)
            return Scalars.isLower(f) && !Scalars.isUpper(f)
        }
        var last = i
        while last > first {
            let p = scalarStart(before: last)
            if !Scalars.isWhitespace(scalar(at: p).value) { break }
            last = p
        }
        if last > first && b[last - 1] == 0x3A { return true }
        let wrapped = last < i
        return !wrapped
    }

    // MARK: - Inline lists

    /// Break points before the second and later items of a list written on one line (`1.) The first item
    /// 2.) The second item`, `a. one b. two`, `• 9. x • 10. y`). Only a marker that continues the sequence
    /// opened at the start of the text counts, so prose numbers never split.
    private func inlineListBreaks() -> [Int] {
        var i = skipWhitespace(from: 0, limit: n)
        while i < n, case let (v, length) = scalar(at: i), Scalars.isBullet(v) || v == 0x20 { i += length }
        guard let first = listMarker(at: i) else { return [] }
        var expected = first.label + 1
        var breaks: [Int] = []
        i += 1
        while i < n {
            if b[i] == 0x20 || b[i] == 0x0A {
                var j = i + 1
                while j < n, case let (v, length) = scalar(at: j), Scalars.isBullet(v) || v == 0x20 { j += length }
                if let marker = listMarker(at: j), marker.style == first.style, marker.label == expected {
                    breaks.append(i + 1)
                    expected += 1
                    i = j
                } else if j > i + 1 {
                    // Every space in a run of spaces and bullets leads to the same marker test: skip the run.
                    i = j
                    continue
                }
            }
            i += 1
        }
        return breaks
    }

    /// A list marker at `i`: one to three digits or one lower-case ASCII letter, then one or two of `.`/`)`,
    /// then a space. The label is the number or 1000 + the letter, so consecutive labels differ by one.
    private func listMarker(at i: Int) -> (label: Int, style: Int)? {
        var j = i
        var label = 0
        while j < n && j - i < 3 && Scalars.isASCIIDigit(UInt32(b[j])) {
            label = label * 10 + Int(b[j] - 0x30)
            j += 1
        }
        if j == i {
            guard i < n, b[i] >= 0x61 && b[i] <= 0x7A else { return nil }
            label = 1000 + Int(b[i])
            j += 1
        }
        var style = 0
        while j < n && (b[j] == 0x2E || b[j] == 0x29) && style < 256 {
            style = style * 256 + Int(b[j])
            j += 1
        }
        guard style > 0, j < n, b[j] == 0x20 else { return nil }
        return (label, style)
    }

    /// The length of a numbered marker (`12. `, `3) `) at the start of a line.
    private func listMarkerLength(at i: Int) -> Int? {
        var j = i
        while j < n && j - i < 3 && Scalars.isASCIIDigit(UInt32(b[j])) { j += 1 }
        guard j > i, j + 1 < n, b[j] == 0x2E || b[j] == 0x29 else { return nil }
        return b[j + 1] == 0x20 ? j + 2 - i : nil
    }

    // MARK: - Bytes and scalars

    /// The scalar starting at byte `i` and its UTF-8 length.
    @inline(__always)
    private func scalar(at i: Int) -> (value: UInt32, length: Int) {
        let c0 = UInt32(b[i])
        if c0 < 0x80 { return (c0, 1) }
        if c0 < 0xE0 { return ((c0 & 0x1F) << 6 | UInt32(b[i + 1]) & 0x3F, 2) }
        if c0 < 0xF0 { return ((c0 & 0x0F) << 12 | (UInt32(b[i + 1]) & 0x3F) << 6 | UInt32(b[i + 2]) & 0x3F, 3) }
        return ((c0 & 0x07) << 18 | (UInt32(b[i + 1]) & 0x3F) << 12 | (UInt32(b[i + 2]) & 0x3F) << 6 | UInt32(b[i + 3]) & 0x3F, 4)
    }

    /// The first byte of the scalar that ends just before byte `i`.
    @inline(__always)
    private func scalarStart(before i: Int) -> Int {
        var j = i - 1
        while j > 0 && b[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }

    /// Skips grapheme extenders (combining marks, variation selectors, ZWJ, emoji modifiers); after a ZWJ that
    /// follows a pictograph, the next pictograph joins the cluster too (`👩‍🍳`).
    @inline(__always)
    private func skipExtenders(_ j: Int, pictographic: Bool = false) -> Int {
        // Every scalar from U+0300 on has a lead byte of at least 0xCC; below that nothing extends.
        if j >= n || b[j] < 0xCC { return j }
        return skipExtendersSlow(j, pictographic: pictographic)
    }

    private func skipExtendersSlow(_ j: Int, pictographic: Bool) -> Int {
        var j = j
        while j < n && b[j] >= 0xCC {
            let (v, length) = scalar(at: j)
            guard Scalars.isExtender(v) else { break }
            j += length
            if v == 0x200D && pictographic && j < n && b[j] >= 0xC2 {
                let (w, wLength) = scalar(at: j)
                if Scalars.isPictographic(w) { j += wLength }
            }
        }
        return j
    }

    /// Skips whitespace clusters up to `limit`. A space with combining marks is one whitespace `Character`; a
    /// control (tab, line break) never takes marks, so marks after it are a cluster of their own, not whitespace.
    private func skipWhitespace(from p: Int, limit: Int) -> Int {
        var p = p
        while p < limit {
            let (v, length) = scalar(at: p)
            guard Scalars.isWhitespace(v) else { break }
            p = Scalars.isControl(v) ? p + length : skipExtenders(p + length)
        }
        return min(p, limit)
    }

    /// Skips whitespace after a terminator run, counting line breaks (a CR LF pair counts once).
    private func skipSpace(from j: Int) -> (end: Int, newlines: Int) {
        // The usual case: one space, then something that is neither space nor a possible extender.
        if j + 1 < n && b[j] == 0x20 && b[j + 1] > 0x20 && b[j + 1] < 0xC2 { return (j + 1, 0) }
        var k = j
        var newlines = 0
        while k < n {
            let (v, length) = scalar(at: k)
            guard Scalars.isWhitespace(v) else { break }
            if Scalars.isLineBreak(v) && !(v == 0x0D && k + 1 < n && b[k + 1] == 0x0A) { newlines += 1 }
            k = Scalars.isControl(v) ? k + length : skipExtenders(k + length)
        }
        return (k, newlines)
    }

    /// Skips opening quotes and brackets (and bullets when asked) from `p`, up to `limit`.
    private func skipOpeners(from p: Int, limit: Int, bullets: Bool = false) -> Int {
        var p = p
        while p < limit {
            let (v, length) = scalar(at: p)
            guard Scalars.isOpener(v) || (bullets && Scalars.isBullet(v)) else { break }
            p += length
        }
        return p
    }

    /// Trims trailing whitespace clusters from `end` down to `floor`. A Prepend scalar (Arabic number signs)
    /// joins the space after it into one cluster, which then stays whole in the sentence.
    private func trimEnd(_ end: Int, floor: Int) -> Int {
        var hi = end
        trimming: while hi > floor {
            let p = scalarStart(before: hi)
            let (v, _) = scalar(at: p)
            if Scalars.isWhitespace(v) {
                hi = p
                continue
            }
            guard v >= 0x300 && Scalars.isExtender(v) else { break }
            // A run of extenders: trim it with its base if the base is whitespace.
            var q = p
            while q > floor {
                let r = scalarStart(before: q)
                let w = scalar(at: r).value
                if Scalars.isExtender(w) {
                    q = r
                    continue
                }
                if Scalars.isWhitespace(w) && !Scalars.isControl(w) {
                    hi = r
                    continue trimming
                }
                break
            }
            break
        }
        if hi < end && hi > floor {
            let p = scalarStart(before: hi)
            let v = scalar(at: p).value
            if v >= 0x600 && Scalars.isPrepend(v) {
                let (w, length) = scalar(at: hi)
                if !Scalars.isControl(w) { hi = min(end, skipExtenders(hi + length)) }
            }
        }
        return hi
    }

    /// Whether the bytes `s..<e` contain an ASCII string.
    private func contains(_ s: Int, _ e: Int, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard e - s >= count else { return false }
        return needle.withUTF8Buffer { pattern in
            var p = s
            while p + count <= e {
                var q = 0
                while q < count && b[p + q] == pattern[q] { q += 1 }
                if q == count { return true }
                p += 1
            }
            return false
        }
    }

    /// Whether the bytes `s..<e` start with an ASCII string, ignoring ASCII case.
    private func hasPrefixIgnoringCase(_ s: Int, _ e: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard e - s >= count else { return false }
        return prefix.withUTF8Buffer { pattern in
            (0..<count).allSatisfy { b[s + $0] | 0x20 == pattern[$0] | 0x20 }
        }
    }
}

/// Character classes of Unicode scalars, with fast paths for ASCII, Latin-1 and Cyrillic (the scripts of the
/// supported languages) and `Unicode.Scalar.Properties` for the rest.
enum Scalars {
    /// Unicode White_Space (what `Character.isWhitespace` tests for a cluster's first scalar).
    @inline(__always)
    static func isWhitespace(_ v: UInt32) -> Bool {
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return v == 0x85 || v == 0xA0 || v == 0x1680 || (v >= 0x2000 && v <= 0x200A) || v == 0x2028 || v == 0x2029 || v == 0x202F
            || v == 0x205F || v == 0x3000
    }

    /// Whitespace that does not break a line.
    static func isHorizontalSpace(_ v: UInt32) -> Bool { isWhitespace(v) && !isLineBreak(v) }

    /// Grapheme_Cluster_Break=Control among the scalars that matter here: C0 and C1 controls and the line and
    /// paragraph separators. Nothing attaches to them.
    static func isControl(_ v: UInt32) -> Bool { v < 0x20 || (v >= 0x7F && v <= 0x9F) || v == 0x2028 || v == 0x2029 }

    /// Line and paragraph breaks.
    static func isLineBreak(_ v: UInt32) -> Bool { (v >= 0x0A && v <= 0x0D) || v == 0x85 || v == 0x2028 || v == 0x2029 }

    /// Sentence terminators: `.`, `?`, `!`, `…`, `‼`, `⁇`, `⁈`, `⁉` and the CJK ones.
    static func isTerminator(_ v: UInt32) -> Bool {
        switch v {
        case 0x2E, 0x3F, 0x21, 0x2026, 0x203C, 0x2047, 0x2048, 0x2049: true
        default: isCJKTerminator(v)
        }
    }

    /// `。`, `？`, `！`, `．`, `｡`: they end a sentence without a following space.
    static func isCJKTerminator(_ v: UInt32) -> Bool {
        v == 0x3002 || v == 0xFF1F || v == 0xFF01 || v == 0xFF0E || v == 0xFF61
    }

    /// Quotes and brackets that can close a sentence (`”`, `’`, `"`, `'`, `)`, `]`, `»`, `›`, and the German and
    /// Russian closers `“`, `‘`, `«`, `‹` when glued to a terminator).
    @inline(__always)
    static func isCloser(_ v: UInt32) -> Bool {
        switch v {
        case 0x22, 0x27, 0x29, 0x5D, 0x201D, 0x2019, 0x201C, 0x2018, 0xBB, 0xAB, 0x203A, 0x2039, 0x300D, 0x300F, 0xFF09, 0x3011,
            0x300B:
            true
        default: false
        }
    }

    /// Quotes, brackets and the Spanish `¿` `¡` that can open a sentence.
    @inline(__always)
    static func isOpener(_ v: UInt32) -> Bool {
        switch v {
        case 0x22, 0x27, 0x28, 0x5B, 0x201C, 0x2018, 0x201E, 0x201A, 0xAB, 0xBB, 0x2039, 0x203A, 0x300C, 0x300E, 0xBF, 0xA1, 0xFF08,
            0x3010, 0x300A:
            true
        default: false
        }
    }

    /// Opening brackets (as opposed to quotes): they say less about a new sentence after an abbreviation.
    static func isBracket(_ v: UInt32) -> Bool { v == 0x28 || v == 0x5B || v == 0xFF08 || v == 0x3010 }

    /// List bullets that may precede a list marker (`•`, `⁃`, `-`, `*`).
    static func isBullet(_ v: UInt32) -> Bool { v == 0x2022 || v == 0x2043 || v == 0x2D || v == 0x2A }

    /// `0`–`9`.
    @inline(__always)
    static func isASCIIDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }

    /// Any numeric character (`Character.isNumber`).
    static func isNumber(_ v: UInt32) -> Bool {
        if v < 0x80 { return isASCIIDigit(v) }
        return properties(v).numericType != nil
    }

    /// Upper- or title-case letters.
    @inline(__always)
    static func isUpper(_ v: UInt32) -> Bool {
        if v < 0x80 { return v &- 0x41 < 26 }
        return isUpperSlow(v)
    }

    private static func isUpperSlow(_ v: UInt32) -> Bool {
        if v >= 0x2000 && v < 0x2070 { return false }  // general punctuation: quotes, dashes, spaces
        if v < 0xC0 { return false }
        if v <= 0xDE { return v != 0xD7 }
        if v >= 0x400 && v <= 0x42F { return true }
        if v < 0x100 || (v >= 0x430 && v <= 0x45F) { return false }
        let p = properties(v)
        return p.isUppercase || p.generalCategory == .titlecaseLetter
    }

    /// Lower-case letters.
    @inline(__always)
    static func isLower(_ v: UInt32) -> Bool {
        if v < 0x80 { return v &- 0x61 < 26 }
        return isLowerSlow(v)
    }

    private static func isLowerSlow(_ v: UInt32) -> Bool {
        if v >= 0x2000 && v < 0x2070 { return false }  // general punctuation: quotes, dashes, spaces
        if v >= 0xDF && v <= 0xFF { return v != 0xF7 }
        if v >= 0x430 && v <= 0x45F { return true }
        if v < 0xDF || (v >= 0x400 && v <= 0x42F) { return v == 0xAA || v == 0xB5 || v == 0xBA }
        return properties(v).isLowercase
    }

    /// Letters of any script (`Character.isLetter`).
    @inline(__always)
    static func isLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v | 0x20) &- 0x61 < 26 }
        return isLetterSlow(v)
    }

    private static func isLetterSlow(_ v: UInt32) -> Bool {
        if v >= 0x2000 && v < 0x2070 { return false }  // general punctuation: quotes, dashes, spaces
        if v < 0x100 { return (v >= 0xC0 && v != 0xD7 && v != 0xF7) || v == 0xAA || v == 0xB5 || v == 0xBA }
        if v >= 0x400 && v <= 0x52F { return v <= 0x481 || v >= 0x48A }
        switch properties(v).generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Scalars that never start a grapheme cluster (Grapheme_Cluster_Break Extend, ZWJ or SpacingMark):
    /// combining marks, variation selectors, emoji modifiers, tags, ZWJ.
    @inline(__always)
    static func isExtender(_ v: UInt32) -> Bool {
        if v < 0x300 { return false }
        return isExtenderSlow(v)
    }

    private static func isExtenderSlow(_ v: UInt32) -> Bool {
        if v <= 0x36F || v == 0x200D || (v >= 0xFE00 && v <= 0xFE0F) || (v >= 0x1F3FB && v <= 0x1F3FF) { return true }
        if v == 0x0E33 || v == 0x0EB3 { return true }
        // Blocks without any extender, for speed: Greek and Cyrillic letters, general punctuation to currency,
        // letterlike symbols to Glagolitic, CJK ideographs.
        if v < 0x483 || (v >= 0x2010 && v < 0x20D0) || (v >= 0x2100 && v < 0x2CEF) || (v >= 0x4E00 && v < 0xA000) { return false }
        let p = properties(v)
        if p.isGraphemeExtend || p.isEmojiModifier { return true }
        return p.generalCategory == .spacingMark && !isSpacingMarkException(v)
    }

    /// Spacing marks that Unicode's grapheme rules leave out of SpacingMark (Myanmar, Tai Tham, Tai Viet, Ahom).
    private static func isSpacingMarkException(_ v: UInt32) -> Bool {
        switch v {
        case 0x102B, 0x102C, 0x1038, 0x1062...0x1064, 0x1067...0x106D, 0x1083, 0x1087...0x108C, 0x108F, 0x109A...0x109C, 0x1A61,
            0x1A63, 0x1A64, 0xAA7B, 0xAA7D, 0x11720, 0x11721:
            true
        default: false
        }
    }

    /// Grapheme_Cluster_Break=Prepend: these join the following scalar into their cluster.
    static func isPrepend(_ v: UInt32) -> Bool {
        switch v {
        case 0x600...0x605, 0x6DD, 0x70F, 0x890...0x891, 0x8E2, 0xD4E, 0x110BD, 0x110CD, 0x111C2...0x111C3, 0x1193F, 0x11941, 0x11A3A,
            0x11A84...0x11A89, 0x11D46, 0x11F02:
            true
        default: false
        }
    }

    /// An approximation of Extended_Pictographic (not exposed by the standard library): emoji other than
    /// ASCII keycap bases and regional indicators.
    static func isPictographic(_ v: UInt32) -> Bool {
        v >= 0xA9 && !isRegionalIndicator(v) && properties(v).isEmoji
    }

    /// Regional indicator symbols, which pair into flags.
    static func isRegionalIndicator(_ v: UInt32) -> Bool { v >= 0x1F1E6 && v <= 0x1F1FF }

    /// An emoji that starts a cluster: emoji presentation by default, or text-default emoji made emoji by what
    /// follows (`❤️`, `☝🏽`).
    static func isEmoji(_ v: UInt32, followedBy next: UInt32) -> Bool {
        guard v >= 0xA9 else { return false }
        // Below U+2100 only ©, ®, ‼ and ⁉ are emoji (all text-default), so quotes and dashes return at once.
        if v < 0x2100 && v != 0xA9 && v != 0xAE && v != 0x203C && v != 0x2049 { return false }
        let p = properties(v)
        return p.isEmojiPresentation || (p.isEmoji && isExtender(next))
    }

    /// The Unicode properties of a scalar value known to be valid (it was decoded from a String's UTF-8).
    @inline(__always)
    static func properties(_ v: UInt32) -> Unicode.Scalar.Properties {
        Unicode.Scalar(v).unsafelyUnwrapped.properties
    }
}
