/// Finds the numbers, periods and rates of a claim however they are written ("5%", "five per cent", "one in
/// twenty", "two-fifths", "€3tn", "3 trillion euros", "half a million", "the nineties", "an hour and a half") and
/// marks the tokens it used, so that the phrase pass and the stemmer never see them.
struct ClaimQuantityScanner {
    private(set) var tokens: [ClaimToken]
    /// Tokens already used by a phrase, a quantity or a time expression.
    var consumed: [Bool]
    private(set) var quantities: [ClaimQuantity] = []
    private(set) var years: [ClaimYearSpan] = []
    private(set) var months: UInt16 = 0
    private(set) var ratePeriods: [Double] = []
    /// Change direction implied by multipliers ("doubled" +1, "halved" -1), by token index.
    private(set) var changeMarks: [(index: Int, sign: Int)] = []
    /// Population tokens implied by age groups ("under-25s" → youth), by token index.
    private(set) var populationMarks: [(index: Int, token: String)] = []
    /// First token (bound or hedge included) of each quantity, parallel to `quantities`.
    private(set) var quantityStarts: [Int] = []
    /// Token index of the first token of each quantity, time expression or bound, for the structure pass.
    private(set) var anchors: Set<Int> = []

    /// Which recognisers each token may start (one table lookup per token; most words start none).
    private let starts: [UInt8]

    /// `starts` gives, per token, which recognisers it may start (`ClaimLexicon.WordInfo.starts`).
    init(tokens: [ClaimToken], consumed: [Bool], starts: [UInt8]) {
        self.tokens = tokens
        self.consumed = consumed
        self.starts = zip(tokens, starts).map { $0.kind == .number ? Self.startsAll : $1 }
    }

    /// Recogniser bits in `startTable`.
    static let startsTime: UInt8 = 1
    static let startsRate: UInt8 = 2
    static let startsQuantity: UInt8 = 4
    static let startsAll: UInt8 = 7

