import Foundation
import Testing

@testable import VerityCore

/// The scraped-page corpora, each a folder of pages with the values a careful editor extracted
/// (`expected.json`): Fixtures/pages (56 pages from 54 sites, the corpus the extractor was first built on)
/// and Fixtures/pages-2 (59 pages from 58 other sites, which measured how it does on sites it had not seen).
/// Headline, byline, section and standfirst must match exactly after whitespace is normalised; the expected
/// first and last body sentences must occur in the first and last paragraphs (`contains`, because a dateline
/// fused to the lead, "KARACHI: ", may or may not be stripped).
@Suite("Scraped page corpora")
struct ScrapedPageCorpusTests {
    /// One page's expected values.
    struct Expected: Decodable {
        var file: String
        var headline: String?
        var byline: String?
        var section: String?
        var standfirst: String?
        var firstBodySentence: String?
        var lastBodySentence: String?
    }

    /// The fields scored, in the order they are printed.
    static let fields = ["headline", "byline", "section", "standfirst", "first", "last"]
    /// The least share of a corpus's pages each field must get right.
    static let threshold = 0.95

    /// Whitespace runs as one space, trimmed; empty is nil.
    static func normalized(_ text: String?) -> String? {
        guard let text else { return nil }
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.isEmpty ? nil : words
    }

    /// Whether `paragraph` holds `sentence`; a nil sentence expects no paragraph.
    static func holds(_ paragraph: String?, _ sentence: String?) -> Bool {
        guard let sentence = normalized(sentence) else { return paragraph == nil }
        return normalized(paragraph)?.contains(sentence) ?? false
    }

    /// Field name to whether the extraction got it right.
    static func check(_ expected: Expected, _ extracted: ExtractedArticle) -> [String: Bool] {
        [
            "headline": normalized(extracted.content.headline) == normalized(expected.headline),
            "byline": normalized(extracted.author) == normalized(expected.byline),
            "section": normalized(extracted.section) == normalized(expected.section),
            "standfirst": normalized(extracted.content.standfirst) == normalized(expected.standfirst),
            "first": holds(extracted.content.paragraphs.first, expected.firstBodySentence),
            "last": holds(extracted.content.paragraphs.last, expected.lastBodySentence),
        ]
    }

    /// Extracts every page of the corpus in `folder`, prints the per-field accuracy and the misses, and
    /// fails any field below the threshold.
    static func measure(_ folder: String) throws {
        let pages = try JSONDecoder().decode([Expected].self, from: Data(try fixture("\(folder)/expected.json").utf8))
        try #require(!pages.isEmpty)
        var correct: [String: Int] = [:]
        var failures: [String] = []
        for page in pages {
            let results: [String: Bool]
            do {
                results = check(page, try ScrapedPageExtractor.extract(try fixture("\(folder)/\(page.file)")))
            } catch {
                results = Dictionary(uniqueKeysWithValues: fields.map { ($0, false) })
                failures.append("\(page.file): \(error)")
            }
            for field in fields {
                if results[field] == true { correct[field, default: 0] += 1 } else { failures.append("\(page.file): \(field)") }
            }
        }
        let accuracy = Dictionary(uniqueKeysWithValues: fields.map { ($0, Double(correct[$0, default: 0]) / Double(pages.count)) })
        let summary = fields.map { "\($0) \(String(format: "%.1f", accuracy[$0]! * 100)) %" }.joined(separator: ", ")
        print("Scraped page corpus \(folder), \(pages.count) pages: \(summary)")
        if !failures.isEmpty { print("Misses in \(folder): " + failures.joined(separator: "; ")) }
        for field in fields {
            #expect(accuracy[field]! >= threshold, "\(folder) \(field): \(summary)")
        }
    }

    @Test("every field is right on at least 95 % of the first corpus's pages")
    func firstCorpus() throws { try Self.measure("pages") }

