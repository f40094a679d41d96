import Foundation

/// A sentence of an article, as segmentation produced it.
package struct SpanDraft: Sendable, Equatable {
    /// Position among all the article's sentences, from 0.
    package var ordinal: Int
    /// The block the sentence is in.
    package var block: BlockKind
    /// Its range in the canonical text, in both units.
    package var range: TextRange
}

/// Article metadata, as an importer or an API client supplies it.
package struct ArticleMetadata: Sendable, Equatable, Codable {
    package var externalId: String?
    package var url: String?
    package var title: String?
    package var section: String?
    package var standfirst: String?
    package var author: String?
    package var authorAffiliation: String?
    package var publisher: String?
    package var publishedAt: Date?
    package var language: String?

    /// Creates metadata; every field is optional.
    package init(
        externalId: String? = nil, url: String? = nil, title: String? = nil, section: String? = nil, standfirst: String? = nil,
        author: String? = nil, authorAffiliation: String? = nil, publisher: String? = nil, publishedAt: Date? = nil, language: String? = nil
    ) {
        self.externalId = externalId
        self.url = url
        self.title = title
        self.section = section
        self.standfirst = standfirst
        self.author = author
        self.authorAffiliation = authorAffiliation
        self.publisher = publisher
        self.publishedAt = publishedAt
        self.language = language
    }
}

