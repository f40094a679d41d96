import Testing

@testable import VerityCore

private func sentences(_ text: String) -> [String] {
    let index = TextIndex(text)
    return SentenceSegmenter.segment(text).map { index.slice($0.lowerBound, $0.upperBound) }
}

@Suite("Sentence segmentation")
struct SentenceSegmenterTests {
    @Test(
        "abbreviations, titles and initials do not end sentences",
        arguments: [
            ("The U.S. and the U.N. disagreed on Tuesday.", 1),
            ("Dr. Okafor and Mr. Levin met Prof. Ruiz at St. Paul's.", 1),
            ("Officials, e.g. the mayor, declined; i.e. nobody spoke.", 1),
            ("The vote was held at 10 a.m. on Jan. 5 in Room No. 4.", 1),
            ("Author J. R. R. Tolkien wrote it, said Mary K. Ashworth.", 1),
            ("Rates fell 0.25 points to 4.75% after version 2.1.3 shipped.", 1),
            ("Pitt, Briggs & Co. signed it. It closed yesterday.", 2),
            ("She moved to the U.S. He stayed in Kyiv.", 2),
        ])
    func abbreviations(_ text: String, _ count: Int) {
        #expect(sentences(text).count == count, "\(sentences(text))")
    }

    @Test("quotes and brackets around sentence ends")
    func quotes() {
        #expect(sentences("He said it was “municipal”. Then he left.") == ["He said it was “municipal”.", "Then he left."])
        #expect(
            sentences("“We will win,” she said. “Nothing stops us.” The crowd cheered.")
                == ["“We will win,” she said.", "“Nothing stops us.”", "The crowd cheered."])
        #expect(sentences("He asked \"Why now?\" and waited. Nobody answered.") == ["He asked \"Why now?\" and waited.", "Nobody answered."])
        #expect(sentences("The law (passed in 2019.) was repealed. Few noticed.") == ["The law (passed in 2019.) was repealed.", "Few noticed."])
        #expect(sentences("'It is over.' She hung up.") == ["'It is over.'", "She hung up."])
    }

    @Test("question and exclamation runs, ellipses")
    func runs() {
        #expect(sentences("Really?! Yes. Wow!!! OK?") == ["Really?!", "Yes.", "Wow!!!", "OK?"])
        #expect(sentences("He paused… Then he spoke.") == ["He paused…", "Then he spoke."])
        #expect(sentences("It was . . . strange. And then... nothing.") == ["It was . . . strange.", "And then... nothing."])
        #expect(sentences("“Who sent you?” asked the guard.") == ["“Who sent you?” asked the guard."])
    }

    @Test("headlines and list items without final punctuation are one sentence each")
    func unpunctuated() {
        #expect(sentences("Ministers meet in Brussels") == ["Ministers meet in Brussels"])
        #expect(sentences("- Taxes rise\n- Spending falls") == ["- Taxes rise", "- Spending falls"])
        #expect(sentences("1. Open the file 2. Read the data 3. Close it") == ["1. Open the file", "2. Read the data", "3. Close it"])
    }

    @Test("a full stop glued to the next sentence splits; URLs, e-mail addresses and decimals don't")
    func gluedStops() {
        #expect(sentences("Hello world.Today is Tuesday.") == ["Hello world.", "Today is Tuesday."])
        #expect(sentences("Write to press@example.org. See www.Example.com.") == ["Write to press@example.org.", "See www.Example.com."])
        #expect(sentences("It cost $3.50. Cheap.") == ["It cost $3.50.", "Cheap."])
    }

    @Test("emoji, flags, skin tones and combining marks are never split")
    func graphemes() {
        #expect(
            sentences("Great news! 🎉 The bridge opened. Café owners 👩🏽‍🍳 cheered.")
                == ["Great news! 🎉", "The bridge opened.", "Café owners 👩🏽‍🍳 cheered."])
        #expect(sentences("Zoe\u{0308} won.") == ["Zoe\u{0308} won."])
    }

    @Test("CJK full stops end sentences without a space")
    func cjk() {
        #expect(sentences("東京は大きい。大阪も大きい！本当？") == ["東京は大きい。", "大阪も大きい！", "本当？"])
    }

    @Test("offsets are code points, end exclusive")
    func offsets() {
        let ranges = SentenceSegmenter.segment("👍 Yes. No.")
        #expect(ranges == [0..<6, 7..<10])
    }
}
