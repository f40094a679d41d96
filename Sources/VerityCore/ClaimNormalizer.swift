/// Turns a claim sentence into a `NormalizedClaim`: canonical tokens for the index and the lexical score, and the
/// structured features the reranker checks (numbers, periods, direction, negation, comparison roles).
///
/// Pipeline: tokenize → phrases that contain numbers ("no 10", "two quarters in a row") → quantities, years,
/// months and rates → longest-match phrase lexicon (aliases, synonyms, directions, negations) → stems of the
/// remaining words → clause structure (negated superlatives, comparisons and their two sides, negated changes).
/// Pure and deterministic; roughly 10–30 µs per sentence after the lexicon is built.
package enum ClaimNormalizer {
    /// Words after which a capital is the city itself ("rents in Berlin").
    private static let locatives: Set<String> = [
        "in", "across", "around", "throughout", "outside", "inside", "within", "near", "central", "outer", "inner", "greater",
    ]
    /// Nouns for groups of people that an age bound can qualify ("people under 25").
    private static let groupWords: Set<String> = ["people", "persons", "those", "adults", "citizens", "residents", "workers", "voters"]

    /// Normalises one claim. `language` other than English still gets numbers, years and stems, but the lexicon is
    /// English, so aliases and directions are only recognised in English text.
    package static func normalize(_ text: String, language: String? = "en") -> NormalizedClaim {
        let lexicon = ClaimLexicon.shared
        var tokens = ClaimTokenizer.tokenize(text)
        // Commas inside a list ("measles, mumps and rubella", "education, employment or training") do not end a
        // clause; dropping them lets list phrases match.
        var k = tokens.count - 1
        while k > 0 {
            if tokens[k].kind == .symbol, tokens[k].text == ",", k + 2 < tokens.count, tokens[k - 1].kind == .word,
                tokens[k + 1].kind == .word,
                tokens[k + 2].text == "and" || tokens[k + 2].text == "or"
                    || (k + 3 < tokens.count && (tokens[k + 3].text == "and" || tokens[k + 3].text == "or"))
            {
                tokens.remove(at: k)
            }
            k -= 1
        }
        let n = tokens.count
        var consumed = [Bool](repeating: false, count: n)
        var phraseAt: [Int: (ClaimLexicon.Entry, Int)] = [:]

        // Phrases containing numbers first, so the quantity scanner does not take "two quarters in a row" apart.
        var stems: [String?] = tokens.map { $0.isBoundary ? nil : $0.stem }
        let infos: [ClaimLexicon.WordInfo?] = tokens.map { $0.kind == .symbol && $0.isBoundary ? nil : lexicon.words[$0.stem] }
        var i = 0
        while i < n {
            if let match = lexicon.longestMatch(stems, from: i, info: infos[i], numericOnly: true) {
                phraseAt[i] = match
                for k in i..<i + match.length { consumed[k] = true }
                i += match.length
            } else {
                i += 1
            }
        }

        var scanner = ClaimQuantityScanner(tokens: tokens, consumed: consumed, starts: infos.map { $0?.starts ?? 0 })
        scanner.scan()
        consumed = scanner.consumed
        scanner.convertAgeGroups { k in
            guard !consumed[k], tokens[k].kind == .word else { return false }
            if Self.groupWords.contains(tokens[k].text) { return true }
            guard let entry = infos[k]?.single else { return false }
            return entry.outputs.contains { $0.type == .population || ($0.type == .place && tokens[k].text.hasSuffix("s")) }
        }

        // Phrase pass over what is left.
        stems = tokens.indices.map { consumed[$0] || tokens[$0].isBoundary ? nil : tokens[$0].stem }
        var units: [ClaimUnit] = []
        units.reserveCapacity(n)
        let changeMarks = Dictionary(scanner.changeMarks.map { ($0.index, $0.sign) }, uniquingKeysWith: { a, _ in a })
        let populationMarks = Dictionary(scanner.populationMarks.map { ($0.index, $0.token) }, uniquingKeysWith: { a, _ in a })
        i = 0
        while i < n {
            if let (entry, length) = phraseAt[i] {
                units.append(
                    ClaimUnit(kind: .lexical, outputs: entry.outputs, terms: entry.terms, flags: entry.flags, stem: tokens[i].stem, token: i))
                i += length
                continue
            }
            if tokens[i].isBoundary {
                units.append(ClaimUnit(kind: .boundary, stem: tokens[i].text, token: i))
                i += 1
                continue
            }
            if consumed[i] {
                if let token = populationMarks[i] {
                    units.append(
                        ClaimUnit(
                            kind: .lexical, outputs: [.init(type: .population, token: token)],
                            terms: [ClaimTerm(token: token, type: .population)], token: i))
                } else if let sign = changeMarks[i] {
                    units.append(ClaimUnit(kind: .lexical, flags: sign > 0 ? .changeUp : .changeDown, stem: "", token: i))
                } else if scanner.anchors.contains(i) {
                    units.append(ClaimUnit(kind: .anchor, token: i))
                }
                i += 1
                continue
            }
            // Capitalised names first: "WHO" the organisation, "who" a pronoun.
            if tokens[i].letterCase > 0, let (entry, letterCase) = lexicon.cased[tokens[i].stem], tokens[i].letterCase >= letterCase,
                (lexicon.longestMatch(stems, from: i, info: infos[i])?.length ?? 0) <= 1
            {
                units.append(
                    ClaimUnit(kind: .lexical, outputs: entry.outputs, terms: entry.terms, flags: entry.flags, stem: tokens[i].stem, token: i))
                i += 1
                continue
            }
            if let (entry, length) = lexicon.longestMatch(stems, from: i, info: infos[i]) {
                var terms = entry.terms
                // A capital named bare may be its government ("Berlin says"); after "in", "across"… it is the city.
                // ("in Vilnius's economy" is the country's economy: a possessive capital is never the city alone.)
                if entry.flags.contains(.capital), length == 1 || tokens[i].text != "the",
                    !(i > 0 && Self.locatives.contains(tokens[i - 1].text)) || tokens[i + length - 1].possessive
                {
                    for k in terms.indices where terms[k].type == .city {
                        terms[k] = ClaimTerm(token: terms[k].token, type: .capital, soft: terms[k].soft)
                    }
                }
                units.append(ClaimUnit(kind: .lexical, outputs: entry.outputs, terms: terms, flags: entry.flags, stem: tokens[i].stem, token: i))
                i += length
                continue
            }
            let token = tokens[i]
            if token.kind == .word, !(infos[i]?.stop ?? false), token.text.utf8.count > 2 {
                var unit = ClaimUnit(kind: .word, outputs: [.init(type: .word, token: token.stem)], stem: token.stem, token: i)
                // An unknown comparative ("freer", "cleaner", "healthier") with "than" shortly after opens a comparison
                // of unknown direction, so "no country is rated freer than Finland" is read as a superlative of Finland.
                if token.text.utf8.count >= 5, token.text.hasSuffix("er"),
                    (i + 1..<min(n, i + 5)).contains(where: { tokens[$0].text == "than" })
                {
                    unit.flags.insert(.comparative)
                }
                units.append(unit)
            } else {
                units.append(ClaimUnit(kind: .stop, stem: token.text, token: i))
            }
            i += 1
        }

        var structure = ClaimStructure(units: units)
        structure.analyse()
        return structure.makeClaim(scanner: scanner, language: language)
    }
}

