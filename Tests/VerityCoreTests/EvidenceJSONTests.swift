import Foundation
import Testing

@testable import VerityCore

/// The export's reader of evidence lists (`Evidence.lists(json:)`), held against Foundation's JSONDecoder,
/// which it stands in for: on generated lists it must read exactly what the decoder reads, and where it
/// declines (nil), the decoder is what decides.
@Suite("Evidence lists read without JSONDecoder")
struct EvidenceJSONTests {
    static func fast(_ text: String) -> [[Evidence]?]? {
        Array(text.utf8).withUnsafeBufferPointer { Evidence.lists(json: $0) }
    }

    static func decoded(_ text: String) -> [[Evidence]?]? {
        try? JSONDecoder().decode([[Evidence]?].self, from: Data(text.utf8))
    }

    /// Text of every kind the readers treat apart: plain, escapes, non-ASCII, astral characters.
    static let texts = [
        "", "Table 3", "a \"quoted\" title", "back\\slash", "line\nbreak\ttab", "Zürich — €", "😀 emoji", "/slashes/",
        "\u{1}control", "long " + String(repeating: "text ", count: 40),
    ]

    static func randomItem(_ random: inout SplitMix) -> Evidence {
        func text() -> String? { Bool.random(using: &random) ? texts.randomElement(using: &random)! : nil }
        func int() -> Int? { Bool.random(using: &random) ? Int.random(in: -5...Int(Int32.max), using: &random) : nil }
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
            var item = Evidence(url: "https://stats.example.org/" + (text() ?? "t"), title: text(), quote: text(), accessed: text())
            item.sourceMedium = text()
            return item
        case 1:
            var item = Evidence(
                articleId: UUID(), start: Int.random(in: 0..<1_000, using: &random), end: Int.random(in: 1_000..<9_000, using: &random))
            item.revision = int()
            item.quote = text()
            if Bool.random(using: &random) { item.spanOrdinals = (0..<Int.random(in: 0..<5, using: &random)).map { $0 * 3 } }
            return item
        default:
            let answers = (0..<Int.random(in: 1..<4, using: &random)).map { _ in
                EvidenceAnswer(
                    answer: text() ?? "yes", answerType: EvidenceAnswer.types.randomElement(using: &random)!, url: text(), sourceMedium: text(),
                    booleanExplanation: text())
            }
            return Evidence(question: text() ?? "Who said it?", answers: answers)
        }
    }

    /// Rewrites encoder output the way PostgreSQL's json output spaces it (`"key": value, …`), so both
    /// layouts are read.
    static func spaced(_ json: String) -> String {
        var out = ""
        var inString = false
        var escaped = false
        for character in json {
            out.append(character)
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
            } else if character == "\"" {
                inString = true
            } else if character == ":" || character == "," {
                out.append(" ")
            }
        }
        return out
    }

    @Test("reads 2,000 generated lists exactly as JSONDecoder does, compact and spaced")
    func agreesWithDecoder() throws {
        var random = SplitMix(seed: 41)
        let encoder = JSONEncoder()
        for round in 0..<2_000 {
            let lists: [[Evidence]?] = (0..<Int.random(in: 0..<4, using: &random)).map { _ in
                Int.random(in: 0..<5, using: &random) == 0 ? nil : (0..<Int.random(in: 0..<4, using: &random)).map { _ in Self.randomItem(&random) }
            }
            let compact = String(decoding: try encoder.encode(lists), as: UTF8.self)
            for text in [compact, Self.spaced(compact)] {
                let fast = Self.fast(text)
                #expect(fast != nil, "declined \(text)")
                #expect(fast == lists, "round \(round): \(text)")
                #expect(fast == Self.decoded(text))
            }
        }
    }

    @Test("skips unknown members and takes null as absent, as the synthesized Codable does")
    func unknownAndNull() {
        let text = """
            [[{"url": "https://a.example/x", "title": null, "extra": {"deep": [1, 2.5, true, null, "s"]}, "start": null}], null, []]
            """
        #expect(Self.fast(text) == [[Evidence(url: "https://a.example/x")], nil, []])
        #expect(Self.fast(text) == Self.decoded(text))
    }

    @Test("declines what only the decoder may decide: wrong types, fractions, missing answer fields, bad JSON")
    func declines() {
        let declined = [
            #"[[{"url": 5}]]"#, #"[[{"start": 1.5}]]"#, #"[[{"start": 1e2}]]"#, #"[[{"start": "1"}]]"#,
            #"[[{"start": 99999999999999999999}]]"#, #"[[{"question": "q", "answers": [{"answer": "a"}]}]]"#,
            #"[[{"spanOrdinals": [1, "2"]}]]"#, #"[[{"url": "x"}]"#, #"[[{"url": "x"}]] trailing"#, #"[{"url": "x"}]"#, "", "null",
            #"[[{"url": "x",}]]"#,
        ]
        for text in declined { #expect(Self.fast(text) == nil, "\(text)") }
    }
}
