import Foundation

/// A person who can sign in.
package struct User: Sendable, Equatable {
    package var id: UUID
    package var username: String
    package var isAdmin: Bool
    package var disabled: Bool
    package var createdAt: Date

    /// Creates a user value.
    package init(id: UUID, username: String, isAdmin: Bool, disabled: Bool, createdAt: Date) {
        self.id = id
        self.username = username
        self.isAdmin = isAdmin
        self.disabled = disabled
        self.createdAt = createdAt
    }

    /// Usernames: 1–64 letters, digits, `.`, `_`, `@`, `-`, starting with a letter or digit.
    package static func validateUsername(_ username: String) throws {
        guard username.range(of: #"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}\z"#, options: .regularExpression) != nil else {
            throw VerityError.validation(
                code: .userInvalidUsername, "Invalid username.",
                [FieldError(path: "username", message: "1–64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit")])
        }
    }

    /// Passwords: at least 8 characters, at most 72 UTF-8 bytes (bcrypt ignores anything longer).
    package static func validatePassword(_ password: String) throws {
        guard password.count >= 8, password.utf8.count <= 72 else {
            throw VerityError.validation(
                code: .userInvalidPassword, "Invalid password.",
                [FieldError(path: "password", message: "at least 8 characters and at most 72 bytes")])
        }
    }
}

/// A desk's workspace.
package struct Project: Sendable, Equatable {
    package var id: UUID
    package var slug: String
    package var name: String
    package var reviewersPerClaim: Int
    package var blindReview: Bool
    package var createdAt: Date
    /// The ordered ratings verdicts and resolutions use (CONTRACT.md's default unless the project set its own).
    package var ratingScale: RatingScale
    /// Whether a reviewer may no longer change a verdict once they could see another verdict on the claim
    /// (a strict desk): such a change is refused with 409 instead of being recorded as revised after seeing.
    package var lockVerdictsAfterReveal: Bool
    /// What the project publishes under (ClaimReview): each claim's review page, a template with `{claim}`
    /// (the claim id) and/or `{slug}` (the project's slug); the publishing organisation and its URL.
    package var reviewURLTemplate: String?
    package var organization: String?
    package var organizationURL: String?
    /// The share of queue leases that serve a control (gold) claim when one is waiting, 0…1.
    package var goldRate: Double = 0.1

    /// Creates a project value.
    package init(
        id: UUID, slug: String, name: String, reviewersPerClaim: Int, blindReview: Bool, createdAt: Date, ratingScale: RatingScale = .standard,
        lockVerdictsAfterReveal: Bool = false
    ) {
        self.lockVerdictsAfterReveal = lockVerdictsAfterReveal
        self.id = id
        self.slug = slug
        self.name = name
        self.reviewersPerClaim = reviewersPerClaim
        self.blindReview = blindReview
        self.createdAt = createdAt
        self.ratingScale = ratingScale
    }

    /// The review page URL of a claim, from the template.
    package func reviewURL(template: String, claimId: UUID) -> String {
        template.replacingOccurrences(of: "{claim}", with: claimId.lowercasedString).replacingOccurrences(of: "{slug}", with: slug)
    }

    /// A review URL template: an absolute http(s) URL once `{claim}` and `{slug}` are filled, naming
    /// `{claim}` (so that every review has its own page, as Google's one-review-per-page rule asks).
    package static func reviewURLTemplateProblems(_ template: String, path: String = "reviewUrlTemplate") -> [FieldError] {
        let filled = template.replacingOccurrences(of: "{claim}", with: "00000000-0000-4000-8000-000000000000")
            .replacingOccurrences(of: "{slug}", with: "desk")
        var errors: [FieldError] = []
        if !template.contains("{claim}") {
            errors.append(FieldError(path: path, message: "must contain {claim}: each claim's review has its own page"))
        }
        if template.unicodeScalars.count > 2_000 { errors.append(FieldError(path: path, message: "at most 2000 characters")) }
        let url = URL(string: filled)
        if url?.scheme.map({ ["http", "https"].contains($0.lowercased()) }) != true || (url?.host ?? "").isEmpty
            || filled.contains(where: { $0 == "{" || $0 == "}" || $0.isWhitespace })
        {
            errors.append(FieldError(path: path, message: "must be an absolute http or https URL (with {claim} and {slug} as the only placeholders)"))
        }
        return errors
    }

    /// Slugs: lower-case letters, digits and `-`, 1–63 characters, starting with a letter or digit.
    package static func validateSlug(_ slug: String) throws {
        guard slug.range(of: #"^[a-z0-9][a-z0-9-]{0,62}$"#, options: .regularExpression) != nil else {
            throw VerityError.validation(
                code: .projectInvalidSlug, "Invalid project slug.",
                [FieldError(path: "slug", message: "1–63 lower-case letters, digits or '-', starting with a letter or digit")])
        }
    }

    /// The longest project name, in code points (the API document's `maxLength`).
    package static let maxNameLength = 200

    /// Names: at most 200 characters (code points).
    package static func validateName(_ name: String?) throws {
        guard let name, name.unicodeScalars.count > maxNameLength else { return }
        throw VerityError.validation(
            code: .projectInvalidName, "The project name is too long.",
            [FieldError(path: "name", message: "at most \(maxNameLength) characters")])
    }

    /// Reviewers per claim: 1 to 20.
    package static func validateReviewersPerClaim(_ k: Int) throws {
        guard (1...20).contains(k) else {
            throw VerityError.validation(
                code: .projectInvalidReviewersPerClaim, "Invalid reviewers per claim.",
                [FieldError(path: "reviewersPerClaim", message: "must be between 1 and 20")])
        }
    }
}

