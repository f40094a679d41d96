import Foundation
import Testing

@testable import VerityCore

func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return try String(contentsOf: url, encoding: .utf8)
}

@Suite("Scraped page extraction")
struct ScrapedPageExtractorTests {
    @Test("the seed article keeps headline, standfirst and body, with section and author as metadata")
    func seedArticle() throws {
        let extracted = try ScrapedPageExtractor.extract(try fixture("seed-article.txt"))
        #expect(extracted.section == "European Union")
        #expect(extracted.content.headline == "World community does not recognise “elections” held by Karabakh separatists")
        #expect(extracted.author == "Mazahir Afandiyev")
        #expect(extracted.authorAffiliation == "Member of the Milli Majlis of the Republic of Azerbaijan")
        #expect(extracted.content.standfirst?.hasPrefix("With a UN mandate") == true)
        #expect(extracted.content.paragraphs.count == 10)
        #expect(extracted.content.paragraphs.first?.hasPrefix("In order to implement the four well-known resolutions") == true)
        #expect(extracted.content.paragraphs.last?.hasPrefix("In general, all peoples") == true)
    }

    @Test("no furniture or teaser text survives in the seed article")
    func seedArticleDropsFurniture() throws {
        let draft = try ArticleDraft(scrapedPage: try fixture("seed-article.txt"))
        for fragment in [
            "Connect with us", "looking for", "Share this article", "You May Also Like", "Zaporizhzhia", "Soft Power", "stone dealer", "Author:",
            "energy security",
        ] {
            #expect(!draft.text.contains(fragment), "found \(fragment)")
        }
    }

    @Test("another site's labels: cookie notice, navigation, 'By' byline, 'Follow us', 'Related'")
    func otherSite() throws {
        let extracted = try ScrapedPageExtractor.extract(try fixture("other-site.txt"))
        #expect(extracted.section == "Politics")
        #expect(extracted.content.headline == "Minister says new bridge “will open by March”")
        #expect(extracted.author == "Jane O'Neill")
        #expect(extracted.authorAffiliation == "Chief Political Correspondent")
        #expect(extracted.content.standfirst == nil)
        #expect(extracted.content.paragraphs.count == 3)
        #expect(extracted.content.paragraphs.allSatisfy { !$0.contains("cookie") && !$0.contains("Bridge delays") && !$0.contains("Follow") })
    }

    @Test(
        "a sentence that starts like a byline or an end marker stays text",
        arguments: [
            "By the end of the year, the government had spent more than it raised in taxes, the audit office said in its report.",
            "Read more carefully, the statute does not allow what the minister claims it allows, according to three lawyers.",
        ])
    func proseIsNotFurniture(_ sentence: String) throws {
        let page =
            "Headline of the story here\n\n\(sentence)\n\nSecond paragraph of the story that is long enough to count as prose for the extractor."
        let extracted = try ScrapedPageExtractor.extract(page)
        #expect(extracted.content.paragraphs.first == sentence)
        #expect(extracted.author == nil)
    }

    @Test("a standfirst credit ('– writes NAME') ending in a full stop is still the standfirst")
    func standfirstWithCredit() throws {
        let page = """
            Headline without a final stop

            A long summary of what follows, written for readers in a hurry and ending with a full stop – writes Ana Lopes.

            The first body paragraph says something that is long enough to be a paragraph of prose in any article.
            """
        let extracted = try ScrapedPageExtractor.extract(page)
        #expect(extracted.content.standfirst?.hasPrefix("A long summary") == true)
        #expect(extracted.content.paragraphs.count == 1)
    }

    @Test("a page with nothing but furniture is an error")
    func onlyFurniture() {
        #expect(throws: VerityError.self) { try ScrapedPageExtractor.extract("Connect with us\n\nMenu\n\nSearch\n") }
    }
}
