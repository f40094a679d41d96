import Foundation
import Logging
import NIOCore
import PostgresNIO
import VerityCore

/// Users, their API tokens, and login attempts.
package struct AccountStore: Sendable {
    package let logger: Logger

    /// Creates the store.
    package init(logger: Logger) { self.logger = logger }

    private static let userColumns = "u.id, u.username, u.is_admin, u.disabled, u.created_at"

    private func user(_ row: PostgresRow) throws -> User {
        let (id, username, isAdmin, disabled, createdAt) = try row.decode((UUID, String, Bool, Bool, Date).self)
        return User(id: id, username: username, isAdmin: isAdmin, disabled: disabled, createdAt: createdAt)
    }

    // MARK: - Users

    /// Inserts a user; a taken username (in any case) is a conflict.
    package func createUser(username: String, passwordHash: String?, isAdmin: Bool, disabled: Bool = false, on connection: DatabaseConnection)
        async throws -> User
    {
        let rows = try await connection.query(
            """
            INSERT INTO users AS u (username, password_hash, is_admin, disabled, disabled_at, password_changed_at)
            VALUES (\(username), \(passwordHash), \(isAdmin), \(disabled), CASE WHEN \(disabled) THEN now() END,
                CASE WHEN \(passwordHash)::text IS NOT NULL THEN now() END)
            RETURNING \(unescaped: Self.userColumns)
            """, logger: logger)
        for try await row in rows { return try user(row) }
        throw VerityError(.internalError, code: .userInsertFailed, "The user was not created.")
    }

    /// A user and their password hash, by username (case-insensitive).
    package func findUser(username: String, on connection: DatabaseConnection) async throws -> (User, String?)? {
        // No stored name has another shape (every one was validated), and some shapes — a NUL — PostgreSQL
        // cannot even compare: such a name is simply nobody.
        guard (try? User.validateUsername(username)) != nil else { return nil }
        let rows = try await connection.query(
            "SELECT \(unescaped: Self.userColumns), u.password_hash FROM users u WHERE lower(u.username) = lower(\(username))", logger: logger)
        for try await row in rows {
            let hash = try row.makeRandomAccess()["password_hash"].decode(String?.self)
            return (try user(row), hash)
        }
        return nil
    }

    /// Every user, by username.
    package func users(on connection: DatabaseConnection) async throws -> [User] {
        var result: [User] = []
        for try await row in try await connection.query(
            "SELECT \(unescaped: Self.userColumns) FROM users u ORDER BY lower(u.username)", logger: logger)
        {
            result.append(try user(row))
        }
        return result
    }

    /// Disables or enables a user; nil when there is no such user. Disabling refuses every token of the
    /// user at the next request (authentication reads the flag), without revoking them.
    package func setDisabled(userId: UUID, _ disabled: Bool, on connection: DatabaseConnection) async throws -> User? {
        let rows = try await connection.query(
            """
            UPDATE users AS u SET disabled = \(disabled), disabled_at = CASE WHEN \(disabled) THEN coalesce(u.disabled_at, now()) END
            WHERE u.id = \(userId) RETURNING \(unescaped: Self.userColumns)
            """, logger: logger)
        for try await row in rows { return try user(row) }
        return nil
    }

    /// Replaces a user's password hash.
    package func setPasswordHash(userId: UUID, _ hash: String, on connection: DatabaseConnection) async throws {
        try await connection.query(
            "UPDATE users SET password_hash = \(hash), password_changed_at = now() WHERE id = \(userId)", logger: logger)
    }

    // MARK: - Tokens

    private static let tokenColumns = "t.id, t.user_id, u.username, t.name, t.created_at, t.last_used_at, t.expires_at, t.revoked_at"

    private func token(_ row: PostgresRow) throws -> APIToken {
        let (id, userId, username, name, created, used, expires, revoked) = try row.decode(
            (UUID, UUID, String, String, Date, Date?, Date?, Date?).self)
        return APIToken(
            id: id, userId: userId, username: username, name: name, createdAt: created, lastUsedAt: used, expiresAt: expires, revokedAt: revoked)
    }

    /// Stores a new token's hash for a user.
    package func createToken(userId: UUID, name: String, tokenHash: Data, expiresAt: Date?, on connection: DatabaseConnection) async throws
        -> APIToken
    {
        let rows = try await connection.query(
            """
            WITH t AS (
                INSERT INTO api_tokens (user_id, name, token_hash, expires_at) VALUES (\(userId), \(name), \(tokenHash), \(expiresAt))
                RETURNING *
            )
            SELECT \(unescaped: Self.tokenColumns) FROM t JOIN users u ON u.id = t.user_id
            """, logger: logger)
        for try await row in rows { return try token(row) }
        throw VerityError(.internalError, code: .tokenInsertFailed, "The token was not created.")
    }

    /// A user's tokens, newest first: live ones, and revoked or expired ones of the last 30 days (what an
    /// owner checks after a leak).
    package func tokens(userId: UUID, on connection: DatabaseConnection) async throws -> [APIToken] {
        var result: [APIToken] = []
        let rows = try await connection.query(
            """
            SELECT \(unescaped: Self.tokenColumns) FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.user_id = \(userId)
              AND ((t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now() - interval '30 days'))
                   OR t.revoked_at > now() - interval '30 days')
            ORDER BY t.created_at DESC, t.id DESC
            """, logger: logger)
        for try await row in rows { result.append(try token(row)) }
        return result
    }

    /// A token by id.
    package func token(id: UUID, on connection: DatabaseConnection) async throws -> APIToken? {
        let rows = try await connection.query(
            "SELECT \(unescaped: Self.tokenColumns) FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = \(id)", logger: logger)
        for try await row in rows { return try token(row) }
        return nil
    }

    /// Revokes the given tokens of a user that are not revoked yet, or all of them but `except` when `ids`
    /// is nil; returns the tokens this revoked (already revoked ones are left as they were).
    package func revokeTokens(userId: UUID, ids: [UUID]?, except: UUID? = nil, on connection: DatabaseConnection) async throws -> [APIToken] {
        var result: [APIToken] = []
        let rows = try await connection.query(
            """
            WITH t AS (
                UPDATE api_tokens SET revoked_at = now()
                WHERE user_id = \(userId) AND revoked_at IS NULL AND (\(ids)::uuid[] IS NULL OR id = ANY(\(ids)))
                  AND (\(except)::uuid IS NULL OR id <> \(except))
                RETURNING *
            )
            SELECT \(unescaped: Self.tokenColumns) FROM t JOIN users u ON u.id = t.user_id ORDER BY t.created_at, t.id
            """, logger: logger)
        for try await row in rows { result.append(try token(row)) }
        return result
    }

    // MARK: - Authentication

    /// The caller a token hash belongs to — a live token of an enabled user — and, when the request names a
    /// resource, its project and the caller's role there, in one statement. Also notes when the token was
    /// last used, at most once a minute so reads don't all become writes. Nil for an unknown, expired or
    /// revoked token, or a disabled user. A resource that does not exist leaves `projectId` nil.
    package func authenticate(tokenHash: Data, scope: ResourceScope?, on connection: DatabaseConnection) async throws -> Authentication? {
        let project: String?
        let article: UUID?
        let claim: UUID?
        switch scope {
        case .project(let slugOrId): (project, article, claim) = (slugOrId, nil, nil)
        case .article(let id): (project, article, claim) = (nil, id, nil)
        case .claim(let id): (project, article, claim) = (nil, nil, id)
        case nil: (project, article, claim) = (nil, nil, nil)
        }
        return try await connection.first(
            Authenticate(
                tokenHash: ByteBuffer(bytes: tokenHash), project: project, projectId: project.flatMap(UUID.init(uuidString:)), article: article,
                claim: claim),
            logger: logger)
    }

    /// The authentication statement: prepared once per connection, it is the first statement of every
    /// authenticated request.
    struct Authenticate: PostgresPreparedStatement {
        static let sql = """
            WITH live AS (
                SELECT t.id AS token_id, t.user_id FROM api_tokens t
                WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
            ), touched AS (
                UPDATE api_tokens SET last_used_at = now()
                WHERE id = (SELECT token_id FROM live) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
                RETURNING id
            ), target AS (
                SELECT p.id AS project_id FROM projects p WHERE $2::text IS NOT NULL AND (p.slug = $2 OR p.id = $3::uuid)
                UNION ALL SELECT a.project_id FROM articles a WHERE a.id = $4::uuid
                UNION ALL SELECT c.project_id FROM claims c WHERE c.id = $5::uuid
                LIMIT 1
            )
            SELECT \(userColumns), live.token_id, target.project_id, m.role, rp.xid::text
            FROM live JOIN users u ON u.id = live.user_id AND NOT u.disabled
            LEFT JOIN target ON true
            LEFT JOIN memberships m ON m.project_id = target.project_id AND m.user_id = u.id
            LEFT JOIN read_positions rp ON rp.user_id = u.id
            """
        typealias Row = Authentication
        var tokenHash: ByteBuffer
        var project: String?
        var projectId: UUID?
        var article: UUID?
        var claim: UUID?

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 5)
            bindings.append(tokenHash)
            bindings.append(project)
            bindings.append(projectId)
            bindings.append(article)
            bindings.append(claim)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Authentication {
            var r = RowReader(row)
            let user = User(
                id: try r.next(UUID.self), username: try r.next(String.self), isAdmin: try r.next(Bool.self), disabled: try r.next(Bool.self),
                createdAt: try r.next(Date.self))
            return Authentication(
                user: user, tokenId: try r.next(UUID.self), projectId: try r.next(UUID?.self),
                role: try r.next(String?.self).flatMap(Role.init(rawValue:)), lastWrite: try r.next(String?.self))
        }
    }

    /// What each grant allows now, in one statement for any number of open streams: nil for a grant whose
    /// token was revoked or expired or whose user was disabled.
    package func currentAccess(_ grants: [StreamGrant], on connection: DatabaseConnection) async throws -> [StreamAccess?] {
        guard !grants.isEmpty else { return [] }
        var result = [StreamAccess?](repeating: nil, count: grants.count)
        let rows = try await connection.query(
            """
            SELECT g.ord, u.is_admin, m.role
            FROM unnest(\(grants.map(\.tokenId))::uuid[], \(grants.map(\.projectId))::uuid[]) WITH ORDINALITY AS g(token_id, project_id, ord)
            JOIN api_tokens t ON t.id = g.token_id AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
            JOIN users u ON u.id = t.user_id AND NOT u.disabled
            LEFT JOIN memberships m ON m.project_id = g.project_id AND m.user_id = u.id
            """, logger: logger)
        for try await (ordinal, isAdmin, role) in rows.decode((Int64, Bool, String?).self) {
            result[Int(ordinal) - 1] = StreamAccess(isAdmin: isAdmin, role: role.flatMap(Role.init(rawValue:)))
        }
        return result
    }

    // MARK: - Login attempts

    /// Reserves one attempt in each scope (see `verity_reserve_login_attempt`): the reservation's ids, or
    /// nil and how many seconds to wait when a scope's limit is used up.
    package func reserveLoginAttempt(scopes: [(scope: String, limit: Int)], window: TimeInterval, on connection: DatabaseConnection) async throws
        -> (reserved: [Int64]?, retryAfter: Double)
    {
        let rows = try await connection.query(
            "SELECT reserved, retry_after FROM verity_reserve_login_attempt(\(scopes.map(\.scope)), \(scopes.map(\.limit))::integer[], \(window))",
            logger: logger)
        for try await (reserved, retryAfter) in rows.decode(([Int64]?, Double).self) { return (reserved, retryAfter) }
        return (nil, window)
    }

    /// Takes back reserved attempts that did not fail (the password was right, or was never checked), and
    /// with `clearing`, every failure counted against that scope (a successful login clears its username).
    package func releaseLoginAttempts(_ ids: [Int64], clearing scope: String?, on connection: DatabaseConnection) async throws {
        try await connection.query(
            "DELETE FROM login_attempts WHERE id = ANY(\(ids)) OR (\(scope)::text IS NOT NULL AND scope = \(scope))", logger: logger)
    }
}
