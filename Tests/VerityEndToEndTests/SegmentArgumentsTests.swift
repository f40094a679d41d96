import Testing
import VerityData

@testable import VerityCLI

/// `verity segment` reads its plain command lines without ArgumentParser. Whatever that reading accepts,
/// ArgumentParser must read the same way; what it declines goes to the parser, so only agreement matters.
@Suite("segment: the plain-argument reading agrees with ArgumentParser")
struct SegmentArgumentsTests {
    @Test("every accepted command line parses to the same invocation; help, unknown and repeated options are left to the parser")
    func agreesWithParser() async throws {
        // ArgumentParser takes about a millisecond per command line: the comparison runs on a thread of its
        // own, not on the test process's cooperative threads, which other suites' requests need meanwhile.
        let (accepted, disagreements) = try await onBlockingThread { Self.compareAll() }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
        // The common forms are taken by the plain reading.
        for line in [["--jsonl", "-"], ["--jsonl", "--language", "de", "-"], ["file.txt"], [], ["--page", "--language=auto", "x"]] {
            #expect(Segmentation(arguments: line) != nil, "\(line)")
        }
        #expect(Segmentation(arguments: ["--help"]) == nil && Segmentation(arguments: ["--jsonl", "--jsonl"]) == nil)
        #expect(accepted > 150)
    }

    /// Every sequence of up to three words from a list (7,000 command lines): how many the plain reading
    /// accepts, and each of those the parser refuses or reads differently.
    static func compareAll() -> (accepted: Int, disagreements: [String]) {
        let words = [
            "--jsonl", "--page", "--language", "de", "--language=fr", "--language=", "auto", "-", "file.txt", "other.txt", "--help", "-h",
            "--bogus", "--", "-x", "--jsonl=1", "--language=-", "--lang", "--LANGUAGE",
        ]
        var lines: [[String]] = [[]]
        for length in 1...3 {
            var next: [[String]] = []
            for line in lines where line.count == length - 1 { for word in words { next.append(line + [word]) } }
            lines += next
        }
        var accepted = 0
        var disagreements: [String] = []
        for line in lines {
            guard let plain = Segmentation(arguments: line) else { continue }
            accepted += 1
            guard let parsed = try? SegmentCommand.parse(line) else {
                disagreements.append("the parser refuses \(line), the plain reading accepts it")
                continue
            }
            if parsed.segmentation != plain { disagreements.append("\(line): parser \(parsed.segmentation), plain \(plain)") }
        }
        return (accepted, disagreements)
    }
}
