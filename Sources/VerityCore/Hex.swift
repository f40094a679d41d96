import Crypto
import Foundation

/// Bytes written as lower-case hexadecimal, digit by digit. `String(format: "%02x")` per byte went
/// through Foundation's formatter (a CFString and a va_list per byte): 5 % of a `verity import`'s
/// samples, all of it in the content hash of each article.
package enum Hex {
    /// The hexadecimal digit (0-9, a-f) of a value 0...15, as an ASCII byte.
    package static func digit(_ value: UInt8) -> UInt8 { value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10 }

    /// The bytes as lower-case hexadecimal, two digits each.
    package static func lowercase<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        String(unsafeUninitializedCapacity: 2 * bytes.count) { text in
            var at = 0
            for byte in bytes {
                text[at] = digit(byte >> 4)
                text[at + 1] = digit(byte & 0x0F)
                at += 2
            }
            return at
        }
    }

    /// The bytes of a sequence that is not a collection (a digest) as lower-case hexadecimal.
    package static func lowercase<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 { lowercase(Array(bytes)) }

    /// The SHA-256 of the text's UTF-8, in lower-case hexadecimal (64 digits).
    package static func sha256(_ text: String) -> String { SHA256.hash(data: Data(text.utf8)).withUnsafeBytes { lowercase($0) } }
}
