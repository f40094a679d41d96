import Foundation
import Testing

@testable import VerityServer

/// Responses write dates directly instead of through OpenAPIRuntime's shared, locked formatter; the text
/// must stay exactly what that formatter (ISO8601DateFormatter, internet date-time) wrote.
@Suite("Response encoding")
struct ResponseEncodingTests {
    @Test("dates in responses are written as ISO8601DateFormatter writes them, over 20,000 instants")
    func datesMatchFoundation() throws {
        let formatter = ISO8601DateFormatter()
        let transcoder = ResponseEncoding.DirectDateTranscoder()
        var generator = SystemRandomNumberGenerator()
        var instants: [Double] = [0, -1, -0.5, 1e-7, 59.999_999_9, 951_782_400, 4_102_444_799.999_999, 1_764_547_199.5]
        for _ in 0..<20_000 {
            // 1900 to 2100: whole seconds, microseconds, arbitrary fractions, and near-ties of the rounding.
            let seconds = Double(Int64.random(in: -2_208_988_800...4_102_444_800, using: &generator))
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: instants.append(seconds)
            case 1: instants.append(seconds + Double(Int.random(in: 0..<1_000_000, using: &generator)) / 1_000_000)
            case 2: instants.append(seconds + 0.9995 + Double.random(in: -0.000_01..<0.000_01, using: &generator))
            default: instants.append(seconds + Double.random(in: 0..<1, using: &generator))
            }
        }
        for instant in instants {
            let date = Date(timeIntervalSince1970: instant)
            let expected = formatter.string(from: date)
            #expect(try transcoder.encode(date) == expected, "\(instant)")
            if try transcoder.encode(date) != expected { return }
        }
        #expect(try transcoder.decode("2026-11-29T10:00:00Z") == Date(timeIntervalSince1970: 1_795_946_400))
    }
}
