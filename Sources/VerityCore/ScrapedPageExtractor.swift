import Foundation

/// What extraction found in a scraped page, beside the text itself.
package struct ExtractedArticle: Sendable, Equatable {
    /// Headline, standfirst and body paragraphs.
    package var content: ArticleContent
    /// The section label printed above the headline (`European Union`), if any.
    package var section: String?
    /// The author's name from a byline (`Author: NAME, AFFILIATION`, `By NAME`), if any.
    package var author: String?
    /// What follows the name after the first comma in the byline (`Member of …`), if any.
    package var authorAffiliation: String?
}

/// Turns the text of a scraped news page into an article: keeps the headline, the standfirst and the
/// body; records the section label and the byline as metadata; drops site furniture (navigation,
/// timestamps, counters, captions and credits, prompts, comment forms, share/related blocks, tag lists,
/// copyright lines).
///
/// Scrapers save pages with and without blank lines between blocks, so the unit of work is the line
/// (hard-wrapped continuation lines are joined back). The rules look at the shape and the role of each
/// line — its length, its final punctuation, its capitalisation, its digits, its position relative to
/// the first prose paragraph and to the headline, whether it repeats — and at words that mark a whole
/// class of furniture in English, German, French, Spanish, Italian and Russian (and, for the commonest
/// classes, Polish and Ukrainian), never at one site's exact strings.
package enum ScrapedPageExtractor {
    /// Extracts the article from a scraped page. Throws when nothing that looks like an article is left.
    package static func extract(_ raw: String) throws -> ExtractedArticle {
        let units = PageUnits.split(raw)
        return try PageAnalysis(units: units).extract()
    }
}

// MARK: - Lines

/// Splits a page into lines (units), with the repairs scraped text needs before anything is judged.
enum PageUnits {
    /// Units in page order: trimmed, spaces collapsed, continuation lines joined, glued captions and
    /// bylines split off.
    static func split(_ raw: String) -> [String] {
        let lines = joinHardWrappedBlocks(collapsedLines(TextNormalizer.normalizeLines(raw)))
        var units: [String] = []
        // Word counts of the units, kept as lines are joined so that a long hard-wrapped paragraph stays linear.
        var unitWords: [Int] = []
        var previousBlank = true
        for (index, line) in lines.enumerated() {
            var text = Shapes.stripLeadingMachineDate(line)
            // An image's file name glued to the first word (`gendarmerie-20150902Cette année …`).
            if text.first.map({ $0.isASCII && ($0.isLowercase || $0.isNumber) }) == true, let slug = Patterns.gluedSlug.firstMatch(text),
                Shapes.wordCount(text) > 3
            {
                text = String(text.dropFirst(slug[0].count))
            }
            if text.isEmpty {
                previousBlank = true
                continue
            }
            // A lone bullet (no list item on the line above or below) marks a headline or a dek, not a list.
            if Shapes.isListItem(text), !(index > 0 && Shapes.isListItem(lines[index - 1])),
                !(index + 1 < lines.count && Shapes.isListItem(lines[index + 1])),
                text.first.map({ !$0.isNumber }) == true
            {
                text = String(text.dropFirst()).trimmed()
            }
            // A line that starts in lower case after a line that stopped mid-sentence is the same
            // paragraph, hard-wrapped by the scraper.
            if !previousBlank, let previousWords = unitWords.last, isContinuation(units[units.count - 1], text, previousWords: previousWords) {
                units[units.count - 1] += " " + text
                unitWords[unitWords.count - 1] += Shapes.wordCount(text)
            } else {
                let pieces = splitGlued(text).flatMap(splitTrailingStamp).flatMap(splitGluedSourceTag)
                units += pieces
                unitWords += pieces.map { Shapes.wordCount($0) }
            }
            previousBlank = false
        }
        return units
    }