/// One unit of the analysed sentence: a phrase, a leftover word, a stop word kept for structure, a quantity or time
/// anchor, or a clause boundary.
struct ClaimUnit {
    /// A phrase from the lexicon, an unknown content word, a stop word kept for structure, a quantity or time anchor, a clause boundary.
    enum Kind { case lexical, word, stop, anchor, boundary }

    /// What the unit is.
    var kind: Kind
    /// Canonical tokens of a lexical unit.
    var outputs: [ClaimLexicon.Output] = []
    /// `outputs` as precomputed terms (lexical units only).
    var terms: [ClaimTerm] = []
    /// Structural flags of a lexical unit.
    var flags: ClaimLexicon.Flags = []
    /// Stem of the first token (the word itself for stop words).
    var stem: String = ""
    /// Index of the first token.
    var token: Int
    /// Dropped from the claim (attribution wrapper).
    var dropped = false
    /// A negation used up by a construction (negated superlative, negated change), so it does not count.
    var absorbed = false
    /// Change direction after a negation flipped it.
    var changeOverride: Int?
    /// Degree direction of "best"/"worse"… once the claim's measure says whether more is better.
    var degreeOverride: Int?

    /// Whether the unit contributes canonical tokens.
    var isContent: Bool { !dropped && !outputs.isEmpty && !flags.contains(.drop) && !flags.contains(.attribution) }
    /// Change direction: +1, -1 or 0.
    var changeSign: Int {
        if let changeOverride { return changeOverride }
        return flags.contains(.changeUp) ? 1 : flags.contains(.changeDown) ? -1 : 0
    }
    /// Degree direction: +1, -1 or 0.
    var degreeSign: Int {
        if let degreeOverride { return degreeOverride }
        return flags.contains(.degreeUp) ? 1 : flags.contains(.degreeDown) ? -1 : 0
    }
    /// Quality direction: +1 best/better, -1 worst/worse, 0 none.
    var qualitySign: Int { flags.contains(.qualityUp) ? 1 : flags.contains(.qualityDown) ? -1 : 0 }
    /// Direction of a plain adjective ("high", "low").
    var adjectiveSign: Int { flags.contains(.adjectiveUp) ? 1 : flags.contains(.adjectiveDown) ? -1 : 0 }
    /// A negation that still counts.
    var isNegation: Bool { flags.contains(.negation) && !absorbed && !dropped }
}

