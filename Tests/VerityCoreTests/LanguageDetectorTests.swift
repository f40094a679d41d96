import Foundation
import Testing

@testable import VerityCore

/// Paragraphs written for this test, ten per language, plus inputs the detector must not guess on.
private func samples() throws -> [String: [String]] {
    try JSONDecoder().decode([String: [String]].self, from: Data(try fixture("sbd/language-samples.json").utf8))
}

@Suite("Language detection")
struct LanguageDetectorTests {
    @Test("ten paragraphs in each language are recognised", arguments: ["en", "de", "fr", "es", "it", "pt", "nl", "ru"])
    func paragraphs(_ language: String) throws {
        let paragraphs = try #require(try samples()[language])
        #expect(paragraphs.count >= 10)
        for paragraph in paragraphs {
            #expect(LanguageDetector.detect(paragraph) == language, "\(paragraph)")
        }
    }

    @Test("short, mixed, unknown-language and non-prose inputs give nil")
    func unsure() throws {
        let inputs = try #require(try samples()["unsure"])
        #expect(inputs.count >= 10)
        for input in inputs {
            #expect(LanguageDetector.detect(input) == nil, "\(input)")
        }
    }

    @Test("only the start of a long text is read, and reading it is fast")
    func sample() throws {
        let german = try #require(try samples()["de"]).joined(separator: " ")
        let english = try #require(try samples()["en"]).joined(separator: " ")
        // German fills the sample; the English after it is never read.
        #expect(german.utf8.count * 2 > LanguageDetector.sampleBytes)
        #expect(LanguageDetector.detect(german + " " + german + String(repeating: " " + english, count: 50)) == "de")
        // Half and half within the sample is a mix.
        #expect(LanguageDetector.detect(german + " " + english) == nil)
        let long = String(repeating: english + " ", count: 2_000)
        let start = ContinuousClock.now
        for _ in 0..<100 { #expect(LanguageDetector.detect(long) == "en") }
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test("a detected language selects its segmentation rules")
    func detectedRules() {
        let text = "Die Abstimmung fand am 3. Oktober statt, und die Ergebnisse wurden am Abend bekannt gegeben. Sie waren knapp."
        let language = LanguageDetector.detect(text)
        #expect(language == "de")
        #expect(SentenceSegmenter.segment(text, language: language).count == 2)
        #expect(SentenceSegmenter.segment(text).count == 3)
    }
}
