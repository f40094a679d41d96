import Foundation

/// One token of a claim: a word, a number or a symbol, with what the quantity parser needs to know about spacing.
struct ClaimToken: Sendable {
    /// What the token is.
    enum Kind: UInt8, Sendable { case word, number, symbol }

    /// Word, number or symbol.
    var kind: Kind
    /// Lower-case ASCII surface form; for numbers, the value without separators ("9250", "0.3").
    var text: String
    /// Stem for words (`ClaimLemmatizer`), the text itself otherwise. Phrase lookups use stems.
    var stem: String
    /// Value of a number token.
    var value: Double = 0
    /// Written without a space after the previous token ("3tn", "5%", "€3").
    var glued = false
    /// Joined to the previous token by a hyphen ("two-fifths", "under-25s").
    var hyphenated = false
    /// Digits written with thousands separators ("9,250"), which rules out a year.
    var grouped = false
    /// Digits with a decimal point.
    var decimal = false
    /// Letter case as written: 0 lower or mixed, 1 capitalised ("Fed"), 2 all capitals ("WHO", two letters or more).
    var letterCase: UInt8 = 0
    /// Written with a possessive "'s" ("Vilnius's economy"), which was dropped.
    var possessive = false

    /// A comma or full stop, which ends a clause and breaks phrases.
    var isBoundary: Bool { kind == .symbol && (text == "," || text == ".") }
}

/// Splits claim text into tokens: folds case and diacritics, turns currency signs into codes (€ → eur), splits
/// hyphenated words (keeping the hyphen as a flag), separates numbers from glued units and scales ("3tn", "20cm",
/// "1990s"), drops possessive "'s" and expands "n't".
enum ClaimTokenizer {
    /// Suffixes that may be glued to a number and are split off as their own word.
    private static let numberSuffixes: Set<String> = [
        "k", "m", "mn", "mln", "bn", "b", "tn", "trn", "km", "cm", "mm", "ha", "kg", "mph", "c", "f", "h", "hr",
        "hrs", "min", "mins", "s", "st", "nd", "rd", "th", "pc", "pp", "ppt", "x", "fold", "gw", "mw", "kw", "twh",
        "gwh", "mwh", "kwh", "km2", "m2", "yr", "yrs", "bps", "t", "mt", "pct", "kph", "l",
    ]

