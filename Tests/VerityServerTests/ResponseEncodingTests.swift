import Foundation
import HTTPTypes
import OpenAPIRuntime
import Testing
import VerityAPI
import VerityCore

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

    /// Text that exercises JSON escaping: quotes, backslashes, control characters, slashes, line
    /// separators, accents, emoji and flags.
    private static let awkward = [
        "Plain title", "She said \"no\"", #"C:\path\to"#, "tab\there", "line\nbreak", "\u{01}\u{1F}", "https://example.org/a?b=c&d",
        "Zoë Müller-Łukasiewicz", "\u{2028}\u{2029}", "👩‍👩‍👧 🇺🇦", "",
    ]

    @Test("the article list's hand-written JSON is the generated ArticlePage's, over 400 varied summaries")
    func articleListMatchesGenerated() throws {
        var random = SystemRandomNumberGenerator()
        func maybe(_ value: String) -> String? { Bool.random(using: &random) ? value : nil }
        func text() -> String { Self.awkward.randomElement(using: &random)! + String(Int.random(in: 0..<1000, using: &random)) }
        var items: [ArticleSummary] = []
        for _ in 0..<400 {
            let metadata = ArticleMetadata(
                externalId: maybe(text()), url: maybe(text()), title: maybe(text()), section: maybe(text()), standfirst: maybe(text()),
                author: maybe(text()), authorAffiliation: maybe(text()), publisher: maybe(text()),
                publishedAt: Bool.random(using: &random) ? Date(timeIntervalSince1970: Double.random(in: -1e9..<4e9, using: &random)) : nil,
                language: maybe(["en", "de", "fr"].randomElement(using: &random)!))
            items.append(
                ArticleSummary(
                    id: UUID(), projectId: UUID(), metadata: metadata, contentHash: String(repeating: "ab", count: 32),
                    codePoints: Int.random(in: 1..<1_000_000, using: &random), utf16Length: Int.random(in: 1..<1_000_000, using: &random),
                    spanCount: Int.random(in: 0..<5000, using: &random),
                    createdAt: Date(timeIntervalSince1970: Double.random(in: 1e9..<2e9, using: &random)),
                    revision: Int.random(in: 1..<9, using: &random)))
        }
        for (page, cursor) in [(Array(items[0..<200]), "MTc2NDU0NzE5OTAwMDAwMDpi"), (Array(items[200...]), nil), ([], nil)] {
            var json = JSONWriter()
            ArticleListMiddleware.write(Page(items: page, nextCursor: cursor), to: &json)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.dateEncodingStrategy = .custom { date, encoder in
                var container = encoder.singleValueContainer()
                try container.encode(try ResponseEncoding.DirectDateTranscoder().encode(date))
            }
            let generated = try encoder.encode(
                Components.Schemas.ArticlePage(items: page.map(Components.Schemas.ArticleSummary.init), nextCursor: cursor))
            let mine = try #require(try JSONSerialization.jsonObject(with: Data(json.bytes)) as? NSDictionary)
            let theirs = try #require(try JSONSerialization.jsonObject(with: generated) as? NSDictionary)
            #expect(mine == theirs)
            if mine != theirs { return }
        }
    }

    @Test("only the plain list query is answered by hand; anything else goes to the generated handler")
    func articleListQueryForms() {
        func query(_ path: String, accept: [String] = []) -> (Int?, String?)? {
            var request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: path)
            for value in accept { request.headerFields.append(HTTPField(name: .accept, value: value)) }
            guard ArticleListMiddleware.acceptsPlainJSON(request) else { return nil }
            return ArticleListMiddleware.plainQuery(request).map { ($0.limit, $0.cursor) }
        }
        let base = "/v1/projects/desk/articles"
        #expect(query(base).map { $0.0 == nil && $0.1 == nil } == true)
        #expect(query(base + "?limit=100").map { $0.0 == 100 && $0.1 == nil } == true)
        #expect(query(base + "?limit=0").map { $0.0 == 0 } == true)  // the service refuses it, as the generated path would
        #expect(query(base + "?cursor=MTc2NDU0_-=&limit=7").map { $0.0 == 7 && $0.1 == "MTc2NDU0_-=" } == true)
        #expect(query(base, accept: ["application/json"]) != nil)
        #expect(query(base, accept: ["*/*"]) != nil)
        for other in [
            "?limit=ten", "?limit=", "?limit=-1", "?limit=+5", "?limit=1&limit=2", "?limit=1234567890", "?cursor=a%2Bb", "?cursor=a+b",
            "?cursor=", "?limit", "?limit=5&", "?other=1", "?limit=5&x=y", "?cursor=" + String(repeating: "a", count: 129),
        ] {
            #expect(query(base + other) == nil, "\(other)")
        }
        for accept in [["text/html"], ["application/json;q=0.9"], ["application/json, text/plain"], ["application/json", "text/plain"]] {
            #expect(query(base, accept: accept) == nil, "\(accept)")
        }
    }
}
