import Foundation

/// What an export knows of a claim's article: always its identity and main metadata; in Verity's own
/// export, on the article's first line, also the rest of the metadata, the text and the spans.
package struct ExportArticle: Sendable, Equatable, Codable {
    @LowercaseID package var id: UUID
    package var externalId: String?
    package var url: String?
    package var title: String?
    package var publisher: String?
    package var publishedAt: Date?
    package var language: String?
    package var contentHash: String
    /// When this text (revision) of the article was stored.
    package var storedAt: Date
    package var section: String?
    package var standfirst: String?
    package var author: String?
    package var authorAffiliation: String?
    package var text: String?
    package var spans: [ArchiveSpan]?

    /// Creates an article record.
    package init(
        id: UUID, externalId: String? = nil, url: String? = nil, title: String? = nil, publisher: String? = nil, publishedAt: Date? = nil,
        language: String? = nil, contentHash: String, storedAt: Date
    ) {
        self.id = id
        self.externalId = externalId
        self.url = url
        self.title = title
        self.publisher = publisher
        self.publishedAt = publishedAt
        self.language = language
        self.contentHash = contentHash
        self.storedAt = storedAt
    }

    /// The same article with its content: text, spans and the metadata not already present.
    package func withContent(
        text: String, spans: [ArchiveSpan], section: String?, standfirst: String?, author: String?, authorAffiliation: String?
    ) -> ExportArticle {
        var copy = self
        copy.text = text
        copy.spans = spans
        copy.section = section
        copy.standfirst = standfirst
        copy.author = author
        copy.authorAffiliation = authorAffiliation
        return copy
    }

    var metadata: ArticleMetadata {
        ArticleMetadata(
            externalId: externalId, url: url, title: title, section: section, standfirst: standfirst, author: author,
            authorAffiliation: authorAffiliation, publisher: publisher, publishedAt: publishedAt, language: language)
    }
}

/// One claim as exports see it: with its article, the verdicts the reader may see, and the resolution.
package struct ExportRecord: Sendable, Equatable {
    package var claim: Claim
    package var article: ExportArticle
    package var verdicts: [Verdict]
    package var resolution: Resolution?
    /// Usernames of the claim's creator and of the editor who resolved it.
    package var creator: String?
    package var resolver: String?

    /// Creates a record.
    package init(
        claim: Claim, article: ExportArticle, verdicts: [Verdict], resolution: Resolution?, creator: String? = nil, resolver: String? = nil
    ) {
        self.claim = claim
        self.article = article
        self.verdicts = verdicts
        self.resolution = resolution
        self.creator = creator
        self.resolver = resolver
    }
}

/// The formats Verity exports claim sets in.
package enum ExportFormat: String, Sendable, CaseIterable {
    case claimreview, w3c, jsonl, csv, fever, averitec

    /// Whether the output shows verdicts themselves (not only the final rating, which for a resolved
    /// claim is the resolution's): the others need no verdicts of resolved claims.
    package var showsVerdicts: Bool {
        switch self {
        case .jsonl, .csv, .averitec: true
        case .claimreview, .w3c, .fever: false
        }
    }

    /// The HTTP media type.
    package var mediaType: String {
        switch self {
        case .claimreview: "application/ld+json"
        case .w3c: #"application/ld+json; profile="http://www.w3.org/ns/anno.jsonld""#
        case .jsonl, .fever, .averitec: "application/x-ndjson"
        case .csv: "text/csv; charset=utf-8"
        }
    }
}

/// Settings an export needs beyond the records.
package struct ExportSettings: Sendable {
    /// The organisation publishing the reviews (ClaimReview `author`).
    package var organization: String
    package var organizationURL: String?
    /// The review page URL, with `{claim}` replaced by the claim id (ClaimReview `url`).
    package var reviewURLTemplate: String
    /// The project's rating scale.
    package var scale: RatingScale
    /// How many records the export will hold (W3C `total`).
    package var total: Int

    /// Creates settings.
    package init(organization: String, organizationURL: String? = nil, reviewURLTemplate: String, scale: RatingScale, total: Int) {
        self.organization = organization
        self.organizationURL = organizationURL
        self.reviewURLTemplate = reviewURLTemplate
        self.scale = scale
        self.total = total
    }
}