    /// The tokens of a text, in order.
    static func tokenize(_ text: String) -> [ClaimToken] {
        var upper: [Bool] = []
        let bytes = fold(text, upper: &upper)
        var tokens: [ClaimToken] = []
        tokens.reserveCapacity(bytes.count / 4)
        var i = 0
        let n = bytes.count
        var glued = false
        var hyphenPending = false

        func emit(_ token: ClaimToken) {
            var token = token
            token.glued = glued
            token.hyphenated = hyphenPending
            tokens.append(token)
            glued = true
            hyphenPending = false
        }
        func word(_ text: String) -> ClaimToken {
            ClaimToken(kind: .word, text: text, stem: ClaimLemmatizer.stem(text))
        }

        while i < n {
            let c = bytes[i]
            if isLetter(c) {
                var j = i
                while j < n, isLetter(bytes[j]) || isDigit(bytes[j]) { j += 1 }
                var text = String(decoding: bytes[i..<j], as: UTF8.self)
                if j - i > 2, bytes[i] == UInt8(ascii: "f"), bytes[i + 1] == UInt8(ascii: "y"), (i + 2..<j).allSatisfy({ isDigit(bytes[$0]) }) {
                    j = i + 2  // FY2022: fiscal year, then the year
                    text = "fy"
                }
                if j < n, bytes[j] == 0x27 {  // apostrophe
                    let next = j + 1 < n ? bytes[j + 1] : 0
                    let after = j + 2 < n ? bytes[j + 2] : 0
                    if next == UInt8(ascii: "s"), !isLetter(after) {
                        j += 2  // possessive 's
                    } else if next == UInt8(ascii: "t"), !isLetter(after), text.hasSuffix("n") {
                        text.removeLast()
                        let base = ["ca": "can", "wo": "will", "sha": "shall"][text] ?? text
                        if !base.isEmpty { emit(word(base)) }
                        emit(word("not"))
                        i = j + 2
                        glued = false
                        continue
                    } else {
                        j += 1  // wilders' / d'ivoire: the apostrophe ends the word
                    }
                }
                var token = word(text)
                token.possessive = j > 1 && bytes[j - 1] == UInt8(ascii: "s") && bytes[j - 2] == 0x27
                let letters = (i..<min(i + text.utf8.count, n)).filter { isLetter(bytes[$0]) }
                if letters.count >= 2, letters.allSatisfy({ upper[$0] }) {
                    token.letterCase = 2
                } else if let first = letters.first, upper[first] {
                    token.letterCase = 1
                }
                emit(token)
                i = j
                continue
            }
            if isDigit(c) {
                var j = i
                var digits: [UInt8] = []
                var grouped = false
                var decimal = false
                while j < n {
                    let d = bytes[j]
                    if isDigit(d) {
                        digits.append(d)
                        j += 1
                    } else if d == UInt8(ascii: ","), !decimal, j + 3 < n, isDigit(bytes[j + 1]), isDigit(bytes[j + 2]),
                        isDigit(bytes[j + 3]), j + 4 >= n || !isDigit(bytes[j + 4])
                    {
                        grouped = true
                        j += 1
                    } else if d == UInt8(ascii: "."), !decimal, j + 1 < n, isDigit(bytes[j + 1]) {
                        decimal = true
                        digits.append(d)
                        j += 1
                    } else {
                        break
                    }
                }
                let numberText = String(decoding: digits, as: UTF8.self)
                var k = j
                while k < n, isLetter(bytes[k]) { k += 1 }
                if k < n, k > j, isDigit(bytes[k]), ["km", "m"].contains(String(decoding: bytes[j..<k], as: UTF8.self)) {
                    k += 1  // km2, m2
                }
                var suffix = String(decoding: bytes[j..<k], as: UTF8.self)
                if suffix.isEmpty, j + 1 < n, bytes[j] == 0x27, bytes[j + 1] == UInt8(ascii: "s") {
                    suffix = "s"  // 1990's
                    k = j + 2
                }
                let value = Double(numberText) ?? 0
                if suffix.isEmpty || numberSuffixes.contains(suffix) {
                    var token = ClaimToken(kind: .number, text: canonicalNumber(value), stem: canonicalNumber(value), value: value)
                    token.grouped = grouped
                    token.decimal = decimal
                    emit(token)
                    if !suffix.isEmpty { emit(ClaimToken(kind: .word, text: suffix, stem: suffix)) }
                } else {
                    emit(word(numberText + suffix))  // 5g, 3d
                }
                i = k
                continue
            }
            switch c {
            case UInt8(ascii: "-"):
                let prevAlnum = i > 0 && (isLetter(bytes[i - 1]) || isDigit(bytes[i - 1]))
                let nextAlnum = i + 1 < n && (isLetter(bytes[i + 1]) || isDigit(bytes[i + 1]))
                if prevAlnum && nextAlnum {
                    if isDigit(bytes[i - 1]) && isDigit(bytes[i + 1]) {
                        emit(ClaimToken(kind: .symbol, text: "-", stem: "-"))  // a range: 8-10%, 2022-23
                    } else {
                        hyphenPending = true
                    }
                } else {
                    glued = false
                    emit(ClaimToken(kind: .symbol, text: ",", stem: ","))
                    glued = false
                }
            case UInt8(ascii: "."):
                emit(ClaimToken(kind: .symbol, text: ".", stem: "."))
                glued = false
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"),
                UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\""):
                emit(ClaimToken(kind: .symbol, text: ",", stem: ","))
                glued = false
            case UInt8(ascii: "%"), UInt8(ascii: "/"), UInt8(ascii: "+"), UInt8(ascii: "&"):
                let s = String(UnicodeScalar(c))
                emit(ClaimToken(kind: .symbol, text: s, stem: s))
            case UInt8(ascii: "$"):
                // "R$1,412", "A$1.6m", "C$", "NZ$", "HK$", "S$", "MX$": a letter prefix glued to "$" names the currency.
                var code = "usd"
                if i > 0, isLetter(bytes[i - 1]), let last = tokens.last, last.kind == .word, last.text.count <= 2,
                    let prefixed = Self.dollarPrefixes[last.text]
                {
                    code = prefixed
                    tokens.removeLast()
                }
                emit(ClaimToken(kind: .word, text: code, stem: code))
            case UInt8(ascii: "~"):
                emit(ClaimToken(kind: .word, text: "about", stem: "about"))
                glued = false
            default:
                glued = false
                hyphenPending = false
            }
            i += 1
        }
        return tokens
    }

    /// "9250", "0.3", "2.5" — shortest decimal form, also used in index tokens.
    static func canonicalNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let rounded = (value * 1e6).rounded() / 1e6
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return rounded.description  // shortest form: "0.3", "14.285714"
    }

    /// Letters written before "$" for the dollars (and reais, pesos) of other countries.
    static let dollarPrefixes: [String: String] = [
        "us": "usd", "r": "brl", "a": "aud", "au": "aud", "c": "cad", "ca": "cad", "nz": "nzd", "hk": "hkd", "s": "sgd", "mx": "peso",
    ]

    private static func isLetter(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// Lower-case ASCII bytes: diacritics folded, typographic punctuation made plain, currency signs spelled as
    /// codes, vulgar fractions spelled as decimals.
    static func fold(_ text: String, upper: inout [Bool]) -> [UInt8] {
        var source = text
        if text.utf8.contains(where: { $0 >= 0x80 }) {
            source = text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        }
        var out: [UInt8] = []
        out.reserveCapacity(source.utf8.count + 8)
        upper.reserveCapacity(source.utf8.count + 8)
        func append(_ s: StaticString) {
            s.withUTF8Buffer { out.append(contentsOf: $0) }
        }
        for scalar in source.unicodeScalars {
            let v = scalar.value
            defer { while upper.count < out.count { upper.append(false) } }
            switch v {
            case 0x41...0x5A:
                out.append(UInt8(v + 32))
                upper.append(true)
            case 0..<0x80: out.append(UInt8(v))
            case 0x2018, 0x2019, 0x201B, 0x2032, 0xB4: out.append(0x27)
            case 0x201C, 0x201D, 0x201E, 0xAB, 0xBB: out.append(0x22)
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2212: out.append(UInt8(ascii: "-"))
            case 0x2014, 0x2015: append(" - ")
            case 0x20AC: append(" eur ")
            case 0xA3: append(" gbp ")
            case 0xA5: append(" jpy ")
            case 0x20B9: append(" inr ")
            case 0xB0: break  // 1.5°C → 1.5c
            case 0xB2: out.append(UInt8(ascii: "2"))
            case 0xB3: out.append(UInt8(ascii: "3"))
            case 0xBD: append(out.last.map { $0 >= 48 && $0 <= 57 } == true ? ".5" : "0.5")
            case 0xBC: append(out.last.map { $0 >= 48 && $0 <= 57 } == true ? ".25" : "0.25")
            case 0xBE: append(out.last.map { $0 >= 48 && $0 <= 57 } == true ? ".75" : "0.75")
            case 0xDF: append("ss")
            case 0xF8, 0xD8: out.append(UInt8(ascii: "o"))
            case 0xE6, 0xC6: append("ae")
            case 0x153, 0x152: append("oe")
            case 0x142, 0x141: out.append(UInt8(ascii: "l"))
            case 0x111, 0x110, 0xF0: out.append(UInt8(ascii: "d"))
            case 0x131: out.append(UInt8(ascii: "i"))
            case 0xFE: append("th")
            default: out.append(0x20)
            }
        }
        return out
    }
}
