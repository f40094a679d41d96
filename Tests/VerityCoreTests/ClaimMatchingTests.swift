import Foundation
import Testing

@testable import VerityCore

/// Unit tests of claim normalisation and matching, on sentences written for these tests (none is taken from the
/// evaluation set under Fixtures/matching).
@Suite("Claim normalisation")
struct ClaimNormalizationTests {
    private func quantities(_ text: String) -> [ClaimQuantity] { ClaimNormalizer.normalize(text).quantities }

    private func only(_ text: String) throws -> ClaimQuantity {
        let found = quantities(text)
        try #require(found.count == 1, "\(text): \(found)")
        return found[0]
    }

    @Test(
        "per cent written as digits, words, fractions and ratios is one value",
        arguments: [
            ("Five per cent of voters abstained.", 5.0), ("5% of voters abstained.", 5), ("5 percent of voters abstained.", 5),
            ("One in twenty voters abstained.", 5), ("Two-fifths of households rent.", 40), ("Three in five households rent.", 60),
            ("Growth was four-tenths of a per cent.", 0.4), ("Growth was 0.4%.", 0.4), ("Nine in every hundred adults smoke.", 9),
            ("Roughly a quarter of land is forest.", 25), ("Seven point five per cent of GDP.", 7.5), ("Ten and a half per cent.", 10.5),
        ])
    func percentages(text: String, value: Double) throws {
        let quantity = try only(text)
        #expect(quantity.kind == .percent)
        #expect(abs(quantity.value - value) < 0.01, "\(text)")
    }

    @Test(
        "sums of money with symbols, codes, scale words and fractions",
        arguments: [
            ("€2.5bn", 2.5e9, "eur"), ("2.5 billion euros", 2.5e9, "eur"), ("two and a half billion euros", 2.5e9, "eur"),
            ("EUR 2,500 million", 2.5e9, "eur"), ("£40m", 4e7, "gbp"), ("forty million pounds", 4e7, "gbp"),
            ("$1.2 trillion", 1.2e12, "usd"), ("1,200 billion dollars", 1.2e12, "usd"),
            ("three-quarters of a billion dollars", 7.5e8, "usd"), ("half a million euros", 5e5, "eur"),
        ])
    func money(text: String, value: Double, currency: String) throws {
        let quantity = try only("The scheme cost \(text).")
        #expect(quantity.kind == .money)
        #expect(quantity.currency == currency)
        #expect(abs(quantity.value - value) / value < 0.001, "\(text): \(quantity.value)")
    }

    @Test("counts, thousands and the old British billion")
    func counts() throws {
        #expect(try only("Sixty-two thousand jobs went.").value == 62_000)
        #expect(try only("62k jobs went.").value == 62_000)
        #expect(try only("Three hundred and twelve seats.").value == 312)
        #expect(try only("Four thousand million people.").value == 4e9)
        #expect(try only("It has 1,234 members.").value == 1234)
    }

    @Test("multipliers compare with shares: doubled is 200%, halved is 50%, 1.5 times is 150%")
    func multipliers() throws {
        #expect(try only("Rents doubled.").value == 200)
        #expect(try only("Rents have halved.").value == 50)
        #expect(try only("Debt is 1.5 times the size of the economy.").value == 150)
        #expect(try only("Prices rose threefold.").value == 300)
        #expect(ClaimNormalizer.normalize("Rents doubled.").change == 1)
        #expect(ClaimNormalizer.normalize("Rents have halved.").change == -1)
    }

    @Test("units are converted to a base unit so miles match kilometres and minutes match hours")
    func units() throws {
        let km = try only("The tunnel is 16 km long.")
        let miles = try only("The tunnel is ten miles long.")
        #expect(km.kind == .length && miles.kind == .length)
        #expect(ClaimMatcher.agree(km, miles))
        #expect(ClaimMatcher.agree(try only("The wait was 75 minutes."), try only("The wait was an hour and a quarter.")))
        #expect(ClaimMatcher.agree(try only("It covers 30,000 hectares."), try only("It covers 300 square kilometres.")))
        #expect(!ClaimMatcher.agree(try only("The wait was 75 minutes."), try only("The wait was 75 hours.")))
    }

    @Test("hedged numbers get a tolerance; exact counts do not")
    func tolerance() throws {
        #expect(ClaimMatcher.agree(try only("Nearly a third of firms"), try only("31.5% of firms")))
        #expect(!ClaimMatcher.agree(try only("There are 650 MPs."), try only("There are 630 MPs.")))
        #expect(!ClaimMatcher.agree(try only("It grew 4%."), try only("It grew 40%.")))
        #expect(!ClaimMatcher.agree(try only("It cost €4 million."), try only("It cost €4 billion.")))
    }

