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
        var index = 0
        while true {
            index = JSONSpecialBytes.first(in: value, from: index, to: value.count)
            guard index < value.count else { break }
            let byte = value[index]
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
            index += 1
        }
        if value.count > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[runStart..<value.count])) }
        bytes.append(UInt8(ascii: "\""))
    }
}
