/// Reads the string members of one JSON object without building the object: what `verity segment --jsonl`
/// needs from each `{"text": …}` line, at the speed of one scan. Members are visited in order; values that
/// are not strings are skipped whatever they hold, after checking they are well formed. A string is handed
/// over as the byte range between its quotes: a string without escapes is used in place, with no copy;
/// one with escapes (including `\u` surrogate pairs) is decoded only when asked.
package enum JSONMemberReader {
    /// A string literal inside the scanned bytes: the range between its quotes, and whether it holds escapes.
    package struct RawString: Sendable {
        /// The bytes between the quotes, as offsets into the scanned buffer.
        package let range: Range<Int>
        /// Whether the literal holds backslash escapes (and so must be decoded before use).
        package let escaped: Bool

        /// Whether the literal, decoded, equals `name` (an ASCII key such as `text`).
        package func equals(_ name: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            if escaped { return decoded(in: bytes).elementsEqual(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)) }
            guard range.count == name.utf8CodeUnitCount else { return false }
            return UnsafeBufferPointer(rebasing: bytes[range]).elementsEqual(
                UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        }

        /// The literal's decoded UTF-8. The literal must come from a successful scan of `bytes`.
        package func decoded(in bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
            var out: [UInt8] = []
            decode(in: bytes, into: &out)
            return out
        }

        /// Appends the literal's decoded UTF-8 to `out` (a buffer the caller may reuse between lines).
        package func decode(in bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
            out.reserveCapacity(out.count + range.count)
            var reader = Reader(bytes: bytes, position: range.lowerBound)
            var runStart = range.lowerBound
            while reader.position < range.upperBound {
                guard bytes[reader.position] == UInt8(ascii: "\\") else {
                    reader.position += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<reader.position]))
                reader.position += 1
                reader.escape(into: &out)
                runStart = reader.position
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<range.upperBound]))
        }

        /// Calls `body` with the literal's decoded UTF-8: the scanned bytes themselves when it has no
        /// escapes, otherwise `scratch`, refilled (so a loop over lines allocates once).
        package func withDecoded<Result>(
            in bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
        ) rethrows -> Result {
            guard escaped else { return try body(UnsafeBufferPointer(rebasing: bytes[range])) }
            scratch.removeAll(keepingCapacity: true)
            decode(in: bytes, into: &scratch)
            return try scratch.withUnsafeBufferPointer(body)
        }

        /// The literal as a String (invalid UTF-8 repaired with U+FFFD).
        package func string(in bytes: UnsafeBufferPointer<UInt8>) -> String {
            escaped
                ? String(decoding: decoded(in: bytes), as: UTF8.self) : String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
    }

    /// Scans `line` as one JSON object (whitespace around it allowed) and calls `visit` with each member's
    /// key and, when the value is a string, the value (nil for any other value). False when the line is not
    /// exactly one well-formed object; members already visited stay visited.
    @discardableResult
    package static func members(in line: UnsafeBufferPointer<UInt8>, _ visit: (_ key: RawString, _ value: RawString?) -> Void) -> Bool {
        var reader = Reader(bytes: line, position: 0)
        reader.skipSpace()
        guard reader.take(UInt8(ascii: "{")) else { return false }
        reader.skipSpace()
        if !reader.take(UInt8(ascii: "}")) {
            while true {
                reader.skipSpace()
                guard let key = reader.scanString() else { return false }
                reader.skipSpace()
                guard reader.take(UInt8(ascii: ":")) else { return false }
                reader.skipSpace()
                if reader.peek == UInt8(ascii: "\"") {
                    guard let value = reader.scanString() else { return false }
                    visit(key, value)
                } else {
                    guard reader.skipValue(depth: 0) else { return false }
                    visit(key, nil)
                }
                reader.skipSpace()
                if reader.take(UInt8(ascii: ",")) { continue }
                guard reader.take(UInt8(ascii: "}")) else { return false }
                break
            }
        }
        reader.skipSpace()
        return reader.atEnd
    }

    /// The string value of the member `name` (the last one, if repeated); nil when the line is not one
    /// well-formed object, or the member is absent or not a string.
    package static func string(_ name: StaticString, in line: UnsafeBufferPointer<UInt8>) -> String? {
        var found: RawString?
        var isString = true
        let wellFormed = members(in: line) { key, value in
            if key.equals(name, in: line) {
                found = value
                isString = value != nil
            }
        }
        guard wellFormed, isString, let found else { return nil }
        return found.string(in: line)
    }

    /// Nesting deeper than this is refused rather than followed (no stack to exhaust, but no end either).
    private static let maximumDepth = 512

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position: Int

        var atEnd: Bool { position >= bytes.count }
        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipSpace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            position += 1
            return true
        }

        /// Checks a string literal (escapes included) and returns where its contents lie; no copy.
        mutating func scanString() -> RawString? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = position
            var escaped = false
            while position < bytes.count {
                position = JSONSpecialBytes.first(in: bytes, from: position, to: bytes.count)
                guard position < bytes.count else { break }
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    return RawString(range: start..<(position - 1), escaped: escaped)
                }
                if byte < 0x20 { return nil }
                position += 1
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    guard checkEscape() else { return nil }
                }
            }
            return nil
        }

        /// Checks the escape after a backslash and moves past it.
        mutating func checkEscape() -> Bool {
            guard let escape = peek else { return false }
            position += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"),
                UInt8(ascii: "b"), UInt8(ascii: "f"):
                return true
            case UInt8(ascii: "u"): return unicodeEscape() != nil
            default: return false
            }
        }

        /// Decodes the escape after a backslash (already checked by a scan) into `out`.
        mutating func escape(into out: inout [UInt8]) {
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard let scalar = unicodeEscape() else { return }
                for byte in scalar.utf8 { out.append(byte) }
            default: out.append(escape)
            }
        }

        /// The scalar of a `\u` escape whose `u` has been read: four hex digits, and for a high surrogate the
        /// `\u` low surrogate that must follow it. Nil for a lone surrogate or bad digits.
        mutating func unicodeEscape() -> Unicode.Scalar? {
            guard var code = hex4() else { return nil }
            if (0xD800..<0xDC00).contains(code) {
                guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            return Unicode.Scalar(code)
        }

        mutating func hex4() -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value << 4 | digit
                position += 1
            }
            return value
        }

        /// Skips any JSON value (string, number, literal, array or object), checking its form.
        mutating func skipValue(depth: Int) -> Bool {
            skipSpace()
            guard let first = peek else { return false }
            switch first {
            case UInt8(ascii: "\""): return scanString() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard depth < JSONMemberReader.maximumDepth else { return false }
                let close = first == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                position += 1
                skipSpace()
                if take(close) { return true }
                while true {
                    skipSpace()
                    if close == UInt8(ascii: "}") {
                        guard scanString() != nil else { return false }
                        skipSpace()
                        guard take(UInt8(ascii: ":")) else { return false }
                    }
                    guard skipValue(depth: depth + 1) else { return false }
                    skipSpace()
                    if take(UInt8(ascii: ",")) { continue }
                    return take(close)
                }
            default:
                return skipScalar()
            }
        }

        /// A number or `true`, `false`, `null`, checked against JSON's grammar.
        mutating func skipScalar() -> Bool {
            for literal: StaticString in ["true", "false", "null"] {
                let count = literal.utf8CodeUnitCount
                if position + count <= bytes.count,
                    UnsafeBufferPointer(rebasing: bytes[position..<(position + count)]).elementsEqual(
                        UnsafeBufferPointer(start: literal.utf8Start, count: count))
                {
                    position += count
                    return true
                }
            }
            func digits() -> Int {
                let start = position
                while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
                return position - start
            }
            _ = take(UInt8(ascii: "-"))
            if take(UInt8(ascii: "0")) {
                // A leading zero stands alone.
            } else if digits() == 0 {
                return false
            }
            if take(UInt8(ascii: ".")), digits() == 0 { return false }
            if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
                if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
                if digits() == 0 { return false }
            }
            return true
        }
    }
}

/// Finds the bytes a JSON string literal treats specially — `"`, `\` and control characters below 0x20 —
/// eight bytes at a time: the JSON reader and writer spend most of their time looking for them.
package enum JSONSpecialBytes {
    /// The offset of the first quote, backslash or control byte in `bytes[from..<end]`, or `end` if none.
    @inline(__always)
    package static func first(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var i = start
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= end {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let quote = w ^ (ones &* 0x22)
                let backslash = w ^ (ones &* 0x5C)
                // A byte below 0x20, or a zero byte in either XOR: exact as a yes/no for the whole word.
                let control = (w &- ones &* 0x20) & ~w
                let found = (control | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)) & highs
                if found != 0 { break }
                i += 8
            }
        }
        while i < end {
            let byte = bytes[i]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return i }
            i += 1
        }
        return end
    }
}