    @Test("years, decades, centuries, months and rates")
    func periods() {
        let decade = ClaimNormalizer.normalize("Crime peaked in the eighties.")
        #expect(decade.years == [ClaimYearSpan(lower: 1980, upper: 1989)])
        #expect(ClaimNormalizer.normalize("It will be finished in the mid-2030s.").years == [ClaimYearSpan(lower: 2030, upper: 2039)])
        #expect(ClaimNormalizer.normalize("Since the start of the nineteenth century.").years == [ClaimYearSpan(lower: 1800, upper: 1899)])
        #expect(ClaimNormalizer.normalize("Exports fell in March 2021.").months == 1 << 2)
        #expect(ClaimNormalizer.normalize("Output grew in the second half of 2019.").months == 0b1111_1100_0000)
        #expect(ClaimNormalizer.normalize("It costs £5 a week.").ratePeriods == [7])
        #expect(ClaimNormalizer.normalize("It costs £5 every month.").ratePeriods == [30.4375])
        #expect(ClaimNormalizer.normalize("It costs £260 annually.").ratePeriods == [365.25])
        #expect(ClaimNormalizer.normalize("The plant closed within a year.").ratePeriods.isEmpty)
    }

    @Test(
        "capitals, demonyms, nicknames and bloc names resolve to one token",
        arguments: [
            ("Dublin", "ireland"), ("the Irish", "ireland"), ("Danish", "denmark"), ("the Grand Duchy", "luxembourg"),
            ("Holland", "netherlands"), ("Britons", "uk"), ("Kiev", "ukraine"), ("the bloc", "eu"), ("the EU27", "eu"),
            ("the single-currency area", "eurozone"), ("the euro area", "eurozone"), ("the North Atlantic alliance", "nato"),
            ("the Fed", "fed"), ("Threadneedle Street", "boe"), ("Frankfurt", "ecb"), ("Westminster", "ukparl"),
            ("Sweden's central bank", "riksbank"), ("the Commons", "commons"), ("the health service", "nhs"),
        ])
    func aliases(text: String, token: String) {
        let claim = ClaimNormalizer.normalize("\(text) announced the change.")
        #expect(claim.terms.contains { $0.token == token }, "\(text): \(claim.indexText)")
    }

    @Test("a capital also names its country, and a capital city in words is the same city")
    func capitals() {
        let metonym = ClaimNormalizer.normalize("Lisbon raised the minimum wage.")
        #expect(metonym.places == ["portugal"])
        #expect(metonym.tokens(.capital) == ["lisbon"])
        #expect(ClaimNormalizer.normalize("Rents in the Portuguese capital rose.").tokens(.city) == ["lisbon"])
        #expect(ClaimNormalizer.normalize("Rents in Lisbon rose.").tokens(.city) == ["lisbon"])
        #expect(ClaimNormalizer.normalize("Rents in Porto rose.").tokens(.city) == ["porto"])
    }

    @Test("synonyms of the statistics vocabulary merge; their contrasts do not")
    func synonyms() {
        func tokens(_ text: String) -> Set<String> { Set(ClaimNormalizer.normalize(text).terms.map(\.token)) }
        #expect(tokens("the jobless rate") == tokens("unemployment"))
        #expect(tokens("being out of work") == tokens("unemployment"))
        #expect(tokens("physicians") == tokens("doctors"))
        #expect(tokens("under-25s") == tokens("young people"))
        #expect(tokens("government borrowing") == tokens("public debt"))
        #expect(tokens("turnout") != tokens("share of the vote"))
        #expect(tokens("the deficit") != tokens("the debt"))
        #expect(tokens("imports") != tokens("exports"))
        #expect(tokens("youth unemployment") != tokens("unemployment"))
    }

    @Test(
        "directions of change and degree",
        arguments: [
            ("Prices climbed.", 1, 0), ("Prices jumped.", 1, 0), ("Prices went up.", 1, 0), ("Output shrank.", -1, 0),
            ("Output plunged.", -1, 0), ("Sales dipped.", -1, 0), ("It has the highest rate.", 0, 1),
            ("It has the lowest rate.", 0, -1), ("Exports did not rise.", -1, 0),
        ])
    func directions(text: String, change: Int, degree: Int) {
        let claim = ClaimNormalizer.normalize(text)
        #expect(Int(claim.change) == change, "\(text)")
        #expect(Int(claim.degree) == degree, "\(text)")
        #expect(!claim.negated, "\(text)")
    }