    @Test("every field is right on at least 95 % of the second corpus's pages (58 other sites)")
    func secondCorpus() throws { try Self.measure("pages-2") }
}

/// Shapes the corpora have few of, written out so the rules stay general.
@Suite("Scraped page extraction: unseen shapes")
struct ScrapedPageShapeTests {
    @Test("a hard-wrapped plain-text page: wrapped lines are joined back into paragraphs")
    func hardWrapped() throws {
        let page = """
            Storm batters the northern coast

            By John Smith

            The storm made landfall early on Tuesday morning, bringing winds of up to
            150 km/h and heavy rain to the coastal towns, officials said. Thousands of
            homes were left without power as the regional network operator John Smith
            Energy said repairs could take days.

            Emergency services said they had rescued dozens of people from flooded
            houses overnight. Schools in the region will stay closed until Thursday,
            the education ministry announced.
            """
        let extracted = try ScrapedPageExtractor.extract(page)
        #expect(extracted.content.headline == "Storm batters the northern coast")
        #expect(extracted.author == "John Smith")
        #expect(extracted.content.paragraphs.count == 2)
        #expect(extracted.content.paragraphs.first?.hasSuffix("repairs could take days.") == true)
    }

    @Test("timestamps, an inline promotion, a subscribe prompt and a copyright line are furniture in any of the languages")
    func furnitureInOtherLanguages() throws {
        let page = """
            Politik

            Regierung einigt sich auf neuen Haushalt

            von Anna Müller
            Aktualisiert am 12.03.2024, 14:05 Uhr

            Nach wochenlangen Verhandlungen hat sich die Koalition in der Nacht auf einen Haushalt für das kommende Jahr geeinigt.

            Lesen Sie auch: Opposition kritisiert Sparpläne der Regierung

            Der Finanzminister sprach von einem tragfähigen Kompromiss, der Investitionen und Schuldenbremse vereine.

            Abonnieren Sie unseren Newsletter

            © 2024 Beispiel Verlag. Alle Rechte vorbehalten.
            """
        let extracted = try ScrapedPageExtractor.extract(page)
        #expect(extracted.section == "Politik")
        #expect(extracted.content.headline == "Regierung einigt sich auf neuen Haushalt")
        #expect(extracted.author == "Anna Müller")
        #expect(extracted.content.paragraphs.count == 2)
        #expect(extracted.content.paragraphs.allSatisfy { !$0.contains("Lesen Sie") && !$0.contains("©") && !$0.contains("Newsletter") })
    }

    @Test("a kicker on the headline's line, summary bullets, a feed box inside the text and a paywall after it")
    func kickerBulletsBoxAndPaywall() throws {
        let page = """
            Lyon | La ville ouvre trois nouvelles lignes de tramway

            • Les travaux ont duré quatre ans et coûté 600 millions d'euros
            • Les premières rames circuleront dès lundi matin

            La métropole de Lyon a inauguré samedi trois nouvelles lignes de tramway, après quatre années de travaux dans le centre.

            Trending Now

            Les nouvelles lignes de tramway desserviront les quartiers de l'est de la métropole, a précisé la présidente de Lyon.

            Cet article est réservé à nos abonnés. Pour lire la suite, connectez-vous à votre compte.
            """
        let extracted = try ScrapedPageExtractor.extract(page)
        #expect(extracted.section == "Lyon")
        #expect(extracted.content.headline == "La ville ouvre trois nouvelles lignes de tramway")
        #expect(extracted.content.standfirst?.hasPrefix("Les travaux ont duré") == true)
        #expect(extracted.content.standfirst?.hasSuffix("dès lundi matin") == true)
        #expect(extracted.content.paragraphs.count == 2)
        #expect(extracted.content.paragraphs.allSatisfy { !$0.contains("Trending") && !$0.contains("abonnés") })
    }

