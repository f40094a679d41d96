/// The languages the sentence segmenter has rules for. Each has its own abbreviation lists and sentence-starter
/// words; anything else gets the English rules, which suit most Latin-script text (their abbreviations are
/// the international ones and their decisions rest on capitalisation).
package enum SegmenterLanguage: String, Sendable, CaseIterable {
    case english = "en"
    case german = "de"
    case french = "fr"
    case spanish = "es"
    case italian = "it"
    case russian = "ru"
    case portuguese = "pt"
    case dutch = "nl"

    /// The language of a BCP 47 tag (`de`, `de-AT`, `pt_BR`, `RU`); nil, empty or unknown tags give English.
    package init(tag: String?) {
        guard let tag else {
            self = .english
            return
        }
        let primary = tag.prefix { $0 != "-" && $0 != "_" }.lowercased()
        switch primary {
        case "de", "deu", "ger", "gsw": self = .german
        case "fr", "fra", "fre": self = .french
        case "es", "spa": self = .spanish
        case "it", "ita": self = .italian
        case "ru", "rus": self = .russian
        case "pt", "por": self = .portuguese
        case "nl", "nld", "dut": self = .dutch
        default: self = .english
        }
    }

    /// The rules for this language, built once on first use.
    var rules: SegmenterRules {
        switch self {
        case .english: SegmenterRules.english
        case .german: SegmenterRules.german
        case .french: SegmenterRules.french
        case .spanish: SegmenterRules.spanish
        case .italian: SegmenterRules.italian
        case .russian: SegmenterRules.russian
        case .portuguese: SegmenterRules.portuguese
        case .dutch: SegmenterRules.dutch
        }
    }
}

/// What a word is to the segmenter. A word can be several things at once (`no` is a number abbreviation,
/// `At` a sentence starter and a preposition), so this is a bit set.
struct WordClass: OptionSet, Sendable {
    let rawValue: UInt16

    /// A title or other abbreviation written before a name (`Dr.`, `Mr.`, `Sra.`, `M.`): never ends a sentence.
    static let title = WordClass(rawValue: 1 << 0)
    /// An abbreviation that introduces more of the same sentence (`e.g.`, `z. B.`, `т. е.`, `vs.`): never ends one.
    static let never = WordClass(rawValue: 1 << 1)
    /// An abbreviation written before a number (`No. 5`, `p. 55`, `S. 225`): no boundary before a digit.
    static let numbered = WordClass(rawValue: 1 << 2)
    /// An abbreviation that usually sits inside a sentence (`Inc.`, `Jan.`, `kath.`, `ул.`): it ends one only
    /// when a word that typically opens sentences (a pronoun, article, conjunction) follows.
    static let inner = WordClass(rawValue: 1 << 3)
    /// An abbreviation that usually closes a list (`etc.`, `usw.`, `и т. д.`): ends a sentence before any capital.
    static let closing = WordClass(rawValue: 1 << 4)
    /// `a.m.` / `p.m.`: ends a sentence before a capital unless the time goes on (`10 a.m. ET`, `9 a.m. Monday`).
    static let time = WordClass(rawValue: 1 << 5)
    /// A word that opens sentences far more often than it continues a name or title after an abbreviation:
    /// pronouns, articles, determiners, conjunctions, auxiliaries, question words, common prepositions.
    static let starter = WordClass(rawValue: 1 << 6)
    /// A word that continues a time or date (`Monday`, `October`, `ET`, `GMT`), so `a.m.` before it ends nothing.
    static let continuation = WordClass(rawValue: 1 << 7)
    /// A preposition that can open a sentence with a time phrase (`At 5 a.m. Mr. Smith left.`).
    static let preposition = WordClass(rawValue: 1 << 8)

    /// The classes that make a word an abbreviation (as opposed to a word that only describes what follows).
    static let abbreviation: WordClass = [.title, .never, .numbered, .inner, .closing, .time]
}

/// The language-specific part of segmentation: one word table and a few switches.
struct SegmenterRules: Sendable {
    /// Abbreviations, sentence starters and continuation words, keyed by their case-folded text.
    let words: WordTable
    /// Whether `3. Oktober`, `12. Juni` are ordinals (German): a one- to three-digit number before a full stop
    /// then ends a sentence only when a sentence starter follows.
    let ordinalNumbers: Bool

