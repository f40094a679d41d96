import Foundation

/// A compiled, case-insensitive regular expression, with the literals it cannot match without.
///
/// NSRegularExpression tries every alternative of a word list at every position of the text, which made the
/// extractor cost tens of milliseconds a page. Most patterns are word lists, and a text without any of the
/// pattern's literals (`needs`) cannot match, so one linear scan for them (`Literals`) decides most calls
/// without the regex. The literals are a necessary condition only: the regex still decides every text that
/// holds one, so a pattern means exactly what its expression says.
/// `@unchecked Sendable`: NSRegularExpression is immutable once made and documented as thread-safe.
struct Pattern: @unchecked Sendable {
    /// The compiled expression.
    let regex: NSRegularExpression
    /// Literals of which every match holds at least one; nil when the expression has to run on every text.
    let needs: Literals?
    /// The same literals as given, for a `PatternGroup` to build its automaton from.
    let literals: [String]?
    /// For a pattern anchored at the start: how every match starts.
    let starts: Literals.Starts?
    /// For a pattern that matches whole short lines: the most words a match has.
    let maxWords: Int?

    /// Compiles `pattern`, case-insensitive unless `caseSensitive`. The other arguments are necessary
    /// conditions checked before the regex: `needs` lists literals of which any match holds one (lower case;
    /// letter case is ignored when looking for them), `startsWith` how any match starts (for a pattern
    /// anchored at the start; lower case), `maxWords` the most words a text it matches can have.
    init(_ pattern: String, caseSensitive: Bool = false, needs: [String]? = nil, startsWith: [String]? = nil, maxWords: Int? = nil) {
        // The patterns are literals of this file: a typo is a programming error, found by the tests.
        regex = try! NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive])
        self.needs = needs.map { Literals($0) }
        literals = needs ?? startsWith
        starts = startsWith.map { Literals.Starts($0) }
        self.maxWords = maxWords
    }

    /// Whether the cheap conditions allow a match: few enough words, the right start, one of the literals.
    func mayMatch(_ text: String) -> Bool {
        if let maxWords, Shapes.wordCount(text) > maxWords { return false }
        if let starts, !starts.begin(text) { return false }
        if let needs, !needs.occur(in: text) { return false }
        return true
    }

    /// Whether the pattern occurs anywhere in `text`.
    func matches(_ text: String) -> Bool {
        guard mayMatch(text) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The first match: the whole match, then each capture group (empty when it did not take part).
    func firstMatch(_ text: String) -> [Substring]? {
        guard mayMatch(text) else { return nil }
        guard let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (0..<match.numberOfRanges).map { group in
            Range(match.range(at: group), in: text).map { text[$0] } ?? ""
        }
    }

    /// `text` with every match replaced by `template`.
    func replace(_ text: String, with template: String = " ") -> String {
        guard mayMatch(text) else { return text }
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }

    /// What the regex alone says, without the literal check: for tests that the literals are complete.
    func matchesWithoutLiterals(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

/// Patterns of one class of text, tried one after the other: split so that each runs only on texts that
/// hold its own literals, and so that no regex has to try dozens of alternatives at every position.
struct PatternGroup: Sendable {
    /// The patterns.
    let patterns: [Pattern]
    /// All the patterns' literals in one automaton, a set (bit) for each pattern.
    private let literals: Literals

    /// A group of `patterns`, each with its literals.
    init(_ patterns: [Pattern]) {
        precondition(patterns.allSatisfy { $0.literals?.isEmpty == false }, "a grouped pattern runs only when its literals occur")
        self.patterns = patterns
        literals = Literals(sets: patterns.map { $0.literals ?? [] })
    }

    /// Whether any of the patterns occurs in `text`: one scan for all their literals, then the regexes whose literals occur.
    func matches(_ text: String) -> Bool {
        let found = literals.sets(in: text)
        guard found != 0 else { return false }
        for index in patterns.indices where found & (1 << UInt64(index)) != 0 && patterns[index].mayMatch(text) {
            if patterns[index].regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil { return true }
        }
        return false
    }

    /// `text` with every match of each pattern in turn replaced by `template`.
    func replace(_ text: String, with template: String = " ") -> String {
        guard literals.sets(in: text) != 0 else { return text }
        return patterns.reduce(text) { $1.replace($0, with: template) }
    }

    /// What the regexes alone say, without the literal checks: for tests that the literals are complete.
    func matchesWithoutLiterals(_ text: String) -> Bool { patterns.contains { $0.matchesWithoutLiterals(text) } }
}

/// A set of literals found in one pass over a text's UTF-8 bytes (an Aho–Corasick automaton with its
/// transitions resolved into a table). ASCII letters match in either case; other letters match in lower
/// case, capitalised, in title case or in capitals, which is how page text writes words.
struct Literals: Sendable {
    /// The byte class of each byte value: 0 for bytes no literal holds.
    private let byteClass: [UInt8]
    /// Number of byte classes.
    private let classCount: Int
    /// The next state for each state and byte class.
    private let next: [UInt16]
    /// For each state, the sets (bits) whose literal ends there.
    private let accepting: [UInt64]

    /// Byte spellings (lower case, capitalised, title case, capitals; ASCII letters in either case) of
    /// how a text may start, indexed by first byte.
    struct Starts: Sendable {
        private let byFirstByte: [[[UInt8]]]

        /// The starts `literals` (lower case).
        init(_ literals: [String]) {
            var table = [[[UInt8]]](repeating: [], count: 256)
            for spelling in Set(literals.flatMap(Literals.spellings)) {
                guard let first = spelling.first else { continue }
                table[Int(first)].append(spelling)
            }
            byFirstByte = table
        }

        /// Whether `text` starts with one of the literals.
        func begin(_ text: String) -> Bool {
            guard let first = text.utf8.first else { return false }
            let folded = (65...90).contains(first) ? first + 32 : first
            for spelling in byFirstByte[Int(folded)] {
                var matched = true
                var bytes = text.utf8.makeIterator()
                for expected in spelling {
                    guard let byte = bytes.next(), ((65...90).contains(byte) ? byte + 32 : byte) == expected else {
                        matched = false
                        break
                    }
                }
                if matched { return true }
            }
            return false
        }
    }

    /// The byte spellings of a literal: lower case, capitalised (the first letter), title case, capitals;
    /// ASCII capitals folded to lower case, as the scan folds them.
    static func spellings(_ literal: String) -> [[UInt8]] {
        let lower = literal.lowercased()
        // Capitalised: the first letter, which may follow a bracket or a space (`(À gauche)`).
        let firstLetter = lower.firstIndex(where: \.isLetter) ?? lower.startIndex
        let capitalised =
            firstLetter == lower.endIndex
            ? lower
            : lower[..<firstLetter] + lower[firstLetter...].prefix(1).uppercased() + lower[firstLetter...].dropFirst()
        return [lower, capitalised, lower.capitalized, lower.uppercased()].map { spelling in
            spelling.utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }
        }
    }

    /// Builds the automaton for one set of `literals`.
    init(_ literals: [String]) { self.init(sets: [literals]) }

    /// Builds one automaton for up to 64 sets of literals (a `PatternGroup`'s), so that one scan tells which
    /// sets occur.
    init(sets: [[String]]) {
        precondition(sets.count <= 64, "one bit a set")
        var words: [[UInt8]: UInt64] = [:]
        for (set, literals) in sets.enumerated() {
            for literal in literals where !literal.isEmpty {
                for spelling in Literals.spellings(literal) { words[spelling, default: 0] |= 1 << UInt64(set) }
            }
        }
        var byteClass = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for word in words.keys {
            for byte in word where byteClass[Int(byte)] == 0 {
                byteClass[Int(byte)] = UInt8(classCount)
                classCount += 1
            }
        }
        for upper in 65...90 { byteClass[upper] = byteClass[upper + 32] }
        // The trie of the literals, as rows of the transition table (`-1`: no child yet).
        var trie = [Int32](repeating: -1, count: classCount)
        var accepting: [UInt64] = [0]
        for (word, bits) in words {
            var state = 0
            for byte in word {
                let slot = state * classCount + Int(byteClass[Int(byte)])
                if trie[slot] >= 0 {
                    state = Int(trie[slot])
                } else {
                    state = accepting.count
                    trie[slot] = Int32(state)
                    accepting.append(0)
                    trie.append(contentsOf: repeatElement(-1, count: classCount))
                }
            }
            accepting[state] |= bits
        }
        // Failure links, breadth first, folded into the full transition table.
        precondition(accepting.count <= Int(UInt16.max), "states fit the table")
        var next = [UInt16](repeating: 0, count: trie.count)
        var failure = [Int](repeating: 0, count: accepting.count)
        var queue: [Int] = []
        for symbol in 0..<classCount where trie[symbol] >= 0 {
            next[symbol] = UInt16(trie[symbol])
            queue.append(Int(trie[symbol]))
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            accepting[state] |= accepting[failure[state]]
            for symbol in 0..<classCount {
                let child = trie[state * classCount + symbol]
                if child >= 0 {
                    failure[Int(child)] = Int(next[failure[state] * classCount + symbol])
                    next[state * classCount + symbol] = UInt16(child)
                    queue.append(Int(child))
                } else {
                    next[state * classCount + symbol] = next[failure[state] * classCount + symbol]
                }
            }
        }
        self.byteClass = byteClass
        self.classCount = classCount
        self.next = next
        self.accepting = accepting
    }

    /// Whether any of the literals occurs in `text`.
    func occur(in text: String) -> Bool { sets(in: text, stoppingAtFirst: true) != 0 }

    /// The sets (bits) of which a literal occurs in `text`.
    func sets(in text: String, stoppingAtFirst: Bool = false) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes in
            next.withUnsafeBufferPointer { next in
                byteClass.withUnsafeBufferPointer { byteClass in
                    accepting.withUnsafeBufferPointer { accepting in
                        var state = 0
                        var found: UInt64 = 0
                        for byte in bytes {
                            state = Int(next[state &* classCount &+ Int(byteClass[Int(byte)])])
                            found |= accepting[state]
                            if stoppingAtFirst && found != 0 { return found }
                        }
                        return found
                    }
                }
            }
        }
    }
}