/// Clause-level analysis: attribution wrappers, negated superlatives, comparisons, negated changes, directions.
struct ClaimStructure {
    /// The units of the sentence, in order.
    var units: [ClaimUnit]
    private var change = 0
    private var degree = 0
    private var comparison: ClaimComparison?
    /// Units whose direction belongs to the comparison rather than to the claim's degree.
    private var comparisonUnits: Set<Int> = []
    /// Entities that are only the exception of an "only X … more than Y" sentence.
    private var exceptions: [String] = []

    /// Creates the analysis for a sequence of units.
    init(units: [ClaimUnit]) { self.units = units }

    /// Words that end the second side of a comparison once it has content ("… than New York in 2023").
    private static let sideStops: Set<String> = [
        "in", "at", "on", "for", "since", "during", "by", "with", "to", "as", "which", "who", "that", "where", "when",
        "because", "while", "after", "before", "across", "from", "and", "but",
    ]

    /// Drops attribution wrappers, finds comparisons and negated constructions, and sums the directions.
    mutating func analyse() {
        resolveQuality()
        let clauses = clauseRanges()
        dropAttribution(clauses)
        for clause in clauses { analyseClause(clause) }
        // Negated changes: "never rose" is a fall, "did not grow" shrinks.
        for clause in clauses {
            // Only a bare negator ("not", "never") flips a change; a negated concept does not ("banned lab-grown meat").
            for k in clause where units[k].isNegation && units[k].outputs.isEmpty {
                var m = k + 1
                while m < clause.upperBound, m <= k + 3 {
                    if units[m].changeSign != 0, !units[m].dropped {
                        units[m].changeOverride = -units[m].changeSign
                        units[k].absorbed = true
                        break
                    }
                    m += 1
                }
            }
        }
        for (k, unit) in units.enumerated() where !unit.dropped {
            change += unit.changeSign
            if !comparisonUnits.contains(k) { degree += unit.degreeSign }
            // "a 41-year high", "a four-decade low": a plain adjective right after a period is a superlative.
            if unit.adjectiveSign != 0, k > 0, units[k - 1].kind == .anchor { degree += unit.adjectiveSign }
        }
    }

    /// "The worst jobless rate" is the highest unemployment, "the best life expectancy" the highest, "the worst-
    /// performing economy" the lowest GDP: a quality word becomes a degree when a term of the claim has a polarity
    /// (`ClaimLexicon.polarity`), and its own token ("best", "worst") is then dropped.
    private mutating func resolveQuality() {
        guard units.contains(where: { $0.qualitySign != 0 }) else { return }
        var polarity = 0
        for unit in units where unit.isContent {
            for term in unit.terms {
                if let p = ClaimLexicon.polarity[term.token] {
                    polarity = p
                    break
                }
            }
            if polarity != 0 { break }
        }
        guard polarity != 0 else { return }
        for k in units.indices where units[k].qualitySign != 0 {
            units[k].degreeOverride = units[k].qualitySign * polarity
            units[k].terms = []
            units[k].outputs = []
        }
    }

