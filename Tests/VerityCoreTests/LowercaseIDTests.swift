import Crypto
import Foundation
import Testing

@testable import VerityCore

/// Ids are written by hand, not by Foundation: they must read as Foundation's form in lower case.
@Suite("Lower-case ids")
struct LowercaseIDTests {
    @Test("10,000 generated ids, and the extremes, read as uuidString lowercased")
    func matchesFoundation() {
        var random = SplitMix(seed: 7)
        var ids = [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))]
        ids.append(UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)))
        for _ in 0..<10_000 {
            var bytes = [UInt8](repeating: 0, count: 16)
            for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &random) }
            ids.append(
                UUID(
                    uuid: (
                        bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                        bytes[12], bytes[13], bytes[14], bytes[15]
                    )))
        }
        for id in ids {
            #expect(id.lowercasedString == id.uuidString.lowercased())
            #expect(UUID(uuidString: id.lowercasedString) == id)
        }
    }

    @Test("bytes in hexadecimal read as String(format: \"%02x\") per byte; SHA-256 digests as before")
    func hexMatchesFormat() {
        var random = SplitMix(seed: 11)
        var samples: [[UInt8]] = [[], [0], [255], Array(0...255)]
        for _ in 0..<2_000 {
            samples.append((0..<Int.random(in: 1...48, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
        }
        for bytes in samples {
            #expect(Hex.lowercase(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
        }
        for text in ["", "a", "Überprüfung der Aussage", String(repeating: "x", count: 10_000)] {
            #expect(Hex.sha256(text) == SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined())
        }
        // A known digest (SHA-256 of "abc", FIPS 180-2 appendix B.1).
        #expect(Hex.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