/// A stored article's metadata, as listed.
package struct ArticleSummary: Sendable, Equatable {
    package var id: UUID
    package var projectId: UUID
    package var metadata: ArticleMetadata
    package var contentHash: String
    package var codePoints: Int
    package var utf16Length: Int
    package var spanCount: Int
    package var createdAt: Date
    /// The current revision of the text (1 until the article is re-imported with a corrected text).
    package var revision: Int

    /// Creates a summary.
    package init(
        id: UUID, projectId: UUID, metadata: ArticleMetadata, contentHash: String, codePoints: Int, utf16Length: Int, spanCount: Int, createdAt: Date,
        revision: Int = 1
    ) {
        self.revision = revision
        self.id = id
        self.projectId = projectId
        self.metadata = metadata
        self.contentHash = contentHash
        self.codePoints = codePoints
        self.utf16Length = utf16Length
        self.spanCount = spanCount
        self.createdAt = createdAt
    }
}

/// A stored sentence span.
package struct Span: Sendable, Equatable {
    package var id: Int64
    package var ordinal: Int
    package var block: BlockKind
    package var range: TextRange
    /// `text[start..<end]` in code points.
    package var text: String

    /// Creates a span.
    package init(id: Int64, ordinal: Int, block: BlockKind, range: TextRange, text: String) {
        self.id = id
        self.ordinal = ordinal
        self.block = block
        self.range = range
        self.text = text
    }
}

/// A stored article with its text and spans.
package struct Article: Sendable, Equatable {
    package var summary: ArticleSummary
    package var text: String
    package var spans: [Span]

    /// Creates an article.
    package init(summary: ArticleSummary, text: String, spans: [Span]) {
        self.summary = summary
        self.text = text
        self.spans = spans
    }
}

