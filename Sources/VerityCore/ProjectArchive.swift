import Foundation

// Verity's own `jsonl` export, written and read back by one set of types so the two cannot drift apart.
//
// Each line is one object with a `kind`:
// - `verity.claim`: a claim with its article reference, offsets, quote, status, metadata, every verdict,
//   the resolution and timestamps. The first claim line of each article also carries the article's
//   canonical text, spans and full metadata, so the export alone can rebuild the project.
// - `verity.article`: an article without claims (only in a full export, `--status all`), with its text.
// Timestamps have microseconds, as PostgreSQL stores them: a restore gives back exactly the same instants.

/// The `kind` of each line.
package enum ArchiveKind {
    package static let claim = "verity.claim"
    package static let article = "verity.article"
    /// A claim an incremental export's reader must remove (deleted, or out of the selection).
    package static let deleted = "verity.deleted"
}

/// A sentence span as the archive writes it.
package struct ArchiveSpan: Sendable, Equatable, Codable {
    package var ordinal: Int
    package var block: String
    package var paragraph: Int?
    package var start: Int
    package var end: Int
    package var utf16Start: Int
    package var utf16End: Int

    /// Creates a span record.
    package init(ordinal: Int, block: String, paragraph: Int?, range: TextRange) {
        self.ordinal = ordinal
        self.block = block
        self.paragraph = paragraph
        start = range.start
        end = range.end
        utf16Start = range.utf16Start
        utf16End = range.utf16End
    }

    var range: TextRange { TextRange(start: start, end: end, utf16Start: utf16Start, utf16End: utf16End) }
}

/// A verdict as the archive writes it (the reviewer by id and by username).
package struct ArchiveVerdict: Sendable, Equatable, Codable {
    @LowercaseID package var id: UUID
    @LowercaseID package var reviewerId: UUID
    package var reviewer: String
    package var rating: String
    package var confidence: Double?
    package var rationale: String?
    package var evidence: [Evidence]
    package var createdAt: Date
    package var updatedAt: Date
    package var version: Int
    /// The rating as first submitted before its author could see another verdict (nil: not independent).
    package var independentRating: String?
    /// Whether it was changed in sight of another verdict.
    package var revisedAfterSeeing: Bool

    private enum CodingKeys: String, CodingKey {
        case id, reviewerId, reviewer, rating, confidence, rationale, evidence, createdAt, updatedAt, version, independentRating, revisedAfterSeeing
    }

    /// Reads a verdict line; archives written before independent ratings were kept say nothing of them:
    /// their verdict's rating then stands as its independent one, as Verity had no other then.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        _id = try c.decode(LowercaseID.self, forKey: .id)
        _reviewerId = try c.decode(LowercaseID.self, forKey: .reviewerId)
        reviewer = try c.decode(String.self, forKey: .reviewer)
        rating = try c.decode(String.self, forKey: .rating)
        confidence = try c.decodeIfPresent(Double.self, forKey: .confidence)
        rationale = try c.decodeIfPresent(String.self, forKey: .rationale)
        evidence = try c.decodeIfPresent([Evidence].self, forKey: .evidence) ?? []
        createdAt = try c.decode(Date.self, forKey: .createdAt)
        updatedAt = try c.decode(Date.self, forKey: .updatedAt)
        version = try c.decode(Int.self, forKey: .version)
        if c.contains(.independentRating) {
            independentRating = try c.decodeIfPresent(String.self, forKey: .independentRating)
        } else {
            independentRating = rating
        }
        revisedAfterSeeing = try c.decodeIfPresent(Bool.self, forKey: .revisedAfterSeeing) ?? false
    }

    /// Writes every field, an independent rating of nil as `null` (absence means an older archive).
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(_id, forKey: .id)
        try c.encode(_reviewerId, forKey: .reviewerId)
        try c.encode(reviewer, forKey: .reviewer)
        try c.encode(rating, forKey: .rating)
        try c.encodeIfPresent(confidence, forKey: .confidence)
        try c.encodeIfPresent(rationale, forKey: .rationale)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(version, forKey: .version)
        try c.encode(independentRating, forKey: .independentRating)
        try c.encode(revisedAfterSeeing, forKey: .revisedAfterSeeing)
    }

    /// The archive's form of a verdict.
    package init(_ v: Verdict) {
        independentRating = v.independentRating
        revisedAfterSeeing = v.revisedAfterSeeing
        id = v.id
        reviewerId = v.reviewerId
        reviewer = v.reviewer
        rating = v.rating
        confidence = v.confidence
        rationale = v.rationale
        evidence = v.evidence
        createdAt = v.createdAt
        updatedAt = v.updatedAt
        version = v.version
    }
}