    /// Builds rules from space-separated word lists; a word may appear in several lists.
    init(ordinalNumbers: Bool = false, _ lists: [(WordClass, String)]) {
        self.words = WordTable(lists)
        self.ordinalNumbers = ordinalNumbers
    }
}

/// A read-only hash set of words with a class per word, looked up straight from UTF-8 bytes without building a
/// String: keys are 64-bit FNV-1a hashes of the case-folded scalars (collisions between ~1,000 words are
/// practically impossible, and a false hit costs at most one missed boundary).
struct WordTable: Sendable {
    private let keys: [UInt64]
    private let values: [UInt16]
    private let mask: Int

    /// Builds the table from space-separated lists; dotted keys (`a.m`, `z.b`) are written without the final stop.
    init(_ lists: [(WordClass, String)]) {
        var entries: [UInt64: WordClass] = [:]
        for (wordClass, list) in lists {
            for word in list.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                var hash = WordHash()
                for scalar in word.unicodeScalars { hash.add(scalar.value) }
                entries[hash.value, default: []].formUnion(wordClass)
            }
        }
        var size = 16
        while size < entries.count * 4 { size *= 2 }
        var keys = [UInt64](repeating: 0, count: size)
        var values = [UInt16](repeating: 0, count: size)
        for (key, value) in entries {
            var slot = Int(truncatingIfNeeded: key) & (size - 1)
            while keys[slot] != 0 { slot = (slot + 1) & (size - 1) }
            keys[slot] = key
            values[slot] = value.rawValue
        }
        self.keys = keys
        self.values = values
        self.mask = size - 1
    }

    /// The class of the word whose folded hash this is (empty when the word is not in the table).
    func lookup(_ hash: UInt64) -> WordClass {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let key = keys[slot]
            if key == hash { return WordClass(rawValue: values[slot]) }
            if key == 0 { return [] }
            slot = (slot + 1) & mask
        }
    }

    /// The class of a word given as a String (for tests and the language detector's callers).
    func lookup(_ word: String) -> WordClass {
        var hash = WordHash()
        for scalar in word.unicodeScalars { hash.add(scalar.value) }
        return lookup(hash.value)
    }
}

/// FNV-1a over case-folded scalar values; the same function hashes table words and text, so `Mr`, `MR` and `mr`
/// (and `Т.Е`, `т.е`) meet in one key.
struct WordHash {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash; never 0, which marks an empty table slot.
    var value: UInt64 { state == 0 ? 1 : state }

    /// Adds one scalar, folded to lower case (ASCII, Latin-1, Cyrillic by arithmetic; the rest by Unicode data).
    @inline(__always)
    mutating func add(_ scalar: UInt32) {
        let folded = scalar < 0x80 ? (scalar &- 0x41 < 26 ? scalar | 0x20 : scalar) : Self.fold(scalar)
        state = (state ^ UInt64(folded)) &* 0x100_0000_01b3
    }

    /// Lower case for matching: cheap ranges first, since abbreviations are short and mostly in these scripts.
    static func fold(_ v: UInt32) -> UInt32 {
        if v < 0x80 { return v >= 0x41 && v <= 0x5A ? v + 0x20 : v }
        if v >= 0xC0 && v <= 0xDE && v != 0xD7 { return v + 0x20 }
        if v >= 0x410 && v <= 0x42F { return v + 0x20 }
        if v >= 0x400 && v <= 0x40F { return v + 0x50 }
        if v == 0x2019 { return 0x27 }
        if (v >= 0xDF && v <= 0xFF) || (v >= 0x430 && v <= 0x45F) { return v }
        guard let scalar = Unicode.Scalar(v), scalar.properties.changesWhenLowercased else { return v }
        return scalar.properties.lowercaseMapping.unicodeScalars.first?.value ?? v
    }
}

// MARK: - Word lists
//
// Lists hold real abbreviations and word classes of each language, never sentences: whether a word ends a
// sentence is decided from its class and from the word that follows. Dotted abbreviations are written without
// their final full stop (`e.g`, `z.b`); ones written with spaces (`z. B.`, `т. д.`) are looked up joined.

extension SegmenterRules {
    /// Words every Latin-script language shares: international company forms, `vs.`, `No.`, `Mt.`, units.
    private static let international: [(WordClass, String)] = [
        // Metric units are written without a stop, so `5 km.` ends a sentence; imperial ones take one before
        // more of the measurement (`5 ft. 3 in.`).
        (.inner, "inc ltd co corp llc plc gmbh mt st jr sr approx ca ft"),
        (.never, "vs e.g i.e cf"),
        (.numbered, "no nr n° nº № fig tel fax ext vol lb lbs oz ft"),
        (.title, "dr prof mr mrs ms"),
        (.closing, "etc"),
    ]

