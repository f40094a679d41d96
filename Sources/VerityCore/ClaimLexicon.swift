import Foundation

/// The compiled claim-matching lexicon: phrase table, token types, soft equivalences and stop words. Built once from
/// the text tables in `ClaimLexiconData.swift` on first use (a few milliseconds) and shared read-only afterwards.
package struct ClaimLexicon: Sendable {
    /// What kind of thing a canonical token names. The matcher compares tokens of the same kind for substitutions.
    package enum TokenType: UInt8, Sendable, Codable, Hashable {
        /// Country or region.
        case place
        /// City (always emitted together with its country), named as a place ("in Berlin", "the German capital",
        /// "Munich").
        case city
        /// A capital named bare ("Berlin says…", "London had fewer…"): the city or its government, so it neither
        /// requires nor contradicts a city on the other side.
        case capital
        /// Organisation, institution, party, company, programme or team.
        case organisation
        /// Population group (youth, women, nurses…).
        case population
        /// The measured quantity (turnout, debt, unemployment…).
        case measure
        /// What the claim is about (an energy source, a crime type, a disease…) or a qualifier (gross, primary…).
        case subject
        /// A concept merged from synonyms but without a contrast check.
        case concept
        /// A stemmed word that is in no table.
        case word
    }

    /// Structural flags of a lexicon entry (directions, negation, markers).
    package struct Flags: OptionSet, Sendable, Hashable {
        /// The bits.
        package let rawValue: UInt32
        /// Creates flags from their bits.
        package init(rawValue: UInt32) { self.rawValue = rawValue }
        /// Flag values; see the header of ClaimLexiconData.swift for what each marks.
        static let changeUp = Flags(rawValue: 1 << 0)
        static let changeDown = Flags(rawValue: 1 << 1)
        static let degreeUp = Flags(rawValue: 1 << 2)
        static let degreeDown = Flags(rawValue: 1 << 3)
        static let comparative = Flags(rawValue: 1 << 4)
        static let adjectiveUp = Flags(rawValue: 1 << 5)
        static let adjectiveDown = Flags(rawValue: 1 << 6)
        static let negation = Flags(rawValue: 1 << 7)
        static let few = Flags(rawValue: 1 << 8)
        static let overtake = Flags(rawValue: 1 << 9)
        static let lose = Flags(rawValue: 1 << 10)
        static let drop = Flags(rawValue: 1 << 11)
        static let attribution = Flags(rawValue: 1 << 12)
        static let capital = Flags(rawValue: 1 << 13)
        static let equality = Flags(rawValue: 1 << 14)
        static let qualityUp = Flags(rawValue: 1 << 15)
        static let qualityDown = Flags(rawValue: 1 << 16)
    }

    /// One canonical token an entry emits.
    package struct Output: Sendable, Hashable {
        /// Its type.
        package var type: TokenType
        /// The canonical token.
        package var token: String
    }

    /// A phrase's meaning.
    package struct Entry: Sendable {
        /// The canonical tokens the phrase stands for.
        package var outputs: [Output]
        /// `outputs` as terms with their scoring flags, computed once.
        package var terms: [ClaimTerm] = []
        /// Its structural flags.
        package var flags: Flags
        /// The alias contains a number or a number word; such phrases are matched before quantities are parsed.
        package var numeric = false
    }

    /// What the pipeline needs to know about a stem, in one lookup: the phrase lengths starting with it, its
    /// single-word entry, whether it is a stop word, and which quantity recognisers it may start.
    struct WordInfo: Sendable {
        var lengths: UInt16 = 0
        var numericLengths: UInt16 = 0
        var single: Entry?
        var stop = false
        var starts: UInt8 = 0
    }

    /// Stem (or number text) to its `WordInfo`.
    let words: [String: WordInfo]
    /// One-word aliases written with capitals ("WHO", "Fed"): stem to entry and the letter case required (see
    /// `ClaimToken.letterCase`).
    let cased: [String: (entry: Entry, letterCase: UInt8)]
    /// Phrase (stems joined by single spaces) to entry.
    package let phrases: [String: Entry]
    /// Like `lengthsByFirstStem`, for phrases that contain a number (matched before quantities are parsed).
    let numericLengthsByFirstStem: [String: UInt16]
    /// First stem of a phrase to the set of phrase lengths starting with it (bit n = length n), so lookups only
    /// try lengths that exist.
    let lengthsByFirstStem: [String: UInt16]
    /// Type of every canonical token the tables define.
    let types: [String: TokenType]
    /// Soft equivalences between distinct tokens, with the credit a match between them earns (0…1).
    let compatibility: [String: [String: Double]]
    /// The country token each city token belongs to.
    let countryOfCity: [String: String]
    /// Aliases defined twice with different meanings ("outputs|alias"; the first definition wins); tests assert
    /// there are none.
    package let duplicates: [String]

    /// The shared lexicon.
    package static let shared = ClaimLexicon()

    init() {
        var phrases: [String: Entry] = [:]
        var lengths: [String: UInt16] = [:]
        var numericLengths: [String: UInt16] = [:]
        var types: [String: TokenType] = [:]
        var countryOfCity: [String: String] = [:]
        var duplicates: [String] = []
        var cased: [String: (entry: Entry, letterCase: UInt8)] = [:]
        for table in [
            Self.functionTable, Self.placeTable, Self.worldTable, Self.organisationTable, Self.populationTable, Self.measureTable,
            Self.subjectTable, Self.synonymTable, Self.genericFunctionTable, Self.genericPopulationTable, Self.genericMeasureTable,
            Self.genericSubjectTable, Self.genericSynonymTable,
        ] {
            // Join continuation lines ("| more aliases") to the entry they continue.
            var lines: [String] = []
            for rawLine in table.split(separator: "\n") {
                let trimmed = rawLine.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("|"), !lines.isEmpty { lines[lines.count - 1] += " " + trimmed } else { lines.append(trimmed) }
            }
            for line in lines {
                guard !line.isEmpty, !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
                var entry = Entry(outputs: [], flags: [])
                for item in line[..<equals].split(separator: " ") {
                    if item.hasPrefix("@") {
                        entry.flags.insert(Self.flag(named: String(item.dropFirst())))
                    } else if let colon = item.firstIndex(of: ":") {
                        let type = Self.type(code: item[..<colon])
                        let token = String(item[item.index(after: colon)...])
                        entry.outputs.append(Output(type: type, token: token))
                        if types[token] == nil { types[token] = type }
                    }
                }
                if let city = entry.outputs.first(where: { $0.type == .city }),
                    let country = entry.outputs.first(where: { $0.type == .place })
                {
                    countryOfCity[city.token] = country.token
                }
                for alias in line[line.index(after: equals)...].split(separator: "|") {
                    let tokens = ClaimTokenizer.tokenize(String(alias))
                    let stems = tokens.map(\.stem)
                    guard !stems.isEmpty, stems.count <= 15 else { continue }
                    if tokens.count == 1, tokens[0].letterCase > 0 {
                        cased[stems[0]] = (entry, tokens[0].letterCase)
                        continue
                    }
                    let key = stems.joined(separator: " ")
                    if let existing = phrases[key] {
                        if existing.outputs != entry.outputs || existing.flags != entry.flags {
                            duplicates.append("\(line[..<equals].trimmingCharacters(in: .whitespaces))|\(alias.trimmingCharacters(in: .whitespaces))")
                        }
                        continue
                    }
                    var aliasEntry = entry
                    // Phrases with a word the quantity scanner would take ("two quarters in a row", "out of work for
                    // more than a year") are matched before it runs.
                    aliasEntry.numeric =
                        tokens.contains {
                            $0.kind == .number || ClaimQuantityScanner.cardinals[$0.text] != nil
                                || ClaimQuantityScanner.ordinals[$0.text] != nil || ClaimQuantityScanner.denominators[$0.text] != nil
                                || ClaimQuantityScanner.periodDays[$0.text] != nil || ClaimQuantityScanner.months[$0.text] != nil
                        } && tokens.count > 1
                    phrases[key] = aliasEntry
                    if aliasEntry.numeric { numericLengths[stems[0], default: 0] |= UInt16(1) << UInt16(stems.count) }
                    lengths[stems[0], default: 0] |= UInt16(1) << UInt16(stems.count)
                }
            }
        }
        var compatibility: [String: [String: Double]] = [:]
        for rawLine in Self.compatibilityTable.split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count >= 3, let credit = Double(parts[0]) else { continue }
            var pairs: [(String, String)] = []
            if parts[2] == ">" {
                for spoke in parts[3...] { pairs += [(parts[1], spoke), (spoke, parts[1])] }
            } else {
                for a in parts[1...] { for b in parts[1...] where a != b { pairs.append((a, b)) } }
            }
            for (a, b) in pairs { compatibility[a, default: [:]][b] = max(compatibility[a]?[b] ?? 0, credit) }
        }
        for (key, var entry) in phrases {
            entry.terms = entry.outputs.map { ClaimTerm(token: $0.token, type: $0.type, soft: compatibility[$0.token] != nil) }
            phrases[key] = entry
        }
        for (key, var value) in cased {
            value.entry.terms = value.entry.outputs.map { ClaimTerm(token: $0.token, type: $0.type, soft: compatibility[$0.token] != nil) }
            cased[key] = value
        }
        self.cased = cased
        self.phrases = phrases
        var words: [String: WordInfo] = [:]
        for (stem, mask) in lengths { words[stem, default: WordInfo()].lengths = mask }
        for (stem, mask) in numericLengths { words[stem, default: WordInfo()].numericLengths = mask }
        for (stem, _) in words where words[stem]!.lengths & 2 != 0 { words[stem]!.single = phrases[stem] }
        for word in Self.stopWords { words[ClaimLemmatizer.stem(word), default: WordInfo()].stop = true }
        for (word, starts) in ClaimQuantityScanner.startTable { words[ClaimLemmatizer.stem(word), default: WordInfo()].starts |= starts }
        self.words = words
        self.lengthsByFirstStem = lengths
        self.numericLengthsByFirstStem = numericLengths
        self.types = types
        self.compatibility = compatibility
        self.countryOfCity = countryOfCity
        self.duplicates = duplicates
    }

    /// The longest entry starting at `start` among `stems` (nil stems are barriers), and its length. `info` is the
    /// first stem's `WordInfo`; with `numericOnly`, only phrases that contain a number are tried.
    func longestMatch(_ stems: [String?], from start: Int, info: WordInfo?, numericOnly: Bool = false) -> (entry: Entry, length: Int)? {
        guard let info, let first = stems[start] else { return nil }
        let mask = numericOnly ? info.numericLengths : info.lengths
        if mask == 0 { return nil }
        if mask == 2 {  // single-word entries only: the common case, no key to build
            guard let single = info.single, !numericOnly || single.numeric else { return nil }
            return (single, 1)
        }
        var longest = 1
        while longest < 15, start + longest < stems.count, mask >> UInt16(longest + 1) != 0, stems[start + longest] != nil {
            longest += 1
        }
        var length = longest
        while length > 1 {
            if mask & (UInt16(1) << UInt16(length)) != 0 {
                var key = first
                for k in 1..<length {
                    key += " "
                    key += stems[start + k]!
                }
                if let entry = phrases[key], !numericOnly || entry.numeric { return (entry, length) }
            }
            length -= 1
        }
        if mask & 2 != 0, let single = info.single, !numericOnly || single.numeric { return (single, 1) }
        return nil
    }

    /// The credit for matching two different tokens (0 when they are not equivalent).
    func credit(_ a: String, _ b: String) -> Double {
        compatibility[a]?[b] ?? 0
    }

    private static func flag(named name: String) -> Flags {
        switch name {
        case "chg+": .changeUp
        case "chg-": .changeDown
        case "deg+": .degreeUp
        case "deg-": .degreeDown
        case "cmp": .comparative
        case "adj+": .adjectiveUp
        case "adj-": .adjectiveDown
        case "neg": .negation
        case "few": .few
        case "over": .overtake
        case "lose": .lose
        case "drop": .drop
        case "attr": .attribution
        case "capital": .capital
        case "eq": .equality
        case "qual+": .qualityUp
        case "qual-": .qualityDown
        default: preconditionFailure("unknown lexicon flag @\(name)")
        }
    }

    private static func type(code: Substring) -> TokenType {
        switch code {
        case "p": .place
        case "c": .city
        case "o": .organisation
        case "g": .population
        case "m": .measure
        case "s": .subject
        case "w": .concept
        default: preconditionFailure("unknown lexicon type \(code)")
        }
    }

    /// Words that carry no claim content and no structure. Structure words (than, as, by, to, this, so, since)
    /// are recognised before this list is applied.
    static let stopWords: Set<String> = [
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as", "into", "onto", "upon",
        "and", "or", "but", "if", "then", "than", "that", "which", "who", "whom", "whose", "what", "when", "where",
        "while", "whereas", "because", "since", "until", "till", "after", "before", "during", "between", "among",
        "amongst", "across", "through", "throughout", "within", "via", "per", "against", "toward", "towards",
        "it", "its", "they", "them", "their", "theirs", "he", "him", "his", "she", "her", "hers", "we", "our",
        "ours", "you", "your", "i", "me", "my", "this", "these", "those", "there", "here", "be", "am", "is", "are",
        "was", "were", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "done", "so",
        "too", "very", "such", "also", "just", "only", "even", "yet", "ever", "again", "once", "how", "why",
        "can", "could", "may", "might", "must", "shall", "should", "will", "would", "get", "got", "gets", "getting",
        "make", "made", "makes", "making", "take", "took", "takes", "taking", "taken", "go", "went", "goes", "going",
        "gone", "come", "came", "comes", "coming", "put", "puts", "keep", "kept", "keeps", "let", "lets", "reach",
        "reached", "reaches", "reaching", "hit", "hits", "hitting", "stand", "stands", "stood", "standing", "sit",
        "sits", "sat", "see", "saw", "seen", "sees", "seeing", "there's", "it's", "that's", "about", "around",
        "approximately", "roughly", "nearly", "almost", "some", "several", "many", "much", "more", "most", "less",
        "least", "few", "fewer", "other", "others", "another", "any", "all", "each", "every", "both", "either",
        "whole", "entire", "own", "same", "new", "now", "then", "still", "already", "currently", "today", "year",
        "years", "time", "times", "thing", "things", "way", "ways", "part", "parts", "kind", "sort", "lot", "lots",
        "number", "numbers", "one", "ones", "s", "t", "ll", "d", "re", "ve", "m", "o", "mr", "mrs", "ms", "dr",
        "percent", "per", "cent", "well", "far", "way", "like", "unlike", "alike", "out", "off", "over",
        "under", "above", "below", "around", "whether", "ago", "later", "earlier", "since",
        "last", "next", "previous", "following", "recent", "recently", "latest", "early", "late", "mid", "start",
        "end", "beginning", "figure", "figures", "data", "official", "officially",
        "nearly", "some", "around", "roughly", "upwards", "anywhere", "everywhere", "somewhere", "elsewhere", "else", "someone", "anyone", "everyone",
        "somebody", "anybody", "piece", "pieces",
    ]

    /// Population tokens a topic often implies without naming them (tuition fees are paid by students, school
    /// spending is per pupil): leaving them out costs less than leaving out a real qualifier such as "youth".
    static let impliedPopulations: Set<String> = [
        "student", "pupil", "household", "patient", "motorist", "smoker", "teacher", "renter", "user", "homeowner", "voter",
    ]
    /// People named as the actor of a claim rather than as a qualifier of what is measured ("employers created jobs",
    /// "owners may let homes", "visitors spent"): one side naming them and the other not is a paraphrase more often
    /// than a narrower claim. (A swap of two of them is still a substitution.)
    static let actorPopulations: Set<String> = [
        "employer", "owner", "consumer", "investor", "borrower", "saver", "seller", "miner", "builder", "carer", "cleaner",
        "firefighter", "journalist", "politician", "civilservant", "healthworker", "socialworker", "pharmacist", "dentist", "surgeon",
        "veteran", "fan", "passenger", "tourist", "expat", "worker", "engineer", "researcher", "lawyer", "judge", "pilot", "athlete",
        "apprentice", "landlord",
    ]

    /// Place tokens that are not countries (regions, blocs, the world, celestial bodies).
    static let regionTokens: Set<String> = [
        "world", "earth", "moon", "mars", "space", "europe", "eu", "eurozone", "africa", "asia", "latinamerica", "northamerica", "middleeast",
        "nordic", "baltic", "balkans", "west", "arctic", "antarctic", "amazon", "mediterranean", "northsea", "sahara", "sahel", "caribbean",
        "centralasia", "southasia", "southeastasia", "eastasia", "oceania", "maghreb", "horn", "caucasus", "easterneurope", "southerneurope",
        "westerneurope", "northerneurope", "globalsouth", "richcountries",
    ]

    /// Whether more of a measured quantity or subject is better (+1) or worse (-1), so that "the worst jobless rate" is
    /// the highest and "the best life expectancy" the highest, "the worst growth" the lowest.
    static let polarity: [String: Int] = {
        var table: [String: Int] = [:]
        for token in [
            "unemployment", "inflation", "coreinflation", "debt", "deficit", "tradedeficit", "death", "case", "casualty", "emission",
            "poverty", "inequality", "waitinglist", "waitingtime", "price", "cost", "rent", "houseprice", "fee", "fare", "tax", "tariff",
            "interestrate", "mortgagerate", "shortage", "accident", "absence", "dropout", "reoffending", "inactivity", "longtermunemployment",
            "hospitalisation", "strikeaction", "complaint", "cancellation", "debtinterest", "crime", "violentcrime", "propertycrime",
            "knifecrime", "homicide", "rape", "burglary", "shoplifting", "theft", "fraud", "shooting", "drugcrime", "terrorism", "obesity",
            "smoking", "homeless", "airpollution", "suicide", "illness", "wildfire", "flood", "drought", "deforestation", "corruption",
        ] {
            table[token] = -1
        }
        for token in [
            "employment", "gdp", "gni", "lifeexpectancy", "wage", "minwage", "revenue", "profit", "saving", "investment", "export",
            "coverage", "score", "turnout", "surplus", "productivity", "wealth", "graduation", "approval", "trust", "enrolment", "recycling",
            "homeownership", "valuation", "attendance", "punctual", "reading", "maths", "science", "literacyrate",
        ] {
            table[token] = 1
        }
        return table
    }()

    /// Generic words for people: a population qualifier on the other side is then more likely a description of the
    /// same people ("migrants" for "people who crossed") than a narrower claim.
    static let genericPeople: Set<String> = ["person", "citizen", "population", "resident"]

    /// Tokens that say little about what a claim asserts; they weigh less when no document frequencies are known.
    static let lightTokens: Set<String> = [
        "rate", "level", "number", "share", "country", "person", "world", "citizen", "government", "state", "year",
        "record", "report", "average", "first", "supply", "value", "size", "head", "now", "still", "become", "new",
        "law", "voter", "election", "win", "target", "meet", "cause", "risk", "fund", "plant", "home", "family",
        "company", "job", "school", "treatment", "hospital", "patient", "officially", "decision", "rule", "require",
        "represent", "member", "membership", "place", "strike", "outcome", "change", "pay", "club", "league", "player", "sport", "study", "public",
    ]
}