/// A resolution as the archive writes it (the editor by id and by username).
package struct ArchiveResolution: Sendable, Equatable, Codable {
    package var rating: String
    package var rationale: String?
    @LowercaseIDs package var verdictIds: [UUID]
    @LowercaseID package var resolvedBy: UUID
    package var resolver: String
    package var createdAt: Date
    package var updatedAt: Date
    package var version: Int

    /// The archive's form of a resolution.
    package init(_ r: Resolution, resolver: String) {
        rating = r.rating
        rationale = r.rationale
        verdictIds = r.verdictIds
        resolvedBy = r.resolvedBy
        self.resolver = resolver
        createdAt = r.createdAt
        updatedAt = r.updatedAt
        version = r.version
    }
}

/// One `verity.claim` line.
package struct ArchiveClaim: Sendable, Equatable, Codable {
    package var kind = ArchiveKind.claim
    @LowercaseID package var id: UUID
    package var status: ClaimStatus
    package var article: ExportArticle
    package var start: Int
    package var end: Int
    package var utf16Start: Int
    package var utf16End: Int
    package var exact: String
    package var prefix: String
    package var suffix: String
    package var spanOrdinals: [Int]
    package var claimant: String?
    package var claimDate: String?
    package var tags: [String]
    package var note: String?
    /// The username of whoever marked the claim (nil when that account is gone).
    package var creator: String?
    package var createdAt: Date
    package var updatedAt: Date
    package var version: Int
    package var verdicts: [ArchiveVerdict]
    package var resolution: ArchiveResolution?
    /// How the claim came through its article's revisions (absent in older archives: `anchored`). An
    /// orphaned claim's offsets and quote count into a revision the archive does not carry, so they
    /// are kept as they are instead of being checked against the article's text.
    package var anchoring: AnchoringState?
    /// The match quality of a fuzzy re-anchoring.
    package var anchorScore: Double?

    /// The archive's form of a claim.
    package init(
        _ c: Claim, article: ExportArticle, creator: String?, verdicts: [Verdict], resolution: Resolution?, resolver: String?
    ) {
        id = c.id
        status = c.status
        self.article = article
        start = c.target.range.start
        end = c.target.range.end
        utf16Start = c.target.range.utf16Start
        utf16End = c.target.range.utf16End
        exact = c.target.exact
        prefix = c.target.prefix
        suffix = c.target.suffix
        spanOrdinals = c.target.spanOrdinals
        claimant = c.metadata.claimant
        claimDate = c.metadata.claimDate
        tags = c.metadata.tags
        note = c.metadata.note
        self.creator = c.createdBy == nil ? nil : creator
        createdAt = c.createdAt
        updatedAt = c.updatedAt
        version = c.version
        self.verdicts = verdicts.map(ArchiveVerdict.init)
        self.resolution = resolution.map { ArchiveResolution($0, resolver: resolver ?? "") }
        anchoring = c.anchoring.state
        anchorScore = c.anchoring.score
    }

    /// Whether the claim lost its place in its article's current text.
    package var isOrphaned: Bool { anchoring == .orphaned }

    package var range: TextRange { TextRange(start: start, end: end, utf16Start: utf16Start, utf16End: utf16End) }
    package var metadata: ClaimMetadata { ClaimMetadata(claimant: claimant, claimDate: claimDate, tags: tags, note: note) }
}

/// One `verity.article` line.
package struct ArchiveArticleLine: Sendable, Equatable, Codable {
    package var kind = ArchiveKind.article
    package var article: ExportArticle

    /// Wraps an article.
    package init(article: ExportArticle) { self.article = article }
}

/// An article read back from an archive, ready to store.
package struct RestoredArticle: Sendable {
    /// Its id where it came from.
    package var sourceId: UUID
    package var storedAt: Date
    package var draft: ArticleDraft
}