    /// English: titles, postal and calendar abbreviations, a.m./p.m., and the sentence starters.
    static let english = SegmenterRules(
        international + [
            (
                .title,
                """
                mr mrs ms mx messrs mmes dr prof gen gov sen rep rev hon col lt capt sgt maj adm cmdr cpl pvt pres supt
                insp det atty amb brig lieut msgr fr gens reps sens
                """
            ),
            (.never, "e.g i.e cf viz vs v et.al"),
            (
                .numbered,
                "no nos nr n° p pp vol vols fig figs art arts ch chap sec para paras op ed eq ref tel ext approx ca c pg tbsp tsp gal qt"
            ),
            (
                .inner,
                """
                inc ltd co corp llc plc bros al dept est govt intl univ assn ave blvd rd st mt ft jr sr esq jan feb mar apr
                jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri ibid min max misc eds trans esp resp
                yr yrs hr hrs mins sec secs sq ala ariz ark calif colo conn del
                fla ga ind kan kans ky la md mich minn mo mont neb nev okla pa penn tenn va vt wis wyo dak dist nos vol tel
                """
            ),
            (.closing, "etc"),
            (.time, "a.m p.m"),
            (
                .starter,
                """
                i you he she it we they me him them this that these those there here the a an some many most all each
                every both several few no none its his her their our my your but and or so yet nor however meanwhile
                still then now also instead indeed moreover furthermore nevertheless although though while when whenever
                if after before since because as in on at for with by from despite during under according what who whom
                whose why how where which whether is are was were be been do does did can could will would should shall
                has have had may might must not one two three four five six seven eight nine ten last next yes such
                other another more less among once unlike like later earlier today yesterday tomorrow thus hence
                otherwise besides overall similarly finally first second third nobody nothing everyone everything
                someone something
                """
            ),
            (
                .continuation,
                """
                monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
                january february march april may june july august september october november december jan feb mar apr
                jun jul aug sep sept oct nov dec et est edt ct cst cdt mt mst mdt pt pst pdt akst akdt hst gmt utc bst
                cet cest eet eest aest aedt ist jst kst hkt sgt msk eastern central mountain pacific
                """
            ),
            (.preposition, "at by before after until till from since around about on in between beginning starting"),
        ])

    /// German: titles, `z. B.`-style spaced abbreviations, ordinals (`3. Oktober`), and German starters.
    static let german = SegmenterRules(
        ordinalNumbers: true,
        international + [
            (.title, "dr prof med dipl ing dipl.-ing dr.-ing dipl.-kfm hr hrn fr frl mag dres hl st sr"),
            (
                .never,
                """
                z.b d.h u.a o.ä u.ä z.t z.z z.zt s.o s.u v.a u.u bzw vgl ggf evtl i.d.r i.a m.e o.g z.hd u.e a.a.o
                i.e e.g sog bspw insb inkl zzgl bzgl
                """
            ),
            (.numbered, "nr s abs art bd hft kap tel fax ziff zi bl tab abb anm"),
            (
                .inner,
                """
                ca chr jh jhd jhdt jahrh str pl tsd mio mrd kath ev evang gebr dt engl franz ital span lat griech allg bes
                einschl entspr erg gegr gem max min mind röm spez tägl urspr verh vers vorm wiss jan feb mär märz apr jun
                jul aug sep sept okt nov dez mo di mi do sa co inc ltd gmbh nachf abt abschn ausg aufl bearb begr ber
                betr bzgl dgl dipl dir eig einf erw fa geb gegr gez hrsg inh jg jr kfm kgl lfd lt mtl nat
                o.ä orig pers phil pol prot pr rd rel sen soz stellv std stud tech theol u.ä ugs urk usf verf verl
                vorw weibl z.t zit zool
                """
            ),
            (.closing, "usw usf etc u.v.m u.s.w u.ä.m"),
            (
                .starter,
                """
                der die das den dem des ein eine einen einem einer eines er sie es wir ihr ich du man dies diese dieser
                dieses diesen jeder jede jedes alle viele einige aber und oder doch denn sondern auch dann danach deshalb
                daher trotzdem jedoch zudem außerdem als wenn ob weil da dass nachdem bevor während obwohl im in am an
                auf aus bei mit nach von vom zu zum zur für über unter vor seit bis gegen ohne um was wer wie wo wann
                warum welche welcher welches nicht kein keine so nun jetzt hier dort heute gestern mein meine sein seine
                ihre unser unsere damit dabei dafür dazu deswegen somit schließlich zunächst später bereits noch
                """
            ),
            (
                .continuation,
                """
                januar jänner februar märz april mai juni juli august september oktober november dezember montag
                dienstag mittwoch donnerstag freitag samstag sonntag uhr mez mesz utc
                """
            ),
            (.preposition, "am um ab seit bis gegen vor nach"),
        ])

