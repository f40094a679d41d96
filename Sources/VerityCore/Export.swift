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
    package static func == (a: ExportRecord, b: ExportRecord) -> Bool {
        a.claim == b.claim && a.article == b.article && a.verdicts == b.verdicts && a.resolution == b.resolution && a.creator == b.creator
            && a.resolver == b.resolver && a.claimRevision?.contentHash == b.claimRevision?.contentHash
            && a.claimRevision?.storedAt == b.claimRevision?.storedAt
    }

    package var claim: Claim
    package var article: ExportArticle
    package var verdicts: [Verdict]
    package var resolution: Resolution?
    /// Usernames of the claim's creator and of the editor who resolved it.
    package var creator: String?
    package var resolver: String?
    /// When the claim's offsets count into an earlier revision of the article (an orphaned claim): that
    /// revision's content hash and the time it was stored.
    package var claimRevision: (contentHash: String, storedAt: Date)?

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
        case .jsonl, .csv, .averitec, .fever: true
        case .claimreview, .w3c: false
        }
    }

    /// The HTTP media type.
    package var mediaType: String {
        switch self {
        case .claimreview: "application/ld+json"
        case .w3c: #"application/ld+json; profile="http://www.w3.org/ns/anno.jsonld""#
        case .jsonl, .fever: "application/x-ndjson"
        case .averitec: "application/json"
        case .csv: "text/csv; charset=utf-8"
        }
    }
}

/// Settings an export needs beyond the records.
package struct ExportSettings: Sendable {
    /// The organisation publishing the reviews (ClaimReview `author`).
    package var organization: String
    package var organizationURL: String?
    /// The review page URL, with `{claim}` replaced by the claim id and `{slug}` by the project's slug
    /// (ClaimReview `url`, AVeriTeC `fact_checking_article`). ClaimReview needs one.
    package let reviewURLTemplate: String?
    package let projectSlug: String
    /// The project's rating scale.
    package var scale: RatingScale
    /// How many records the export will hold (W3C `total`).
    package var total: Int
    /// The W3C AnnotationCollection's IRI, stable for a project and the export's parameters; its single
    /// page's IRI is derived from it.
    package var collectionId: String
    /// The template with `{slug}` filled in, split at each `{claim}`.
    private let reviewURLPieces: [String]?

    /// Creates settings.
    package init(
        organization: String, organizationURL: String? = nil, reviewURLTemplate: String?, projectSlug: String = "project", scale: RatingScale,
        total: Int, collectionId: String = "urn:uuid:00000000-0000-4000-8000-000000000000"
    ) {
        self.organization = organization
        self.organizationURL = organizationURL
        self.reviewURLTemplate = reviewURLTemplate
        self.projectSlug = projectSlug
        reviewURLPieces = reviewURLTemplate.map {
            $0.replacingOccurrences(of: "{slug}", with: projectSlug).components(separatedBy: "{claim}")
        }
        self.scale = scale
        self.total = total
        self.collectionId = collectionId
    }

    /// The review page of a claim. (The template is taken apart once per export: replacing placeholders
    /// per claim went through NSString and was a sixth of a ClaimReview export's time.)
    func reviewURL(_ claimId: UUID) -> String? {
        reviewURLPieces.map { $0.joined(separator: claimId.lowercasedString) }
    }

    /// The W3C collection's single page.
    var pageId: String { collectionId + "#page-1" }
}

