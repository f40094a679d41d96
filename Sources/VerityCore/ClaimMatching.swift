import Foundation

// "Has this been checked before?" — the VerityCore half of claim matching.
//
// PostgreSQL retrieves candidates (reference fact-checks and earlier claims) with a full-text query over
// `NormalizedClaim.indexText`; this file reranks them. The reranker is a lexical similarity over canonical tokens
// (aliases and synonyms already merged by `ClaimNormalizer`), multiplied by consistency checks that catch the
// near misses a lexical score ranks first: another number, year, direction, negation, place, population,
// measured quantity or subject, or swapped roles. Each check is a multiplicative penalty, so one clear
// contradiction is enough to push a pair under `ClaimMatcher.checkedBeforeThreshold`, while a restatement that
// merely leaves something out loses a little.

/// A claim reduced to what matching compares. Produced by `ClaimNormalizer.normalize(_:language:)`; `Codable` so
/// it can be stored next to the claim (for example as `jsonb`) instead of being recomputed for every query.
package struct NormalizedClaim: Sendable, Hashable, Codable {
    /// Space-separated canonical tokens for `to_tsvector('simple', indexText)`: stems, alias-resolved entities
    /// ("germany", "ecb", "youth"), quantities ("pct13", "eur3tn", "n720") and years ("y2023", "y1990s").
    package var indexText: String
    /// Canonical tokens with their type, in order of first appearance (no quantities or years).
    package var terms: [ClaimTerm]
    /// Numbers with kind and unit, in order of appearance (years are in `years`).
    package var quantities: [ClaimQuantity]
    /// Years, decades and centuries mentioned.
    package var years: [ClaimYearSpan]
    /// Months mentioned (bit 0 = January), including seasons, halves and quarters of a year.
    package var months: UInt16
    /// Periods a quantity is counted over, in days ("a week" = 7, "annually" = 365.25, "per decade" = 3652.5; 0 for
    /// "in total").
    package var ratePeriods: [Double]
    /// Net direction of change words: +1 rose/increased/doubled, -1 fell/cut/halved, 0 none or mixed.
    package var change: Int8
    /// Net direction of degree words outside `comparison`: +1 highest/more/above, -1 lowest/fewer, 0 none.
    package var degree: Int8
    /// Whether the claim is negated (odd number of negations that no construction used up).
    package var negated: Bool
    /// "A … more … than B", "A overtook B", "B lost … to A", with the sides as canonical tokens.
    package var comparison: ClaimComparison?
    /// The claim asserts equality ("equal prize money", "the same"), which contradicts a comparison.
    package var equality: Bool
    /// Entities mentioned only as the exception ("only the US exports more than the Dutch"), left out of the
    /// substitution checks.
    package var exceptions: [String]
    /// The language the text was normalised as.
    package var language: String?

    /// Creates a normalised claim from its parts (normally only `ClaimNormalizer` does this).
    package init(
        indexText: String, terms: [ClaimTerm], quantities: [ClaimQuantity], years: [ClaimYearSpan], months: UInt16,
        ratePeriods: [Double], change: Int8, degree: Int8, negated: Bool, comparison: ClaimComparison?, equality: Bool = false,
        exceptions: [String] = [], language: String?
    ) {
        self.indexText = indexText
        self.terms = terms
        self.quantities = quantities
        self.years = years
        self.months = months
        self.ratePeriods = ratePeriods
        self.change = change
        self.degree = degree
        self.negated = negated
        self.comparison = comparison
        self.equality = equality
        self.exceptions = exceptions
        self.language = language
    }

    /// `exceptions` as a set.
    var exceptionSet: Set<String> { Set(exceptions) }

    /// The index tokens in three groups for `setweight(to_tsvector('simple', …), 'A' | 'B' | 'D')`: A entities
    /// (places, cities, organisations), quantities and years; B populations, measured quantities and subjects; D
    /// other concepts and words. Retrieval ranks a shared entity or number above a shared common word.
    package var indexSections: (a: String, b: String, d: String) {
        var a: [String] = []
        var b: [String] = []
        var d: [String] = []
        for term in terms {
            switch term.type {
            case .place, .city, .capital, .organisation: a.append(term.token)
            case .population, .measure, .subject: b.append(term.token)
            case .concept, .word: d.append(term.token)
            }
        }
        for quantity in quantities where !a.contains(quantity.indexToken) { a.append(quantity.indexToken) }
        for span in years where !a.contains(span.indexToken) { a.append(span.indexToken) }
        return (a.joined(separator: " "), b.joined(separator: " "), d.joined(separator: " "))
    }

    /// The candidate query for PostgreSQL: `to_tsquery('simple', tsquery)`, an OR of every index token
    /// ("germany | gdp | pct0p3 | y2023"); empty when the claim has no token. Tokens are `[a-z0-9]` only, so
    /// nothing needs quoting.
    package var tsquery: String {
        indexText.split(separator: " ").joined(separator: " | ")
    }

    /// Canonical tokens of one type, for example the countries and regions (`.place`).
    package func tokens(_ type: ClaimLexicon.TokenType) -> [String] { terms.filter { $0.type == type }.map(\.token) }
    /// Countries and regions.
    package var places: [String] { tokens(.place) }
    /// Institutions, parties, companies, programmes, teams.
    package var organisations: [String] { tokens(.organisation) }
    /// Population qualifiers (youth, women, nurses…).
    package var populations: [String] { tokens(.population) }
    /// What is measured (turnout, debt, unemployment…).
    package var measures: [String] { tokens(.measure) }
    /// What the claim is about (gas, rape, measles…) and qualifiers (gross, primary…).
    package var subjects: [String] { tokens(.subject) }
}

/// A canonical token and what kind of thing it names.
package struct ClaimTerm: Sendable, Hashable, Codable {
    /// The token as it appears in `indexText`.
    package var token: String
    /// Its type; substitutions are only detected between tokens of the same type.
    package var type: ClaimLexicon.TokenType
    /// Stable 64-bit FNV-1a hash of `token` (the same in every process), so scoring compares integers.
    package var id: UInt64
    /// A token that says little on its own ("rate", "country"), weighed less without document frequencies.
    package var light: Bool
    /// The lexicon has soft equivalents for it (EU ~ Europe), so scoring looks them up.
    package var soft: Bool
    /// FNV-1a hash of the derivational root of an untyped word (`ClaimLemmatizer.root`), or of the canonical token
    /// itself for lexicon tokens: "childhood" and the population "child" share it. Not encoded; recomputed on
    /// decoding.
    package var rootID: UInt64

    /// Creates a term; the flags come from the lexicon.
    package init(token: String, type: ClaimLexicon.TokenType) {
        self.init(token: token, type: type, soft: ClaimLexicon.shared.compatibility[token] != nil)
    }

    /// Creates a term with a known `soft` flag (used while the lexicon itself is being built).
    init(token: String, type: ClaimLexicon.TokenType, soft: Bool) {
        self.token = token
        self.type = type
        self.id = Self.stableID(token)
        self.light = ClaimLexicon.lightTokens.contains(token)
        self.soft = soft
        self.rootID = type == .word ? Self.stableID(ClaimLemmatizer.root(token)) : id
    }

    private enum CodingKeys: String, CodingKey { case token, type, id, light, soft }

    /// Decodes the stored fields and recomputes `rootID`.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        token = try container.decode(String.self, forKey: .token)
        type = try container.decode(ClaimLexicon.TokenType.self, forKey: .type)
        id = try container.decode(UInt64.self, forKey: .id)
        light = try container.decode(Bool.self, forKey: .light)
        soft = try container.decode(Bool.self, forKey: .soft)
        rootID = type == .word ? Self.stableID(ClaimLemmatizer.root(token)) : id
    }

    /// Encodes the stored fields (not `rootID`).
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(token, forKey: .token)
        try container.encode(type, forKey: .type)
        try container.encode(id, forKey: .id)
        try container.encode(light, forKey: .light)
        try container.encode(soft, forKey: .soft)
    }

    /// FNV-1a over the UTF-8 bytes.
    package static func stableID(_ token: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in token.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }
}