    /// For each word that can start a time expression, a rate or a quantity, which of them.
    static let startTable: [String: UInt8] = {
        var table: [String: UInt8] = [:]
        func mark(_ words: some Sequence<String>, _ flag: UInt8) { for w in words { table[w, default: 0] |= flag } }
        mark(months.keys, startsTime)
        mark(ordinals.keys, startsTime | startsQuantity)
        mark(decadeWords.keys, startsTime)
        mark(["latter", "final", "last", "h1", "h2", "q1", "q2", "q3", "q4", "summer", "winter", "spring", "autumn", "fy"], startsTime)
        mark(rateAdjectives.keys, startsRate)
        mark(["a", "an", "per", "each", "every", "in", "all"], startsRate)
        mark(currencies.keys, startsQuantity)
        mark(multipliers.keys, startsQuantity)
        mark(cardinals.keys.map { $0 + "fold" }, startsQuantity)
        mark(cardinals.keys, startsQuantity)
        mark(denominators.keys, startsQuantity)
        mark(["twice", "a", "an", "one", "half", "single", "hundred", "thousand"], startsQuantity)
        return table
    }()
    private static let lastOrdinals: [String: Double] = ["latter": 2, "final": 4, "last": 4]
    private static let timePrepositions: Set<String> = [
        "in", "since", "by", "until", "from", "of", "early", "late", "mid", "end", "during", "last", "next", "this",
        "before", "after",
    ]
    private static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]

    // MARK: - Tables

    static let cardinals: [String: Double] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
        "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    /// Ordinal words.
    static let ordinals: [String: Double] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
        "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
        "fortieth": 40, "fiftieth": 50, "hundredth": 100,
    ]
    /// Denominators of fraction words ("two-fifths", "a third", "three-quarters").
    static let denominators: [String: Double] = [
        "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
        "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
        "tenth": 10, "tenths": 10, "twentieth": 20, "twentieths": 20, "hundredth": 100, "hundredths": 100,
        "thousandth": 1000, "thousandths": 1000,
    ]
    /// Scale words spelled out or abbreviated; the one-letter ones only count when glued to digits ("7.7m").
    static let scales: [String: Double] = [
        "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "milliard": 1e9,
        "mn": 1e6, "mln": 1e6, "bn": 1e9, "tn": 1e12, "trn": 1e12, "lakh": 1e5, "crore": 1e7, "k": 1e3, "m": 1e6,
        "b": 1e9, "dozen": 12,
    ]
    /// Scale letters that only count glued to digits ("7.7m", not "7.7 m").
    static let gluedOnlyScales: Set<String> = ["k", "m", "b"]
    /// Currency codes and words to a code.
    static let currencies: [String: String] = [
        "eur": "eur", "euro": "eur", "euros": "eur", "usd": "usd", "dollar": "usd", "dollars": "usd",
        "gbp": "gbp", "pound": "gbp", "pounds": "gbp", "sterling": "gbp", "jpy": "jpy", "yen": "jpy",
        "yuan": "cny", "renminbi": "cny", "cny": "cny", "rmb": "cny", "chf": "chf", "franc": "chf", "francs": "chf",
        "sek": "sek", "krona": "sek", "kronor": "sek", "nok": "nok", "krone": "nok", "kroner": "nok", "dkk": "dkk",
        "pln": "pln", "zloty": "pln", "zlotys": "pln", "huf": "huf", "forint": "huf", "czk": "czk", "koruna": "czk",
        "rub": "rub", "rouble": "rub", "roubles": "rub", "ruble": "rub", "rubles": "rub", "inr": "inr",
        "rupee": "inr", "rupees": "inr", "aud": "aud", "cad": "cad", "try": "try", "lira": "try", "liras": "try",
        "lire": "try", "rand": "zar", "zar": "zar", "naira": "ngn", "ngn": "ngn", "peso": "peso", "pesos": "peso", "rupiah": "idr",
        "idr": "idr", "ringgit": "myr", "myr": "myr", "baht": "thb", "thb": "thb", "hryvnia": "uah", "hryvnias": "uah", "uah": "uah",
        "shekel": "ils", "shekels": "ils", "ils": "ils", "riyal": "sar", "riyals": "sar", "sar": "sar", "dirham": "aed", "dirhams": "aed",
        "aed": "aed", "krw": "krw", "brl": "brl", "reais": "brl", "mxn": "peso", "ars": "peso", "cop": "peso", "clp": "peso",
        "ksh": "kes", "kes": "kes", "shilling": "kes", "shillings": "kes", "rs": "inr", "cedi": "ghs", "cedis": "ghs", "ghs": "ghs",
        "egp": "egp", "nzd": "nzd", "hkd": "hkd", "sgd": "sgd", "php": "php", "vnd": "vnd", "dong": "vnd",
        "lei": "ron", "ron": "ron", "leva": "bgn", "lev": "bgn", "bgn": "bgn", "isk": "isk",
    ]
    /// Currency code of an amount in cents, which matches any currency.
    static let anyCurrency = "*"
    /// Measurement units: kind and factor to the base unit (days, metres, m², kg, °C difference, km/h, kWh, W, l).
    static let units: [String: (ClaimQuantity.Kind, Double)] = [
        "second": (.duration, 1.0 / 86400), "seconds": (.duration, 1.0 / 86400), "secs": (.duration, 1.0 / 86400),
        "minute": (.duration, 1.0 / 1440), "minutes": (.duration, 1.0 / 1440), "min": (.duration, 1.0 / 1440),
        "mins": (.duration, 1.0 / 1440), "hour": (.duration, 1.0 / 24), "hours": (.duration, 1.0 / 24),
        "h": (.duration, 1.0 / 24), "hr": (.duration, 1.0 / 24), "hrs": (.duration, 1.0 / 24), "day": (.duration, 1),
        "days": (.duration, 1), "week": (.duration, 7), "weeks": (.duration, 7), "fortnight": (.duration, 14),
        "fortnights": (.duration, 14), "month": (.duration, 30.4375), "months": (.duration, 30.4375),
        "year": (.duration, 365.25), "years": (.duration, 365.25), "yr": (.duration, 365.25),
        "yrs": (.duration, 365.25), "decade": (.duration, 3652.5), "decades": (.duration, 3652.5),
        "century": (.duration, 36525), "centuries": (.duration, 36525), "quarters": (.duration, 91.3125),
        "km": (.length, 1000), "kilometre": (.length, 1000), "kilometres": (.length, 1000),
        "kilometer": (.length, 1000), "kilometers": (.length, 1000), "mile": (.length, 1609.344),
        "miles": (.length, 1609.344), "metre": (.length, 1), "metres": (.length, 1), "meter": (.length, 1),
        "meters": (.length, 1), "cm": (.length, 0.01), "centimetre": (.length, 0.01), "centimetres": (.length, 0.01),
        "centimeter": (.length, 0.01), "centimeters": (.length, 0.01), "mm": (.length, 0.001),
        "millimetre": (.length, 0.001), "millimetres": (.length, 0.001), "inch": (.length, 0.0254),
        "inches": (.length, 0.0254), "foot": (.length, 0.3048), "feet": (.length, 0.3048), "ft": (.length, 0.3048),
        "yard": (.length, 0.9144), "yards": (.length, 0.9144), "ha": (.area, 1e4), "hectare": (.area, 1e4),
        "hectares": (.area, 1e4), "km2": (.area, 1e6), "m2": (.area, 1), "acre": (.area, 4046.86),
        "acres": (.area, 4046.86), "tonne": (.mass, 1000), "tonnes": (.mass, 1000), "ton": (.mass, 1000),
        "tons": (.mass, 1000), "t": (.mass, 1000), "mt": (.mass, 1e9), "megatonnes": (.mass, 1e9),
        "kg": (.mass, 1), "kilogram": (.mass, 1), "kilograms": (.mass, 1), "kilos": (.mass, 1),
        "c": (.temperature, 1), "celsius": (.temperature, 1), "degree": (.temperature, 1),
        "degrees": (.temperature, 1), "f": (.temperature, 5.0 / 9), "fahrenheit": (.temperature, 5.0 / 9),
        "mph": (.speed, 1.609344), "kph": (.speed, 1), "kwh": (.energy, 1), "mwh": (.energy, 1e3),
        "gwh": (.energy, 1e6), "twh": (.energy, 1e9), "kw": (.power, 1e3), "mw": (.power, 1e6), "gw": (.power, 1e9),
        "litre": (.volume, 1), "litres": (.volume, 1), "liter": (.volume, 1), "liters": (.volume, 1),
        "l": (.volume, 1), "barrel": (.volume, 159), "barrels": (.volume, 159), "point": (.points, 1),
        "points": (.points, 1), "pp": (.percentagePoints, 1), "ppt": (.percentagePoints, 1),
        "bps": (.percentagePoints, 0.01),
    ]
    /// Two-word units ("square kilometres", "miles per hour").
    static let unitPhrases: [[String]: (ClaimQuantity.Kind, Double)] = [
        ["square", "kilometres"]: (.area, 1e6), ["square", "kilometers"]: (.area, 1e6), ["sq", "km"]: (.area, 1e6),
        ["square", "kilometre"]: (.area, 1e6), ["square", "miles"]: (.area, 2.59e6), ["square", "mile"]: (.area, 2.59e6),
        ["square", "metres"]: (.area, 1), ["square", "meters"]: (.area, 1), ["sq", "mi"]: (.area, 2.59e6),
        ["miles", "per", "hour"]: (.speed, 1.609344), ["kilometres", "per", "hour"]: (.speed, 1),
        ["km", "per", "hour"]: (.speed, 1), ["km", "/", "h"]: (.speed, 1), ["percentage", "points"]: (.percentagePoints, 1),
        ["percentage", "point"]: (.percentagePoints, 1), ["basis", "points"]: (.percentagePoints, 0.01),
        ["degrees", "celsius"]: (.temperature, 1), ["degrees", "c"]: (.temperature, 1),
    ]
    /// Multiplier words: value as a ratio in per cent, and the change they imply.
    static let multipliers: [String: (Double, Int)] = [
        "double": (200, 1), "doubled": (200, 1), "doubles": (200, 1), "doubling": (200, 1), "triple": (300, 1),
        "tripled": (300, 1), "triples": (300, 1), "tripling": (300, 1), "treble": (300, 1), "trebled": (300, 1),
        "quadruple": (400, 1), "quadrupled": (400, 1), "quadrupling": (400, 1), "halve": (50, -1),
        "halved": (50, -1), "halves": (50, -1), "halving": (50, -1), "twofold": (200, 0), "threefold": (300, 0),
        "fourfold": (400, 0), "fivefold": (500, 0), "tenfold": (1000, 0), "hundredfold": (10000, 0),
    ]
    /// Month names and abbreviations ("may" and "march" need a year or a preposition nearby).
    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "april": 4, "apr": 4, "may": 5, "june": 6,
        "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
        "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12, "christmas": 12,
    ]
    /// Decades in words ("the nineties").
    static let decadeWords: [String: Int] = [
        "twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950, "sixties": 1960, "seventies": 1970,
        "eighties": 1980, "nineties": 1990, "noughties": 2000,
    ]
    /// Periods after "a", "per", "every" that make a rate, in days.
    static let periodDays: [String: Double] = [
        "year": 365.25, "annum": 365.25, "month": 30.4375, "week": 7, "day": 1, "decade": 3652.5, "quarter": 91.3125,
        "hour": 1.0 / 24, "fortnight": 14,
    ]
    /// Rate adverbs and adjectives, in days.
    static let rateAdjectives: [String: Double] = [
        "annually": 365.25, "annual": 365.25, "yearly": 365.25, "weekly": 7, "monthly": 30.4375, "daily": 1,
        "quarterly": 91.3125, "hourly": 1.0 / 24, "fortnightly": 14,
    ]
    /// Words before "a year" that make it a length of time ("within a year") rather than a rate ("£9bn a year").
    static let durationBefore: Set<String> = [
        "within", "for", "after", "than", "over", "under", "about", "around", "nearly", "almost", "least", "last",
        "next", "another", "past", "half", "once", "single", "whole", "full", "entire", "calendar", "was", "took",
        "lasted", "takes", "is", "be", "wait",
    ]
    /// Words that may stand between a bound and its number ("just over", "well below").
    static let hedges: Set<String> = [
        "about", "around", "roughly", "approximately", "nearly", "almost", "some", "circa", "c", "estimated",
        "just", "barely", "close", "virtually", "practically", "slightly", "well", "an", "only", "merely", "approx",
        "hardly", "to", "by", "a", "record", "still", "over",
    ]
    /// Hedges that make a number approximate.
    static let approximatingHedges: Set<String> = [
        "about", "around", "roughly", "approximately", "nearly", "almost", "some", "circa", "c", "estimated",
        "barely", "close", "virtually", "practically", "approx", "hardly",
    ]
    /// Bounds written before a number, longest first. "more than a third" is a bound, not a claim that something rose.
    static let bounds: [([String], Int)] = [
        (["in", "excess", "of"], 1), (["no", "less", "than"], 1), (["no", "fewer", "than"], 1),
        (["not", "less", "than"], 1), (["no", "more", "than"], -1), (["not", "more", "than"], -1),
        (["as", "much", "as"], -1), (["as", "many", "as"], -1), (["as", "high", "as"], -1), (["more", "than"], 1),
        (["greater", "than"], 1), (["higher", "than"], 1), (["larger", "than"], 1), (["bigger", "than"], 1),
        (["older", "than"], 1), (["upwards", "of"], 1), (["upward", "of"], 1), (["at", "least"], 1),
        (["north", "of"], 1), (["less", "than"], -1), (["fewer", "than"], -1), (["lower", "than"], -1),
        (["smaller", "than"], -1), (["younger", "than"], -1), (["at", "most"], -1), (["up", "to"], -1),
        (["short", "of"], -1), (["shy", "of"], -1), (["over"], 1), (["above"], 1), (["exceed"], 1),
        (["exceeded"], 1), (["exceeds"], 1), (["exceeding"], 1), (["top"], 1), (["topped"], 1), (["tops"], 1),
        (["topping"], 1), (["pass"], 1), (["passed"], 1), (["passes"], 1), (["passing"], 1), (["surpass"], 1),
        (["surpassed"], 1), (["surpasses"], 1), (["beyond"], 1), (["under"], -1), (["below"], -1),
        (["beneath"], -1), (["within"], -1), (["sub"], -1),
    ]
    /// Bounds written after a number ("65% or more").
    static let boundsAfter: [([String], Int)] = [
        (["or", "more"], 1), (["or", "above"], 1), (["or", "higher"], 1), (["or", "over"], 1), (["plus"], 1),
        (["+"], 1), (["or", "less"], -1), (["or", "fewer"], -1), (["or", "below"], -1), (["or", "under"], -1),
        (["or", "lower"], -1),
    ]
    /// Words that may sit between a number and its unit ("ten more years", "two consecutive years").
    static let unitFillers: Set<String> = [
        "more", "additional", "extra", "further", "consecutive", "straight", "full", "whole", "successive",
        "calendar", "fiscal", "separate", "financial", "long", "short", "straight", "different", "new", "of",
    ]
    /// Words after "N times" that make it a multiplier ("three times as many", "1.4 times the size").
    static let multiplierFollowers: Set<String> = [
        "as", "more", "higher", "larger", "bigger", "greater", "the", "that", "what", "faster", "less", "lower",
        "smaller", "over", "its", "their", "his", "her", "cheaper", "dearer", "richer",
    ]

    // MARK: - Scanning

    /// Runs every recogniser over the tokens, left to right.
    mutating func scan() {
        scanTimeWords()
        scanRates()
        var i = 0
        while i < tokens.count {
            if consumed[i] || starts[i] & Self.startsQuantity == 0 {
                i += 1
                continue
            }
            if let end = scanQuantity(at: i) {
                i = end
            } else {
                i += 1
            }
        }
    }

    private func word(_ i: Int) -> String? {
        guard i >= 0, i < tokens.count, tokens[i].kind != .number, !consumed[i] else { return nil }
        return tokens[i].text
    }

    private func anyWord(_ i: Int) -> String? {
        guard i >= 0, i < tokens.count, tokens[i].kind != .number else { return nil }
        return tokens[i].text
    }

    private func isNumber(_ i: Int) -> Bool { i >= 0 && i < tokens.count && tokens[i].kind == .number && !consumed[i] }

    /// Turns "Spaniards under 25" / "men over 65" (a bounded bare count right after a group of people) into an age
    /// group, like "under-25s"; `isGroup` says whether the token before is a group of people.
    mutating func convertAgeGroups(isGroup: (Int) -> Bool) {
        var k = 0
        while k < quantities.count {
            let q = quantities[k]
            let start = quantityStarts[k]
            if q.kind == .count, q.bound != 0, q.value == q.value.rounded(), start > 0, isGroup(start - 1),
                q.bound < 0 && q.value >= 12 && q.value <= 30 || q.bound > 0 && q.value >= 50 && q.value <= 80
            {
                populationMarks.append((start, q.bound > 0 ? "elderly" : q.value <= 18 ? "child" : "youth"))
                quantities.remove(at: k)
                quantityStarts.remove(at: k)
                continue
            }
            k += 1
        }
    }

    private mutating func consume(_ range: Range<Int>) {
        for k in range where k < consumed.count { consumed[k] = true }
    }

    private mutating func addMonths(_ mask: UInt16, at index: Int) {
        months |= mask
        anchors.insert(index)
    }

    private static func monthMask(_ from: Int, _ to: Int) -> UInt16 {
        var mask: UInt16 = 0
        for m in from...to { mask |= 1 << UInt16(m - 1) }
        return mask
    }

    /// Months, seasons, halves and quarters of a year, written decades and centuries.
    private mutating func scanTimeWords() {
        scanBaselinePeriods()
        for i in tokens.indices where !consumed[i] && starts[i] & Self.startsTime != 0 {
            guard let w = word(i) else { continue }
            let previous = word(i - 1) ?? ""
            if let month = Self.months[w] {
                let ambiguous = w == "may" || w == "march" || w.count <= 3
                let yearNear = isYearLike(i + 1) || isYearLike(i - 1) || isNumber(i + 1) && tokens[i + 1].value <= 31
                let timePreposition = Self.timePrepositions.contains(previous)
                if ambiguous && !(yearNear || timePreposition && w.count > 3) { continue }
                if w == "christmas", word(i + 1) == "day" { consume(i + 1..<i + 2) }
                addMonths(1 << UInt16(month - 1), at: i)
                consume(i..<i + 1)
                continue
            }
            if let ordinal = Self.ordinals[w] ?? Self.lastOrdinals[w] {
                let next = word(i + 1)
                if next == "half", ordinal <= 2 || w == "latter" || w == "last" || w == "final" {
                    let second = ordinal >= 2
                    addMonths(second ? Self.monthMask(7, 12) : Self.monthMask(1, 6), at: i)
                    consume(i..<i + 2)
                    continue
                }
                if next == "quarter", ordinal <= 4 {
                    let q = Int(ordinal)
                    addMonths(Self.monthMask(q * 3 - 2, q * 3), at: i)
                    consume(i..<i + 2)
                    continue
                }
                if next == "century" || next == "centuries" {
                    let start = Int(ordinal - 1) * 100
                    years.append(ClaimYearSpan(lower: start, upper: start + 99))
                    anchors.insert(i)
                    consume(i..<i + 2)
                    continue
                }
            }
            if w == "h1" || w == "h2" {
                addMonths(w == "h1" ? Self.monthMask(1, 6) : Self.monthMask(7, 12), at: i)
                consume(i..<i + 1)
                continue
            }
            if w.count == 2, w.first == "q", let q = Int(w.dropFirst()), q >= 1, q <= 4 {
                addMonths(Self.monthMask(q * 3 - 2, q * 3), at: i)
                consume(i..<i + 1)
                continue
            }
            if w == "summer" || w == "winter" || w == "spring" || w == "autumn" {
                let mask: UInt16 =
                    switch w {
                    case "summer": Self.monthMask(6, 8)
                    case "winter": Self.monthMask(1, 2) | Self.monthMask(12, 12)
                    case "spring": Self.monthMask(3, 5)
                    default: Self.monthMask(9, 11)
                    }
                addMonths(mask, at: i)
                consume(i..<i + 1)
                continue
            }
            if let decade = Self.decadeWords[w],
                previous == "the" || previous == "early" || previous == "mid" || previous == "late" || previous == "since"
            {
                years.append(ClaimYearSpan(lower: decade, upper: decade + 9))
                anchors.insert(i)
                consume(i..<i + 1)
                continue
            }
            if w == "fy", isNumber(i + 1) {
                consume(i..<i + 1)
            }
        }
        // Digit ordinals before "century": "20th century".
        for i in tokens.indices where isNumber(i) {
            if Self.ordinalSuffixes.contains(anyWord(i + 1) ?? ""), tokens[i + 1].glued,
                word(i + 2) == "century" || word(i + 2) == "centuries"
            {
                let start = Int(tokens[i].value - 1) * 100
                years.append(ClaimYearSpan(lower: start, upper: start + 99))
                anchors.insert(i)
                consume(i..<i + 3)
            }
        }
    }

    /// Baselines that name a period without a year: "pre-industrial (levels)" and "before industrialisation" are
    /// 1850–1900 (the usual climate baseline), "pre-pandemic" and "before the pandemic / COVID" are 2019. A claim
    /// measured against 1990 then differs in period from one measured against pre-industrial times.
    private mutating func scanBaselinePeriods() {
        let phrases: [([String], ClaimYearSpan)] = [
            (["pre", "industrial"], ClaimYearSpan(lower: 1850, upper: 1900)), (["preindustrial"], ClaimYearSpan(lower: 1850, upper: 1900)),
            (["before", "industrialisation"], ClaimYearSpan(lower: 1850, upper: 1900)),
            (["before", "industrialization"], ClaimYearSpan(lower: 1850, upper: 1900)),
            (["before", "the", "industrial", "revolution"], ClaimYearSpan(lower: 1850, upper: 1900)),
            (["pre", "pandemic"], ClaimYearSpan(lower: 2019, upper: 2019)), (["prepandemic"], ClaimYearSpan(lower: 2019, upper: 2019)),
            (["before", "the", "pandemic"], ClaimYearSpan(lower: 2019, upper: 2019)), (["pre", "covid"], ClaimYearSpan(lower: 2019, upper: 2019)),
            (["before", "covid"], ClaimYearSpan(lower: 2019, upper: 2019)), (["before", "coronavirus"], ClaimYearSpan(lower: 2019, upper: 2019)),
        ]
        var i = 0
        while i < tokens.count {
            guard let first = word(i), first == "pre" || first == "before" || first == "preindustrial" || first == "prepandemic" else {
                i += 1
                continue
            }
            var matched = 0
            for (words, span) in phrases where words[0] == first {
                guard (0..<words.count).allSatisfy({ word(i + $0) == words[$0] }) else { continue }
                years.append(span)
                anchors.insert(i)
                consume(i..<i + words.count)
                matched = words.count
                // "before COVID-19": the number belongs to the name
                if words.last == "covid", isNumber(i + words.count), tokens[i + words.count].glued || tokens[i + words.count].hyphenated {
                    consume(i + words.count..<i + words.count + 1)
                    matched += 1
                }
                break
            }
            i += max(matched, 1)
        }
    }

    private func isYearLike(_ i: Int) -> Bool {
        guard i >= 0, i < tokens.count, tokens[i].kind == .number else { return false }
        let t = tokens[i]
        return !t.grouped && !t.decimal && t.value >= 1800 && t.value <= 2100
    }

    /// "a year", "per week", "every ten years", "annually": the period a quantity is counted over.
    private mutating func scanRates() {
        for i in tokens.indices where !consumed[i] && starts[i] & Self.startsRate != 0 {
            guard let w = word(i) else { continue }
            if let days = Self.rateAdjectives[w] {
                ratePeriods.append(days)
                anchors.insert(i)
                consume(i..<i + 1)
                continue
            }
            // "in total", "all told": a total, which contradicts a rate ("€200m in total" / "€200m a year").
            if w == "in" || w == "all", let next = word(i + 1), (w == "in" && (next == "total" || next == "all")) || (w == "all" && next == "told") {
                ratePeriods.append(0)
                anchors.insert(i)
                consume(i..<i + 2)
                continue
            }
            guard w == "a" || w == "an" || w == "per" || w == "each" || w == "every" else { continue }
            // "every second", "per minute": rates over very short periods (only after per/every/each, since "a second
            // referendum" is an ordinal).
            if w != "a", w != "an", let next = word(i + 1), next == "second" || next == "minute",
                word(i + 2).map({ Self.periodDays[$0] == nil && Self.units[$0] == nil }) ?? true
            {
                ratePeriods.append(next == "second" ? 1.0 / 86400 : 1.0 / 1440)
                anchors.insert(i)
                consume(i..<i + 2)
                continue
            }
            if let next = word(i + 1), let days = Self.periodDays[next], !(next == "quarter" && (w == "a" || w == "an")) {
                if w == "a" || w == "an", let before = word(i - 1), Self.durationBefore.contains(before) { continue }
                if w == "a" || w == "an", word(i + 2) == "and" { continue }  // "an hour and a half": a length of time
                if w == "a" || w == "an", next == "day" || next == "hour", word(i - 1) == nil { continue }
                ratePeriods.append(days)
                anchors.insert(i)
                consume(i..<i + 2)
            } else if w == "every" || w == "each", isNumber(i + 1) || Self.cardinals[word(i + 1) ?? ""] != nil,
                let unit = word(i + 2), let days = Self.periodDays[unit.hasSuffix("s") ? String(unit.dropLast()) : unit]
            {
                let count = isNumber(i + 1) ? tokens[i + 1].value : Self.cardinals[word(i + 1)!]!
                ratePeriods.append(days * count)
                anchors.insert(i)
                consume(i..<i + 3)
            } else if w == "per", word(i + 1) == "annum" {
                ratePeriods.append(365.25)
                consume(i..<i + 2)
            }
        }
    }

    // MARK: - Cardinals

    /// A cardinal number starting at `i`: digits, number words ("three hundred and fifty", "two point seven"),
    /// "a hundred", followed by scale words ("million", glued "bn"), "and a half". Returns the value and the end.
    private func cardinal(at i: Int) -> (value: Double, end: Int, spelled: Bool, scaled: Bool)? {
        var j = i
        var value: Double
        var spelled = false
        if isNumber(i) {
            value = tokens[i].value
            j = i + 1
        } else if let w = word(i), w == "a" || w == "an" || w == "one",
            let next = word(i + 1), Self.scales[next] != nil, !Self.gluedOnlyScales.contains(next)
        {
            value = 1
            j = i + 1
            spelled = true
            if next == "hundred" {  // "a hundred billion", "one hundred and twenty"
                value = 100
                j = i + 2
                if word(j) == "and", let unit = word(j + 1), let extra = Self.cardinals[unit] {
                    value += extra
                    j += 2
                    if let more = word(j), let ones = Self.cardinals[more], ones < 10, extra >= 20 {
                        value += ones
                        j += 1
                    }
                }
            }
        } else if let w = word(i), w == "a" || w == "an", let next = word(i + 1), Self.units[next] != nil, next.count > 1, next != "second" {
            value = 1  // "an hour and a half", "a mile"
            j = i + 1
            spelled = true
        } else if let w = word(i), Self.cardinals[w] != nil || (w == "hundred" || w == "thousand") && word(i - 1) != nil {
            // (A bare "hundred" or "thousand" opens a number too: "a record hundred and forty-nine thousand".)
            spelled = true
            var total = 0.0
            var current = 0.0
            var lastWasUnit = false
            while let t = word(j) {
                if let c = Self.cardinals[t] {
                    if lastWasUnit && (c >= 10 || current.truncatingRemainder(dividingBy: 10) != 0) { break }
                    current += c
                    lastWasUnit = true
                    j += 1
                } else if t == "hundred", j > i || Self.cardinals[t] == nil {
                    current = max(current, 1) * 100
                    lastWasUnit = false
                    j += 1
                } else if let scale = Self.scales[t], scale >= 1000, !Self.gluedOnlyScales.contains(t), j > i || t == "thousand" {
                    if current == 0 { total = max(total, 1) * scale } else { total += current * scale }
                    current = 0
                    lastWasUnit = false
                    j += 1
                } else if t == "and", j > i, let prev = word(j - 1), prev == "hundred" || (Self.scales[prev] ?? 0) >= 1000,
                    let next = word(j + 1), Self.cardinals[next] != nil
                {
                    j += 1
                    lastWasUnit = false
                } else {
                    break
                }
            }
            value = total + current
            if word(j) == "point", let first = word(j + 1), let d = Self.cardinals[first] ?? (first == "oh" ? 0 : nil), d < 10 {
                var scale = 0.1
                var k = j + 1
                while let t = word(k), let d = Self.cardinals[t] ?? (t == "oh" ? 0 : nil), d < 10 {
                    value += d * scale
                    scale /= 10
                    k += 1
                }
                j = k
            }
        } else {
            return nil
        }
        // "and a half": five and a half per cent, two and a half hours.
        if word(j) == "and", word(j + 1) == "a", let part = word(j + 2), part == "half" || part == "quarter" {
            value += part == "half" ? 0.5 : 0.25
            j += 3
        } else if word(j) == "and", word(j + 1) == "three", word(j + 2) == "quarters" {
            value += 0.75
            j += 3
        }
        var scaled = false
        while let t = anyWord(j), j < tokens.count, !consumed[j], let scale = Self.scales[t], scale >= 1000 || t == "dozen" {
            if Self.gluedOnlyScales.contains(t) && !(tokens[j].glued && !spelled) { break }
            if t == "m", let next = word(j + 1), next == "per" || next == "long" || next == "high" { break }
            value *= scale
            scaled = true
            j += 1
        }
        if !scaled, word(j) == "hundred", !spelled {
            value *= 100
            j += 1
        }
        return (value, j, spelled, scaled)
    }

    // MARK: - Quantities

    /// Recognises one quantity (or year) starting at `i`; returns the index after it.
    private mutating func scanQuantity(at i: Int) -> Int? {
        var start = i
        var j = i
        var currency: String?
        var approximate = false
        // Currency before the number: €3tn (folded to "eur 3tn"), $34 trillion, US$.
        if let w = word(j), let code = Self.currencies[w], w.count == 3, isNumber(j + 1) || Self.cardinals[word(j + 1) ?? ""] != nil {
            currency = code
            j += 1
        }

        // "thirtyfold", "sevenfold": a cardinal glued to "fold".
        if currency == nil, let w = word(j), w.hasSuffix("fold"), Self.multipliers[w] == nil, let n = Self.cardinals[String(w.dropLast(4))] {
            append(.ratio, n * 100, currency: nil, approximate: false, from: start, to: j + 1)
            return j + 1
        }
        // Multiplier words with no number: doubled, halved, twofold.
        if currency == nil, let w = word(j), let (ratio, sign) = Self.multipliers[w] {
            if w.hasPrefix("hal"), word(j + 1) == "of" { return nil }
            append(.ratio, ratio, currency: nil, approximate: false, from: start, to: j + 1)
            if sign != 0 { changeMarks.append((j, sign)) }
            return j + 1
        }
        if currency == nil, let w = word(j), w == "twice" {
            if word(j + 1) == "as" || word(j + 1) == "the" {
                append(.ratio, 200, currency: nil, approximate: false, from: start, to: j + 1)
            } else {
                append(.count, 2, currency: nil, approximate: false, from: start, to: j + 1)
            }
            return j + 1
        }

        // "single digits" / "single-digit": under ten (per cent when about rates).
        if currency == nil, word(j) == "single", let next = word(j + 1), next == "digits" || next == "digit" || next == "figures" {
            append(.percent, 10, currency: nil, approximate: true, from: start, to: j + 2)
            if let q = quantities.last, q.bound == 0 { quantities[quantities.count - 1].bound = -1 }
            return j + 2
        }
        // Fractions without a leading number: "half", "a third", "one-fifth", "half a million".
        if currency == nil, let fraction = fraction(at: j) {
            return finishFraction(fraction, start: start)
        }

        // "a second time", "for the third time": a count of occasions.
        if let w = word(j), let n = Self.ordinals[w], word(j + 1) == "time" {
            append(.count, n, currency: nil, approximate: false, from: start, to: j + 2)
            return j + 2
        }
        // Ordinal + superlative: "third-largest", "second biggest" → rank.
        if let w = word(j), let rank = Self.ordinals[w], let next = word(j + 1), Self.isSuperlative(next) {
            append(.rank, rank, currency: nil, approximate: false, from: start, to: j + 1)
            return j + 1
        }
        if isNumber(j), Self.ordinalSuffixes.contains(anyWord(j + 1) ?? ""), tokens[j + 1].glued {
            if let next = word(j + 2), Self.isSuperlative(next) {
                append(.rank, tokens[j].value, currency: nil, approximate: false, from: start, to: j + 2)
            } else {
                consume(j..<j + 2)  // 3rd, 21st: an ordinal that is not a quantity
            }
            return j + 2
        }

        // Age groups: under-25s, over-65s.
        if isNumber(j), anyWord(j + 1) == "s", tokens[j + 1].glued, tokens[j].value < 100, let before = word(j - 1),
            before == "under" || before == "over"
        {
            let age = tokens[j].value
            let token = before == "over" ? "elderly" : (age <= 18 ? "child" : "youth")
            populationMarks.append((j, token))
            consume(j - 1..<j + 2)
            return j + 2
        }

        // Decades: 1990s, the 90s, mid-2060s.
        if isNumber(j), anyWord(j + 1) == "s", tokens[j + 1].glued, !tokens[j].decimal {
            let v = Int(tokens[j].value)
            if v >= 1000, v % 10 == 0 {
                years.append(ClaimYearSpan(lower: v, upper: v + 9))
            } else if v < 100, v % 10 == 0 {
                let base = v >= 30 ? 1900 + v : 2000 + v
                years.append(ClaimYearSpan(lower: base, upper: base + 9))
            }
            anchors.insert(j)
            consume(start..<j + 2)
            return j + 2
        }

        guard let card = cardinal(at: j) else { return nil }
        // "one" alone ("one of the highest") is not a quantity; neither is a bare "a".
        if let w = word(j), w == "one" || w == "a" || w == "an", card.end == j + 1 {
            if fraction(at: j) == nil, !isOneInN(j), !startsUnit(card.end) { return nil }
        }
        var value = card.value
        j = card.end

        // Years: a bare four-digit number in range, no currency, no scale, no unit.
        if currency == nil, !card.spelled, !card.scaled, isYearLike(i), !startsUnit(j), !isPercent(j),
            Self.currencies[word(j) ?? ""] == nil
        {
            years.append(ClaimYearSpan(lower: Int(value), upper: Int(value)))
            anchors.insert(i)
            consume(start..<j)
            // 2022-23, 2022/23
            if let sep = anyWord(j) ?? (j < tokens.count && tokens[j].kind == .symbol ? tokens[j].text : nil),
                sep == "-" || sep == "/", isNumber(j + 1), tokens[j + 1].glued, tokens[j + 1].value < 100
            {
                let century = Int(value) / 100 * 100
                years.append(ClaimYearSpan(lower: century + Int(tokens[j + 1].value), upper: century + Int(tokens[j + 1].value)))
                consume(j..<j + 2)
                return j + 2
            }
            return j
        }

        // Fractions after a number: two-fifths, three-quarters of a trillion, three-tenths of one per cent.
        if let fraction = fraction(at: j, numerator: value, numeratorStart: start) {
            return finishFraction(fraction, start: start, currency: currency)
        }

        // "one in eight", "six in every hundred", "6 out of 10".
        if let (ratio, end) = inRatio(numerator: value, at: j) {
            append(.percent, ratio, currency: nil, approximate: true, from: start, to: end, exactFraction: true)
            return end
        }

        // Multipliers after a number: "1.4 times the size", "three times as many", "2-fold".
        if let w = word(j) {
            if w == "fold" {
                append(.ratio, value * 100, currency: nil, approximate: false, from: start, to: j + 1)
                return j + 1
            }
            if w == "times" || w == "x" {
                // "eight times average earnings", "three times as many": a multiplier. "three times a year", "five
                // times in a row", "twice" at the end of a clause: a count of occasions.
                let next = word(j + 1)
                let occasions =
                    next == nil || ["a", "an", "in", "per", "each", "every", "since", "over", "during", "this", "last", "before"].contains(next!)
                if w == "x" || !occasions {
                    append(.ratio, value * 100, currency: nil, approximate: false, from: start, to: j + 1)
                } else {
                    append(.count, value, currency: nil, approximate: false, from: start, to: j + 1)
                }
                return j + 1
            }
        }

        // Percent.
        if let end = percentEnd(j) {
            append(.percent, value, currency: currency, approximate: approximate, from: start, to: end)
            return end
        }
        // Cents and pence: a hundredth of a currency unit ("forty cents" is 0.40 of whatever currency the other claim
        // names; "50p" and "fifty pence" are pounds).
        if currency == nil, let w = word(j), w == "cents" || w == "pence" || w == "p" && tokens[j].glued {
            append(.money, value / 100, currency: w == "cents" ? Self.anyCurrency : "gbp", approximate: approximate, from: start, to: j + 1)
            return j + 1
        }
        // Currency after the number (and its scale): 3 trillion euros, nine billion pounds.
        if let w = word(j), let code = Self.currencies[w] {
            currency = code
            j += 1
            // "twelve euros forty-one", "two pounds fifty": the cents follow the currency word.
            if !card.scaled, value < 1000, value == value.rounded(), let cents = cardinal(at: j), cents.value < 100, cents.value >= 1,
                !startsUnit(cents.end), !isPercent(cents.end), Self.currencies[word(cents.end) ?? ""] == nil
            {
                value += cents.value / 100
                j = cents.end
            }
        }
        if let code = currency {
            append(.money, value, currency: code, approximate: approximate, from: start, to: j)
            return j
        }
        // Ages: 16-year-olds, 59 years old, aged 16.
        if let w = word(j), w == "year" || w == "years", let next = word(j + 1), next == "old" || next == "olds" {
            append(.age, value, currency: nil, approximate: false, from: start, to: j + 2)
            return j + 2
        }
        if word(start - 1) == "aged" || word(start - 1) == "age" {
            consume(start - 1..<start)
            append(.age, value, currency: nil, approximate: false, from: start, to: j)
            return j
        }
        // Measurement units (skipping "more", "consecutive"… in between).
        var k = j
        while let w = word(k), Self.unitFillers.contains(w), k < j + 2 { k += 1 }
        if let (kind, factor, unitEnd) = unit(at: k) {
            if kind == .duration, word(k) == "quarters" || word(k) == "quarter", word(unitEnd) == "of" { return nil }
            var end = unitEnd
            var amount = value
            // "an hour and a half", "two years and a quarter"
            if word(end) == "and", word(end + 1) == "a", let part = word(end + 2), part == "half" || part == "quarter" {
                amount += part == "half" ? 0.5 : 0.25
                end += 3
            }
            append(kind, amount * factor, currency: nil, approximate: approximate || factor != 1, from: start, to: end)
            return end
        }
        // A bare count.
        _ = start
        start = i
        append(.count, value, currency: nil, approximate: false, from: start, to: j)
        return j
    }

    private static let superlatives: Set<String> = [
        "largest", "biggest", "highest", "greatest", "most", "best", "fastest", "smallest", "lowest", "richest",
        "poorest", "worst", "busiest", "top", "strongest", "longest", "slowest", "deadliest", "hottest", "warmest",
        "coldest", "cheapest", "fewest", "least", "heaviest", "oldest", "youngest", "wealthiest", "populous",
    ]
    private static func isSuperlative(_ w: String) -> Bool { superlatives.contains(w) || w.hasSuffix("est") && w.count > 5 }

    private func startsUnit(_ j: Int) -> Bool {
        if let w = word(j), Self.units[w] != nil || w == "per" || w == "percent" || w == "pc" || w == "pct" { return true }
        if let w = word(j), Self.unitFillers.contains(w), let next = word(j + 1), Self.units[next] != nil { return true }
        if j < tokens.count, tokens[j].kind == .symbol, tokens[j].text == "%" { return true }
        return false
    }

    private func isPercent(_ j: Int) -> Bool { percentEnd(j) != nil }

    /// End of a per-cent marker at `j`: %, per cent, percent, pc, pct.
    private func percentEnd(_ j: Int) -> Int? {
        if j < tokens.count, tokens[j].kind == .symbol, tokens[j].text == "%", !consumed[j] { return j + 1 }
        if let w = word(j) {
            if w == "percent" || w == "pc" || w == "pct" || w == "percentage" && word(j + 1) != "point" && word(j + 1) != "points" {
                return j + 1
            }
            if w == "per", word(j + 1) == "cent" { return j + 2 }
        }
        return nil
    }

    /// A measurement unit at `j` (one or two words), its kind, factor and end.
    private func unit(at j: Int) -> (ClaimQuantity.Kind, Double, Int)? {
        if let a = word(j), let b = word(j + 1) {
            if let c = word(j + 2), let u = Self.unitPhrases[[a, b, c]] { return (u.0, u.1, j + 3) }
            if let u = Self.unitPhrases[[a, b]] { return (u.0, u.1, j + 2) }
        }
        if let a = word(j), j + 2 < tokens.count, tokens[j + 1].text == "/", let c = word(j + 2), let u = Self.unitPhrases[[a, "/", c]] {
            return (u.0, u.1, j + 3)
        }
        if let a = word(j), let u = Self.units[a] {
            if a == "c" || a == "f" || a == "t" || a == "l" || a == "h" {
                guard tokens[j].glued else { return nil }  // 1.5c, not "5 c"
            }
            return (u.0, u.1, j + 1)
        }
        return nil
    }

    private func isOneInN(_ j: Int) -> Bool {
        (word(j + 1) == "in" || word(j + 1) == "out")
            && (isNumber(j + 2) || Self.cardinals[word(j + 2) ?? ""] != nil
                || word(j + 1) == "out" && word(j + 2) == "of"
                || word(j + 2) == "every" || word(j + 2) == "each" || word(j + 2) == "of" || word(j + 2) == "hundred"
                || (word(j + 2) == "a" || word(j + 2) == "an") && (word(j + 3) == "hundred" || word(j + 3) == "thousand"))
            || word(j + 2) == "in" && (isNumber(j + 3) || Self.cardinals[word(j + 3) ?? ""] != nil)
    }

    /// "in eight", "in every hundred", "out of 10" after a numerator: the ratio in per cent and the end.
    private func inRatio(numerator: Double, at j: Int) -> (Double, Int)? {
        var k = j
        // "one person in ten", "one child in five": a noun between.
        if word(k) != "in", word(k) != "out", let noun = word(k), noun.count > 2, word(k + 1) == "in", Self.cardinals[noun] == nil,
            isNumber(k + 2) || Self.cardinals[word(k + 2) ?? ""] != nil
        {
            k += 1
        }
        if word(k) == "in" {
            k += 1
            if word(k) == "every" || word(k) == "each" { k += 1 }
        } else if word(k) == "out", word(k + 1) == "of" {
            k += 2
            if word(k) == "every" || word(k) == "each" { k += 1 }
        } else {
            return nil
        }
        if let w = word(k), w == "a" || w == "an" || w == "one", word(k + 1) == "hundred" || word(k + 1) == "thousand" { k += 1 }
        if word(k) == "hundred" || word(k) == "thousand" {
            let value: Double = word(k) == "hundred" ? 100 : 1000
            guard value > numerator else { return nil }
            return (numerator / value * 100, k + 1)
        }
        guard let den = cardinal(at: k), den.value >= 2, den.value <= 1000, den.value > numerator,
            !(isYearLike(k) && !den.spelled)
        else { return nil }
        return (numerator / den.value * 100, den.end)
    }

    private struct Fraction {
        var value: Double
        var start: Int
        var end: Int
    }

    /// A fraction word at `j` ("a third", "half", "two-fifths" when `numerator` is given) — not "second half of"
    /// (a period, handled earlier) and not "two quarters" of time.
    private func fraction(at j: Int, numerator: Double? = nil, numeratorStart: Int? = nil) -> Fraction? {
        var k = j
        var num = numerator ?? 1
        if numerator == nil {
            if let w = word(k), w == "a" || w == "an" || w == "one" {
                k += 1
            } else if word(k) != "half" {
                return nil
            }
        }
        guard let w = word(k), let den = Self.denominators[w] else { return nil }
        if numerator != nil {
            guard num < den || den == 2 else { return nil }  // "three halves" is rare; "two-fifths", "five tenths" fine
            if w == "quarters" || w == "quarter", word(k + 1) != "of", !tokens[k].hyphenated { return nil }
        } else if w == "half" {
            num = 1
        } else if w.hasSuffix("s") {
            return nil
        }
        if w == "third", word(k - 1) == "the" { return nil }
        return Fraction(value: num / den, start: numeratorStart ?? j, end: k + 1)
    }

    /// Turns a fraction into a quantity: "three-quarters of a trillion euros" (a sum), "three-tenths of one per
    /// cent" (a percentage of a percentage), "half a million" (a count), "an hour and a half", otherwise a share.
    private mutating func finishFraction(_ fraction: Fraction, start: Int, currency: String? = nil) -> Int {
        var j = fraction.end
        let value = fraction.value
        // "half as common" / "a third as much": a multiplier.
        if word(j) == "as" {
            append(.ratio, value * 100, currency: nil, approximate: false, from: start, to: j)
            return j
        }
        var k = j
        if word(k) == "of" { k += 1 }
        let hasArticle = word(k) == "a" || word(k) == "an" || word(k) == "one"
        if hasArticle || (word(fraction.end) != "of" && word(k).map { Self.scales[$0] != nil } == true) {
            let m = hasArticle ? k + 1 : k
            if let w = word(m), let scale = Self.scales[w], scale >= 1000 {
                var end = m + 1
                var code = currency
                if let c = word(end), let cur = Self.currencies[c] {
                    code = cur
                    end += 1
                }
                append(code == nil ? .count : .money, value * scale, currency: code, approximate: true, from: start, to: end)
                return end
            }
            if hasArticle, let end = percentEnd(m) {
                append(.percent, value, currency: nil, approximate: true, from: start, to: end)
                return end
            }
            if hasArticle, let (kind, factor, end) = unit(at: m) {
                append(kind, value * factor, currency: nil, approximate: true, from: start, to: end)
                return end
            }
        }
        j = fraction.end
        append(.percent, value * 100, currency: nil, approximate: true, from: start, to: j, exactFraction: true)
        return j
    }

    /// Records a quantity covering tokens `from..<to`, with the bound and hedge words before and after it.
    private mutating func append(
        _ kind: ClaimQuantity.Kind, _ value: Double, currency: String?, approximate: Bool, from: Int, to: Int,
        exactFraction: Bool = false
    ) {
        var approx = approximate
        var bound = 0
        var first = from
        // Hedges and bounds before: "just over", "slightly more than", "nearly", "upwards of".
        var k = from - 1
        var steps = 0
        while k >= 0, steps < 4 {
            steps += 1
            if let w = word(k), Self.hedges.contains(w), !(w == "over" && bound == 0 && isBound(endingAt: k) != nil) {
                if w == "to", word(k - 1) != "close" && word(k - 1) != "up" { break }
                if w == "by" || w == "a" || w == "record" || w == "still" { break }
                if Self.approximatingHedges.contains(w) { approx = true }
                if w == "an" && word(k + 1) != "estimated" { break }
                first = k
                consumed[k] = true
                k -= 1
                continue
            }
            if bound == 0, let (sign, length) = isBound(endingAt: k) {
                bound = sign
                approx = true
                for m in (k - length + 1)...k { consumed[m] = true }
                first = k - length + 1
                k -= length
                continue
            }
            break
        }
        var end = to
        for (phrase, sign) in Self.boundsAfter where bound == 0 {
            if phrase.indices.allSatisfy({ (tokens.indices.contains(end + $0)) && tokens[end + $0].text == phrase[$0] && !consumed[end + $0] }) {
                bound = sign
                approx = true
                end += phrase.count
            }
        }
        _ = exactFraction
        consume(from..<end)
        anchors.insert(first)
        quantities.append(
            ClaimQuantity(kind: kind, value: value, currency: currency, approximate: approx, bound: Int8(bound), position: from))
        quantityStarts.append(first)
    }

    /// A bound phrase ending at token `k`: its sign and length.
    private func isBound(endingAt k: Int) -> (Int, Int)? {
        for (phrase, sign) in Self.bounds {
            let length = phrase.count
            guard k - length + 1 >= 0 else { continue }
            var ok = true
            for (offset, w) in phrase.enumerated() where word(k - length + 1 + offset) != w {
                ok = false
                break
            }
            if ok { return (sign, length) }
        }
        return nil
    }
}