/// What one archive line holds.
package enum ArchiveEntry: Sendable {
    /// An article line, or the article content carried by a claim line.
    case article(RestoredArticle)
    /// A claim line (with the article it carried, if any).
    case claim(ArchiveClaim, carried: RestoredArticle?)
    /// A tombstone of an incremental export: for mirrors; a restore has nothing of the source's ids to remove.
    case tombstone
}

/// One line read from an archive: its number and what it holds or what is wrong with it.
package struct ArchiveRecord: Sendable {
    package var line: Int
    package var result: Result<ArchiveEntry, VerityError>
}

/// Reading and writing Verity's own export.
package enum ProjectArchive {
    /// The encoder for archive lines: sorted keys, timestamps to the microsecond.
    package static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.microseconds(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date-time: \(text)")
            }
            return date
        }
        return decoder
    }()

    /// One line of JSON (no newline).
    package static func line<T: Encodable>(_ value: T) -> String {
        String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Whether a JSON Lines file is a Verity archive: its first record has a `verity.` kind.
    package static func isArchive(firstLine: Data) -> Bool {
        struct Probe: Decodable { var kind: String? }
        let kind = (try? JSONDecoder().decode(Probe.self, from: firstLine))?.kind
        return kind == ArchiveKind.claim || kind == ArchiveKind.article || kind == ArchiveKind.deleted
    }

    /// Reads an archive: every line parsed and checked on its own (in parallel), then every claim's
    /// offsets, quote, context and span ordinals checked against its article's text when the file
    /// carries that text. Claims whose article is not in the file are checked by the importer against
    /// the stored article.
    package static func parse(_ data: Data) -> [ArchiveRecord] {
        var records = JSONLines.map(data) { line, number in
            ArchiveRecord(line: number, result: Result { try entry(line) }.mapError(VerityError.init(wrapping:)))
        }
        // Group claims by the article they name, then check each article's claims against one text index.
        var texts: [UUID: (line: Int, article: RestoredArticle)] = [:]
        var claimsByArticle: [UUID: [Int]] = [:]
        for (position, record) in records.enumerated() {
            switch record.result {
            case .success(.article(let article)), .success(.claim(_, carried: let article?)):
                if texts[article.sourceId] != nil {
                    records[position].result = .failure(
                        .validation(
                            code: .archiveDuplicateArticle, "The article \(article.sourceId.uuidString.lowercased()) is carried twice.",
                            [FieldError(path: "article.text", message: "an article's text appears once, on its first line")]))
                } else {
                    texts[article.sourceId] = (record.line, article)
                }
            default: break
            }
            if case .success(.claim(let claim, _)) = record.result { claimsByArticle[claim.article.id, default: []].append(position) }
        }
        for (articleId, positions) in claimsByArticle {
            guard let (textLine, article) = texts[articleId] else { continue }
            let index = TextIndex(article.draft.text)
            let spans = article.draft.spans.map { (ordinal: $0.ordinal, range: $0.range) }
            for position in positions {
                guard case .success(.claim(let claim, _)) = records[position].result else { continue }
                if records[position].line < textLine {
                    records[position].result = .failure(
                        .validation(
                            code: .archiveArticleLater, "The claim comes before the line that carries its article's text (line \(textLine)).",
                            [FieldError(path: "article", message: "the text comes on the article's first line")]))
                } else if claim.article.contentHash != article.draft.contentHash {
                    records[position].result = .failure(
                        .validation(
                            code: .archiveContentHashMismatch, "The claim's article content hash differs from its article's.",
                            [FieldError(path: "article.contentHash", message: "must be \(article.draft.contentHash)")]))
                } else if let error = targetError(claim, index: index, spans: spans) {
                    records[position].result = .failure(error)
                }
            }
        }
        return records
    }

    /// Whether a claim's offsets, quote, context and span ordinals are exactly what the text gives; nil
    /// when they are.
    package static func targetError(_ claim: ArchiveClaim, index: TextIndex, spans: [(ordinal: Int, range: TextRange)]) -> VerityError? {
        // An orphan's offsets count into an earlier revision; `check` has seen that they fit its quote.
        if claim.isOrphaned { return nil }
        let target: ClaimTarget
        do {
            target = try ClaimTarget(
                text: index, spans: spans, start: claim.start, end: claim.end, unit: .codePoint, exact: claim.exact, prefix: claim.prefix,
                suffix: claim.suffix)
        } catch {
            return VerityError(wrapping: error)
        }
        var errors: [FieldError] = []
        if target.range != claim.range { errors.append(FieldError(path: "utf16Start", message: "the UTF-16 offsets do not agree with the text")) }
        if target.prefix != claim.prefix || target.suffix != claim.suffix {
            errors.append(FieldError(path: "prefix", message: "the context does not match the text around the range"))
        }
        if target.spanOrdinals != claim.spanOrdinals {
            errors.append(FieldError(path: "spanOrdinals", message: "must be \(target.spanOrdinals), the spans the range covers"))
        }
        return errors.isEmpty ? nil : .validation(code: .claimTargetMismatch, "The claim does not match its article's text.", errors)
    }

    private static func entry(_ line: Data) throws -> ArchiveEntry {
        guard String(validating: line, as: UTF8.self) != nil else {
            throw VerityError.validation(code: .importInvalidUtf8, "The text is not valid UTF-8.")
        }
        struct Probe: Decodable { var kind: String? }
        do {
            switch try decoder.decode(Probe.self, from: line).kind {
            case ArchiveKind.claim:
                let claim = try decoder.decode(ArchiveClaim.self, from: line)
                try check(claim)
                let carried = claim.article.text == nil && claim.article.spans == nil ? nil : try restored(claim.article)
                return .claim(claim, carried: carried)
            case ArchiveKind.article:
                let article = try decoder.decode(ArchiveArticleLine.self, from: line).article
                return .article(try restored(article))
            case ArchiveKind.deleted:
                _ = try decoder.decode(ExportTombstone.self, from: line)
                return .tombstone
            default:
                throw VerityError.validation(
                    code: .archiveUnknownKind, "Not a line of a Verity export.",
                    [FieldError(path: "kind", message: "must be \(ArchiveKind.claim), \(ArchiveKind.article) or \(ArchiveKind.deleted)")])
            }
        } catch let error as DecodingError {
            throw VerityError.validation(
                code: .importInvalidJson, "The line is not a valid Verity export record.", [FieldError(decodingError: error)])
        }
    }

    private static func restored(_ article: ExportArticle) throws -> RestoredArticle {
        guard let text = article.text else {
            throw VerityError.validation(
                code: .archiveMissingText, "The article's text is missing.", [FieldError(path: "article.text", message: "required")])
        }
        var spans: [SpanDraft] = []
        for (i, span) in (article.spans ?? []).enumerated() {
            guard let block = BlockKind(name: span.block, paragraphIndex: span.paragraph) else {
                throw VerityError.validation(
                    code: .articleInvalid, "The article is not valid.",
                    [FieldError(path: "article.spans.\(i).block", message: "headline, standfirst, or paragraph with its number")])
            }
            spans.append(SpanDraft(ordinal: span.ordinal, block: block, range: span.range))
        }
        let draft = try ArticleDraft(storedText: text, spans: spans, metadata: article.metadata)
        guard draft.contentHash == article.contentHash else {
            throw VerityError.validation(
                code: .archiveContentHashMismatch, "The article's text does not match its content hash.",
                [FieldError(path: "article.contentHash", message: "the text's SHA-256 is \(draft.contentHash)")])
        }
        return RestoredArticle(sourceId: article.id, storedAt: article.storedAt, draft: draft)
    }

    /// The rules a claim line obeys on its own.
    private static func check(_ claim: ArchiveClaim) throws {
        try claim.metadata.validate()
        var errors: [FieldError] = []
        if claim.version < 1 { errors.append(FieldError(path: "version", message: "at least 1")) }
        if let score = claim.anchorScore, !(0...1).contains(score) { errors.append(FieldError(path: "anchorScore", message: "between 0 and 1")) }
        if claim.isOrphaned {
            if claim.exact.isEmpty || claim.start < 0 || claim.end - claim.start != claim.exact.unicodeScalars.count
                || claim.utf16Start < 0 || claim.utf16End - claim.utf16Start != claim.exact.utf16.count
            {
                errors.append(FieldError(path: "exact", message: "an orphaned claim's offsets must span its quote"))
            }
        }
        var reviewers = Set<String>()
        for (i, verdict) in claim.verdicts.enumerated() {
            if !reviewers.insert(verdict.reviewer.lowercased()).inserted {
                errors.append(FieldError(path: "verdicts.\(i).reviewer", message: "one verdict per reviewer"))
            }
            if verdict.version < 1 { errors.append(FieldError(path: "verdicts.\(i).version", message: "at least 1")) }
            if (try? User.validateUsername(verdict.reviewer)) == nil {
                errors.append(FieldError(path: "verdicts.\(i).reviewer", message: "not a username"))
            }
        }
        if let resolution = claim.resolution {
            let ids = Set(claim.verdicts.map(\.id))
            if !resolution.verdictIds.allSatisfy(ids.contains) {
                errors.append(FieldError(path: "resolution.verdictIds", message: "must name verdicts of this claim"))
            }
            if (try? User.validateUsername(resolution.resolver)) == nil {
                errors.append(FieldError(path: "resolution.resolver", message: "not a username"))
            }
            if resolution.version < 1 { errors.append(FieldError(path: "resolution.version", message: "at least 1")) }
        }
        if let creator = claim.creator, (try? User.validateUsername(creator)) == nil {
            errors.append(FieldError(path: "creator", message: "not a username"))
        }
        guard errors.isEmpty else { throw VerityError.validation(code: .claimInvalid, "The claim is not valid.", errors) }
    }
}