    /// The lines of normalised text, each trimmed with runs of spaces collapsed (`TextNormalizer.collapseSpaces`),
    /// blank lines empty: one pass over the bytes, as splitting a string by `Character` is slow.
    static func collapsedLines(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var lines: [String] = []
            var line: [UInt8] = []
            var pendingSpace = false
            for byte in bytes {
                if byte == 0x0A {
                    lines.append(String(decoding: line, as: UTF8.self))
                    line.removeAll(keepingCapacity: true)
                    pendingSpace = false
                } else if byte == 0x20 {
                    pendingSpace = !line.isEmpty
                } else {
                    if pendingSpace { line.append(0x20) }
                    pendingSpace = false
                    line.append(byte)
                }
            }
            lines.append(String(decoding: line, as: UTF8.self))
            return lines
        }
    }

    /// Joins each block (lines between blank lines) that a fixed line width wrapped: three lines or
    /// more, all but the last about as long as the longest (50 characters or more), most of them
    /// stopping without sentence punctuation. Lines of any other block stay lines.
    static func joinHardWrappedBlocks(_ lines: [String]) -> [String] {
        var result: [String] = []
        var block: [String] = []
        func flush() {
            defer { block = [] }
            let widths = block.dropLast().map(\.count)
            guard block.count >= 3, let widest = widths.max(), widest >= 50, widths.allSatisfy({ Double($0) >= 0.7 * Double(widest) }),
                block.allSatisfy({ !Shapes.isListItem($0) }),
                block.dropLast().filter({ !Shapes.endsLikeSentence($0) }).count * 2 > widths.count
            else {
                result += block
                return
            }
            result.append(block.joined(separator: " "))
        }
        for line in lines {
            if line.isEmpty {
                flush()
                result.append(line)
            } else {
                block.append(line)
            }
        }
        flush()
        return result
    }

    /// Whether `next` continues the paragraph `previous` (a hard line break inside a sentence): the
    /// previous line stops without punctuation and the next starts in lower case, or the previous one
    /// is a long line broken after a function word or before a number.
    /// `previousWords` is the word count of `previous`.
    static func isContinuation(_ previous: String, _ next: String, previousWords: Int) -> Bool {
        guard let first = next.first, previousWords >= 3, !Shapes.isListItem(next) else { return false }
        if Shapes.endsLikeSentence(previous) || previous.hasSuffix(":") { return false }
        if previous.hasSuffix(",") || first.isLowercase { return true }
        let lastWord = previous[(previous.lastIndex(of: " ").map { previous.index(after: $0) } ?? previous.startIndex)...]
        guard lastWord.first?.isLowercase == true, previousWords >= 8 else {
            return false
        }
        return first.isNumber || functionWords.contains(lastWord.lowercased())
    }

    /// Words a sentence cannot end on: a line that stops on one was broken mid-sentence.
    static let functionWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "that", "some",
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "und", "oder", "mit", "von", "zu", "im", "auf", "für",
        "le", "la", "les", "un", "une", "des", "du", "de", "et", "ou", "à", "au", "aux", "en", "pour", "avec", "par", "que",
        "el", "los", "las", "una", "y", "o", "del", "al", "con", "por", "para", "il", "lo", "gli", "uno", "e", "di", "da", "con", "per", "che",
        "и", "в", "во", "на", "с", "со", "к", "по", "из", "от", "для", "что", "а", "но",
    ]

    /// Separates a read time or clock time glued to the end of a title line
    /// (`…triggers Tsunami warning1 min read . 02:44 AM IST`), so the title stays a title.
    static func splitTrailingStamp(_ text: String) -> [String] {
        guard let match = Patterns.gluedStamp.firstMatch(text), match[0].count < text.count, !Shapes.isProse(text) else { return [text] }
        let title = String(text.dropLast(match[0].count)).trimmed()
        return Shapes.wordCount(title) >= 3 ? [title, String(match[0]).trimmed()] : [text]
    }

    /// Separates a source tag glued to the last full stop of a paragraph (`… к первым снегопадам.ИА Регнум`): one to
    /// three capitalised words after the stop, with no space, in a line of ten words or more.
    static func splitGluedSourceTag(_ text: String) -> [String] {
        guard hasGluedCapital(text), Shapes.wordCount(text) >= 10, let match = Patterns.gluedSourceTag.firstMatch(text) else { return [text] }
        return [String(match[1]), String(match[2])]
    }

    /// Whether a capital follows a sentence stop without a space (`снегопадам.ИА`), the sign `gluedSourceTag` needs.
    static func hasGluedCapital(_ text: String) -> Bool {
        var afterStop = false
        for scalar in text.unicodeScalars {
            if afterStop && Shapes.isUppercaseLetter(scalar) { return true }
            afterStop = Shapes.isSentenceStop(scalar) || afterStop && scalar != ")" && Shapes.isClosingQuote(scalar)
        }
        return false
    }

    /// Separates what a scraper glued to the start of a paragraph: a bracketed photo caption
    /// (`[Migrants on a dinghy…]By NAME`) and a byline followed by a capitals dateline
    /// (`By NAME BRUSSELS (Reuters) - …`).
    static func splitGlued(_ text: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(text)
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            let caption = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...].drop(while: { $0 == " " })
            if Shapes.wordCount(caption) >= 5, Shapes.wordCount(after) >= 5 {
                parts.append("[" + caption + "]")
                rest = after
            }
        }
        if rest.hasPrefix("By ") || rest.hasPrefix("BY ") || rest.hasPrefix("by "),
            let match = Patterns.bylineBeforeDateline.firstMatch(String(rest)),
            Shapes.wordCount(rest) > 12
        {
            parts.append(String(match[1]))
            rest = rest.dropFirst(match[1].count).drop(while: { $0 == " " })
        }
        parts.append(String(rest))
        return parts
    }
}

