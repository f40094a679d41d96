import Foundation
import Testing

@testable import VerityCore

/// Runs the claim-matching evaluation set (Fixtures/matching, see its README) through the Core matcher alone, as if
/// retrieval had returned every reference: each query is ranked against all 267 references. Prints recall@1, MRR and
/// `checkedBefore` accuracy, overall and for the two topic halves used during development (the second half was held
/// out until a first evaluation; REPORT.md gives those untuned numbers), and fails below floors set a little under
/// what the matcher achieves.
@Suite("Claim matching evaluation")
struct ClaimMatchingEvaluationTests {
    private struct Reference: Decodable {
        var url: String
        var claimReviewed: String
    }

    private struct Query: Decodable {
        var id: String
        var text: String
        var expected: String?
        var nearMissOf: String?
        var change: String?
        var topic: String
    }

    /// Topics developed on; the others were held out.
    private static let developmentTopics: Set<String> = [
        "agriculture", "climate", "crime", "defence", "economy", "education", "elections", "energy", "eu-politics", "health",
    ]

    private struct Tally {
        var matched = 0
        var top1 = 0
        var reciprocalRank = 0.0
        var matchedChecked = 0
        var nearMisses = 0
        var nearMissesRejected = 0
        var unrelated = 0
        var unrelatedRejected = 0

        var recallAt1: Double { Double(top1) / Double(max(matched, 1)) }
        var mrr: Double { reciprocalRank / Double(max(matched, 1)) }
        var matchedAccuracy: Double { Double(matchedChecked) / Double(max(matched, 1)) }
        var nearMissAccuracy: Double { Double(nearMissesRejected) / Double(max(nearMisses, 1)) }
        var unrelatedAccuracy: Double { Double(unrelatedRejected) / Double(max(unrelated, 1)) }
        var unmatchedAccuracy: Double {
            Double(nearMissesRejected + unrelatedRejected) / Double(max(nearMisses + unrelated, 1))
        }

        func line(_ name: String) -> String {
            String(
                format:
                    "%@: recall@1 %.3f (%d/%d), MRR %.3f, checkedBefore matched %.3f, unmatched %.3f (near misses %.3f of %d, unrelated %.3f of %d)",
                name, recallAt1, top1, matched, mrr, matchedAccuracy, unmatchedAccuracy, nearMissAccuracy, nearMisses,
                unrelatedAccuracy, unrelated)
        }
    }

    private func lines<T: Decodable>(_ name: String, as type: T.Type) throws -> [T] {
        let decoder = JSONDecoder()
        return try fixture(name).split(separator: "\n").map { try decoder.decode(T.self, from: Data($0.utf8)) }
    }

    @Test("recall@1, MRR and checkedBefore accuracy on the evaluation set")
    func evaluationSet() async throws {
        // Seconds of CPU work: on a thread of its own, not one of the few Swift concurrency threads other tests need.
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread { continuation.resume(with: Result { try evaluate() }) }.start()
        }
    }

    private func evaluate() throws {
        let references = try lines("matching/references.jsonl", as: Reference.self)
        let queries = try lines("matching/queries.jsonl", as: Query.self)
        #expect(references.count == 267)
        #expect(queries.count == 565)

        let normalized = references.map { ClaimNormalizer.normalize($0.claimReviewed) }
        let weights = ClaimTermWeights(documents: normalized)
        let indexOfURL = Dictionary(uniqueKeysWithValues: references.enumerated().map { ($0.element.url, $0.offset) })

        var all = Tally()
        var development = Tally()
        var heldOut = Tally()  // the second half of the topics
        for query in queries {
            let ranked = ClaimMatcher.rank(query: ClaimNormalizer.normalize(query.text), candidates: normalized, idf: weights, limit: 10)
            let checked = ClaimMatcher.checkedBefore(ranked)
            func record(_ tally: inout Tally) {
                if let expected = query.expected {
                    tally.matched += 1
                    let target = indexOfURL[expected]
                    if let rank = ranked.firstIndex(where: { $0.index == target }) {
                        tally.reciprocalRank += 1 / Double(rank + 1)
                        if rank == 0 { tally.top1 += 1 }
                    }
                    if checked { tally.matchedChecked += 1 }
                } else if query.change == "unrelated" {
                    tally.unrelated += 1
                    if !checked { tally.unrelatedRejected += 1 }
                } else {
                    tally.nearMisses += 1
                    if !checked { tally.nearMissesRejected += 1 }
                }
            }
            record(&all)
            if Self.developmentTopics.contains(query.topic) { record(&development) } else { record(&heldOut) }
        }
        print(all.line("all 565 queries"))
        print(development.line("development topics"))
        print(heldOut.line("second-half topics"))

        #expect(all.matched == 268 && all.nearMisses == 267 && all.unrelated == 30)
        // Floors a little under what the matcher achieves (REPORT.md): all queries recall@1 0.985, MRR 0.992,
        // checkedBefore 0.922 on matched and 0.978 on near misses; second half 0.976, 0.874 and 0.968.
        #expect(all.recallAt1 >= 0.97, "\(all.line("all"))")
        #expect(all.mrr >= 0.98, "\(all.line("all"))")
        #expect(all.matchedAccuracy >= 0.9, "\(all.line("all"))")
        #expect(all.nearMissAccuracy >= 0.96, "\(all.line("all"))")
        #expect(all.unrelatedAccuracy >= 0.95, "\(all.line("all"))")
        #expect(heldOut.recallAt1 >= 0.95, "\(heldOut.line("second half"))")
        #expect(heldOut.matchedAccuracy >= 0.85, "\(heldOut.line("second half"))")
        #expect(heldOut.nearMissAccuracy >= 0.95, "\(heldOut.line("second half"))")
    }
}