/// JSON Lines splitting shared by the importers: non-blank lines, numbered from 1, mapped on every core
/// (each record's decoding and checking is independent of the others, and pure).
package enum JSONLines {
    /// The non-blank lines of a file with their numbers.
    package static func lines(_ data: Data) -> [(number: Int, range: Range<Data.Index>)] {
        var lines: [(number: Int, range: Range<Data.Index>)] = []
        var lineNumber = 0
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
            lineNumber += 1
            if data[start..<end].contains(where: { !($0 == 32 || $0 == 9 || $0 == 13) }) {
                lines.append((lineNumber, start..<end))
            }
            start = end < data.endIndex ? data.index(after: end) : end
        }
        return lines
    }

    /// Maps each non-blank line (as its own `Data`, and its number), in parallel, keeping file order.
    package static func map<T: Sendable>(_ data: Data, _ transform: @Sendable (Data, Int) -> T) -> [T] {
        map(lines: lines(data)) { range, number in transform(Data(data[range]), number) }
    }

    /// Maps the given lines (ranges and numbers), in parallel, keeping their order.
    package static func map<T: Sendable>(
        lines: [(number: Int, range: Range<Data.Index>)], _ transform: @Sendable (Range<Data.Index>, Int) -> T
    ) -> [T] {
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: lines.count)
        results.initialize(repeating: nil)
        defer {
            // The slots hold references: release them before the memory goes (deallocate alone leaked every record).
            results.deinitialize()
            results.deallocate()
        }
        let stripes = min(lines.count, ProcessInfo.processInfo.activeProcessorCount * 4)
        if stripes > 0 {
            nonisolated(unsafe) let output = results
            DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
                // Each stripe writes only its own slots.
                for index in stride(from: stripe, to: lines.count, by: stripes) {
                    output[index] = transform(lines[index].range, lines[index].number)
                }
            }
        }
        return results.compactMap { $0 }
    }
}

