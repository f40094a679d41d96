import Foundation

/// Writes JSON as UTF-8 bytes, straight into a growing buffer: no dictionaries, no Foundation
/// serialisation, no intermediate strings. The one JSON writer for everything Verity writes by hand —
/// exports, problem details, live events, the CLI's `--json` — so hot paths stream their output at the
/// speed of a copy. Commas are placed by the writer (it keeps one flag per open container); keys are
/// written in the order given. Strings are escaped as JSONSerialization does with unescaped slashes:
/// quote, backslash and control characters, nothing else.
package struct JSONWriter: Sendable {
    /// The JSON written so far.
    package private(set) var bytes: [UInt8] = []
    /// For each open container, whether it already holds a value (so the next needs a comma).
    private var needsComma: [Bool] = []
    /// Set after a key: the value that follows takes no comma.
    private var afterKey = false

    /// An empty writer.
    package init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    /// The JSON as a string.
    package var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Hands the bytes written so far to the caller and starts again (for streaming in pieces).
    package mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    // MARK: - Containers

    /// Opens an object.
    package mutating func beginObject() {
        valueStarts()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    /// Closes the innermost object.
    package mutating func endObject() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Opens an array.
    package mutating func beginArray() {
        valueStarts()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    /// Closes the innermost array.
    package mutating func endArray() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes `"name":`; the next value belongs to it.
    package mutating func key(_ name: String) {
        valueStarts()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    // MARK: - Values

    /// A string.
    package mutating func string(_ value: String) {
        valueStarts()
        appendString(value)
    }

    /// A string given as UTF-8 bytes (already valid UTF-8).
    package mutating func string(utf8 value: UnsafeBufferPointer<UInt8>) {
        valueStarts()
        appendString(utf8: value)
    }

    /// An integer.
    package mutating func number(_ value: Int) {
        valueStarts()
        appendInteger(Int64(value))
    }

    /// A floating-point number, as JSONSerialization writes it (shortest round-trip form; integral
    /// values without a fraction). Not-a-number and infinities, which JSON cannot hold, are `null`.
    package mutating func number(_ value: Double) {
        valueStarts()
        guard value.isFinite else {
            bytes.append(contentsOf: "null".utf8)
            return
        }
        if value == value.rounded(), abs(value) < 1e15 {
            appendInteger(Int64(value))
        } else {
            bytes.append(contentsOf: "\(value)".utf8)
        }
    }

    /// `true` or `false`.
    package mutating func bool(_ value: Bool) {
        valueStarts()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// `null`.
    package mutating func null() {
        valueStarts()
        bytes.append(contentsOf: "null".utf8)
    }

    /// JSON text written elsewhere (already valid JSON), as one value.
    package mutating func raw(_ json: String) {
        valueStarts()
        bytes.append(contentsOf: json.utf8)
    }

    /// Bytes appended as they are, outside the value structure (newlines between JSON Lines records).
    package mutating func literal(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    // MARK: - Convenience

    /// `"name":"value"` (nothing when `value` is nil and `omitNil`; `null` otherwise).
    package mutating func field(_ name: String, _ value: String?, omitNil: Bool = true) {
        guard value != nil || !omitNil else { return }
        key(name)
        if let value { string(value) } else { null() }
    }

    /// `"name":value`.
    package mutating func field(_ name: String, _ value: Int?, omitNil: Bool = true) {
        guard value != nil || !omitNil else { return }
        key(name)
        if let value { number(value) } else { null() }
    }

    /// `"name":value`.
    package mutating func field(_ name: String, _ value: Double?, omitNil: Bool = true) {
        guard value != nil || !omitNil else { return }
        key(name)
        if let value { number(value) } else { null() }
    }

    /// `"name":true|false`.
    package mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// `"name":["a","b"]`.
    package mutating func field(_ name: String, strings: [String]) {
        key(name)
        beginArray()
        for value in strings { string(value) }
        endArray()
    }

    /// A value assembled at run time (the CLI's `--json` reports): strings, integers, doubles, booleans,
    /// nil or NSNull, arrays and dictionaries of those, dictionaries with their keys in sorted order.
    /// Anything else is written as its description, as a string.
    package mutating func value(_ value: Any?) {
        switch value {
        case nil: null()
        case let value as String: string(value)
        case let value as Bool: bool(value)
        case let value as Int: number(value)
        case let value as Int64: number(Int(value))
        case let value as Double: number(value)
        case is NSNull: null()
        case let value as [String: Any?]:
            beginObject()
            for name in value.keys.sorted() {
                key(name)
                self.value(value[name] ?? nil)
            }
            endObject()
        case let value as [Any?]:
            beginArray()
            for element in value { self.value(element) }
            endArray()
        case let value?: string(String(describing: value))
        }
    }

    // MARK: - Writing

    private mutating func valueStarts() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = needsComma.indices.last else { return }
        if needsComma[last] { bytes.append(UInt8(ascii: ",")) } else { needsComma[last] = true }
    }

    private mutating func appendInteger(_ value: Int64) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    private mutating func appendString(_ value: String) {
        var value = value
        value.withUTF8 { appendString(utf8: $0) }
    }

    /// A quoted string, copying runs of bytes that need no escape in one go.
    private mutating func appendString(utf8 value: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<value.count {
            let byte = value[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if index > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[runStart..<index])) }
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            default:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [
                    UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
                ])
            }
            runStart = index + 1
        }
        if value.count > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[runStart..<value.count])) }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// Reads one string member of a JSON object without building the object: what `verity segment --jsonl`
