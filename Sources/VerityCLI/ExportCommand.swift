import ArgumentParser
import Foundation
import VerityCore
import VerityData
import VerityServices

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Stream a project's claim set: claimreview, w3c, jsonl, csv, fever or averitec.",
        discussion: "Reads one consistent snapshot, with no row cap, in constant memory. Writes to standard output, or to --output."
    )

    @OptionGroup var db: DatabaseOptions
    @Option(help: "Project slug or id.") var project: String
    @Option(help: "claimreview, w3c, jsonl, csv, fever or averitec.") var format: String
    @Option(help: "Which claims: verified (and published), agreed, or all.") var status: String = "verified"
    @Option(help: "Only claims changed since this ISO 8601 date or date-time.") var since: String?
    @Option(help: "Write here instead of standard output (written to a temporary file, then renamed).") var output: String?
    @Option(help: "The publishing organisation for ClaimReview (default: the project's name).") var organization: String?
    @Option(help: "The organisation's URL for ClaimReview.") var organizationUrl: String?
    @Option(help: "The review page URL for ClaimReview, with {claim} for the claim id.") var reviewUrlTemplate: String?
    @Flag(help: "Include control (gold) claims, which exports leave out by default.") var includeGold = false

    func validate() throws {
        guard ExportFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be one of " + ExportFormat.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        guard ExportSelection(rawValue: status) != nil else { throw ValidationError("--status must be verified, agreed or all.") }
        if let since, ArticleRecord.parseDate(since) == nil { throw ValidationError("--since must be an ISO 8601 date or date-time.") }
    }

    func run() async throws {
        let format = ExportFormat(rawValue: format)!
        let selection = ExportSelection(rawValue: status)!
        let sinceDate = since.flatMap(ArticleRecord.parseDate)
        // Write to a temporary file beside the target and rename at the end, so a failed export never
        // leaves a truncated file where a good one was expected.
        let handle: FileHandle
        var temporary: URL?
        if let output {
            let target = URL(filePath: output)
            let partial = target.deletingLastPathComponent().appending(path: ".\(target.lastPathComponent).partial")
            guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
                throw VerityError.validation(code: .exportUnwritable, "\(output): cannot be written.")
            }
            handle = try FileHandle(forWritingTo: partial)
            temporary = partial
        } else {
            handle = FileHandle.standardOutput
        }
        do {
            try await db.withDatabase(logger: db.makeLogger()) { database in
                let service = ExportService(database: database, projects: ProjectService(database: database))
                let outcome = try await service.export(
                    project: project, actor: .system, format: format, selection: selection, since: sinceDate, organization: organization,
                    organizationURL: organizationUrl, reviewURLTemplate: reviewUrlTemplate, includeGold: includeGold
                ) { piece in
                    try handle.write(contentsOf: Data(piece.utf8))
                }
                if outcome.skipped > 0 {
                    let why =
                        format == .claimreview
                        ? "not resolved by an editor: ClaimReview publishes resolved claims only"
                        : "without question evidence or a justification, which AVeriTeC's scorer and dataset need"
                    printError("\(outcome.skipped) claim\(outcome.skipped == 1 ? "" : "s") left out, \(why).")
                }
            }
        } catch {
            if let temporary { try? FileManager.default.removeItem(at: temporary) }
            throw error
        }
        if let temporary, let output {
            try handle.close()
            _ = try? FileManager.default.removeItem(atPath: output)
            try FileManager.default.moveItem(at: temporary, to: URL(filePath: output))
        }
    }
}
