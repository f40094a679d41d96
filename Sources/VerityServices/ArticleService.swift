import Foundation
import Logging
import VerityCore
import VerityData

/// What happened to one file (or one HTTP body) of an import.
package struct ImportReport: Sendable, Equatable {
    /// The file name, `-` for standard input, `http` for an API import.
    package var source: String
    package var imported: Int = 0
    package var duplicates: Int = 0
    package var failed: Int = 0
    /// Ids of the articles this import wrote.
    package var articleIds: [UUID] = []
    /// Ids of the articles already present that duplicates matched, in record order.
    package var duplicateIds: [UUID] = []
    /// Bad records: `line N` paths with what was wrong.
    package var errors: [FieldError] = []
    /// Spans written.
    package var spans: Int = 0
    /// Articles already in the project (same externalId) whose text changed: a new revision each.
    package var revised: Int = 0
    package var revisedIds: [UUID] = []
    /// How the claims on revised articles came through.
    package var reanchored: [AnchoringState: Int] = [:]
    /// What a restore of Verity's own export wrote besides articles.
    package var claims: Int = 0
    package var claimDuplicates: Int = 0
    package var verdicts: Int = 0
    package var resolutions: Int = 0
    /// Usernames a restore created as disabled accounts.
    package var usersCreated: [String] = []
    /// Reference fact-checks (ClaimReview) stored: new ones, and ones already held (same URL) that were updated.
    package var references: Int = 0
    package var referencesUpdated: Int = 0

    /// Creates an empty report for a source.
    package init(source: String) { self.source = source }
}

/// What the audit trail records of an import (the article ids are in the articles' import_batch_id).
struct ImportAuditRecord: Encodable {
    var source: String
    var imported: Int
    var duplicates: Int
    var failed: Int
    var spans: Int
}

