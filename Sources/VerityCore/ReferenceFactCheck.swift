import Foundation

/// A fact-check someone has published — schema.org `ClaimReview` as fact-checkers put it on their pages and
/// in their feeds — kept by a project so new claims can be matched against it ("has this been checked
/// before?"). Its `url` is its identity: importing the same review again updates it.
package struct ReferenceFactCheck: Sendable, Equatable, Codable {
    /// The review's page, http or https; unique in a project.
    package var url: String
    /// The claim as the fact-checker worded it.
    package var claimReviewed: String
    /// The verdict's wording (`reviewRating.alternateName`), e.g. "False", "Mostly true".
    package var ratingName: String?
    /// `reviewRating.ratingValue`, `bestRating`, `worstRating` when given as numbers.
    package var ratingValue: Double?
    package var bestRating: Double?
    package var worstRating: Double?
    /// The publishing organisation (`author`: a name, or an object's `name`).
    package var author: String?
    package var authorURL: String?
    /// As published: a date or date-time (ISO 8601), kept as written.
    package var datePublished: String?
    /// Who made the claim (`itemReviewed.author`), when it was made, and where it appeared.
    package var claimant: String?
    package var claimDate: String?
    package var appearances: [String]
    /// `inLanguage` as a language tag, when given.
    package var language: String?

    /// Creates a reference fact-check.
    package init(
        url: String, claimReviewed: String, ratingName: String? = nil, ratingValue: Double? = nil, bestRating: Double? = nil,
        worstRating: Double? = nil, author: String? = nil, authorURL: String? = nil, datePublished: String? = nil, claimant: String? = nil,
        claimDate: String? = nil, appearances: [String] = [], language: String? = nil
    ) {
        self.url = url
        self.claimReviewed = claimReviewed
        self.ratingName = ratingName
        self.ratingValue = ratingValue
        self.bestRating = bestRating
        self.worstRating = worstRating
        self.author = author
        self.authorURL = authorURL
        self.datePublished = datePublished
        self.claimant = claimant
        self.claimDate = claimDate
        self.appearances = appearances
        self.language = language
    }

    /// The rating as one line for people: "False", or "2/5" when only numbers are given.
    package var ratingLabel: String? {
        if let ratingName { return ratingName }
        guard let ratingValue else { return nil }
        let value = ratingValue.rounded() == ratingValue ? String(Int(ratingValue)) : String(ratingValue)
        guard let bestRating else { return value }
        return value + "/" + (bestRating.rounded() == bestRating ? String(Int(bestRating)) : String(bestRating))
    }

    static let maxClaimLength = 2_000
    static let maxFieldLength = 2_000

    /// Reads one `ClaimReview` object (already parsed JSON). Throws a validation error naming the field.
    package init(jsonLD object: [String: Any]) throws {
        func invalid(_ path: String, _ message: String) -> VerityError {
            VerityError.validation(
                code: .referenceInvalid, "Not a usable ClaimReview: \(path) \(message).", [FieldError(path: path, message: message)])
        }
        guard Self.types(object["@type"]).contains("ClaimReview") else { throw invalid("@type", "must be ClaimReview") }
        guard let url = Self.text(object["url"]), let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https", parsed.host?.isEmpty == false, url.utf8.count <= Self.maxFieldLength
        else { throw invalid("url", "must be the review's http(s) address") }
        guard let claim = Self.text(object["claimReviewed"]), !claim.isEmpty else { throw invalid("claimReviewed", "must be the claim's text") }
        guard claim.count <= Self.maxClaimLength else { throw invalid("claimReviewed", "is longer than \(Self.maxClaimLength) characters") }
        guard !claim.contains("\0") else { throw invalid("claimReviewed", "contains a NUL character") }
        self.init(url: url, claimReviewed: claim)
        let rating = Self.first(object["reviewRating"])
        if object["reviewRating"] != nil, rating == nil { throw invalid("reviewRating", "must be a Rating object") }
        if let rating {
            ratingName = Self.text(rating["alternateName"]) ?? Self.text(rating["name"])
            for (key, path) in [("ratingValue", \Self.ratingValue), ("bestRating", \Self.bestRating), ("worstRating", \Self.worstRating)] {
                guard let raw = rating[key], !(raw is NSNull) else { continue }
                guard let number = Self.number(raw) else { throw invalid("reviewRating.\(key)", "must be a number") }
                self[keyPath: path] = number
            }
        }
        guard ratingName != nil || ratingValue != nil else {
            throw invalid("reviewRating", "must give the verdict (alternateName or ratingValue)")
        }
        let authorObject = Self.first(object["author"])
        author = Self.text(object["author"]) ?? authorObject.flatMap { Self.text($0["name"]) ?? Self.text($0["alternateName"]) }
        authorURL = authorObject.flatMap { Self.text($0["url"]) }
        datePublished = try Self.date(object["datePublished"], path: "datePublished", invalid)
        if let item = Self.first(object["itemReviewed"]) {
            let claimantObject = Self.first(item["author"])
            claimant = Self.text(item["author"]) ?? claimantObject.flatMap { Self.text($0["name"]) }
            claimDate = try Self.date(item["datePublished"], path: "itemReviewed.datePublished", invalid)
            var urls: [String] = []
            for key in ["appearance", "firstAppearance"] {
                let values = (item[key] as? [Any]) ?? item[key].map { [$0] } ?? []
                for value in values {
                    if let url = Self.text(value) ?? Self.first(value).flatMap({ Self.text($0["url"]) }), !urls.contains(url) { urls.append(url) }
                }
            }
            appearances = urls
        } else if object["itemReviewed"] != nil {
            throw invalid("itemReviewed", "must be a Claim object")
        }
        language = Self.text(object["inLanguage"]) ?? Self.first(object["inLanguage"]).flatMap { Self.text($0["alternateName"]) }
        for (path, value) in [("author", author), ("authorURL", authorURL), ("itemReviewed.author", claimant), ("inLanguage", language)] {
            if let value, value.count > Self.maxFieldLength { throw invalid(path, "is longer than \(Self.maxFieldLength) characters") }
        }
        if appearances.count > 100 { appearances.removeSubrange(100...) }
    }

    private static func types(_ value: Any?) -> [String] {
        if let type = value as? String { return [type.replacingOccurrences(of: "schema:", with: "")] }
        return (value as? [Any])?.compactMap { ($0 as? String)?.replacingOccurrences(of: "schema:", with: "") } ?? []
    }

    /// A string value, trimmed, with runs of white space made one space; nil when empty.
    private static func text(_ value: Any?) -> String? {
        guard let string = value as? String else { return nil }
        let trimmed = string.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return trimmed.isEmpty ? nil : trimmed
    }

    /// An object, or the first object of an array.
    private static func first(_ value: Any?) -> [String: Any]? {
        (value as? [String: Any]) ?? (value as? [Any])?.lazy.compactMap { $0 as? [String: Any] }.first
    }

    private static func number(_ value: Any) -> Double? {
        if type(of: value) == Bool.self { return nil }
        if let number = value as? NSNumber {
            // A JSON true/false is a boolean NSNumber ("c"), not a rating.
            if String(cString: number.objCType) == "c" { return nil }
            return number.doubleValue.isFinite ? number.doubleValue : nil
        }
        if let string = value as? String { return Double(string.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil } }
        return nil
    }

    private static func date(_ value: Any?, path: String, _ invalid: (String, String) -> VerityError) throws -> String? {
        guard let value, !(value is NSNull) else { return nil }
        guard let string = text(value), string.count <= 40,
            string.range(of: #"^\d{4}-\d{2}-\d{2}([T ][0-9:.+\-Z]*)?$"#, options: .regularExpression) != nil
        else { throw invalid(path, "must be an ISO 8601 date") }
        return string
    }
}

/// One reference read from a feed: the line it starts on, and the review or what is wrong with it.
package struct ReferenceRecord: Sendable {
    package var line: Int
    package var result: Result<ReferenceFactCheck, VerityError>
}

/// Reads schema.org `ClaimReview` JSON-LD in the shapes fact-checkers publish it: one object per line, a JSON
/// array of objects, a single object, or a `DataFeed` whose `dataFeedElement` holds them (an element may also
/// be a `DataFeedItem` wrapping the review in `item`). Each record knows the line it starts on.
package enum ClaimReviewFeed {
    /// Whether the bytes look like ClaimReview JSON-LD rather than article records: the first object (or the
    /// first element of a top-level array) has `@type` ClaimReview or DataFeed.
    package static func recognises(_ data: Data) -> Bool {
        guard let start = data.firstIndex(where: { !isSpace($0) }) else { return false }
        if data[start] == UInt8(ascii: "[") || data[start] == UInt8(ascii: "{") {
            let head = data[start..<min(data.endIndex, start + 65_536)]
            guard let range = head.range(of: Data("\"@type\"".utf8)) else { return false }
            var index = range.upperBound
            while index < head.endIndex, isSpace(head[index]) || head[index] == UInt8(ascii: ":") || head[index] == UInt8(ascii: "[") {
                index = head.index(after: index)
            }
            let rest = String(decoding: head[index..<min(head.endIndex, index + 40)], as: UTF8.self)
            return rest.hasPrefix("\"ClaimReview\"") || rest.hasPrefix("\"DataFeed\"") || rest.hasPrefix("\"schema:ClaimReview\"")
                || rest.hasPrefix("\"DataFeedItem\"")
        }
        return false
    }

    /// Every record of a feed, in order.
    package static func parse(_ data: Data) -> [ReferenceRecord] {
        guard let start = data.firstIndex(where: { !isSpace($0) }) else { return [] }
        if data[start] == UInt8(ascii: "{"), let lines = oneObjectPerLine(data) { return lines }
        // A whole JSON document: an array, a DataFeed, or one pretty-printed object.
        let elements: [(line: Int, range: Range<Data.Index>)]
        if data[start] == UInt8(ascii: "[") {
            elements = arrayElements(data, open: start)
        } else if let open = dataFeedArray(data, object: start) {
            elements = arrayElements(data, open: open)
        } else {
            elements = [(line(of: start, in: data), start..<data.endIndex)]
        }
        guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else {
            return [ReferenceRecord(line: 1, result: .failure(.validation(code: .referenceInvalid, "The file is not valid JSON.")))]
        }
        return elements.flatMap { records(data[$0.range], line: $0.line) }
    }

    /// A JSON document (one review, an array, or a DataFeed) rewritten as one review per line, so that "line N"
    /// names the Nth review where the original layout is not known (an HTTP body decoded and re-encoded).
    package static func oneReviewPerLine(json: Data) throws -> Data {
        guard let parsed = try? JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed]) else {
            throw VerityError.validation(code: .referenceInvalid, "The body is not ClaimReview JSON-LD.")
        }
        let elements: [Any]
        if let array = parsed as? [Any] {
            elements = array
        } else if let object = parsed as? [String: Any], let feed = object["dataFeedElement"] as? [Any] {
            elements = feed
        } else {
            elements = [parsed]
        }
        if elements.isEmpty { throw VerityError.validation(code: .referenceInvalid, "The body holds no ClaimReview.") }
        var data = Data()
        for element in elements {
            // Scalars cannot be serialised alone; any non-object is reported as such by the parser.
            data += element is [String: Any] || element is [Any] ? try JSONSerialization.data(withJSONObject: element) : Data("[]".utf8)
            data.append(0x0A)
        }
        return data
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// One object per line, when every non-blank line is a complete JSON object; nil otherwise (a
    /// pretty-printed document).
    private static func oneObjectPerLine(_ data: Data) -> [ReferenceRecord]? {
        let lines = JSONLines.lines(data)
        guard let first = lines.first, (try? JSONSerialization.jsonObject(with: Data(data[first.range]))) is [String: Any] else { return nil }
        if lines.count == 1,
            (try? JSONSerialization.jsonObject(with: Data(data[first.range]))).flatMap({ $0 as? [String: Any] })
                .map({ types($0).contains("DataFeed") }) == true
        {
            return nil
        }
        return lines.flatMap { records(data[$0.range], line: $0.number) }
    }

    private static func types(_ object: [String: Any]) -> [String] {
        if let type = object["@type"] as? String { return [type] }
        return (object["@type"] as? [Any])?.compactMap { $0 as? String } ?? []
    }

    private static func records(_ bytes: Data, line: Int) -> [ReferenceRecord] {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            return [ReferenceRecord(line: line, result: .failure(.validation(code: .importInvalidUtf8, "The text is not valid UTF-8.")))]
        }
        guard let value = try? JSONSerialization.jsonObject(with: Data(bytes)), let object = value as? [String: Any] else {
            return [ReferenceRecord(line: line, result: .failure(.validation(code: .referenceInvalid, "Not a JSON object.")))]
        }
        if types(object).contains("DataFeedItem") {
            // A feed item wraps its review(s) in `item`: an object or an array of them.
            let items = (object["item"] as? [Any])?.compactMap { $0 as? [String: Any] } ?? (object["item"] as? [String: Any]).map { [$0] } ?? []
            guard !items.isEmpty else {
                return [
                    ReferenceRecord(line: line, result: .failure(.validation(code: .referenceInvalid, "A DataFeedItem without its ClaimReview.")))
                ]
            }
            return items.map { review(of: $0, line: line) }
        }
        return [review(of: object, line: line)]
    }

    private static func review(of object: [String: Any], line: Int) -> ReferenceRecord {
        do {
            return ReferenceRecord(line: line, result: .success(try ReferenceFactCheck(jsonLD: object)))
        } catch let error as VerityError {
            return ReferenceRecord(line: line, result: .failure(error))
        } catch {
            return ReferenceRecord(line: line, result: .failure(.validation(code: .referenceInvalid, "\(error)")))
        }
    }

    /// The 1-based line of a byte offset.
    private static func line(of index: Data.Index, in data: Data) -> Int {
        1 + data[data.startIndex..<index].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// Skips a JSON string starting at `index` (its opening quote); returns the index after the closing quote.
    private static func skipString(_ data: Data, _ index: Data.Index) -> Data.Index {
        var i = data.index(after: index)
        while i < data.endIndex {
            if data[i] == UInt8(ascii: "\\") {
                i = data.index(i, offsetBy: 2, limitedBy: data.endIndex) ?? data.endIndex
                continue
            }
            if data[i] == UInt8(ascii: "\"") { return data.index(after: i) }
            i = data.index(after: i)
        }
        return data.endIndex
    }

    /// The byte ranges (and first lines) of the elements of the array whose `[` is at `open`.
    private static func arrayElements(_ data: Data, open: Data.Index) -> [(line: Int, range: Range<Data.Index>)] {
        var result: [(line: Int, range: Range<Data.Index>)] = []
        var depth = 0
        var line = line(of: open, in: data)
        var elementStart: Data.Index?
        var elementLine = line
        var i = open
        while i < data.endIndex {
            let byte = data[i]
            if byte == 0x0A { line += 1 }
            if depth == 1, elementStart == nil, !isSpace(byte), byte != UInt8(ascii: ","), byte != UInt8(ascii: "]") {
                elementStart = i
                elementLine = line
            }
            switch byte {
            case UInt8(ascii: "\""):
                let end = skipString(data, i)
                line += data[i..<end].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                i = end
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 {
                    if let start = elementStart { result.append((elementLine, start..<i)) }
                    return result
                }
            case UInt8(ascii: ","):
                if depth == 1, let start = elementStart {
                    result.append((elementLine, start..<i))
                    elementStart = nil
                }
            default: break
            }
            i = data.index(after: i)
        }
        return result
    }

    /// The `[` of a DataFeed's `dataFeedElement`, when the object at `object` is one.
    private static func dataFeedArray(_ data: Data, object: Data.Index) -> Data.Index? {
        var depth = 0
        var i = object
        while i < data.endIndex {
            let byte = data[i]
            switch byte {
            case UInt8(ascii: "\""):
                let end = skipString(data, i)
                if depth == 1, data[i..<end] == Data("\"dataFeedElement\"".utf8) {
                    var j = end
                    while j < data.endIndex, isSpace(data[j]) || data[j] == UInt8(ascii: ":") { j = data.index(after: j) }
                    return j < data.endIndex && data[j] == UInt8(ascii: "[") ? j : nil
                }
                i = end
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return nil }
            default: break
            }
            i = data.index(after: i)
        }
        return nil
    }
}
