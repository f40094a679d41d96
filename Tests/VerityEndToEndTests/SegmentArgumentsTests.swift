import Testing

@testable import VerityCLI

/// `verity segment` reads its plain command lines without ArgumentParser. Whatever that reading accepts,
/// ArgumentParser must read the same way; what it declines goes to the parser, so only agreement matters.
@Suite("segment: the plain-argument reading agrees with ArgumentParser")
struct SegmentArgumentsTests {
    @Test("every accepted command line parses to the same invocation; help, unknown and repeated options are left to the parser")
    func agreesWithParser() throws {
        let words = [
            "--jsonl", "--page", "--language", "de", "--language=fr", "--language=", "auto", "-", "file.txt", "other.txt", "--help", "-h",
            "--bogus", "--", "-x", "--jsonl=1", "--language=-", "--lang", "--LANGUAGE",
        ]
        // Every sequence of up to three words from the list: 7,000 command lines.
        var lines: [[String]] = [[]]
        for length in 1...3 {
            var next: [[String]] = []
            for line in lines where line.count == length - 1 { for word in words { next.append(line + [word]) } }
            lines += next
        }
        var accepted = 0
        for line in lines {
            guard let plain = Segmentation(arguments: line) else { continue }
            accepted += 1
            let parsed = try #require(try? SegmentCommand.parse(line), "the parser refuses \(line), the plain reading accepts it")
            #expect(parsed.segmentation == plain, "\(line)")
        }
        // The common forms are taken by the plain reading.
        for line in [["--jsonl", "-"], ["--jsonl", "--language", "de", "-"], ["file.txt"], [], ["--page", "--language=auto", "x"]] {
            #expect(Segmentation(arguments: line) != nil, "\(line)")
        }
        #expect(Segmentation(arguments: ["--help"]) == nil && Segmentation(arguments: ["--jsonl", "--jsonl"]) == nil)
        #expect(accepted > 150)
    }
}