/// A validated article ready to store: canonical text, its sentence spans and its identity hash.
/// Every import path (CLI files, HTTP JSON, HTTP scraped text) ends in this one initialiser, so they
/// all obey the same rules.
package struct ArticleDraft: Sendable, Equatable {
    /// Metadata with the title and standfirst taken from the text where the source gave none.
    package var metadata: ArticleMetadata
    /// The canonical text offsets count into.
    package var text: String
    /// Sentences, tiling the text's non-whitespace content in order.
    package var spans: [SpanDraft]
    /// Lower-case hex SHA-256 of the canonical text's UTF-8: the identity of an article without an external id.
    package var contentHash: String

    /// Limits that keep one article within what a reviewer can work on and the database stores comfortably.
    package static let maxTextCodePoints = 1_000_000
    package static let maxFieldLength = 2_000

    /// Builds the canonical text and spans from content and metadata, checking both.
    package init(content: ArticleContent, metadata: ArticleMetadata) throws {
        var errors: [FieldError] = []
        try Self.refuseNUL(
            [("title", content.headline), ("standfirst", content.standfirst)] + content.paragraphs.map { ("body", $0) }
                + [
                    ("externalId", metadata.externalId), ("url", metadata.url), ("title", metadata.title), ("section", metadata.section),
                    ("author", metadata.author), ("authorAffiliation", metadata.authorAffiliation), ("publisher", metadata.publisher),
                    ("language", metadata.language),
                ])
        let canonical = CanonicalText(content)
        if canonical.blocks.isEmpty || content.paragraphs.allSatisfy({ TextNormalizer.normalizeBlock($0).isEmpty }) && content.headline == nil {
            errors.append(FieldError(path: "body", message: "the article has no text"))
        }
        if canonical.text.unicodeScalars.count > Self.maxTextCodePoints {
            errors.append(FieldError(path: "body", message: "the text is longer than \(Self.maxTextCodePoints) code points"))
        }
        var metadata = metadata
        func clean(_ value: String?, _ path: String) -> String? {
            guard let value else { return nil }
            let normalized = TextNormalizer.collapseSpaces(String(TextNormalizer.normalizeLines(value).map { $0 == "\n" ? " " : $0 }))
            if normalized.count > Self.maxFieldLength {
                errors.append(FieldError(path: path, message: "longer than \(Self.maxFieldLength) characters"))
            }
            return normalized.isEmpty ? nil : normalized
        }
        metadata.externalId = clean(metadata.externalId, "externalId")
        metadata.url = clean(metadata.url, "url")
        metadata.title = clean(metadata.title, "title") ?? clean(content.headline, "title")
        metadata.section = clean(metadata.section, "section")
        metadata.standfirst = clean(content.standfirst, "standfirst")
        metadata.author = clean(metadata.author, "author")
        metadata.authorAffiliation = clean(metadata.authorAffiliation, "authorAffiliation")
        metadata.publisher = clean(metadata.publisher, "publisher")
        metadata.language = clean(metadata.language, "language")
        errors += Self.formatErrors(url: metadata.url, language: metadata.language)
        guard errors.isEmpty else {
            throw VerityError.validation(code: .articleInvalid, "The article is not valid.", errors)
        }

        // Sentences are split by the rules of the article's language: the one its source gave, else the one
        // its text is detected to be in — stored, so that search (which picks its text-search configuration
        // from the same field) and segmentation always agree. Text too short or too mixed to tell gets the
        // default rules and no language.
        if metadata.language == nil { metadata.language = LanguageDetector.detect(canonical.text) }
        let language = SegmenterLanguage(tag: metadata.language)
        let index = TextIndex(canonical.text)
        var spans: [SpanDraft] = []
        for block in canonical.blocks {
            for sentence in SentenceSegmenter.segment(block.text, language: language) {
                let range = index.range(codePointStart: block.start + sentence.lowerBound, end: block.start + sentence.upperBound)
                spans.append(SpanDraft(ordinal: spans.count, block: block.kind, range: range))
            }
        }
        self.metadata = metadata
        self.text = canonical.text
        self.spans = spans
        self.contentHash = Hex.sha256(canonical.text)
    }

    /// Rebuilds a stored article from its canonical text and spans exactly as they were (a restore from
    /// Verity's own export), checking that they could have come from Verity: NFC text without NUL or CR,
    /// spans numbered in order, in bounds, not overlapping, on character boundaries, with UTF-16 offsets
    /// that agree with the text. Nothing is re-segmented, so claims' span ordinals stay valid.
    package init(storedText text: String, spans: [SpanDraft], metadata: ArticleMetadata) throws {
        var errors: [FieldError] = []
        if text.isEmpty { errors.append(FieldError(path: "article.text", message: "the article has no text")) }
        if text.unicodeScalars.count > Self.maxTextCodePoints {
            errors.append(FieldError(path: "article.text", message: "the text is longer than \(Self.maxTextCodePoints) code points"))
        }
        if text.unicodeScalars.contains(where: { $0 == "\0" || $0 == "\r" }) {
            errors.append(FieldError(path: "article.text", message: "canonical text has no NUL or carriage-return characters"))
        }
        if !text.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars) {
            errors.append(FieldError(path: "article.text", message: "canonical text is in Unicode normalization form C"))
        }
        errors += Self.formatErrors(url: metadata.url, language: metadata.language).map {
            FieldError(path: "article.\($0.path)", message: $0.message)
        }
        if errors.isEmpty {
            let index = TextIndex(text)
            var previousEnd = 0
            for (position, span) in spans.enumerated() {
                let path = "article.spans.\(position)"
                let r = span.range
                if span.ordinal != position {
                    errors.append(FieldError(path: "\(path).ordinal", message: "spans are numbered 0, 1, 2… in order"))
                } else if r.start < previousEnd || r.start >= r.end || r.end > index.codePointCount {
                    errors.append(FieldError(path: path, message: "spans must be non-empty, in order, within the text and not overlapping"))
                } else if !index.isClusterBoundary(r.start) || !index.isClusterBoundary(r.end) {
                    errors.append(FieldError(path: path, message: "a span boundary splits a character"))
                } else if index.range(codePointStart: r.start, end: r.end) != r {
                    errors.append(FieldError(path: path, message: "the UTF-16 offsets do not agree with the code-point offsets"))
                }
                if errors.count >= 10 { break }
                previousEnd = max(previousEnd, r.end)
            }
        }
        guard errors.isEmpty else { throw VerityError.validation(code: .articleInvalid, "The article is not valid.", errors) }
        self.metadata = metadata
        self.text = text
        self.spans = spans
        self.contentHash = Hex.sha256(text)
    }

    /// NUL is not text (and PostgreSQL cannot store it): refused wherever it hides, before any
    /// normalisation could quietly drop it, as the file importer refuses a file containing one.
    package static func refuseNUL(_ fields: [(path: String, value: String?)]) throws {
        var errors: [FieldError] = []
        for (path, value) in fields where value?.unicodeScalars.contains("\0") == true && !errors.contains(where: { $0.path == path }) {
            errors.append(FieldError(path: path, message: "contains a NUL character, which is not text"))
        }
        guard errors.isEmpty else { throw VerityError.validation(code: .articleNulByte, "The article contains NUL characters.", errors) }
    }

    /// The format rules for a URL (absolute http or https) and a language (a BCP 47 tag).
    package static func formatErrors(url: String?, language: String?) -> [FieldError] {
        var errors: [FieldError] = []
        if let url, URL(string: url)?.scheme.map({ ["http", "https"].contains($0.lowercased()) }) != true {
            errors.append(FieldError(path: "url", message: "must be an absolute http or https URL"))
        }
        if let language, language.range(of: #"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"#, options: .regularExpression) == nil {
            errors.append(FieldError(path: "language", message: "must be a BCP 47 language tag such as en or pt-BR"))
        }
        return errors
    }

    /// Builds an article from a scraped page: extraction, then the same checks as any other source.
    package init(scrapedPage raw: String, metadata: ArticleMetadata = ArticleMetadata()) throws {
        try Self.refuseNUL([("body", raw)])
        let extracted = try ScrapedPageExtractor.extract(raw)
        var metadata = metadata
        metadata.section = metadata.section ?? extracted.section
        metadata.author = metadata.author ?? extracted.author
        metadata.authorAffiliation = metadata.authorAffiliation ?? extracted.authorAffiliation
        try self.init(content: extracted.content, metadata: metadata)
    }
}

