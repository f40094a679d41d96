import ArgumentParser
import Crypto
import Foundation
import VerityCore
import VerityData
import VerityServices

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Import articles: scraped text pages, JSON Lines article records, HTML; folders recursively; '-' for stdin. Also restores Verity's own jsonl export, and stores published fact-checks (ClaimReview JSON-LD) as reference fact-checks.",
        discussion: """
            Each file is one transaction: a file with a bad record imports nothing (unless --skip-invalid). Articles already in the project (same externalId and text, or same text) are counted as duplicates and not written again; an article with a known externalId and a different text becomes a new revision, and its claims are re-anchored on the new text (anchored, moved, fuzzy or orphaned).

            A file of schema.org ClaimReview JSON-LD (one object per line, a JSON array, or a DataFeed) is stored as the project's reference fact-checks, which new claims are matched against: each review by its url (importing it again updates it). Bad reviews are listed as FILE:LINE.

            A file written by `verity export --format jsonl` is restored whole (project owners and the operator only): articles with their exact text and spans, claims, verdicts and resolutions with their timestamps. Users are matched by username; missing ones are created as disabled accounts. Claims already present are skipped.
            """
    )

    @OptionGroup var db: DatabaseOptions
    @Option(help: "Project slug or id.") var project: String
    @Flag(help: "Parse, validate and count duplicates, but write nothing.") var dryRun = false
    @Flag(help: "Print one JSON object: {\"imported\",\"duplicates\",\"failed\",\"articles\",\"references\"}.") var json = false
    @Flag(help: "Import the valid records of a file and report the invalid ones, instead of rejecting the file.") var skipInvalid = false
    @Argument(help: "Files or folders; '-' reads standard input.") var paths: [String]

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("Name at least one file or folder, or '-' for standard input.") }
    }

    func run() async throws {
        let files = try ImportSources.expand(paths)
        let start = Date()
        let progress = ImportProgress(total: files.count, enabled: !json && isatty(STDERR_FILENO) == 1)
        var reports: [ImportReport] = []
        var fileErrors: [(String, VerityError)] = []
        try await db.withDatabase(logger: db.makeLogger()) { database in
            let projects = ProjectService(database: database)
            let service = ArticleService(database: database, projects: projects)
            let restore = RestoreService(database: database, projects: projects)
            let matching = MatchingService(database: database, projects: projects)
            for file in files {
                do {
                    let data = try ImportSources.read(file)
                    let report: ImportReport
                    let format = ImportFormat.detect(data, name: file)
                    if format == .claimReview {
                        report = try await matching.importReferences(
                            data, source: file, project: project, actor: .system, skipInvalid: skipInvalid, dryRun: dryRun)
                    } else if format == .archive {
                        if skipInvalid {
                            throw VerityError.validation(
                                code: .importRestoreWhole, "\(file): a Verity export is restored whole; --skip-invalid does not apply.")
                        }
                        report = try await restore.restore(
                            ProjectArchive.parse(data), source: file, project: project, actor: .system, dryRun: dryRun,
                            archiveSHA256: Hex.lowercase(SHA256.hash(data: data)))
                    } else {
                        report = try await service.importFile(
                            data, name: file, source: file, project: project, actor: .system, skipInvalid: skipInvalid, dryRun: dryRun)
                    }
                    reports.append(report)
                    for error in report.errors { printError("\(file): \(error.path): \(error.message)") }
                } catch let error as VerityError where error.kind == .validation || error.kind == .payloadTooLarge {
                    // A bad file is reported and the next one imported; the exit status says something failed.
                    fileErrors.append((file, error))
                    var failed = ImportReport(source: file)
                    failed.failed = max(
                        1, error.fieldErrors.isEmpty ? 1 : Set(error.fieldErrors.map { $0.path.split(separator: ":").first ?? "" }).count)
                    failed.errors = error.fieldErrors
                    reports.append(failed)
                    printError("error: \(error.message)")
                    for field in error.fieldErrors { printError("  \(file): \(field.path): \(field.message)") }
                }
                progress.advance(reports)
            }
        }
        progress.finish()
        let imported = reports.reduce(0) { $0 + $1.imported }
        let duplicates = reports.reduce(0) { $0 + $1.duplicates }
        let failed = reports.reduce(0) { $0 + $1.failed }
        let spans = reports.reduce(0) { $0 + $1.spans }
        let claims = reports.reduce(0) { $0 + $1.claims }
        let claimDuplicates = reports.reduce(0) { $0 + $1.claimDuplicates }
        let verdicts = reports.reduce(0) { $0 + $1.verdicts }
        let resolutions = reports.reduce(0) { $0 + $1.resolutions }
        let usersCreated = reports.flatMap(\.usersCreated)
        let revised = reports.reduce(0) { $0 + $1.revised }
        let references = reports.reduce(0) { $0 + $1.references }
        let referencesUpdated = reports.reduce(0) { $0 + $1.referencesUpdated }
        var reanchored: [String: Int] = [:]
        for report in reports { for (state, count) in report.reanchored { reanchored[state.rawValue, default: 0] += count } }
        if json {
            let object: [String: Any] = [
                "imported": imported, "duplicates": duplicates, "failed": failed, "dryRun": dryRun,
                "articles": reports.flatMap(\.articleIds).map { $0.uuidString.lowercased() },
                "spans": spans, "claims": claims, "claimDuplicates": claimDuplicates, "verdicts": verdicts, "resolutions": resolutions,
                "usersCreated": usersCreated, "revised": revised, "revisedArticles": reports.flatMap(\.revisedIds).map { $0.uuidString.lowercased() },
                "reanchored": reanchored, "references": references, "referencesUpdated": referencesUpdated,
                "errors": reports.flatMap { report in report.errors.map { ["file": report.source, "path": $0.path, "message": $0.message] } },
            ]
            printJSON(object)
        } else {
            let seconds = Date().timeIntervalSince(start)
            let rate = seconds > 0 ? Double(imported) / seconds : 0
            if references + referencesUpdated == 0 || imported + duplicates + failed > 0 {
                print(
                    "\(dryRun ? "Would import" : "Imported") \(imported) article\(imported == 1 ? "" : "s") (\(spans) spans), \(duplicates) duplicate\(duplicates == 1 ? "" : "s"), \(failed) failed, from \(files.count) file\(files.count == 1 ? "" : "s") in \(String(format: "%.2f", seconds)) s (\(String(format: "%.0f", rate)) articles/s)"
                )
            }
            if references + referencesUpdated > 0 {
                print(
                    "\(dryRun ? "Would store" : "Stored") \(references) reference fact-check\(references == 1 ? "" : "s") (ClaimReview), \(referencesUpdated) already held and updated"
                )
            }
            if revised > 0 {
                let states = AnchoringState.allCases.compactMap { state in reanchored[state.rawValue].map { "\($0) \(state.rawValue)" } }
                print(
                    "Revised \(revised) article\(revised == 1 ? "" : "s") (new text under the same externalId); claims re-anchored: "
                        + (states.isEmpty ? "none" : states.joined(separator: ", ")))
            }
            if claims + claimDuplicates > 0 {
                print(
                    "Restored \(claims) claim\(claims == 1 ? "" : "s") (\(claimDuplicates) already present), \(verdicts) verdict\(verdicts == 1 ? "" : "s"), \(resolutions) resolution\(resolutions == 1 ? "" : "s")"
                        + (usersCreated.isEmpty ? "" : "; created disabled accounts for \(usersCreated.joined(separator: ", "))"))
            }
        }
        if !fileErrors.isEmpty || failed > 0 {
            throw ExitCode(65)
        }
    }
}

