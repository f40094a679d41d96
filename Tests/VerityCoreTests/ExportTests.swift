import Foundation
import Testing

@testable import VerityCore

@Suite("Export encoders")
struct ExportTests {
    static func record(exact: String, rating: String?, claimant: String? = "A. Minister", url: String? = "https://news.example/a") -> ExportRecord {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let claimId = UUID()
        let claim = Claim(
            id: claimId, projectId: UUID(), articleId: UUID(),
            target: ClaimTargetRecord(
                range: TextRange(start: 4, end: 4 + exact.unicodeScalars.count, utf16Start: 4, utf16End: 4 + exact.utf16.count), exact: exact,
                prefix: "pre ", suffix: " post", spanOrdinals: [0, 1]),
            status: .verified, metadata: ClaimMetadata(claimant: claimant, claimDate: "2024-03-01", tags: ["economy"]), createdBy: nil,
            createdAt: now,
            updatedAt: now, version: 3)
        let article = ExportArticle(
            id: claim.articleId, externalId: "x1", url: url, title: "Title, with comma", publisher: "Daily", publishedAt: now, language: "en",
            contentHash: String(repeating: "a", count: 64), storedAt: now)
        let verdict = Verdict(
            id: UUID(), claimId: claimId, reviewerId: UUID(), reviewer: "ana", rating: rating ?? "mixed", confidence: 0.5, rationale: "why",
            evidence: [Evidence(url: "https://stats.example/t", title: "Table 1", quote: "2.1%")], createdAt: now, updatedAt: now, version: 1)
        let resolution = rating.map {
            Resolution(
                claimId: claimId, rating: $0, rationale: "Settled: \"quoted\", with commas", verdictIds: [verdict.id], resolvedBy: UUID(),
                createdAt: now, updatedAt: now, version: 1)
        }
        return ExportRecord(claim: claim, article: article, verdicts: [verdict], resolution: resolution)
    }

    static func run(_ format: ExportFormat, _ records: [ExportRecord]) -> String {
        var encoder = ExportEncoder(
            format: format,
            settings: ExportSettings(
                organization: "Desk", reviewURLTemplate: "https://desk.example/checks/{claim}", scale: .standard, total: records.count))
        return encoder.header() + records.map { encoder.record($0) }.joined() + encoder.footer()
    }

    static let records = [
        record(
            exact: "Taxes fell by 3.5% last year, said the minister, pointing to figures that nobody else has been able to find anywhere",
            rating: "mostly-false"),
        record(exact: "Short 👩🏽‍💻 claim", rating: "unverifiable", claimant: nil, url: nil),
        record(exact: "=HYPERLINK(\"http://evil\") and, \"quotes\"\nnewline", rating: "true"),
    ]

    @Test("ClaimReview: every field Google requires, claimReviewed under 75 characters, ratings on the scale")
    func claimReview() throws {
        let output = Self.run(.claimreview, Self.records)
        let reviews = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(reviews.count == 3)
        for review in reviews {
            #expect(review["@context"] as? String == "https://schema.org" && review["@type"] as? String == "ClaimReview")
            let claimReviewed = try #require(review["claimReviewed"] as? String)
            #expect(claimReviewed.count < 75 && !claimReviewed.isEmpty)
            #expect((review["url"] as? String)?.hasPrefix("https://desk.example/checks/") == true)
            #expect((review["author"] as? [String: Any])?["name"] as? String == "Desk")
            #expect(review["datePublished"] as? String == "2023-11-14")
            let rating = try #require(review["reviewRating"] as? [String: Any])
            #expect(rating["alternateName"] is String)
            #expect((review["itemReviewed"] as? [String: Any])?["@type"] as? String == "Claim")
        }
        #expect((reviews[0]["claimReviewed"] as? String)?.hasSuffix("…") == true)
        let ranked = reviews[0]["reviewRating"] as! [String: Any]
        #expect(ranked["ratingValue"] as? Int == 2 && ranked["bestRating"] as? Int == 5 && ranked["worstRating"] as? Int == 1)
        #expect((reviews[1]["reviewRating"] as! [String: Any])["ratingValue"] == nil)
        let item = reviews[0]["itemReviewed"] as! [String: Any]
        #expect((item["author"] as? [String: Any])?["name"] as? String == "A. Minister")
        #expect((item["appearance"] as? [[String: Any]])?.first?["url"] as? String == "https://news.example/a")
        #expect(Self.run(.claimreview, []) == "[\n]\n")
    }

