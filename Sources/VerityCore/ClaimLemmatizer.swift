/// A light English stemmer for claim matching: inflections only (plural, third person, past, present participle),
/// with a table of irregular forms. It strips no derivational suffix, so "general" and "generate", "election" and
/// "electric" stay apart (Porter's stemmer would merge the first pair); word families the matcher must merge
/// ("unemployment", "jobless", "out of work") are merged by the lexicon instead.
///
/// The output is a stem, not a word: a final "e" and a doubled final consonant are removed from every form, so
/// "rise", "rises", "rising" and "rose" all give "ris", and "stop", "stopped" give "stop". Only consistency
/// matters, because both sides of a comparison (and the PostgreSQL index) go through the same function.
package enum ClaimLemmatizer {
    /// The stem of a lower-case ASCII word. American spellings are folded into British ones first ("organize" →
    /// "organise", "labor" → "labour", "analyze" → "analyse"), so both give one stem.
    package static func stem(_ word: String) -> String {
        if let known = known[word] { return known }
        var w = Array(word.utf8)
        guard w.count > 3, w.allSatisfy(isLetter) else { return finish(w) }
        britishSpelling(&w)
        if w.count != word.utf8.count || american[word] != nil, let known = known[String(decoding: w, as: UTF8.self)] { return known }
        if w.hasSuffix("ies"), w.count > 4 {
            w.removeLast(3)
            w.append(UInt8(ascii: "y"))
            return finish(w)
        }
        if w.hasSuffix("s"), !w.hasSuffix("ss"), !w.hasSuffix("us"), !w.hasSuffix("is") {
            w.removeLast()
            return finish(w)
        }
        if w.hasSuffix("ied"), w.count > 4 {
            w.removeLast(3)
            w.append(UInt8(ascii: "y"))
            return finish(w)
        }
        if w.hasSuffix("ed"), !w.hasSuffix("eed") {
            let stem = Array(w.dropLast(2))
            if stem.count >= 2, stem.contains(where: isVowel) { return finish(stem) }
            return finish(w)
        }
        if w.hasSuffix("ing") {
            let stem = Array(w.dropLast(3))
            if stem.count >= 3, stem.contains(where: isVowel) { return finish(stem) }
        }
        return finish(w)
    }

    /// Folds American spellings into British ones in place: "-ize/-yze" (with at least three letters before them)
    /// become "-ise/-yse" in every inflection and derivation ("organizations", "analyzed"), and a table covers the
    /// "-or/-our", "-er/-re", "-se/-ce" and other word-specific differences.
    private static func britishSpelling(_ w: inout [UInt8]) {
        if let british = american[String(decoding: w, as: UTF8.self)] {
            w = Array(british.utf8)
            return
        }
        // "iz"/"yz" followed by e, i or a: organize, organizing, organization; not "size", "prize", "seize", "citizen".
        var k = 3
        while k + 2 < w.count {
            if w[k + 1] == UInt8(ascii: "z"), w[k] == UInt8(ascii: "i") || w[k] == UInt8(ascii: "y"),
                w[k + 2] == UInt8(ascii: "e") || w[k + 2] == UInt8(ascii: "i") || w[k + 2] == UInt8(ascii: "a")
            {
                let rest = w[(k + 2)...]
                if rest.starts(with: Array("en".utf8)) { return }  // citizen, denizen
                w[k + 1] = UInt8(ascii: "s")
                return
            }
            k += 1
        }
        // Words whose American stem differs only by a table entry ("labor" in "laborers", "color" in "colored").
        for (us, uk) in americanPrefixes where w.count >= us.count && w.starts(with: us) {
            w.replaceSubrange(0..<us.count, with: uk)
            return
        }
    }

    /// American word forms that the "-ize" rule does not cover, to their British forms.
    private static let american: [String: String] = {
        var table: [String: String] = [:]
        for (us, uk) in [
            ("center", "centre"), ("centers", "centres"), ("centered", "centred"), ("theater", "theatre"), ("theaters", "theatres"),
            ("meter", "metre"), ("meters", "metres"), ("liter", "litre"), ("liters", "litres"), ("fiber", "fibre"),
            ("defense", "defence"), ("offense", "offence"), ("offenses", "offences"), ("license", "licence"), ("licenses", "licences"),
            ("gray", "grey"), ("aluminum", "aluminium"), ("catalog", "catalogue"), ("enrollment", "enrolment"),
            ("enrollments", "enrolments"), ("fulfill", "fulfil"), ("fulfills", "fulfils"), ("installment", "instalment"),
            ("skeptical", "sceptical"), ("skeptic", "sceptic"), ("skeptics", "sceptics"), ("pediatric", "paediatric"),
            ("pediatrician", "paediatrician"), ("anemia", "anaemia"), ("mold", "mould"), ("plow", "plough"), ("maneuver", "manoeuvre"),
            ("jewelry", "jewellery"), ("cozy", "cosy"), ("mustache", "moustache"), ("tumor", "tumour"), ("tumors", "tumours"),
            ("program", "programme"), ("programs", "programmes"), ("favorite", "favourite"), ("favorites", "favourites"),
            ("fetus", "foetus"), ("estrogen", "oestrogen"), ("diarrhea", "diarrhoea"), ("hemorrhage", "haemorrhage"),
            ("esophagus", "oesophagus"), ("orthopedic", "orthopaedic"), ("encyclopedia", "encyclopaedia"), ("tire", "tyre"),
            ("tires", "tyres"), ("pajamas", "pyjamas"), ("sulfur", "sulphur"),
            ("sulfate", "sulphate"), ("traveler", "traveller"), ("travelers", "travellers"), ("traveled", "travelled"),
            ("traveling", "travelling"), ("canceled", "cancelled"), ("canceling", "cancelling"), ("labeled", "labelled"),
            ("modeling", "modelling"), ("fueled", "fuelled"), ("signaled", "signalled"), ("totaled", "totalled"),
            ("totaling", "totalling"), ("counselor", "counsellor"), ("jeweler", "jeweller"), ("woolen", "woollen"),
        ] {
            table[us] = uk
        }
        return table
    }()

    /// American stems that start longer words ("labor" in "laborers", "neighbor" in "neighborhoods").
    private static let americanPrefixes: [([UInt8], [UInt8])] = [
        ("labor", "labour"), ("color", "colour"), ("favor", "favour"), ("honor", "honour"), ("behavior", "behaviour"),
        ("neighbor", "neighbour"), ("harbor", "harbour"), ("rumor", "rumour"), ("vapor", "vapour"), ("flavor", "flavour"),
        ("humor", "humour"), ("endeavor", "endeavour"), ("savor", "savour"), ("armor", "armour"), ("vigor", "vigour"),
        ("odor", "odour"), ("parlor", "parlour"), ("valor", "valour"), ("rigor", "rigour"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// A derivational root of a stem, for partial credit between words no table relates: "routinely" / "routine",
    /// "childhood" / "child", "attendance" / "attended", "effectiveness" / "effective", "punctuality" / "punctual",
    /// "regulation" / "regulated". Up to two suffixes are removed, never below four letters, and never a prefix, so
    /// "unemployed" and "employed" keep apart. Agent nouns keep their "-er/-or/-ee/-ist" ("employer" / "employee").
    package static func root(_ stem: String) -> String {
        var w = Array(stem.utf8)
        guard w.count > 4, w.allSatisfy(isLetter) else { return stem }
        for _ in 0..<2 {
            var stripped = false
            for suffix in derivationalSuffixes where w.count - suffix.count >= 4 && w.hasSuffix(suffix) {
                w.removeLast(suffix.count)
                stripped = true
                break
            }
            if !stripped { break }
        }
        if w.last == UInt8(ascii: "i") { w[w.count - 1] = UInt8(ascii: "y") }  // happi(ness) / happy
        if w.count > 4, w.last == UInt8(ascii: "y") { w.removeLast() }
        if w.count > 4, w.last == UInt8(ascii: "e") { w.removeLast() }
        return String(decoding: w, as: UTF8.self)
    }

    /// Derivational suffixes as they end stems (a final "e" already dropped: "-ance" is "anc"), longest first.
    private static let derivationalSuffixes: [[UInt8]] = [
        "isation", "ication", "ational", "iveness", "fulness", "ousness", "ation", "ition", "ement", "ingly", "ively", "ality",
        "ility", "ically", "iness", "ment", "ness", "ship", "hood", "ical", "ally", "ance", "ence", "ancy", "ency", "ious", "ial", "ion", "ity",
        "ism", "ive", "ous", "ful", "abl", "ibl", "ary", "ily", "ify", "anc", "enc", "al", "ic", "ly",
        "is", "at",
    ].map { Array($0.utf8) }

    /// Drops a final "e" and undoubles a final consonant pair, the two normalisations applied to every stem.
    private static func finish(_ input: [UInt8]) -> String {
        var w = input
        if w.count > 2, w.last == UInt8(ascii: "e"), w[w.count - 2] != UInt8(ascii: "e"), w.allSatisfy(isLetter) { w.removeLast() }
        if w.count > 3, let last = w.last, w[w.count - 2] == last, !isVowel(last), last != UInt8(ascii: "s"),
            last != UInt8(ascii: "z"), last != UInt8(ascii: "l") || w.count >= 6
        {
            w.removeLast()
        }
        return String(decoding: w, as: UTF8.self)
    }

    private static func isLetter(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }
    private static func isVowel(_ c: UInt8) -> Bool {
        c == 97 || c == 101 || c == 105 || c == 111 || c == 117 || c == 121
    }

    /// Invariant words and finished irregular forms in one table, so a word costs one lookup.
    private static let known: [String: String] = {
        var table = invariant
        for (form, base) in irregular where table[form] == nil { table[form] = invariant[base] ?? finish(Array(base.utf8)) }
        return table
    }()

    /// Words the suffix rules would damage, kept as they are.
    private static let invariant: [String: String] = {
        var table: [String: String] = [:]
        for word in [
            "news", "series", "species", "means", "always", "perhaps", "whereas", "towards", "afterwards", "lens",
            "thus", "bias", "canvas", "atlas", "alias", "chaos", "ethos", "gas", "bus", "economics", "politics",
            "physics", "mathematics", "statistics", "maths", "athletics", "diabetes", "measles", "mumps", "rabies",
            "herpes", "aids", "covid", "netherlands", "philippines", "wales", "brussels", "athens", "paris",
            "lords", "commons", "emirates", "during", "nothing", "something", "anything",
            "everything", "morning", "evening", "ceiling", "spring", "string", "thing", "king", "ring", "wing",
            "bring", "sing", "sting", "swing", "bed", "red", "shed", "need", "speed", "seed", "feed", "hundred",
            "united", "voted", "developing", "recorded", "training", "care", "note", "fare", "wine", "plane", "site", "cute", "hope",
            "cope", "huge", "theme", "tone", "scare", "hate", "fate", "ride", "tape", "pine", "bane", "dame", "robe", "use", "heating", "trained",
            "goods", "finn", "kindred", "sacred", "naked", "wicked", "wretched", "rugged",
            "ragged", "beloved",
        ] {
            table[word] = word
        }
        return table
    }()

    /// Irregular inflections mapped to their base form (which is then finished like any other stem).
    private static let irregular: [String: String] = [
        "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "grew": "grow", "grown": "grow",
        "shrank": "shrink", "shrunk": "shrink", "shrunken": "shrink", "sank": "sink", "sunk": "sink", "won": "win",
        "lost": "lose", "paid": "pay", "made": "make", "took": "take", "taken": "take", "gave": "give", "given": "give",
        "spent": "spend", "brought": "bring", "bought": "buy", "sold": "sell", "held": "hold", "left": "leave",
        "met": "meet", "ran": "run", "began": "begin", "begun": "begin", "became": "become", "came": "come",
        "went": "go", "gone": "go", "goes": "go", "saw": "see", "seen": "see", "drove": "drive", "driven": "drive",
        "kept": "keep", "led": "lead", "meant": "mean", "built": "build", "struck": "strike", "stood": "stand",
        "sent": "send", "fought": "fight", "taught": "teach", "thought": "think", "told": "tell", "said": "say",
        "says": "say", "found": "find", "got": "get", "gotten": "get", "had": "have", "has": "have", "having": "have",
        "is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "being": "be", "am": "be", "did": "do",
        "does": "do", "done": "do", "doing": "do", "children": "child", "women": "woman", "men": "man",
        "people": "person", "peoples": "person", "persons": "person", "feet": "foot", "teeth": "tooth",
        "mice": "mouse", "geese": "goose", "data": "data", "criteria": "criterion", "phenomena": "phenomenon",
        "analyses": "analysis", "crises": "crisis", "bases": "base", "theses": "thesis",
        "wives": "wife", "knives": "knife", "halves": "half", "shelves": "shelf", "thieves": "thief",
        "leaves": "leave", "wolves": "wolf", "calves": "calf", "loaves": "loaf", "selves": "self", "dying": "die",
        "died": "die", "dies": "die", "lying": "lie", "tying": "tie", "flew": "fly", "flown": "fly",
        "wrote": "write", "written": "write", "spoke": "speak", "spoken": "speak", "chose": "choose",
        "chosen": "choose", "froze": "freeze", "frozen": "freeze", "broke": "break", "broken": "break",
        "ate": "eat", "eaten": "eat", "drew": "draw", "drawn": "draw", "knew": "know", "known": "know",
        "threw": "throw", "thrown": "throw", "hid": "hide", "hidden": "hide", "bore": "bear", "borne": "bear",
        "born": "bear", "swore": "swear", "sworn": "swear", "wore": "wear", "worn": "wear", "tore": "tear",
        "torn": "tear", "beat": "beat", "beaten": "beat", "forgot": "forget", "forgotten": "forget",
        "overtook": "overtake", "overtaken": "overtake", "undertook": "undertake", "undertaken": "undertake",
        "withdrew": "withdraw", "withdrawn": "withdraw", "arose": "arise", "arisen": "arise", "slid": "slide",
        "fed": "feed", "bred": "breed", "fled": "flee", "sped": "speed", "dealt": "deal", "felt": "feel",
        "slept": "sleep", "swept": "sweep", "wept": "weep", "lent": "lend", "bent": "bend", "heard": "hear",
        "sought": "seek", "caught": "catch", "understood": "understand", "forbade": "forbid",
        "forbidden": "forbid", "outdid": "outdo", "outdone": "outdo", "agreed": "agree", "freed": "free",
        "guaranteed": "guarantee", "exceeded": "exceed", "proceeded": "proceed", "succeeded": "succeed",
        "indices": "index", "matrices": "matrix", "media": "media", "euros": "euro", "potatoes": "potato",
        "heroes": "hero", "tomatoes": "tomato", "echoes": "echo", "vetoes": "veto", "ours": "our",
        "economies": "economy", "notes": "note", "noted": "note", "noting": "note", "fares": "fare", "wines": "wine", "planes": "plane",
        "sites": "site", "hopes": "hope", "hoped": "hope", "hoping": "hope", "copes": "cope", "coped": "cope", "coping": "cope",
        "themes": "theme", "tones": "tone", "scared": "scare", "scares": "scare", "hated": "hate", "hates": "hate", "rides": "ride",
        "riding": "ride", "tapes": "tape", "taped": "tape", "uses": "use", "finns": "finn", "used": "use", "using": "use", "companies": "company",
        "countries": "country",
    ]
}

extension Array where Element == UInt8 {
    fileprivate func hasSuffix(_ suffix: [UInt8]) -> Bool {
        guard count >= suffix.count else { return false }
        return self[(count - suffix.count)...].elementsEqual(suffix)
    }

    fileprivate func hasSuffix(_ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard count >= n else { return false }
        let start = suffix.utf8Start
        var k = 0
        while k < n {
            if self[count - n + k] != start[k] { return false }
            k += 1
        }
        return true
    }
}
