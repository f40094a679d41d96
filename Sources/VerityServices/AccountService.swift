import Crypto
import Foundation
import HummingbirdBcrypt
import Logging
import VerityCore
import VerityData

/// Users, passwords and API tokens.
package struct AccountService: Sendable {
    package let database: Database
    package let store: AccountStore
    /// bcrypt work factor: 12 in production; tests lower it to keep user creation fast.
    package let bcryptCost: UInt8

    /// Creates the service.
    package init(database: Database, bcryptCost: UInt8 = 12) {
        self.database = database
        self.store = AccountStore(logger: database.logger)
        self.bcryptCost = bcryptCost
    }

    /// Creates a user with a bcrypt-hashed password.
    package func createUser(username: String, password: String?, isAdmin: Bool) async throws -> User {
        try User.validateUsername(username)
        if let password { try User.validatePassword(password) }
        let cost = bcryptCost
        let hash = try await password.asyncMap { password in try await BlockingLane.passwords.run { Bcrypt.hash(password, cost: cost) } }
        return try await database.transaction { connection in
            try await store.createUser(username: username, passwordHash: hash, isAdmin: isAdmin, on: connection)
        }
    }

    /// Issues a token for a user and returns it. Only its SHA-256 is stored: this is the one time it is seen.
    package func createToken(username: String, name: String, expiresAt: Date? = nil) async throws -> String {
        try await database.transaction { connection in
            guard let (user, _) = try await store.findUser(username: username, on: connection) else {
                throw VerityError.notFound("user")
            }
            guard !user.disabled else {
                throw VerityError(.validation, code: "user.disabled", "User \(user.username) is disabled.")
            }
            let token = Self.newToken()
            _ = try await store.createToken(userId: user.id, name: name, tokenHash: Self.hash(token), expiresAt: expiresAt, on: connection)
            return token
        }
    }

    /// Exchanges a username and password for a new token. Wrong username and wrong password fail alike,
    /// and take the same time (a bcrypt check runs either way).
    package func login(username: String, password: String, tokenName: String = "login", lifetime: TimeInterval = 30 * 24 * 3600) async throws -> (
        String, Date
    ) {
        let found = try await database.read { connection in try await store.findUser(username: username, on: connection) }
        let hash = found?.1 ?? Self.dummyHash
        let valid = try await BlockingLane.passwords.run { Bcrypt.verify(password, hash: hash) }
        guard valid, let (user, _) = found, found?.1 != nil, !user.disabled else {
            throw VerityError(.unauthenticated, code: "auth.invalid_credentials", "Wrong username or password.")
        }
        let expiresAt = Date().addingTimeInterval(lifetime)
        let token = Self.newToken()
        try await database.transaction { connection in
            _ = try await store.createToken(userId: user.id, name: tokenName, tokenHash: Self.hash(token), expiresAt: expiresAt, on: connection)
        }
        return (token, expiresAt)
    }

    /// The user a bearer token belongs to; throws `unauthenticated` for unknown, expired or revoked tokens.
    package func authenticate(token: String) async throws -> User {
        guard token.utf8.count <= 256,
            let user = try await database.read({ connection in
                try await store.userForToken(hash: Self.hash(token), on: connection)
            })
        else {
            throw VerityError(.unauthenticated, code: "auth.invalid_token", "The bearer token is not valid: unknown, expired or revoked.")
        }
        return user
    }

    /// 256 random bits, base64url, behind a prefix that secret scanners can recognise.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "vrt_" + base64
    }

    /// SHA-256 of a token's UTF-8 bytes: what the database stores and looks up.
    static func hash(_ token: String) -> Data { Data(SHA256.hash(data: Data(token.utf8))) }

    /// A valid bcrypt hash of a random string, checked when the username is unknown so that timing
    /// does not reveal which usernames exist.
    static let dummyHash = Bcrypt.hash(UUID().uuidString, cost: 12)
}

extension Optional {
    /// `map` with an async transform.
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
