import Foundation
import Testing
import VerityCore
import VerityData
import VerityServices
import VerityTestSupport

/// The export reads each claim's verdicts as arrays, one per field (absent values stood in for by a NaN
/// confidence and null flags). They must come out exactly as the per-claim verdict statement reads them.
@Suite("Export: verdicts as the verdict statement reads them")
struct ExportVerdictsTests {
    @Test("every verdict field, absent or present, empty or not, survives the export's arrays; resolved claims can leave theirs out")
    func verdictsMatch() async throws {
        try await withTestDatabase { context in
            let project = try await context.makeProject("desk")
            try await context.makeArticle("desk", body: "One sentence here for the claims to sit on. A second sentence follows it.")
            for name in ["r1", "r2", "r3", "r4"] { try await context.makeUser(name) }
            _ = try await context.sql(
                """
                INSERT INTO claims (project_id, article_id, start_cp, end_cp, start_utf16, end_utf16, exact, prefix, suffix, span_ordinals,
                    status, claimant, claim_date, tags, created_at)
                SELECT a.project_id, a.id, 0, 20, 0, 20, substr(a.text, 1, 20), '', '', '{0}',
                    CASE WHEN i % 3 = 0 THEN 'verified' ELSE 'in_review' END, 'A speaker', '2024-01-02', '{t}',
                    now() - make_interval(secs => i)
                FROM articles a, generate_series(1, 120) AS i
                """)
            // Verdicts from one to four reviewers per claim, every nullable field both ways, and texts that
            // JSON would have had to escape.
            _ = try await context.sql(
                """
                INSERT INTO verdicts (project_id, claim_id, reviewer_id, rating, confidence, rationale, evidence, created_at, updated_at,
                    version, independent_rating, revised_after_seeing)
                SELECT c.project_id, c.id, u.id,
                    (ARRAY['true', 'mostly-false', 'false', 'misleading'])[1 + (n + k) % 4],
                    CASE WHEN (n + k) % 3 = 0 THEN NULL ELSE ((n * 7 + k) % 11) / 10.0 END,
                    CASE (n + k) % 4 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'Plain rationale.'
                        ELSE E'Quotes "here", a back\\\\slash, a tab\\tand Zoë 👩‍👩‍👧' END,
                    CASE (n + k) % 3 WHEN 0 THEN '[]'::jsonb
                        WHEN 1 THEN '[{"url": "https://stats.example.org/t", "title": "Table \\"3\\"", "quote": "x\\ny"}]'::jsonb
                        ELSE jsonb_build_array(jsonb_build_object('articleId', c.article_id::text, 'start', 0, 'end', 5),
                            jsonb_build_object('url', 'https://a.example/b', 'accessed', '2024-02-03', 'sourceMedium', 'PDF')) END,
                    timestamptz '2024-05-01 10:00:00+00' + make_interval(secs => (n * 10 + k)::double precision) + make_interval(secs => ((n * 13 + k) % 997) / 1000000.0),
                    timestamptz '2024-06-01 10:00:00.123456+00' + make_interval(mins => k::int),
                    1 + (n + k) % 3,
                    CASE WHEN (n + k) % 2 = 0 THEN NULL ELSE (ARRAY['true', 'false'])[1 + n % 2] END,
                    (n + k) % 5 = 0
                FROM (SELECT c.*, row_number() OVER (ORDER BY c.created_at) AS n FROM claims c) c
                JOIN (SELECT u.*, row_number() OVER (ORDER BY u.username) AS k FROM users u WHERE u.username LIKE 'r_') u ON u.k <= 1 + c.n % 4
                """)
            _ = try await context.sql(
                """
                INSERT INTO resolutions (project_id, claim_id, rating, rationale, verdict_ids, resolved_by)
                SELECT c.project_id, c.id, 'false', 'Settled.', '{}', (SELECT id FROM users WHERE username = 'r1')
                FROM claims c WHERE c.status = 'verified'
                """)

            let exports = ExportStore(logger: context.database.logger)
            let reviews = ReviewStore(logger: context.database.logger)
            for verdictsOfResolved in [true, false] {
                let checked = try await context.database.transaction { connection in
                    try await exports.useSnapshot(on: connection)
                    var records: [ExportRecord] = []
                    try await exports.stream(
                        projectId: project.id, selection: .all, since: nil, articleContent: true, verdictsOfResolved: verdictsOfResolved,
                        on: connection
                    ) { records.append($0) }
                    var checked = 0
                    for record in records {
                        let expected = try await reviews.verdicts(claimId: record.claim.id, on: connection)
                        let resolved = record.resolution != nil
                        #expect(record.verdicts == (resolved && !verdictsOfResolved ? [] : expected), "claim \(record.claim.id)")
                        #expect(!expected.isEmpty)
                        checked += record.verdicts.count
                    }
                    #expect(records.count == 120)
                    return checked
                }
                // 120 claims with one to four verdicts each: 300 in all, 100 of them on the 40 resolved claims.
                #expect(checked == (verdictsOfResolved ? 300 : 200))
            }
        }
    }

