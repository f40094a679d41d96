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

    /// The review URL template an export uses: the one given (the CLI's `--review-url-template`, validated),
    /// else the project's setting. ClaimReview cannot do without one: its `url` is each review's page.
    package static func reviewURLTemplate(for project: Project, format: ExportFormat, given: String?) throws -> String? {
        if let given {
            let problems = Project.reviewURLTemplateProblems(given, path: "reviewUrlTemplate")
            guard problems.isEmpty else {
                throw VerityError.validation(code: .exportInvalidRequest, "The review URL template is not valid.", problems)
            }
            return given
        }
        if format == .claimreview && project.reviewURLTemplate == nil {
            throw VerityError.validation(
                code: .exportReviewURLMissing,
                "ClaimReview needs each claim's review page: set the project's review URL template (verity project update --project "
                    + "\(project.slug) --review-url-template 'https://…/{claim}', or reviewUrlTemplate in PATCH /v1/projects/\(project.slug)).",
                [FieldError(path: "reviewUrlTemplate", message: "not set for this project")])
        }
        return project.reviewURLTemplate
    }

    /// Exports; `write` receives the output in pieces, in order. Returns the number of claims written, and
    /// of claims the format left out (ClaimReview publishes resolved claims only; AVeriTeC needs question
    /// evidence and a justification).
    @discardableResult
    package func export(
        project slugOrId: String, actor: Actor, format: ExportFormat, selection: ExportSelection, since: Date?, organization: String?,
        organizationURL: String?, reviewURLTemplate: String?, includeGold: Bool = false, write: @escaping @Sendable (String) async throws -> Void
    ) async throws -> (written: Int, skipped: Int) {
        try await database.replicaTransaction { connection in
            try await store.useSnapshot(on: connection)
            let (project, role) = try await projects.authorizeWithRole(slugOrId, actor: actor, .readProject, on: connection)
            let template = try Self.reviewURLTemplate(for: project, format: format, given: reviewURLTemplate)
            // Control (gold) claims stay out unless asked for — but only for those who know about them (editors and up,
            // the operator): leaving them out of a reviewer's export would tell the reviewer which claims they are.
            let withoutGold = !includeGold && (actor.user.map { AccessPolicy.allows(role, .manageGold, isAdmin: $0.isAdmin) } ?? true)
            let total = try await store.count(projectId: project.id, selection: selection, since: since, withoutGold: withoutGold, on: connection)
            // The W3C collection's IRI: the same project and parameters give the same IRI.
            let parameters =
                "verity-export|\(project.id.lowercasedString)|\(format.rawValue)|\(selection.rawValue)|\(since.map(Timestamp.seconds) ?? "")"
            var encoder = ExportEncoder(
                format: format,
                settings: ExportSettings(
                    organization: organization ?? project.organization ?? project.name, organizationURL: organizationURL ?? project.organizationURL,
                    reviewURLTemplate: template, projectSlug: project.slug, scale: project.ratingScale, total: total,
                    collectionId: "urn:uuid:" + StableID.uuid(parameters).lowercasedString))
            try await write(encoder.header())
            var buffer = ""
            try await store.stream(
                projectId: project.id, selection: selection, since: since, articleContent: format == .jsonl,
                verdictsOfResolved: format.showsVerdicts, withoutGold: withoutGold, on: connection
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
            return (total - encoder.skipped, encoder.skipped)
        }
    }
}