// MARK: - The page

/// One page under analysis: its units and what each was recognised as.
struct PageAnalysis {
    /// The page's lines, as `PageUnits.split` made them.
    let units: [String]
    /// Units that are furniture wherever they stand (navigation, dates, counters, captions, markup…).
    private(set) var noise: [Bool]
    /// Each unit's word count (`Shapes.wordCount`), which many rules look at.
    let wordCounts: [Int]
    /// Each unit's letters and digits, lower case (`Shapes.comparable`), for finding repeats.
    let keys: [String]
    /// Units that are lines of a data sheet (`Fecha 22/08/2015`, `Localización Madrid`): furniture, and never a name.
    private(set) var dataSheet: [Bool]
    /// Units that are running text: long enough, with sentence punctuation.
    private(set) var prose: [Bool]
    /// The byline each unit states explicitly (`By NAME`, `Author: NAME`), if any.
    let bylines: [(name: String, affiliation: String?)?]

    /// Classifies every unit once; the extraction steps read these flags.
    init(units: [String]) {
        self.units = units
        let keys = units.map(Shapes.comparable)
        self.keys = keys
        let wordCounts = units.map { Shapes.wordCount($0) }
        self.wordCounts = wordCounts
        noise = units.indices.map { Shapes.isNoise(units[$0], key: keys[$0], words: wordCounts[$0]) }
        bylines = units.indices.map { Bylines.explicit(units[$0], words: wordCounts[$0]) }
        prose = []
        dataSheet = Array(repeating: false, count: units.count)
        // Text printed twice before the article is a photo caption (the image's alt text and its
        // caption), as is anything a caption repeats.
        var copies: [String: Int] = [:]
        for key in keys { copies[key, default: 0] += 1 }
        // A caption printed twice in one line (alt text and caption glued) counts as a caption too. A
        // caption repeats text near it: looking twenty lines either way keeps long pages linear.
        let captions = units.indices.filter { noise[$0] && (Shapes.isCaption(units[$0]) || Shapes.isSelfRepeating(units[$0], key: keys[$0])) }
        var firstNearby = 0
        for (index, unit) in units.enumerated() where !noise[index] && unit.hasSuffix(".") && wordCounts[index] >= 4 {
            while firstNearby < captions.count, captions[firstNearby] < index - 20 { firstNearby += 1 }
            let nearby = captions[firstNearby...].prefix { $0 <= index + 20 }
            if copies[keys[index], default: 0] > 1 || nearby.contains(where: { keys[$0] != keys[index] && Shapes.holds(keys[$0], keys[index]) }) {
                noise[index] = true
            }
        }
        // A data sheet (`Fecha 22/08/2015`, `Duración 00:02:03`, `Localización Madrid`): four short field lines or more, three with figures.
        var start = 0
        while start < units.count {
            var stop = start
            while stop < units.count, (2...4).contains(wordCounts[stop]), Self.isFieldLine(units[stop]) { stop += 1 }
            if stop - start >= 4, (start..<stop).filter({ Shapes.hasNumber(units[$0]) }).count >= 3 {
                for index in start..<stop {
                    noise[index] = true
                    dataSheet[index] = true
                }
            }
            start = max(stop, start + 1)
        }
        // An excerpt cut short (`… on both official and priv..`) of a paragraph printed right after it.
        for index in units.indices where !noise[index] && keys[index].count >= 30 && Self.isCutShort(units[index]) {
            if units.indices.dropFirst(index + 1).prefix(3).contains(where: { keys[$0].count > keys[index].count && keys[$0].hasPrefix(keys[index]) })
            {
                noise[index] = true
            }
        }
        prose = units.indices.map { !noise[$0] && bylines[$0] == nil && Shapes.isProse(units[$0], words: wordCounts[$0]) }
    }