/// Writes an export record by record, so an export of any size streams in constant memory: `header`,
/// then `record` for each claim (it knows where separators go), then `footer`.
package struct ExportEncoder: Sendable {
    package let format: ExportFormat
    package let settings: ExportSettings
    private var count = 0
    /// Claims the format could not carry truthfully and left out (ClaimReview: not resolved; AVeriTeC: no
    /// question evidence or no justification), for the caller to report.
    package private(set) var skipped = 0

    /// Creates an encoder.
    package init(format: ExportFormat, settings: ExportSettings) {
        self.format = format
        self.settings = settings
    }

    /// What comes before the first record.
    package func header() -> String {
        switch format {
        case .claimreview, .averitec: return "[\n"
        case .w3c:
            // One collection with one embedded page; both have IRIs (the model's MUST), the page names its
            // collection, the collection its first and last page. The records are written inside `items`.
            var json = JSONWriter()
            json.beginObject()
            json.field("@context", "http://www.w3.org/ns/anno.jsonld")
            json.field("id", settings.collectionId)
            json.field("type", "AnnotationCollection")
            json.field("label", "Verity claims")
            json.field("total", settings.total)
            if settings.total > 0 { json.field("last", settings.pageId) }
            json.key("first")
            json.beginObject()
            json.field("id", settings.pageId)
            json.field("type", "AnnotationPage")
            json.field("partOf", settings.collectionId)
            json.field("startIndex", 0)
            json.key("items")
            json.beginArray()
            return String(decoding: json.take(), as: UTF8.self) + "\n"
        case .csv:
            return Self.csvRow(Self.csvColumns)
        case .jsonl, .fever:
            return ""
        }
    }

    /// One record, with the separator it needs.
    package mutating func record(_ record: ExportRecord) -> String {
        let separator = count == 0 ? "" : ",\n"
        let text: String?
        switch format {
        case .claimreview: text = claimReviewText(record).map { separator + $0 }
        case .w3c: text = separator + annotation(record)
        case .jsonl: text = ProjectArchive.line(lossless(record)) + "\n"
        case .fever: text = fever(record, index: count) + "\n"
        case .averitec: text = averitec(record).map { separator + $0 }
        case .csv: text = Self.csvRow(csvFields(record))
        }
        guard let text else {
            skipped += 1
            return ""
        }
        count += 1
        return text
    }

    /// What comes after the last record.
    package func footer() -> String {
        switch format {
        case .claimreview, .averitec: return count == 0 ? "]\n" : "\n]\n"
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
    /// Only a resolved claim is published: a review's rating is the editor's resolution, never an open
    /// claim's "Unrated" nor one reviewer's verdict. Nil (left out) otherwise.
    private func claimReviewText(_ record: ExportRecord) -> String? {
        guard let resolution = record.resolution, let url = settings.reviewURL(record.claim.id) else { return nil }
        let rated = rating(resolution.rating)
        // Keys in sorted order, as this export has always been written.
        var json = JSONWriter(capacity: 1_024)
        json.beginObject()
        json.field("@context", "https://schema.org")
        json.field("@type", "ClaimReview")
        json.key("author")
        json.beginObject()
        json.field("@type", "Organization")
        json.field("name", settings.organization)
        json.field("url", settings.organizationURL)
        json.endObject()
        json.field("claimReviewed", Self.shortClaim(record.claim.target.exact))
        json.field("datePublished", Timestamp.day(resolution.createdAt))
        json.key("itemReviewed")
        json.beginObject()
        json.field("@type", "Claim")
        let published = record.article.publishedAt.map(Timestamp.day)
        if let articleURL = record.article.url {
            // Where the claim appeared: the article (with its date), also its first appearance Verity knows of.
            json.key("appearance")
            json.beginArray()
            json.beginObject()
            json.field("@type", "CreativeWork")
            json.field("datePublished", published)
            if let publisher = record.article.publisher {
                json.key("publisher")
                json.beginObject()
                json.field("@type", "Organization")
                json.field("name", publisher)
                json.endObject()
            }
            json.field("url", articleURL)
            json.endObject()
            json.endArray()
        }
        if let claimant = record.claim.metadata.claimant {
            json.key("author")
            json.beginObject()
            json.field("@type", "Person")
            json.field("name", claimant)
            json.endObject()
        }
        json.field("datePublished", record.claim.metadata.claimDate)
        if let articleURL = record.article.url {
            json.key("firstAppearance")
            json.beginObject()
            json.field("@type", "CreativeWork")
            json.field("datePublished", published)
            json.field("url", articleURL)
            json.endObject()
        }
        // The claim in full (claimReviewed is the short form Google displays).
        json.field("text", record.claim.target.exact)
        json.endObject()
        json.key("reviewRating")
        json.beginObject()
        json.field("@type", "Rating")
        json.field("alternateName", rated?.label ?? resolution.rating)
        let ordinals = settings.scale.ratings.compactMap(\.ordinal)
        if let ordinal = rated?.ordinal, let low = ordinals.min(), let high = ordinals.max(), high > low {
            // Google asks for worstRating >= 1 and bestRating > worstRating: the scale's ranks, counted from 1.
            json.field("bestRating", high - low + 1)
            json.field("ratingValue", ordinal - low + 1)
            json.field("worstRating", 1)
        }
        json.endObject()
        json.field("url", url)
        json.endObject()
        return String(decoding: json.take(), as: UTF8.self)
    }

    // MARK: - W3C Web Annotation

    private func annotation(_ record: ExportRecord) -> String {
        let target = record.claim.target
        let orphaned = record.claim.anchoring.state == .orphaned
        // The text the claim counts into: its revision — an orphaned claim's is an earlier one, named only
        // when the database still knows it (a restored archive does not carry earlier revisions), never the
        // current revision, which does not contain its quote.
        let revision = record.claimRevision ?? (orphaned ? nil : (record.article.contentHash, record.article.storedAt))
        var json = JSONWriter()
        json.beginObject()
        json.field("id", "urn:uuid:\(record.claim.id.lowercasedString)")
        json.field("type", "Annotation")
        json.field("motivation", "assessing")
        json.field("created", Self.timestamp(record.claim.createdAt))
        json.field("modified", Self.timestamp(record.claim.updatedAt))
        var bodies: [(purpose: String, value: String)] = []
        if let rated = rating(Self.finalRating(record)) { bodies.append(("assessing", rated.label)) }
        if let rationale = record.resolution?.rationale, !rationale.isEmpty { bodies.append(("describing", rationale)) }
        if !bodies.isEmpty {
            json.key("body")
            json.beginArray()
            for body in bodies {
                json.beginObject()
                json.field("type", "TextualBody")
                json.field("purpose", body.purpose)
                json.field("value", body.value)
                json.field("format", "text/plain")
                json.endObject()
            }
            json.endArray()
        }
        json.key("target")
        json.beginObject()
        json.field("type", "SpecificResource")
        if let url = record.article.url {
            json.field("source", url)
        } else {
            json.key("source")
            json.beginObject()
            json.field("id", "urn:uuid:\(record.article.id.lowercasedString)")
            json.field("type", "Text")
            json.endObject()
        }
        if let (hash, stored) = revision {
            json.key("state")
            json.beginObject()
            json.field("type", "TimeState")
            json.field("sourceDate", Self.timestamp(stored))
            json.field("cached", "urn:sha256:\(hash)")
            json.endObject()
        }
        json.key("selector")
        json.beginArray()
        json.beginObject()
        json.field("type", "TextQuoteSelector")
        json.field("exact", target.exact)
        if !target.prefix.isEmpty { json.field("prefix", target.prefix) }
        if !target.suffix.isEmpty { json.field("suffix", target.suffix) }
        json.endObject()
        if !orphaned {
            // Positions only where they count into the current text: an orphan keeps its quote alone.
            json.beginObject()
            json.field("type", "TextPositionSelector")
            json.field("start", target.range.start)
            json.field("end", target.range.end)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.endObject()
        return String(decoding: json.take(), as: UTF8.self)
    }

    // MARK: - FEVER and AVeriTeC

    /// The sentences reviewers cited as evidence (article-span evidence), as FEVER evidence sets: one set per
    /// citation, `[annotation id, evidence id, page (the article id), line (the sentence's ordinal in the
    /// revision the citation counts into)]`, from the verdicts whose own FEVER label is the claim's.
    private func feverEvidenceSets(_ record: ExportRecord, label: String, index: Int) -> [[(String, Int)]] {
        var sets: [[(String, Int)]] = []
        var seen = Set<String>()
        let agreeing = record.verdicts.filter { Self.feverLabel(rating($0.rating), scale: settings.scale) == label }
        for verdict in (agreeing.isEmpty ? record.verdicts : agreeing) {
            for evidence in verdict.evidence where evidence.kind == .article {
                guard let article = evidence.articleId, let lines = evidence.spanOrdinals, !lines.isEmpty else { continue }
                let key = article + ":" + lines.map(String.init).joined(separator: ",")
                guard seen.insert(key).inserted else { continue }
                sets.append(lines.map { (article, $0) })
            }
        }
        return sets
    }

    private func fever(_ record: ExportRecord, index: Int) -> String {
        var label = Self.feverLabel(rating(Self.finalRating(record)), scale: settings.scale)
        let sets = label == "NOT ENOUGH INFO" ? [] : feverEvidenceSets(record, label: label, index: index)
        // FEVER's rule: a claim is supported or refuted by evidence sentences; rated without any, it is not
        // enough info.
        if sets.isEmpty { label = "NOT ENOUGH INFO" }
        var json = JSONWriter()
        json.beginObject()
        json.field("id", index)
        json.field("verifiable", label == "NOT ENOUGH INFO" ? "NOT VERIFIABLE" : "VERIFIABLE")
        json.field("label", label)
        json.field("claim", record.claim.target.exact)
        json.key("evidence")
        json.beginArray()
        if sets.isEmpty {
            json.beginArray()
            json.beginArray()
            json.number(index)
            json.null()
            json.null()
            json.null()
            json.endArray()
            json.endArray()
        }
        var evidenceId = 0
        for set in sets {
            json.beginArray()
            for (page, line) in set {
                json.beginArray()
                json.number(index)
                json.number(evidenceId)
                json.string(page)
                json.number(line)
                json.endArray()
                evidenceId += 1
            }
            json.endArray()
        }
        json.endArray()
        json.field("verity_claim_id", record.claim.id.lowercasedString)
        json.endObject()
        return String(decoding: json.take(), as: UTF8.self)
    }

    /// AVeriTeC's claim types and strategies, which a desk records as the claim's tags.
    static let averitecClaimTypes: Set<String> = [
        "Speculative Claim", "Opinion Claim", "Causal Claim", "Position Statement", "Numerical Claim", "Quote Verification", "Event/Property Claim",
    ]
    static let averitecStrategies: Set<String> = [
        "Written Evidence", "Numerical Comparison", "Consultation", "Satirical Source Identification", "Media Source Discovery", "Image Analysis",
        "Video Analysis", "Audio Analysis", "Geolocation", "Fact-checker Reference",
    ]

    /// The reviewers' questions with their answers, each question once (the same question from two
    /// reviewers is one question with both answers, each answer once).
    private func averitecQuestions(_ record: ExportRecord) -> [(question: String, answers: [EvidenceAnswer])] {
        var questions: [(question: String, answers: [EvidenceAnswer])] = []
        var index: [String: Int] = [:]
        for verdict in record.verdicts {
            for evidence in verdict.evidence where evidence.kind == .question {
                guard let text = evidence.question?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { continue }
                let key = TextNormalizer.collapseSpaces(text).lowercased()
                let position = index[key] ?? questions.count
                if index[key] == nil {
                    index[key] = position
                    questions.append((text, []))
                }
                for answer in evidence.answers ?? []
                where !questions[position].answers.contains(where: {
                    $0.answer.lowercased() == answer.answer.lowercased() && $0.url == answer.url && $0.answerType == answer.answerType
                }) {
                    questions[position].answers.append(answer)
                }
            }
        }
        return questions
    }

    /// One AVeriTeC claim record in the dataset's field set, or nil (left out) for a claim without
    /// question evidence or without a justification: the official scorer divides by the number of
    /// questions, and the dataset never has an empty justification.
    private func averitec(_ record: ExportRecord) -> String? {
        let questions = averitecQuestions(record)
        let justification =
            [record.resolution?.rationale].compactMap { $0 }.first { !$0.isEmpty }
            ?? record.verdicts.compactMap(\.rationale).first { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        guard !questions.isEmpty, let justification else { return nil }
        var json = JSONWriter()
        json.beginObject()
        json.field("claim", record.claim.target.exact)
        json.field("required_reannotation", false)
        json.field("label", Self.averitecLabel(rating(Self.finalRating(record)), scale: settings.scale))
        json.field("justification", justification)
        var claimDate: String?
        if let date = record.claim.metadata.claimDate.flatMap(ArticleRecord.parseDate) {
            // AVeriTeC writes dates as D-M-YYYY.
            let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
            claimDate = "\(parts.day!)-\(parts.month!)-\(parts.year!)"
        }
        json.field("claim_date", claimDate, omitNil: false)
        json.field("speaker", record.claim.metadata.claimant, omitNil: false)
        json.field("original_claim_url", record.article.url, omitNil: false)
        json.field("fact_checking_article", settings.reviewURL(record.claim.id), omitNil: false)
        json.field("reporting_source", record.article.publisher, omitNil: false)
        json.field("location_ISO_code", String?.none, omitNil: false)
        json.field("claim_types", strings: record.claim.metadata.tags.filter { Self.averitecClaimTypes.contains($0) })
        json.field("fact_checking_strategies", strings: record.claim.metadata.tags.filter { Self.averitecStrategies.contains($0) })
        json.key("questions")
        json.beginArray()
        for (question, answers) in questions {
            json.beginObject()
            json.field("question", question)
            json.key("answers")
            json.beginArray()
            for answer in answers {
                json.beginObject()
                let unanswerable = answer.answerType == "unanswerable"
                let trimmed = answer.answer.trimmingCharacters(in: .whitespacesAndNewlines)
                json.field(
                    "answer",
                    unanswerable
                        ? "No answer could be found." : answer.answerType == "boolean" ? (trimmed.lowercased() == "yes" ? "Yes" : "No") : trimmed)
                json.field("answer_type", answer.answerType.prefix(1).uppercased() + answer.answerType.dropFirst())
                json.field("source_url", unanswerable ? "" : answer.url ?? "")
                json.field("source_medium", unanswerable ? "" : answer.sourceMedium ?? "Web text")
                if answer.answerType == "boolean" { json.field("boolean_explanation", answer.booleanExplanation ?? "") }
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.field("cached_original_claim_url", String?.none, omitNil: false)
        json.endObject()
        return String(decoding: json.take(), as: UTF8.self)
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