    @Test("negations count by parity; a negated comparison is a superlative of the other side")
    func negations() throws {
        #expect(ClaimNormalizer.normalize("Norway does not tax pensions.").negated)
        #expect(ClaimNormalizer.normalize("Norway has banned the sale of petrol cars.").negated)
        #expect(!ClaimNormalizer.normalize("Apart from Malta, no member state has a royal family.").negated)
        #expect(
            ClaimNormalizer.normalize("Apart from Malta, no member state bans divorce.").negated
                == ClaimNormalizer.normalize("Malta is the only member state that bans divorce.").negated)
        let negated = ClaimNormalizer.normalize("No country in Europe has a lower birth rate than Italy.")
        #expect(!negated.negated)
        let comparison = try #require(negated.comparison)
        #expect(comparison.direction == -1)
        #expect(comparison.left == ["italy"])
        let passive = try #require(ClaimNormalizer.normalize("Coal was overtaken by gas in 2015.").comparison)
        #expect(passive.left == ["gas"] && passive.right == ["coal"])
    }

    @Test("attribution wrappers leave no tokens")
    func attribution() {
        let plain = ClaimNormalizer.normalize("Italy's economy grew by 0.7% in 2023.")
        #expect(ClaimNormalizer.normalize("According to the finance minister, Italy's economy grew by 0.7% in 2023.").indexText == plain.indexText)
        #expect(ClaimNormalizer.normalize("Italy's economy grew by 0.7% in 2023, official figures show.").indexText == plain.indexText)
    }

    @Test("the index text is plain lower-case tokens PostgreSQL's simple parser keeps whole")
    func indexText() {
        let claim = ClaimNormalizer.normalize("Über 40% der Bürger — and €3.5bn in 2022/23 — in Côte d'Ivoire's capital!")
        #expect(claim.indexText.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == " " }, "\(claim.indexText)")
        #expect(claim.indexText.contains("eur3p5bn"))
        #expect(claim.indexText.contains("y2022") && claim.indexText.contains("y2023"))
    }

    @Test("the lexicon defines no alias twice with different meanings")
    func lexiconIsConsistent() {
        #expect(ClaimLexicon.shared.duplicates.isEmpty, "\(ClaimLexicon.shared.duplicates)")
    }

    @Test("a normalised claim survives a JSON round trip")
    func codable() throws {
        let claim = ClaimNormalizer.normalize("Youth unemployment in Greece fell below 25% in 2023.")
        let decoded = try JSONDecoder().decode(NormalizedClaim.self, from: JSONEncoder().encode(claim))
        #expect(decoded == claim)
    }
}

@Suite("Claim matching")
struct ClaimMatcherTests {
    private func score(_ a: String, _ b: String) -> Double {
        ClaimMatcher.score(query: ClaimNormalizer.normalize(a), candidate: ClaimNormalizer.normalize(b))
    }

    private static let threshold = ClaimMatcher.checkedBeforeThreshold

    @Test(
        "restatements score above the threshold",
        arguments: [
            ("Danish inflation rose to 3% in 2021.", "Consumer prices in Denmark climbed to three per cent in 2021."),
            ("Youth unemployment in Italy was 22% in 2022.", "In 2022, 22 per cent of young Italians were jobless."),
            ("Turnout at Portugal's 2022 election was 51%.", "Just over half of Portuguese voters cast a ballot in the 2022 election."),
            (
                "Solar overtook coal as Chile's main source of electricity in 2022.",
                "Coal was overtaken by solar power as Chile's largest electricity source in 2022."
            ),
            ("Vienna raised the minimum pension by 10% in 2024.", "Austria increased the minimum pension by ten per cent in 2024."),
            ("Finland does not charge university tuition fees to EU students.", "Finnish universities charge no tuition to students from the EU."),
            ("Ireland spends €400 million a year on school transport.", "Dublin spends four hundred million euros annually on school buses."),
            ("No country in the EU has a higher birth rate than France.", "France has the highest birth rate in the bloc."),
            ("Belgium's public debt is above 100% of GDP.", "Belgian government borrowing exceeds one hundred per cent of national output."),
        ])
    func restatements(original: String, restatement: String) {
        #expect(score(restatement, original) >= Self.threshold, "\(score(restatement, original))")
    }

