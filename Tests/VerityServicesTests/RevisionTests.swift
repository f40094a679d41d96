import Foundation
import Testing
import VerityCore
import VerityData
import VerityServices
import VerityTestSupport

@Suite("Article revisions and re-anchoring")
struct RevisionTests {
    static let first = """
        The minister said unemployment fell to 4.2% in March. Exports of grain doubled over the year, the ministry claims. \
        A new bridge 👩🏽‍💻 will open in 2026. The budget deficit was cut by a third.
        """
    static let corrected = """
        The minister said unemployment dropped to 4.2% in March. Correction: figures were revised on Tuesday. Exports of grain doubled over \
        the year, the ministry claims. The budget deficit was cut by a third.
        """

    static func record(_ body: String) throws -> ImportRecord {
        ImportRecord(line: 1, result: .success(try ArticleRecord(externalId: "story-1", title: "Jobs and grain", body: body).draft()))
    }

    /// Code-point range of `quote` in `text`.
    static func range(_ quote: String, in text: String) throws -> (Int, Int) {
        let r = try #require(text.range(of: quote))
        let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound.samePosition(in: text.unicodeScalars)!)
        return (start, start + quote.unicodeScalars.count)
    }

    @Test("re-importing a corrected article: claims come out moved, fuzzy and orphaned with correct offsets; verdicts stay; history is kept")
    func reimport() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk", k: 2)
            let reviewer = try await context.makeUser("ana")
            let second = try await context.makeUser("ben")
            let editor = try await context.makeUser("ed")
            try await context.addMember("desk", "ana", .reviewer)
            try await context.addMember("desk", "ben", .reviewer)
            try await context.addMember("desk", "ed", .editor)
            let imported = try await context.articles.importRecords([Self.record(Self.first)], source: "v1", project: "desk", actor: .system)
            let articleId = try #require(imported.articleIds.first)
            let v1 = try await context.articles.get(id: articleId.uuidString, user: editor)
            var claims: [String: Claim] = [:]
            for (name, quote) in [
                ("moved", "Exports of grain doubled over the year"), ("fuzzy", "unemployment fell to 4.2% in March"),
                ("orphaned", "A new bridge 👩🏽‍💻 will open in 2026."), ("kept", "The minister said"),
            ] {
                let (start, end) = try Self.range(quote, in: v1.text)
                let claim = try await context.claims.create(
                    articleId: articleId.uuidString, user: reviewer, start: start, end: end, unit: .codePoint, exact: quote, prefix: nil, suffix: nil,
                    metadata: ClaimMetadata())
                for user in [reviewer, second] {
                    _ = try await context.verdicts.submit(
                        claimId: claim.id.uuidString, user: user, input: VerdictInput(rating: "mixed"), ifMatch: nil)
                }
                claims[name] = claim
            }

            // The same story again, corrected.
            let report = try await context.articles.importRecords([Self.record(Self.corrected)], source: "v2", project: "desk", actor: .system)
            #expect(report.imported == 0 && report.duplicates == 0 && report.revised == 1 && report.revisedIds == [articleId])
            #expect(report.reanchored == [.moved: 1, .fuzzy: 1, .orphaned: 1, .anchored: 1])
            let v2 = try await context.articles.get(id: articleId.uuidString, user: editor)
            #expect(v2.summary.revision == 2 && v2.text.contains("Correction: figures"))
            let index = TextIndex(v2.text)
            func after(_ name: String) async throws -> Claim { try await context.claims.claim(id: claims[name]!.id.uuidString, user: editor) }

            let moved = try await after("moved")
            #expect(moved.anchoring.state == .moved && moved.anchoring.revision == 2 && moved.anchoring.score == nil)
            #expect(index.slice(moved.target.range.start, moved.target.range.end) == "Exports of grain doubled over the year")
            #expect(moved.target.range.start > claims["moved"]!.target.range.start, "text was inserted before it")
            #expect(moved.target.range == index.range(codePointStart: moved.target.range.start, end: moved.target.range.end))

            let fuzzy = try await after("fuzzy")
            #expect(fuzzy.anchoring.state == .fuzzy && fuzzy.anchoring.revision == 2)
            #expect((fuzzy.anchoring.score ?? 0) > 0.5 && (fuzzy.anchoring.score ?? 1) < 1)
            #expect(fuzzy.target.exact == "unemployment dropped to 4.2% in March")
            #expect(index.slice(fuzzy.target.range.start, fuzzy.target.range.end) == fuzzy.target.exact)

            let orphaned = try await after("orphaned")
            #expect(orphaned.anchoring.state == .orphaned && orphaned.anchoring.revision == 1)
            #expect(orphaned.target == claims["orphaned"]!.target, "an orphan keeps its quote and offsets on revision 1")

            let kept = try await after("kept")
            #expect(kept.anchoring.state == .anchored && kept.target.range == claims["kept"]!.target.range && kept.anchoring.revision == 2)

            // Verdicts stay with their claims.
            for (_, claim) in claims {
                #expect(try await context.verdicts.verdicts(claimId: claim.id.uuidString, user: editor).count == 2)
            }
            // The old text is kept, whole, and the moves are audited.
            let history = try await context.articles.revisions(id: articleId.uuidString, user: editor)
            #expect(history.map(\.revision) == [1, 2] && history[0].contentHash == v1.summary.contentHash && history[1].replacedAt == nil)
            let old = try await context.articles.get(id: articleId.uuidString, user: editor, revision: 1)
            #expect(old.text == v1.text && old.spans.map(\.range) == v1.spans.map(\.range) && old.summary.revision == 1)
            let audited = try await context.sql(
                "SELECT action, count(*) FROM audit_events WHERE action IN ('claim.reanchored', 'article.revised') GROUP BY action ORDER BY action")
            #expect(audited == [["article.revised", "1"], ["claim.reanchored", "4"]])
            // Importing the corrected text again changes nothing.
            let again = try await context.articles.importRecords([Self.record(Self.corrected)], source: "v2", project: "desk", actor: .system)
            #expect(again.duplicates == 1 && again.revised == 0)
        }
    }
}
