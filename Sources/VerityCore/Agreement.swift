/// Inter-rater agreement, exact to the published definitions.
///
/// Input is reliability data: for each unit (a claim), the value each coder (a reviewer) gave, with
/// coders free to skip units. Values are ratings; for ordinal measures, ratings carry a rank on the
/// scale and ratings without one (`unverifiable`) are left out.
package enum Agreement {
    /// One unit's values, by coder.
    package typealias Unit = [String: String]

    // MARK: - Krippendorff's alpha

    /// Krippendorff's alpha over units with missing data: units with fewer than two values are not
    /// pairable and do not count. nil when there is no pairable unit or no variation to speak of
    /// (expected disagreement zero). `distance` is the squared difference function δ²(c, k) over the
    /// category indices of `categories`, computed from the values' marginal frequencies when needed.
    /// Following Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011).
    package static func krippendorffAlpha(_ units: [[String]], categories: [String], metric: Metric) -> Double? {
        let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        let q = categories.count
        var coincidences = [[Double]](repeating: [Double](repeating: 0, count: q), count: q)
        for unit in units {
            let values = unit.compactMap { index[$0] }
            let m = values.count
            guard m >= 2 else { continue }
            // Every ordered pair of values from different coders, weighted 1/(m_u - 1).
            var counts = [Int](repeating: 0, count: q)
            for value in values { counts[value] += 1 }
            for c in 0..<q where counts[c] > 0 {
                for k in 0..<q where counts[k] > 0 {
                    let pairs = c == k ? counts[c] * (counts[c] - 1) : counts[c] * counts[k]
                    coincidences[c][k] += Double(pairs) / Double(m - 1)
                }
            }
        }
        let marginals = coincidences.map { $0.reduce(0, +) }
        let n = marginals.reduce(0, +)
        guard n > 1 else { return nil }
        let delta = metric.squaredDistances(marginals: marginals)
        var observed = 0.0
        var expected = 0.0
        for c in 0..<q {
            for k in 0..<q {
                observed += coincidences[c][k] * delta[c][k]
                expected += marginals[c] * marginals[k] * delta[c][k]
            }
        }
        guard expected > 0 else { return nil }
        return 1 - (n - 1) * observed / expected
    }

    /// Krippendorff's difference functions.
    package enum Metric: Sendable {
        /// Same category or not.
        case nominal
        /// Ranked categories (in `categories` order): δ²(c, k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)².
        case ordinal

        func squaredDistances(marginals: [Double]) -> [[Double]] {
            let q = marginals.count
            var delta = [[Double]](repeating: [Double](repeating: 0, count: q), count: q)
            for c in 0..<q {
                for k in 0..<q where c != k {
                    switch self {
                    case .nominal:
                        delta[c][k] = 1
                    case .ordinal:
                        let (low, high) = (min(c, k), max(c, k))
                        let sum = marginals[low...high].reduce(0, +) - (marginals[low] + marginals[high]) / 2
                        delta[c][k] = sum * sum
                    }
                }
            }
            return delta
        }
    }

    // MARK: - Fleiss' kappa

    /// Fleiss' kappa (Fleiss 1971) over units that each have exactly `raters` values. nil when no unit
    /// qualifies or chance agreement is total.
    package static func fleissKappa(_ units: [[String]], categories: [String], raters: Int) -> Double? {
        guard raters >= 2 else { return nil }
        let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        let rows: [[Int]] = units.compactMap { unit in
            let values = unit.compactMap { index[$0] }
            guard values.count == raters else { return nil }
            var counts = [Int](repeating: 0, count: categories.count)
            for value in values { counts[value] += 1 }
            return counts
        }
        guard !rows.isEmpty else { return nil }
        let n = Double(raters)
        let subjects = Double(rows.count)
        let p = (0..<categories.count).map { j in Double(rows.reduce(0) { $0 + $1[j] }) / (subjects * n) }
        let agreement = rows.map { row in (Double(row.reduce(0) { $0 + $1 * $1 }) - n) / (n * (n - 1)) }
        let observed = agreement.reduce(0, +) / subjects
        let chance = p.reduce(0) { $0 + $1 * $1 }
        guard chance < 1 else { return nil }
        return (observed - chance) / (1 - chance)
    }

    // MARK: - Cohen's kappa

    /// Cohen's kappa (1960) for two coders over the units both coded. nil with no shared unit or when
    /// chance agreement is total.
    package static func cohenKappa(_ pairs: [(String, String)]) -> Double? {
        guard !pairs.isEmpty else { return nil }
        let total = Double(pairs.count)
        let observed = Double(pairs.filter { $0.0 == $0.1 }.count) / total
        var first: [String: Double] = [:]
        var second: [String: Double] = [:]
        for (a, b) in pairs {
            first[a, default: 0] += 1
            second[b, default: 0] += 1
        }
        let chance = first.reduce(0.0) { $0 + ($1.value / total) * ((second[$1.key] ?? 0) / total) }
        guard chance < 1 else { return nil }
        return (observed - chance) / (1 - chance)
    }

    // MARK: - Percent agreement

    /// The share of agreeing pairs of values within units, averaged over units with at least two values.
    package static func percentAgreement(_ units: [[String]]) -> Double? {
        let shares: [Double] = units.compactMap { values in
            guard values.count >= 2 else { return nil }
            var agreeing = 0
            var pairs = 0
            for i in 0..<values.count {
                for j in (i + 1)..<values.count {
                    pairs += 1
                    if values[i] == values[j] { agreeing += 1 }
                }
            }
            return Double(agreeing) / Double(pairs)
        }
        guard !shares.isEmpty else { return nil }
        return shares.reduce(0, +) / Double(shares.count)
    }
}

