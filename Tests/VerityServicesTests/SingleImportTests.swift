import Foundation
import Testing
import VerityCore
import VerityData
import VerityServices
import VerityTestSupport

/// Single records (`POST /v1/projects/{p}/articles`) arriving together are written in shared turns; each
/// must still get the answer, the import batch and the audit entry it would have had alone.
@Suite("Single-record imports arriving together")
struct SingleImportTests {
    private func draft(_ body: String, externalId: String? = nil) throws -> ArticleDraft {
        try ArticleRecord(externalId: externalId, body: body).draft()
    }

    /// What one submission got: its outcome or its error.
    private struct Answer: Sendable {
        var index: Int
        var id: UUID?
        var created: Bool
        var error: VerityError?
        /// The answered article's revision and text hash, and how many spans it came with.
        var revision = 0
        var contentHash = ""
        var spans = 0
    }

    @Test("records sent at once share commits; each is answered as if alone, with its own batch and audit entry")
    func sharedTurns() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            var editors: [User] = []
            for n in 0..<6 {
                editors.append(try await context.makeUser("editor\(n)"))
                try await context.addMember("desk", "editor\(n)", .editor)
            }
            let outsider = try await context.makeUser("outsider")
            let viewer = try await context.makeUser("viewer")
            try await context.addMember("desk", "viewer", .viewer)
            let old = try await context.makeArticle("desk", body: "The old text. It has two sentences.", externalId: "old-1")
            let kept = try await context.makeArticle("desk", body: "A text sent twice. Nothing changed in it.", externalId: "dup-1")

            var sends: [(ArticleDraft, User)] = []
            for n in 0..<20 {
                sends.append((try draft("Story number \(n) is new. It has a second sentence.", externalId: "n\(n)"), editors[n % 6]))
            }
            let sameText = try draft("The same text, sent by two people. Neither knew.")
            sends.append((sameText, editors[0]))  // 20
            sends.append((sameText, editors[1]))  // 21
            sends.append((try draft("A new story. First version.", externalId: "pair"), editors[2]))  // 22
            sends.append((try draft("A new story. Second version, corrected.", externalId: "pair"), editors[3]))  // 23
            sends.append((try draft("The old text, corrected. It has two sentences.", externalId: "old-1"), editors[4]))  // 24
            sends.append((try draft("A text sent twice. Nothing changed in it.", externalId: "dup-1"), editors[5]))  // 25
            sends.append((try draft("An outsider's story. Not theirs to add."), outsider))  // 26
            sends.append((try draft("A viewer's story. Not theirs to add."), viewer))  // 27

            let answers = await withTaskGroup(of: Answer.self) { group in
                for (index, (draft, user)) in sends.enumerated() {
                    group.addTask {
                        do {
                            let (article, created) = try await context.articles.importOne(draft, project: "desk", actor: user)
                            #expect(article.summary.contentHash == draft.contentHash || !created)
                            return Answer(
                                index: index, id: article.summary.id, created: created, revision: article.summary.revision,
                                contentHash: article.summary.contentHash, spans: article.spans.count)
                        } catch let error as VerityError {
                            return Answer(index: index, created: false, error: error)
                        } catch {
                            Issue.record("unexpected error \(error)")
                            return Answer(index: index, created: false)
                        }
                    }
                }
                return await group.reduce(into: [Answer]()) { $0.append($1) }.sorted { $0.index < $1.index }
            }

            // Each new story created once, each answer its own article.
            for answer in answers[0..<20] {
                #expect(answer.created && answer.error == nil)
            }
            #expect(Set(answers[0..<20].compactMap(\.id)).count == 20)
            // The same text twice: one created, the other answered with it.
            #expect(answers[20].id != nil && answers[20].id == answers[21].id)
            #expect([answers[20].created, answers[21].created].filter { $0 }.count == 1)
            // One external id with two texts: whichever came second revised the first.
            #expect(answers[22].id != nil && answers[22].id == answers[23].id)
            #expect([answers[22].created, answers[23].created].filter { $0 }.count == 1)
            // A correction of a stored article: a new revision of it; an unchanged resend: the stored one.
            #expect(answers[24].id == old && !answers[24].created)
            // Each answer carries its article as stored: the text sent (or the one already there), with its spans.
            #expect(answers[24].revision == 2 && answers[24].contentHash == sends[24].0.contentHash)
            for answer in answers where answer.error == nil {
                #expect(answer.spans == 2, "answer \(answer.index)")
                #expect(answer.contentHash == sends[answer.index].0.contentHash || !answer.created, "answer \(answer.index)")
            }
            #expect(answers[25].id == kept && !answers[25].created)
            // Refused senders learn what they would have alone, and nothing of theirs is written.
            #expect(answers[26].error?.kind == .notFound)
            #expect(answers[27].error?.kind == .forbidden)