    /// Clause ranges between boundaries. A comparative whose "than" comes after a comma ("No member owes more,
    /// compared with its output, than Athens") keeps its clause open up to that "than".
    private func clauseRanges() -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for (k, unit) in units.enumerated() where unit.kind == .boundary {
            if k > start { result.append(start..<k) }
            start = k + 1
        }
        if start < units.count { result.append(start..<units.count) }
        var c = 0
        while c < result.count {
            let clause = result[c]
            let comparative = clause.contains { units[$0].flags.contains(.comparative) }
            let than = clause.contains { units[$0].kind == .stop && units[$0].stem == "than" }
            if comparative, !than {
                for next in (c + 1)..<min(c + 3, result.count)
                where result[next].contains(where: { units[$0].kind == .stop && units[$0].stem == "than" }) {
                    result[c] = clause.lowerBound..<result[next].upperBound
                    result.removeSubrange((c + 1)...next)
                    break
                }
            }
            c += 1
        }
        return result
    }

    /// "According to the minister, …", "…, the IEA says", "Beijing reported that …": wrappers carry no claim.
    private mutating func dropAttribution(_ clauses: [Range<Int>]) {
        guard clauses.count > 1 || !clauses.isEmpty else { return }
        for (c, clause) in clauses.enumerated() where c == 0 || c == clauses.count - 1 {
            guard clauses.count > 1 else { break }
            // A passive "was found on Sulawesi" is the claim itself, not a wrapper.
            let hasAttribution = clause.contains { k in
                units[k].flags.contains(.attribution) && !["was", "were", "is", "are", "been", "be"].contains { isStop(k - 1, $0) }
            }
            let hasAnchor = clause.contains { units[$0].kind == .anchor }
            let content = clause.filter { units[$0].isContent }.count
            if hasAttribution, !hasAnchor, content <= 5 {
                for k in clause { units[k].dropped = true }
            }
        }
        if let first = clauses.first {
            for k in first where k - first.lowerBound <= 5 && units[k].flags.contains(.attribution) {
                if k + 1 < first.upperBound, units[k + 1].kind == .stop, units[k + 1].stem == "that" {
                    for m in first.lowerBound...(k + 1) { units[m].dropped = true }
                }
                break
            }
        }
    }

    private func isStop(_ k: Int, _ word: String) -> Bool {
        k >= 0 && k < units.count && units[k].kind == .stop && units[k].stem == word
    }

    private mutating func analyseClause(_ clause: Range<Int>) {
        let live = clause.filter { !units[$0].dropped }
        guard !live.isEmpty else { return }
        func firstIndex(after k: Int, where predicate: (Int) -> Bool) -> Int? {
            live.first { $0 > k && predicate($0) }
        }
        /// The constructions that make a comparison, found by position.
        enum Construction {
            case comparative(word: Int, than: Int), equality(as: Int, adjective: Int, second: Int), overtake(Int), lose(Int, to: Int)
        }
        var found: [(position: Int, construction: Construction)] = []

        // "more … than", "fewer … than"
        if let c = live.first(where: { units[$0].flags.contains(.comparative) }),
            let than = firstIndex(after: c, where: { isStop($0, "than") })
        {
            found.append((c, .comparative(word: c, than: than)))
        }
        // "as many … as", "as high as" (only meaningful negated: "no country has as many beds as Germany")
        if let a = live.first(where: { isStop($0, "as") }), let adj = firstIndex(after: a, where: { _ in true }),
            units[adj].adjectiveSign != 0 || units[adj].degreeSign != 0,
            let second = firstIndex(after: adj, where: { isStop($0, "as") }),
            live.contains(where: { $0 < a && units[$0].isNegation })
        {
            found.append((a, .equality(as: a, adjective: adj, second: second)))
        }
        // "A overtook B", "B was overtaken by A"
        if let o = live.first(where: { units[$0].flags.contains(.overtake) }) {
            found.append((o, .overtake(o)))
        }
        // "A lost its place … to B" is "B overtook A"
        if let l = live.first(where: { units[$0].flags.contains(.lose) }),
            let to = firstIndex(after: l, where: { isStop($0, "to") }),
            let after = firstIndex(after: to, where: { _ in true }), units[after].isContent
        {
            found.append((l, .lose(l, to: to)))
        }
        if comparison == nil, let first = found.min(by: { $0.position < $1.position }) {
            switch first.construction {
            case .comparative(let word, let than):
                makeComparison(in: clause, live: live, word: word, direction: units[word].degreeSign, objectStart: than + 1)
            case .equality(let a, let adjective, let second):
                let sign = units[adjective].adjectiveSign != 0 ? units[adjective].adjectiveSign : units[adjective].degreeSign
                comparisonUnits.insert(adjective)
                makeComparison(in: clause, live: live, word: a, direction: sign, objectStart: second + 1)
            case .overtake(let o):
                let next = firstIndex(after: o, where: { _ in true })
                let passive = next.map { isStop($0, "by") } ?? false
                let objectStart = passive ? next! + 1 : o + 1
                var subject = sideTokens(live.filter { $0 < o })
                var object = objectTokens(live, from: objectStart)
                comparisonUnits.insert(o)
                if passive { swap(&subject, &object) }
                // "No European country outperforms Estonia": Estonia is ahead of all of them.
                if let k = live.first(where: { $0 < o && (units[$0].isNegation || units[$0].flags.contains(.few)) }) {
                    if units[k].isNegation { units[k].absorbed = true }
                    swap(&subject, &object)
                }
                comparison = ClaimComparison(direction: 1, left: subject, right: object)
            case .lose(let l, let to):
                let loser = sideTokens(live.filter { $0 < l })
                let winner = objectTokens(live, from: to + 1)
                units[l].changeOverride = 0
                comparison = ClaimComparison(direction: 1, left: winner, right: loser)
            }
        }

        // "not since 1974 has it been this low", "have not been this high since 2008": a superlative.
        for k in live where units[k].isNegation {
            if let t = firstIndex(after: k, where: { isStop($0, "this") || isStop($0, "so") }),
                let adj = firstIndex(after: t, where: { _ in true }), units[adj].adjectiveSign != 0
            {
                units[k].absorbed = true
                degree += units[adj].adjectiveSign
                break
            }
        }
    }

    /// Builds the comparison opened by unit `word`; a negation or "few" before it (in the clause) makes it a
    /// superlative of the object ("no economy grew faster than Ireland's" = Ireland grew fastest): the negation is
    /// used up and the two sides swap.
    private mutating func makeComparison(in clause: Range<Int>, live: [Int], word: Int, direction: Int, objectStart: Int) {
        var subject = sideTokens(live.filter { $0 < word })
        var object = objectTokens(live, from: objectStart)
        comparisonUnits.insert(word)
        var negated = false
        for k in live where k < word && (units[k].isNegation || units[k].flags.contains(.few)) {
            if units[k].isNegation { units[k].absorbed = true }
            negated = true
            break
        }
        if negated {
            swap(&subject, &object)
        } else if live.contains(where: { $0 < word && units[$0].stem == "only" }) {
            // "Only the United States exports more than the Dutch": the Dutch are second; the US is the exception,
            // not what the claim is about, so its entities are left out of the substitution checks.
            let lexicon = ClaimLexicon.shared
            exceptions += subject.filter { [.place, .city, .organisation].contains(lexicon.types[$0] ?? .word) }
        }
        comparison = ClaimComparison(direction: direction, left: subject, right: object)
    }

    private func sideTokens(_ indices: [Int]) -> [String] {
        var tokens: [String] = []
        for k in indices where units[k].isContent && units[k].degreeSign == 0 && units[k].changeSign == 0 {
            for output in units[k].outputs where !tokens.contains(output.token) { tokens.append(output.token) }
        }
        return tokens
    }

    /// The object of a comparison: content after `start` up to the first preposition or conjunction that follows some
    /// content ("than in New York City in 2023" → New York).
    private func objectTokens(_ live: [Int], from start: Int) -> [String] {
        var picked: [Int] = []
        for k in live where k >= start {
            let unit = units[k]
            if unit.kind == .stop, Self.sideStops.contains(unit.stem), !picked.isEmpty { break }
            if unit.kind == .anchor, !picked.isEmpty { break }
            if unit.isContent { picked.append(k) }
        }
        return sideTokens(picked)
    }

    /// Whether some "to"/"from" in the claim is directly followed by a place (possibly after "the").
    private func followsPreposition(_ word: String, placeAfter: Bool) -> Bool {
        for (k, unit) in units.enumerated() where unit.kind == .stop && unit.stem == word {
            var m = k + 1
            if m < units.count, units[m].kind == .stop, units[m].stem == "the" { m += 1 }
            if m < units.count, units[m].terms.contains(where: { $0.type == .place || $0.type == .organisation }) { return true }
        }
        return false
    }

    /// Whether a unit emitting `token` is directly followed (after "the", "from", "for" or "to") by a country (not a
    /// region or a celestial body: "moving away from the Earth" is no emigration).
    private func conceptFollowedByCountry(_ token: String) -> Bool {
        for (k, unit) in units.enumerated() where unit.isContent && unit.terms.contains(where: { $0.token == token }) {
            var m = k + 1
            while m < units.count, units[m].kind == .stop, ["the", "from", "for", "to"].contains(units[m].stem) { m += 1 }
            if m < units.count, units[m].terms.contains(where: { $0.type == .place && !ClaimLexicon.regionTokens.contains($0.token) }) {
                return true
            }
        }
        return false
    }

    /// Assembles the normalised claim from the analysed units and the scanner's quantities and periods.
    func makeClaim(scanner: ClaimQuantityScanner, language: String?) -> NormalizedClaim {
        var terms: [ClaimTerm] = []
        for unit in units where unit.isContent {
            if unit.kind == .word {
                if !terms.contains(where: { $0.token == unit.stem }) { terms.append(ClaimTerm(token: unit.stem, type: .word)) }
                continue
            }
            for term in unit.terms where !terms.contains(where: { $0.id == term.id }) { terms.append(term) }
        }
        // Selling or shipping abroad or to another country is exporting ("sells more soya abroad", "sold 15% less to
        // the bloc", "goods shipped to Mercosur"); buying from another country is importing.
        if let trade = terms.firstIndex(where: { $0.token == "sales" || $0.token == "ship" || $0.token == "buy" }) {
            let buying = terms[trade].token == "buy"
            if let abroad = terms.firstIndex(where: { $0.token == "abroad" }) {
                terms[trade] = ClaimTerm(token: buying ? "import" : "export", type: .measure)
                terms.remove(at: abroad)
            } else if followsPreposition(buying ? "from" : "to", placeAfter: true) {
                terms[trade] = ClaimTerm(token: buying ? "import" : "export", type: .measure)
            }
        }
        // Leaving a country is emigrating ("64,000 people left Ireland"); moving to one is immigrating.
        for (concept, measure) in [("leave", "emigration"), ("move", "immigration")] {
            if let k = terms.firstIndex(where: { $0.token == concept }), conceptFollowedByCountry(concept) {
                terms[k] = ClaimTerm(token: measure, type: .measure)
            }
        }
        let negations = units.filter(\.isNegation).count
        let equality = units.contains { !$0.dropped && $0.flags.contains(.equality) }
        var index = terms.map(\.token)
        for quantity in scanner.quantities { index.append(quantity.indexToken) }
        for span in scanner.years { index.append(span.indexToken) }
        var unique: [String] = []
        for token in index where !unique.contains(token) { unique.append(token) }
        index = unique
        return NormalizedClaim(
            indexText: index.joined(separator: " "),
            terms: terms,
            quantities: scanner.quantities.sorted { $0.position < $1.position },
            years: scanner.years,
            months: scanner.months,
            ratePeriods: scanner.ratePeriods,
            change: Int8(change.signum()),
            degree: Int8(degree.signum()),
            negated: negations % 2 == 1,
            comparison: comparison,
            equality: equality,
            exceptions: exceptions,
            language: language
        )
    }
}