/// A JSON Lines / JSON article record, as CONTRACT.md defines it. Unknown fields are ignored; known
/// fields of the wrong type are errors.
package struct ArticleRecord: Sendable, Decodable, Equatable {
    package var externalId: String?
    package var url: String?
    package var title: String?
    package var section: String?
    package var standfirst: String?
    package var author: String?
    package var publisher: String?
    package var publishedAt: String?
    package var language: String?
    package var body: String?
    package var text: String?

    /// Creates a record.
    package init(
        externalId: String? = nil, url: String? = nil, title: String? = nil, section: String? = nil, standfirst: String? = nil,
        author: String? = nil, publisher: String? = nil, publishedAt: String? = nil, language: String? = nil, body: String? = nil,
        text: String? = nil
    ) {
        self.externalId = externalId
        self.url = url
        self.title = title
        self.section = section
        self.standfirst = standfirst
        self.author = author
        self.publisher = publisher
        self.publishedAt = publishedAt
        self.language = language
        self.body = body
        self.text = text
    }

    /// Decodes one record from JSON, turning decoding failures into field errors.
    package static func decode(_ data: Data) throws -> ArticleRecord {
        do {
            return try JSONDecoder().decode(ArticleRecord.self, from: data)
        } catch let error as DecodingError {
            throw VerityError.validation(
                code: .articleInvalidRecord, "The article record is not valid JSON of the expected shape.", [FieldError(decodingError: error)])
        }
    }

    /// Validates the record and builds the article. The body's paragraphs are split at blank lines; the
    /// record's title is the headline block and its standfirst the standfirst block.
    package func draft() throws -> ArticleDraft {
        try ArticleDraft.refuseNUL([
            ("externalId", externalId), ("url", url), ("title", title), ("section", section), ("standfirst", standfirst), ("author", author),
            ("publisher", publisher), ("publishedAt", publishedAt), ("language", language), ("body", body), ("text", text),
        ])
        var errors: [FieldError] = []
        let bodyText = body ?? text
        if bodyText == nil || bodyText!.allSatisfy(\.isWhitespace) {
            errors.append(FieldError(path: "body", message: "required: the article's text (`body` or `text`)"))
        }
        if body != nil && text != nil {
            errors.append(FieldError(path: "text", message: "give `body` or `text`, not both"))
        }
        var date: Date?
        if let publishedAt {
            date = Self.parseDate(publishedAt)
            if date == nil { errors.append(FieldError(path: "publishedAt", message: "must be an ISO 8601 date or date-time")) }
        }
        guard errors.isEmpty, let bodyText else {
            // Report every field at once, not only the first group that failed.
            errors += ArticleDraft.formatErrors(
                url: url?.trimmingCharacters(in: .whitespaces), language: language?.trimmingCharacters(in: .whitespaces))
            throw VerityError.validation(code: .articleInvalid, "The article is not valid.", errors)
        }
        var authorName = author
        var affiliation: String?
        if let author, let comma = author.firstIndex(of: ",") {
            authorName = String(author[..<comma]).trimmingCharacters(in: .whitespaces)
            affiliation = String(author[author.index(after: comma)...]).trimmingCharacters(in: .whitespaces)
        }
        let content = ArticleContent(headline: title, standfirst: standfirst, paragraphs: TextNormalizer.splitBlocks(bodyText))
        let metadata = ArticleMetadata(
            externalId: externalId, url: url, title: title, section: section, standfirst: standfirst, author: authorName,
            authorAffiliation: affiliation, publisher: publisher, publishedAt: date, language: language)
        return try ArticleDraft(content: content, metadata: metadata)
    }

    /// ISO 8601: a full date-time with offset (fractional seconds allowed), or a plain date taken as midnight UTC.
    package static func parseDate(_ value: String) -> Date? {
        // FoundationEssentials' value-type parsers: cheap to make, unlike ISO8601DateFormatter.
        if let date = try? Date(value, strategy: .iso8601) { return date }
        if let date = try? Date(value, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        guard value.count == 10 else { return nil }
        return try? Date(value, strategy: Date.ISO8601FormatStyle().year().month().day())
    }
}

extension FieldError {
    /// A field error from a JSON decoding failure, with the coding path as a dotted path.
    package init(decodingError: DecodingError) {
        func path(_ codingPath: [any CodingKey]) -> String {
            let parts = codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return parts.isEmpty ? "$" : parts.joined(separator: ".")
        }
        switch decodingError {
        case .typeMismatch(let type, let context):
            self.init(path: path(context.codingPath), message: "expected \(Self.jsonTypeName(type))")
        case .valueNotFound(let type, let context):
            self.init(path: path(context.codingPath), message: "expected \(Self.jsonTypeName(type)), found null")
        case .keyNotFound(let key, let context):
            self.init(path: path(context.codingPath + [key]), message: "required")
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            self.init(
                path: path(context.codingPath), message: underlying ?? (context.codingPath.isEmpty ? "not valid JSON" : context.debugDescription))
        @unknown default:
            self.init(path: "$", message: "not valid JSON")
        }
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type, is Int64.Type: "a number"
        case is Bool.Type: "a boolean"
        default: type is any Collection.Type ? "an array" : "an object"
        }
    }
}