/// Reading and importing articles: one transaction per file, duplicates detected by external id or text hash.
package struct ArticleService: Sendable {
    package let database: Database
    package let articles: ArticleStore
    package let projects: ProjectService
    private let audit: AuditStore
    private let revisionStore: RevisionStore
    private let reviews: ReviewStore
    /// Single HTTP records waiting to be written, per project.
    private let singles = SingleImportQueue()

    /// Creates the service.
    package init(database: Database, projects: ProjectService) {
        self.database = database
        self.articles = ArticleStore(logger: database.logger)
        self.projects = projects
        self.audit = AuditStore(logger: database.logger)
        self.revisionStore = RevisionStore(logger: database.logger)
        self.reviews = ReviewStore(logger: database.logger)
    }

    /// Imports the records of one file into a project, atomically. A bad record fails the whole file with an
    /// error naming the file and line, unless `skipInvalid` is set, in which case the good records are
    /// imported and the bad ones reported. `dryRun` decides everything and writes nothing.
    package func importRecords(
        _ records: [ImportRecord], source: String, project slugOrId: String, actor: Actor, skipInvalid: Bool = false, dryRun: Bool = false,
        takesTurn: Bool = true
    ) async throws -> ImportReport {
        let batch = OneBatch(records)
        return try await importBatches(
            source: source, project: slugOrId, actor: actor, skipInvalid: skipInvalid, dryRun: dryRun, takesTurn: takesTurn
        ) {
            batch.take()
        }
    }

    /// Imports a whole import file (JSON Lines, a scraped page, HTML…), parsed a batch at a time on threads
    /// of its own while the previous batch is written: what `verity import` does with a file and the bulk
    /// form of `POST /v1/projects/{p}/articles` does with its body.
    package func importFile(
        _ data: Data, name: String, source: String, project slugOrId: String, actor: Actor, skipInvalid: Bool = false, dryRun: Bool = false
    ) async throws -> ImportReport {
        let batches = ImportFileParser.batches(data, name: name)
        return try await importBatches(source: source, project: slugOrId, actor: actor, skipInvalid: skipInvalid, dryRun: dryRun) {
            try await onBlockingThread { batches.next() }
        }
    }

    /// Imports a file whose records arrive in batches from `next` (nil when there are no more), in one
    /// transaction: each batch is checked for duplicates and written with COPY while the next is parsed,
    /// so memory holds two batches however large the file, and parsing overlaps the database's work.
    /// Every bad line of the file is reported; with any and no `skipInvalid`, nothing is written.
    /// Imports into one project take turns (`takesTurn`), so that a file's duplicate checks see every
    /// other import's articles; single records (`takesTurn: false`) wait only for files, not for each
    /// other (see `importAlone`).
    package func importBatches(
        source: String, project slugOrId: String, actor: Actor, skipInvalid: Bool = false, dryRun: Bool = false, takesTurn: Bool = true,
        next: @escaping @Sendable () async throws -> [ImportRecord]?
    ) async throws -> ImportReport {
        try await database.transaction { connection in
            let project = try await projects.authorize(slugOrId, actor: actor, .importArticles, on: connection)
            // A file's import holds the project alone; single records share it with each other (not with files).
            if !dryRun { try await articles.lockProjectForImport(project.id, shared: !takesTurn, on: connection) }
            var report = ImportReport(source: source)
            var failures: [(line: Int, error: VerityError)] = []
            // What this file has already added, for duplicates inside it.
            var placement = ImportPlacement()
            var batchId: UUID?
            var pending = Task { try await next() }
            while let records = try await pending.value {
                pending = Task { try await next() }
                var drafts: [ArticleDraft] = []
                for record in records {
                    switch record.result {
                    case .success(let draft): drafts.append(draft)
                    case .failure(let error): failures.append((record.line, error))
                    }
                }
                // Once the file is known to be rejected, only parsing goes on, to list every bad line.
                if !failures.isEmpty && !skipInvalid { continue }
                let existing = try await articles.existing(
                    projectId: project.id, externalIds: drafts.compactMap(\.metadata.externalId), contentHashes: drafts.map(\.contentHash),
                    on: connection)
                var fresh: [NewArticle] = []
                var revised: [(id: UUID, draft: ArticleDraft)] = []
                for draft in drafts {
                    switch placement.place(draft, existing: existing) {
                    case .fresh(let article): fresh.append(article)
                    case .revision(let id): revised.append((id, draft))
                    case .duplicate(let id):
                        report.duplicates += 1
                        report.duplicateIds.append(id)
                    }
                }
                report.imported += fresh.count
                report.articleIds += fresh.map(\.id)
                report.spans += fresh.reduce(0) { $0 + $1.draft.spans.count }
                report.revised += revised.count
                report.revisedIds += revised.map(\.id)
                guard !dryRun else { continue }
                for (id, draft) in revised {
                    for (state, count) in try await revise(articleId: id, projectId: project.id, with: draft, actor: actor, on: connection) {
                        report.reanchored[state, default: 0] += count
                    }
                }
                guard !fresh.isEmpty else { continue }
                if batchId == nil {
                    batchId = try await articles.createBatch(projectId: project.id, source: source, actorId: actor.user?.id, on: connection)
                }
                try await articles.insert(fresh, projectId: project.id, batchId: batchId, on: connection)
            }
            let bad = ImportFailures(failures)
            if !skipInvalid { try bad.rejectFile(source) }
            report.failed = failures.count
            report.errors = bad.details
            guard !dryRun else { return report }
            let batch: UUID
            if let batchId {
                batch = batchId
            } else {
                batch = try await articles.createBatch(projectId: project.id, source: source, actorId: actor.user?.id, on: connection)
            }
            try await articles.finishBatch(
                batch, imported: report.imported, duplicates: report.duplicates, failed: report.failed, errors: report.errors, on: connection)
            try await audit.record(
                projectId: project.id, actorId: actor.user?.id, action: "import.completed", objectType: "import_batch",
                objectId: batch.uuidString.lowercased(),
                before: String?.none,
                after: ImportAuditRecord(
                    source: source, imported: report.imported, duplicates: report.duplicates, failed: report.failed, spans: report.spans),
                on: connection)
            return report
        }
    }

    /// Makes `draft` the article's new revision and re-anchors every claim on it (see `Reanchoring`): each
    /// claim gets its new offsets, quote, context and span ordinals, or is orphaned keeping its old ones;
    /// its verdicts stay with it; every move is audited. A published claim is not moved: it keeps its place
    /// in the revision it was published on and is flagged for an editor. The anchoring is computed off the
    /// cooperative threads (it is CPU work, linear in the text per claim), and written in one statement.
    /// Returns how many claims came out in each state.
    private func revise(articleId: UUID, projectId: UUID, with draft: ArticleDraft, actor: Actor, on connection: DatabaseConnection)
        async throws -> [AnchoringState: Int]
    {
        let (previousText, previousRevision, revision) = try await revisionStore.revise(
            articleId: articleId, projectId: projectId, with: draft, articles: articles, on: connection)
        let claims = try await reviews.claimsLocked(articleId: articleId, on: connection)
        let updates = try await onBlockingThread {
            Self.reanchor(claims, previousLength: previousText.unicodeScalars.count, onto: draft, revision: revision)
        }
        var outcome: [AnchoringState: Int] = [:]
        for update in updates { outcome[update.anchoring.state, default: 0] += 1 }
        let before = Dictionary(uniqueKeysWithValues: claims.map { ($0.id, $0) })
        let updated = try await reviews.reanchorMany(updates, on: connection)
        var entries = try updated.map { claim in
            try AuditStore.Entry(
                projectId: projectId, actorId: actor.user?.id, action: claim.needsReview == nil ? "claim.reanchored" : "claim.flagged",
                objectType: "claim", objectId: claim.id.lowercasedString, before: before[claim.id], after: claim)
        }
        entries.append(
            try AuditStore.Entry(
                projectId: projectId, actorId: actor.user?.id, action: "article.revised", objectType: "article", objectId: articleId.lowercasedString,
                before: ["revision": previousRevision], after: ["revision": revision]))
        try await audit.record(entries, on: connection)
        return outcome
    }

    /// Where each claim goes on the new text (pure CPU work).
    private static func reanchor(_ claims: [Claim], previousLength: Int, onto draft: ArticleDraft, revision: Int) -> [ReviewStore.Reanchored] {
        let index = TextIndex(draft.text)
        let searcher = Reanchoring.Searcher(index)
        let spans = draft.spans.map { (ordinal: $0.ordinal, range: $0.range) }
        return claims.map { claim in
            let t = claim.target
            if claim.status == .published {
                // What was published stays as published: an editor reopens the claim and re-attaches it.
                return ReviewStore.Reanchored(
                    id: claim.id, version: claim.version, target: t,
                    anchoring: ClaimAnchoring(state: .orphaned, score: nil, revision: claim.anchoring.revision), needsReview: "article_revised")
            }
            let result = searcher.anchor(
                exact: t.exact, prefix: t.prefix, suffix: t.suffix, start: t.range.start, end: t.range.end, oldLength: previousLength)
            if let start = result.start, let end = result.end,
                let placed = try? ClaimTarget(text: index, spans: spans, start: start, end: end, unit: .codePoint)
            {
                return ReviewStore.Reanchored(
                    id: claim.id, version: claim.version, target: ClaimTargetRecord(placed),
                    anchoring: ClaimAnchoring(state: result.state, score: result.state == .fuzzy ? result.score : nil, revision: revision),
                    needsReview: nil)
            }
            return ReviewStore.Reanchored(
                id: claim.id, version: claim.version, target: t,
                anchoring: ClaimAnchoring(state: .orphaned, score: nil, revision: claim.anchoring.revision), needsReview: nil)
        }
    }

    /// Imports one article sent over HTTP; returns it and whether it was new (false: the existing duplicate,
    /// or the article it revised). Records arriving while others for the project are being written are
    /// written together with them (`SingleImportQueue`, `writeGroup`), each with the outcome it would have had alone.
    package func importOne(_ draft: ArticleDraft, project slugOrId: String, actor: User) async throws -> (Article, created: Bool) {
        let outcome = try await singles.submit(draft, project: slugOrId, actor: actor) { group in
            await writeGroup(group, project: slugOrId)
        }
        if let article = outcome.article { return (article, outcome.created) }
        let article = try await database.read { connection in try await articles.article(id: outcome.id, on: connection) }
        guard let article else { throw VerityError.notFound(.article) }
        return (article, outcome.created)
    }

    /// Writes records that arrived together: those that do not depend on another of them in one
    /// transaction (`importGroup`, a lone record too: six round trips, where `importAlone` takes a file
    /// import's dozen and a read after); the rest — a record with the external id or the text of an earlier
    /// one, which must see it stored first — one by one after it, in arrival order. When the shared
    /// transaction fails as a whole (a race with another server's import of the same article, PostgreSQL
    /// going away), each record is written alone, so each gets its own answer.
    private func writeGroup(_ group: [SingleImportQueue.Waiting], project slugOrId: String) async {
        var seenExternalIds: Set<String> = []
        var seenHashes: Set<String> = []
        var together: [SingleImportQueue.Waiting] = []
        var after: [SingleImportQueue.Waiting] = []
        for entry in group {
            let externalId = entry.draft.metadata.externalId
            if seenHashes.contains(entry.draft.contentHash) || externalId.map(seenExternalIds.contains) == true {
                after.append(entry)
                continue
            }
            seenHashes.insert(entry.draft.contentHash)
            if let externalId { seenExternalIds.insert(externalId) }
            together.append(entry)
        }
        if !together.isEmpty, await writtenTogether(together, project: slugOrId) {
            together = []
        }
        await withTaskGroup(of: Void.self) { tasks in
            for entry in together {
                tasks.addTask { await importAlone(entry, project: slugOrId) }
            }
        }
        for entry in after { await importAlone(entry, project: slugOrId) }
    }

    /// Writes the records in one transaction and answers each; false (nothing written, nobody answered)
    /// when that transaction failed as a whole.
    private func writtenTogether(_ records: [SingleImportQueue.Waiting], project slugOrId: String) async -> Bool {
        do {
            let outcomes = try await importGroup(records, project: slugOrId)
            for (entry, outcome) in zip(records, outcomes) { entry.continuation.resume(with: outcome) }
            return true
        } catch {
            database.logger.notice("single imports written together failed; writing each alone", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Writes one waiting record in a transaction of its own, as the request's own caller.
    private func importAlone(_ entry: SingleImportQueue.Waiting, project slugOrId: String) async {
        do {
            let outcome = try await ReadYourWrites.$caller.withValue(entry.caller) {
                try await importAlone(entry.draft, project: slugOrId, actor: entry.actor)
            }
            entry.continuation.resume(returning: outcome)
        } catch {
            entry.continuation.resume(throwing: error)
        }
    }

    /// One record in its own transaction.
    private func importAlone(_ draft: ArticleDraft, project slugOrId: String, actor: User) async throws -> SingleImportOutcome {
        let records = [ImportRecord(line: 1, result: .success(draft))]
        var report: ImportReport?
        // One record waits for the project's file imports but not for other single records. Two imports
        // of the same article at once (two server processes, or a turn's records written alone) then race: the unique indexes let one in and refuse the other, which, run again, finds it — and
        // answers with it, as for any duplicate. The same article cannot be inserted twice, so a few turns settle it.
        for attempt in 1...4 {
            do {
                report = try await importRecords(records, source: "http", project: slugOrId, actor: .user(actor), takesTurn: attempt == 4)
                break
            } catch let error as VerityError where error.code == .articleExists && attempt < 4 {
                continue
            }
        }
        guard let report else { throw VerityError(.internalError, code: .articleImportFailed, "The article was neither imported nor found.") }
        guard let id = report.articleIds.first ?? report.revisedIds.first ?? report.duplicateIds.first else {
            throw VerityError(.internalError, code: .articleImportFailed, "The article was neither imported nor found.")
        }
        return SingleImportOutcome(id: id, created: report.imported == 1)
    }

    /// Writes independent single records in one transaction, each exactly as `importAlone` would: authorised
    /// for its own sender (a refused one gets its error and is left out), placed as new, a revision or a
    /// duplicate, with its own finished import batch and `import.completed` audit entry, and answered with
    /// its article as stored. Throws only when the transaction fails as a whole.
    private func importGroup(_ group: [SingleImportQueue.Waiting], project slugOrId: String) async throws
        -> [Result<SingleImportOutcome, any Error>]
    {
        let writers = Array(Set(group.compactMap(\.caller?.userId)))
        return try await database.transaction(writers: writers) { connection in
            var outcomes = [Result<SingleImportOutcome, any Error>?](repeating: nil, count: group.count)
            var senders: [UUID: User] = [:]
            for entry in group { senders[entry.actor.id] = entry.actor }
            // One round trip authorises every sender and takes the import lock (shared: turns exclude file imports, not each other).
            let access = try await projects.authorizeImporters(slugOrId, users: Array(senders.values), on: connection)
            for (index, entry) in group.enumerated() {
                if case .failure(let error) = access[entry.actor.id] { outcomes[index] = .failure(error) }
            }
            let accepted = group.indices.filter { outcomes[$0] == nil }
            guard let first = accepted.first, case .success(let project) = access[group[first].actor.id] else {
                return outcomes.map { $0! }
            }
            let drafts = accepted.map { group[$0].draft }
            let existing = try await articles.existing(
                projectId: project.id, externalIds: drafts.compactMap(\.metadata.externalId), contentHashes: drafts.map(\.contentHash),
                on: connection)
            var placement = ImportPlacement()
            var fresh: [(article: NewArticle, batchId: UUID?)] = []
            var batches: [ArticleStore.FinishedBatch] = []
            var entries: [AuditStore.Entry] = []
            for index in accepted {
                let (draft, actor) = (group[index].draft, group[index].actor)
                var batch = ArticleStore.FinishedBatch(id: UUID(), actorId: actor.id, imported: 0, duplicates: 0)
                var spans = 0
                switch placement.place(draft, existing: existing) {
                case .fresh(let article):
                    fresh.append((article, batch.id))
                    (batch.imported, spans) = (1, draft.spans.count)
                    outcomes[index] = .success(SingleImportOutcome(id: article.id, created: true))
                case .revision(let id):
                    _ = try await revise(articleId: id, projectId: project.id, with: draft, actor: .user(actor), on: connection)
                    outcomes[index] = .success(SingleImportOutcome(id: id, created: false))
                case .duplicate(let id):
                    batch.duplicates = 1
                    outcomes[index] = .success(SingleImportOutcome(id: id, created: false))
                }
                batches.append(batch)
                entries.append(
                    try AuditStore.Entry(
                        projectId: project.id, actorId: actor.id, action: "import.completed", objectType: "import_batch",
                        objectId: batch.id.lowercasedString, before: String?.none,
                        after: ImportAuditRecord(source: "http", imported: batch.imported, duplicates: batch.duplicates, failed: 0, spans: spans)))
            }
            try await articles.insertTurn(
                batches: batches, source: "http", articles: fresh, audit: entries, projectId: project.id, on: connection)
            // Each answer carries its article as this transaction leaves it: one read for the turn.
            var ids: [UUID] = []
            for case .success(let outcome) in outcomes { ids.append(outcome.id) }
            let stored = try await articles.articles(ids: ids, on: connection)
            return outcomes.map { outcome in
                outcome!.map { found in
                    var found = found
                    found.article = stored[found.id]
                    return found
                }
            }
        }
    }

    /// A page of a project's articles, newest first.
    package func list(project slugOrId: String, user: User, cursor: String?, limit: Int?) async throws -> Page<ArticleSummary> {
        let limit = try Page<Never>.validLimit(limit)
        let position = try cursor.map(Cursor.init(encoded:))
        return try await database.replicaRead { connection in
            let project = try await projects.authorize(slugOrId, actor: .user(user), .readProject, on: connection)
            return try await articles.list(projectId: project.id, after: position, limit: limit, on: connection)
        }
    }

    /// Every revision of an article's text, oldest first (the last is current), if the user may read it.
    package func revisions(id: String, user: User) async throws -> [ArticleRevision] {
        guard let uuid = UUID(uuidString: id) else { throw VerityError.notFound(.article) }
        return try await database.replicaRead { connection in
            _ = try await readableSummary(uuid, user: user, on: connection)
            return try await revisionStore.revisions(articleId: uuid, on: connection)
        }
    }

    /// The article's summary, if the user may read its project; otherwise not found.
    private func readableSummary(_ id: UUID, user: User, on connection: DatabaseConnection) async throws -> ArticleSummary {
        guard let summary = try await articles.summary(id: id, on: connection),
            try await projects.allows(projectId: summary.projectId, user: user, .readProject, on: connection)
        else { throw VerityError.notFound(.article) }
        return summary
    }

    /// One article with text and spans — the current revision, or an earlier one — if the user may read
    /// its project; otherwise not found.
    package func get(id: String, user: User, revision: Int? = nil) async throws -> Article {
        guard let uuid = UUID(uuidString: id) else { throw VerityError.notFound(.article) }
        if let revision {
            return try await database.replicaRead { connection in
                let summary = try await readableSummary(uuid, user: user, on: connection)
                if revision == summary.revision, let article = try await articles.article(id: uuid, on: connection) { return article }
                guard let article = try await revisionStore.article(summary, revision: revision, on: connection) else {
                    throw VerityError(.notFound, code: .revisionNotFound, "The article has no revision \(revision).")
                }
                return article
            }
        }
        return try await database.replicaRead { connection in
            // One round trip: the article, its spans, and the reader's role in its project.
            guard let (article, role) = try await articles.article(id: uuid, reader: user.id, on: connection),
                AccessPolicy.allows(role, .readProject, isAdmin: user.isAdmin)
            else { throw VerityError.notFound(.article) }
            return article
        }
    }
}

/// A list of records handed out once, as a one-batch source.
private final class OneBatch: @unchecked Sendable {
    private var records: [ImportRecord]?
    private let lock = NSLock()

    init(_ records: [ImportRecord]) { self.records = records }

    func take() -> [ImportRecord]? {
        lock.withLock {
            defer { records = nil }
            return records
        }
    }
}

/// Decides what an import does with each record, in record order: a new article, a new revision of
/// one already there, or a duplicate. Remembers what the import has placed so far, for duplicates
/// inside one file.
struct ImportPlacement {
    enum Place {
        case fresh(NewArticle)
        case revision(of: UUID)
        case duplicate(of: UUID)
    }

    private var seenExternalIds: [String: UUID] = [:]
    private var seenHashes: [String: UUID] = [:]

    /// Where `draft` goes, given what the project held before the import (`ArticleStore.existing`).
    mutating func place(_ draft: ArticleDraft, existing: ArticleStore.Existing) -> Place {
        // The same article (external id) with another text: a corrected version, a new revision — unless
        // another article already holds exactly that text (a project never holds one text twice, and
        // the unique index would refuse it): then the record is a duplicate of that article.
        if let externalId = draft.metadata.externalId, seenExternalIds[externalId] == nil,
            let id = existing.byExternalId[externalId], existing.hashById[id] != draft.contentHash,
            (seenHashes[draft.contentHash] ?? existing.byHash[draft.contentHash]) == nil
        {
            seenExternalIds[externalId] = id
            seenHashes[draft.contentHash] = id
            return .revision(of: id)
        }
        let known =
            draft.metadata.externalId.flatMap { seenExternalIds[$0] ?? existing.byExternalId[$0] }
            ?? seenHashes[draft.contentHash] ?? existing.byHash[draft.contentHash]
        if let id = known {
            // The first record of an external id in a file decides; later ones are duplicates.
            if let externalId = draft.metadata.externalId { seenExternalIds[externalId] = id }
            return .duplicate(of: id)
        }
        let article = NewArticle(draft: draft)
        if let externalId = draft.metadata.externalId { seenExternalIds[externalId] = article.id }
        seenHashes[draft.contentHash] = article.id
        return .fresh(article)
    }
}
