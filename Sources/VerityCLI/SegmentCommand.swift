import ArgumentParser
import Foundation
import VerityCore

/// `verity segment`: prints the sentences of a text, for checking the segmenter (and for the golden-rules script).
struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment", abstract: "Split text into sentences (no database). Reads a file or '-' for stdin.")

    @Argument(help: "A text file, or '-' for standard input.") var path: String = "-"
    @Flag(help: "Read JSON Lines of {\"text\": …} and print one JSON array of sentences per line.") var jsonl = false
    @Flag(help: "Treat the input as a scraped page: extract the article first, then print its spans.") var page = false
    @Option(
        help: """
            The text's language (BCP 47: en, de, fr, es, it, ru, pt, nl), or 'auto' to detect it from the text \
            (for --jsonl: per line, unless the line has its own "language"). Default: English rules; detected for --page.
            """)
    var language: String?

    var segmentation: Segmentation { Segmentation(path: path, jsonl: jsonl, page: page, language: language) }

    func run() throws {
        try segmentation.run(input: segmentation.readInput())
    }
}

/// What `verity segment` does once its arguments are known. Scripts run it once per batch of text, so its
/// plain forms are also read without ArgumentParser (see `VerityCommand.runPlainSegment`): building the
/// command tree costs more CPU than segmenting a hundred kilobytes.
struct Segmentation: Equatable {
    var path = "-"
    var jsonl = false
    var page = false
    var language: String?

    init(path: String = "-", jsonl: Bool = false, page: Bool = false, language: String? = nil) {
        self.path = path
        self.jsonl = jsonl
        self.page = page
        self.language = language
    }

    /// The invocation that `arguments` (the words after `verity segment`) describe, when they are plain:
    /// only this command's flags and options, each at most once, and at most one path. Nil for anything else
    /// (help, unknown or repeated options, `--`, values that look like options), which goes to ArgumentParser
    /// and its messages. Whatever this accepts, the parser reads the same way (a test holds the two together).
    init?(arguments: some Sequence<String>) {
        var path: String?
        var seen: [String] = []
        var words = arguments.makeIterator()
        while let word = words.next() {
            if word == "-" || !word.hasPrefix("-") {
                guard path == nil else { return nil }
                path = word
                continue
            }
            var name = word
            var value: String?
            if let equals = word.firstIndex(of: "="), word.hasPrefix("--") {
                name = String(word[..<equals])
                value = String(word[word.index(after: equals)...])
            }
            guard !seen.contains(name) else { return nil }
            seen.append(name)
            switch name {
            case "--jsonl" where value == nil: jsonl = true
            case "--page" where value == nil: page = true
            case "--language":
                if value == nil { value = words.next() }
                guard let value, !value.isEmpty, !value.hasPrefix("-") else { return nil }
                language = value
            default: return nil
            }
        }
        self.path = path ?? "-"
    }

    /// The input's bytes: standard input for `-`, else the file.
    func readInput() throws -> Data {
        path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(filePath: path))
    }

    /// Segments `data` and prints the result.
    func run(input data: Data) throws {
        let detect = language?.lowercased() == "auto"
        if jsonl {
            try Self.segmentLines(data, path: path, language: detect ? nil : SegmenterLanguage(tag: language))
            return
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw VerityError.validation(code: .segmentInvalidUtf8, "\(path): not valid UTF-8.")
        }
        if page {
            let draft = try ArticleDraft(scrapedPage: text, metadata: ArticleMetadata(language: detect ? nil : language))
            let index = TextIndex(draft.text)
            for span in draft.spans {
                let block = span.block.paragraphIndex.map { "p\($0)" } ?? span.block.name
                print("\(span.ordinal)\t\(block)\t\(span.range.start)-\(span.range.end)\t\(index.slice(span.range.start, span.range.end))")
            }
            return
        }
        let rules = SegmenterLanguage(tag: detect ? LanguageDetector.detect(text) : language)
        let index = TextIndex(text)
        for range in SentenceSegmenter.segment(text, language: rules) { print(index.slice(range.lowerBound, range.upperBound)) }
    }

    /// JSON Lines in, one JSON array of sentences per line out — bytes to bytes. The input is checked as
    /// UTF-8 once; each line is scanned once for its `text` and `language` members; a text without escapes
    /// is segmented where it lies in the input (one with escapes is decoded into a reused buffer), and its
    /// sentences are sliced from those bytes by one forward walk over code points, straight into the output
    /// buffer. No Foundation JSON, no String per line or sentence. A line's own `"language"` member picks its
    /// rules; otherwise `language`, or detection from its text when that is nil.
    static func segmentLines(_ data: Data, path: String, language: SegmenterLanguage?) throws {
        var output = JSONWriter(capacity: 1 << 20)
        let out = FileHandle.standardOutput
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if let line = UTF8Validation.firstInvalidLine(in: bytes) {
                throw VerityError.validation(code: .segmentInvalidUtf8, "\(path):\(line): not valid UTF-8.")
            }
            var scratch: [UInt8] = []
            var lineStart = 0
            var number = 0
            while lineStart < bytes.count {
                let lineEnd = UnsafeBufferPointer(rebasing: bytes[lineStart...]).firstIndex(of: 0x0A).map { lineStart + $0 } ?? bytes.count
                number += 1
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                lineStart = lineEnd + 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                var text: JSONMemberReader.RawString?
                var textIsString = true
                var lineLanguage: JSONMemberReader.RawString?
                let wellFormed = JSONMemberReader.members(in: line) { key, value in
                    if key.equals("text", in: line) {
                        text = value
                        textIsString = value != nil
                    } else if key.equals("language", in: line) {
                        lineLanguage = value
                    }
                }
                guard wellFormed, textIsString, let text else {
                    throw VerityError.validation(code: .segmentInvalidLine, "\(path):\(number): expected {\"text\": …}")
                }
                text.withDecoded(in: line, scratch: &scratch) { utf8 in
                    let rules =
                        lineLanguage.map { SegmenterLanguage(tag: $0.string(in: line)) } ?? language
                        ?? SegmenterLanguage(tag: LanguageDetector.detect(String(decoding: utf8, as: UTF8.self)))
                    let ranges = SentenceSegmenter.segment(utf8: utf8, language: rules)
                    output.beginArray()
                    var byte = 0
                    var codePoint = 0
                    func advance(to target: Int) {
                        while codePoint < target && byte < utf8.count {
                            let lead = utf8[byte]
                            byte += lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                            codePoint += 1
                        }
                    }
                    for range in ranges {
                        advance(to: range.lowerBound)
                        let start = byte
                        advance(to: range.upperBound)
                        output.string(utf8: UnsafeBufferPointer(rebasing: utf8[start..<min(byte, utf8.count)]))
                    }
                    output.endArray()
                }
                output.literal("\n")
                if output.bytes.count >= 1 << 20 { out.write(Data(output.take())) }
            }
        }
        out.write(Data(output.take()))
    }
}