    /// A line of a data sheet: two to four words, a capitalised field name first, no sentence punctuation.
    static func isFieldLine(_ text: String) -> Bool {
        (2...4).contains(Shapes.wordCount(text)) && text.first?.isUppercase == true && !Shapes.endsLikeSentence(text) && !text.hasSuffix(":")
    }

    /// Text that breaks off with dots (`..`, `...`, `…`, `[…]`).
    static func isCutShort(_ text: String) -> Bool {
        text.hasSuffix("..") || text.hasSuffix("…") || text.hasSuffix("[…]")
    }

    /// The article: headline, standfirst, body, section and byline, found in that order because each
    /// step narrows where the next one looks.
    func extract() throws -> ExtractedArticle {
        guard let firstProse = prose.firstIndex(of: true) else { return try shortPage() }

        // Everything from the first end marker below the first paragraph on is comments, teasers,
        // share blocks or boilerplate.
        let end = endOfArticle(from: firstProse)

        // The headline: the last title-shaped line above the first paragraph.
        let found = headline(before: firstProse)
        var headlineIndex = found?.headline
        var bodyStart = firstProse
        var standfirstParts: [String] = found?.standfirst.map { [units[$0]] } ?? []
        if headlineIndex == nil {
            // A summary printed above the headline: prose, then a title, then the body.
            var index = firstProse + 1
            while index < min(end, firstProse + 4) {
                if !noise[index], !prose[index], Shapes.isTitleShaped(units[index]), wordCounts[index] >= 3,
                    let next = nextProse(after: index, before: end)
                {
                    headlineIndex = index
                    // A banner that names the headline (a label page's "Showing posts with label …") is no summary.
                    let key = Shapes.comparable(Shapes.cleanHeadline(units[index]))
                    standfirstParts = (firstProse..<index).filter { prose[$0] && !Shapes.holds(keys[$0], key) }.map { units[$0] }
                    bodyStart = next
                    break
                }
                index += 1
            }
        }
        // A summary line under the headline that is not prose yet (no final stop, or a short sub-headline
        // of two clauses), above a byline or a picture.
        if standfirstParts.isEmpty, let headlineIndex, headlineIndex + 1 < firstProse {
            let candidate = units[headlineIndex + 1]
            if !noise[headlineIndex + 1], bylines[headlineIndex + 1] == nil, !Shapes.isPersonCaption(candidate), isUntitledSummary(candidate) {
                standfirstParts = [candidate]
            }
        }
        // Summary bullets under the headline, above the body: one standfirst.
        if standfirstParts.isEmpty, let headlineIndex {
            standfirstParts = summaryBullets(from: headlineIndex + 1, to: bodyStart)
        }
        var headline = headlineIndex.map { Shapes.cleanHeadline(units[$0]) }

        // The body: paragraphs from the first prose line to the end marker, less furniture inside it.
        var body = withoutUnrelatedTail(bodyUnits(from: bodyStart, to: end, headline: headline), headline: headline)

        // A standfirst under the headline.
        if standfirstParts.isEmpty, let headlineIndex, body.count >= 2, let first = body.first {
            if isStandfirst(first, headlineIndex: headlineIndex, body: body) {
                standfirstParts = [units[first]]
                body.removeFirst()
            }
        }

        let byline = self.byline(headlineIndex: headlineIndex, bodyStart: bodyStart, end: end, body: body)
        var paragraphs = body.map { units[$0] }
        paragraphs = Trailer.trim(paragraphs, author: byline?.name)
        guard !paragraphs.isEmpty || headline != nil else {
            throw VerityError.validation(code: .articleNoText, "The page has no article text after removing site furniture.")
        }
        // A kicker on the headline's line (`Leutershausen | …`) names the section more closely than a label above it.
        let kicker = headlineIndex.flatMap { Shapes.splitKicker(units[$0])?.kicker }
        let section = kicker ?? headlineIndex.flatMap { self.section(above: $0, headline: headline ?? "") } ?? topicLabel(from: end)
        // The section label glued again to the end of the headline (`… after Sheffield chase UK News`).
        if let section, let current = headline, current.hasSuffix(" " + section), Shapes.wordCount(current) >= Shapes.wordCount(section) + 3 {
            headline = String(current.dropLast(section.count + 1))
        }
        return ExtractedArticle(
            content: ArticleContent(
                headline: headline, standfirst: standfirstParts.isEmpty ? nil : standfirstParts.joined(separator: " "), paragraphs: paragraphs),
            section: section, author: byline?.name, authorAffiliation: byline?.affiliation)
    }