/// Agreement figures for a set of claims judged on one rating scale.
package struct AgreementReport: Sendable, Equatable {
    /// Agreement between two reviewers over the claims both judged.
    package struct Pair: Sendable, Equatable {
        package var a: String
        package var b: String
        package var n: Int
        package var cohenKappa: Double?
        package var percentAgreement: Double
        /// `confusion[i][j]`: claims `a` rated `ratings[i]` and `b` rated `ratings[j]`.
        package var confusion: [[Int]]
    }

    /// Claims with at least two verdicts (the pairable ones).
    package var claims: Int
    package var krippendorffAlphaNominal: Double?
    package var krippendorffAlphaOrdinal: Double?
    package var fleissKappa: Double?
    package var percentAgreement: Double?
    /// The scale's ratings, in order: the rows and columns of each pair's confusion matrix.
    package var ratings: [String]
    package var pairs: [Pair]

    /// Computes every figure from each claim's verdicts (reviewer → rating). Ordinal alpha uses the
    /// scale's order and leaves out ratings without an ordinal; Fleiss' kappa uses claims with exactly k verdicts.
    package init(units: [Agreement.Unit], scale: RatingScale, reviewersPerClaim k: Int) {
        let values = units.map { Array($0.values) }
        let nominal = scale.ratings.map(\.value)
        // Ordinal categories from lowest to highest; the direction does not change alpha.
        let ordinal = scale.ratings.filter { $0.ordinal != nil }.sorted { $0.ordinal! < $1.ordinal! }.map(\.value)
        claims = values.filter { $0.count >= 2 }.count
        krippendorffAlphaNominal = Agreement.krippendorffAlpha(values, categories: nominal, metric: .nominal)
        krippendorffAlphaOrdinal = Agreement.krippendorffAlpha(values, categories: ordinal, metric: .ordinal)
        fleissKappa = Agreement.fleissKappa(values, categories: nominal, raters: k)
        percentAgreement = Agreement.percentAgreement(values)
        ratings = nominal
        let reviewers = Set(units.flatMap(\.keys)).sorted()
        let position = Dictionary(uniqueKeysWithValues: nominal.enumerated().map { ($1, $0) })
        var pairs: [Pair] = []
        for (i, a) in reviewers.enumerated() {
            for b in reviewers[(i + 1)...] {
                let shared = units.compactMap { unit -> (String, String)? in
                    guard let x = unit[a], let y = unit[b] else { return nil }
                    return (x, y)
                }
                guard !shared.isEmpty else { continue }
                var confusion = [[Int]](repeating: [Int](repeating: 0, count: nominal.count), count: nominal.count)
                for (x, y) in shared {
                    if let r = position[x], let c = position[y] { confusion[r][c] += 1 }
                }
                pairs.append(
                    Pair(
                        a: a, b: b, n: shared.count, cohenKappa: Agreement.cohenKappa(shared),
                        percentAgreement: Double(shared.filter { $0.0 == $0.1 }.count) / Double(shared.count), confusion: confusion))
            }
        }
        self.pairs = pairs
    }
}