/// Finding and reading import files.
enum ImportSources {
    static let extensions: Set<String> = ["txt", "text", "jsonl", "ndjson", "json", "html", "htm"]

    /// Expands folders (recursively, in name order, skipping hidden files and unknown extensions) and keeps `-`.
    static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        let fileManager = FileManager.default
        for path in paths {
            if path == "-" {
                files.append(path)
                continue
            }
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw VerityError.validation(code: .importNoSuchFile, "\(path): no such file or directory.")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            guard let enumerator = fileManager.enumerator(atPath: path) else { continue }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    enumerator.skipDescendants()
                    continue
                }
                let full = (path as NSString).appendingPathComponent(relative)
                var isDir: ObjCBool = false
                if fileManager.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue,
                    extensions.contains((name as NSString).pathExtension.lowercased())
                {
                    found.append(full)
                }
            }
            files += found.sorted()
        }
        return files
    }

    /// Reads a file (or stdin), refusing files over the import size limit.
    static func read(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= ImportFileParser.maxFileBytes else {
            throw VerityError(.payloadTooLarge, code: .importFileTooLarge, "\(path): larger than \(ImportFileParser.maxFileBytes) bytes.")
        }
        do {
            // Mapped, not read: the pages of a large feed are touched once, batch by batch, and need not stay resident.
            return try Data(contentsOf: URL(filePath: path), options: .alwaysMapped)
        } catch {
            throw VerityError.validation(code: .importUnreadable, "\(path): cannot be read: \(error.localizedDescription)")
        }
    }
}

/// A one-line progress display on a terminal's standard error; silent otherwise.
final class ImportProgress {
    let total: Int
    let enabled: Bool
    var done = 0

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func advance(_ reports: [ImportReport]) {
        done += 1
        guard enabled else { return }
        let imported = reports.reduce(0) { $0 + $1.imported }
        FileHandle.standardError.write(Data("\r\u{1B}[Kimporting: \(done)/\(total) files, \(imported) articles".utf8))
    }

    func finish() {
        if enabled && done > 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
