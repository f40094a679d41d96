extension Evidence {
    /// Reads a claim's evidence lists from the JSON PostgreSQL's `json_agg` writes of its verdicts' stored
    /// evidence: an array with, per verdict, its list of items (or null). One scan, no intermediate objects:
    /// Foundation's JSONDecoder on these lists was about a fifth of a jsonl export's CPU.
    ///
    /// Reads what the synthesized `Codable` conformance reads: unknown members are skipped, and a null
    /// member counts as absent. Nil when the text holds anything else this reader does not take (a value
    /// of the wrong type, an integer with a fraction or out of range, an answer without its required
    /// fields, malformed JSON): the caller then hands the text to JSONDecoder, which decides, and
    /// explains, exactly as before.
    package static func lists(json bytes: UnsafeBufferPointer<UInt8>) -> [[Evidence]?]? {
        var reader = JSONMemberReader.Reader(bytes: bytes, position: 0)
        let lists = reader.array { reader -> [Evidence]?? in
            if reader.null() { return .some(nil) }
            return reader.array { $0.evidence() }.map { .some($0) }
        }
        reader.skipSpace()
        guard let lists, reader.atEnd else { return nil }
        return lists
    }
}

extension Evidence {
    /// An item with nothing set, for the reader to fill.
    fileprivate init() {}
}

extension JSONMemberReader.Reader {
    /// `[` elements `]`, each read by `element` (nil from it, or a malformed array, gives nil).
    fileprivate mutating func array<Element>(_ element: (inout Self) -> Element?) -> [Element]? {
        skipSpace()
        guard take(UInt8(ascii: "[")) else { return nil }
        var elements: [Element] = []
        skipSpace()
        if take(UInt8(ascii: "]")) { return elements }
        while true {
            skipSpace()
            guard let value = element(&self) else { return nil }
            elements.append(value)
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "]")) ? elements : nil
        }
    }

    /// `{` members `}`, each value read by `member` given its key (false from it, or a malformed object,
    /// gives false).
    fileprivate mutating func object(_ member: (inout Self, JSONMemberReader.RawString) -> Bool) -> Bool {
        skipSpace()
        guard take(UInt8(ascii: "{")) else { return false }
        skipSpace()
        if take(UInt8(ascii: "}")) { return true }
        while true {
            skipSpace()
            guard let key = scanString() else { return false }
            skipSpace()
            guard take(UInt8(ascii: ":")) else { return false }
            skipSpace()
            guard member(&self, key) else { return false }
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "}"))
        }
    }

    /// Takes `null` if it comes next.
    fileprivate mutating func null() -> Bool {
        skipSpace()
        guard position + 4 <= bytes.count, bytes[position] == UInt8(ascii: "n"), bytes[position + 1] == UInt8(ascii: "u"),
            bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "l")
        else { return false }
        position += 4
        return true
    }

    /// A string or null into `value` (null leaves it nil); false for anything else.
    fileprivate mutating func optional(_ value: inout String?) -> Bool {
        if null() {
            value = nil
            return true
        }
        guard let raw = scanString() else { return false }
        value = raw.string(in: bytes)
        return true
    }

    /// An integer or null into `value`; false for anything else, a fraction or exponent included (the
    /// caller's fallback decides those).
    fileprivate mutating func optional(_ value: inout Int?) -> Bool {
        if null() {
            value = nil
            return true
        }
        guard let int = integer() else { return false }
        value = int
        return true
    }

    /// An integer written without fraction or exponent, in Int's range.
    fileprivate mutating func integer() -> Int? {
        let negative = take(UInt8(ascii: "-"))
        var magnitude = 0
        var digits = 0
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            magnitude = sum
            digits += 1
            position += 1
        }
        guard digits > 0 else { return nil }
        if let byte = peek, byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { return nil }
        return negative ? -magnitude : magnitude
    }

    /// One evidence item.
    fileprivate mutating func evidence() -> Evidence? {
        var item = Evidence()
        let read = object { reader, key in
            let bytes = reader.bytes
            if key.equals("url", in: bytes) { return reader.optional(&item.url) }
            if key.equals("title", in: bytes) { return reader.optional(&item.title) }
            if key.equals("quote", in: bytes) { return reader.optional(&item.quote) }
            if key.equals("accessed", in: bytes) { return reader.optional(&item.accessed) }
            if key.equals("sourceMedium", in: bytes) { return reader.optional(&item.sourceMedium) }
            if key.equals("articleId", in: bytes) { return reader.optional(&item.articleId) }
            if key.equals("start", in: bytes) { return reader.optional(&item.start) }
            if key.equals("end", in: bytes) { return reader.optional(&item.end) }
            if key.equals("revision", in: bytes) { return reader.optional(&item.revision) }
            if key.equals("question", in: bytes) { return reader.optional(&item.question) }
            if key.equals("spanOrdinals", in: bytes) {
                if reader.null() {
                    item.spanOrdinals = nil
                    return true
                }
                item.spanOrdinals = reader.array { $0.integer() }
                return item.spanOrdinals != nil
            }
            if key.equals("answers", in: bytes) {
                if reader.null() {
                    item.answers = nil
                    return true
                }
                item.answers = reader.array { $0.answer() }
                return item.answers != nil
            }
            return reader.skipValue(depth: 1)
        }
        return read ? item : nil
    }

    /// One answer of question evidence; nil without its required `answer` and `answerType`.
    fileprivate mutating func answer() -> EvidenceAnswer? {
        var answer: String?
        var answerType: String?
        var url: String?
        var sourceMedium: String?
        var booleanExplanation: String?
        let read = object { reader, key in
            let bytes = reader.bytes
            if key.equals("answer", in: bytes) { return reader.optional(&answer) }
            if key.equals("answerType", in: bytes) { return reader.optional(&answerType) }
            if key.equals("url", in: bytes) { return reader.optional(&url) }
            if key.equals("sourceMedium", in: bytes) { return reader.optional(&sourceMedium) }
            if key.equals("booleanExplanation", in: bytes) { return reader.optional(&booleanExplanation) }
            return reader.skipValue(depth: 1)
        }
        guard read, let answer, let answerType else { return nil }
        return EvidenceAnswer(answer: answer, answerType: answerType, url: url, sourceMedium: sourceMedium, booleanExplanation: booleanExplanation)
    }
}