    /// A page without a single prose paragraph (a brief, a notice): the first line is the headline
    /// when there is more than one, the rest the body.
    private func shortPage() throws -> ExtractedArticle {
        let kept = units.indices.filter { !noise[$0] && !Patterns.endMarker.matches(units[$0]) && bylines[$0] == nil }
        guard !kept.isEmpty else {
            throw VerityError.validation(code: .articleNoText, "The page has no article text after removing site furniture.")
        }
        let author = bylines.lazy.compactMap { $0 }.first
        let texts = kept.map { units[$0] }
        return ExtractedArticle(
            content: ArticleContent(
                headline: texts.count > 1 ? texts[0] : nil, standfirst: nil, paragraphs: Array(texts.dropFirst(texts.count > 1 ? 1 : 0))),
            section: nil, author: author?.name, authorAffiliation: author?.affiliation)
    }

    /// Two to six bullets of five words or more, one after the other, between the headline and the body
    /// (a summary list): the standfirst, bullets kept between items as printed.
    func summaryBullets(from start: Int, to bodyStart: Int) -> [String] {
        guard start < bodyStart else { return [] }
        let items = (start..<bodyStart).filter { Shapes.isListItem(units[$0]) && units[$0].first?.isNumber == false }
        guard (2...6).contains(items.count), let first = items.first, items.last! - first + 1 == items.count,
            items.allSatisfy({ Shapes.wordCount(units[$0]) >= 5 })
        else { return [] }
        return [String(units[first].dropFirst()).trimmed()] + items.dropFirst().map { units[$0] }
    }

    private func nextProse(after index: Int, before end: Int) -> Int? {
        (index + 1..<max(index + 1, end)).first { prose[$0] }
    }

    // MARK: End of the article

    /// Index of the first unit, below the first paragraph, that starts what follows an article.
    func endOfArticle(from firstProse: Int) -> Int {
        var index = firstProse + 1
        while index < units.count {
            let unit = units[index]
            if Shapes.isEndMarker(unit) {
                // A feed widget's header or a newsletter box inside the text (`Trending Now`, `Register now to our daily
                // newsletter`), whose items the scraper did not keep: the text goes on when what follows is about the same thing.
                if Patterns.widgetHeader.matches(unit) || Patterns.prompts.matches(unit), textGoesOn(after: index, from: firstProse) {
                    index += 1
                    continue
                }
                return index
            }
            // A lead-in ending in a colon with no text after it introduces an embed, a link list or a box.
            if unit.hasSuffix(":"), Shapes.wordCount(unit) <= 12 {
                let next = index + 1 < units.count ? units[index + 1] : ""
                if !prose[min(index + 1, units.count - 1)] || index + 1 == units.count, !Shapes.isListItem(next) { return index }
                // A capitals label with a colon (`UPDATE NEWS:`, `ALSO READ:`) is a promotion even before prose.
                if Shapes.isCapitalsLabel(unit) { return index }
            }
            index += 1
        }
        return units.count
    }

    /// Whether the next prose below `index` (past furniture only) continues the article from `firstProse`:
    /// it and the prose after it share two content words or more with the text just above (the prose of the
    /// six units before it, so that a page with many such boxes stays linear).
    func textGoesOn(after index: Int, from firstProse: Int) -> Bool {
        var next = index + 1
        while next < min(units.count, index + 10), noise[next], !Shapes.isEndMarker(units[next]) || Patterns.prompts.matches(units[next]) {
            next += 1
        }
        guard next < units.count, prose[next] else { return false }
        let following = (next..<min(units.count, next + 2)).filter { prose[$0] }.map { units[$0] }
        let wanted = Shapes.contentWords(following.joined(separator: " "))
        var shared = Set<String>()
        for above in (max(firstProse, index - 6)..<index).reversed() where prose[above] {
            Shapes.forEachContentWord(units[above]) { word in
                if wanted.contains(word) { shared.insert(word) }
                return shared.count < 2
            }
            if shared.count >= 2 { return true }
        }
        return false
    }