// MARK: - Writing claim lines directly

extension ProjectArchive {
    /// A claim line, written straight into bytes by `JSONWriter` — the same text `JSONEncoder` with sorted
    /// keys gives (a test holds the two to it), at several times its speed: the archive is the export a
    /// desk takes of everything, and JSONEncoder was nine tenths of its time.
    package static func line(_ claim: ArchiveClaim) -> String {
        var json = JSONWriter(capacity: 2_048 + (claim.article.text?.utf8.count ?? 0) * 2)
        claim.write(into: &json)
        return String(decoding: json.take(), as: UTF8.self)
    }
}

extension JSONWriter {
    fileprivate mutating func field(_ name: String, date: Date?) {
        guard let date else { return }
        field(name, Timestamp.microseconds(date))
    }

    fileprivate mutating func field(_ name: String, ints: [Int]) {
        key(name)
        beginArray()
        for value in ints { number(value) }
        endArray()
    }
}

// Keys in the order JSONEncoder's `.sortedKeys` puts them (byte order).
extension ArchiveClaim {
    fileprivate func write(into json: inout JSONWriter) {
        json.beginObject()
        json.field("anchorScore", anchorScore)
        json.field("anchoring", anchoring?.rawValue)
        json.key("article")
        article.write(into: &json)
        json.field("claimDate", claimDate)
        json.field("claimant", claimant)
        json.field("createdAt", date: createdAt)
        json.field("creator", creator)
        json.field("end", end)
        json.field("exact", exact)
        json.field("id", id.lowercasedString)
        json.field("kind", kind)
        json.field("note", note)
        json.field("prefix", prefix)
        if let resolution {
            json.key("resolution")
            resolution.write(into: &json)
        }
        json.field("spanOrdinals", ints: spanOrdinals)
        json.field("start", start)
        json.field("status", status.rawValue)
        json.field("suffix", suffix)
        json.field("tags", strings: tags)
        json.field("updatedAt", date: updatedAt)
        json.field("utf16End", utf16End)
        json.field("utf16Start", utf16Start)
        json.key("verdicts")
        json.beginArray()
        for verdict in verdicts { verdict.write(into: &json) }
        json.endArray()
        json.field("version", version)
        json.endObject()
    }
}

