import ArgumentParser
import Foundation
import VerityCore
import VerityData
import VerityServices

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending migrations.")

    @OptionGroup var db: DatabaseOptions

    @Flag(help: "List pending migrations without applying them.")
    var dryRun = false

    func run() async throws {
        let logger = db.makeLogger()
        let open = try db.open(checkMigrations: false, migrateEmbedded: false, logger: logger)
        defer { open.close() }
        if dryRun {
            for migration in try Migrator().pending(settings: open.settings) { print("pending \(migration.name)") }
            return
        }
        for migration in try Migrator().migrate(settings: open.settings) { print("applied \(migration.name)") }
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user; prints the user id.")

        @OptionGroup var db: DatabaseOptions
        @Option(help: "Username: letters, digits, '.', '_', '@', '-'.") var username: String
        @Flag(help: "Make the user an instance admin.") var admin = false
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
        @Flag(help: "Validate and print what would be done, without writing.") var dryRun = false

        func validate() throws {
            guard passwordStdin else { throw ValidationError("--password-stdin is required: passwords are never taken on the command line.") }
        }

        func run() async throws {
            guard let line = readLine(strippingNewline: true) else {
                throw VerityError.validation(code: "user.no_password", "No password on standard input.")
            }
            try User.validateUsername(username)
            try User.validatePassword(line)
            if dryRun {
                printError("would create user \(username)\(admin ? " (admin)" : "")")
                return
            }
            let logger = db.makeLogger()
            let user = try await db.withDatabase(logger: logger) { database in
                try await AccountService(database: database).createUser(username: username, password: line, isAdmin: admin)
            }
            print(user.id.uuidString.lowercased())
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue an API token; prints the token alone, once.")

        @OptionGroup var db: DatabaseOptions
        @Option(help: "The user the token acts as.") var username: String
        @Option(help: "A name to recognise the token by.") var name: String = "cli"
        @Option(help: "Lifetime in days (default: no expiry).") var expiresInDays: Int?

        func validate() throws {
            if let days = expiresInDays, days < 1 { throw ValidationError("--expires-in-days must be at least 1.") }
        }

        func run() async throws {
            let logger = db.makeLogger()
            let expiresAt = expiresInDays.map { Date().addingTimeInterval(Double($0) * 86_400) }
            let token = try await db.withDatabase(logger: logger) { database in
                try await AccountService(database: database).createToken(username: username, name: name, expiresAt: expiresAt)
            }
            print(token)
        }
    }
}

struct ProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "project", abstract: "Manage projects.", subcommands: [Create.self, AddMember.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a project; prints the project id.")

        @OptionGroup var db: DatabaseOptions
        @Option(help: "Slug: lower-case letters, digits and '-'.") var slug: String
        @Option(help: "Display name (default: the slug).") var name: String?
        @Option(help: "Verdicts needed per claim (k).") var reviewersPerClaim: Int = 2
        @Flag(help: "Turn blind review off: reviewers see each other's verdicts at once.") var noBlind = false
        @Option(
            help:
                "A JSON file with the project's own rating scale, best first: {\"ratings\":[{\"value\",\"label\",\"ordinal\"?}]} (default: CONTRACT.md's six ratings)."
        )
        var ratingScale: String?
        @Flag(help: "Validate without writing.") var dryRun = false

        func validate() throws {
            guard (1...20).contains(reviewersPerClaim) else { throw ValidationError("--reviewers-per-claim must be between 1 and 20.") }
        }

        func run() async throws {
            try Project.validateSlug(slug)
            if dryRun {
                printError("would create project \(slug)")
                return
            }
            let project = try await db.withDatabase(logger: db.makeLogger()) { database in
                try await ProjectService(database: database).create(
                    slug: slug, name: name, reviewersPerClaim: reviewersPerClaim, blindReview: !noBlind)
            }
            print(project.id.uuidString.lowercased())
        }
    }

    struct AddMember: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-member", abstract: "Grant a user a role in a project (or change it).")

        @OptionGroup var db: DatabaseOptions
        @Option(help: "Project slug or id.") var project: String
        @Option(help: "The user.") var username: String
        @Option(help: "owner, editor, reviewer or viewer.") var role: String
        @Flag(help: "Validate without writing.") var dryRun = false

        func validate() throws {
            guard Role(rawValue: role) != nil else { throw ValidationError("--role must be owner, editor, reviewer or viewer.") }
        }

        func run() async throws {
            let role = try Role(validating: role)
            if dryRun { return }
            try await db.withDatabase(logger: db.makeLogger()) { database in
                try await ProjectService(database: database).addMember(project: project, username: username, role: role)
            }
        }
    }
}

/// `verity segment`: prints the sentences of a text, for checking the segmenter (and for the golden-rules script).
struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment", abstract: "Split text into sentences (no database). Reads a file or '-' for stdin.")

    @Argument(help: "A text file, or '-' for standard input.") var path: String = "-"
    @Flag(help: "Read JSON Lines of {\"text\": …} and print one JSON array of sentences per line.") var jsonl = false
    @Flag(help: "Treat the input as a scraped page: extract the article first, then print its spans.") var page = false

    func run() throws {
        let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(filePath: path))
        guard let text = String(validating: data, as: UTF8.self) else {
            throw VerityError.validation(code: "segment.invalid_utf8", "\(path): not valid UTF-8.")
        }
        if jsonl {
            for (number, line) in text.split(separator: "\n").enumerated() {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let input = object["text"] as? String
                else {
                    throw VerityError.validation(code: "segment.invalid_line", "\(path):\(number + 1): expected {\"text\": …}")
                }
                let index = TextIndex(input)
                let sentences = SentenceSegmenter.segment(input).map { index.slice($0.lowerBound, $0.upperBound) }
                let output = try JSONSerialization.data(withJSONObject: sentences, options: [.withoutEscapingSlashes])
                print(String(decoding: output, as: UTF8.self))
            }
            return
        }
        if page {
            let draft = try ArticleDraft(scrapedPage: text)
            let index = TextIndex(draft.text)
            for span in draft.spans {
                let block = span.block.paragraphIndex.map { "p\($0)" } ?? span.block.name
                print("\(span.ordinal)\t\(block)\t\(span.range.start)-\(span.range.end)\t\(index.slice(span.range.start, span.range.end))")
            }
            return
        }
        let index = TextIndex(text)
        for range in SentenceSegmenter.segment(text) { print(index.slice(range.lowerBound, range.upperBound)) }
    }
}
