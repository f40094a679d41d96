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
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.", subcommands: [Create.self, List.self, Disable.self, Enable.self, SetPassword.self])

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
            let password = try readPassword()
            try User.validateUsername(username)
            if dryRun {
                printError("would create user \(username)\(admin ? " (admin)" : "")")
                return
            }
            let logger = db.makeLogger()
            let user = try await db.withDatabase(logger: logger) { database in
                try await AccountService(database: database).createUser(username: username, password: password, isAdmin: admin)
            }
            print(user.id.lowercasedString)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")

        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print one JSON array: [{\"username\",\"admin\",\"disabled\",\"createdAt\"}].") var json = false

        func run() async throws {
            let users = try await db.withDatabase(logger: db.makeLogger()) { database in
                try await AccountService(database: database).users(actor: .system)
            }
            if json {
                printJSON(
                    users.map {
                        ["username": $0.username, "admin": $0.isAdmin, "disabled": $0.disabled, "createdAt": Timestamp.microseconds($0.createdAt)]
                    })
                return
            }
            for user in users {
                print(
                    "\(user.username)\t\(user.isAdmin ? "admin" : "-")\t\(user.disabled ? "disabled" : "enabled")\t\(Timestamp.seconds(user.createdAt))"
                )
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable a user: every token of theirs is refused at once and their open event streams end within seconds.")

        @OptionGroup var db: DatabaseOptions
        @Option(help: "The user.") var username: String
        @Flag(help: "Validate without writing.") var dryRun = false

        func run() async throws {
            if dryRun { return }
            _ = try await db.withDatabase(logger: db.makeLogger()) { database in
                try await AccountService(database: database).setDisabled(username: username, true, actor: .system)
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled user (their unrevoked, unexpired tokens work again).")

        @OptionGroup var db: DatabaseOptions
        @Option(help: "The user.") var username: String
        @Flag(help: "Validate without writing.") var dryRun = false

        func run() async throws {
            if dryRun { return }
            _ = try await db.withDatabase(logger: db.makeLogger()) { database in
                try await AccountService(database: database).setDisabled(username: username, false, actor: .system)
            }
        }
    }

    struct SetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-password", abstract: "Set a user's password (read from stdin); every token of theirs is revoked.")

        @OptionGroup var db: DatabaseOptions
        @Option(help: "The user.") var username: String
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
        @Flag(help: "Validate without writing.") var dryRun = false

        func validate() throws {
            guard passwordStdin else { throw ValidationError("--password-stdin is required: passwords are never taken on the command line.") }
        }

        func run() async throws {
            let password = try readPassword()
            if dryRun { return }
            let revoked = try await db.withDatabase(logger: db.makeLogger()) { database in
                try await AccountService(database: database).setPassword(username: username, password: password, actor: .system)
            }
            printError("password set for \(username); \(revoked.count) token\(revoked.count == 1 ? "" : "s") revoked")
        }
    }
}

/// Reads a password from the first line of standard input, checked like every password.
private func readPassword() throws -> String {
    guard let line = readLine(strippingNewline: true) else {
        throw VerityError.validation(code: .userNoPassword, "No password on standard input.")
    }
    try User.validatePassword(line)
    return line
}

/// Prints a JSON value on one line.
/// Prints a `--json` report: one line, keys sorted, written by Core's JSONWriter.
func printJSON(_ value: Any) {
    var json = JSONWriter()
    json.value(value)
    print(String(decoding: json.take(), as: UTF8.self))
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue an API token; prints the token alone, once.")

        @OptionGroup var db: DatabaseOptions
        @Option(help: "The user the token acts as.") var username: String
        @Option(help: "A name to recognise the token by.") var name: String = "cli"
        @Option(help: "Lifetime in days (default: \(APIToken.defaultCLILifetimeDays)).") var expiresInDays: Int?
        @Flag(help: "Issue a token that never expires (explicitly; revoke it when it is no longer needed).") var noExpiry = false

        func validate() throws {
            if let days = expiresInDays, !(1...APIToken.maximumLifetimeDays).contains(days) {
                throw ValidationError("--expires-in-days must be between 1 and \(APIToken.maximumLifetimeDays).")
            }
            if noExpiry && expiresInDays != nil { throw ValidationError("--no-expiry and --expires-in-days exclude each other.") }
        }

        func run() async throws {
            let logger = db.makeLogger()
            let expiresAt = noExpiry ? nil : Date().addingTimeInterval(Double(expiresInDays ?? APIToken.defaultCLILifetimeDays) * 86_400)
            let token = try await db.withDatabase(logger: logger) { database in
                try await AccountService(database: database).createToken(username: username, name: name, expiresAt: expiresAt)
            }
            print(token)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a user's tokens (never their secrets).")

        @OptionGroup var db: DatabaseOptions
        @Option(help: "The user.") var username: String
        @Flag(help: "Print one JSON array: [{\"id\",\"name\",\"createdAt\",\"lastUsedAt\",\"expiresAt\",\"revokedAt\"}].") var json = false

        func run() async throws {
            let tokens = try await db.withDatabase(logger: db.makeLogger()) { database in
                try await AccountService(database: database).tokens(username: username, actor: .system)
            }
            func time(_ date: Date?) -> Any { date.map { Timestamp.microseconds($0) as Any } ?? NSNull() }
            if json {
                printJSON(
                    tokens.map {
                        [
                            "id": $0.id.lowercasedString, "name": $0.name, "createdAt": time($0.createdAt), "lastUsedAt": time($0.lastUsedAt),
                            "expiresAt": time($0.expiresAt), "revokedAt": time($0.revokedAt),
                        ] as [String: Any]
                    })
                return
            }
            for token in tokens {
                let state = token.revokedAt != nil ? "revoked" : token.isLive() ? "live" : "expired"
                let expires = token.expiresAt.map(Timestamp.seconds) ?? "never"
                print(
                    "\(token.id.lowercasedString)\t\(token.name)\t\(state)\texpires \(expires)\tlast used \(token.lastUsedAt.map(Timestamp.seconds) ?? "never")"
                )
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a token (--id), or every token of a user (--username --all); open event streams on them end within seconds.")

        @OptionGroup var db: DatabaseOptions
        @Option(help: "The token's id (from `verity token list`).") var id: String?
        @Option(help: "The user whose tokens to revoke (with --all).") var username: String?
        @Flag(help: "Revoke every token of --username.") var all = false
        @Flag(help: "Validate without writing.") var dryRun = false

        func validate() throws {
            switch (id, username, all) {
            case (_?, nil, false), (nil, _?, true): break
            default: throw ValidationError("Give --id ID, or --username U --all.")
            }
        }

        func run() async throws {
            if dryRun { return }
            let count = try await db.withDatabase(logger: db.makeLogger()) { database -> Int in
                let accounts = AccountService(database: database)
                if let id { return try await accounts.revokeToken(id: id, actor: .system).revokedAt == nil ? 0 : 1 }
                return try await accounts.revokeAllTokens(username: username ?? "", actor: .system).count
            }
            if username != nil { printError("\(count) token\(count == 1 ? "" : "s") revoked") }
        }
    }
}

struct ProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project", abstract: "Manage projects.", subcommands: [Create.self, Update.self, AddMember.self, RemoveMember.self])

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

extension ProjectCommand {
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a project's settings; audited.")

        @OptionGroup var db: DatabaseOptions
        @Option(help: "Project slug or id.") var project: String
        @Option(help: "Display name.") var name: String?
        @Option(help: "Verdicts needed per claim (k).") var reviewersPerClaim: Int?
        @Flag(inversion: .prefixedNo, help: "Blind review: reviewers see no other verdict before submitting their own.") var blind: Bool?
        @Flag(
            inversion: .prefixedNo,
            help: "Refuse (409) any change to a verdict once its reviewer could see other verdicts on the claim (a strict desk).")
        var lockVerdictsAfterReveal: Bool?
        @Option(help: "Each claim's review page for ClaimReview: an http(s) URL with {claim} (and optionally {slug}); '' removes it.")
        var reviewUrlTemplate: String?
        @Option(help: "The organisation publishing the reviews (ClaimReview author); '' removes it.") var organization: String?
        @Option(help: "The organisation's URL; '' removes it.") var organizationUrl: String?
        @Option(help: "The share of queue leases that serve a control (gold) claim when one is waiting, 0 to 1.") var goldRate: Double?
        @Flag(help: "Validate without writing.") var dryRun = false

        func run() async throws {
            let change = ProjectSettingsChange(
                name: name, reviewersPerClaim: reviewersPerClaim, blindReview: blind, lockVerdictsAfterReveal: lockVerdictsAfterReveal,
                reviewURLTemplate: reviewUrlTemplate, organization: organization, organizationURL: organizationUrl,
                goldRate: goldRate)
            if dryRun {
                try change.validate()
                return
            }
            _ = try await db.withDatabase(logger: db.makeLogger()) { database in
                try await ProjectService(database: database).updateSettings(project: project, actor: .system, change)
            }
        }
    }

    struct RemoveMember: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove-member", abstract: "Remove a user from a project; their next request there is refused, their event streams end.")

        @OptionGroup var db: DatabaseOptions
        @Option(help: "Project slug or id.") var project: String
        @Option(help: "The user.") var username: String
        @Flag(help: "Validate without writing.") var dryRun = false

        func run() async throws {
            if dryRun { return }
            try await db.withDatabase(logger: db.makeLogger()) { database in
                try await ProjectService(database: database).removeMember(project: project, username: username)
            }
        }
    }
}
