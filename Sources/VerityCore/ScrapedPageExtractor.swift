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
/// search prompts, cookie notices, follow/subscribe prompts) and everything from the share or
/// related-stories block on.
///
/// The rules look at the shape of each block (its length, its final punctuation, its position
/// relative to the first prose paragraph) and at words sites commonly use for furniture, never at
/// one site's exact strings.
package enum ScrapedPageExtractor {
    /// Extracts the article from a scraped page. Throws when nothing that looks like an article is left.
    package static func extract(_ raw: String) throws -> ExtractedArticle {
        var blocks = TextNormalizer.splitBlocks(raw).map { TextNormalizer.normalizeBlock($0) }.filter { !$0.isEmpty }

        // Everything from the share/related/comments block on belongs to other stories. Only a marker below
        // the first paragraph counts: "Related" in the navigation above the article ends nothing.
        let firstParagraph = blocks.firstIndex { isProse($0) && !isFurniture($0) } ?? 0
        if let end = firstEndMarker(in: blocks, from: firstParagraph) {
            blocks = Array(blocks[..<end])
        }
        // Bylines can stand anywhere above that; the first one names the author, and none stays in the text.
        var author: String?
        var affiliation: String?
        blocks = blocks.filter { block in
            guard let byline = parseByline(block) else { return true }
            if author == nil { (author, affiliation) = byline }
            return false
        }
        blocks = blocks.filter { !isFurniture($0) }

        guard let firstProse = blocks.firstIndex(where: isProse) else {
            guard !blocks.isEmpty else {
                throw VerityError.validation(code: "article.no_text", "The page has no article text after removing site furniture.")
            }
            // A short page with no full paragraph: the first block is the headline, the rest the body.
            return ExtractedArticle(
                content: ArticleContent(
                    headline: blocks.count > 1 ? blocks[0] : nil, standfirst: nil, paragraphs: Array(blocks.dropFirst(blocks.count > 1 ? 1 : 0))),
                section: nil, author: author, authorAffiliation: affiliation)
        }

        // The headline is the last title-shaped block above the first prose paragraph; a short label
        // right above it is the section; anything higher up is navigation.
        var headline: String?
        var section: String?
        let lead = blocks[..<firstProse]
        if let headlineIndex = lead.lastIndex(where: isTitleShaped) {
            headline = blocks[headlineIndex]
            if headlineIndex > 0, isLabelShaped(blocks[headlineIndex - 1]) {
                section = blocks[headlineIndex - 1]
            }
        }

        // The first prose block is a standfirst when it reads as a summary rather than a body paragraph:
        // no final punctuation, or a "– writes NAME" credit.
        var bodyStart = firstProse
        var standfirst: String?
        if headline != nil, firstProse + 1 < blocks.count, isStandfirstShaped(blocks[firstProse]) {
            standfirst = blocks[firstProse]
            bodyStart = firstProse + 1
        }
        let paragraphs = Array(blocks[bodyStart...])
        return ExtractedArticle(
            content: ArticleContent(headline: headline, standfirst: standfirst, paragraphs: paragraphs),
            section: section, author: author, authorAffiliation: affiliation)
    }

    // MARK: - Block shapes

    /// Words in a block, counted by runs of letters or digits.
    static func wordCount(_ block: String) -> Int {
        block.split(whereSeparator: { $0 == " " || $0 == "\n" }).filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }.count
    }

    /// Ends like a sentence: final `.`, `?`, `!`, `…`, possibly followed by closing quotes or brackets.
    static func endsLikeSentence(_ block: String) -> Bool {
        let trimmed = block.reversed().drop(while: { "\"'”’»)]".contains($0) })
        guard let last = trimmed.first else { return false }
        return ".?!…:;".contains(last)
    }

    /// A full paragraph: long enough to be running text, not a label or a link list.
    static func isProse(_ block: String) -> Bool {
        wordCount(block) >= 15
    }

    /// A headline: a line of up to 30 words that does not read as a question to the visitor.
    static func isTitleShaped(_ block: String) -> Bool {
        let words = wordCount(block)
        return words >= 2 && words <= 30 && !block.contains("\n") && !block.hasSuffix(".")
    }

    /// A section label: a few capitalised words, no sentence punctuation.
    static func isLabelShaped(_ block: String) -> Bool {
        let words = block.split(separator: " ")
        guard (1...5).contains(words.count), block.count <= 40, !endsLikeSentence(block) else { return false }
        return words.allSatisfy { word in
            guard let first = word.first else { return false }
            return first.isUppercase || first.isNumber || ["&", "and", "of", "the", "-", "–"].contains(String(word))
        }
    }

    /// A summary paragraph under the headline rather than the first paragraph of the body.
    static func isStandfirstShaped(_ block: String) -> Bool {
        if !endsLikeSentence(block) { return true }
        return block.range(of: #"[–—-]\s*(writes|reports|by)\s+\p{Lu}"#, options: .regularExpression) != nil
    }

    // MARK: - Furniture

    private static let endMarkerPatterns: [String] = [
        #"^share (this|the) (article|story|post|page)\b"#,
        #"^share( on| via|:|$)"#,
        #"^(you (may|might) (also )?like|you may have missed|recommended( for you)?|related( articles| stories| posts| news| content| reading)?|read (more|also|next)|more (from|stories|news|on|in)\b|also read|see also|trending( now)?|most (read|popular|viewed)|popular (now|stories|posts)|latest (news|stories|posts)|tags?)\s*:?$"#,
        #"^(more from|read more|related:|also read:|read next:)"#,
        #"^(leave a (comment|reply)|comments?\s*(\(\d+\))?$|\d+ comments?$)"#,
    ]

    private static let furniturePatterns: [String] = [
        #"^(connect|follow|like|join) (with )?us\b"#,
        #"^follow (us|@)"#,
        #"\b(what are you looking for|type (here )?to search|search( for| this site| \.\.\.|…)?\s*\??$|press enter to search)"#,
        #"^(skip to (main )?content|menu|home|search|close|advertisement|sponsored|subscribe( now)?|sign (in|up)|log ?in|newsletter|toggle navigation|back to top)\s*[.!]?$"#,
        #"\bcookies?\b.*\b(use|accept|consent|policy|settings|experience)\b|\b(accept|reject) (all )?cookies\b"#,
        #"^(subscribe|sign up) (to|for) (our|the) (newsletter|updates)"#,
        #"^(image|photo|picture|credit)\s*(:|credit|by)\b"#,
    ]

    private static func matches(_ block: String, _ patterns: [String]) -> Bool {
        patterns.contains { block.range(of: $0, options: [.regularExpression, .caseInsensitive]) != nil }
    }

    /// Index of the first block that starts the share/related/comments area, which ends the article.
    /// Only short blocks count, so a sentence that happens to start with "Read more" stays text.
    static func firstEndMarker(in blocks: [String], from start: Int) -> Int? {
        blocks.indices.dropFirst(start).first { index in
            wordCount(blocks[index]) <= 8 && matches(blocks[index], endMarkerPatterns)
        }
    }

    /// Navigation, prompts and notices that are not part of any article.
    static func isFurniture(_ block: String) -> Bool {
        wordCount(block) <= 40 && matches(block, furniturePatterns)
    }

    /// Parses a byline block: `Author: NAME[, AFFILIATION]`, `By NAME[, AFFILIATION]`, `Written by NAME`.
    /// The name part must look like a name (one to five capitalised words), so a sentence that starts
    /// with "By the end of…" is never taken for a byline.
    static func parseByline(_ block: String) -> (String, String?)? {
        guard wordCount(block) <= 30, !block.contains("\n") else { return nil }
        let pattern = #"^(?:authors?|by|written by|words by|reporting by|byline)\s*[:\-–]?\s+(.+)$"#
        guard block.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil else { return nil }
        let lowered = block.lowercased()
        let prefixes = ["authors:", "author:", "authors", "author", "written by", "words by", "reporting by", "byline:", "byline", "by:", "by"]
        guard let prefix = prefixes.first(where: { lowered.hasPrefix($0) }) else { return nil }
        var rest = block.dropFirst(prefix.count).drop(while: { $0 == " " || $0 == ":" || $0 == "-" || $0 == "–" })
        if rest.hasSuffix(".") { rest = rest.dropLast() }
        let parts = rest.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let name = parts.first, !name.isEmpty else { return nil }
        let nameWords = name.split(separator: " ")
        let isName =
            (1...5).contains(nameWords.count)
            && nameWords.allSatisfy { word in
                word.first.map { $0.isUppercase } ?? false || ["and", "de", "van", "von", "der", "da", "al", "bin", "&"].contains(String(word))
            }
        guard isName else { return nil }
        let affiliation = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
        return (name, affiliation)
    }
}