    /// French: `M.`, `Mme`, `Mgr` before names, calendar abbreviations, French starters (with elided `L’`, `D’`).
    static let french = SegmenterRules(
        international + [
            (.title, "m mm mme mmes mlle mlles me mgr dr pr st ste sts stes"),
            (.never, "cf p.ex c.-à-d c.à.d vs"),
            (.numbered, "n no nº p pp art vol ch chap fig tél t"),
            (
                .inner,
                """
                av bd boul env ex janv févr fév avr juil sept oct nov déc lun mar mer jeu ven sam dim cie éd hab inc ltd co
                corp apr j.-c max min fg pl ann coll dir hôp ibid id suiv s.a s.a.r.l sarl bibl
                """
            ),
            (.closing, "etc"),
            (
                .starter,
                """
                le la les l un une des du de d il elle ils elles on nous vous je j ce c cette ces cet mais et ou donc or
                ni car puis ensuite alors pourtant cependant toutefois en dans pour par sur avec selon après avant depuis
                pendant quand si comme lorsque qui que qu quoi où pourquoi comment ne n non oui aujourd y voici voilà
                tout tous toutes chaque plusieurs certains mon ma mes son sa ses leur leurs notre nos votre vos au aux
                ici là enfin aussi même
                """
            ),
            (
                .continuation,
                """
                janvier février mars avril mai juin juillet août septembre octobre novembre décembre lundi mardi mercredi
                jeudi vendredi samedi dimanche
                """
            ),
        ])

    /// Spanish: `Sr.`, `Sra.`, `Lic.`, `EE. UU.`, `p. ej.`, calendar abbreviations, Spanish starters.
    static let spanish = SegmenterRules(
        international + [
            (
                .title,
                """
                sr sra srta sres sras srs dr dra dña dn d lic lda ldo ing arq prof profa excmo excma ilmo ilma mons gral
                cnel tte sto sta fr pbro ud uds vd vds mtro mtra ee ff cc
                """
            ),
            (.never, "p.ej i.e e.g vs cf"),
            (.numbered, "núm n nº no art arts párr párrf pág págs p pp cap vol tel ext fig apdo cra cl av avda nro"),
            (
                .inner,
                """
                ee.uu uu ff.aa cc.oo ene feb mar abr may jun jul ago sep sept set oct nov dic lun mié mie jue vie sáb sab
                dom admón adm admon aprox cía cia ltda s.a s.l dpto depto mín min máx max hs hrs seg tel telf col esq
                ej pág vol ed edit gob pdte secr univ inst avda pje pza urb mt cra
                """
            ),
            (.closing, "etc"),
            (
                .starter,
                """
                el la los las un una unos unas lo yo tú tu él ella ellos ellas nosotros vosotros usted ustedes este esta
                estos estas ese esa esos esas eso esto aquel aquella pero y e o u sin además también entonces luego
                después antes así por para en con de desde según durante cuando si aunque como que qué quién dónde cómo
                cuándo cuál no sí hoy ayer mi mis su sus nuestro nuestra todo todos toda todas cada muchos muchas hay es
                era fue se al del mientras porque pues sobre tras hasta ya
                """
            ),
            (
                .continuation,
                """
                enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre lunes
                martes miércoles jueves viernes sábado domingo
                """
            ),
        ])