extension ExportArticle {
    fileprivate func write(into json: inout JSONWriter) {
        json.beginObject()
        json.field("author", author)
        json.field("authorAffiliation", authorAffiliation)
        json.field("contentHash", contentHash)
        json.field("externalId", externalId)
        json.field("id", id.lowercasedString)
        json.field("language", language)
        json.field("publishedAt", date: publishedAt)
        json.field("publisher", publisher)
        json.field("section", section)
        if let spans {
            json.key("spans")
            json.beginArray()
            for span in spans {
                json.beginObject()
                json.field("block", span.block)
                json.field("end", span.end)
                json.field("ordinal", span.ordinal)
                json.field("paragraph", span.paragraph)
                json.field("start", span.start)
                json.field("utf16End", span.utf16End)
                json.field("utf16Start", span.utf16Start)
                json.endObject()
            }
            json.endArray()
        }
        json.field("standfirst", standfirst)
        json.field("storedAt", date: storedAt)
        json.field("text", text)
        json.field("title", title)
        json.field("url", url)
        json.endObject()
    }
}

extension ArchiveVerdict {
    fileprivate func write(into json: inout JSONWriter) {
        json.beginObject()
        json.field("confidence", confidence)
        json.field("createdAt", date: createdAt)
        json.key("evidence")
        json.beginArray()
        for item in evidence { item.write(into: &json) }
        json.endArray()
        json.field("id", id.lowercasedString)
        // Present even when null: an absent key means an archive from before independent ratings.
        json.field("independentRating", independentRating, omitNil: false)
        json.field("rating", rating)
        json.field("rationale", rationale)
        json.field("reviewer", reviewer)
        json.field("reviewerId", reviewerId.lowercasedString)
        json.field("revisedAfterSeeing", revisedAfterSeeing)
        json.field("updatedAt", date: updatedAt)
        json.field("version", version)
        json.endObject()
    }
}

extension ArchiveResolution {
    fileprivate func write(into json: inout JSONWriter) {
        json.beginObject()
        json.field("createdAt", date: createdAt)
        json.field("rating", rating)
        json.field("rationale", rationale)
        json.field("resolvedBy", resolvedBy.lowercasedString)
        json.field("resolver", resolver)
        json.field("updatedAt", date: updatedAt)
        json.field("verdictIds", strings: verdictIds.map(\.lowercasedString))
        json.field("version", version)
        json.endObject()
    }
}

extension Evidence {
    fileprivate func write(into json: inout JSONWriter) {
        json.beginObject()
        json.field("accessed", accessed)
        if let answers {
            json.key("answers")
            json.beginArray()
            for answer in answers {
                json.beginObject()
                json.field("answer", answer.answer)
                json.field("answerType", answer.answerType)
                json.field("booleanExplanation", answer.booleanExplanation)
                json.field("sourceMedium", answer.sourceMedium)
                json.field("url", answer.url)
                json.endObject()
            }
            json.endArray()
        }
        json.field("articleId", articleId)
        json.field("end", end)
        json.field("question", question)
        json.field("quote", quote)
        json.field("revision", revision)
        json.field("sourceMedium", sourceMedium)
        if let spanOrdinals { json.field("spanOrdinals", ints: spanOrdinals) }
        json.field("start", start)
        json.field("title", title)
        json.field("url", url)
        json.endObject()
    }
}
