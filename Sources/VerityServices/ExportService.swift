import Foundation
import Logging
import VerityCore
import VerityData

/// Streams a project's claim set in one of the export formats, from one consistent snapshot, showing
/// only what the reader may see (blind review applies to users; the CLI operator sees everything).
package struct ExportService: Sendable {
    package let database: Database
    package let projects: ProjectService
    private let store: ExportStore

    /// Creates the service.
    package init(database: Database, projects: ProjectService) {
        self.database = database
        self.projects = projects
        self.store = ExportStore(logger: database.logger)
    }

    /// Exports; `write` receives the output in pieces, in order. Returns the number of claims written.
    @discardableResult
    package func export(
        project slugOrId: String, actor: Actor, format: ExportFormat, selection: ExportSelection, since: Date?, organization: String?,
        organizationURL: String?, reviewURLTemplate: String?, write: @escaping @Sendable (String) async throws -> Void
    ) async throws -> Int {
        try await database.transaction { connection in
            try await store.useSnapshot(on: connection)
            let (project, role) = try await projects.authorizeWithRole(slugOrId, actor: actor, .readProject, on: connection)
            let total = try await store.count(projectId: project.id, selection: selection, since: since, on: connection)
            var encoder = ExportEncoder(
                format: format,
                settings: ExportSettings(
                    organization: organization ?? project.name, organizationURL: organizationURL,
                    reviewURLTemplate: reviewURLTemplate ?? "urn:uuid:{claim}", scale: project.ratingScale, total: total))
            try await write(encoder.header())
            var written = 0
            var buffer = ""
            try await store.stream(
                projectId: project.id, selection: selection, since: since, articleContent: format == .jsonl,
                verdictsOfResolved: format.showsVerdicts, on: connection
            ) { record in
                var record = record
                if let user = actor.user {
                    let visibility = VerdictVisibility.of(
                        role: role, isAdmin: user.isAdmin, blindReview: project.blindReview,
                        hasOwnVerdict: record.verdicts.contains { $0.reviewerId == user.id }, status: record.claim.status)
                    switch visibility {
                    case .all: break
                    case .ownOnly: record.verdicts = record.verdicts.filter { $0.reviewerId == user.id }
                    case .none: record.verdicts = []
                    }
                }
                buffer += encoder.record(record)
                written += 1
                // Hand output over in pieces of about 64 KiB: few writes, and memory that does not grow.
                if buffer.utf8.count >= 1 << 16 {
                    try await write(buffer)
                    buffer = ""
                }
            }
            if format == .jsonl, let since {
                // An incremental export tells a mirror what to remove, too: deleted claims, and changed claims
                // that left the selection.
                for tombstone in try await store.tombstones(projectId: project.id, selection: selection, since: since, on: connection) {
                    buffer += encoder.tombstone(tombstone)
                }
            }
            if format == .jsonl && selection == .all && since == nil {
                // A full export of Verity's own format holds the whole project: the articles nobody has marked yet too.
                try await store.streamArticlesWithoutClaims(projectId: project.id, on: connection) { article in
                    buffer += encoder.article(article)
                    if buffer.utf8.count >= 1 << 16 {
                        try await write(buffer)
                        buffer = ""
                    }
                }
            }
            try await write(buffer + encoder.footer())
            return written
        }
    }
}
