import Foundation
import Logging
import VerityCore
import VerityData

/// Imports Verity's own `jsonl` export into a project — of this database or another — so a project can
/// be moved or restored: articles with their exact text and spans, claims, verdicts and resolutions with
/// their timestamps and versions. Users are matched by username; missing ones are created as disabled
/// accounts. Rows get new ids, made in file order, so the restored project exports exactly as the
/// original did (after ids). One transaction per file; a file with any bad line writes nothing.
package struct RestoreService: Sendable {
    package let database: Database
    package let projects: ProjectService
    private let articles: ArticleStore
    private let store: RestoreStore
    private let audit: AuditStore

    /// Creates the service.
    package init(database: Database, projects: ProjectService) {
        self.database = database
        self.projects = projects
        self.articles = ArticleStore(logger: database.logger)
        self.store = RestoreStore(logger: database.logger)
        self.audit = AuditStore(logger: database.logger)
    }

    /// Restores one file's records into a project. Re-running it finds everything already there: articles
    /// by text, claims by article, range and creation instant.
    /// The audit trail gets one entry for the restore, with the archive's SHA-256 and the id of every
    /// article, claim, verdict and resolution it wrote, so each restored object can be traced to its file.
    package func restore(
        _ records: [ArchiveRecord], source: String, project slugOrId: String, actor: Actor, dryRun: Bool = false, archiveSHA256: String? = nil
    ) async throws -> ImportReport {
        var problems = Problems(source: source)
        var restoredArticles: [(line: Int, article: RestoredArticle)] = []
        var claims: [(line: Int, claim: ArchiveClaim)] = []
        for record in records {
            switch record.result {
            case .failure(let error): problems.add(record.line, error)
            case .success(.article(let article)): restoredArticles.append((record.line, article))
            case .success(.claim(let claim, let carried)):
                if let carried { restoredArticles.append((record.line, carried)) }
                claims.append((record.line, claim))
            case .success(.tombstone): continue
            }
        }
        // Bad lines are reported together with what only the database can tell (ratings, conflicts).
        let (fileProblems, fileArticles, fileClaims) = (problems, restoredArticles, claims)
        return try await database.transaction { connection in
            var problems = fileProblems
            let (restoredArticles, claims) = (fileArticles, fileClaims)
            let project = try await projects.authorize(slugOrId, actor: actor, .restoreArchive, on: connection)
            if !dryRun { try await articles.lockProjectForImport(project.id, on: connection) }
            var report = ImportReport(source: source)
            var ids = OrderedIDs()

            // Ratings must be on the target project's scale.
            let ratings = Set(project.ratingScale.ratings.map(\.value))
            let scaleNames = project.ratingScale.ratings.map(\.value).joined(separator: ", ")
            for (line, claim) in claims {
                for (i, verdict) in claim.verdicts.enumerated() where !ratings.contains(verdict.rating) {
                    problems.add(line, "verdicts.\(i).rating", "\(verdict.rating) is not on this project's scale (\(scaleNames))")
                }
                if let rating = claim.resolution?.rating, !ratings.contains(rating) {
                    problems.add(line, "resolution.rating", "\(rating) is not on this project's scale (\(scaleNames))")
                }
            }

            // Articles: the same text already in the project is the same article; a different text under
            // the same external id is a conflict a restore does not settle.
            let existing = try await articles.existing(
                projectId: project.id, externalIds: restoredArticles.compactMap(\.article.draft.metadata.externalId),
                contentHashes: restoredArticles.map(\.article.draft.contentHash) + claims.map(\.claim.article.contentHash), on: connection)
            var targetOf: [UUID: UUID] = [:]
            var preexisting = Set<UUID>()
            var fresh: [NewArticle] = []
            for (line, restored) in restoredArticles {
                if let id = existing.byHash[restored.draft.contentHash] {
                    targetOf[restored.sourceId] = id
                    preexisting.insert(id)
                    report.duplicates += 1
                    report.duplicateIds.append(id)
                } else if let externalId = restored.draft.metadata.externalId, existing.byExternalId[externalId] != nil {
                    problems.add(line, "article.externalId", "the project holds a different text under the external id \(externalId)")
                } else {
                    let article = NewArticle(id: ids.next(), draft: restored.draft, createdAt: restored.storedAt)
                    targetOf[restored.sourceId] = article.id
                    fresh.append(article)
                }
            }
            report.imported = fresh.count
            report.articleIds = fresh.map(\.id)
            report.spans = fresh.reduce(0) { $0 + $1.draft.spans.count }

            // Claims whose article the file does not carry: the project must hold that exact text, and the
            // claim must fit it.
            var checked: [UUID: Article] = [:]
            for (line, claim) in claims where targetOf[claim.article.id] == nil {
                guard let id = existing.byHash[claim.article.contentHash] else {
                    problems.add(line, "article", "the claim's article is neither earlier in this file nor in the project")
                    continue
                }
                if checked[id] == nil { checked[id] = try await articles.article(id: id, on: connection) }
                guard let stored = checked[id] else { continue }
                if let error = ProjectArchive.targetError(
                    claim, index: TextIndex(stored.text), spans: stored.spans.map { (ordinal: $0.ordinal, range: $0.range) })
                {
                    problems.add(line, error)
                    continue
                }
                targetOf[claim.article.id] = id
                preexisting.insert(id)
            }

            // People, by username.
            var names: [String: String] = [:]
            for (_, claim) in claims {
                for name in [claim.creator, claim.resolution?.resolver].compactMap({ $0 }) + claim.verdicts.map(\.reviewer) {
                    names[name.lowercased()] = names[name.lowercased()] ?? name
                }
            }
            var userIds = try await store.users(named: Array(names.values), on: connection)
            let missing = names.filter { userIds[$0.key] == nil }.map(\.value).sorted()
            report.usersCreated = missing
            try problems.throwIfAny()

            // Claims, verdicts and resolutions, skipping claims already present.
            var known = try await store.claimKeys(projectId: project.id, articleIds: Array(preexisting), on: connection)
            if !dryRun {
                userIds.merge(try await store.createDisabledUsers(missing, on: connection)) { old, _ in old }
            }
            var claimRows: [RestoredClaimRow] = []
            var verdictRows: [RestoredVerdictRow] = []
            var resolutionRows: [RestoredResolutionRow] = []
            for (_, claim) in claims {
                guard let articleId = targetOf[claim.article.id] else { continue }
                let key = RestoreStore.claimKey(articleId: articleId, start: claim.start, end: claim.end, createdAt: claim.createdAt)
                guard known.insert(key).inserted else {
                    report.claimDuplicates += 1
                    continue
                }
                let claimId = ids.next()
                func user(_ name: String) -> UUID { userIds[name.lowercased()] ?? UUID() }
                claimRows.append(RestoredClaimRow(id: claimId, articleId: articleId, claim: claim, createdBy: claim.creator.map(user)))
                var verdictIds: [UUID: UUID] = [:]
                for verdict in claim.verdicts {
                    let id = ids.next()
                    verdictIds[verdict.id] = id
                    verdictRows.append(RestoredVerdictRow(id: id, claimId: claimId, reviewerId: user(verdict.reviewer), verdict: verdict))
                }
                if let resolution = claim.resolution {
                    resolutionRows.append(
                        RestoredResolutionRow(
                            claimId: claimId, resolvedBy: user(resolution.resolver), verdictIds: resolution.verdictIds.compactMap { verdictIds[$0] },
                            resolution: resolution))
                }
            }
            report.claims = claimRows.count
            report.verdicts = verdictRows.count
            report.resolutions = resolutionRows.count
            guard !dryRun else { return report }

            let batch = try await articles.createBatch(projectId: project.id, source: source, actorId: actor.user?.id, on: connection)
            try await articles.insert(fresh, projectId: project.id, batchId: batch, on: connection)
            try await store.insert(claims: claimRows, verdicts: verdictRows, resolutions: resolutionRows, projectId: project.id, on: connection)
            try await articles.finishBatch(batch, imported: report.imported, duplicates: report.duplicates, failed: 0, errors: [], on: connection)
            try await audit.record(
                projectId: project.id, actorId: actor.user?.id, action: "import.restored", objectType: "import_batch",
                objectId: batch.uuidString.lowercased(), before: String?.none,
                after: RestoreAuditRecord(
                    source: source, archiveSHA256: archiveSHA256, articles: report.imported, articleDuplicates: report.duplicates,
                    claims: report.claims, claimDuplicates: report.claimDuplicates, verdicts: report.verdicts, resolutions: report.resolutions,
                    usersCreated: report.usersCreated, articleIds: fresh.map(\.id.lowercasedString), claimIds: claimRows.map(\.id.lowercasedString),
                    verdictIds: verdictRows.map(\.id.lowercasedString), resolutionClaimIds: resolutionRows.map(\.claimId.lowercasedString)),
                on: connection)
            return report
        }
    }
}

