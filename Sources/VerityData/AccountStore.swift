import Foundation
import Logging
import PostgresNIO
import VerityCore

/// Users and their API tokens.
package struct AccountStore: Sendable {
    package let logger: Logger

    /// Creates the store.
    package init(logger: Logger) { self.logger = logger }

    private func user(_ row: PostgresRow) throws -> User {
        let (id, username, isAdmin, disabled, createdAt) = try row.decode((UUID, String, Bool, Bool, Date).self)
        return User(id: id, username: username, isAdmin: isAdmin, disabled: disabled, createdAt: createdAt)
    }

    /// Inserts a user; a taken username (in any case) is a conflict.
    package func createUser(username: String, passwordHash: String?, isAdmin: Bool, disabled: Bool = false, on connection: DatabaseConnection)
        async throws -> User
    {
        let rows = try await connection.query(
            """
            INSERT INTO users (username, password_hash, is_admin, disabled) VALUES (\(username), \(passwordHash), \(isAdmin), \(disabled))
            RETURNING id, username, is_admin, disabled, created_at
            """, logger: logger)
        for try await row in rows { return try user(row) }
        throw VerityError(.internalError, code: "user.insert_failed", "The user was not created.")
    }

    /// A user and their password hash, by username (case-insensitive).
    package func findUser(username: String, on connection: DatabaseConnection) async throws -> (User, String?)? {
        let rows = try await connection.query(
            "SELECT id, username, is_admin, disabled, created_at, password_hash FROM users WHERE lower(username) = lower(\(username))",
            logger: logger)
        for try await row in rows {
            let hash = try row.makeRandomAccess()["password_hash"].decode(String?.self)
            return (try user(row), hash)
        }
        return nil
    }

    /// Stores a new token's hash for a user and returns the token's id.
    package func createToken(userId: UUID, name: String, tokenHash: Data, expiresAt: Date?, on connection: DatabaseConnection) async throws -> UUID {
        let rows = try await connection.query(
            """
            INSERT INTO api_tokens (user_id, name, token_hash, expires_at) VALUES (\(userId), \(name), \(tokenHash), \(expiresAt))
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(UUID.self) { return id }
        throw VerityError(.internalError, code: "token.insert_failed", "The token was not created.")
    }

    /// The live, enabled user a token hash belongs to: not revoked, not expired. Also notes when the token
    /// was last used, at most once a minute so reads don't all become writes.
    package func userForToken(hash: Data, on connection: DatabaseConnection) async throws -> User? {
        let rows = try await connection.query(
            """
            WITH token AS (
                UPDATE api_tokens SET last_used_at = now()
                WHERE token_hash = \(hash) AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
                  AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
                RETURNING user_id
            )
            SELECT u.id, u.username, u.is_admin, u.disabled, u.created_at
            FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = \(hash) AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND NOT u.disabled
            """, logger: logger)
        for try await row in rows { return try user(row) }
        return nil
    }
}