    // MARK: Headline

    /// The headline above the first paragraph: the last title-shaped line of three words or more (two
    /// when there is none), unless that line is a long untitled summary right under a shorter title.
    /// Returns the headline's index and, when the line under it is such a summary, the summary's.
    func headline(before firstProse: Int) -> (headline: Int, standfirst: Int?)? {
        let candidates = (0..<firstProse).filter { isHeadlineCandidate($0) }
        let pick = candidates.last { Shapes.wordCount(units[$0]) >= 3 } ?? candidates.last
        guard let pick else { return nil }
        if let previous = candidates.last(where: { $0 < pick }), (previous + 1..<pick).allSatisfy({ noise[$0] }),
            wordCounts[pick] >= 8, wordCounts[previous] < wordCounts[pick],
            !Shapes.isKickerShaped(units[previous]),
            wordCounts[previous] >= 3, Shapes.comparable(units[previous]) != Shapes.comparable(units[pick])
        {
            return (previous, pick)
        }
        // A short line between a longer title and the body is not the headline: a clause in sentence case
        // (`Загинуло 44 особи`) is a one-line dek; a name or label in title case (`Elinor Forest Service Road
        // flood`) is the picture's caption.
        if let previous = candidates.last(where: { $0 < pick }), (previous + 1..<pick).allSatisfy({ noise[$0] }),
            (pick + 1..<firstProse).allSatisfy({ noise[$0] }), wordCounts[pick] <= 6, wordCounts[previous] >= 6,
            Double(wordCounts[previous]) >= 1.5 * Double(wordCounts[pick]), !Shapes.isKickerShaped(units[previous])
        {
            return (previous, wordCounts[pick] >= 2 && Shapes.isSentenceCase(units[pick]) ? pick : nil)
        }
        return (pick, nil)
    }

    /// A title-shaped line that is not furniture, a byline, a newspaper's name or a person's caption.
    func isHeadlineCandidate(_ index: Int) -> Bool {
        let unit = units[index]
        guard !noise[index], Shapes.isTitleShaped(unit), bylines[index] == nil else { return false }
        let cleaned = Shapes.cleanHeadline(unit)
        // Headlines hold no sentence break, no " / " or " | " separators (bylines with a place,
        // breadcrumbs) and no clock or relative time (a byline with its timestamp).
        return !Shapes.isPublicationName(unit)
            && !Shapes.isPersonCaption(unit) && !Shapes.hasInternalSentenceBreak(cleaned) && !Shapes.holds(cleaned, " / ")
            && !Shapes.holds(cleaned, " | ") && !Shapes.hasTimestamp(unit) && Shapes.gluedJoins(unit) < 2
    }

    // MARK: Body

    /// Body paragraphs between `start` and `end`: prose, short sentences and sub-headings, less
    /// captions (including the image alt text that repeats the headline), bylines and furniture.
    func bodyUnits(from start: Int, to end: Int, headline: String?) -> [Int] {
        let headlineKey = headline.map(Shapes.comparable)
        let lastProse = (start..<end).last { prose[$0] } ?? start
        var kept: [Int] = []
        for index in start..<end {
            let unit = units[index]
            if noise[index] || bylines[index] != nil || Patterns.credit.matches(unit) || Patterns.widgetHeader.matches(unit)
                || Bylines.isDeskCredit(unit)
                || Patterns.sourceLine.matches(unit)
            {
                continue
            }
            // A repeat of the headline, or a picture's alt text (the headline) glued to its caption.
            if let headlineKey, !headlineKey.isEmpty, keys[index].hasPrefix(headlineKey), !prose[index] {
                continue
            }
            if prose[index] || Shapes.endsLikeSentence(unit) && Shapes.wordCount(unit) >= 2 {
                kept.append(index)
            } else if Shapes.isTitleShaped(unit), index < lastProse {
                kept.append(index)  // a sub-heading: more text follows
            } else if Shapes.isListItem(unit), Shapes.wordCount(unit) >= 3, index < lastProse {
                kept.append(index)
            }
        }
        // The article ends on text; labels and headings left at the bottom belong to the page.
        while let last = kept.last, !prose[last] && !Shapes.endsLikeSentence(units[last]) { kept.removeLast() }
        return kept
    }

