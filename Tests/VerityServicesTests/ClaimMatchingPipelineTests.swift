import Foundation
import Testing
import VerityCore
import VerityData
import VerityServices
import VerityTestSupport

/// The two claim-matching evaluation sets (Tests/VerityCoreTests/Fixtures/matching and matching-2, ClaimReview
/// JSON-LD plus queries) through the whole pipeline as a desk uses it: the references imported into one project
/// by the ClaimReview importer, every query answered by `MatchingService.similar` — PostgreSQL full-text retrieval
/// over the matcher's index tokens, then the reranker — with both sets' 460 references in the pool. Set 2 was
/// written by someone who never saw the matcher and was not used to tune it: its figures are the honest ones.
/// Prints recall@1, MRR (top 10) and checkedBefore accuracy per set; fails under floors a little below them.
/// The evaluation files live with the Core tests (which also run the matcher on them alone).
private func fixture(_ name: String) throws -> String {
    let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    return try String(contentsOf: root.appending(path: "VerityCoreTests/Fixtures/\(name)"), encoding: .utf8)
}

@Suite("Claim matching: evaluation through PostgreSQL")
struct ClaimMatchingPipelineTests {
    private struct Query: Decodable {
        var id: String
        var text: String
        var expected: String?
        var nearMissOf: String?
    }

    private struct Tally {
        var matched = 0
        var top1 = 0
        var reciprocalRank = 0.0
        var matchedChecked = 0
        var nearMisses = 0
        var nearMissesRejected = 0
        var unrelated = 0
        var unrelatedRejected = 0
        var misses: [String] = []

        var recallAt1: Double { Double(top1) / Double(max(matched, 1)) }
        var mrr: Double { reciprocalRank / Double(max(matched, 1)) }
        var matchedAccuracy: Double { Double(matchedChecked) / Double(max(matched, 1)) }
        var nearMissAccuracy: Double { Double(nearMissesRejected) / Double(max(nearMisses, 1)) }
        var unrelatedAccuracy: Double { Double(unrelatedRejected) / Double(max(unrelated, 1)) }

        func line(_ name: String) -> String {
            String(
                format:
                    "%@: %d queries; recall@1 %.3f (%d/%d), MRR %.3f; checkedBefore right on restatements %.3f, near misses %.3f (of %d), unrelated %.3f (of %d)",
                name, matched + nearMisses + unrelated, recallAt1, top1, matched, mrr, matchedAccuracy, nearMissAccuracy, nearMisses,
                unrelatedAccuracy, unrelated)
        }
    }

    @Test("recall@1, MRR and checkedBefore accuracy on both evaluation sets, retrieval included")
    func evaluate() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            let (user, _) = try await context.makeUserWithToken("reader")
            try await context.addMember("desk", "reader", .viewer)
            let matching = MatchingService(database: context.database, projects: context.projects)
            for set in ["matching", "matching-2", "matching-3"] {
                let report = try await matching.importReferences(
                    Data(try fixture("\(set)/references.jsonl").utf8), source: "\(set)/references.jsonl", project: "desk", actor: .system,
                    skipInvalid: false, dryRun: false)
                #expect(report.failed == 0 && report.references >= 90, "\(set): \(report)")
            }
            var tallies: [String: Tally] = [:]
            for set in ["matching", "matching-2", "matching-3"] {
                var tally = Tally()
                for line in try fixture("\(set)/queries.jsonl").split(separator: "\n") {
                    let query = try JSONDecoder().decode(Query.self, from: Data(line.utf8))
                    let result = try await matching.similar(project: "desk", text: query.text, user: user, limit: 10)
                    let urls = result.items.compactMap(\.url)
                    if let expected = query.expected {
                        tally.matched += 1
                        if urls.first == expected { tally.top1 += 1 } else { tally.misses.append("\(query.id) rank") }
                        if let rank = urls.firstIndex(of: expected) { tally.reciprocalRank += 1 / Double(rank + 1) }
                        if result.checkedBefore { tally.matchedChecked += 1 } else { tally.misses.append("\(query.id) unchecked") }
                    } else if query.nearMissOf != nil {
                        tally.nearMisses += 1
                        if !result.checkedBefore { tally.nearMissesRejected += 1 } else { tally.misses.append("\(query.id) near miss accepted") }
                    } else {
                        tally.unrelated += 1
                        if !result.checkedBefore { tally.unrelatedRejected += 1 }
                    }
                }
                print(tally.line(["matching": "set 1 (development)", "matching-2": "set 2", "matching-3": "set 3 (blind)"][set]!))
                tallies[set] = tally
            }
            let development = try #require(tallies["matching"])
            let second = try #require(tallies["matching-2"])
            let blind = try #require(tallies["matching-3"])
            #expect(development.matched + development.nearMisses + development.unrelated >= 500 && blind.matched >= 150)
            #expect(development.recallAt1 >= 0.95 && development.mrr >= 0.96, "\(development.line("set 1"))")
            #expect(development.matchedAccuracy >= 0.88 && development.nearMissAccuracy >= 0.95 && development.unrelatedAccuracy >= 0.95)
            for (name, tally, floors) in [("set 2", second, Floors.second), ("set 3", blind, Floors.blind)] {
                #expect(tally.recallAt1 >= floors.recallAt1 && tally.mrr >= floors.mrr, "\(tally.line(name))")
                #expect(tally.matchedAccuracy >= floors.matched && tally.nearMissAccuracy >= floors.nearMiss, "\(tally.line(name))")
                #expect(tally.unrelatedAccuracy >= 0.95, "\(tally.line(name))")
            }
        }
    }

    /// Floors a little under what was measured (README, "Claim matching"): set 2 after its failures were studied,
    /// set 3 as written, never used to change the matcher.
    enum Floors {
        static let second = (recallAt1: 0.85, mrr: 0.87, matched: 0.52, nearMiss: 0.87)
        static let blind = (recallAt1: 0.9, mrr: 0.92, matched: 0.55, nearMiss: 0.87)
    }
}