/// What the audit trail records of a restore.
struct RestoreAuditRecord: Encodable {
    var source: String
    var archiveSHA256: String?
    var articles: Int
    var articleDuplicates: Int
    var claims: Int
    var claimDuplicates: Int
    var verdicts: Int
    var resolutions: Int
    var usersCreated: [String]
    var articleIds: [String]
    var claimIds: [String]
    var verdictIds: [String]
    var resolutionClaimIds: [String]
}

/// Every bad line of a file, gathered so one run shows all there is to fix, then thrown as one error
/// naming the file and the first line.
struct Problems {
    let source: String
    private var items: [(line: Int, code: ErrorCode, message: String, fields: [FieldError])] = []

    init(source: String) { self.source = source }

    mutating func add(_ line: Int, _ error: VerityError) {
        items.append((line, error.code, error.message, error.fieldErrors))
    }

    mutating func add(_ line: Int, _ path: String, _ message: String) {
        items.append((line, .archiveInvalid, message, [FieldError(path: path, message: message)]))
    }

    var fieldErrors: [FieldError] {
        items.flatMap { item in
            item.fields.isEmpty
                ? [FieldError(path: "line \(item.line)", message: item.message)]
                : item.fields.map { FieldError(path: "line \(item.line): \($0.path)", message: $0.message) }
        }
    }

    func throwIfAny() throws {
        guard let first = items.min(by: { $0.line < $1.line }) else { return }
        let lines = Set(items.map(\.line)).count
        let more = lines > 1 ? " (and \(lines - 1) more bad line\(lines == 2 ? "" : "s"))" : ""
        throw VerityError.validation(
            code: first.code, "\(source):\(first.line): \(first.message)\(more) Nothing from this file was imported.", fieldErrors)
    }
}