    @Test("JSON written directly matches JSONSerialization byte for byte: quotes, backslashes, controls, slashes, emoji")
    func jsonText() throws {
        var samples = ["", "plain", "quote \" and back\\slash", "line\nbreak\r\ttab\u{08}\u{0C}", "\u{01}\u{1F}\u{7F}", "a/b</script>", "👩🏽‍💻 café"]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab \"\\/\n\t\u{00}\u{1B}é€👩🏽‍💻{}[]:,")
        for _ in 0..<200 {
            samples.append(String((0..<Int.random(in: 0..<20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for sample in samples {
            var json = JSONText()
            json.string(sample)
            let expected = String(decoding: try JSONSerialization.data(withJSONObject: [sample], options: [.withoutEscapingSlashes]), as: UTF8.self)
            #expect("[" + json.text + "]" == expected, "\(sample.debugDescription)")
        }
        // The ClaimReview records equal what a dictionary through JSONSerialization with sorted keys gives.
        for record in Self.records {
            let line = Self.run(.claimreview, [record]).dropFirst(2).dropLast(3)
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            let resorted = String(
                decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
            #expect(String(line) == resorted)
        }
    }

    @Test("W3C: an AnnotationCollection with the W3C context; selectors carry the exact quote and code-point positions")
    func w3c() throws {
        let output = Self.run(.w3c, Self.records)
        let collection = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(collection["@context"] as? String == "http://www.w3.org/ns/anno.jsonld")
        #expect(collection["type"] as? String == "AnnotationCollection" && collection["total"] as? Int == 3)
        let items = try #require((collection["first"] as? [String: Any])?["items"] as? [[String: Any]])
        #expect(items.count == 3)
        for (item, record) in zip(items, Self.records) {
            #expect(item["motivation"] as? String == "assessing")
            let selectors = try #require((item["target"] as? [String: Any])?["selector"] as? [[String: Any]])
            #expect(selectors[0]["type"] as? String == "TextQuoteSelector" && selectors[0]["exact"] as? String == record.claim.target.exact)
            #expect(selectors[1]["type"] as? String == "TextPositionSelector" && selectors[1]["start"] as? Int == record.claim.target.range.start)
            #expect(((item["target"] as? [String: Any])?["state"] as? [String: Any])?["type"] as? String == "TimeState")
            #expect((item["body"] as? [[String: Any]])?.first?["purpose"] as? String == "assessing")
        }
    }

    @Test("FEVER and AVeriTeC use exactly their label sets")
    func labels() throws {
        let fever = Self.run(.fever, Self.records).split(separator: "\n").map {
            try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(fever.map { $0["label"] as! String } == ["REFUTES", "NOT ENOUGH INFO", "SUPPORTS"])
        #expect(fever.map { $0["id"] as! Int } == [0, 1, 2])
        let evidence = fever[0]["evidence"] as! [[[Any]]]
        #expect(evidence[0].count == 2 && evidence[0][0][3] as? Int == 0)
        let averitec = Self.run(.averitec, Self.records).split(separator: "\n").map {
            try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(averitec.map { $0["label"] as! String } == ["Refuted", "Not Enough Evidence", "Supported"])
        #expect(averitec[0]["claim_date"] as? String == "1-3-2024")
        let allowedFever: Set = ["SUPPORTS", "REFUTES", "NOT ENOUGH INFO"]
        let allowedAveritec: Set = ["Supported", "Refuted", "Not Enough Evidence", "Conflicting Evidence/Cherrypicking"]
        for rating in RatingScale.standard.ratings {
            #expect(allowedFever.contains(ExportEncoder.feverLabel(rating, scale: .standard)))
            #expect(allowedAveritec.contains(ExportEncoder.averitecLabel(rating, scale: .standard)))
        }
        #expect(ExportEncoder.averitecLabel(RatingScale.standard.ratings[2], scale: .standard) == "Conflicting Evidence/Cherrypicking")
    }

    @Test("CSV: RFC 4180 quoting, CRLF rows, formula injection neutralised")
    func csv() {
        #expect(
            ExportEncoder.csvRow(["a", "b,c", "say \"hi\"", "line\nbreak", "=1+1", "+x", "-y", "@z", "👩🏽‍💻"])
                == "a,\"b,c\",\"say \"\"hi\"\"\",\"line\nbreak\",'=1+1,'+x,'-y,'@z,👩🏽‍💻\r\n")
        let lines = Self.run(.csv, Self.records)
        #expect(lines.hasPrefix("claim_id,status,article_id,"))
        #expect(lines.contains("'=HYPERLINK"))
    }

    @Test("claims are shortened on a word boundary, under 75 characters")
    func short() {
        let long = String(repeating: "word ", count: 40)
        let short = ExportEncoder.shortClaim(long)
        #expect(short.count < 75 && short.hasSuffix("…"))
        // Cut between words: everything before the ellipsis is whole words.
        #expect(short.dropLast().split(separator: " ").allSatisfy { $0 == "word" })
        #expect(ExportEncoder.shortClaim("A short claim.") == "A short claim.")
    }
}