    /// The body less a teaser of another article at its bottom: a sub-heading and one or two paragraphs
    /// that share no content word with the headline and the text above them.
    func withoutUnrelatedTail(_ body: [Int], headline: String?) -> [Int] {
        guard body.count >= 3 else { return body }
        for position in stride(from: body.count - 2, through: max(1, body.count - 3), by: -1) {
            let index = body[position]
            guard !prose[index], Shapes.isTitleShaped(units[index]) else { continue }
            let tail = Shapes.contentWords(body[position...].map { units[$0] }.joined(separator: " "))
            let above = Shapes.contentWords((body[..<position].map { units[$0] } + [headline ?? ""]).joined(separator: " "))
            if tail.isDisjoint(with: above) { return Array(body[..<position]) }
        }
        return body
    }

    // MARK: Standfirst

    /// Whether the first body unit is a standfirst (dek) rather than the lead paragraph.
    func isStandfirst(_ first: Int, headlineIndex: Int, body: [Int]) -> Bool {
        let unit = units[first]
        let words = Shapes.wordCount(unit)
        // A paragraph that opens with a dateline is the lead.
        if Shapes.opensWithDateline(unit) { return false }
        // A summary without a final stop, or one signed "– writes NAME".
        if isUntitledSummary(unit) { return true }
        if Patterns.standfirstCredit.matches(unit) { return true }
        // A teaser that breaks off ("…und dann...") and is resumed by the body ("...erfasste").
        if unit.hasSuffix("...") || unit.hasSuffix("…"), let next = body.dropFirst().first, units[next].hasPrefix("...") || units[next].hasPrefix("…")
        {
            return true
        }
        guard let next = body.dropFirst().first(where: { prose[$0] }) else { return false }
        // Straight under the headline and set apart from the body by a picture, caption or byline.
        if first == headlineIndex + 1, next > first + 1, (first + 1..<next).allSatisfy(isSeparator) { return true }
        // A compact summary of several plain statements (full stops, no exclamation or trailing-off) above a longer first paragraph.
        if unit.hasSuffix("."), !unit.hasSuffix(".."), Shapes.hasSentenceBreak(unit, fullStopOnly: true), words <= 35,
            Double(wordCounts[next]) >= 1.5 * Double(words),
            (headlineIndex + 1..<first).allSatisfy({ !prose[$0] })
        {
            return true
        }
        return false
    }

    /// What stands between a standfirst and the body: a picture, a caption, a byline, a timestamp, tags.
    func isSeparator(_ index: Int) -> Bool {
        noise[index] || bylines[index] != nil || Shapes.isListItem(units[index]) && wordCounts[index] <= 4
            || Bylines.isDeskCredit(units[index]) || Bylines.standalone(units[index]) != nil
    }

    /// A summary without a final stop: twelve to thirty words, or fewer with a sentence break inside.
    func isUntitledSummary(_ unit: String) -> Bool {
        let words = Shapes.wordCount(unit)
        return !Shapes.endsLikeSentence(unit) && words <= 30 && (words >= 12 || words >= 6 && Shapes.hasInternalSentenceBreak(unit))
    }

    // MARK: Section

    /// The section label above the headline: the nearest line above it that is not a date, a byline,
    /// a desk credit or a repeat of the headline, if it is label-shaped (or a breadcrumb).
    func section(above headlineIndex: Int, headline: String) -> String? {
        let headlineKey = Shapes.comparable(headline)
        // Cleaning only cuts a line's ends, so a copy's letters hold the headline's: most lines are ruled out without cleaning.
        let firstCopy =
            (0..<headlineIndex).first {
                Shapes.holds(keys[$0], headlineKey) && Shapes.comparable(Shapes.cleanHeadline(units[$0])) == headlineKey
            } ?? headlineIndex
        // A breadcrumb glued to a copy of the headline (`NewsIndiaDriver killed …`): its crumbs run together at case changes.
        for index in stride(from: firstCopy - 1, through: max(0, firstCopy - 2), by: -1) where units[index].hasSuffix(headline) {
            let prefix = units[index].dropLast(headline.count).trimmed()
            if !prefix.isEmpty, prefix.count <= 40 {
                return Shapes.sectionLabel(Shapes.splitAtCaseChanges(prefix).joined(separator: " › "), headline: headline)
            }
        }
        var index = firstCopy - 1
        while index >= 0 {
            let unit = units[index]
            if Shapes.isDateLine(unit) || bylines[index] != nil || Bylines.isDeskCredit(unit) || keys[index] == headlineKey
                || Shapes.isCounterOrMarkup(unit) || Shapes.isCaption(unit)
            {
                index -= 1
                continue
            }
            if noise[index] && !Shapes.isLabelShaped(unit) { return nil }
            return Shapes.sectionLabel(unit, headline: headline)
        }
        return nil
    }