    /// Italian: `Sig.`, `Dott.`, `Avv.`, `ad es.`, subject abbreviations (`psicol.`, `econ.`), Italian starters.
    static let italian = SegmenterRules(
        international + [
            (
                .title,
                """
                sig sigg sig.ra sig.na sigra sig.ri dott dott.ssa dr prof prof.ssa avv ing arch geom rag on gen col mons
                pres dir egr gent spett sen dep cav comm mr
                """
            ),
            (.never, "es p.es cfr vs e.g i.e"),
            (.numbered, "n nr num art artt p pag pagg pp cap tel fax vol fig"),
            (
                .inner,
                """
                amm econ az meteor idraul psicol st gen feb mar apr mag giu lug ago set sett ott nov dic lun mer gio
                ven sab dom ca sec spa s.p.a s.r.l srl c.so v.le p.zza ss cit op ibid vd rist ed trad min max soc coop
                uff reg prov naz int dott avv ing geom rag arch
                """
            ),
            (.closing, "ecc etc"),
            (
                .starter,
                """
                il lo la i gli le l un uno una io tu lui lei noi voi loro egli ella esso essa questo questa questi queste
                quello quella quelli quelle ma e ed o però quindi poi dopo prima anche inoltre tuttavia allora infatti in
                con per da di su tra fra secondo durante quando se come che chi cosa dove perché non sì no oggi ieri c
                ci si è era sono ha hanno mi ti ne nel nella nei nelle del della dei delle al alla ai alle dal dalla sul
                sulla ogni tutto tutti molti alcuni mentre benché sebbene
                """
            ),
            (
                .continuation,
                """
                gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre lunedì
                martedì mercoledì giovedì venerdì sabato domenica
                """
            ),
        ])

    /// Russian: `т. е.`, `т. д.`, `г.`, `ул.`, `проф.`, money and units; Cyrillic initials are single letters.
    static let russian = SegmenterRules(
        international + [
            (.title, "проф акад доц тов гр им св ген полк г-н г-жа"),
            (.never, "т.е т.к т.н т.о т.ч и.о напр см ср вкл"),
            (.numbered, "№ ст п пп ч гл рис табл с стр кв д корп оф тел"),
            (
                .inner,
                """
                г гг вв в ул пр пер пл обл респ пгт пос дер с ст тыс млн млрд руб коп дол долл куб кв гр л ч
                мин сек янв фев февр мар апр авг сен сент окт ноя нояб дек пн вт чт пт сб вс англ франц нем лат греч
                рус у.е куб.м кв.м н.э до.н.э канд чл корр ред изд им
                """
            ),
            (.closing, "т.д т.п др проч"),
            (
                .starter,
                """
                я ты он она оно мы вы они это этот эта эти тот та те то и а но однако если когда хотя поэтому потому
                так также тогда затем потом в во на по с со к ко из за о об обо при для до после перед между через без
                не ни да нет вот уже еще ещё лишь только что кто где как почему зачем какой какая какие сколько куда
                откуда все всё весь вся каждый многие некоторые мой моя мои его ее её их наш наша ваш сегодня вчера
                завтра здесь там теперь сейчас впрочем кроме сначала
                """
            ),
            (
                .continuation,
                """
                января февраля марта апреля мая июня июля августа сентября октября ноября декабря
                """
            ),
        ])

    /// Portuguese: titles and starters (detected by the language detector; small but real lists).
    static let portuguese = SegmenterRules(
        international + [
            (.title, "sr sra srta dr dra prof profa eng exmo exma d"),
            (.numbered, "n nº pág págs p art cap vol"),
            (.inner, "av jan fev mar abr mai jun jul ago set out nov dez seg ter qua qui sex sáb dom ltda cia"),
            (.closing, "etc"),
            (
                .starter,
                """
                o a os as um uma uns umas eu tu ele ela nós vós eles elas isso isto este esta esse essa mas e ou porém
                então depois em no na nos nas com para por de do da dos das se quando que como não sim hoje ontem
                também ainda já segundo durante após antes
                """
            ),
        ])

    /// Dutch: titles, `bijv.`, `d.w.z.`, `enz.`, and starters.
    static let dutch = SegmenterRules(
        international + [
            (.title, "dhr mevr mr dr prof ir ing drs mw"),
            (.never, "bijv d.w.z o.a m.b.t i.p.v t.o.v z.g.a vgl"),
            (.numbered, "nr blz art vol"),
            (.inner, "jan feb mrt apr jun jul aug sep sept okt nov dec ca resp"),
            (.closing, "enz etc"),
            (
                .starter,
                """
                de het een ik jij je hij zij wij we ze u dit dat deze die maar en of want dus toen daarna in op met voor
                van bij na als wanneer omdat ook niet geen wat wie waar hoe waarom er
                """
            ),
        ])
}