extension StringProtocol {
    /// The text without `characters` at either end (Foundation's `trimmingCharacters` bridges to NSString, which
    /// is slow on Linux; these run on every line).
    /// `characters` are single scalars, so the scan is by scalar, not by `Character`.
    func trimmed(_ characters: String = " ") -> String {
        let trim = Array(characters.unicodeScalars)
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !trim.contains($0) }), let last = scalars.lastIndex(where: { !trim.contains($0) }) else {
            return ""
        }
        return String(self[first...last])
    }

    /// The text cut at each of `separators`, empty fields kept (Foundation's `components(separatedBy:)` for a character set).
    /// `separators` are single scalars, so the scan is by scalar, not by `Character`.
    func fields(separatedBy separators: String) -> [String] {
        let cut = Array(separators.unicodeScalars)
        let scalars = unicodeScalars
        var fields: [String] = []
        var start = scalars.startIndex
        var index = start
        while index < scalars.endIndex {
            if cut.contains(scalars[index]) {
                fields.append(String(self[start..<index]))
                start = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        fields.append(String(self[start...]))
        return fields
    }
}

/// Words that mark classes of page furniture, in English, German, French, Spanish, Italian and Russian.
/// Each list is a class (comment prompts, share prompts, related-story headers…), not one site's text.
enum Patterns {
    /// The ten digits, as literals a pattern needs.
    static let digits = (0...9).map(String.init)

    /// The literal start of each alternative of a word list, as literals a pattern needs (`sept?` → `sep`,
    /// `январ[яь]` → `январ`, `updated?` → `update`).
    static func stems(_ alternation: String) -> [String] {
        alternation.split(separator: "|").compactMap { alternative -> String? in
            var stem = ""
            for character in alternative {
                if "?*{".contains(character) {
                    if !stem.isEmpty { stem.removeLast() }
                    break
                }
                if "[(\\".contains(character) { break }
                stem.append(character)
            }
            return stem.isEmpty ? nil : stem
        }
    }
    /// Month and weekday names and their usual abbreviations.
    static let months =
        #"january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|"#
        + #"januar|jänner|februar|märz|mai|juni|juli|oktober|dezember|okt|dez|"#
        + #"janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|janv|févr|avr|juil|déc|"#
        + #"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|ene|abr|ago|dic|"#
        + #"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|gen|mag|giu|lug|ott|"#
        + #"январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь]|"#
        + #"янв|фев|апр|авг|сен|окт|ноя|дек|"#
        + #"stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia|"#
        + #"січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня"#
    /// Weekday names and their usual abbreviations.
    static let weekdays =
        #"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"#
        + #"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|"#
        + #"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|"#
        + #"lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|"#
        + #"poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela|понеділок|вівторок|середа|четвер|пʼятниця|п'ятниця|субота|неділя"#
    /// Words that say a line is a publication or update time.
    static let timeKeywords =
        #"published|updated?|last updated|posted|created|modified|date|"#
        + #"veröffentlicht|aktualisiert|zuletzt|stand|publié|publiée|mis à jour|modifié|publicado|actualizado|actualización|"#
        + #"pubblicato|aggiornato|aggiornamento|опубликовано|обновлено|дата|opublikowano|zaktualizowano|опубліковано|оновлено|"#
        // An archive line (`Archivio del 3 luglio 2013`) is a date line too.
        + #"archive[sd]?|archiv|archivo|archivio|архив"#
    /// Relative times (`35 minutes ago`, `vor 2 Stunden`, `il y a 3 heures`, `2 часа назад`) and `today`-words.
    static let relativeTime = PatternGroup([
        Pattern(
            #"\b\d+\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b|\bjust now\b"#, needs: ["ago", "just now"]),
        Pattern(#"\bvor\s+\d+\s+(sekunden|minuten|stunden|tagen|wochen|monaten)\b"#, needs: ["vor"]),
        Pattern(#"\bil y a\s+\d+\s+(secondes?|minutes?|heures?|jours?|semaines?|mois)\b"#, needs: ["il y a"]),
        Pattern(#"\bhace\s+\d+\s+(segundos?|minutos?|horas?|días?|semanas?|meses)\b"#, needs: ["hace"]),
        Pattern(#"\b\d+\s+(secondi|minuti|ore|giorni|settimane|mesi)\s+fa\b"#, needs: [" fa"]),
        Pattern(#"\d+\s+(секунд\w*|минут\w*|час\w*|дн\w*|день|недел\w*|месяц\w*)\s+назад"#, needs: ["назад"]),
        Pattern(#"\d+\s+(sekund\w*|minut\w*|godzin\w*|dni|dzień|tygodni\w*|miesi\w*)\s+temu"#, needs: ["temu"]),
        Pattern(#"\d+\s+(секунд\w*|хвилин\w*|годин\w*|дн\w*|тижн\w*|місяц\w*)\s+тому"#, needs: ["тому"]),
        Pattern(
            #"\b(yesterday|today|gestern|heute|hier|aujourd'hui|ayer|hoy|ieri|oggi|вчера|сегодня|wczoraj|dzisiaj|dziś|вчора|сьогодні)\b"#,
            needs: [
                "yesterday", "today", "gestern", "heute", "hier", "aujourd'hui", "ayer", "hoy", "ieri", "oggi", "вчера", "сегодня", "wczoraj",
                "dzisiaj", "dziś", "вчора", "сьогодні",
            ]),
    ])
    /// Every word `dateMaterial` and `relativeTime` can remove from a line, lower case (multi-word keywords
    /// split into their words), for `Shapes.onlyDateWords`.
    static let dateVocabulary: Set<String> = {
        var words = Set(
            expansions(months + "|" + weekdays + "|" + timeKeywords).flatMap { $0.split(whereSeparator: { !$0.isLetter }).map(String.init) })
        words.formUnion(
            """
            st nd rd th er e º г a p m am pm ist gmt utc cet cest eet eest est edt cst pst pdt bst msk wib pkt eat wat sast hrs uhr h \
            on at um le à el a las il alle ore of de del в года год \
            second seconds sec secs minute minutes min mins hour hours hr hrs day days week weeks month months year years ago just now \
            vor sekunden minuten stunden tagen wochen monaten il y a seconde secondes heure heures jour jours semaine semaines mois \
            hace segundo segundos minuto minutos hora horas día días semana semanas meses secondi minuti giorni settimane mesi fa \
            день назад dni dzień temu тому yesterday today gestern heute hier aujourd hui ayer hoy ieri oggi вчера сегодня \
            wczoraj dzisiaj dziś вчора сьогодні
            """.split(separator: " ").map(String.init))
        return words
    }()
    /// Word starts `relativeTime` accepts with any ending (`секунд\w*`).
    static let dateVocabularyStems = [
        "секунд", "минут", "час", "дн", "недел", "месяц", "sekund", "minut", "godzin", "tygodni", "miesi", "хвилин",
        "годин", "тижн", "місяц",
    ]

    /// Every spelling of a word list's alternatives, lower case (`sept?` → `sep`, `sept`; `ма[яй]` → `мая`, `май`).
    static func expansions(_ alternation: String) -> [String] {
        alternation.lowercased().split(separator: "|").flatMap { alternative -> [String] in
            var spellings = [""]
            var characters = Array(alternative)[...]
            while let character = characters.popFirst() {
                if character == "[", let close = characters.firstIndex(of: "]") {
                    let choices = characters[characters.startIndex..<close]
                    characters = characters[(close + 1)...]
                    let optional = characters.first == "?"
                    if optional { characters = characters.dropFirst() }
                    spellings = spellings.flatMap { spelling in choices.map { spelling + String($0) } + (optional ? [spelling] : []) }
                } else if characters.first == "?" {
                    characters = characters.dropFirst()
                    spellings = spellings.flatMap { [$0, $0 + String(character)] }
                } else {
                    spellings = spellings.map { $0 + String(character) }
                }
            }
            return spellings
        }
    }

    /// Everything a date line can be made of; what is left after removing it tells a date line apart.
    static let dateMaterial = Pattern(
        #"\d{1,2}[:h.]\d{2}(:\d{2})?\s*([ap]\.?m\.?)?|\b(\#(months)|\#(weekdays)|\#(timeKeywords))\b\.?|\d{1,4}(st|nd|rd|th|er|e|º|г)?\b|"#
            + #"\b([ap]\.?m\.?|ist|gmt|utc|cet|cest|eet|eest|est|edt|cst|pst|pdt|bst|msk|wib|pkt|eat|wat|sast|hrs|uhr|h)\b|"#
            + #"\b(on|at|am|um|le|à|el|a las|il|alle|ore|of|de|del|в|г|года|год)\b"#)
    /// What a date line must hold at least one of: a digit, a month or weekday, a publication keyword.
    static let strongDateWord = Pattern(#"\d|\b(\#(months)|\#(weekdays)|\#(timeKeywords))\b"#)

    /// Navigation, prompts, counters and notices that are never article text, wherever they stand.
    static let furniture = PatternGroup([
        // A navigation link or label standing alone.
        Pattern(
            #"^(skip to (main )?content|skip navigation|(ir|saltar) al (contenido|menú)( principal)?|(aller|passer) au (contenu|menu)( principal)?|"#
                + #"zum (inhalt|hauptmenü|menü)( springen)?|(vai|salta) al (contenuto|menu)( principale)?|перейти к (содержанию|меню)|"#
                + #"przejdź do (treści|menu)|перейти до (змісту|меню)|(\w+ )?menu|home|search|close|toggle navigation|back to top|to top|top|"#
                + #"log ?in|sign (in|up)|register|contact( us)?|about us|support|advertisement|advertising|sponsored( content)?|"#
                + #"anzeige|werbung|publicité|publicidad|pubblicità|реклама|translate|print|email|e-mail)\s*[»›.!:]?$"#,
            needs: [
                "skip", "contenido", "menú", "contenu", "menu", "zum ", "contenuto", "перейти", "przejdź", "home", "search", "close", "navigation",
                "top", "log", "sign", "register", "contact", "about us", "support", "advertis", "sponsored", "anzeige", "werbung", "publicit",
                "publicidad", "pubblicit", "реклама", "translate", "print", "mail",
            ], maxWords: 4),
        Pattern(
            #"\bskip to (main )?content\b|\bwhat are you looking for\b|\btype (here )?to search\b|\bpress enter to search\b|"#
                + #"\berror: content is protected|\baudio player\b|\blisten to (this )?(article|story)\b|\bgetting your .{1,40} ready\b|"#
                + #"\bjoin the conversation\b|\bforgot (your )?password\b|\bback to login\b|\bremember me\b"#,
            needs: [
                "skip to", "looking for", "to search", "content is protected", "audio player", "listen to", "getting your",
                "join the conversation", "forgot", "back to login", "remember me",
            ]),
        // Read times.
        Pattern(
            #"\b\d+\s*(min|minute|minuten|minutes|minutos|minuti|мин\w*)\.?\s*(read|lesezeit|de lecture|de lectura|di lettura|чтени\w*)\b|"#
                + #"\b(reading time|lesezeit|temps de lecture|tiempo de lectura|tempo di lettura|время (про)?чтения)\b"#,
            needs: ["read", "lesezeit", "lecture", "lectura", "lettura", "чтени"]),
        // View counters.
        Pattern(
            #"\b\d+\s+(views|aufrufe|vues|vistas|visualizzazioni|просмотр\w*)\b|\b(total )?page ?views\b|\bpages vues\b|\bseitenaufrufe\b|"#
                + #"\bvisualizzazioni (di pagina|totali)\b|\bvisitas totales\b|\bпросмотр\w* страниц"#,
            needs: ["views", "aufrufe", "vues", "vistas", "visualizzazioni", "просмотр", "visitas"]),
        Pattern(#"\bcookies?\b.*\b(use|accept|consent|policy|settings|experience)\b|\b(accept|reject) (all )?cookies\b"#, needs: ["cookie"]),
        // Audio players, navigation widgets and ad slots.
        Pattern(
            #"^(click|tap) to listen\b|^listen now$|"#
                + #"^(find|browse|search|filter|view) (posts|articles|stories|news)? ?by (topic|category|date|tag|author|section)s?$"#,
            needs: ["listen", "by"]),
        Pattern(#"^(?:[\w-]+ ){0,2}(?:top|bottom|middle|side|sidebar|header|footer|inline|below|above)(?: [\w-]+)? ads?$"#, needs: [" ad"]),
        // The site's own pages: "Our newsletters", "Unsere Themenseiten", "Nos rubriques".
        Pattern(
            #"^(our|unsere?|nos|notre|nuestr[oa]s|i nostri|le nostre|наши)( \S+){1,2}$"#,
            needs: ["our", "unser", "nos", "notre", "nuestr", "nostri", "nostre", "наши"]),
    ])
    /// A link to another story inside the text (`Read also: HEADLINE`).
    static let inlinePromo = Pattern(
        #"^(read (more|also)|also read|see also|related|lesen sie auch|mehr zum thema|(à )?lire aussi|lee también|leggi anche|"#
            + #"читайте также)\s*[:|»]\s*\S"#,
        startsWith: [
            "read", "also read", "see also", "related", "lesen sie", "mehr zum", "lire aussi", "à lire", "lee también", "leggi anche",
            "читайте также",
        ])
    /// Comment counters, forms and prompts, in any of the languages.
    static let comments = PatternGroup([
        Pattern(
            #"^(\d+\s*)?(comments?|commentaires?|kommentare?|comentarios?|commenti|коммент\w*|reply|replies|responses?)\s*(\(\d+\))?\s*[:↓]?$"#,
            needs: ["comment", "kommentar", "comentario", "коммент", "repl", "respons"], maxWords: 3),
        Pattern(
            #"\b(leave|post|add|write|submit|view|show|load|hide|read|join)\s+(a|all|the|your)?\s*(comments?|reply|response)\b"#,
            needs: ["comment", "repl", "respons"]),
        Pattern(
            #"^no comments?$|\bbe the first to comment\b|\bhave your say\b|\bjoin the (discussion|debate)\b|\bstart the conversation\b|"#
                + #"\bcomments (are )?closed\b|\bdisable comments\b|\bcomment(ing)? policy\b|\benter your (comment|name|email)\b"#,
            needs: ["comment", "have your say", "join the", "start the conversation", "enter your"]),
        Pattern(
            #"\b(respect|respecter|respetar|rispettare|соблюдайте)\b.{0,30}\b(cgu|terms|guidelines|charte|normas|regole|правила)\b"#,
            needs: ["respect", "respetar", "rispettare", "соблюдайте"]),
        // A comment's header: "Anonymous said...", "Jane wrote:".
        Pattern(
            #"^[\p{L}\d .'’_-]{1,40}\s(said|says|wrote|schrieb|sagte|a dit|a écrit|dijo|escribió|ha detto|ha scritto|написал\w*)\s*(\.\.\.|…|:)$"#,
            needs: ["said", "says", "wrote", "schrieb", "sagte", "a dit", "a écrit", "dijo", "escribió", "ha detto", "ha scritto", "написал"],
            maxWords: 12),
        Pattern(
            #"\bemail address will not be published\b|\brequired fields are marked\b|\bakismet\b|\bctrl\s*\+\s*enter\b|"#
                + #"\bfacebook comments\b|\bjump to comments\b|\bconnectez-vous\b.*\b(commenter|conversation)\b"#,
            needs: ["will not be published", "required fields", "akismet", "ctrl", "comment", "connectez-vous"]),
        Pattern(
            #"\b(kommentar schreiben|kommentieren|laisser un commentaire|deja un comentario|lascia un commento|оставить комментарий)\b|"#
                + #"^(komentarz\w*|коментар\w*)\s*(\(\d+\))?:?$|\b(dodaj|napisz) komentarz\b|\bskomentuj\b|\b(залишити|додати|написати) коментар\b"#,
            needs: ["kommentar", "kommentier", "commentaire", "comentario", "commento", "комментарий", "komentarz", "коментар", "komentuj"]),
    ])
    /// Share, follow, subscribe, newsletter and app prompts.
    static let prompts = PatternGroup([
        Pattern(#"^share\b"#, startsWith: ["share"]),
        Pattern(#"\bshare (this|on|via)\b"#, needs: ["share this", "share on", "share via"]),
        Pattern(
            #"^(teilen|partager|compartir|condividi|поделиться|udostępnij|поділитися)\b"#,
            startsWith: ["teilen", "partager", "compartir", "condividi", "поделиться", "udostępnij", "поділитися"]),
        Pattern(
            #"^(follow|like|join|connect with) us\b|\bfollow (the )?[\w .'’-]{1,40} on (twitter|x|facebook|instagram|google news|telegram|"#
                + #"whatsapp|youtube)\b"#,
            needs: ["follow", "like us", "join us", "connect with"]),
        Pattern(#"\b(whatsapp|telegram) (channel|group)\b|\bon whatsapp\b"#, needs: ["whatsapp", "telegram"]),
        Pattern(#"\bdownload (the|our) [\w ]{0,30}app\b|\bget the [\w ]{1,30} app\b"#, needs: ["download", "get the"]),
        Pattern(
            #"\b(newsletter|subscribe|sign up for)\b|\b(abonnieren|abonnez|suscríbete|iscriviti|подпишитесь)\b|\bspread the love\b"#,
            needs: ["newsletter", "subscribe", "sign up for", "abonnieren", "abonnez", "suscríbete", "iscriviti", "подпишитесь", "spread the love"]),
        // Reaction widgets.
        Pattern(
            #"\bwhat'?s your reaction\b|\bhow do you feel about (this|the) (article|story)\b|\bwas this (article|story) (helpful|useful)\b|"#
                + #"\bwie (finden|fanden) sie (diesen|den) (artikel|beitrag)\b|\bquelle est votre réaction\b|\bваша реакция\b"#,
            needs: ["reaction", "feel about", "was this", "wie finden", "wie fanden", "réaction", "реакция"]),
    ])
    /// Lines that start what follows an article: related stories, tags, sources, credits, copyright.
    static let endMarker = PatternGroup([
        Pattern(
            #"^([\p{Lu}\d][\w.'’-]* ){0,3}(top stories|latest (news|stories|videos)|most (read|popular|viewed)|more stories|more videos)$"#,
            needs: ["top stories", "latest", "most ", "more stories", "more videos"], maxWords: 5),
        Pattern(
            #"^(читайте|смотрите) на\b|^(read|watch) (it |this )?on [\w.-]+$|^(weiterlesen|lesen sie weiter) auf\b|^(lire|voir) (la suite )?sur\b"#,
            startsWith: ["читайте", "смотрите", "read", "watch", "weiterlesen", "lesen sie", "lire", "voir"]),
        // Video players.
        Pattern(
            #"^(next video|up next|more videos|other videos|vidéo suivante|autres vidéos|weitere videos|nächstes video|siguiente vídeo|"#
                + #"más vídeos|otros vídeos|video successivo|altri video|следующее видео|другие видео)\b"#,
            startsWith: [
                "next video", "up next", "more videos", "other videos", "vidéo suivante", "autres vidéos", "weitere videos", "nächstes video",
                "siguiente vídeo", "más vídeos", "otros vídeos", "video successivo", "altri video", "следующее видео", "другие видео",
            ]),
        Pattern(
            #"^(czytaj (też|także|również|więcej)|zobacz (też|także|również)|powiązane|читайте також|дивіться також|більше новин|"#
                + #"(эта|эту) новост\w* в сми|другие сми|сообщения сми)\b"#,
            startsWith: [
                "czytaj", "zobacz", "powiązane", "читайте також", "дивіться також", "більше новин", "эта новост", "эту новост", "другие сми",
                "сообщения сми",
            ]),
        // Related-story, recommendation and author-box headers.
        Pattern(
            #"^(related|related (posts|articles|stories|news|content|reading)|you (may|might) (also )?like|recommended( for you)?|"#
                + #"more (from|stories|news|on|in)\b.*|read (more|also|next)|also read|see also|trending( now)?|"#
                + #"most (read|popular|viewed|shared)\b.*|"#
                + #"popular( now| stories| posts)?|latest (news|stories|posts)|top stories|don'?t miss|check also|more in|opinion|"#
                + #"mehr (lesen|zum thema|dazu)|lesen sie (auch|mehr)|auch interessant|weitere (artikel|nachrichten|meldungen)|"#
                + #"(à )?lire aussi|sur le même sujet|voir aussi|lee (también|más)|te puede interesar|noticias relacionadas|"#
                + #"leggi anche|potrebbe interessarti|articoli correlati|читайте также|смотрите также|по теме|новости партнеров|похожие( \w+)?|"#
                + #"about (the )?author|über (den|die) autor(in)?|à propos de l'auteur|sobre el autor|l'autore|об авторе)\s*[:»›↓.]?$"#,
            startsWith: [
                "related", "you m", "recommended", "more", "read", "also read", "see also", "trending", "most", "popular", "latest", "top stories",
                "don", "check also", "opinion", "mehr", "lesen sie", "auch interessant", "weitere", "à lire", "lire aussi", "sur le même sujet",
                "voir aussi", "lee", "te puede interesar", "noticias relacionadas", "leggi anche", "potrebbe interessarti", "articoli correlati",
                "читайте также", "смотрите также", "по теме", "новости партнеров", "похожие", "about", "über", "à propos", "sobre el autor",
                "l'autore", "об авторе",
            ]),
        // Tags.
        Pattern(
            #"^(tags?|tagged|topics?|keywords|schlagwörter|stichwörter|mots-clés|etiquetas|parole chiave|теги|метки)\s*[:|]|^(tags?|tagged)$"#,
            startsWith: ["tag", "topic", "keywords", "schlagwörter", "stichwörter", "mots-clés", "etiquetas", "parole chiave", "теги", "метки"]),
        // Copyright.
        Pattern(
            #"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b|\balle rechte vorbehalten\b|\btous droits réservés\b|"#
                + #"\btodos los derechos reservados\b|\btutti i diritti riservati\b|\bвсе права защищены\b|"#
                + #"\bwszelkie prawa zastrzeżone\b|\bвсі права захищені\b|\bусі права захищені\b"#,
            needs: ["©", "(c)", "copyright", "rights reserved", "rechte", "droits", "derechos", "diritti", "все права", "zastrzeżone", "захищені"]),
        // Sources and credits after the text.
        Pattern(
            #"^(source|sources|quelle|fuente|fonte|источник|źródło|джерело)\s*([:\-–—]|link$)"#,
            startsWith: ["source", "quelle", "fuente", "fonte", "источник", "źródło", "джерело"]),
        Pattern(
            #"\bread the original (article|story)\b|\boriginally (published|appeared)\b|\b(first|originally) (appeared|published) (in|on)\b|"#
                + #"\bread more (at|on)\b|\bcontinue reading\b|\bgenerated by\b|\bmobile version\b|\barticle footer\b|"#
                + #"\bmore updates to follow\b|\b(this|the) story (is developing|will be updated)\b|\bdeveloping story\b"#,
            needs: [
                "read the original", "originally", "appeared", "published", "read more", "continue reading", "generated by", "mobile version",
                "article footer", "more updates", "story",
            ]),
        // Topic lines.
        Pattern(
            #"^(\w+ )?(topic|category|categories|filed under|posted in|rubrik|catégorie|categoría|categoria|рубрика)\w*( follows)?\s*:"#,
            needs: ["topic", "categor", "catégorie", "filed under", "posted in", "rubrik", "рубрика"]),
    ])
    /// Wire and editing credits (`Reporting by …; Editing by …`).
    static let credit = Pattern(
        #"^\(?\s*(additional )?(reporting|writing|editing|written|compiled|edited|reported) by\b|^\(?\s*(with )?(reporting|editing) by\b|"#
            + #"^\(?\s*with (additional )?inputs? from\b"#,
        needs: ["reporting", "writing", "editing", "written", "compiled", "edited", "reported", "input"])
    /// A topic line after the article; group 1 is the label.
    static let topicLine = Pattern(
        #"^(?:\w+ )?(?:topic|category|section|filed under|posted in|rubrik|catégorie|categoría|categoria|рубрика)\w*(?: follows)?\s*:\s*(.+)$"#,
        needs: ["topic", "categor", "catégorie", "section", "filed under", "posted in", "rubrik", "рубрика"])
    /// Photo captions and credits.
    static let caption = PatternGroup([
        Pattern(
            #"^(file )?(photo|foto|фото|image|picture|bild|imagen|immagine|crédit photo|photo credit|image credit|credit|crédit)s?\s*[:/]"#,
            startsWith: ["file", "photo", "foto", "фото", "image", "picture", "bild", "imagen", "immagine", "crédit", "credit"]),
        // Picture viewer controls and credit labels.
        Pattern(
            #"\b(view|open) (image|photo|picture) in full ?screen\b|\b(click|tap) to enlarge\b|\benlarge (this )?(image|photo)\b|"#
                + #"\bbild vergrößern\b|\bagrandir l'image\b|\bampliar (la )?imagen\b|\bingrandisci (l'immagine|la foto)\b|"#
                + #"\b(image|photo|picture) credits?\s*:"#,
            needs: ["full screen", "fullscreen", "enlarge", "vergrößern", "agrandir", "ampliar", "ingrandisci", "credit"]),
        Pattern(#"[—–-]\s*(file )?(photo|foto|фото)\s*$"#, needs: ["photo", "foto", "фото"]),
        // `AGENCY/Name`.
        Pattern(#"\b[A-Z]{2,}( PHOTO)?/[A-Z][\w.]"#, caseSensitive: true, needs: (65...90).map { String(UnicodeScalar($0)) + "/" }),
        Pattern(
            #"\b(getty images|shutterstock|flickr|wikimedia|unsplash|istock|picture alliance|cc by(-[a-z]{2})*)\b"#,
            needs: ["getty", "shutterstock", "flickr", "wikimedia", "unsplash", "istock", "picture alliance", "cc by"]),
        // Positions in a picture.
        Pattern(
            #"\((left|right|centre|center|pictured|links|rechts|à gauche|à droite|izquierda|derecha|sinistra|destra|слева|справа)\)"#,
            needs: [
                "(left", "(right", "(centre", "(center", "(pictured", "(links", "(rechts", "(à gauche", "(à droite", "(izquierda", "(derecha",
                "(sinistra", "(destra", "(слева", "(справа",
            ]),
        Pattern(#"^\[[^\]]+\]$|\bảnh \d"#, needs: ["[", "ảnh"]),
    ])
    /// A photo reference in brackets (`(Photo: Reuters)`, `(nella foto, …)`).
    static let bracketedPhoto = Pattern(
        #"\([^()]*\b(photo|foto|фото|image|picture|pic|bild|imagen|immagine|crédit|credit|zdjęcie)s?\b[^()]*\)"#,
        needs: ["photo", "foto", "фото", "image", "pic", "bild", "imagen", "immagine", "crédit", "credit", "zdjęci"])
    /// The same, closing the line.
    static let closingBracketedPhoto = Pattern(
        #"\([^()]*\b(photo|foto|фото|image|picture|pic|bild|imagen|immagine|crédit|credit|zdjęcie)s?\b[^()]*\)\W*$"#,
        needs: ["photo", "foto", "фото", "image", "pic", "bild", "imagen", "immagine", "crédit", "credit", "zdjęci"])
    /// A photographer's name in brackets closing a short line (`Officers at the scene (Christos Theodorides)`).
    static let photographerCredit = Pattern(#"^[^.!?]{0,120}\((\p{Lu}[\p{Ll}'’-]+ ){1,2}\p{Lu}[\p{Ll}'’-]+\)$"#, caseSensitive: true, needs: ["("])
    /// Markup, data URIs, image paths and CSS class names a scraper left behind.
    static let markup = Pattern(
        #"<[a-z/][^>]*>|data:image/|\.(jpe?g|png|gif|webp|svg|avif)\b|^https?://\S+$"#,
        needs: ["<", "data:image/", ".jp", ".png", ".gif", ".webp", ".svg", ".avif", "http"])
    /// Status flags glued to a headline: `Updated | …`, `Breaking news: …`, `… (Updated)`, `… Featured`.
    static let flagWords =
        #"updated|update|breaking news|breaking|exclusive|live|watch|video|photos|featured|eilmeldung|exklusiv|aktualisiert|"#
        + #"exclusif|en direct|mis à jour|última hora|exclusiva|en vivo|actualizado|ultim'ora|ultima ora|esclusiva|aggiornato|срочно|эксклюзив|"#
        + #"обновлено|foto|fotos|audio|видео|фото|відео|wideo|zdjęcia"#
    /// The last word of each status flag (`jour` of `mis à jour`), which a title must end on for `trailingFlag` to match.
    static let flagLastWords = Set(expansions(flagWords).compactMap { $0.split(whereSeparator: { !$0.isLetter }).last.map(String.init) })
    /// The word `read` of a read time.
    static let readWord = Pattern(#"read"#, needs: ["read"])
    /// A status flag before the headline.
    /// A premium badge glued before the title (`MP+Bernd Müller tritt …`) counts as a flag.
    static let leadingFlag = Pattern(
        #"^\(?(\#(flagWords))\)?\s*[|:\-–—]\s*|^\((\#(flagWords))\)\s*|^(?-i:\p{Lu}{1,4})\+\s*"#, needs: Patterns.stems(flagWords) + ["+"])
    /// A status flag after the headline.
    /// Only after a separator, in brackets or after sentence punctuation: "Five films to watch" keeps its last word.
    static let trailingFlag = Pattern(#"(?:\s*[|\-–—]\s*\(?|\s*\(|(?<=[!?.”"’])\s+)(\#(flagWords))\)?$"#, needs: Patterns.stems(flagWords))
    /// A date, counter or read time glued to the end of a headline (`…демократии08.03.20210`, `… 1 min read`).
    static let trailingStamp = Pattern(
        #"\s*(\d{1,2}[./]\d{1,2}[./]\d{2,4}\d*|\d+\s*min(ute)?s?\.? read\b.*|\s\d{1,2}:\d{2}\s*([ap]\.?m\.?)?\s*([a-z]{2,4})?)$"#,
        needs: Patterns.digits)
    /// The scraper's own machine date glued before the first line (`date 2018-09-05 …`).
    static let machineDate = Pattern(
        #"^(?:(?:date|published|updated|posted)\s*[:=]?\s*\d{4}-\d{2}(?:-\d{2})?|\d{4}-\d{2}-\d{2})"#
            + #"(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?(?:\s+|$)"#,
        needs: Patterns.digits)
    /// A standfirst signed by its author (`… – writes NAME`).
    static let standfirstCredit = Pattern(#"\s[–—-]\s*(?i:writes|reports|by)\s+\p{Lu}"#, caseSensitive: true, needs: ["writes", "reports", "by"])
    /// `By NAME DATELINE (Agency) - …` at the start of a paragraph; group 1 is the byline.
    static let bylineBeforeDateline = Pattern(
        #"^((?:By|BY|by)\s+(?:\p{Lu}[\p{Ll}'’.-]+\s+){1,3}?)(?=\p{Lu}{3,}\b)"#, caseSensitive: true,
        needs: ["by"])
    /// A capitals label, possibly bulleted, ending in a colon (`UPDATE NEWS:`, `ALSO READ:`).
    static let capitalsLabel = Pattern(#"^[•·*-]?\s*[\p{Lu}\d][\p{Lu}\d '’&-]{2,40}:$"#, caseSensitive: true, needs: [":"])
    /// Publication names: a title ending in a word for a newspaper.
    static let publication = Pattern(
        #"\b(zeitung|newspapers?|gazette|tribune|herald|chronicle|courier|kurier|observer|telegraph|gazzetta|corriere|giornale|"#
            + #"diario|periódico|quotidien|газета|вестник)$|\bnewspapers?\b"#,
        needs: [
            "zeitung", "newspaper", "gazette", "tribune", "herald", "chronicle", "courier", "kurier", "observer", "telegraph", "gazzetta", "corriere",
            "giornale", "diario", "periódico", "quotidien", "газета", "вестник",
        ])
    /// Weaker marks of a publication's title, trusted only for a label above the headline.
    static let publicationTitle = Pattern(
        #"(?i:\b(times|journal|daily|post|mail|express|news agency)$)|^(The|Der|Die|Das|Le|La|Les|El|Il|Lo) \p{Lu}"#, caseSensitive: true,
        needs: [
            "times", "journal", "daily", "post", "mail", "express", "news agency", "the ", "der ", "die ", "das ", "le ", "la ", "les ", "el ", "il ",
            "lo ",
        ])
    /// A personal honorific starting a photo caption of a person (`Dr the Right Honourable NAME, Prime Minister`).
    static let honorific = Pattern(
        #"^(dr|mr|mrs|ms|prof|hon|sen|rev|sir|dame|lord|lady|h\.e|herr|frau|mme|sr|sra|dott|sig)\.?\s"#,
        needs: ["dr", "mr", "ms", "prof", "hon", "sen", "rev", "sir", "dame", "lord", "lady", "h.e", "herr", "frau", "mme", "sr", "dott", "sig"])
    /// Home crumbs of a breadcrumb trail.
    static let homeCrumb = Pattern(#"^(home|start|startseite|accueil|inicio|portada|главная)$"#, maxWords: 1)
}

/// Shape tests on one unit of text.
enum Shapes {
    /// Words, counted by runs of characters holding a letter or a digit.
    static func wordCount<S: StringProtocol>(_ text: S) -> Int {
        // One pass over the scalars (this runs many times a line): a word is a run between spaces or line
        // ends holding a scalar that is a letter or a number.
        var count = 0
        var counted = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\n" {
                counted = false
            } else if !counted, isLetterOrNumber(scalar) {
                count += 1
                counted = true
            }
        }
        return count
    }

    /// Whether the text holds a letter (`Character.isLetter` of some character), scanned by scalar.
    static func hasLetter<S: StringProtocol>(_ text: S) -> Bool {
        text.unicodeScalars.contains {
            $0.isASCII ? (0x41...0x5A).contains($0.value) || (0x61...0x7A).contains($0.value) : $0.properties.isAlphabetic
        }
    }

    /// Whether the text holds a number, scanned by scalar.
    static func hasNumber<S: StringProtocol>(_ text: S) -> Bool {
        text.unicodeScalars.contains { $0.isASCII ? (0x30...0x39).contains($0.value) : $0.properties.numericType != nil }
    }

    /// `TextNormalizer.isListItem`, ruled out first by a look at the first bytes: a bullet, or a stop or a
    /// bracket within the first five bytes after a short marker.
    static func isListItem(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        if first >= 0x80 || first == 0x2D || first == 0x2A || text.utf8.prefix(5).contains(where: { $0 == 0x2E || $0 == 0x29 }) {
            return TextNormalizer.isListItem(text)
        }
        return false
    }

    /// `.`, `!`, `?` or `…`.
    @inline(__always)
    static func isSentenceStop(_ scalar: Unicode.Scalar) -> Bool { scalar == "." || scalar == "!" || scalar == "?" || scalar == "…" }

    /// A closing quote or bracket after a sentence stop.
    @inline(__always)
    static func isClosingQuote(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\"" || scalar == "”" || scalar == "»" || scalar == "’" || scalar == ")"
    }

    /// `text` cut at each `separator`, empty pieces kept (Foundation's `components(separatedBy:)`, natively).
    static func components(of text: String, separatedBy separator: String) -> [String] {
        let bytes = Array(text.utf8)
        let pin = Array(separator.utf8)
        var pieces: [String] = []
        var start = 0
        var index = 0
        while index + pin.count <= bytes.count {
            if bytes[index..<index + pin.count].elementsEqual(pin) {
                pieces.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += pin.count
                start = index
            } else {
                index += 1
            }
        }
        pieces.append(String(decoding: bytes[start...], as: UTF8.self))
        return pieces
    }

    /// Whether the text's UTF-8 holds `byte` (a scan of the buffer; the generic `utf8.contains` is several times slower).
    static func hasByte(_ text: String, _ byte: UInt8, from offset: Int = 0) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.count > offset && bytes[offset...].contains(byte) }
    }

    /// Whether any of the text's UTF-8 bytes satisfies `test`.
    static func hasByte(_ text: String, where test: (UInt8) -> Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.contains(where: test) }
    }

    /// Whether `needle` occurs in `text`, byte for byte (Foundation's `contains` bridges to NSString; the text is NFC already).
    static func holds(_ text: String, _ needle: String) -> Bool {
        var haystack = text
        var needle = needle
        return haystack.withUTF8 { hay in
            needle.withUTF8 { pin in
                guard let first = pin.first else { return true }
                guard pin.count <= hay.count else { return false }
                var start = 0
                while start + pin.count <= hay.count {
                    if hay[start] == first {
                        var offset = 1
                        while offset < pin.count && hay[start + offset] == pin[offset] { offset += 1 }
                        if offset == pin.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    /// `\p{Lu}`, with a fast path for ASCII.
    @inline(__always)
    static func isUppercaseLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (0x41...0x5A).contains(scalar.value) : scalar.properties.generalCategory == .uppercaseLetter
    }

    /// `\p{Ll}`, with a fast path for ASCII.
    @inline(__always)
    static func isLowercaseLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (0x61...0x7A).contains(scalar.value) : scalar.properties.generalCategory == .lowercaseLetter
    }

    /// Whether a scalar is a letter or a number (`Character.isLetter`/`isNumber` for its first scalar).
    @inline(__always)
    static func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Ends like a sentence: `.`, `?`, `!`, `…`, possibly followed by closing quotes or brackets.
    static func endsLikeSentence(_ text: String) -> Bool {
        // A source tag after the last sentence (`… about it. (Colombo Gazette)`) does not change how it ends.
        let scalars = text.unicodeScalars
        if scalars.last == ")", let open = scalars.lastIndex(of: "("), open > scalars.startIndex {
            if let last = scalars[..<open].reversed().first(where: { $0 != " " }), isSentenceStop(last) { return true }
        }
        guard let last = scalars.reversed().first(where: { !"\"'”’»)]".unicodeScalars.contains($0) }) else { return false }
        return isSentenceStop(last)
    }

    /// A sentence boundary inside the text (`… in Berlin. Zweiter …`).
    static func hasInternalSentenceBreak(_ text: String) -> Bool {
        hasSentenceBreak(text)
    }

    /// A lower-case letter, one of `stops`, maybe a closing quote or bracket, white space, maybe an
    /// opening quote, and a capital: the break between two sentences. A scan of the scalars, because
    /// it runs on every line.
    static func hasSentenceBreak(_ text: String, fullStopOnly: Bool = false) -> Bool {
        // 0: nothing; 1: after a lower-case letter; 2: after the stop; 3: after a closing quote; 4: in the
        // space after it; 5: after an opening quote.
        var state = 0
        for scalar in text.unicodeScalars {
            switch state {
            case 1 where scalar == "." || !fullStopOnly && isSentenceStop(scalar):
                state = 2
                continue
            case 2 where isClosingQuote(scalar):
                state = 3
                continue
            case 2 where scalar.properties.isWhitespace, 3 where scalar.properties.isWhitespace, 4 where scalar.properties.isWhitespace:
                state = 4
                continue
            case 4 where scalar == "\"" || scalar == "“" || scalar == "„" || scalar == "«":
                state = 5
                continue
            case 4, 5:
                if isUppercaseLetter(scalar) { return true }
            default:
                break
            }
            state = isLowercaseLetter(scalar) ? 1 : 0
        }
        return false
    }

    /// Lower-cased letters and digits only, for comparing repeats.
    static func comparable(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII, the common case: lower-case letters and digits, byte by byte.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            for byte in text.utf8 {
                if (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) {
                    bytes.append(byte)
                } else if (0x41...0x5A).contains(byte) {
                    bytes.append(byte + 0x20)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        func append(_ scalar: Unicode.Scalar) { bytes.append(contentsOf: scalar.utf8) }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                if (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) {
                    bytes.append(byte)
                } else if (0x41...0x5A).contains(byte) {
                    bytes.append(byte + 0x20)
                }
                continue
            }
            guard isAlphanumeric(scalar) else { continue }
            // Lower case without `lowercased()` for the common scripts (Latin-1, Cyrillic); others through their mapping.
            switch scalar.value {
            case 0x41...0x5A, 0xC0...0xD6, 0xD8...0xDE, 0x410...0x42F:
                append(Unicode.Scalar(scalar.value + 0x20)!)
            case 0x400...0x40F:
                append(Unicode.Scalar(scalar.value + 0x50)!)
            case 0...0x7F, 0xDF...0xFF, 0x430...0x45F:
                append(scalar)
            default:
                if scalar.properties.changesWhenLowercased {
                    for lower in scalar.properties.lowercaseMapping.unicodeScalars where isAlphanumeric(lower) { append(lower) }
                } else {
                    append(scalar)
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `CharacterSet.alphanumerics` (letters, marks and numbers), with a fast path for ASCII.
    @inline(__always)
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return isLetterOrNumber(scalar) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark, .spacingMark,
            .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Running text: ten words or more with sentence punctuation, or thirty words or more.
    static func isProse(_ text: String, words: Int? = nil) -> Bool {
        let words = words ?? wordCount(text)
        guard words >= 10 else { return false }
        if hasInternalSentenceBreak(text) || words >= 30 { return true }
        // One exclamation or question of a line is how headlines end; running text ends in a full stop.
        // A single line ending on an initialism (`… hit southern B.C.`) has not shown a sentence's full stop.
        guard endsLikeSentence(text), !endsWithInitialism(text) else { return false }
        let last = text.reversed().drop(while: { "\"'”’»)]".contains($0) }).first
        return last != "!" && last != "?"
    }

    /// A headline: 2–30 words on one line, starting with a capital, a digit or a quote, not ending
    /// in a full stop, a comma or a colon.
    static func isTitleShaped(_ text: String) -> Bool {
        let words = wordCount(text)
        guard (2...30).contains(words), let first = text.first, let last = text.last else { return false }
        guard first.isUppercase || first.isNumber || "\"“„«'‘¿¡".contains(first) else { return false }
        if ".,;:".contains(last) && !text.hasSuffix("...") && !endsWithInitialism(text) { return false }
        return !isListItem(text)
    }

    /// Sentence case: a capital first, then words that start in lower case or with a figure.
    static func isSentenceCase(_ text: String) -> Bool {
        let words = text.split(separator: Character(" "))
        guard let first = words.first?.first, first.isUppercase else { return false }
        return words.dropFirst().allSatisfy { word in word.first.map { $0.isLowercase || $0.isNumber } ?? true }
    }

    /// A section label: one to five capitalised words, no sentence punctuation; function words
    /// (`News in English`, `Mode & Beauté`) may stand between capitalised words.
    static func isLabelShaped(_ text: String) -> Bool {
        guard text.utf8.count <= 160, text.count <= 40 else { return false }
        let words = text.split(separator: Character(" "))
        guard (1...5).contains(words.count), !endsLikeSentence(text), !text.hasSuffix(":") else { return false }
        guard hasLetter(text), let last = words.last?.first, !(last.isLetter && last.isLowercase) else { return false }
        return words.allSatisfy { word in
            guard let first = word.first else { return false }
            return first.isUppercase || first.isNumber || labelConnectors.contains(String(word))
        }
    }

    /// A kicker above a title: a label of capitalised words with no function word but `&`, `and`, `of`, `the` (`Earthquake in
    /// Indonesia` is a short title, not a kicker).
    static func isKickerShaped(_ text: String) -> Bool {
        isLabelShaped(text)
            && text.split(separator: Character(" ")).allSatisfy { word in
                !labelConnectors.contains(String(word))
                    || ["&", "-", "–", "and", "of", "the", "und", "et", "de", "y", "e", "и"].contains(String(word))
            }
    }

    /// Function words a section label may hold.
    static let labelConnectors: Set<String> = [
        "&", "-", "–", "and", "of", "the", "in", "on", "for", "at", "to", "und", "im", "für", "et", "en", "du", "des", "de", "la", "le", "y",
        "del", "e", "di", "da", "per", "и", "в", "на",
    ]

    /// A short all-capitals label ending in a colon.
    static func isCapitalsLabel(_ text: String) -> Bool { Patterns.capitalsLabel.matches(text) }

    /// A photo caption or photo credit.
    static func isCaption(_ text: String, words: Int? = nil) -> Bool {
        let words = words ?? wordCount(text)
        guard words <= 60 else { return false }
        if Patterns.caption.matches(text) || words <= 20 && text.hasSuffix(")") && Patterns.photographerCredit.matches(text)
            || words <= 8 && isPictureCopyright(text)
        {
            return true
        }
        // A photo reference in brackets inside running text (`… banco (nella foto, il titolare …) risale …`) does not make it a caption.
        guard hasByte(text, 0x28) else { return false }
        return Patterns.closingBracketedPhoto.matches(text) || Patterns.bracketedPhoto.matches(text) && !hasInternalSentenceBreak(text)
    }

    /// A short © credit with no year and no rights clause: a picture's or an embed's credit, not the page's copyright.
    static func isPictureCopyright(_ text: String) -> Bool {
        wordCount(text) <= 8 && text.unicodeScalars.contains("©") && !Patterns.year.matches(text) && !Patterns.rightsClause.matches(text)
    }

    /// A caption naming a person with an honorific and a role, or a role followed by a name
    /// (`Commission Chairman Greg Mitchell`), which has a headline's shape.
    static func isPersonCaption(_ text: String) -> Bool {
        if wordCount(text) <= 15 && holds(text, ", ") && !endsLikeSentence(text) && Patterns.honorific.matches(text) { return true }
        return wordCount(text) <= 7 && Patterns.roleAndName.matches(text)
    }

    /// Words glued at a lower-to-upper case change (`NewsWest BengalUttar`): link texts a scraper ran together.
    static func gluedJoins(_ text: String) -> Int {
        var count = 0
        var previousLower = false
        var beforePreviousLower = false
        for scalar in text.unicodeScalars {
            // Two lower-case letters before the capital: `McDonald`, `iPhone` and `O'Neil` stay words.
            let lower = scalar.properties.isLowercase
            if previousLower && beforePreviousLower && scalar.properties.isUppercase { count += 1 }
            beforePreviousLower = previousLower
            previousLower = lower
        }
        return count
    }

    /// Whether the text ends on an initialism (`B.C.`, `U.S.`), whose dot does not end a sentence.
    static func endsWithInitialism(_ text: String) -> Bool {
        guard text.hasSuffix("."), case let last = text[(text.lastIndex(of: " ").map { text.index(after: $0) } ?? text.startIndex)...],
            last.count >= 4
        else { return false }
        var expectLetter = true
        for character in last {
            if expectLetter { guard character.isUppercase else { return false } } else { guard character == "." else { return false } }
            expectLetter.toggle()
        }
        return expectLetter
    }

    /// A paragraph that opens with a dateline (`JAKARTA — `, `SEATTLE (AP) — `, `(Reuters) ― `, `THIRUVANANTHAPURAM: `): a lead, not a summary.
    static func opensWithDateline(_ text: String) -> Bool { Patterns.dateline.matches(text) }

    /// Label fields before the title on a headline line (`Leutershausen | Entscheidung über …`,
    /// `Actualités - Video - Violent incendie …`): the kicker (the first that is not a status flag) and the title.
    /// Fields after ` | ` must be short labels; after ` - ` there must be two, or a status flag, so that
    /// "Liverpool - Chelsea" stays one title.
    static func splitKicker(_ text: String) -> (kicker: String?, title: String)? {
        for separator in [" | ", " - "] where holds(text, separator) {
            let fields = components(of: text, separatedBy: separator)
            var labels: [String] = []
            for field in fields.dropLast() {
                let trimmed = field.trimmed()
                guard wordCount(trimmed) <= 3, isLabelShaped(trimmed), !isDateLine(trimmed) else { break }
                labels.append(trimmed)
            }
            guard !labels.isEmpty else { continue }
            let title = fields.dropFirst(labels.count).joined(separator: separator).trimmed()
            guard wordCount(title) >= 3, labels.allSatisfy({ wordCount($0) < wordCount(title) }) else { continue }
            let flags = labels.map { Patterns.flagOnly.matches($0) }
            guard separator == " | " || labels.count >= 2 || flags.contains(true) else { continue }
            let kicker = zip(labels, flags).first { !$0.1 }?.0
            return (kicker, title)
        }
        return nil
    }

    /// A newspaper's name (`Donau Zeitung`, `Most Widely Read Newspaper`), not a section.
    static func isPublicationName(_ text: String) -> Bool { wordCount(text) <= 4 && Patterns.publication.matches(text) }

    /// A label that names a publication rather than a section: a word for a newspaper, a title
    /// such as Times or Post at its end, or an article at its start (`The News`, `Die Zeit`, `Le Monde`).
    static func isPublicationLabel(_ text: String) -> Bool {
        isPublicationName(text) || Patterns.publicationTitle.matches(text)
    }

    /// No letters at all (`×`, `0 839`, `-`), or markup, paths and class names.
    static func isCounterOrMarkup(_ text: String, words: Int? = nil) -> Bool {
        !hasLetter(text) || (words ?? wordCount(text) <= 40 && (Patterns.markup.matches(text) || isClassName(text) || isPath(text)))
    }

    /// A CSS class or file name (`article-body-text`, `- gallery-item-caption`): three or more runs of ASCII
    /// letters and digits joined by single hyphens, possibly after a bullet.
    static func isClassName(_ text: String) -> Bool {
        // No space after a bullet's: a quick look at the bytes rules out running text.
        guard hasByte(text, 0x2D), !hasByte(text, 0x20, from: 4) else { return false }
        var rest = Substring(text)
        if let first = rest.first, "•·*-".contains(first) { rest = rest.dropFirst().drop(while: { $0 == " " }) }
        guard !rest.utf8.contains(0x20) else { return false }
        let runs = rest.split(separator: Character("-"), omittingEmptySubsequences: false)
        return runs.count >= 3 && runs.allSatisfy { run in !run.isEmpty && run.utf8.allSatisfy { isLetterOrNumber(Unicode.Scalar($0)) } }
    }

    /// A path without spaces and with two slashes or more (`/images/2019/photo`).
    static func isPath(_ text: String) -> Bool {
        !hasByte(text, 0x20) && text.utf8.lazy.filter { $0 == 0x2F }.count >= 2 && !text.contains(where: \.isWhitespace)
    }

    /// A row of share buttons (`Facebook Twitter WhatsApp`, `Print | Email`): two or more network names and nothing else.
    static func isShareButtons(_ text: String) -> Bool {
        guard text.utf8.count <= 200, let first = text.utf8.first, "FfTtWwLlPpRrEeXx".utf8.contains(first) else { return false }
        var rest = Substring(text.lowercased())
        var count = 0
        while true {
            rest = rest.drop(while: { $0 == " " || "|,/•·".contains($0) })
            if rest.isEmpty { return count >= 2 }
            guard let name = shareNetworks.first(where: { rest.hasPrefix($0) }) else { return false }
            rest = rest.dropFirst(name.count)
            count += 1
        }
    }
    private static let shareNetworks = ["facebook", "twitter", "whatsapp", "linkedin", "telegram", "pinterest", "reddit", "email", "print", "x"]

    /// A line of dates, times, relative times and publication keywords and nothing else.
    static func isDateLine(_ text: String, words: Int? = nil) -> Bool {
        guard words ?? wordCount(text) <= 16, onlyDateWords(text), Patterns.strongDateWord.matches(text) else { return false }
        return !hasLetter(stripDates(text))
    }

    /// Whether every run of letters is a word a date line can be made of: the regexes of `isDateLine` can
    /// remove no other, so a line with any other word is no date line, decided without them.
    static func onlyDateWords(_ text: String) -> Bool {
        let text = Patterns.url.replace(text)
        // Runs of letters, scalar by scalar; most lines fail on their first word.
        func known(_ run: Substring) -> Bool {
            let word = run.lowercased()
            if Patterns.dateVocabulary.contains(word) { return true }
            // The stems are Cyrillic and Polish: other words need not be compared with them.
            guard let first = word.utf8.first, first >= 0x80 || "smgt".utf8.contains(first) else { return false }
            return Patterns.dateVocabularyStems.contains(where: { word.hasPrefix($0) })
        }
        let scalars = text.unicodeScalars
        var start: String.Index?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if isLetterScalar(scalars[index]) {
                if start == nil { start = index }
            } else if let runStart = start {
                guard known(text[runStart..<index]) else { return false }
                start = nil
            }
            index = scalars.index(after: index)
        }
        return start.map { known(text[$0...]) } ?? true
    }

    /// The text less dates, times, relative times and publication keywords.
    static func stripDates(_ text: String) -> String {
        // A short URL printed with the date (`20 de julio de 2009 https://p.dw.com/p/ItUU`) is metadata too.
        Patterns.dateMaterial.replace(Patterns.relativeTime.replace(Patterns.url.replace(text)))
    }

    /// Lower-cased words of five letters or more: what two passages must share to be about the same thing.
    static func contentWords(_ text: String) -> Set<String> {
        var words = Set<String>()
        forEachContentWord(text) { word in
            words.insert(word)
            return true
        }
        return words
    }

    /// Calls `body` with each lower-cased word of five letters or more, until it returns false.
    static func forEachContentWord(_ text: String, _ body: (String) -> Bool) {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var letters = 0
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if isLetterScalar(scalars[index]) {
                if letters == 0 { start = index }
                letters += 1
            } else {
                if letters >= 5, !body(text[start..<index].lowercased()) { return }
                letters = 0
            }
            index = scalars.index(after: index)
        }
        if letters >= 5 { _ = body(text[start...].lowercased()) }
    }

    /// Splits run-together words at lower-to-upper case changes (`NewsIndia` → `News`, `India`).
    static func splitAtCaseChanges(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        for character in text {
            if character.isUppercase, let last = current.last, last.isLowercase {
                parts.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { parts.append(current) }
        return parts.map { $0.trimmed() }.filter { !$0.isEmpty }
    }

    /// Whether `needle` occurs `atLeast` times, without overlaps, in `haystack`.
    static func occurrences(of needle: [UInt8], in haystack: [UInt8], atLeast wanted: Int) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        var found = 0
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start] == needle[0] && haystack[start..<start + needle.count].elementsEqual(needle) {
                found += 1
                if found >= wanted { return true }
                start += needle.count
            } else {
                start += 1
            }
        }
        return false
    }

    /// Text repeated within one line (`Why trust usWhy trust us Why trust us`): glued link copies.
    /// `whole` is the text's `comparable` form when the caller has it already.
    static func isSelfRepeating(_ text: String, key whole: String? = nil) -> Bool {
        // Six pieces between spaces or more; the key is made of the first three.
        var spaces = 0
        var thirdSpace = text.utf8.endIndex
        for index in text.utf8.indices where text.utf8[index] == 0x20 {
            spaces += 1
            if spaces == 3 { thirdSpace = index }
            if spaces == 5 { break }
        }
        guard spaces >= 5 else { return false }
        let key = comparable(String(text[..<thirdSpace]))
        guard key.count >= 8 else { return false }
        return occurrences(of: Array(key.utf8), in: Array((whole ?? comparable(text)).utf8), atLeast: 2)
    }

    /// Fields separated by pipes or bullets, one of them a date or time (`July 14, 2019 | RK Web News`,
    /// `ANI | Dispur (Assam) | Updated: 29-08-2021 23:16 IST`): a metadata line.
    static func isMetadataLine(_ text: String) -> Bool {
        guard text.unicodeScalars.contains(where: { $0 == "|" || $0 == "•" || $0 == "·" }) else { return false }
        let fields = text.fields(separatedBy: "|•·").map { $0.trimmed() }
            .filter { !$0.isEmpty }
        guard fields.count >= 2, wordCount(text) <= 30 else { return false }
        return fields.contains { isDateLine($0) && hasNumber($0) } && !fields.contains { isProse($0) }
    }

    /// A bare domain name (`UrduPoint.com`): the site's name.
    static func isDomain(_ text: String) -> Bool {
        !hasByte(text, 0x20) && Patterns.domain.matches(text)
    }

    /// Furniture wherever it stands: markup, counters, dates, captions, navigation, prompts, comment forms.
    /// `key` is the text's `comparable` form and `words` its word count when the caller has them already.
    static func isNoise(_ text: String, key: String? = nil, words: Int? = nil) -> Bool {
        let words = words ?? wordCount(text)
        if isCounterOrMarkup(text, words: words) || isDateLine(text, words: words) || isCaption(text, words: words) || isDomain(text)
            || isSelfRepeating(text, key: key)
        {
            return true
        }
        if isMetadataLine(text) { return true }
        if words <= 14, Patterns.furniture.matches(text) || Patterns.comments.matches(text) { return true }
        if words <= 30, !endsLikeSentence(text) || words <= 15, Patterns.inlinePromo.matches(text) { return true }
        if words <= 45, isPrompt(text) || Patterns.cookieWord.matches(text) && Patterns.furniture.matches(text) { return true }
        if words <= 45, isCookieNotice(text) || Patterns.commentPolicy.matches(text) { return true }
        if words <= 20, Patterns.linkPrompt.matches(text) { return true }
        return isPlaceDateLine(text, words: words)
    }

    /// A share, follow, subscribe, newsletter, app or reaction prompt, or a row of share buttons.
    static func isPrompt(_ text: String) -> Bool {
        Patterns.prompts.matches(text) || isShareButtons(text)
    }

    /// A cookie notice in any word order (`…, verwendet diese Seite Cookies.`).
    static func isCookieNotice(_ text: String) -> Bool {
        Patterns.cookieWord.matches(text) && Patterns.cookieUse.matches(text)
    }

    /// A paywall or login prompt: a subscription, login or read-on word addressed to the reader
    /// (`benötigen Sie ein Online-Abonnement`, `unseren Abonnenten vorbehalten`).
    static func isPaywall(_ text: String) -> Bool {
        Patterns.paywallWord.matches(text) && Patterns.readerAddress.matches(text)
    }

    /// A place glued before a date line (`Patna,UPDATED: Dec 12, 2022 11:50 IST`): metadata.
    static func isPlaceDateLine(_ text: String, words: Int? = nil) -> Bool {
        // One or two capitalised words before the first separator: a look at the scalars rules most lines out.
        guard words ?? wordCount(text) <= 16, let first = text.unicodeScalars.first, isUppercaseLetter(first) else { return false }
        let head = text.unicodeScalars.prefix { $0 != "," && $0 != "|" && $0 != "/" && $0 != "·" && $0 != "•" }
        guard head.count < text.unicodeScalars.count, head.count <= 80, head.filter({ $0 == " " }).count <= 2,
            let match = Patterns.placeBeforeDate.firstMatch(text)
        else { return false }
        let rest = String(match[2])
        return hasNumber(rest) && isDateLine(rest)
    }

    /// A line that starts what follows the article.
    static func isEndMarker(_ text: String) -> Bool {
        let words = wordCount(text)
        // A short © credit without a year or a rights clause (`© Provided by The Canadian Press`) belongs to a picture.
        if isPictureCopyright(text) { return false }
        if words <= 40, isPaywall(text) { return true }
        if words <= 14, Patterns.endMarker.matches(text) || Patterns.comments.matches(text) || Patterns.credit.matches(text) { return true }
        if words <= 45, isPrompt(text) { return true }
        return words <= 80 && Patterns.copyright.matches(text)
    }

    /// The headline without status flags, glued dates, counters and read times.
    static func cleanHeadline(_ text: String) -> String {
        var headline = text
        if let split = splitKicker(headline) { headline = split.title }
        // An outlet credited after the title (`… à Paris par BFMTV`).
        if let last = headline.lastIndex(of: " "), let keywordStart = headline[..<last].lastIndex(of: " "),
            creditKeywords.contains(headline[headline.index(after: keywordStart)..<last].lowercased()),
            case let outlet = String(headline[headline.index(after: last)...]), Bylines.isAgency(outlet) || Patterns.outletName.matches(outlet),
            wordCount(headline) >= 5
        {
            headline = String(headline[..<keywordStart])
        }
        for _ in 0..<3 {
            let before = headline
            headline = Patterns.leadingFlag.replace(headline, with: "")
            // A status flag in capitals closed by a stop (`VIDEO. Sit-in di protesta …`).
            if let dot = firstStopAndSpace(in: headline, within: 32), case let flag = headline[..<dot], flag == flag.uppercased(),
                Patterns.flagOnly.matches(String(flag))
            {
                headline = String(headline[headline.index(dot, offsetBy: 2)...])
            }
            // The regexes below are anchored at the end: a last word that is no flag, or no figure near the end, rules them out.
            if Patterns.flagLastWords.contains(lastLetterRun(of: headline).lowercased()) {
                headline = Patterns.trailingFlag.replace(headline, with: "")
            }
            if headline.last?.isNumber == true
                || hasNumber(headline.suffix(24)) && (headline.suffix(16).unicodeScalars.contains(":") || Patterns.readWord.matches(headline))
            {
                let stripped = Patterns.trailingStamp.replace(headline, with: "")
                if wordCount(stripped) >= 2 { headline = stripped }
            }
            headline = headline.trimmed(" |•·-–—")
            if headline == before { break }
        }
        return headline
    }

    /// Where the first `. ` within the first `limit` bytes starts.
    static func firstStopAndSpace(in text: String, within limit: Int) -> String.Index? {
        var previousWasStop = false
        var offset = 0
        for byte in text.utf8.prefix(limit) {
            if previousWasStop && byte == 0x20 { return text.utf8.index(text.utf8.startIndex, offsetBy: offset - 1) }
            previousWasStop = byte == 0x2E
            offset += 1
        }
        return nil
    }

    /// The last run of letters in the text (`video` of `… (Video)`).
    static func lastLetterRun(of text: String) -> String {
        var scalars: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars.reversed() {
            if isLetterScalar(scalar) {
                scalars.append(scalar)
            } else if !scalars.isEmpty {
                break
            }
        }
        var run = String.UnicodeScalarView()
        run.append(contentsOf: scalars.reversed())
        return String(run)
    }

    /// A letter (`Character.isLetter` of a character that starts with it), with a fast path for ASCII.
    @inline(__always)
    static func isLetterScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value) : scalar.properties.isAlphabetic
    }

    /// Words before an outlet credited after a title.
    private static let creditKeywords: Set<String> = ["by", "par", "von", "por", "di", "da", "от"]

    /// Removes the machine date a scraper puts before the first line.
    static func stripLeadingMachineDate(_ text: String) -> String {
        // `dddd-dd…` or a keyword first: a look at the first bytes rules most lines out.
        let head = Array(text.utf8.prefix(5))
        let startsWithYear = head.count == 5 && head[..<4].allSatisfy { (0x30...0x39).contains($0) } && head[4] == 0x2D
        guard startsWithYear || Patterns.machineDateKeyword.matches(text) else { return text }
        return Patterns.machineDate.replace(text, with: "")
    }

    /// The section a label line names, or nil: breadcrumbs give their last crumb that is not the
    /// headline or "Home"; stray separators go; newspaper names, domains and feed tabs are not sections.
    static func sectionLabel(_ text: String, headline: String) -> String? {
        let crumbs = text.fields(separatedBy: "/>›»|").map { $0.trimmed() }
            .filter { !$0.isEmpty && !Patterns.homeCrumb.matches($0) && comparable($0) != comparable(headline) }
        guard let label = crumbs.last else { return nil }
        guard isLabelShaped(label), !isPublicationLabel(label), !isDomain(label), !isFeedTabs(label), !isDateLine(label), !Bylines.isDeskCredit(label)
        else { return nil }
        guard !Patterns.furniture.matches(label), !Patterns.comments.matches(label), !Patterns.prompts.matches(label) else { return nil }
        return label
    }

    /// Several feed tabs run together (`Latest News Editor's Choice`): navigation, not a section.
    static func isFeedTabs(_ text: String) -> Bool {
        let feedWords: Set<String> = [
            "latest", "news", "editor's", "editors'", "editor’s", "choice", "top", "stories", "breaking", "trending", "popular", "featured",
            "home", "main", "more", "today", "headlines", "just", "in", "most", "read", "recent", "new", "picks", "viewed",
        ]
        let words = text.lowercased().split(separator: Character(" ")).map(String.init)
        if words.count >= 3 { return words.allSatisfy { feedWords.contains($0) } }
        // A badge (`Trending`, `Breaking`, `Most Read`): a feed's name, not a section ("News" and "Latest" can be one).
        let badgeWords: Set<String> = ["trending", "breaking", "popular", "featured", "hot", "now", "most", "read", "viewed", "top", "picks"]
        return !words.isEmpty && words.allSatisfy { badgeWords.contains($0) }
    }
}

/// Recognising bylines and the names in them.
enum Bylines {
    /// Desk and staff credits: a newsroom, not a person.
    static let desk = Pattern(
        #"\b(desk|staff|bureau|newsroom|news service|correspondents?|team|redaktion|rédaction|redacción|redazione|редакция|web news)\b"#,
        needs: [
            "desk", "staff", "bureau", "newsroom", "news service", "correspondent", "team", "redaktion", "rédaction", "redacción", "redazione",
            "редакция", "web news",
        ])

    /// `By NAME[, AFFILIATION]`, `Author: NAME`, `par NAME`, `von NAME`, `Publié : DATE par NAME`…
    /// The name must look like a person's (capitalised words, no agency or desk), so "By the end of…"
    /// and "By Thomson Reuters" are not bylines.
    /// `words` is the text's word count when the caller has it already.
    static func explicit(_ text: String, words: Int? = nil) -> (name: String, affiliation: String?)? {
        let words = words ?? Shapes.wordCount(text)
        // `/`, `|`, and the last bytes of `•` and `·` (a superset, which `fields` then settles).
        let hasFields = Shapes.hasByte(text) { $0 == 0x2F || $0 == 0x7C || $0 == 0xA2 || $0 == 0xB7 }
        guard words <= 25, !Shapes.hasByte(text, 0x0A), hasFields || mayStartByline(text), words <= 14 || !Shapes.isProse(text, words: words) else {
            return nil
        }
        if let found = explicitField(text) { return found }
        guard hasFields else { return nil }
        // A metadata line of fields, dates first, then the byline (`Fri, 29 Sep 2023 - 03:10 PM / by NAME`).
        let fields = text.fields(separatedBy: "/|•·").map { $0.trimmed() }
        guard (2...4).contains(fields.count) else { return nil }
        for index in fields.indices.dropFirst() where fields[..<index].allSatisfy({ $0.isEmpty || Shapes.isDateLine($0) }) {
            if let found = explicitField(fields[index]) { return found }
        }
        return nil
    }

    /// One field that is a byline.
    private static func explicitField(_ text: String) -> (name: String, affiliation: String?)? {
        guard mayStartByline(text), let match = explicitPattern.firstMatch(text) else { return nil }
        var rest = String(match[1]).fields(separatedBy: "|•·/").first ?? ""
        rest = cutAtDate(rest).trimmed()
        if rest.hasSuffix(".") { rest = String(rest.dropLast()) }
        let parts = rest.split(separator: Character(","), maxSplits: 1).map { $0.trimmed() }
        guard let first = parts.first, let name = cleanName(first) else { return nil }
        let affiliation = parts.count > 1 && !parts[1].isEmpty && !isAgency(parts[1]) && !Shapes.isDateLine(parts[1]) ? parts[1] : nil
        return (name, affiliation)
    }
    /// Whether `explicitPattern` can match: it starts with a keyword, or with a label of twenty letters or fewer and a colon.
    private static func mayStartByline(_ text: String) -> Bool {
        text.utf8.prefix(96).contains(0x3A) || bylineStarts.begin(text)
    }

    /// The keywords `explicitPattern` can start with.
    private static let bylineStarts = Literals.Starts([
        "by", "par", "von", "por", "door", "written by", "words by", "text", "autor", "author", "auteur", "автор",
    ])
    /// `[Label: DATE ]by NAME` or `Author: NAME` in the languages; group 1 is what follows the keyword.
    static let explicitPattern = Pattern(
        #"^(?:[\p{L} ]{0,20}\s*:\s*[^:]*?\s)?(?:(?:by|par|von|por|door|written by|words by|byline)\s*[:\-–]?\s+"#
            + #"|(?:text|texte|autor(?:/in|in)?|authors?|auteure?|autore|автор)\s*[:\-–]\s*)(.+)$"#,
        needs: ["by", "par", "von", "por", "door", "text", "autor", "author", "auteur", "автор"])

    /// A person's name standing alone between the headline and the body, possibly with a place, a
    /// date, a relative time or an agency glued to it (`Julia Camacho / Sevilla`, `Jack KimReuters`,
    /// `Muhammad Irfan 1 minute ago …`), or an author's initials (`jt`).
    static func standalone(_ text: String) -> String? {
        if text.utf8.count <= 6, Patterns.initials.matches(text), !isAgency(text) { return text }
        // A user name right before a relative time or date (`neo 4 hours ago …`): the author line of a blog theme.
        if let match = handleBeforeTime.firstMatch(text), !isAgency(String(match[1])) { return String(match[1]) }
        guard Shapes.wordCount(text) <= 16, !Shapes.hasByte(text, 0x28), !Shapes.endsLikeSentence(text) else { return nil }
        let base = cutAtDate(String(text.prefix(while: { !"/|•·".contains($0) })))
        guard let name = cleanName(base.trimmed()) else { return nil }
        let words = name.split(separator: Character(" "))
        guard (2...4).contains(words.count), !Shapes.isPublicationName(name) else { return nil }
        return name
    }

    /// A lower-case user name before a relative time; group 1 is the name.
    static let handleBeforeTime = Pattern(
        #"^([\p{Ll}\d_.]{2,20})\s+(?:\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago|just now|yesterday|today)\b"#,
        caseSensitive: true,
        needs: ["ago", "just now", "yesterday", "today"])

    /// The text before the first date, time or relative time (`Muhammad Irfan 1 minute ago …` → `Muhammad Irfan`).
    static func cutAtDate(_ text: String) -> String {
        // `datePart`, as a scan of the word starts (a regex here ran on every byline candidate).
        let scalars = Array(text.unicodeScalars)
        for start in scalars.indices where start == 0 || scalars[start - 1].properties.isWhitespace {
            if startsDate(scalars, at: start) {
                var before = String.UnicodeScalarView()
                before.append(contentsOf: scalars[..<max(0, start - 1)])
                return String(before)
            }
        }
        return text
    }

    /// Whether a date, a time or a relative time starts at `start`: a digit, a month before a figure, a
    /// weekday, a publication keyword, `just now`, `yesterday`, `today`.
    private static func startsDate(_ scalars: [Unicode.Scalar], at start: Int) -> Bool {
        let first = scalars[start]
        if first.isASCII ? (0x30...0x39).contains(first.value) : first.properties.numericType == .decimal { return true }
        // Every word this can match starts with a letter; ASCII words start with one of a few.
        if first.isASCII && !dateInitials.contains(UInt8(first.value) | 0x20) { return false }
        var end = start
        while end < scalars.count, isWordScalar(scalars[end]) { end += 1 }
        guard end - start <= 20 else { return false }
        var word = String.UnicodeScalarView()
        word.append(contentsOf: scalars[start..<end])
        let lower = String(word).lowercased()
        if lower.hasPrefix("yesterday") || lower.hasPrefix("today") || dateKeywords.contains(lower) { return true }
        if ["just", "last", "mis"].contains(lower) {
            var rest = String.UnicodeScalarView()
            rest.append(contentsOf: scalars[start...].prefix(24))
            let head = String(rest).lowercased()
            if head.hasPrefix("just now") { return true }
            for keyword in dateKeywordPhrases where head.hasPrefix(keyword) {
                let after = start + keyword.unicodeScalars.count
                if after >= scalars.count || !isWordScalar(scalars[after]) { return true }
            }
        }
        // A weekday, then `.`, `,`, a space; a month, then `.`, `,`, spaces and a figure.
        var next = end
        if next < scalars.count, scalars[next] == "." { next += 1 }
        if next < scalars.count, scalars[next] == "," { next += 1 }
        guard next < scalars.count, scalars[next].properties.isWhitespace else { return false }
        if weekdayNames.contains(lower) { return true }
        guard monthNames.contains(lower) else { return false }
        while next < scalars.count, scalars[next].properties.isWhitespace { next += 1 }
        return next < scalars.count && scalars[next].properties.numericType == .decimal
    }

    /// A character of a word for `\b` (letters, marks, decimal digits, `_`).
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return Shapes.isLetterOrNumber(scalar) || scalar == "_" }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return properties.isAlphabetic
        }
    }

    /// First letters (ASCII, lower case) of the words `startsDate` looks for.
    private static let dateInitials: Set<UInt8> = Set(
        (Patterns.expansions(Patterns.months + "|" + Patterns.weekdays + "|" + Patterns.timeKeywords) + ["just", "yesterday", "today"])
            .compactMap { $0.utf8.first })
    private static let monthNames = Set(Patterns.expansions(Patterns.months))
    private static let weekdayNames = Set(Patterns.expansions(Patterns.weekdays))
    private static let dateKeywords = Set(Patterns.expansions(Patterns.timeKeywords).filter { !$0.contains(" ") })
    private static let dateKeywordPhrases = Patterns.expansions(Patterns.timeKeywords).filter { $0.contains(" ") }

    /// The name from a wire credit (`Reporting by NAME; Editing by …`, `(Reporting by NAME, writing by …)`).
    static func reportingCredit(_ text: String) -> String? {
        guard let match = reportingPattern.firstMatch(text) else { return nil }
        return cleanName(String(match[1]).trimmed())
    }
    /// A wire credit; group 1 is the first name credited.
    static let reportingPattern = Pattern(
        #"\(?\b(?:(?:additional )?reporting by|with (?:additional )?inputs? from)\s+([^;,()]+?)(?:\s+(?:and|in)\s+[^;,()]*)?(?:[;,()]|$)"#,
        needs: ["reporting", "input"])

    /// Whether a line is a desk or agency credit rather than a person (`Web Desk`, `Reuters`).
    static func isDeskCredit(_ text: String) -> Bool {
        // Trimming separators keeps the words: count them first.
        guard Shapes.wordCount(text) <= 4 else { return false }
        let base = text.trimmed(" |•·-–—")
        return Shapes.wordCount(base) <= 4 && (desk.matches(base) || isAgency(base)) && !Shapes.endsLikeSentence(base)
    }

    /// Whether the text is a news agency's name.
    static func isAgency(_ text: String) -> Bool { agencies.contains(text.trimmed().lowercased()) }

    /// The names `agency` matches, lower case: the check runs on every word of a byline, so it is a set lookup.
    static let agencies: Set<String> = [
        "reuters", "thomson reuters", "associated press", "the associated press", "ap", "afp", "dpa", "efe", "ansa", "ani", "pti", "ians", "uni",
        "apa", "kna", "epd", "sda", "aap", "cna", "vna", "pna", "wam", "spa", "kuna", "ona", "bss", "app", "nna", "irna", "agence france-presse",
        "agence france presse", "xinhua", "tass", "тасс", "ria novosti", "риа новости", "interfax", "интерфакс", "bloomberg", "kyodo", "yonhap",
        "europa press", "anadolu", "anadolu agency", "sputnik", "bernama", "antara", "agencies", "agency", "wire", "wires", "news agencies",
    ]

    /// A person's name from a byline fragment: stray separators, glued counters and a glued or
    /// trailing agency removed; nil when what is left is not one to six capitalised words.
    static func cleanName(_ raw: String) -> String? {
        var words = raw.split(whereSeparator: { $0 == " " }).map(String.init)
        // A name is six words at most; a longer run loses no more than a glued or trailing agency or outlet.
        guard words.count <= 16 else { return nil }
        // Digits glued to the name are counters (`Chrysostomou0192`); a lower-to-upper join glues an agency (`KimReuters`).
        words = words.flatMap { word -> [String] in
            var word = word
            while let last = word.last, last.isNumber { word.removeLast() }
            if let split = camelSplit(word), isAgency(split.1) { return [split.0, split.1] }
            return word.isEmpty ? [] : [word]
        }
        words = words.map { $0.trimmed("|•·-–—:;,") }.filter { !$0.isEmpty }
        guard !isAgency(words.joined(separator: " ")) else { return nil }
        // A trailing agency or capitals dateline is not part of the name.
        while words.count > 1, isAgency(words[words.count - 1]) || isAgency(words.suffix(2).joined(separator: " ")) {
            words.removeLast(isAgency(words.suffix(2).joined(separator: " ")) && words.count > 2 ? 2 : 1)
        }
        // An outlet glued after the name (`Destiny Meilleur Global News`) is not part of it.
        if words.count >= 3, let last = words.last, outletWords.contains(last) {
            words.removeLast(words.count >= 4 ? 2 : 1)
        }
        // Function words capitalised as in a title (`By Land And Sea`) are not part of a name.
        let titleWords: Set<String> = ["The", "And", "Of", "In", "To", "For", "At", "On", "With", "From", "A", "An", "Is", "Are", "Und", "Et"]
        guard !words.contains(where: titleWords.contains) else { return nil }
        let connectors: Set<String> = [
            "and", "und", "et", "y", "e", "и", "&", "de", "van", "von", "der", "den", "da", "al", "bin", "del", "di", "le", "la", "du",
        ]
        guard (1...6).contains(words.count), let first = words.first?.first, first.isUppercase else { return nil }
        let valid = words.allSatisfy { word in
            connectors.contains(word) || (word.first?.isUppercase == true && word.allSatisfy { $0.isLetter || "'’.-".contains($0) })
        }
        let name = words.joined(separator: " ")
        guard valid, !isAgency(name), !desk.matches(name), words.contains(where: { !connectors.contains($0) }) else { return nil }
        guard !Patterns.furniture.matches(name), !Patterns.comments.matches(name), !Shapes.isDateLine(name) else { return nil }
        return name
    }

    /// Last words of an outlet's name (`Global News`, `Daily Herald`), which a byline may run into.
    static let outletWords: Set<String> = [
        "News", "Press", "Times", "Post", "TV", "Radio", "Media", "Online", "Daily", "Herald", "Tribune", "Journal", "Network",
        "Nachrichten", "Zeitung", "Presse", "Actu", "Actualités", "Noticias", "Notizie", "Новости",
    ]

    /// Splits a word at a lower-to-upper case change (`KimReuters` → `Kim`, `Reuters`).
    static func camelSplit(_ word: String) -> (String, String)? {
        guard word.unicodeScalars.dropFirst().contains(where: { $0.properties.isUppercase }) else { return nil }
        let chars = Array(word)
        for index in chars.indices.dropFirst(2) where chars[index].isUppercase && chars[index - 1].isLowercase {
            return (String(chars[..<index]), String(chars[index...]))
        }
        return nil
    }
}

extension Shapes {
    /// A clock time or a relative time (`02:05 PM`, `1 minute ago`): the mark of a metadata line.
    static func hasTimestamp(_ text: String) -> Bool {
        Patterns.relativeTime.matches(text) || Patterns.clockTime.matches(text)
    }
}

extension Patterns {
    /// A comment policy or moderation notice, which can run to a long sentence.
    static let commentPolicy = Pattern(
        #"\bdisable comments\b|\bcomment(ing)? (policy|guidelines)\b|\bcomments (are )?closed\b|"#
            + #"\b(respect|respecter|respetar|rispettare|соблюдайте)\b.{0,30}\b(cgu|terms|guidelines|charte|normas|regole|правила)\b"#,
        needs: ["comment", "respect", "respetar", "rispettare", "соблюдайте"])
    /// A link prompt (`Hier geht es zu allen …`, `Click here …`).
    static let linkPrompt = Pattern(
        #"^(hier geht('s| es) zu|hier (finden|lesen) sie|(click|tap) here\b|cliquez ici|(haz|haga) clic aquí|clicca qui|нажмите здесь)"#,
        needs: ["hier", "click here", "tap here", "cliquez ici", "clic aquí", "clicca qui", "нажмите здесь"])
    /// The word cookie, and what a cookie notice says about it.
    static let cookieWord = Pattern(#"\bcookies?\b"#, needs: ["cookie"])
    /// What a cookie notice says the site does with cookies (checked only where `cookieWord` matched).
    static let cookieUse = Pattern(
        #"\b(use[sd]?|using|accept\w*|consent\w*|policy|settings|experience|verwende\w*|nutz\w*|akzeptier\w*|einwillig\w*|utilis\w*|"#
            + #"usa|usamos|utiliza\w*|acept\w*|utilizz\w*|accett\w*|использ\w*)\b"#)
    /// Words of a paywall or login prompt: subscriptions, logging in, reading on.
    static let paywallWord = Pattern(
        #"\b(subscription|subscribers?|abonnement\w*|abonnent\w*|abonniert\w*|abonné\w*|suscripci\w*|suscriptor\w*|abbonament\w*|"#
            + #"abbonat\w*|подписк\w*|подписчик\w*|log ?in to (continue|read)|loggen sie sich|connectez-vous|inicia sesión|accedi per|"#
            + #"войдите|continue reading|weiterlesen|lire la suite|seguir leyendo|continua a leggere|читать далее|zaloguj się|"#
            + #"авторизуйтеся|авторизуватися|увійдіть|czytaj dalej|читати далі|prenumerat\w*|передплат\w*)\b"#,
        needs: [
            "subscri", "abonn", "suscrip", "suscriptor", "abbonament", "abbonat", "подписк", "подписчик", "log in to", "login to", "loggen sie",
            "connectez-vous", "inicia sesión", "accedi per", "войдите", "continue reading", "weiterlesen", "lire la suite", "seguir leyendo",
            "continua a leggere", "читать далее", "zaloguj", "авторизу", "увійдіть", "czytaj dalej", "читати далі", "prenumerat", "передплат",
        ])
    /// Words that address the reader, or the site speaking of itself.
    static let readerAddress = Pattern(
        #"\b(you|your|sie|ihnen|ihr|ihre|vous|votre|vos|usted|tu|te|lei|voi|vostro|вы|вас|ваш\w*|our|unser\w*|nos|notre|nuestr\w*|nostr\w*|"#
            + #"наш\w*|ty|twój|pan|pani|państwo|nasz\w*|ви|вас|ваш\w*|потрібно|trzeba)\b"#)
    /// A place glued before a date line; group 2 is the date line.
    static let placeBeforeDate = Pattern(
        #"^(\p{Lu}[\p{L}.'-]+(?: \p{Lu}[\p{L}.'-]+)?)\s*[,|/·•]\s*(.+)$"#, caseSensitive: true, needs: [",", "|", "/", "·", "•"])
    /// An outlet's name by its shape: a broadcaster or press word glued to a capitalised name (`BFMTV`, `KissFM`), or a domain.
    static let outletName = Pattern(
        #"^(\p{Lu}[\p{L}\d]*(TV|FM|News|Radio|Press|Info|Media|Online)|[\w-]+\.(com|net|org|fr|de|es|it|ru|uk|ch|at|be|ca|in|info))$"#,
        caseSensitive: true)
    /// An image file name (a slug ending in a date or number) glued to a capitalised word.
    static let gluedSlug = Pattern(#"^[a-z0-9]+(?:[-_][a-z0-9]+)*[-_]?\d{4,}(?=\p{Lu})"#, caseSensitive: true, needs: Patterns.digits)
    /// The header of a feed widget (`Trending Now`, `Most Read`), which sites also drop inside the text.
    static let widgetHeader = Pattern(
        #"^(trending( now)?|most (read|popular|viewed|shared)|popular( now)?|top stories|editor'?s picks?|don'?t miss)$"#,
        needs: ["trending", "most", "popular", "top stories", "editor", "don"])
    /// A URL.
    static let url = Pattern(#"\bhttps?://\S+"#, needs: ["http"])
    /// A source line naming an outlet by its initials (`Noticias de TV: CNN.`, `Fotos: AP`).
    static let sourceLine = Pattern(#"^[\p{L} ]{2,30}:\s*\p{Lu}[\p{Lu}\d&-]{1,7}\.?$"#, caseSensitive: true, needs: [":"], maxWords: 7)
    /// A source tag glued after the last full stop of a paragraph (`… к первым снегопадам.ИА Регнум`); group 2 is the tag.
    static let gluedSourceTag = Pattern(#"^(.*\p{Ll}[.!?…]["»”’]?)(\p{Lu}[\p{L}\d.-]*(?: \p{Lu}[\p{L}\d.-]*){0,2})$"#, caseSensitive: true)
    /// A keyword the scraper writes before its machine date.
    static let machineDateKeyword = Pattern(#"^(date|published|updated|posted)\b"#, startsWith: ["date", "published", "updated", "posted"])
    /// A four-digit year.
    static let year = Pattern(#"\b(19|20)\d{2}\b"#, needs: ["19", "20"])
    /// A rights clause of a copyright line.
    static let rightsClause = Pattern(
        #"\b(rights|rechte|droits|derechos|diritti|права|prawa)\b"#, needs: ["rights", "rechte", "droits", "derechos", "diritti", "права", "prawa"])
    /// A role followed by a person's name closing a short line: a picture's caption.
    static let roleAndName = Pattern(
        #"^(?:\p{Lu}[\p{L}'’-]* ){0,3}(?i:chairman|chairwoman|chair|president|mayor|governor|minister|chief|director|senator|secretary|"#
            + #"commissioner|councillor|councilman|councilwoman|spokesman|spokeswoman|spokesperson|sheriff|superintendent|ceo|coach|judge|"#
            + #"bürgermeister|bürgermeisterin|präsident|präsidentin|vorsitzende|vorsitzender|landrat|landrätin|maire|président|présidente|"#
            + #"ministre|préfet|alcalde|alcaldesa|presidente|ministro|ministra|sindaco|prefetto|мэр|губернатор|министр|президент|глава)"#
            + #"(?: \p{Lu}[\p{L}'’.-]*){2,3}$"#, caseSensitive: true,
        needs: [
            "chair", "president", "mayor", "governor", "minister", "chief", "director", "senator", "secretary", "commissioner", "councillor",
            "councilman", "councilwoman", "spokes", "sheriff", "superintendent", "ceo", "coach", "judge", "bürgermeister", "präsident", "vorsitzende",
            "landrat", "landrätin", "maire", "président", "ministre", "préfet", "alcalde", "presidente", "ministr", "sindaco", "prefetto", "мэр",
            "губернатор", "министр", "президент", "глава",
        ])
    /// A dateline opening a paragraph: capitals place (`JAKARTA — `, `ALCOA, Tenn. (WVLT) - `), `(Reuters) ― `, `KARACHI: `.
    static let dateline = Pattern(
        #"^(\p{Lu}[\p{Lu}'’.-]+(?:[ ,]+\p{Lu}[\p{L}'’.-]*){0,3}\s*(?:\([^()]{1,30}\))?\s*[—–―-]{1,2}\s|\([\p{L} .]{2,30}\)\s*[—–―-]{1,2}\s|"#
            + #"\p{Lu}{3,}(?: \p{Lu}{3,})?:\s)"#, caseSensitive: true,
        needs: ["—", "–", "―", "-", ":"])
    /// A label that is only a status flag (`Video`, `Live`).
    static let flagOnly = Pattern(#"^(\#(flagWords))$"#, needs: Patterns.stems(flagWords), maxWords: 2)
    /// A bare domain name.
    static let domain = Pattern(#"^[\w-]+(\.[\w-]+)*\.[a-z]{2,6}$"#, needs: ["."])
    /// A copyright line.
    static let copyright = Pattern(#"©|\ball rights reserved\b|\bcopyright\b"#, needs: ["©", "rights reserved", "copyright"])
    /// An author's initials in lower case (`jt`).
    static let initials = Pattern(#"^\p{Ll}{2,3}$"#, caseSensitive: true)
    /// A clock time.
    static let clockTime = Pattern(#"\b\d{1,2}:\d{2}\b"#, needs: [":"])
    /// A read time, possibly with a clock time, at the end of a line.
    static let gluedStamp = Pattern(#"\d+\s*(min|minute|minutes|mins)\.?\s+read\b.*$"#, needs: ["read"])
}
