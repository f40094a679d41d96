import Crypto
import Foundation

/// Timestamps at PostgreSQL's precision (microseconds), for the places where a round trip must give back
/// exactly the instant it was given: Verity's own export, and COPY.
package enum Timestamp {
    /// `2026-11-29T04:57:41.123456Z`: ISO 8601 in UTC with six fractional digits.
    package static func microseconds(_ date: Date, separator: String = "T", zone: String = "Z") -> String {
        let seconds = date.timeIntervalSince1970
        var whole = floor(seconds)
        var micros = Int(((seconds - whole) * 1_000_000).rounded())
        if micros >= 1_000_000 {
            whole += 1
            micros -= 1_000_000
        }
        var time = time_t(whole)
        var parts = tm()
        gmtime_r(&time, &parts)
        var text = [UInt8]()
        text.reserveCapacity(32)
        guard appendDay(parts, to: &text) else {
            return String(
                format: "%04d-%02d-%02d%@%02d:%02d:%02d.%06d%@", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, separator, parts.tm_hour,
                parts.tm_min, parts.tm_sec, micros, zone)
        }
        text.append(contentsOf: separator.utf8)
        appendTime(parts, to: &text)
        text.append(UInt8(ascii: "."))
        appendDigits(micros, count: 6, to: &text)
        text.append(contentsOf: zone.utf8)
        return String(decoding: text, as: UTF8.self)
    }

    /// `2026-11-29T10:00:00Z`: to the second, UTC.
    package static func seconds(_ date: Date) -> String {
        var time = time_t(floor(date.timeIntervalSince1970))
        var parts = tm()
        gmtime_r(&time, &parts)
        var text = [UInt8]()
        text.reserveCapacity(20)
        guard appendDay(parts, to: &text) else {
            return String(
                format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min,
                parts.tm_sec)
        }
        text.append(UInt8(ascii: "T"))
        appendTime(parts, to: &text)
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }

    /// `2026-11-29`: the UTC calendar day.
    package static func day(_ date: Date) -> String {
        var time = time_t(floor(date.timeIntervalSince1970))
        var parts = tm()
        gmtime_r(&time, &parts)
        var text = [UInt8]()
        text.reserveCapacity(10)
        guard appendDay(parts, to: &text) else { return String(format: "%04d-%02d-%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday) }
        return String(decoding: text, as: UTF8.self)
    }

    // Digits written directly: String(format:) was a third of the jsonl export's time. Years outside
    // 0...9999 (never stored, but possible in a Date) take the String(format:) path.
    private static func appendDay(_ parts: tm, to text: inout [UInt8]) -> Bool {
        let year = Int(parts.tm_year) + 1900
        guard (0...9999).contains(year) else { return false }
        appendDigits(year, count: 4, to: &text)
        text.append(UInt8(ascii: "-"))
        appendDigits(Int(parts.tm_mon) + 1, count: 2, to: &text)
        text.append(UInt8(ascii: "-"))
        appendDigits(Int(parts.tm_mday), count: 2, to: &text)
        return true
    }

    private static func appendTime(_ parts: tm, to text: inout [UInt8]) {
        appendDigits(Int(parts.tm_hour), count: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        appendDigits(Int(parts.tm_min), count: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        appendDigits(Int(parts.tm_sec), count: 2, to: &text)
    }

    private static func appendDigits(_ value: Int, count: Int, to text: inout [UInt8]) {
        let start = text.count
        text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        var rest = value
        var index = start + count
        while index > start && rest > 0 {
            index -= 1
            text[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }

    /// Reads an ISO 8601 date-time with up to nine fractional digits (kept to the microsecond) and a `Z` or
    /// `±HH:MM` zone. Nil for anything else.
    package static func parse(_ value: String) -> Date? {
        guard let dot = value.firstIndex(of: ".") else { return try? Date(value, strategy: .iso8601) }
        let afterDot = value[value.index(after: dot)...]
        let digits = afterDot.prefix { $0.isASCII && $0.isNumber }
        guard (1...9).contains(digits.count) else { return nil }
        let zone = afterDot[digits.endIndex...]
        guard let base = try? Date(String(value[..<dot]) + zone, strategy: .iso8601) else { return nil }
        let fraction = Double("0." + digits.prefix(6)) ?? 0
        return Date(timeIntervalSince1970: base.timeIntervalSince1970 + fraction)
    }
}

/// Ids that sort (as PostgreSQL compares uuids, byte by byte) in the order they are made: a UUIDv7-shaped
/// value whose random tail is a counter. A restore gives its rows such ids, so rows that tie on a
/// timestamp keep the order they had where they came from.
package struct OrderedIDs: Sendable {
    private var head: [UInt8]
    private var counter: UInt64

    /// Starts a sequence: the current millisecond, 12 random bits, and a counter from a random point.
    package init() {
        let millis = UInt64(Date().timeIntervalSince1970 * 1000)
        var bytes = (0..<6).map { UInt8(truncatingIfNeeded: millis >> (8 * (5 - $0))) }
        let random = UInt16.random(in: 0...0x0FFF)
        bytes.append(0x70 | UInt8(random >> 8))
        bytes.append(UInt8(truncatingIfNeeded: random))
        head = bytes
        counter = UInt64.random(in: 0..<(1 << 40))
    }

    /// The next id; each is greater than the one before.
    package mutating func next() -> UUID {
        counter += 1
        // The variant's two bits ("10") above 62 bits of counter.
        let tail = (UInt64(0x8) << 60) | (counter & 0x3FFF_FFFF_FFFF_FFFF)
        var b = head
        for i in 0..<8 { b.append(UInt8(truncatingIfNeeded: tail >> (8 * (7 - i)))) }
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }
}

extension UUID {
    /// The lower-case text form every Verity id takes in JSON and the audit trail. Written digit by digit:
    /// Foundation's `uuidString` formats with `snprintf`, and with `lowercased()` after it, that was 8 % of
    /// a jsonl export's CPU (each claim line holds about eight ids).
    package var lowercasedString: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { text in
                var at = 0
                for (i, byte) in bytes.enumerated() {
                    if i == 4 || i == 6 || i == 8 || i == 10 {
                        text[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    text[at] = Hex.digit(byte >> 4)
                    text[at + 1] = Hex.digit(byte & 0x0F)
                    at += 2
                }
                return at
            }
        }
    }
}

/// A UUID written in lower case, as everything else Verity writes (Foundation's Codable writes upper case).
@propertyWrapper
package struct LowercaseID: Sendable, Hashable, Codable {
    package var wrappedValue: UUID

    package init(wrappedValue: UUID) { self.wrappedValue = wrappedValue }

    package init(from decoder: any Decoder) throws {
        wrappedValue = try decoder.singleValueContainer().decode(UUID.self)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue.uuidString.lowercased())
    }
}

/// A list of UUIDs written in lower case.
@propertyWrapper
package struct LowercaseIDs: Sendable, Hashable, Codable {
    package var wrappedValue: [UUID]

    package init(wrappedValue: [UUID]) { self.wrappedValue = wrappedValue }

    package init(from decoder: any Decoder) throws {
        wrappedValue = try decoder.singleValueContainer().decode([UUID].self)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue.map { $0.uuidString.lowercased() })
    }
}

/// Ids derived from names: the same name always gives the same UUID (SHA-256 of the name, with the
/// version and variant bits of a name-based UUID), for IRIs that must be stable across runs.
package enum StableID {
    package static func uuid(_ name: String) -> UUID {
        var bytes = Array(SHA256.hash(data: Data(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11], bytes[12],
                bytes[13], bytes[14], bytes[15]
            ))
    }
}
