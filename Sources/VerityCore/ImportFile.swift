import Dispatch
import Foundation

/// The formats `verity import` reads, recognised by content (the file name only breaks ties).
package enum ImportFormat: String, Sendable, Equatable {
    case scrapedText = "text"
    case jsonLines = "jsonl"
    case html
    /// Verity's own `jsonl` claim export, read back by a restore.
    case archive = "verity"
    /// schema.org `ClaimReview` JSON-LD: published fact-checks, stored as the project's reference fact-checks.
    case claimReview = "claimreview"

    /// Recognises a file's format: JSON Lines when the first non-blank byte is `{`, HTML when the text
    /// starts with a tag (or the name ends in .html/.htm), scraped text otherwise.
    package static func detect(_ data: Data, name: String) -> ImportFormat {
        let lowered = name.lowercased()
        let head = String(decoding: data.prefix(512), as: UTF8.self).drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if (head.hasPrefix("{") || head.hasPrefix("[")) && ClaimReviewFeed.recognises(data) { return .claimReview }
        if head.hasPrefix("{") {
            let open = data.firstIndex(of: UInt8(ascii: "{")) ?? data.startIndex
            let firstLine = Data(data[open..<(data[open...].firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex)])
            return ProjectArchive.isArchive(firstLine: firstLine) ? .archive : .jsonLines
        }
        if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") { return .html }
        if head.hasPrefix("<")
            && head.lowercased().range(of: #"^<(!doctype|html|head|body|article|div|p|h1|meta)\b"#, options: .regularExpression) != nil
        {
            return .html
        }
        if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") { return .jsonLines }
        return .scrapedText
    }
}

/// A file's records, handed out a batch at a time (see `ImportFileParser.batches`). Call `next()` from
/// one task at a time; each call parses one batch on every core.
package final class ImportBatches: @unchecked Sendable {
    private let data: Data
    private let name: String
    private let batchSize: Int
    /// Decided once: JSON Lines files are read in batches, anything else is one record.
    private let isJSONLines: Bool
    private var lines: [(number: Int, range: Range<Data.Index>)]?
    private var position = 0
    private var done = false

    init(data: Data, name: String, batchSize: Int) {
        self.data = data
        self.name = name
        self.batchSize = max(1, batchSize)
        self.isJSONLines = ImportFormat.detect(data, name: name) == .jsonLines
    }

    /// The next batch, or nil when the file is exhausted.
    package func next() -> [ImportRecord]? {
        guard !done else { return nil }
        guard isJSONLines else {
            done = true
            return ImportFileParser.parse(data, name: name)
        }
        let lines = self.lines ?? JSONLines.lines(data)
        self.lines = lines
        guard position < lines.count else {
            done = true
            return nil
        }
        let end = min(lines.count, position + batchSize)
        defer { position = end }
        return ImportFileParser.parseLines(data, lines[position..<end])
    }
}

/// A file's bad records, as every importer reports them: each as `line N` (or `line N: field`) errors, and —
/// unless the caller imports the good records anyway — one error that rejects the whole file, naming the
/// first bad line and how many more there are, with every one listed.
package struct ImportFailures: Sendable {
    package var failures: [(line: Int, error: VerityError)]

    /// Collects failures.
    package init(_ failures: [(line: Int, error: VerityError)]) { self.failures = failures }

    /// Every bad record as field errors: `line N` or `line N: field`.
    package var details: [FieldError] {
        failures.flatMap { line, error in
            error.fieldErrors.isEmpty
                ? [FieldError(path: "line \(line)", message: error.message)]
                : error.fieldErrors.map { FieldError(path: "line \(line): \($0.path)", message: $0.message) }
        }
    }

    /// Throws the error that rejects `source` when there is a bad record (every bad line is listed, so one run
    /// shows all there is to fix).
    package func rejectFile(_ source: String) throws {
        guard let first = failures.first else { return }
        let more = failures.count > 1 ? " (and \(failures.count - 1) more bad record\(failures.count == 2 ? "" : "s"))" : ""
        throw VerityError.validation(
            code: first.error.code, "\(source):\(first.line): \(first.error.message)\(more) Nothing from this file was imported.", details)
    }
}

/// One record read from a file: the line it starts on and either the article or what is wrong with it.
package struct ImportRecord: Sendable {
    package var line: Int
    package var result: Result<ArticleDraft, VerityError>

    /// Creates a record.
    package init(line: Int, result: Result<ArticleDraft, VerityError>) {
        self.line = line
        self.result = result
    }
}

/// Turns a file's bytes into article records. Pure: the CLI reads the file, this decides what is in it.
package enum ImportFileParser {
    /// Files larger than this are refused before parsing (a scraped page is kilobytes; a feed may be large).
    package static let maxFileBytes = 1 << 30

    /// Parses a file. A text or HTML file is one record; a JSON Lines file one record per non-blank line.
    package static func parse(_ data: Data, name: String) -> [ImportRecord] {
        switch ImportFormat.detect(data, name: name) {
        case .jsonLines, .archive: return parseJSONLines(data)
        case .scrapedText: return [single(data) { try ArticleDraft(scrapedPage: $0) }]
        case .html: return [single(data) { try HTMLText.article(fromHTML: $0) }]
        case .claimReview:
            return [
                ImportRecord(
                    line: 1,
                    result: .failure(
                        .validation(code: .referenceWrongKind, "The file holds ClaimReview fact-checks, not articles; import it as references.")))
            ]
        }
    }

    private static func single(_ data: Data, _ make: (String) throws -> ArticleDraft) -> ImportRecord {
        guard let text = String(validating: data, as: UTF8.self) else {
            return ImportRecord(line: firstInvalidLine(data), result: .failure(invalidUTF8))
        }
        if text.contains("\0") {
            return ImportRecord(line: 1, result: .failure(.validation(code: .importNulByte, "The file contains NUL bytes: it is not text.")))
        }
        do {
            return ImportRecord(line: 1, result: .success(try make(text)))
        } catch let error as VerityError {
            return ImportRecord(line: 1, result: .failure(error))
        } catch {
            return ImportRecord(line: 1, result: .failure(.validation(code: .importInvalid, "\(error)")))
        }
    }

    private static func parseJSONLines(_ data: Data) -> [ImportRecord] {
        JSONLines.map(lines: JSONLines.lines(data)) { line, number in parseLine(data[line], number: number) }
    }

    /// The file's records in batches of `batchSize` lines, parsed one batch at a time, so an import
    /// holds one batch of articles in memory however large the file (a text or HTML page is one batch).
    package static func batches(_ data: Data, name: String, batchSize: Int = 2_000) -> ImportBatches {
        ImportBatches(data: data, name: name, batchSize: batchSize)
    }

    static func parseLines(_ data: Data, _ lines: ArraySlice<(number: Int, range: Range<Data.Index>)>) -> [ImportRecord] {
        JSONLines.map(lines: Array(lines)) { line, number in parseLine(data[line], number: number) }
    }

    /// One record from its line: a slice of the file's bytes, checked and decoded where it lies (copied
    /// three times over, a 30 MB line took 90 MB more than the body that carried it).
    private static func parseLine(_ line: Data, number: Int) -> ImportRecord {
        guard line.withUnsafeBytes({ UTF8Validation.firstInvalidOffset(in: $0.bindMemory(to: UInt8.self)) == nil }) else {
            return ImportRecord(line: number, result: .failure(invalidUTF8))
        }
        do {
            let record = try ArticleRecord.decode(line)
            return ImportRecord(line: number, result: .success(try record.draft()))
        } catch let error as VerityError {
            return ImportRecord(line: number, result: .failure(error))
        } catch {
            return ImportRecord(line: number, result: .failure(.validation(code: .importInvalid, "\(error)")))
        }
    }

    private static let invalidUTF8 = VerityError.validation(code: .importInvalidUtf8, "The text is not valid UTF-8.")

    private static func firstInvalidLine(_ data: Data) -> Int {
        data.withUnsafeBytes { UTF8Validation.firstInvalidLine(in: $0.bindMemory(to: UInt8.self)) } ?? 1
    }
}

/// A small HTML-to-text reduction for saved article pages: scripts, styles, navigation, headers, footers
/// and asides are dropped; block elements become blank-line-separated blocks; entities are decoded. The
/// result goes through the same scraped-page extraction as a `.txt` file.
package enum HTMLText {
    /// Reduces HTML to blocks of text.
    package static func text(fromHTML html: String) -> String {
        var s = html
        for tag in ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg", "template", "iframe"] {
            s = s.replacingOccurrences(of: "<\(tag)\\b[^>]*>[\\s\\S]*?</\(tag)\\s*>", with: "\n\n", options: [.regularExpression, .caseInsensitive])
        }
        s = s.replacingOccurrences(of: "<!--[\\s\\S]*?-->", with: "", options: .regularExpression)
        s = s.replacingOccurrences(of: "<br\\s*/?>", with: "\n", options: [.regularExpression, .caseInsensitive])
        s = s.replacingOccurrences(
            of: "</?(p|div|h[1-6]|li|ul|ol|article|section|main|blockquote|figure|figcaption|tr|table|title|dd|dt|pre)\\b[^>]*>",
            with: "\n\n", options: [.regularExpression, .caseInsensitive])
        s = s.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        return decodeEntities(s)
    }

    /// Extracts the article from an HTML page, in the language its `<html lang>` (or `Content-Language`)
    /// declares, if any.
    package static func article(fromHTML html: String) throws -> ArticleDraft {
        try ArticleDraft(scrapedPage: text(fromHTML: html), metadata: ArticleMetadata(language: language(ofHTML: html)))
    }

    /// The primary language a page declares — `<html lang="de-AT">`, or a `Content-Language` meta — as a
    /// BCP 47 tag, when it is one.
    package static func language(ofHTML html: String) -> String? {
        let head = String(html.prefix(8_192))
        let patterns = [
            #"<html\b[^>]*?[\s:]lang\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)"#,
            #"<meta\b[^>]*?http-equiv\s*=\s*["']?content-language["']?[^>]*?content\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)"#,
        ]
        for pattern in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
                let match = regex.firstMatch(in: head, range: NSRange(head.startIndex..., in: head)),
                let range = Range(match.range(at: 1), in: head)
            else { continue }
            return String(head[range])
        }
        return nil
    }

    /// Decodes the named entities news pages use and every numeric one.
    package static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "mdash": "—", "ndash": "–",
            "hellip": "…", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»", "copy": "©",
            "eacute": "é", "euro": "€", "pound": "£",
        ]
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(12).firstIndex(of: ";") {
                let name = String(after[..<semi])
                var replacement: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    replacement = named[name]
                }
                if let replacement {
                    result += replacement
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }
}
