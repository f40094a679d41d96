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
            evidence: [
                Evidence(url: "https://stats.example/t", title: "Table 1", quote: "2.1%"),
                {
                    // A cited sentence pair of the article, as VerdictService fills it in.
                    var span = Evidence(articleId: claim.articleId, start: 0, end: 10)
                    span.spanOrdinals = [0, 1]
                    span.revision = 1
                    return span
                }(),
                Evidence(
                    question: "What did the statistics office publish?",
                    answers: [
                        EvidenceAnswer(answer: "A fall of 2.1%", answerType: "extractive", url: "https://stats.example/t", sourceMedium: "Web table")
                    ]),
            ], createdAt: now, updatedAt: now, version: 1)
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

    @Test("timestamps are written digit by digit exactly as before: microseconds, seconds, days, padding, far years")
    func timestamps() {
        let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
        #expect(Timestamp.microseconds(date) == "2023-11-14T22:13:20.123456Z")
        #expect(Timestamp.microseconds(date, separator: " ", zone: "+00") == "2023-11-14 22:13:20.123456+00")
        #expect(Timestamp.seconds(date) == "2023-11-14T22:13:20Z")
        #expect(Timestamp.day(Date(timeIntervalSince1970: 0)) == "1970-01-01")
        #expect(Timestamp.microseconds(Date(timeIntervalSince1970: -62_135_596_800)) == "0001-01-01T00:00:00.000000Z")
        #expect(Timestamp.microseconds(Date(timeIntervalSince1970: 1_600_000_000.9999999)) == "2020-09-13T12:26:41.000000Z")
        #expect(Timestamp.day(Date(timeIntervalSince1970: 253_402_300_800)) == "10000-01-01")
    }

    @Test("values assembled at run time (the CLI's --json) come out as JSONSerialization with sorted keys writes them")
    func jsonValues() throws {
        let object: [String: Any] = [
            "imported": 3, "dryRun": false, "articles": ["a", "b/c"], "reanchored": ["moved": 2] as [String: Int], "ratio": 0.25,
            "errors": [["file": "x.jsonl", "path": "line 2", "message": "bad \"date\""]], "nothing": NSNull(), "big": Int64(1) << 40,
        ]
        var json = JSONWriter()
        json.value(object)
        let expected = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        #expect(String(decoding: json.take(), as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test("the jsonl archive's claim lines, written directly, are byte for byte what JSONEncoder with sorted keys writes")
    func archiveLinesMatchEncoder() throws {
        for (index, base) in Self.records.enumerated() {
            var record = base
            if index == 0 {
                // The first claim of an article carries its text, spans and full metadata.
                record.article = record.article.withContent(
                    text: "pre Taxes fell \"a lot\"\n\nSecond paragraph 👩🏽‍💻.",
                    spans: [
                        ArchiveSpan(ordinal: 0, block: "title", paragraph: nil, range: TextRange(start: 0, end: 3, utf16Start: 0, utf16End: 3)),
                        ArchiveSpan(ordinal: 1, block: "paragraph", paragraph: 0, range: TextRange(start: 4, end: 20, utf16Start: 4, utf16End: 20)),
                    ], section: "Économie", standfirst: nil, author: "A. Writer", authorAffiliation: nil)
                record.verdicts[0].independentRating = nil
                record.verdicts[0].confidence = 0.125
            } else {
                record.verdicts[0].independentRating = "mixed"
                record.verdicts[0].confidence = nil
                record.verdicts[0].evidence.append(
                    Evidence(
                        question: "Q?",
                        answers: [EvidenceAnswer(answer: "yes", answerType: "boolean", url: "https://a.example/x", booleanExplanation: "It did.")]))
            }
            if index == 2 { record.resolution?.rationale = nil }
            record.claim.anchoring = ClaimAnchoring(state: index == 1 ? .orphaned : .anchored, score: index == 1 ? 0.75 : nil, revision: 1)
            let claim = ArchiveClaim(
                record.claim, article: record.article, creator: "ana", verdicts: record.verdicts, resolution: record.resolution, resolver: "ed")
            let expected = String(decoding: try ProjectArchive.encoder.encode(claim), as: UTF8.self)
            #expect(ProjectArchive.line(claim) == expected)
        }
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
            var json = JSONWriter()
            json.beginArray()
            json.string(sample)
            json.endArray()
            let expected = String(decoding: try JSONSerialization.data(withJSONObject: [sample], options: [.withoutEscapingSlashes]), as: UTF8.self)
            #expect(String(decoding: json.take(), as: UTF8.self) == expected, "\(sample.debugDescription)")
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
        let averitec = try #require(try JSONSerialization.jsonObject(with: Data(Self.run(.averitec, Self.records).utf8)) as? [[String: Any]])
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

@Suite("Exports other tools accept (issue 16)")
struct ExportSpecTests {
    static func unresolved(_ record: ExportRecord) -> ExportRecord {
        var copy = record
        copy.resolution = nil
        copy.claim.status = .inReview
        return copy
    }

    @Test("AVeriTeC: one JSON array in the dataset's field set; questions from question evidence, once; claims without any left out")
    func averitecShape() throws {
        var twoReviewers = ExportTests.records[0]
        var second = twoReviewers.verdicts[0]
        second.id = UUID()
        second.reviewer = "ben"
        // The same question from a second reviewer, with the same answer and a boolean one.
        second.evidence = [
            Evidence(
                question: "  What did the statistics office publish? ",
                answers: [
                    EvidenceAnswer(answer: "A fall of 2.1%", answerType: "extractive", url: "https://stats.example/t", sourceMedium: "Web table"),
                    EvidenceAnswer(
                        answer: "no", answerType: "boolean", url: "https://stats.example/u", booleanExplanation: "The table shows a rise."),
                ])
        ]
        twoReviewers.verdicts.append(second)
        var noQuestions = ExportTests.records[2]
        noQuestions.verdicts = noQuestions.verdicts.map {
            var v = $0; v.evidence = v.evidence.filter { $0.kind != .question }; return v
        }
        var encoder = ExportEncoder(
            format: .averitec,
            settings: ExportSettings(organization: "Desk", reviewURLTemplate: "https://desk.example/c/{claim}", scale: .standard, total: 3))
        let output = encoder.header() + [twoReviewers, ExportTests.records[1], noQuestions].map { encoder.record($0) }.joined() + encoder.footer()
        #expect(encoder.skipped == 1)
        let claims = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(claims.count == 2)
        let fields: Set = [
            "claim", "label", "justification", "claim_date", "speaker", "original_claim_url", "cached_original_claim_url", "reporting_source",
            "location_ISO_code", "claim_types", "fact_checking_strategies", "fact_checking_article", "required_reannotation", "questions",
        ]
        for claim in claims {
            #expect(Set(claim.keys) == fields)
            #expect(claim["claim"] is String && claim["label"] is String && claim["required_reannotation"] as? Bool == false)
            #expect(!((claim["justification"] as? String) ?? "").isEmpty)
            #expect(claim["claim_types"] is [String] && claim["fact_checking_strategies"] is [String])
            #expect((claim["fact_checking_article"] as? String)?.hasPrefix("https://desk.example/c/") == true)
            let questions = try #require(claim["questions"] as? [[String: Any]])
            #expect(!questions.isEmpty)
            for question in questions {
                #expect(!((question["question"] as? String) ?? "").isEmpty)
                for answer in try #require(question["answers"] as? [[String: Any]]) {
                    let type = try #require(answer["answer_type"] as? String)
                    #expect(["Extractive", "Abstractive", "Boolean", "Unanswerable"].contains(type))
                    #expect(answer["source_medium"] is String && answer["source_url"] is String && !((answer["answer"] as? String) ?? "").isEmpty)
                    #expect((answer["boolean_explanation"] != nil) == (type == "Boolean"))
                }
            }
        }
        let merged = try #require(claims[0]["questions"] as? [[String: Any]])
        #expect(merged.count == 1, "one question asked by two reviewers is one question")
        #expect((merged[0]["answers"] as? [[String: Any]])?.map { $0["answer"] as? String } == ["A fall of 2.1%", "No"])
    }

    @Test("ClaimReview: resolved claims only, each with its own review page; firstAppearance; ratings from 1; full claim text kept")
    func claimReviewPublishesResolvedOnly() throws {
        var encoder = ExportEncoder(
            format: .claimreview,
            settings: ExportSettings(
                organization: "Desk", reviewURLTemplate: "https://desk.example/{slug}/{claim}", projectSlug: "eu", scale: .standard, total: 3))
        let records = [ExportTests.records[0], Self.unresolved(ExportTests.records[1]), ExportTests.records[2]]
        let output = encoder.header() + records.map { encoder.record($0) }.joined() + encoder.footer()
        #expect(encoder.skipped == 1)
        let reviews = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(reviews.count == 2)
        #expect(reviews.map { $0["url"] as? String } == [0, 2].map { "https://desk.example/eu/\(records[$0].claim.id.lowercasedString)" })
        for review in reviews {
            let item = try #require(review["itemReviewed"] as? [String: Any])
            let rating = try #require(review["reviewRating"] as? [String: Any])
            #expect(rating["alternateName"] as? String != "Unrated")
            if let worst = rating["worstRating"] as? Int, let best = rating["bestRating"] as? Int, let value = rating["ratingValue"] as? Int {
                #expect(worst >= 1 && best > worst && (worst...best).contains(value))
            }
            #expect(item["text"] is String)
        }
        let first = try #require((reviews[0]["itemReviewed"] as? [String: Any])?["firstAppearance"] as? [String: Any])
        #expect(first["url"] as? String == "https://news.example/a" && first["datePublished"] as? String == "2023-11-14")
        #expect((reviews[0]["itemReviewed"] as? [String: Any])?["text"] as? String == ExportTests.records[0].claim.target.exact)
        #expect(Project.reviewURLTemplateProblems("https://desk.example/checks/{claim}").isEmpty)
        for bad in [
            "urn:uuid:{claim}", "https://desk.example/checks", "ftp://desk.example/{claim}", "https://desk.example/{claim}/{oops}", "/checks/{claim}",
        ] {
            #expect(!Project.reviewURLTemplateProblems(bad).isEmpty, "\(bad)")
        }
    }

    @Test("W3C: the collection and its page have IRIs; an orphaned claim's state names the revision its quote is in")
    func w3cIdsAndRevisions() throws {
        var orphan = ExportTests.records[0]
        orphan.claim.anchoring = ClaimAnchoring(state: .orphaned, revision: 1)
        orphan.claimRevision = (String(repeating: "b", count: 64), Date(timeIntervalSince1970: 1_600_000_000))
        var encoder = ExportEncoder(
            format: .w3c,
            settings: ExportSettings(
                organization: "Desk", reviewURLTemplate: nil, scale: .standard, total: 2,
                collectionId: "urn:uuid:" + StableID.uuid("x").lowercasedString))
        let output = encoder.header() + [orphan, ExportTests.records[1]].map { encoder.record($0) }.joined() + encoder.footer()
        let collection = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let id = try #require(collection["id"] as? String)
        #expect(URL(string: id)?.scheme != nil && collection["type"] as? String == "AnnotationCollection")
        let page = try #require(collection["first"] as? [String: Any])
        let pageId = try #require(page["id"] as? String)
        #expect(pageId != id && URL(string: pageId)?.scheme != nil && page["partOf"] as? String == id && collection["last"] as? String == pageId)
        let items = try #require(page["items"] as? [[String: Any]])
        #expect(items.count == collection["total"] as? Int)
        let state = try #require((items[0]["target"] as? [String: Any])?["state"] as? [String: Any])
        #expect(state["cached"] as? String == "urn:sha256:" + String(repeating: "b", count: 64))
        #expect(state["sourceDate"] as? String == "2020-09-13T12:26:40Z")
        // Without a URL the source is a resource of its own with a type, not the SpecificResource.
        let target = try #require(items[1]["target"] as? [String: Any])
        #expect(target["type"] as? String == "SpecificResource" && (target["source"] as? [String: Any])?["type"] as? String == "Text")
        #expect(StableID.uuid("x") == StableID.uuid("x") && StableID.uuid("x") != StableID.uuid("y"))
    }

    @Test("FEVER: evidence is the sentences reviewers cited; rated without any is NOT ENOUGH INFO; verifiable present")
    func feverEvidence() throws {
        var uncited = ExportTests.records[2]
        uncited.verdicts = uncited.verdicts.map {
            var v = $0; v.evidence = v.evidence.filter { $0.kind != .article }; return v
        }
        var encoder = ExportEncoder(format: .fever, settings: ExportSettings(organization: "D", reviewURLTemplate: nil, scale: .standard, total: 2))
        let lines = [ExportTests.records[0], uncited].map { encoder.record($0) }.joined().split(separator: "\n").map {
            try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(lines[0]["label"] as? String == "REFUTES" && lines[0]["verifiable"] as? String == "VERIFIABLE")
        let sets = try #require(lines[0]["evidence"] as? [[[Any]]])
        let article = ExportTests.records[0].claim.articleId.lowercasedString
        #expect(sets.count == 1 && sets[0].map { $0[2] as? String } == [article, article] && sets[0].map { $0[3] as? Int } == [0, 1])
        #expect(lines[1]["label"] as? String == "NOT ENOUGH INFO" && lines[1]["verifiable"] as? String == "NOT VERIFIABLE")
        let none = try #require(lines[1]["evidence"] as? [[[Any]]])
        #expect(none.count == 1 && none[0].count == 1 && none[0][0][1] is NSNull)
    }

    @Test("evidence of each kind is validated: web sources, article spans, questions with typed answers")
    func evidenceValidation() throws {
        #expect(Evidence(url: "https://a.example/x").problems().isEmpty)
        #expect(!Evidence(url: "javascript:alert(1)").problems().isEmpty)
        var noKind = Evidence(url: "https://a.example")
        noKind.url = nil
        #expect(noKind.problems().map(\.path) == ["url"])
        #expect(Evidence(articleId: UUID(), start: 0, end: 5).problems().isEmpty)
        #expect(!Evidence(articleId: UUID(), start: 5, end: 5).problems().isEmpty)
        #expect(
            Evidence(question: "Who said it?", answers: [EvidenceAnswer(answer: "The minister", answerType: "extractive", url: "https://a.example")])
                .problems().isEmpty)
        #expect(!Evidence(question: "Who said it?", answers: []).problems().isEmpty)
        #expect(
            !Evidence(question: " ", answers: [EvidenceAnswer(answer: "x", answerType: "abstractive", url: "https://a.example")]).problems().isEmpty)
        let boolean = Evidence(question: "Did it fall?", answers: [EvidenceAnswer(answer: "maybe", answerType: "boolean", url: "https://a.example")])
        #expect(Set(boolean.problems().map(\.path)) == ["answers.0.answer", "answers.0.booleanExplanation"])
        #expect(!Evidence(question: "Q?", answers: [EvidenceAnswer(answer: "x", answerType: "guess", url: "https://a.example")]).problems().isEmpty)
        #expect(Evidence(question: "Q?", answers: [EvidenceAnswer(answer: "", answerType: "unanswerable")]).problems().isEmpty)
        let input = VerdictInput(rating: "true", evidence: [Evidence(question: "Q?", answers: [])])
        #expect(throws: VerityError.self) { try input.validate(scale: .standard) }
    }
}