/// One page of a keyset-paginated listing.
package struct Page<Item: Sendable>: Sendable {
    package var items: [Item]
    /// Opaque cursor for the next page, nil on the last one.
    package var nextCursor: String?

    /// Creates a page.
    package init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

extension Page {
    /// Listings take at most this many items per page.
    package static var maxLimit: Int { 200 }

    /// Checks a requested page size (default 50).
    package static func validLimit(_ limit: Int?) throws -> Int {
        let limit = limit ?? 50
        guard (1...maxLimit).contains(limit) else {
            throw VerityError.validation(
                code: .paginationInvalidLimit, "Invalid limit.", [FieldError(path: "limit", message: "must be between 1 and \(maxLimit)")])
        }
        return limit
    }

    /// Reads a cursor that is the last id of the previous page (a positive integer).
    package static func idCursor(_ value: String) throws -> Int64 {
        guard value.count <= 19, let id = Int64(value), id > 0 else { throw Cursor.invalid }
        return id
    }

    /// A page from `limit + 1` fetched rows: the extra row, when present, only says that a next page exists,
    /// whose cursor is made from the last item kept.
    package init(overfetched rows: [Item], limit: Int, cursor: (Item) -> String) {
        var items = rows
        var next: String?
        if items.count > limit {
            items.removeLast(items.count - limit)
            next = items.last.map(cursor)
        }
        self.init(items: items, nextCursor: next)
    }
}

/// A keyset position in a listing ordered newest first: (created_at, id), encoded as an opaque string.
package struct Cursor: Sendable, Equatable {
    /// The row's creation instant in microseconds since the Unix epoch, exactly as PostgreSQL stores it
    /// (never through a floating-point `Date`, which loses the last microsecond on the way back).
    package var createdMicroseconds: Int64
    package var id: UUID

    /// Creates a cursor.
    package init(createdMicroseconds: Int64, id: UUID) {
        self.createdMicroseconds = createdMicroseconds
        self.id = id
    }

    /// The opaque form: base64url of `microseconds:uuid`.
    package var encoded: String {
        Data("\(createdMicroseconds):\(id.uuidString.lowercased())".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a cursor; throws a validation error naming the parameter when it is not one of ours.
    package init(encoded: String) throws {
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard encoded.count <= 128, let data = Data(base64Encoded: base64), let string = String(data: data, encoding: .utf8) else {
            throw Self.invalid
        }
        let parts = string.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let micros = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else { throw Self.invalid }
        self.init(createdMicroseconds: micros, id: id)
    }

    /// The refusal for a cursor this server did not issue.
    package static let invalid = VerityError.validation(
        code: .paginationInvalidCursor, "The cursor is not valid.",
        [FieldError(path: "cursor", message: "use the nextCursor of a previous page")])
}

/// A user's role in a project.
package struct Membership: Sendable, Equatable, Codable {
    package var projectId: UUID
    package var userId: UUID
    package var username: String
    package var role: Role
    package var version: Int

    /// Creates a membership value.
    package init(projectId: UUID, userId: UUID, username: String, role: Role, version: Int) {
        self.projectId = projectId
        self.userId = userId
        self.username = username
        self.role = role
        self.version = version
    }
}

/// An API token as its owner and admins see it: never the secret (only its hash is stored anyway).
package struct APIToken: Sendable, Equatable, Codable {
    @LowercaseID package var id: UUID
    @LowercaseID package var userId: UUID
    package var username: String
    package var name: String
    package var createdAt: Date
    package var lastUsedAt: Date?
    package var expiresAt: Date?
    package var revokedAt: Date?

    /// Creates a token value.
    package init(
        id: UUID, userId: UUID, username: String, name: String, createdAt: Date, lastUsedAt: Date?, expiresAt: Date?, revokedAt: Date?
    ) {
        self.id = id
        self.userId = userId
        self.username = username
        self.name = name
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Whether the token still lets its user in (not revoked, not expired); the user may still be disabled.
    package func isLive(at now: Date = Date()) -> Bool { revokedAt == nil && (expiresAt.map { $0 > now } ?? true) }

    /// How long a token made at the CLI lives unless told otherwise.
    package static let defaultCLILifetimeDays = 90
    /// The longest lifetime a token may be given in days (ten years; `--no-expiry` is the explicit way past it).
    package static let maximumLifetimeDays = 3_650
    /// Token names: at most 100 characters.
    package static let maximumNameLength = 100
}

/// The resource a request's path names, whose project decides who may see it: resolved together with
/// the caller's token, so an outsider is answered 404 before anything else of the request is looked at.
package enum ResourceScope: Sendable, Equatable {
    /// `/v1/projects/{slug or id}/…`
    case project(String)
    /// `/v1/articles/{id}/…`
    case article(UUID)
    /// `/v1/claims/{id}/…`
    case claim(UUID)

    /// The kind of object, for `<kind>.not_found`.
    package var kind: ResourceKind {
        switch self {
        case .project: .project
        case .article: .article
        case .claim: .claim
        }
    }
}

/// Who a bearer token says the caller is, and — when the request names a resource — the project it
/// belongs to and the caller's role there.
package struct Authentication: Sendable, Equatable {
    package var user: User
    package var tokenId: UUID
    /// The project of the requested resource; nil when the request named none, or it does not exist.
    package var projectId: UUID?
    /// The caller's role in that project (nil: not a member).
    package var role: Role?
    /// The caller's last writing transaction (PostgreSQL `xid8`, as text), when a read replica is in use:
    /// reads go to the replica only once it has replayed that transaction.
    package var lastWrite: String?

    /// Creates an authentication result.
    package init(user: User, tokenId: UUID, projectId: UUID? = nil, role: Role? = nil, lastWrite: String? = nil) {
        self.user = user
        self.tokenId = tokenId
        self.projectId = projectId
        self.role = role
        self.lastWrite = lastWrite
    }
}

/// Read-your-writes with a read replica: who the current request runs for, bound by the HTTP gate for
/// the request's duration. Writing transactions record their id for this user; replica reads wait for
/// (or go around) a replica that has not replayed the user's last one.
package enum ReadYourWrites {
    /// The caller of a request.
    package struct Caller: Sendable, Equatable {
        package let userId: UUID
        /// The caller's last writing transaction when the request began (nil: none recorded).
        package let lastWrite: String?

        /// Creates a caller.
        package init(userId: UUID, lastWrite: String?) {
            self.userId = userId
            self.lastWrite = lastWrite
        }
    }

    /// The current request's caller; nil outside requests (CLI, background work).
    @TaskLocal package static var caller: Caller?
}

/// The access an open stream was granted, checked again while it runs.
package struct StreamGrant: Sendable, Equatable {
    package var tokenId: UUID
    package var projectId: UUID

    /// Creates a grant.
    package init(tokenId: UUID, projectId: UUID) {
        self.tokenId = tokenId
        self.projectId = projectId
    }
}

/// What a grant allows now: nil when the token or its user no longer lets anyone in.
package struct StreamAccess: Sendable, Equatable {
    package var isAdmin: Bool
    package var role: Role?

    /// Creates an access value.
    package init(isAdmin: Bool, role: Role?) {
        self.isAdmin = isAdmin
        self.role = role
    }

    /// Whether the project may still be read at all.
    package var mayReadProject: Bool { AccessPolicy.allows(role, .readProject, isAdmin: isAdmin) }
}

/// The server a pool is on, as readiness and metrics report it.
package struct DatabaseNode: Sendable, Equatable {
    /// Whether the server takes writes.
    package enum Role: String, Sendable {
        case primary, standby
    }

    /// `host:port` (or the socket path).
    package let endpoint: String
    package let role: Role
    /// The hosts the connection string names (empty for one host).
    package let candidates: [String]
    /// How many times the pool has moved to another server since start.
    package let moves: Int
    /// Units of work holding one of the pool's connections now, and waiting for one.
    package let leased: Int
    package let waiting: Int
    /// The most connections the pool opens.
    package let maximumConnections: Int

    /// Creates a report.
    package init(endpoint: String, role: Role, candidates: [String], moves: Int, leased: Int = 0, waiting: Int = 0, maximumConnections: Int = 0) {
        self.endpoint = endpoint
        self.role = role
        self.candidates = candidates
        self.moves = moves
        self.leased = leased
        self.waiting = waiting
        self.maximumConnections = maximumConnections
    }
}