            let revisions = try await context.sql(
                "SELECT external_id, revision FROM articles WHERE external_id IN ('old-1', 'pair', 'dup-1') ORDER BY external_id")
            #expect(revisions == [["dup-1", "1"], ["old-1", "2"], ["pair", "2"]])
            let counts = try await context.sql(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM spans WHERE article_id IN (SELECT id FROM articles))")
            #expect(counts.first?.first == "24")

            // One finished batch and one audit entry per accepted record, under its sender.
            let batches = try await context.sql(
                """
                SELECT u.username, b.status, b.imported, b.duplicates, b.finished_at IS NOT NULL
                FROM import_batches b JOIN users u ON u.id = b.actor_id WHERE b.source = 'http' ORDER BY u.username, b.imported
                """)
            #expect(batches.count == 26)
            #expect(batches.allSatisfy { $0[1] == "completed" && $0[4] == "t" })
            #expect(batches.filter { $0[2] == "1" }.count == 22)  // 20 stories, one of the same-text pair, the first "pair"
            #expect(batches.filter { $0[3] == "1" }.count == 2)  // the same-text resend and dup-1
            #expect(!batches.contains { $0[0] == "outsider" || $0[0] == "viewer" })
            let audit = try await context.sql(
                """
                SELECT count(*), count(DISTINCT e.object_id), bool_and(e.actor_id = b.actor_id),
                    sum((e.after->>'imported')::int), sum((e.after->>'duplicates')::int)
                FROM audit_events e JOIN import_batches b ON b.id::text = e.object_id
                WHERE e.action = 'import.completed' AND b.source = 'http'
                """)
            #expect(audit.first == ["26", "26", "t", "22", "2"])
            let articlesPerBatch = try await context.sql(
                """
                SELECT count(*) FROM articles a JOIN import_batches b ON b.id = a.import_batch_id
                WHERE b.source = 'http' AND a.content_hash IS NOT NULL AND b.imported = 1
                """)
            #expect(articlesPerBatch.first?.first == "22")

            // Written in shared turns: fewer transactions than records (one each, before).
            let transactions = try await context.sql("SELECT count(DISTINCT xmin::text) FROM import_batches WHERE source = 'http'")
            let written = Int((transactions.first?.first ?? nil) ?? "") ?? 0
            #expect(written >= 1 && written <= 13, "26 records in \(written) transactions")
        }
    }

    @Test("two servers sent the same records at once store each article once and answer every request")
    func twoServers() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            var editors: [User] = []
            for n in 0..<4 {
                editors.append(try await context.makeUser("editor\(n)"))
                try await context.addMember("desk", "editor\(n)", .editor)
            }
            // A second process's service: its own queue, the same database.
            let other = ArticleService(database: context.database, projects: context.projects)
            let drafts = try (0..<12).map { try draft("Shared story \($0). Both servers got it.", externalId: "s\($0)") }
            let senders = editors
            let answers = try await withThrowingTaskGroup(of: (Int, UUID, Bool).self) { group in
                for (index, draft) in drafts.enumerated() {
                    for (side, service) in [context.articles, other].enumerated() {
                        group.addTask {
                            let (article, created) = try await service.importOne(draft, project: "desk", actor: senders[(index + side) % 4])
                            return (index, article.summary.id, created)
                        }
                    }
                }
                return try await group.reduce(into: [(Int, UUID, Bool)]()) { $0.append($1) }
            }
            #expect(answers.count == 24)
            for index in drafts.indices {
                let mine = answers.filter { $0.0 == index }
                #expect(Set(mine.map(\.1)).count == 1, "both requests for s\(index) answered with one article")
                #expect(mine.filter(\.2).count == 1, "s\(index) created once")
            }
            let counts = try await context.sql("SELECT count(*), count(DISTINCT external_id) FROM articles")
            #expect(counts.first == ["12", "12"])
        }
    }
}
