import Foundation
import Testing

@testable import VerityCore

@Suite("Reference fact-checks: ClaimReview JSON-LD as fact-checkers publish it")
struct ReferenceFactCheckTests {
    private func feed(_ name: String) throws -> Data { Data(try fixture("matching/feeds/\(name)").utf8) }

    @Test("one object per line, a JSON array and a DataFeed (items wrapping arrays of reviews) are all recognised and read")
    func shapes() throws {
        for (name, count) in [("one-per-line.jsonl", 5), ("array.json", 5), ("datafeed.json", 5)] {
            let data = try feed(name)
            #expect(ImportFormat.detect(data, name: name) == .claimReview, "\(name)")
            let records = ClaimReviewFeed.parse(data)
            let reviews = records.compactMap { try? $0.result.get() }
            #expect(reviews.count == count && records.count == count, "\(name): \(records.map(\.result))")
            #expect(Set(reviews.map(\.url)).count == count)
            #expect(reviews.allSatisfy { !$0.claimReviewed.isEmpty && $0.ratingLabel != nil })
        }
        // The DataFeed's records start on the lines their elements start on.
        let lines = ClaimReviewFeed.parse(try feed("datafeed.json")).map(\.line)
        #expect(lines.first! > 1 && lines == lines.sorted())
        // Article records are still articles.
        #expect(ImportFormat.detect(Data(#"{"body":"A text.","title":"T"}"#.utf8), name: "a.jsonl") == .jsonLines)
        #expect(ImportFormat.detect(Data(#"[{"body":"x"}]"#.utf8), name: "a.json") != .claimReview)
    }

    @Test("every field a desk needs: rating wording and numbers, author as a string or an organisation, claimant, dates, appearances")
    func fields() throws {
        let object: [String: Any] = [
            "@context": "https://schema.org", "@type": "ClaimReview", "url": "https://checks.example/2024/a",
            "claimReviewed": "  Unemployment   fell to 4%  ", "datePublished": "2024-03-08",
            "author": ["@type": "Organization", "name": "Checks Desk", "url": "https://checks.example/"],
            "reviewRating": ["@type": "Rating", "alternateName": "Mostly false", "ratingValue": 2, "bestRating": "5", "worstRating": 1],
            "itemReviewed": [
                "@type": "Claim", "author": ["@type": "Person", "name": "A. Minister"], "datePublished": "2024-03-01",
                "appearance": [["@type": "CreativeWork", "url": "https://news.example/a"], "https://social.example/p/1"],
            ],
            "inLanguage": "en",
        ]
        let review = try ReferenceFactCheck(jsonLD: object)
        #expect(review.claimReviewed == "Unemployment fell to 4%")
        #expect(review.ratingName == "Mostly false" && review.ratingValue == 2 && review.bestRating == 5 && review.worstRating == 1)
        #expect(review.author == "Checks Desk" && review.authorURL == "https://checks.example/")
        #expect(review.claimant == "A. Minister" && review.claimDate == "2024-03-01" && review.datePublished == "2024-03-08")
        #expect(review.appearances == ["https://news.example/a", "https://social.example/p/1"] && review.language == "en")
        var plain = object
        plain["author"] = "Global Fact Review"
        plain["reviewRating"] = ["ratingValue": 1, "bestRating": 5]
        let numeric = try ReferenceFactCheck(jsonLD: plain)
        #expect(numeric.author == "Global Fact Review" && numeric.ratingLabel == "1/5")
    }

    @Test("a bad review names its field; a bad line in a file names its line")
    func errors() throws {
        let base: [String: Any] = [
            "@type": "ClaimReview", "url": "https://checks.example/a", "claimReviewed": "X rose.", "reviewRating": ["alternateName": "True"],
        ]
        for (key, value, path) in [
            ("url", "ftp://checks.example/a" as Any, "url"), ("claimReviewed", "" as Any, "claimReviewed"),
            ("reviewRating", [String: Any]() as Any, "reviewRating"), ("@type", "Article" as Any, "@type"),
            ("datePublished", "last Tuesday" as Any, "datePublished"), ("reviewRating", ["ratingValue": true] as Any, "reviewRating.ratingValue"),
        ] {
            var object = base
            object[key] = value
            #expect(throws: VerityError.self, "\(key)") { try ReferenceFactCheck(jsonLD: object) }
            do {
                _ = try ReferenceFactCheck(jsonLD: object)
            } catch let error as VerityError {
                #expect(error.code == .referenceInvalid && error.fieldErrors.map(\.path) == [path], "\(key): \(error.fieldErrors)")
            }
        }
        let records = ClaimReviewFeed.parse(try feed("bad.jsonl"))
        let failed = records.filter { if case .failure = $0.result { true } else { false } }.map(\.line)
        #expect(failed == [2, 4, 6] && records.count == 6, "\(records.map { ($0.line, $0.result) })")
        // A pretty-printed array with a bad element: the element's own line.
        let text = """
            [
              {"@type": "ClaimReview", "url": "https://a.example/1", "claimReviewed": "A.", "reviewRating": {"alternateName": "True"}},
              {"@type": "ClaimReview",
               "url": "https://a.example/2"}
            ]

            """
        let array = ClaimReviewFeed.parse(Data(text.utf8))
        #expect(array.map(\.line) == [2, 3])
        #expect((try? array[1].result.get()) == nil)
        #expect(ClaimReviewFeed.parse(Data("[{\"@type\": \"ClaimReview\",".utf8)).first.map { (try? $0.result.get()) == nil } == true)
    }
}