/// Writes an export record by record, so an export of any size streams in constant memory: `header`,
/// then `record` for each claim (it knows where separators go), then `footer`.
package struct ExportEncoder: Sendable {
    package let format: ExportFormat
    package let settings: ExportSettings
    private var count = 0

    /// Creates an encoder.
    package init(format: ExportFormat, settings: ExportSettings) {
        self.format = format
        self.settings = settings
    }

    /// What comes before the first record.
    package func header() -> String {
        switch format {
        case .claimreview: return "[\n"
        case .w3c:
            let collection: [String: Any] = [
                "@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection", "label": "Verity claims",
                "total": settings.total,
            ]
            let opening = Self.json(collection)
            // The single embedded page is written around the records: {…,"first":{"type":"AnnotationPage","items":[ … ]}}
            return String(opening.dropLast()) + #","first":{"type":"AnnotationPage","startIndex":0,"items":["# + "\n"
        case .csv:
            return Self.csvRow(Self.csvColumns)
        case .jsonl, .fever, .averitec:
            return ""
        }
    }

    /// One record, with the separator it needs.
    package mutating func record(_ record: ExportRecord) -> String {
        defer { count += 1 }
        let separator = count == 0 ? "" : ",\n"
        switch format {
        case .claimreview: return separator + claimReviewText(record)
        case .w3c: return separator + Self.json(annotation(record))
        case .jsonl: return ProjectArchive.line(lossless(record)) + "\n"
        case .fever: return Self.json(fever(record, index: count)) + "\n"
        case .averitec: return Self.json(averitec(record)) + "\n"
        case .csv: return Self.csvRow(csvFields(record))
        }
    }

    /// What comes after the last record.
    package func footer() -> String {
        switch format {
        case .claimreview: return count == 0 ? "]\n" : "\n]\n"
        case .w3c: return "\n]}}\n"
        default: return ""
        }
    }

    // MARK: - Ratings

    /// The rating that speaks for a claim: the resolution's, or else the verdicts' when they all agree.
    static func finalRating(_ record: ExportRecord) -> String? {
        if let resolution = record.resolution { return resolution.rating }
        let ratings = Set(record.verdicts.map(\.rating))
        return ratings.count == 1 ? ratings.first : nil
    }

    private func rating(_ value: String?) -> RatingScale.Rating? {
        value.flatMap { v in settings.scale.ratings.first { $0.value == v } }
    }

    /// FEVER's labels: SUPPORTS, REFUTES, NOT ENOUGH INFO. Ratings above the scale's middle support,
    /// below it refute; the middle and unranked ratings are not enough info.
    package static func feverLabel(_ rating: RatingScale.Rating?, scale: RatingScale) -> String {
        switch side(rating, scale: scale) {
        case 1: "SUPPORTS"
        case -1: "REFUTES"
        default: "NOT ENOUGH INFO"
        }
    }

    /// AVeriTeC's labels: Supported, Refuted, Not Enough Evidence, Conflicting Evidence/Cherrypicking.
    package static func averitecLabel(_ rating: RatingScale.Rating?, scale: RatingScale) -> String {
        guard let rating else { return "Not Enough Evidence" }
        guard rating.ordinal != nil else { return "Not Enough Evidence" }
        switch side(rating, scale: scale) {
        case 1: return "Supported"
        case -1: return "Refuted"
        default: return "Conflicting Evidence/Cherrypicking"
        }
    }

    /// +1 above the middle of the ranked ratings, −1 below it, 0 at the middle or unranked.
    private static func side(_ rating: RatingScale.Rating?, scale: RatingScale) -> Int {
        guard let ordinal = rating?.ordinal else { return 0 }
        let ordinals = scale.ratings.compactMap(\.ordinal)
        guard let low = ordinals.min(), let high = ordinals.max() else { return 0 }
        let middle = Double(low + high) / 2
        return Double(ordinal) > middle ? 1 : Double(ordinal) < middle ? -1 : 0
    }

    // MARK: - ClaimReview

    /// Google's rule: the claim in under 75 characters, cut at a word boundary with an ellipsis.
    package static func shortClaim(_ text: String, limit: Int = 75) -> String {
        // Whitespace runs become one space, scalar by scalar (ASCII without a Unicode property lookup).
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let space = scalar.isASCII ? (scalar == " " || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace
            if space {
                pendingSpace = !scalars.isEmpty
            } else {
                if pendingSpace { scalars.append(" ") }
                pendingSpace = false
                scalars.append(scalar)
            }
        }
        let collapsed = String(scalars)
        // Characters never outnumber scalars, so most claims are decided without counting characters.
        guard scalars.count >= limit, collapsed.count >= limit else { return collapsed }
        var cut = String(collapsed.prefix(limit - 2))
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 { cut = String(cut[..<space]) }
        while let last = cut.last, last.isPunctuation || last == " " { cut.removeLast() }
        return cut + "…"
    }

    /// One ClaimReview, written directly as JSON text with its keys in sorted order (the export's hot path).
    private func claimReviewText(_ record: ExportRecord) -> String {
        let rated = rating(Self.finalRating(record))
        var json = JSONText()
        json.raw(#"{"@context":"https://schema.org","@type":"ClaimReview","author":{"@type":"Organization","name":"#)
        json.string(settings.organization)
        if let url = settings.organizationURL { json.field("url", url) }
        json.raw("}")
        json.field("claimReviewed", Self.shortClaim(record.claim.target.exact))
        json.field("datePublished", Timestamp.day(record.resolution?.createdAt ?? record.claim.updatedAt))
        json.raw(#","itemReviewed":{"@type":"Claim""#)
        if let url = record.article.url {
            json.raw(#","appearance":[{"@type":"CreativeWork","url":"#)
            json.string(url)
            json.raw("}]")
        }
        if let claimant = record.claim.metadata.claimant {
            json.raw(#","author":{"@type":"Person","name":"#)
            json.string(claimant)
            json.raw("}")
        }
        if let date = record.claim.metadata.claimDate { json.field("datePublished", date) }
        json.raw(#"},"reviewRating":{"@type":"Rating""#)
        json.field("alternateName", rated?.label ?? "Unrated")
        if let ordinal = rated?.ordinal {
            let ordinals = settings.scale.ratings.compactMap(\.ordinal)
            json.raw(#","bestRating":"#)
            json.number(ordinals.max() ?? ordinal)
            json.raw(#","ratingValue":"#)
            json.number(ordinal)
            json.raw(#","worstRating":"#)
            json.number(ordinals.min() ?? ordinal)
        }
        json.raw("}")
        json.field("url", settings.reviewURLTemplate.replacingOccurrences(of: "{claim}", with: record.claim.id.uuidString.lowercased()))
        json.raw("}")
        return json.text
    }

    // MARK: - W3C Web Annotation

    private func annotation(_ record: ExportRecord) -> [String: Any] {
        let target = record.claim.target
        var source: [String: Any] = [
            "source": record.article.url ?? "urn:uuid:\(record.article.id.uuidString.lowercased())",
            // The text the offsets count into: this revision, stored at this time, with this content hash.
            "state": [
                "type": "TimeState", "sourceDate": Self.timestamp(record.article.storedAt), "cached": "urn:sha256:\(record.article.contentHash)",
            ],
            // An orphaned claim's offsets count into an earlier revision: only its quote still says what it claims.
            "selector": record.claim.anchoring.state == .orphaned
                ? [["type": "TextQuoteSelector", "exact": target.exact, "prefix": target.prefix, "suffix": target.suffix]]
                : [
                    ["type": "TextQuoteSelector", "exact": target.exact, "prefix": target.prefix, "suffix": target.suffix],
                    ["type": "TextPositionSelector", "start": target.range.start, "end": target.range.end],
                ],
        ]
        if record.article.url == nil { source["type"] = "Text" }
        var body: [[String: Any]] = []
        if let rated = rating(Self.finalRating(record)) {
            body.append(["type": "TextualBody", "purpose": "assessing", "value": rated.label, "format": "text/plain"])
        }
        if let rationale = record.resolution?.rationale {
            body.append(["type": "TextualBody", "purpose": "describing", "value": rationale, "format": "text/plain"])
        }
        var annotation: [String: Any] = [
            "id": "urn:uuid:\(record.claim.id.uuidString.lowercased())", "type": "Annotation", "motivation": "assessing",
            "created": Self.timestamp(record.claim.createdAt), "modified": Self.timestamp(record.claim.updatedAt), "target": source,
        ]
        if !body.isEmpty { annotation["body"] = body }
        return annotation
    }

    // MARK: - FEVER and AVeriTeC

    private func fever(_ record: ExportRecord, index: Int) -> [String: Any] {
        let label = Self.feverLabel(rating(Self.finalRating(record)), scale: settings.scale)
        let article = record.article.id.uuidString.lowercased()
        let evidence: [[Any]] =
            label == "NOT ENOUGH INFO"
            ? [[index, NSNull(), NSNull(), NSNull()]]
            : record.claim.target.spanOrdinals.enumerated().map { [index, $0.offset, article, $0.element] }
        return [
            "id": index, "verity_claim_id": record.claim.id.uuidString.lowercased(), "label": label, "claim": record.claim.target.exact,
            "evidence": [evidence],
        ]
    }

    private func averitec(_ record: ExportRecord) -> [String: Any] {
        var claimDate: Any = NSNull()
        if let date = record.claim.metadata.claimDate.flatMap(ArticleRecord.parseDate) {
            // AVeriTeC writes dates as D-M-YYYY.
            let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
            claimDate = "\(parts.day!)-\(parts.month!)-\(parts.year!)"
        }
        let questions = record.verdicts.flatMap { verdict in
            verdict.evidence.map { evidence -> [String: Any] in
                [
                    "question": evidence.title ?? "What does the source say?",
                    "answers": [["answer": evidence.quote ?? "", "source_url": evidence.url, "answer_type": "Extractive"]],
                ]
            }
        }
        return [
            "claim": record.claim.target.exact, "label": Self.averitecLabel(rating(Self.finalRating(record)), scale: settings.scale),
            "justification": record.resolution?.rationale ?? "", "claim_date": claimDate, "speaker": record.claim.metadata.claimant ?? NSNull(),
            "original_claim_url": record.article.url ?? NSNull(), "reporting_source": record.article.publisher ?? NSNull(),
            "location_ISO_code": NSNull(), "claim_types": [String](), "fact_checking_strategies": [String](), "questions": questions,
            "cached_original_claim_url": NSNull(),
        ]
    }

    // MARK: - Verity's own record

    private func lossless(_ record: ExportRecord) -> ArchiveClaim {
        ArchiveClaim(
            record.claim, article: record.article, creator: record.creator, verdicts: record.verdicts, resolution: record.resolution,
            resolver: record.resolver)
    }

    /// A tombstone, as Verity's own export writes it (after the claims, in an incremental export).
    package func tombstone(_ tombstone: ExportTombstone) -> String {
        format == .jsonl ? ProjectArchive.line(tombstone) + "\n" : ""
    }

    /// An article without claims, as Verity's own export writes it (after the claims, in a full export).
    package func article(_ article: ExportArticle) -> String {
        format == .jsonl ? ProjectArchive.line(ArchiveArticleLine(article: article)) + "\n" : ""
    }

    // MARK: - CSV

    static let csvColumns = [
        "claim_id", "status", "article_id", "article_url", "article_title", "start", "end", "claim", "claimant", "claim_date", "tags", "rating",
        "rationale", "verdicts", "independent_verdicts", "created_at",
    ]

    private func csvFields(_ record: ExportRecord) -> [String] {
        let c = record.claim
        return [
            c.id.uuidString.lowercased(), c.status.rawValue, record.article.id.uuidString.lowercased(), record.article.url ?? "",
            record.article.title ?? "", String(c.target.range.start), String(c.target.range.end), c.target.exact, c.metadata.claimant ?? "",
            c.metadata.claimDate ?? "", c.metadata.tags.joined(separator: ";"), Self.finalRating(record) ?? "", record.resolution?.rationale ?? "",
            record.verdicts.map { "\($0.reviewer):\($0.rating)" }.joined(separator: ";"),
            // What each reviewer said before they could see another verdict (agreement's default basis).
            record.verdicts.compactMap { v in v.independentRating.map { "\(v.reviewer):\($0)" } }.joined(separator: ";"),
            Self.timestamp(c.createdAt),
        ]
    }

    /// One RFC 4180 row (CRLF), with cells that a spreadsheet would run as a formula neutralised by a
    /// leading apostrophe (OWASP's advice for CSV injection).
    package static func csvRow(_ fields: [String]) -> String {
        fields.map { field -> String in
            var value = field
            if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }

    // MARK: - JSON helpers

    static func json(_ object: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func timestamp(_ date: Date) -> String { Timestamp.seconds(date) }
}

/// A claim an incremental export's reader must drop: deleted, or no longer in the selection.
package struct ExportTombstone: Sendable, Equatable, Codable {
    package var kind = ArchiveKind.deleted
    package var claimId: String
    /// When it was deleted, or last changed.
    package var at: Date
    /// `deleted`, or `left_selection`.
    package var reason: String
    /// Its status now, when it left the selection.
    package var status: String?

    /// Creates a tombstone.
    package init(claimId: String, at: Date, reason: String, status: String?) {
        self.claimId = claimId
        self.at = at
        self.reason = reason
        self.status = status
    }
}

/// Which claims an export takes.
package enum ExportSelection: String, Sendable, CaseIterable {
    /// Verified and published claims (resolved by an editor).
    case verified
    /// Claims whose reviewers agreed, not yet resolved.
    case agreed
    /// Every claim.
    case all

    /// The claim statuses it takes (nil: all).
    package var statuses: [String]? {
        switch self {
        case .verified: ["verified", "published"]
        case .agreed: ["agreed"]
        case .all: nil
        }
    }
}