    @Test(
        "near misses that share every entity and number score below the threshold",
        arguments: [
            ("Danish inflation rose to 3% in 2021.", "Inflation in Denmark fell to 3% in 2021."),  // direction
            ("Danish inflation rose to 3% in 2021.", "Danish inflation rose to 3% in 2022."),  // year
            ("Danish inflation rose to 3% in 2021.", "Swedish inflation rose to 3% in 2021."),  // place
            ("Danish inflation rose to 3% in 2021.", "Danish inflation rose to 30% in 2021."),  // number
            ("Danish inflation rose to 3% in 2021.", "Danish unemployment rose to 3% in 2021."),  // measured quantity
            ("Youth unemployment in Italy was 22% in 2022.", "Italy's unemployment rate was 22% in 2022."),  // population
            ("Youth unemployment in Italy was 22% in 2022.", "Youth employment in Italy was 22% in 2022."),
            ("Turnout at Portugal's 2022 election was 51%.", "The Socialists won 51% of the vote at Portugal's 2022 election."),
            (
                "Solar overtook coal as Chile's main source of electricity in 2022.",
                "Coal overtook solar as Chile's main source of electricity in 2022."
            ),  // roles
            ("Belgium's public debt is above 100% of GDP.", "Belgium's budget deficit is above 100% of GDP."),
            ("Belgium's public debt is above 100% of GDP.", "Belgium's public debt is below 100% of GDP."),
            ("Finland does not charge university tuition fees to EU students.", "Finland charges university tuition fees to EU students."),
            ("Ireland spends €400 million a year on school transport.", "Ireland spends €400 million a month on school transport."),
            ("No country in the EU has a higher birth rate than France.", "France has the lowest birth rate in the EU."),
            ("The ECB raised interest rates in July 2023.", "The Bank of England raised interest rates in July 2023."),
            ("Wind farms supplied a fifth of Spain's electricity in 2020.", "Solar farms supplied a fifth of Spain's electricity in 2020."),
        ])
    func nearMisses(original: String, nearMiss: String) {
        #expect(score(nearMiss, original) < Self.threshold, "\(score(nearMiss, original))")
    }

    @Test("unrelated claims about the same place and year do not match")
    func unrelated() {
        #expect(score("Spain hosted the Davis Cup final in 2019.", "Spain's economy grew by 2% in 2019.") < Self.threshold)
    }

    @Test("a city-level claim is not the national one, and one city is not another")
    func cities() {
        #expect(score("Rents in Munich rose by 6% in 2023.", "Rents in Germany rose by 6% in 2023.") < Self.threshold)
        #expect(score("Rents in Munich rose by 6% in 2023.", "Rents in Hamburg rose by 6% in 2023.") < Self.threshold)
        #expect(score("Rents in Berlin rose by 6% in 2023.", "Rents in the German capital went up six per cent in 2023.") >= Self.threshold)
        #expect(
            score("Berlin raised defence spending to 2% of GDP in 2024.", "Germany lifted military spending to two per cent of output in 2024.")
                >= Self.threshold)
    }

    @Test("ranking puts the restated claim first and above its lexically closer sibling")
    func ranking() {
        let candidates = [
            "Spain's overall unemployment rate fell below 12% in 2023.",
            "Spain's youth unemployment rate fell below 28% in 2023.",
            "Portugal's youth unemployment rate fell below 20% in 2023.",
            "Spain's economy grew by 2.5% in 2023.",
        ].map { ClaimNormalizer.normalize($0) }
        let query = ClaimNormalizer.normalize("In 2023 joblessness among young Spaniards dropped under twenty-eight per cent.")
        let ranked = ClaimMatcher.rank(query: query, candidates: candidates, idf: ClaimTermWeights(documents: candidates))
        #expect(ranked.first?.index == 1)
        #expect(ClaimMatcher.checkedBefore(ranked))
        #expect(ranked.map(\.score) == ranked.map(\.score).sorted(by: >))
    }

    @Test("explanations name the check that failed")
    func explanations() {
        let explanation = ClaimMatcher.explain(
            query: ClaimNormalizer.normalize("Exports to China fell in 2020."), candidate: ClaimNormalizer.normalize("Exports to China rose in 2020.")
        )
        #expect(explanation.penalties.map(\.check) == ["direction"])
        #expect(abs(explanation.score - explanation.lexical * ClaimMatcher.contradiction) < 1e-9)
    }

    @Test("scores stay in 0…1 and an identical claim scores 1")
    func bounds() {
        let text = "Greece's debt-to-GDP ratio fell below 160% in 2024."
        #expect(abs(score(text, text) - 1) < 1e-9)
        #expect(score("", text) == 0)
        #expect(score("", "") == 0)
    }
}
