/// Checks bytes for well-formed UTF-8 (Unicode's table 3-7: no overlong forms, no surrogates, nothing past
/// U+10FFFF) without building a String: eight ASCII bytes at a time, then one sequence at a time.
package enum UTF8Validation {
    /// The offset of the first byte that does not begin or continue a well-formed sequence, or nil when
    /// all of `bytes` is well-formed UTF-8.
    package static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        var i = 0
        while i < n {
            // ASCII runs: a word at a time while no byte has its high bit set.
            while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < n else { break }
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            // The length of the sequence and the range its second byte must fall in.
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return i
            }
            guard i + 1 < n, bytes[i + 1] >= low, bytes[i + 1] <= high else { return i }
            for k in 2..<length {
                guard i + k < n, bytes[i + k] & 0xC0 == 0x80 else { return i }
            }
            i += length
        }
        return nil
    }

    /// The line (from 1) holding the first byte that is not well-formed UTF-8, or nil when all of `bytes` is.
    package static func firstInvalidLine(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let offset = firstInvalidOffset(in: bytes) else { return nil }
        return 1 + UnsafeBufferPointer(rebasing: bytes[..<offset]).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