/// needs from each `{"text": …}` line, at the speed of a scan. Other members are skipped whatever they
/// hold; escapes (including `\u` surrogate pairs) are decoded. Nil when the line is not an object or
/// the member is absent or not a string.
package enum JSONMemberReader {
    /// The string value of `name` in the object `line` holds.
    package static func string(_ name: String, in line: UnsafeBufferPointer<UInt8>) -> String? {
        var reader = Reader(bytes: line)
        reader.skipSpace()
        guard reader.take(UInt8(ascii: "{")) else { return nil }
        let wanted = Array(name.utf8)
        var found: String?
        reader.skipSpace()
        if reader.take(UInt8(ascii: "}")) { return nil }
        while true {
            reader.skipSpace()
            guard let key = reader.stringBytes() else { return nil }
            reader.skipSpace()
            guard reader.take(UInt8(ascii: ":")) else { return nil }
            reader.skipSpace()
            if key == wanted {
                guard reader.peek == UInt8(ascii: "\""), let value = reader.stringBytes() else { return nil }
                found = String(decoding: value, as: UTF8.self)
            } else {
                guard reader.skipValue() else { return nil }
            }
            reader.skipSpace()
            if reader.take(UInt8(ascii: ",")) { continue }
            guard reader.take(UInt8(ascii: "}")) else { return nil }
            reader.skipSpace()
            return reader.atEnd ? found : nil
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        var atEnd: Bool { position >= bytes.count }
        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            position += 1
            return true
        }

        /// A string literal's decoded UTF-8 bytes.
        mutating func stringBytes() -> [UInt8]? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            var out: [UInt8] = []
            var runStart = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                    position += 1
                    return out
                }
                if byte < 0x20 { return nil }
                guard byte == UInt8(ascii: "\\") else {
                    position += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                position += 1
                guard let escape = peek else { return nil }
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard var code = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(code) {
                        // A high surrogate must be followed by its low one.
                        guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { return nil }
                    out.append(contentsOf: String(Character(scalar)).utf8)
                default: return nil
                }
                runStart = position
            }
            return nil
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

        /// Skips any JSON value (string, number, literal, array or object), nesting included.
        mutating func skipValue() -> Bool {
            skipSpace()
            guard let first = peek else { return false }
            switch first {
            case UInt8(ascii: "\""): return stringBytes() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == UInt8(ascii: "\"") {
                        guard stringBytes() != nil else { return false }
                        continue
                    }
                    if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
                    if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                        depth -= 1
                        if depth == 0 {
                            position += 1
                            return true
                        }
                    }
                    position += 1
                }
                return false
            default:
                let start = position
                while position < bytes.count,
                    !([UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]))
                {
                    position += 1
                }
                return position > start
            }
        }
    }
}
