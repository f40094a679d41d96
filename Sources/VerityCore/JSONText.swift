import Foundation

/// JSON text written directly — no dictionaries, no Foundation serialisation — for exports, where a
/// hundred thousand claims spend their time in encoding. The output is what JSONSerialization writes
/// with sorted keys and unescaped slashes, so callers write keys in sorted order.
package struct JSONText {
    package private(set) var text = ""

    /// An empty text.
    package init() { text.reserveCapacity(512) }

    /// Appends JSON punctuation or any text already valid JSON.
    package mutating func raw(_ json: String) { text += json }

    /// Appends `"key":`.
    package mutating func key(_ key: String) {
        string(key)
        text += ":"
    }

    /// Appends a string literal.
    package mutating func string(_ value: String) {
        text += "\""
        Self.escape(value, into: &text)
        text += "\""
    }

    /// Appends an integer.
    package mutating func number(_ value: Int) { text += String(value) }

    /// Appends `"key":"value"`, with the comma before it unless `first`.
    package mutating func field(_ name: String, _ value: String, first: Bool = false) {
        if !first { text += "," }
        key(name)
        string(value)
    }

    /// Escapes as JSONSerialization does: quote, backslash and control characters; nothing else.
    package static func escape(_ value: String, into output: inout String) {
        let special: (UInt8) -> Bool = { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        let needsEscaping = value.utf8.withContiguousStorageIfAvailable { $0.contains(where: special) } ?? value.utf8.contains(where: special)
        guard needsEscaping else {
            output += value
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case let c where c.value < 0x20: output += String(format: "\\u%04x", c.value)
            default: output.unicodeScalars.append(scalar)
            }
        }
    }
}