/// A number in a claim with its kind and unit, normalised to a base unit.
package struct ClaimQuantity: Sendable, Hashable, Codable {
    /// What the number measures. `percent` and `ratio` share a scale (per cent), so "1.4 times GDP" equals
    /// "140% of GDP" and "halved" equals "50 per cent less".
    package enum Kind: String, Sendable, Hashable, Codable {
        case percent, percentagePoints, money, count, ratio, duration, length, area, mass, temperature, speed
        case energy, power, volume, age, rank, points
    }

    /// The kind.
    package var kind: Kind
    /// Value in the base unit: per cent, currency units, days, metres, m², kg, °C, km/h, kWh, W, litres, years of
    /// age, rank, or a plain count.
    package var value: Double
    /// ISO-like currency code for money ("eur", "usd", "gbp").
    package var currency: String?
    /// Hedged ("about", "nearly"), bounded ("more than"), a fraction word or a converted unit: compared with a
    /// tolerance instead of exactly.
    package var approximate: Bool
    /// +1 for "more than / over / above", -1 for "less than / under / below", 0 for none.
    package var bound: Int8
    /// Token position in the claim, for the order check.
    package var position: Int

    /// Creates a quantity.
    package init(kind: Kind, value: Double, currency: String?, approximate: Bool, bound: Int8, position: Int) {
        self.kind = kind
        self.value = value
        self.currency = currency
        self.approximate = approximate
        self.bound = bound
        self.position = position
    }

    /// The group within which two unmatched quantities are a substitution ("3%" for "30%").
    var dimension: String {
        switch kind {
        case .percent, .ratio: "share"
        case .money: "money-\(currency ?? "")"
        case .count, .age, .points: "count"
        default: kind.rawValue
        }
    }

    /// Token for the index: "pct13", "pct0p3", "eur3tn", "n720", "x2".
    var indexToken: String {
        let prefix: String =
            switch kind {
            case .percent: "pct"
            case .percentagePoints: "pp"
            case .money: currency ?? "money"
            case .count, .points: "n"
            case .ratio: "x"
            case .duration: "days"
            case .age: "age"
            case .rank: "rank"
            default: String(kind.rawValue.prefix(4))
            }
        var v = kind == .ratio ? value / 100 : value
        var scale = ""
        if kind == .money || kind == .count {
            for (s, f) in [("tn", 1e12), ("bn", 1e9), ("m", 1e6)] where abs(v) >= f {
                v /= f
                scale = s
                break
            }
        }
        var digits = ClaimTokenizer.canonicalNumber((v * 1000).rounded() / 1000)
        if let dot = digits.firstIndex(of: ".") { digits.replaceSubrange(dot...dot, with: "p") }
        return prefix + digits + scale
    }
}

/// A year or a span of years ("the 1990s" is 1990…1999, "the twentieth century" 1900…1999).
package struct ClaimYearSpan: Sendable, Hashable, Codable {
    /// First year.
    package var lower: Int
    /// Last year.
    package var upper: Int

    /// Creates a span.
    package init(lower: Int, upper: Int) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether the two spans share a year.
    func overlaps(_ other: ClaimYearSpan) -> Bool { lower <= other.upper && other.lower <= upper }

    /// Token for the index: "y2023", "y1990s", "y1900to1999".
    var indexToken: String { lower == upper ? "y\(lower)" : upper - lower == 9 ? "y\(lower)s" : "y\(lower)to\(upper)" }
}

/// A comparison between two sides: `left` is ahead of `right` in `direction` (+1 more/higher/overtook, -1 less).
/// "No X … more … than Y" is stored as Y ahead of X; "B was overtaken by A" and "B lost … to A" as A ahead of B.
package struct ClaimComparison: Sendable, Hashable, Codable {
    /// +1 or -1.
    package var direction: Int
    /// Canonical tokens of the first side.
    package var left: [String]
    /// Canonical tokens of the second side (after "than", or the object of "overtook").
    package var right: [String]

    /// Creates a comparison.
    package init(direction: Int, left: [String], right: [String]) {
        self.direction = direction
        self.left = left
        self.right = right
    }
}

/// Document frequencies for the lexical score. PostgreSQL can supply them cheaply, for example from
/// `ts_stat('SELECT match_vector FROM match_documents')` cached in the server and refreshed after imports; without
/// them (`uniform`), token types and a short list of light tokens give the weights.
package struct ClaimTermWeights: Sendable {
    /// Number of indexed documents (0 = no statistics).
    package var documentCount: Int
    /// Documents containing each token.
    package var documentFrequency: [String: Int]

    /// No statistics: weights from token types only.
    package static let uniform = ClaimTermWeights(documentCount: 0, documentFrequency: [:])

    /// Statistics from a document count and frequencies.
    package init(documentCount: Int, documentFrequency: [String: Int]) {
        self.documentCount = documentCount
        self.documentFrequency = documentFrequency
    }

    /// Statistics computed from a set of normalised documents (tests, small projects).
    package init(documents: [NormalizedClaim]) {
        var frequency: [String: Int] = [:]
        for document in documents {
            for term in document.terms { frequency[term.token, default: 0] += 1 }
        }
        self.init(documentCount: documents.count, documentFrequency: frequency)
    }

    /// The weight of a term: its type's weight (entities say more than generic words), times an inverse document
    /// frequency when statistics are known, times 0.35 for light tokens ("rate", "country", "year").
    package func weight(_ term: ClaimTerm) -> Double {
        let typeWeight: Double =
            switch term.type {
            case .place, .organisation: 1.6
            case .population, .subject: 1.4
            case .measure: 1.3
            case .city, .capital: 0.8
            case .concept, .word: 1.0
            }
        var weight = typeWeight
        if term.light { weight *= 0.35 }
        if documentCount > 0 {
            let df = Double(documentFrequency[term.token] ?? 0)
            let n = Double(documentCount)
            // Smoothed idf scaled to about 1 for a token in 1% of documents, never below 0.2.
            weight *= max(0.2, log((n + 1) / (df + 0.5)) / log(101))
        }
        return weight
    }
}