    @Test("a data sheet, a glued source tag and a reader comment header are not article text")
    func dataSheetSourceTagAndComments() throws {
        let page = """
            Vigili del fuoco salvano due escursionisti sul Monte Rosa

            Scheda
            Data 12/08/2021
            Durata 00:01:45
            Parte 2
            Luogo Aosta

            I vigili del fuoco hanno soccorso nella notte due escursionisti rimasti bloccati a tremila metri di quota sul Monte Rosa.ANSA

            Mario said...
            bravi ragazzi, grazie per il vostro lavoro in montagna ogni giorno
            """
        let extracted = try ScrapedPageExtractor.extract(page)
        #expect(extracted.content.headline == "Vigili del fuoco salvano due escursionisti sul Monte Rosa")
        #expect(extracted.author == nil)
        #expect(extracted.section == nil)
        #expect(extracted.content.paragraphs.count == 1)
        #expect(extracted.content.paragraphs.first?.hasSuffix("sul Monte Rosa.") == true)
    }
}

/// The cheap checks that run before each regex (literals, starts, word counts) are necessary conditions:
/// they must never turn away a text the regex matches.
@Suite("Scraped page patterns")
struct ScrapedPagePatternTests {
    @Test("no pattern's literal check rejects a line of either corpus, in its own letter case or in capitals, that its regex matches")
    func literalChecksAreNecessary() throws {
        let patterns: [Pattern] =
            [
                Patterns.dateMaterial,
                Patterns.strongDateWord,
                Patterns.inlinePromo,
                Patterns.credit,
                Patterns.topicLine,
                Patterns.bracketedPhoto,
                Patterns.closingBracketedPhoto,
                Patterns.photographerCredit,
                Patterns.markup,
                Patterns.readWord,
                Patterns.leadingFlag,
                Patterns.trailingFlag,
                Patterns.trailingStamp,
                Patterns.machineDate,
                Patterns.standfirstCredit,
                Patterns.bylineBeforeDateline,
                Patterns.capitalsLabel,
                Patterns.publication,
                Patterns.publicationTitle,
                Patterns.honorific,
                Patterns.homeCrumb,
                Patterns.commentPolicy,
                Patterns.linkPrompt,
                Patterns.cookieWord,
                Patterns.cookieUse,
                Patterns.paywallWord,
                Patterns.readerAddress,
                Patterns.placeBeforeDate,
                Patterns.outletName,
                Patterns.gluedSlug,
                Patterns.widgetHeader,
                Patterns.url,
                Patterns.sourceLine,
                Patterns.gluedSourceTag,
                Patterns.machineDateKeyword,
                Patterns.year,
                Patterns.rightsClause,
                Patterns.roleAndName,
                Patterns.dateline,
                Patterns.flagOnly,
                Patterns.domain,
                Patterns.copyright,
                Patterns.initials,
                Patterns.clockTime,
                Patterns.gluedStamp,
                Bylines.desk,
                Bylines.explicitPattern,
                Bylines.handleBeforeTime,
                Bylines.reportingPattern,
            ]
            + [Patterns.relativeTime, Patterns.furniture, Patterns.comments, Patterns.prompts, Patterns.endMarker, Patterns.caption].flatMap(
                \.patterns)
        var texts: [String] = []
        for folder in ["pages", "pages-2"] {
            let pages = try JSONDecoder().decode([ScrapedPageCorpusTests.Expected].self, from: Data(try fixture("\(folder)/expected.json").utf8))
            for page in pages {
                for unit in PageUnits.split(try fixture("\(folder)/\(page.file)")) { texts += [unit, unit.uppercased()] }
            }
        }
        var misses: [String] = []
        for pattern in patterns {
            for text in texts where pattern.matches(text) != pattern.matchesWithoutLiterals(text) {
                misses.append("\(pattern.regex.pattern.prefix(40)): \(text.prefix(60))")
            }
        }
        #expect(misses.isEmpty, "\(misses.prefix(10))")
    }
}
