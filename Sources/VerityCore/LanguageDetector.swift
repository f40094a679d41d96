/// Guesses the language of an article that came without one, so that segmentation can use that language's rules.
/// It knows English, German, French, Spanish, Italian, Portuguese, Dutch and Russian, and answers nil when it is
/// not sure: too little text, a script it does not know, or text where no language clearly leads (a mix).
///
/// How: the first few kilobytes are split into words, and each word that is a frequent function word of some
/// languages (`the`, `der`, `les`, `que`, `che`, `não`, `het`, `что`) scores for them, shared words less than
/// distinctive ones; letters that only some languages use (`ß`, `ñ`, `ã`, `œ`, `ò`) add a little. The tables are
/// small and in code; one pass over at most `sampleBytes` bytes, a hash per word, no allocation per word.
package enum LanguageDetector {
    /// How much of the text is read: the start of an article says what language it is in.
    static let sampleBytes = 4096

    /// The BCP 47 primary language tag of `text` (`en`, `de`, `fr`, `es`, `it`, `pt`, `nl`, `ru`), or nil when
    /// the text is too short, mixed, or in a language or script it does not know.
    package static func detect(_ text: String) -> String? {
        detection(text).language
    }

    /// The scoring behind `detect`, for tests and diagnostics: the winning language (if any), and the evidence.
    struct Detection: Sendable {
        /// The answer, or nil when unsure.
        var language: String?
        /// Words read.
        var words: Int
        /// Words that were function words of the winning language (or of the best-scoring one when unsure).
        var hits: Int
        /// The best score, in twelfths of a distinctive word.
        var best: Int
        /// The runner-up's score.
        var second: Int
    }

    /// Scores the start of a text.
    static func detection(_ text: String) -> Detection {
        var text = text
        return text.withUTF8 { bytes in score(UnsafeBufferPointer(rebasing: bytes.prefix(sampleBytes))) }
    }

    /// The languages in table order; a word's bit set uses these positions.
    private static let languages = ["en", "de", "fr", "es", "it", "pt", "nl", "ru"]

    private static func score(_ b: UnsafeBufferPointer<UInt8>) -> Detection {
        var points = [Int](repeating: 0, count: languages.count)
        var hits = [Int](repeating: 0, count: languages.count)
        // exclusive[a * count + b]: words of language a that are not words of language b.
        var exclusive = [Int](repeating: 0, count: languages.count * languages.count)
        var words = 0
        var latinLetters = 0
        var cyrillicLetters = 0
        var otherLetters = 0
        var nonRussianCyrillic = 0
        var hash = WordHash()
        var inWord = false
        var i = 0
        // The sample may end inside a scalar; stop before an incomplete one.
        var n = b.count
        if n > 0 && b[n - 1] >= 0x80 {
            var lead = n - 1
            while lead > 0 && b[lead] & 0xC0 == 0x80 { lead -= 1 }
            let length = b[lead] >= 0xF0 ? 4 : b[lead] >= 0xE0 ? 3 : b[lead] >= 0xC0 ? 2 : 1
            if lead + length > n { n = lead }
        }

        /// Scores the word that just ended, if any.
        func endWord() {
            guard inWord else { return }
            inWord = false
            words += 1
            let mask = table.lookup(hash.value)
            guard mask != 0 else { return }
            // A word shared by k languages gives each of them 12/k points.
            let weight = 12 / mask.nonzeroBitCount
            for language in 0..<languages.count where mask & (1 << language) != 0 {
                points[language] += weight
                hits[language] += 1
                for other in 0..<languages.count where mask & (1 << other) == 0 { exclusive[language * languages.count + other] += 1 }
            }
        }

        while i < n {
            let c = UInt32(b[i])
            var v = c
            var length = 1
            if c >= 0x80 {
                if c < 0xE0 {
                    v = (c & 0x1F) << 6 | UInt32(b[i + 1]) & 0x3F
                    length = 2
                } else if c < 0xF0 {
                    v = (c & 0x0F) << 12 | (UInt32(b[i + 1]) & 0x3F) << 6 | UInt32(b[i + 2]) & 0x3F
                    length = 3
                } else {
                    v = (c & 0x07) << 18 | (UInt32(b[i + 1]) & 0x3F) << 12 | (UInt32(b[i + 2]) & 0x3F) << 6 | UInt32(b[i + 3]) & 0x3F
                    length = 4
                }
            }
            i += length
            if Scalars.isLetter(v) {
                if !inWord {
                    inWord = true
                    hash = WordHash()
                }
                hash.add(v)
                if v < 0x250 {
                    latinLetters += 1
                    if v >= 0xC0 { letterFeature(WordHash.fold(v), &points) }
                } else if v >= 0x400 && v <= 0x4FF {
                    cyrillicLetters += 1
                    // і ї є ґ ў ђ ј љ њ ћ џ ѕ: Ukrainian, Belarusian, Serbian, Macedonian — not Russian.
                    switch WordHash.fold(v) {
                    case 0x456, 0x457, 0x454, 0x491, 0x45E, 0x452, 0x458, 0x459, 0x45A, 0x45B, 0x45F, 0x455: nonRussianCyrillic += 1
                    default: break
                    }
                } else {
                    otherLetters += 1
                }
            } else if Scalars.isExtender(v) && inWord {
                continue
            } else if (v == 0x27 || v == 0x2019) && inWord && i < n && (b[i] >= 0x80 || Scalars.isLetter(UInt32(b[i]))) {
                // An elided article or pronoun (`l'`, `d’`, `qu'`, `dell'`) is a word of its own, apostrophe included.
                hash.add(0x27)
                endWord()
            } else {
                endWord()
                if v == 0xBF || v == 0xA1 { points[3] += 6 }  // ¿ ¡
            }
        }
        endWord()

        let letters = latinLetters + cyrillicLetters + otherLetters
        var detection = Detection(language: nil, words: words, hits: 0, best: 0, second: 0)
        // Too short to say, or mostly a script without a language here (CJK, Arabic, Greek…).
        guard letters >= 24, words >= 5 else { return detection }
        let candidates: [Int]
        if cyrillicLetters * 10 >= letters * 7 {
            // Russian only when its function words are there and other Cyrillic languages' letters are not.
            guard nonRussianCyrillic * 100 <= cyrillicLetters else { return detection }
            candidates = [7]
        } else if latinLetters * 10 >= letters * 7 {
            candidates = Array(0..<7)
        } else {
            return detection
        }
        let ranked = candidates.sorted { points[$0] > points[$1] }
        let best = ranked[0]
        detection.best = points[best]
        detection.second = ranked.count > 1 ? points[ranked[1]] : 0
        detection.hits = hits[best]
        // Enough function words (about one word in eight, three at least) and a clear lead over the runner-up:
        // prose has far more; a mix of two languages has no clear leader.
        guard hits[best] >= 3, hits[best] * 8 >= words, detection.best * 2 >= detection.second * 3 else { return detection }
        // A mix: the runner-up has its own evidence (words that are not also the leader's), 40 % of the leader's.
        if ranked.count > 1 {
            let own = exclusive[ranked[1] * languages.count + best]
            if own >= 3 && own * 5 >= exclusive[best * languages.count + ranked[1]] * 2 { return detection }
        }
        detection.language = languages[best]
        return detection
    }

    /// Letters that some of the languages use and others never do, worth half a distinctive word each.
    private static func letterFeature(_ v: UInt32, _ points: inout [Int]) {
        switch v {
        case 0xDF, 0xE4, 0xF6, 0xFC: points[1] += v == 0xDF ? 6 : 2  // ß ä ö ü
        case 0xF1: points[3] += 6  // ñ
        case 0xE3, 0xF5: points[5] += 6  // ã õ
        case 0x153: points[2] += 6  // œ
        case 0xE7:  // ç
            points[2] += 2
            points[5] += 2
        case 0xEA, 0xEE, 0xFB, 0xEB, 0xEF: points[2] += 2  // ê î û ë ï
        case 0xE2, 0xF4:  // â ô
            points[2] += 1
            points[5] += 1
        case 0xEC, 0xF2: points[4] += 4  // ì ò
        case 0xE8, 0xF9:  // è ù
            points[2] += 1
            points[4] += 2
        case 0xE1, 0xED, 0xF3, 0xFA:  // á í ó ú
            points[3] += 1
            points[5] += 1
        default: break
        }
    }

    /// Function words per language (each list: the most frequent words of news prose, lower case).
    private static let lists: [(Int, String)] = [
        (
            0,
            """
            the of and a to in is was that for it with as on be at by this had not are but from or have an they which
            you were her she there would their we him been has when who will said what its about into than them can
            only other could these after also his he more over new were been says how our
            """
        ),
        (
            1,
            """
            der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er
            hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor
            zur bis mehr durch man sein wurde sei ich wir ihr wenn kann gegen vom schon diese hatte seine jetzt sagte
            """
        ),
        (
            2,
            """
            le la les de des et en du un une est que qui dans pour pas au sur par plus ne se ce il elle sont avec ont
            mais comme aux été leur ou cette nous vous ils sa son ses fait être tout même aussi entre après sans dont
            peut deux très où y l' d' qu' n' c' j' s' m' jusqu' lorsqu'
            """
        ),
        (
            3,
            """
            el la de que y en los del se las por un una con no para es al lo como más pero sus le ya o fue este ha
            sí porque esta son entre cuando muy sin sobre también me hasta hay donde desde todo nos durante todos uno
            les ni contra otros ese eso ante ellos esto antes algunos qué unos yo otro otras otra él tanto esa estos
            mucho dijo según a mi mis su
            """
        ),
        (
            4,
            """
            il di che e la per un in una del della non è al le si da con sono dei gli alla anche nel nella come più
            ha ma lo ad delle questo essere tra dal stato se sul sulla degli ci hanno era suo sua loro dopo quando
            ancora perché già molto cosa tutti fra dalla nei ai questa noi a i l' un' all' dell' nell' dall' sull' c'
            """
        ),
        (
            5,
            """
            o a de que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele das tem à seu
            sua ou ser quando muito há nos já está eu também só pelo pela até isso ela entre era depois sem mesmo aos
            ter seus quem nas esse eles estão você foram essa nem suas às numa pelos elas havia seja qual será nós
            lhe deles pelas este dele disse são ainda
            """
        ),
        (
            6,
            """
            de en van het een in is dat op te zijn met voor niet die aan er om ook als maar dan bij nog worden wordt
            werd door naar heeft hebben uit was kan tot ze wel zo al zich deze meer over geen wat of hij zij we wij
            haar hun omdat moet na onder zou veel tegen twee
            """
        ),
        (
            7,
            """
            и в не на что с по это он как а к из но у за то о же от для так его все она было был была были бы они
            до уже или если ее её мы при только когда даже чтобы там может также этот этого после который которые
            которая есть ещё еще будет года сказал время более нет где очень вы я во со
            """
        ),
    ]

    /// Word → bit set of the languages it is a function word of (the class bits of a WordTable).
    private static let table: LanguageTable = LanguageTable(lists)
}

/// A word table whose values are language bit sets (kept apart from the segmenter's WordClass on purpose).
private struct LanguageTable: Sendable {
    private let words: WordTable

    /// Builds the table from (language index, space-separated words) lists.
    init(_ lists: [(Int, String)]) {
        words = WordTable(lists.map { (WordClass(rawValue: 1 << $0.0), $0.1) })
    }

    /// The languages a word belongs to, as a bit set (0 when none).
    func lookup(_ hash: UInt64) -> Int { Int(words.lookup(hash).rawValue) }
}