/// One ranked candidate.
package struct ClaimMatch: Sendable, Hashable {
    /// Index of the candidate in the list given to `ClaimMatcher.rank`.
    package var index: Int
    /// Score in 0…1.
    package var score: Double
}

/// How a score came about: the lexical similarity and each penalty that applied (for logs, tuning and tests).
package struct ClaimMatchExplanation: Sendable {
    /// Similarity of tokens, quantities, years and directions before penalties (0…1).
    package var lexical: Double
    /// Penalties applied, by check name ("direction", "number", "place"…), each a factor in 0…1.
    package var penalties: [(check: String, factor: Double)]
    /// The final score: `lexical` times every factor.
    package var score: Double
}

/// Scores a candidate against a query claim and decides whether a claim has been checked before.
package enum ClaimMatcher {
    /// The score from which the best candidate counts as the same claim. Fixed in code: restatements score above it
    /// unless they leave out most of what the claim says; a near miss with one contradiction (another number,
    /// year, direction, place, population, measured quantity or subject, negation or swapped roles) falls below
    /// it because each contradiction multiplies the score by 0.3 or less.
    package static let checkedBeforeThreshold = 0.26

    /// Score of `candidate` for `query` in 0…1.
    package static func score(query: NormalizedClaim, candidate: NormalizedClaim, idf: ClaimTermWeights = .uniform) -> Double {
        evaluate(query, weights: query.terms.map(idf.weight), candidate, idf: idf, record: false).score
    }

    /// The score with its parts (for logs, tuning and tests).
    package static func explain(query: NormalizedClaim, candidate: NormalizedClaim, idf: ClaimTermWeights = .uniform)
        -> ClaimMatchExplanation
    {
        evaluate(query, weights: query.terms.map(idf.weight), candidate, idf: idf, record: true)
    }

    /// Ranks candidates best first; ties keep the input order. `limit` keeps the first N.
    package static func rank(
        query: NormalizedClaim, candidates: [NormalizedClaim], idf: ClaimTermWeights = .uniform, limit: Int? = nil
    ) -> [ClaimMatch] {
        let weights = query.terms.map(idf.weight)
        var matches = candidates.enumerated().map {
            ClaimMatch(index: $0.offset, score: evaluate(query, weights: weights, $0.element, idf: idf, record: false).score)
        }
        matches.sort { $0.score > $1.score || ($0.score == $1.score && $0.index < $1.index) }
        if let limit, matches.count > limit { matches.removeSubrange(limit...) }
        return matches
    }

    /// Whether the best of `ranked` (as returned by `rank`) is the same claim.
    package static func checkedBefore(_ ranked: [ClaimMatch]) -> Bool {
        (ranked.first?.score ?? 0) >= checkedBeforeThreshold
    }

    // MARK: - Penalty factors

    // A contradiction: the pair asserts something else. Strong enough that one of them puts a near-duplicate
    // (lexical ≈ 0.8–0.9) under the threshold.
    static let contradiction = 0.15
    // Contradictions that are slightly less certain (they depend on a heuristic reading of the sentence).
    static let likelyContradiction = 0.25
    // Something one side says and the other does not mention: a weaker match, not a different claim. Population
    // qualifiers cost most (youth unemployment is not unemployment), then places and numbers.
    // These apply in full only when the side that does not mention the thing is otherwise completely covered by the
    // other (a narrower claim); see `Gate.coverage`.
    static let missingPopulation = 0.22
    static let missingTopic = 0.3
    static let missingCity = 0.2
    static let missingOrganisation = 0.6
    static let missingPlace = 0.7
    static let extraPlace = 0.75
    static let missingRate = 0.8
    static let missingOther = 0.92
    // Numbers and years one side gives and the other does not (not gated: numbers are parsed reliably).
    static let missingQuantity = 0.8
    static let missingYear = 0.85
    // One claim ranks (highest, more than) where the other gives a number or a year instead.
    static let rankVersusNumber = 0.999
    // Unmatched numbers (or a number and a year) on both sides, of different kinds.
    static let unmatchedNumbers = 0.45
    // A near-duplicate with one word swapped.
    static let nearDuplicateSubstitution = 0.45
    // A near-duplicate that adds one word the other lacks.
    static let nearDuplicateAddition = 0.45
    // Share of the lexical score that survives when no content token (anything but places) is shared.
    static let contentFloor = 0.3
    // Gated penalties apply fully from an overall token similarity of `gateHigh`, and keep `gateFloor` of their
    // force at `gateLow` and below.
    static let gateLow = 0.3
    static let gateHigh = 0.7
    static let gateFloor = 0.35
    // Pseudo-token weights of a quantity, a year and an agreeing direction in the lexical score.
    static let quantityWeight = 1.5
    static let yearWeight = 1.2
    static let directionWeight = 0.8

    /// How much a penalty is trusted, given how alike the rest of the two sentences is.
    enum Gate {
        /// Always applied in full: numbers, years and rates are parsed reliably.
        case none
        /// By the overall token similarity (direction, negation, roles): a contradiction found in two sentences that
        /// share little is more often a paraphrase the lexicon does not know.
        case similarity
        /// By the similarity of everything except the differing tokens (their weight given): a substitution in
        /// an otherwise identical sentence is certain.
        case substitution(Double)
        /// Only for near duplicates: everything except the differing tokens (weight given) must match.
        case nearDuplicate(Double)
        /// As `nearDuplicate`, and the overall token similarity must also reach the given level (full force 0.15
        /// above it): the differing words are a small part of two long, otherwise identical sentences.
        case closeDuplicate(Double, Double)
        /// For something one side adds: by how completely it covers the other side (0…1 given). "UK food
        /// inflation" covers all of "UK inflation" and adds a qualifier: a different, narrower claim.
        case coverage(Double)
    }

    /// The scorer. `weights` are the query's term weights (computed once per ranking); `record` collects the
    /// penalties for `explain` (scoring alone does not allocate for them).
    static func evaluate(
        _ q: NormalizedClaim, weights qWeights: [Double], _ c: NormalizedClaim, idf: ClaimTermWeights, record: Bool
    ) -> ClaimMatchExplanation {
        let lexicon = ClaimLexicon.shared
        // Penalties are collected first and applied once the similarities their gates need are known.
        var pending: [(check: String, factor: Double, gate: Gate)] = []
        pending.reserveCapacity(4)
        func penalise(_ check: String, _ value: Double, _ gate: Gate) {
            pending.append((check, value, gate))
        }

        // Lexical: weighted Dice over canonical tokens; a soft equivalence (EU ~ Europe) or a shared stem earns part
        // of a token's weight. Content (everything but places) is also scored on its own: two claims about the UK
        // in 2023 share a place and a year, not a claim.
        let nq = min(q.terms.count, 64)
        let nc = min(c.terms.count, 64)
        var qExact: UInt64 = 0
        var cExact: UInt64 = 0
        for i in 0..<nq {
            let id = q.terms[i].id
            for j in 0..<nc where c.terms[j].id == id {
                qExact |= 1 << UInt64(i)
                cExact |= 1 << UInt64(j)
            }
        }
        var matchedQ = 0.0
        var totalQ = 0.0
        var matchedC = 0.0
        var totalC = 0.0
        var contentMatched = 0.0
        var contentTotal = 0.0
        // Untyped words with no counterpart at all, for the near-duplicate substitution check.
        var unmatchedWordsQ: UInt64 = 0
        var unmatchedWordsC: UInt64 = 0
        var cWeights = [Double](repeating: 0, count: nc)
        for i in 0..<nq {
            let term = q.terms[i]
            let w = qWeights[i]
            let credit = qExact & (1 << UInt64(i)) != 0 ? w : w * softCredit(term, against: c.terms, count: nc, lexicon: lexicon)
            totalQ += w
            matchedQ += credit
            if credit == 0, term.type == .word || term.type == .concept, !term.light { unmatchedWordsQ |= 1 << UInt64(i) }
            if !term.type.isPlace {
                contentTotal += w
                contentMatched += credit
            }
        }
        for j in 0..<nc {
            let term = c.terms[j]
            let w = idf.weight(term)
            cWeights[j] = w
            let credit = cExact & (1 << UInt64(j)) != 0 ? w : w * softCredit(term, against: q.terms, count: nq, lexicon: lexicon)
            totalC += w
            matchedC += credit
            if credit == 0, term.type == .word || term.type == .concept, !term.light { unmatchedWordsC |= 1 << UInt64(j) }
            if !term.type.isPlace {
                contentTotal += w
                contentMatched += credit
            }
        }

        // Quantities: matched within tolerance; unmatched ones of the same dimension on both sides are a
        // substitution (3% vs 30%, million vs billion, €9bn vs €90bn).
        var usedQ: UInt64 = 0
        var usedC: UInt64 = 0
        var pairs = 0
        var boundConflict = false
        var orderSwapped = false
        var lastPairPosition = -1
        var lastPairDimension = ""
        for (i, x) in q.quantities.prefix(64).enumerated() {
            for (j, y) in c.quantities.prefix(64).enumerated() where usedC & (1 << UInt64(j)) == 0 && agree(x, y) {
                usedC |= 1 << UInt64(j)
                usedQ |= 1 << UInt64(i)
                pairs += 1
                // "more than 34%" vs "less than 34%": the same number, the other side of it.
                if x.bound != 0, y.bound != 0, x.bound != y.bound, x.kind != .ratio { boundConflict = true }
                // Two shares in the opposite order: "55% of states and 65% of people" vs "65% … 55%".
                if y.position < lastPairPosition, x.dimension == lastPairDimension { orderSwapped = true }
                lastPairPosition = y.position
                lastPairDimension = x.dimension
                break
            }
        }
        matchedQ += Double(pairs) * quantityWeight
        matchedC += Double(pairs) * quantityWeight
        totalQ += Double(q.quantities.count) * quantityWeight
        totalC += Double(c.quantities.count) * quantityWeight
        let lonelyYearsQ = q.years.filter { span in !c.years.contains { $0.overlaps(span) } }.count
        let lonelyYearsC = c.years.filter { span in !q.years.contains { $0.overlaps(span) } }.count
        var unmatchedQ = 0
        var unmatchedC = 0
        var sameDimension = false
        for (i, x) in q.quantities.prefix(64).enumerated() where usedQ & (1 << UInt64(i)) == 0 {
            unmatchedQ += 1
            for (j, y) in c.quantities.prefix(64).enumerated() where usedC & (1 << UInt64(j)) == 0 && x.dimension == y.dimension {
                sameDimension = true
            }
        }
        for (j, _) in c.quantities.prefix(64).enumerated() where usedC & (1 << UInt64(j)) == 0 { unmatchedC += 1 }
        if sameDimension {
            penalise("number", contradiction, .none)
        } else if unmatchedQ > 0 && unmatchedC > 0 || unmatchedQ > 0 && lonelyYearsC > 0 || unmatchedC > 0 && lonelyYearsQ > 0 {
            // Each side has a number (or a year) the other lacks (a growth rate here, a rank there): most likely two
            // claims.
            penalise("number-mismatch", unmatchedNumbers, .none)
            // In an otherwise identical sentence, a number of another kind is a substitution ("by two million votes" /
            // "by two percentage points", "500 billion pesos" / "500 billion dollars").
            penalise("number-swap", likelyContradiction, .closeDuplicate(quantityWeight * Double(unmatchedQ + unmatchedC), 0.7))
        } else if unmatchedQ + unmatchedC > 0 {
            penalise("number-missing", pow(missingQuantity, Double(min(3, unmatchedQ + unmatchedC))), .none)
        }
        if boundConflict { penalise("bound", contradiction, .none) }
        if orderSwapped && pairs >= 2 { penalise("order", contradiction, .similarity) }

        // Years: any overlap of spans matches; disjoint years on both sides are another period.
        var yearsMatchedQ = 0
        for span in q.years where c.years.contains(where: { $0.overlaps(span) }) { yearsMatchedQ += 1 }
        var yearsMatchedC = 0
        for span in c.years where q.years.contains(where: { $0.overlaps(span) }) { yearsMatchedC += 1 }
        matchedQ += Double(yearsMatchedQ) * yearWeight
        matchedC += Double(yearsMatchedC) * yearWeight
        totalQ += Double(q.years.count) * yearWeight
        totalC += Double(c.years.count) * yearWeight
        let lonelyQ = q.years.count - yearsMatchedQ
        let lonelyC = c.years.count - yearsMatchedC
        if lonelyQ > 0, lonelyC > 0 {
            penalise("period", contradiction, .none)
        } else if lonelyQ + lonelyC > 0 {
            penalise("period-missing", pow(missingYear, Double(min(2, lonelyQ + lonelyC))), .none)
        }
        if q.months != 0, c.months != 0, q.months & c.months == 0 { penalise("month", contradiction, .similarity) }

        // Direction, roles, equality and negation.
        let direction = checkDirection(q, c)
        if let conflict = direction.conflict { penalise(conflict, contradiction, .similarity) }
        if direction.agreed {
            matchedQ += directionWeight
            matchedC += directionWeight
            totalQ += directionWeight
            totalC += directionWeight
        }
        // Each claim asserts something the other lacks, of different kinds: a number or year on one side, a ranking on
        // the other ("Spain's network is 1,900 km long" / "Spain has the longest network"; "Sweden recorded 363
        // shootings in 2022" / "Sweden has one of the highest rates of shootings"). Restatements keep both.
        let qRank = q.degree != 0 || (q.comparison?.direction ?? 0) != 0
        let cRank = c.degree != 0 || (c.comparison?.direction ?? 0) != 0
        let qExtra = unmatchedQ > 0 || lonelyQ > 0
        let cExtra = unmatchedC > 0 || lonelyC > 0
        if qExtra && !cExtra && cRank && !qRank && q.change == 0 || cExtra && !qExtra && qRank && !cRank && c.change == 0 {
            penalise("rank-versus-number", rankVersusNumber, .none)
        }
        if q.equality != c.equality, (q.equality ? c.comparison : q.comparison) != nil {
            penalise("equality", contradiction, .similarity)
        }
        if q.negated != c.negated { penalise("negation", contradiction, .similarity) }

        // Coverage of each side by the other (tokens, quantities, years), for penalties on what one side adds.
        let coverageQ = totalQ > 0 ? matchedQ / totalQ : 1
        let coverageC = totalC > 0 ? matchedC / totalC : 1

        // Rates: "a week" vs "a year", "in total" vs "a year".
        if !q.ratePeriods.isEmpty, !c.ratePeriods.isEmpty {
            if !q.ratePeriods.contains(where: { a in c.ratePeriods.contains { b in abs(a - b) <= 0.05 * max(a, b) } }) {
                penalise("per", contradiction, .none)
            }
        } else if !q.ratePeriods.isEmpty || !c.ratePeriods.isEmpty {
            penalise("per-missing", missingRate, .coverage(q.ratePeriods.isEmpty ? coverageQ : coverageC))
        }

        // Typed substitutions: a token of one type that the other side replaces by another of the same type.
        // Measured quantities and subjects are pooled ("budget deficit concerns" for "rule-of-law concerns"). When
        // only one claim compares, what it is compared with ("slower than the eurozone average") is not its
        // subject, so those places cannot make a substitution.
        let qIgnored = q.comparison != nil && c.comparison == nil ? q.comparison!.right.filter { !q.comparison!.left.contains($0) } : []
        let cIgnored = c.comparison != nil && q.comparison == nil ? c.comparison!.right.filter { !c.comparison!.left.contains($0) } : []
        var typedConflict = false
        var loneTypedQ: UInt64 = 0
        var loneTypedC: UInt64 = 0
        func weight(_ bitsQ: UInt64, _ bitsC: UInt64) -> Double {
            var sum = 0.0
            var rest = bitsQ
            while rest != 0 {
                sum += qWeights[rest.trailingZeroBitCount]
                rest &= rest - 1
            }
            rest = bitsC
            while rest != 0 {
                sum += cWeights[rest.trailingZeroBitCount]
                rest &= rest - 1
            }
            return sum
        }
        for group in [TypeGroup.place, .organisation, .population, .topic] {
            let a = groupMembers(q, group, nq)
            let b = groupMembers(c, group, nc)
            if a == 0 && b == 0 { continue }
            var loneQ = lone(q, a, exactA: qExact, c, b, exactB: cExact, lexicon)
            var loneC = lone(c, b, exactA: cExact, q, a, exactB: qExact, lexicon)
            loneTypedQ |= loneQ
            loneTypedC |= loneC
            let subjectA = group == .place ? a & ~mask(q, qIgnored, nq) : a
            let subjectB = group == .place ? b & ~mask(c, cIgnored, nc) : b
            let conflict =
                lone(q, subjectA, exactA: qExact, c, b, exactB: cExact, lexicon) != 0
                && lone(c, subjectB, exactA: cExact, q, subjectA, exactB: qExact, lexicon) != 0
                || lone(c, subjectB, exactA: cExact, q, a, exactB: qExact, lexicon) != 0
                    && lone(q, subjectA, exactA: qExact, c, subjectB, exactB: cExact, lexicon) != 0
            if conflict {
                typedConflict = true
                penalise(group.checkName, group == .topic ? likelyContradiction : contradiction, .substitution(weight(loneQ, loneC)))
                continue
            }
            // A detail of something the other side names ("wind and solar" next to "renewables") adds nothing.
            loneQ = withoutFamily(q, loneQ, c, nc, lexicon)
            loneC = withoutFamily(c, loneC, q, nq, lexicon)
            if loneQ == 0 && loneC == 0 { continue }
            // One side adds something the other does not mention: judged by how completely it covers the other.
            // Qualifiers (a population, a subject such as "food" in "food inflation") narrow a claim; a measure
            // word one side adds is more often a paraphrase ("99% of capacity" for "99% full").
            let coverage = loneQ != 0 ? coverageC : coverageQ
            let base: Double =
                switch group {
                case .population:
                    allImplied(q, loneQ) && allImplied(c, loneC) || mentionsPeople(loneQ != 0 ? c : q) ? missingOther : missingPopulation
                case .place: a == 0 || b == 0 ? missingPlace : extraPlace
                case .organisation: missingOrganisation
                case .topic: onlyMeasures(q, loneQ) && onlyMeasures(c, loneC) ? missingOther : missingTopic
                }
            penalise(group.checkName + "-missing", base, .coverage(coverage))
        }

        // Cities: "rents in Munich" vs "rents in Berlin" is a substitution; "house prices in London" vs "in the UK"
        // a narrower claim. A capital named bare ("Berlin says") may be the government and excuses either.
        let cityCheck = checkCities(q, nq, c, nc)
        if cityCheck.conflict {
            typedConflict = true
            penalise("city", contradiction, .substitution(0))
        } else if let side = cityCheck.missingOn {
            penalise("city-missing", missingCity, .coverage(side == 0 ? coverageC : coverageQ))
        }

        // Near duplicates with one word swapped ("three hearts" / "three brains"): whatever the lexicon knows about
        // the two words, a sentence identical but for a substitution asserts something else. Two known words of the
        // same type cost `nearDuplicateSubstitution`; one or two words of which the lexicon does not know both
        // ("blood" / "organ donation", "fax machines" / "floppy disks", "per bottle" / "per litre", "Medellín" /
        // "Bogotá") cost more, but only in a sentence otherwise identical (restatements reword more than one word).
        // A near duplicate that only adds an unknown word narrows the claim ("the most advanced chips", "passed" the
        // exam it "sat").
        if !typedConflict {
            let swappedQ = loneTypedQ | unmatchedWordsQ
            let swappedC = loneTypedC | unmatchedWordsC
            let countQ = swappedQ.nonzeroBitCount
            let countC = swappedC.nonzeroBitCount
            let short = qExact.nonzeroBitCount < 3
            if countQ == 1, countC == 1, q.terms[swappedQ.trailingZeroBitCount].type != .word,
                q.terms[swappedQ.trailingZeroBitCount].type == c.terms[swappedC.trailingZeroBitCount].type
            {
                penalise("substitution", nearDuplicateSubstitution, .nearDuplicate(weight(swappedQ, swappedC)))
            } else if (1...2).contains(countQ), (1...2).contains(countC), sameSlot(q, nq, swappedQ, c, nc, swappedC, inside: short) {
                penalise("substitution", likelyContradiction, .nearDuplicate(weight(swappedQ, swappedC)))
            } else if countQ + countC == 1, (unmatchedWordsQ | unmatchedWordsC) != 0, sameSlot(q, nq, swappedQ, c, nc, swappedC, inside: short) {
                penalise("addition", nearDuplicateAddition, .nearDuplicate(weight(swappedQ, swappedC)))
            }
        }
        // The same places or organisations in the opposite order in an otherwise identical sentence: the roles are
        // swapped ("India expelled Canadian diplomats" / "Canada expelled Indian diplomats", "from Jakarta to
        // Nusantara"). Comparisons have their own role check.
        if q.comparison == nil, c.comparison == nil, entityOrderSwapped(q, nq, c, nc) {
            penalise("role-order", contradiction, .none)
        }

        let matched = matchedQ + matchedC
        let total = totalQ + totalC
        let overall = matched / max(total, 1e-9)
        let content = contentTotal > 0 ? contentMatched / contentTotal : 1
        let lexical = overall * (contentFloor + (1 - contentFloor) * content)
        var factor = 1.0
        var penalties: [(check: String, factor: Double)] = []
        for penalty in pending {
            let trust: Double =
                switch penalty.gate {
                case .none: 1
                case .similarity: clamp((overall - gateLow) / (gateHigh - gateLow), gateFloor, 1)
                case .substitution(let differing):
                    clamp((matched / max(total - differing, 1e-9) - gateLow) / (gateHigh - gateLow), gateFloor, 1)
                case .nearDuplicate(let differing): clamp((matched / max(total - differing, 1e-9) - 0.75) / 0.2, 0, 1)
                case .closeDuplicate(let differing, let low):
                    min(clamp((matched / max(total - differing, 1e-9) - 0.75) / 0.2, 0, 1), clamp((overall - low) / 0.15, 0, 1))
                case .coverage(let coverage): clamp((coverage - 0.5) / 0.45, 0, 1)
                }
            let effective = 1 - (1 - penalty.factor) * trust
            factor *= effective
            if record { penalties.append((penalty.check, effective)) }
        }
        return ClaimMatchExplanation(lexical: lexical, penalties: penalties, score: min(1, max(0, lexical * factor)))
    }

    private static func clamp(_ x: Double, _ low: Double, _ high: Double) -> Double { min(high, max(low, x)) }

    /// Whether the two claims are the same sequence of terms but for places and organisations, which appear in
    /// another order.
    private static func entityOrderSwapped(_ q: NormalizedClaim, _ nq: Int, _ c: NormalizedClaim, _ nc: Int) -> Bool {
        guard nq == nc, nq >= 3 else { return false }
        var differs = false
        for i in 0..<nq {
            let a = q.terms[i]
            let b = c.terms[i]
            let entityA = a.type == .place || a.type == .organisation
            let entityB = b.type == .place || b.type == .organisation
            if entityA != entityB { return false }
            if a.id != b.id {
                if !entityA || a.type != b.type { return false }
                // The same entities, elsewhere in the other sentence.
                if !(0..<nc).contains(where: { c.terms[$0].id == a.id }) { return false }
                differs = true
            }
        }
        return differs
    }

    /// Whether the terms that differ sit in the same place in both sentences: each side's differing terms are one
    /// run between the same neighbours (or, when one side has none, its neighbours there are adjacent). A reworded
    /// restatement moves things around; a near miss swaps one word of the same sentence.
    /// With `inside` (short sentences, where a swap at the end is most of what they say) the slot must also have a
    /// neighbour on both sides.
    private static func sameSlot(
        _ q: NormalizedClaim, _ nq: Int, _ bitsQ: UInt64, _ c: NormalizedClaim, _ nc: Int, _ bitsC: UInt64, inside: Bool
    ) -> Bool {
        func neighbours(_ claim: NormalizedClaim, _ n: Int, _ bits: UInt64) -> (left: UInt64?, right: UInt64?)? {
            let first = bits.trailingZeroBitCount
            let last = 63 - bits.leadingZeroBitCount
            guard last - first + 1 == bits.nonzeroBitCount, !inside || first > 0 && last + 1 < n else { return nil }
            return (first > 0 ? claim.terms[first - 1].id : nil, last + 1 < n ? claim.terms[last + 1].id : nil)
        }
        func adjacent(_ claim: NormalizedClaim, _ n: Int, _ left: UInt64?, _ right: UInt64?) -> Bool {
            let k = left.map { id in (0..<n).first { claim.terms[$0].id == id } ?? -2 } ?? -1
            if k == -2 { return false }
            guard let right else { return k + 1 == n }
            return k + 1 < n && claim.terms[k + 1].id == right
        }
        if bitsQ == 0, let slot = neighbours(c, nc, bitsC) { return adjacent(q, nq, slot.left, slot.right) }
        if bitsC == 0, let slot = neighbours(q, nq, bitsQ) { return adjacent(c, nc, slot.left, slot.right) }
        guard let a = neighbours(q, nq, bitsQ), let b = neighbours(c, nc, bitsC) else { return false }
        return a.left == b.left && a.right == b.right
    }

    /// City substitution (explicit cities on both sides that do not match) or a city one side names that the other
    /// does not mention at all (`missingOn` 0 = the query names it, 1 = the candidate).
    private static func checkCities(_ q: NormalizedClaim, _ nq: Int, _ c: NormalizedClaim, _ nc: Int) -> (conflict: Bool, missingOn: Int?) {
        // Most claims name no city: leave before allocating anything.
        guard (0..<nq).contains(where: { q.terms[$0].type == .city }) || (0..<nc).contains(where: { c.terms[$0].type == .city }) else {
            return (false, nil)
        }
        func ids(_ claim: NormalizedClaim, _ n: Int, capitals: Bool) -> [UInt64] {
            (0..<n).filter { claim.terms[$0].type == .city || capitals && claim.terms[$0].type == .capital }.map { claim.terms[$0].id }
        }
        let qCities = ids(q, nq, capitals: false)
        let cCities = ids(c, nc, capitals: false)
        let qAny = ids(q, nq, capitals: true)
        let cAny = ids(c, nc, capitals: true)
        let loneQ = qCities.filter { !cAny.contains($0) }
        let loneC = cCities.filter { !qAny.contains($0) }
        let otherC = cAny.filter { !qAny.contains($0) }
        let otherQ = qAny.filter { !cAny.contains($0) }
        if !loneQ.isEmpty && !otherC.isEmpty || !loneC.isEmpty && !otherQ.isEmpty { return (true, nil) }
        if !loneQ.isEmpty && cAny.isEmpty { return (false, 0) }
        if !loneC.isEmpty && qAny.isEmpty { return (false, 1) }
        return (false, nil)
    }

    /// The token groups compared for substitutions.
    enum TypeGroup {
        case place, organisation, population, topic

        var checkName: String {
            switch self {
            case .place: "place"
            case .organisation: "organisation"
            case .population: "population"
            case .topic: "quantity-or-subject"
            }
        }

        /// Whether a token type belongs to the group.
        func contains(_ type: ClaimLexicon.TokenType) -> Bool {
            switch self {
            case .place: type == .place
            case .organisation: type == .organisation
            case .population: type == .population
            case .topic: type == .measure || type == .subject
            }
        }
    }

    /// Bit mask of the claim's terms in `group` (exceptions of "only X … more than Y" left out).
    private static func groupMembers(_ claim: NormalizedClaim, _ group: TypeGroup, _ n: Int) -> UInt64 {
        var bits: UInt64 = 0
        for i in 0..<n where group.contains(claim.terms[i].type) {
            if !claim.exceptions.isEmpty, claim.exceptions.contains(claim.terms[i].token) { continue }
            bits |= 1 << UInt64(i)
        }
        return bits
    }

    private static func mask(_ claim: NormalizedClaim, _ tokens: [String], _ n: Int) -> UInt64 {
        guard !tokens.isEmpty else { return 0 }
        var bits: UInt64 = 0
        for i in 0..<n where tokens.contains(claim.terms[i].token) { bits |= 1 << UInt64(i) }
        return bits
    }

    /// `bits` without the terms that have a soft equivalent anywhere in `other`.
    private static func withoutFamily(_ claim: NormalizedClaim, _ bits: UInt64, _ other: NormalizedClaim, _ n: Int, _ lexicon: ClaimLexicon) -> UInt64
    {
        var result = bits
        var rest = bits
        while rest != 0 {
            let i = rest.trailingZeroBitCount
            rest &= rest - 1
            let term = claim.terms[i]
            guard term.soft else { continue }
            if (0..<n).contains(where: { lexicon.credit(term.token, other.terms[$0].token) > 0 }) { result &= ~(1 << UInt64(i)) }
        }
        return result
    }

    private static func onlyMeasures(_ claim: NormalizedClaim, _ bits: UInt64) -> Bool {
        var rest = bits
        while rest != 0 {
            let i = rest.trailingZeroBitCount
            rest &= rest - 1
            if claim.terms[i].type != .measure { return false }
        }
        return true
    }

    /// Whether the claim names people generically or by age ("people", "residents", "aged 18 to 34").
    private static func mentionsPeople(_ claim: NormalizedClaim) -> Bool {
        claim.terms.contains { ClaimLexicon.genericPeople.contains($0.token) } || claim.quantities.contains { $0.kind == .age }
    }

    /// Whether none of the population terms in `bits` is a qualifier that narrows a claim (youth, women, migrants…):
    /// populations a topic implies (students for tuition fees) and actors (employers, owners, tourists) cost less.
    private static func allImplied(_ claim: NormalizedClaim, _ bits: UInt64) -> Bool {
        var rest = bits
        while rest != 0 {
            let i = rest.trailingZeroBitCount
            rest &= rest - 1
            let token = claim.terms[i].token
            if !ClaimLexicon.impliedPopulations.contains(token) && !ClaimLexicon.actorPopulations.contains(token) { return false }
        }
        return true
    }

    /// Terms of `a` (a bit mask over `x.terms`) that nothing in `b` (a mask over `y.terms`) accounts for: no equal
    /// token, and no soft equivalent that is not itself matched exactly (so "state budget" next to "spending" is not
    /// excused by the other side's "spending").
    private static func lone(
        _ x: NormalizedClaim, _ a: UInt64, exactA: UInt64, _ y: NormalizedClaim, _ b: UInt64, exactB: UInt64, _ lexicon: ClaimLexicon
    ) -> UInt64 {
        var result: UInt64 = 0
        var rest = a
        while rest != 0 {
            let i = rest.trailingZeroBitCount
            rest &= rest - 1
            let term = x.terms[i]
            var found = false
            var others = b
            while others != 0 {
                let j = others.trailingZeroBitCount
                others &= others - 1
                if y.terms[j].id == term.id {
                    found = true
                    break
                }
                if term.soft, exactB & (1 << UInt64(j)) == 0, lexicon.credit(term.token, y.terms[j].token) > 0 {
                    found = true
                    break
                }
            }
            if !found { result |= 1 << UInt64(i) }
        }
        return result
    }

    /// Best soft credit of `term` against `others` (0 when it has none): a lexicon equivalence, or for two words in
    /// no table a shared stem prefix ("reunification" / "reunited", "regularised" / "regularisation"), which the
    /// inflection-only stemmer leaves apart.
    private static func softCredit(_ term: ClaimTerm, against others: [ClaimTerm], count: Int, lexicon: ClaimLexicon) -> Double {
        var best = 0.0
        if term.soft, let table = lexicon.compatibility[term.token] {
            for j in 0..<count where others[j].soft { best = max(best, table[others[j].token] ?? 0) }
        }
        if term.type == .word {
            // An unknown word: the same derivational root as another word ("routinely" / "routine") or as a lexicon
            // token named by that word ("childhood" / child), a shared stem prefix, or a near spelling.
            for j in 0..<count {
                let other = others[j]
                if other.rootID == term.rootID {
                    best = max(best, other.type == .word ? rootCredit : tokenRootCredit)
                } else if other.type == .word || other.type == .concept {
                    if sharesStem(term.token, other.token) {
                        best = max(best, fuzzyCredit)
                    } else if other.type == .word, best < spellingCredit, similarSpelling(term.token, other.token) {
                        best = spellingCredit
                    }
                }
            }
        } else if term.type == .concept {
            for j in 0..<count {
                let other = others[j]
                if other.type == .word, other.rootID == term.rootID {
                    best = max(best, tokenRootCredit)
                } else if other.type == .word || other.type == .concept, sharesStem(term.token, other.token) {
                    best = max(best, fuzzyCredit)
                }
            }
        } else if term.type != .place && term.type != .city && term.type != .capital {
            for j in 0..<count where others[j].type == .word && others[j].rootID == term.rootID { best = max(best, tokenRootCredit) }
        }
        return best
    }

    /// Credit of a shared-prefix match between two unknown words.
    static let fuzzyCredit = 0.6
    /// Credit of two unknown words with one derivational root ("punctuality" / "punctual").
    static let rootCredit = 0.75
    /// Credit of an unknown word whose root names a lexicon token ("childhood" / child).
    static let tokenRootCredit = 0.6
    /// Credit of two unknown words spelled almost alike (character trigrams), same first three letters.
    static let spellingCredit = 0.5

    /// Whether two words of six letters or more start alike and share most character trigrams (Dice ≥ 0.7):
    /// spelling variants and typos ("accomodation" / "accommodation"). A different first three letters never
    /// matches, so "unemployed" / "employed" or "import" / "export" keep apart.
    static func similarSpelling(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count >= 6, y.count >= 6, x[0] == y[0], x[1] == y[1], x[2] == y[2] else { return false }
        func trigrams(_ w: [UInt8]) -> [UInt32] {
            (0..<(w.count - 2)).map { UInt32(w[$0]) << 16 | UInt32(w[$0 + 1]) << 8 | UInt32(w[$0 + 2]) }
        }
        let tx = trigrams(x)
        var ty = trigrams(y)
        var shared = 0
        for t in tx {
            if let k = ty.firstIndex(of: t) {
                shared += 1
                ty.remove(at: k)
            }
        }
        return Double(2 * shared) >= 0.7 * Double(x.count + y.count - 4)
    }

    /// Whether two different words share a prefix of at least 5 letters that covers most of the shorter one.
    static func sharesStem(_ a: String, _ b: String) -> Bool {
        let x = a.utf8
        let y = b.utf8
        let shorter = min(x.count, y.count)
        guard shorter >= 5 else { return false }
        var common = 0
        for (p, q) in zip(x, y) {
            guard p == q else { break }
            common += 1
        }
        return common >= 5 && common * 10 >= shorter * 7
    }

    /// Whether two quantities are the same number: same dimension (a share and a multiplier compare in per cent; a
    /// count and an age compare as numbers), same currency, and equal within 8% (or, for shares, 2.5 points) when
    /// either is hedged, bounded, a fraction word or a converted unit, else within 0.5%. 705 and 720 MEPs stay apart;
    /// "nearly a third" and 32.5% match; 3% and 30% do not.
    static func agree(_ x: ClaimQuantity, _ y: ClaimQuantity) -> Bool {
        guard x.dimension == y.dimension else { return crossKindAgree(x, y) }
        let approximate = x.approximate || y.approximate
        let tolerance = approximate ? 0.08 : 0.005
        let scale = max(abs(x.value), abs(y.value))
        if scale == 0 { return true }
        // A multiple is an increase of the multiple less one: "tripled" (300%) is "up 200%", "doubled" "up 100%".
        if x.kind == .ratio && y.kind == .percent || x.kind == .percent && y.kind == .ratio {
            let (ratio, percent) = x.kind == .ratio ? (x, y) : (y, x)
            if ratio.value > 100, abs(ratio.value - 100 - percent.value) <= (approximate ? 0.08 : 0.005) * percent.value { return true }
        }
        let difference = abs(x.value - y.value)
        // A hedged share also allows 2.5 points: "almost a fifth" is 18% or 19% as well as 20%. Two hedged numbers may
        // round in opposite directions ("close to 30%" / "almost a third"): 12% or 3.5 points.
        let both = x.approximate && y.approximate
        if approximate, x.dimension == "share", scale <= 100, difference <= (both ? 3.5 : 2.5) { return true }
        return difference <= (both ? 0.12 : tolerance) * scale
    }

    /// Quantities of different kinds that still say the same number: an amount in cents against any currency
    /// ("forty cents" / "€0.40"), and a bare number against an age or a number of years ("live to 84" / "84 years",
    /// "at seven" / "aged seven").
    private static func crossKindAgree(_ x: ClaimQuantity, _ y: ClaimQuantity) -> Bool {
        if x.kind == .money, y.kind == .money, x.currency == ClaimQuantityScanner.anyCurrency || y.currency == ClaimQuantityScanner.anyCurrency {
            return abs(x.value - y.value) <= 0.005 * max(abs(x.value), abs(y.value))
        }
        func years(_ q: ClaimQuantity) -> Double? {
            switch q.kind {
            case .age: q.value
            case .duration where q.value >= 365: q.value / 365.25
            default: nil
            }
        }
        let pair: (ClaimQuantity, ClaimQuantity)? = x.kind == .count ? (x, y) : y.kind == .count ? (y, x) : nil
        if let (count, other) = pair, count.bound == 0 || other.bound == 0 || count.bound == other.bound, let n = years(other) {
            return abs(count.value - n) <= 0.01 * max(1, n)
        }
        if let a = years(x), let b = years(y), x.kind != y.kind { return abs(a - b) <= 0.01 * max(1, a) }
        return false
    }

    /// Compares change, degree and comparison directions: the name of the check that failed, if any, and whether a
    /// direction agreed.
    private static func checkDirection(_ q: NormalizedClaim, _ c: NormalizedClaim) -> (conflict: String?, agreed: Bool) {
        var agreed = false
        var conflict: String?
        var qDegree = Int(q.degree)
        var cDegree = Int(c.degree)
        if let qc = q.comparison, let cc = c.comparison {
            // Both compare two things: align the sides first. The sides are swapped when the second sides share
            // nothing and each first side holds a token of the other's second side ("volcanoes emit more than
            // humans" / "humans release less than volcanoes"); then the candidate's direction flips.
            let rightShared = qc.right.contains { cc.right.contains($0) }
            let crossed = !rightShared && qc.left.contains { cc.right.contains($0) } && qc.right.contains { cc.left.contains($0) }
            let cDirection = crossed ? -cc.direction : cc.direction
            if qc.direction != 0, cDirection != 0 {
                if qc.direction != cDirection { conflict = crossed ? "role" : "direction" } else { agreed = true }
            }
        } else {
            qDegree = (qDegree + (q.comparison?.direction ?? 0)).signum()
            cDegree = (cDegree + (c.comparison?.direction ?? 0)).signum()
        }
        let qChange = Int(q.change)
        let cChange = Int(c.change)
        var opposite = false
        if qChange != 0, cChange != 0 {
            if qChange != cChange { opposite = true } else { agreed = true }
        }
        if qDegree != 0, cDegree != 0 {
            if qDegree != cDegree { opposite = true } else { agreed = true }
        }
        // One side says "fell", the other "lower": compare across kinds when each has only one.
        if qChange != 0, qDegree == 0, cChange == 0, cDegree != 0, qChange != cDegree { opposite = true }
        if cChange != 0, cDegree == 0, qChange == 0, qDegree != 0, cChange != qDegree { opposite = true }
        if opposite && conflict == nil { conflict = "direction" }
        return (conflict, agreed && conflict == nil)
    }
}

extension ClaimLexicon.TokenType {
    /// Places, cities and capitals (left out of the content similarity).
    var isPlace: Bool { self == .place || self == .city || self == .capital }

    /// Name of the substitution check for this type, in explanations.
    var checkName: String {
        switch self {
        case .place: "place"
        case .city: "city"
        case .capital: "capital"
        case .organisation: "organisation"
        case .population: "population"
        case .measure: "quantity"
        case .subject: "subject"
        case .concept: "concept"
        case .word: "word"
        }
    }
}
