import Foundation
import Testing

@testable import VerityCore

@Suite("Agreement statistics")
struct AgreementTests {
    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers, 12 units, missing data.
    static let krippendorffExample: [[String]] = {
        let rows = ["1 2 3 3 2 1 4 1 2 . . .", "1 2 3 3 2 2 4 1 2 5 . 3", ". 3 3 3 2 3 4 2 2 5 1 .", "1 2 3 3 2 4 4 1 2 5 1 ."]
            .map { $0.split(separator: " ").map(String.init) }
        return (0..<12).map { unit in rows.map { $0[unit] }.filter { $0 != "." } }
    }()

    @Test("Krippendorff's worked example: nominal 0.743 and ordinal 0.815, exactly")
    func krippendorff() throws {
        let categories = ["1", "2", "3", "4", "5"]
        let nominal = try #require(Agreement.krippendorffAlpha(Self.krippendorffExample, categories: categories, metric: .nominal))
        let ordinal = try #require(Agreement.krippendorffAlpha(Self.krippendorffExample, categories: categories, metric: .ordinal))
        // Exact values worked out with rational arithmetic; the paper prints them rounded to 0.743 and 0.815.
        #expect(abs(nominal - 113.0 / 152.0) < 1e-9)
        #expect(abs(ordinal - 108_577.0 / 133_160.0) < 1e-9)
        #expect(String(format: "%.3f", nominal) == "0.743" && String(format: "%.3f", ordinal) == "0.815")
    }

    @Test("Fleiss' kappa on the classic 10 subjects × 14 raters example: 0.210, exactly")
    func fleiss() throws {
        let counts = [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ]
        let categories = ["a", "b", "c", "d", "e"]
        let units = counts.map { row in row.enumerated().flatMap { Array(repeating: categories[$0.offset], count: $0.element) } }
        let kappa = try #require(Agreement.fleissKappa(units, categories: categories, raters: 14))
        #expect(abs(kappa - 4211.0 / 20059.0) < 1e-9)
        #expect(String(format: "%.3f", kappa) == "0.210")
        #expect(Agreement.fleissKappa(units, categories: categories, raters: 13) == nil)
    }

    @Test("Cohen's kappa: 50 items, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no is 0.4")
    func cohen() throws {
        let pairs =
            Array(repeating: ("yes", "yes"), count: 20) + Array(repeating: ("yes", "no"), count: 5)
            + Array(repeating: ("no", "yes"), count: 10) + Array(repeating: ("no", "no"), count: 15)
        let kappa = try #require(Agreement.cohenKappa(pairs))
        #expect(abs(kappa - 0.4) < 1e-9)
        #expect(Agreement.cohenKappa([("a", "a"), ("a", "a")]) == nil)
    }

    @Test("percent agreement averages each unit's share of agreeing pairs")
    func percent() {
        #expect(Agreement.percentAgreement([["a", "a"], ["a", "b"], ["a", "a", "b"], ["c"]]) == (1.0 + 0.0 + 1.0 / 3.0) / 3.0)
        #expect(Agreement.percentAgreement([["a"]]) == nil)
    }

    /// Alpha straight from its definition, pair by pair: 1 − D_o/D_e with D_o the mean δ² over pairs of
    /// values within units (each unit's pairs weighted 1/(m_u − 1)) and D_e the mean δ² over all pairs of
    /// pairable values.
    static func naiveAlpha(_ units: [[String]], categories: [String], ordinal: Bool) -> Double? {
        let rank = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        let pairable = units.map { $0.filter { rank[$0] != nil } }.filter { $0.count >= 2 }
        let all = pairable.flatMap { $0 }
        let n = Double(all.count)
        guard n > 1 else { return nil }
        var frequency = [Double](repeating: 0, count: categories.count)
        for value in all { frequency[rank[value]!] += 1 }
        func delta(_ a: String, _ b: String) -> Double {
            let (c, k) = (rank[a]!, rank[b]!)
            if c == k { return 0 }
            guard ordinal else { return 1 }
            let (low, high) = (min(c, k), max(c, k))
            var sum = -(frequency[low] + frequency[high]) / 2
            for g in low...high { sum += frequency[g] }
            return sum * sum
        }
        var observed = 0.0
        for unit in pairable {
            var within = 0.0
            for i in unit.indices { for j in unit.indices where i != j { within += delta(unit[i], unit[j]) } }
            observed += within / Double(unit.count - 1)
        }
        observed /= n
        var expected = 0.0
        for i in all.indices { for j in all.indices where i != j { expected += delta(all[i], all[j]) } }
        expected /= n * (n - 1)
        guard expected > 0 else { return nil }
        return 1 - observed / expected
    }

    @Test("on random data with missing values, alpha agrees with the naive definition", arguments: 0..<40)
    func randomized(seed: Int) throws {
        var rng = SplitMix(seed: UInt64(seed) &+ 12345)
        let scale = RatingScale.standard.ratings.map(\.value)
        let ordinalCategories = RatingScale.standard.ratings.filter { $0.ordinal != nil }.sorted { $0.ordinal! < $1.ordinal! }.map(\.value)
        let units: [[String]] = (0..<Int.random(in: 2...40, using: &rng)).map { _ in
            (0..<Int.random(in: 0...6, using: &rng)).map { _ in scale[Int.random(in: 0..<scale.count, using: &rng)] }
        }
        let fast = Agreement.krippendorffAlpha(units, categories: scale, metric: .nominal)
        let naive = Self.naiveAlpha(units, categories: scale, ordinal: false)
        #expect((fast == nil) == (naive == nil))
        if let fast, let naive { #expect(abs(fast - naive) < 1e-9) }
        let fastOrdinal = Agreement.krippendorffAlpha(units, categories: ordinalCategories, metric: .ordinal)
        let naiveOrdinal = Self.naiveAlpha(units, categories: ordinalCategories, ordinal: true)
        #expect((fastOrdinal == nil) == (naiveOrdinal == nil))
        if let fastOrdinal, let naiveOrdinal { #expect(abs(fastOrdinal - naiveOrdinal) < 1e-9) }
    }

    @Test("the report: pairs with Cohen's kappa and a confusion matrix; unverifiable left out of ordinal alpha")
    func report() {
        let units: [Agreement.Unit] = [
            ["ana": "true", "bo": "true"], ["ana": "false", "bo": "mostly-false"], ["ana": "unverifiable", "bo": "unverifiable", "cy": "true"],
            ["bo": "mixed"],
        ]
        let report = AgreementReport(units: units, scale: .standard, reviewersPerClaim: 2)
        #expect(report.claims == 3)
        #expect(report.pairs.map { "\($0.a)-\($0.b)" } == ["ana-bo", "ana-cy", "bo-cy"])
        let anaBo = report.pairs[0]
        #expect(anaBo.n == 3 && anaBo.percentAgreement == 2.0 / 3.0)
        #expect(anaBo.confusion[0][0] == 1)  // true / true
        #expect(anaBo.confusion[4][3] == 1)  // false / mostly-false
        #expect(report.fleissKappa != nil)
        let ordinalOnly = Agreement.krippendorffAlpha(
            units.map { Array($0.values) }, categories: ["false", "mostly-false", "mixed", "mostly-true", "true"], metric: .ordinal)
        #expect(report.krippendorffAlphaOrdinal == ordinalOnly)
    }
}

/// A small seeded generator, so randomized tests are reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