    @Test("claims come oldest first, and the first claim of each article in the selection carries its text and spans")
    func firstClaimCarriesArticle() async throws {
        try await withTestDatabase { context in
            let project = try await context.makeProject("desk")
            let a = try await context.makeArticle("desk", body: "Article A has a sentence. And another one.", externalId: "A")
            let b = try await context.makeArticle("desk", body: "Article B has its own sentence. It ends here.", externalId: "B")
            // Claims named by article and number, made in this order (a minute apart, `updated_at` = `created_at`);
            // a2 and a3 share a time, so the id decides between them.
            let made: [(name: String, article: UUID, status: String, minute: Int)] = [
                ("a1", a, "open", 1), ("b1", b, "verified", 2), ("a2", a, "verified", 3), ("a3", a, "verified", 3), ("b2", b, "verified", 5),
                ("a4", a, "open", 6),
            ]
            var names: [UUID: String] = [:]
            for claim in made {
                let id = UUID()
                names[id] = claim.name
                _ = try await context.sql(
                    """
                    INSERT INTO claims (id, project_id, article_id, start_cp, end_cp, start_utf16, end_utf16, exact, prefix, suffix,
                        span_ordinals, status, tags, created_at, updated_at)
                    SELECT $1::uuid, a.project_id, a.id, 0, 7, 0, 7, substr(a.text, 1, 7), '', '', '{0}', $3, '{}',
                        timestamptz '2024-05-01 10:00:00+00' + make_interval(mins => $4::int),
                        timestamptz '2024-05-01 10:00:00+00' + make_interval(mins => $4::int)
                    FROM articles a WHERE a.id = $2::uuid
                    """, [id.uuidString, claim.article.uuidString, claim.status, String(claim.minute)])
            }
            let named = names
            let a23 = made.filter { $0.minute == 3 }.map(\.name)
            let tie = names.filter { a23.contains($0.value) }.sorted { $0.key.uuidString.lowercased() < $1.key.uuidString.lowercased() }.map(\.value)
            let exports = ExportStore(logger: context.database.logger)
            func export(_ selection: ExportSelection, since minute: Int? = nil, withoutGold: Bool = false) async throws -> [String] {
                let since = minute.map { Date(timeIntervalSince1970: 1_714_557_600 + Double($0) * 60) }
                return try await context.database.transaction { connection in
                    try await exports.useSnapshot(on: connection)
                    var out: [String] = []
                    try await exports.stream(
                        projectId: project.id, selection: selection, since: since, articleContent: true, withoutGold: withoutGold, on: connection
                    ) { record in
                        let name = named[record.claim.id] ?? "?"
                        let carries = record.article.text != nil
                        #expect(carries == (record.article.spans != nil), "\(name)")
                        if carries { #expect(record.article.text?.hasPrefix("Article \(name.prefix(1).uppercased())") == true) }
                        out.append(carries ? name + "*" : name)
                    }
                    return out
                }
            }
            func starred(_ list: [String], _ first: Set<String>) -> [String] { list.map { first.contains($0) ? $0 + "*" : $0 } }
            let all = ["a1", "b1"] + tie + ["b2", "a4"]
            #expect(try await export(.all) == starred(all, ["a1", "b1"]))
            // The first of an article in the selection, not in the project: a1 is open, so a verified export
            // starts article A with the earlier of the tied pair.
            #expect(try await export(.verified) == starred(["b1"] + tie + ["b2"], ["b1", tie[0]]))
            // Changed since minute 5: b2 and a4, each the first of its article in this export.
            #expect(try await export(.all, since: 5) == ["b2*", "a4*"])
            // Gold claims left out: with b1 gold, b2 is article B's first.
            _ = try await context.sql(
                "INSERT INTO gold_claims (project_id, claim_id, rating) SELECT project_id, id, 'true' FROM claims WHERE id = $1::uuid",
                [names.first { $0.value == "b1" }!.key.uuidString])
            #expect(try await export(.verified, withoutGold: true) == starred(tie + ["b2"], [tie[0], "b2"]))
            #expect(try await export(.verified) == starred(["b1"] + tie + ["b2"], ["b1", tie[0]]))
        }
    }

    /// Stands for a reader that went away (an HTTP client hanging up) in the middle of an export.
    private struct Gone: Error {}

    @Test("an export whose reader stops midway ends at once with the reader's error, and its connection is usable after")
    func readerStops() async throws {
        try await withTestDatabase { context in
            let project = try await context.makeProject("desk")
            try await context.makeArticle("desk", body: "One sentence here for the claims to sit on. A second sentence follows it.")
            _ = try await context.sql(
                """
                INSERT INTO claims (project_id, article_id, start_cp, end_cp, start_utf16, end_utf16, exact, prefix, suffix, span_ordinals,
                    status, claimant, claim_date, tags)
                SELECT a.project_id, a.id, 0, 20, 0, 20, substr(a.text, 1, 20), '', '', '{0}', 'open', NULL, NULL, '{}'
                FROM articles a, generate_series(1, 2000)
                """)
            let exports = ExportStore(logger: context.database.logger)
            let database = context.database
            let ended = await outcome(within: .seconds(60)) {
                try await database.transaction { connection in
                    try await exports.useSnapshot(on: connection)
                    var seen = 0
                    do {
                        try await exports.stream(projectId: project.id, selection: .all, since: nil, articleContent: false, on: connection) { _ in
                            seen += 1
                            if seen == 300 { throw Gone() }
                        }
                        Issue.record("the export went on after its reader stopped")
                    } catch is Gone {}
                    // The connection answers the next statement: the export's rows were not left in the way.
                    return try await exports.count(projectId: project.id, selection: .all, since: nil, on: connection)
                }
            }
            #expect(try #require(ended).get() == 2000)
        }
    }
}