    /// A topic line after the article (`Topic: Politics`, `Rubrik: Verkehr`) when no label stood above the headline.
    func topicLabel(from end: Int) -> String? {
        for unit in units[end..<min(units.count, end + 4)] {
            if let match = Patterns.topicLine.firstMatch(unit) {
                let label = String(match[1]).trimmed()
                if Shapes.isLabelShaped(label) { return label }
            }
        }
        return nil
    }

    // MARK: Byline

    /// The author: an explicit byline anywhere in the article (`By`, `par`, `von`, `Author:`…); else a
    /// person's name standing alone between the headline and the body; else a "Reporting by" credit.
    func byline(headlineIndex: Int?, bodyStart: Int, end: Int, body: [Int]) -> (name: String, affiliation: String?)? {
        for index in 0..<end {
            if let byline = bylines[index] { return byline }
        }
        if let headlineIndex {
            for index in headlineIndex + 1..<bodyStart
            where !dataSheet[index] && !Shapes.isCaption(units[index]) && !Shapes.isPersonCaption(units[index]) {
                if let name = Bylines.standalone(units[index]) { return (name, nil) }
            }
        }
        // A wire credit after the text, or glued to its last paragraph.
        let trailerStart = body.last ?? end
        let trailer = Array(units[min(trailerStart, end)..<min(units.count, end + 4)])
        for unit in trailer {
            if let name = Bylines.reportingCredit(unit) { return (name, nil) }
        }
        return nil
    }
}

// MARK: - After the text

/// Lines at the bottom of the body that belong to the page, not the article.
enum Trailer {
    /// Drops an author bio, a reader comment and credits glued to the last paragraph.
    static func trim(_ paragraphs: [String], author: String?) -> [String] {
        var paragraphs = paragraphs
        // "Court reporter NAME is a …": a bio line naming the author at the bottom.
        if let author, author.count >= 5, paragraphs.count >= 2, let last = paragraphs.last, Shapes.holds(last, author), Shapes.wordCount(last) <= 45
        {
            paragraphs.removeLast()
        }
        // A reader's comment without a header: exclamations, where the article has none.
        if paragraphs.count >= 4, let last = paragraphs.last, exclamations(last) >= 2,
            paragraphs.dropLast().allSatisfy({ exclamations($0) == 0 })
        {
            paragraphs.removeLast()
        }
        // An editor's note in brackets after the text (`(This story has not been edited …)`).
        if paragraphs.count >= 2, let last = paragraphs.last, last.hasPrefix("(") && last.hasSuffix(")") || last.hasPrefix("[") && last.hasSuffix("]")
        {
            paragraphs.removeLast()
        }
        if let last = paragraphs.last {
            let trimmed = stripClosingTag(last)
            if trimmed.isEmpty { paragraphs.removeLast() } else { paragraphs[paragraphs.count - 1] = trimmed }
        }
        return paragraphs
    }

    /// Exclamation marks outside quotations.
    static func exclamations(_ text: String) -> Int {
        guard Shapes.hasByte(text, 0x21) else { return 0 }
        var depth = 0
        var count = 0
        for c in text {
            if "“«„".contains(c) { depth += 1 } else if "”»".contains(c) { depth = max(0, depth - 1) } else if c == "!" && depth == 0 { count += 1 }
        }
        return count
    }

    /// Removes a wire credit or source tag in brackets after the last sentence:
    /// `…front line. (Reporting by …)`, `…worried about it. (Colombo Gazette)`.
    static func stripClosingTag(_ text: String) -> String {
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return text }
        let before = text[..<open].trimmed()
        let tag = text[text.index(after: open)..<text.index(before: text.endIndex)]
        guard Shapes.endsLikeSentence(before), !before.isEmpty else { return text }
        if Patterns.credit.matches(String(tag)) { return before }
        let words = tag.split(separator: Character(" "))
        if (1...4).contains(words.count), words.allSatisfy({ $0.first?.isUppercase == true }), !tag.contains(where: { $0.isNumber }) {
            return before
        }
        return text
    }
}
