import Crypto
import Foundation
import HummingbirdBcrypt
import Logging
import VerityCore
import VerityData

/// Users, passwords and API tokens: who gets in, and taking that away. Every change is audited (never a
/// password or a token's secret). The CLI acts as `.system`; over HTTP, instance admins manage users and
/// everyone manages their own tokens and password.
package struct AccountService: Sendable {
    package let database: Database
    package let store: AccountStore
    /// bcrypt work factor: 12 in production; tests lower it to keep user creation fast.
    package let bcryptCost: UInt8
    /// The failed-login limits.
    package let loginLimits: LoginThrottle.Limits
    /// Where password checks run: bounded, so parallel guessing is refused quickly instead of queued.
    package let passwordLane: BlockingLane
    private let audit: AuditStore

    /// Creates the service.
    package init(
        database: Database, bcryptCost: UInt8 = 12, loginLimits: LoginThrottle.Limits = .init(), passwordLane: BlockingLane = .forPasswords()
    ) {
        self.database = database
        self.store = AccountStore(logger: database.logger)
        self.bcryptCost = bcryptCost
        self.loginLimits = loginLimits
        self.passwordLane = passwordLane
        self.audit = AuditStore(logger: database.logger)
    }

    // MARK: - Users

    /// Creates a user with a bcrypt-hashed password; audited.
    package func createUser(username: String, password: String?, isAdmin: Bool, actor: Actor = .system) async throws -> User {
        try User.validateUsername(username)
        if let password { try User.validatePassword(password) }
        let hash = try await password.asyncMap { try await hashPassword($0) }
        return try await database.transaction { connection in
            let user = try await store.createUser(username: username, passwordHash: hash, isAdmin: isAdmin, on: connection)
            try await audit.record(
                projectId: nil, actorId: actor.user?.id, action: "user.created", objectType: "user", objectId: user.id.lowercasedString,
                before: UserRecord?.none, after: UserRecord(user), on: connection)
            return user
        }
    }

    /// Every user (instance admins and the CLI).
    package func users(actor: Actor) async throws -> [User] {
        try Self.requireAdmin(actor)
        return try await database.read { connection in try await store.users(on: connection) }
    }

    /// Disables or enables a user (instance admins and the CLI). A disabled user's every token is refused
    /// from the next request on, and their open event streams end within seconds; their tokens are kept,
    /// so enabling them again restores access (revoke the tokens too to make that impossible). An admin
    /// cannot disable themselves over HTTP: the CLI is the way back in, and locking oneself out by
    /// accident should not be one click away.
    package func setDisabled(username: String, _ disabled: Bool, actor: Actor) async throws -> User {
        try Self.requireAdmin(actor)
        return try await database.transaction { connection in
            guard let (current, _) = try await store.findUser(username: username, on: connection) else { throw VerityError.notFound(.user) }
            if disabled, current.id == actor.user?.id {
                throw VerityError(.conflict, code: .userSelfDisable, "You cannot disable your own account; ask another admin or use the CLI.")
            }
            guard current.disabled != disabled else { return current }
            guard let updated = try await store.setDisabled(userId: current.id, disabled, on: connection) else { throw VerityError.notFound(.user) }
            try await audit.record(
                projectId: nil, actorId: actor.user?.id, action: disabled ? "user.disabled" : "user.enabled", objectType: "user",
                objectId: current.id.lowercasedString, before: UserRecord(current), after: UserRecord(updated), on: connection)
            return updated
        }
    }

    /// Sets a user's password (the CLI) and revokes every token they hold: whoever had them is out.
    package func setPassword(username: String, password: String, actor: Actor) async throws -> [APIToken] {
        try Self.requireAdmin(actor)
        try User.validatePassword(password)
        let hash = try await hashPassword(password)
        return try await database.transaction { connection in
            guard let (user, _) = try await store.findUser(username: username, on: connection) else { throw VerityError.notFound(.user) }
            return try await replacePassword(of: user, hash: hash, keeping: nil, actor: actor, on: connection)
        }
    }

    /// Changes the caller's own password after checking the current one (throttled like a login), and
    /// revokes every other token of theirs: the session that changed it stays signed in.
    package func changePassword(caller: Authentication, current: String, new: String, address: String?) async throws {
        try User.validatePassword(new)
        try await checkPassword(username: caller.user.username, password: current, address: address, wrong: .forbidden)
        let hash = try await hashPassword(new)
        try await database.transaction { connection in
            _ = try await replacePassword(of: caller.user, hash: hash, keeping: caller.tokenId, actor: .user(caller.user), on: connection)
        }
    }

    private func replacePassword(of user: User, hash: String, keeping: UUID?, actor: Actor, on connection: DatabaseConnection) async throws
        -> [APIToken]
    {
        try await store.setPasswordHash(userId: user.id, hash, on: connection)
        try await audit.record(
            projectId: nil, actorId: actor.user?.id, action: "user.password_set", objectType: "user", objectId: user.id.lowercasedString,
            before: String?.none, after: ["username": user.username], on: connection)
        let revoked = try await store.revokeTokens(userId: user.id, ids: nil, except: keeping, on: connection)
        try await auditRevocations(revoked, actor: actor, reason: "password set", on: connection)
        return revoked
    }

    // MARK: - Tokens

    /// Issues a token for a user (the CLI) and returns it. Only its SHA-256 is stored: this is the one time
    /// it is seen.
    package func createToken(username: String, name: String, expiresAt: Date?, actor: Actor = .system) async throws -> String {
        try Self.validateTokenName(name)
        return try await database.transaction { connection in
            guard let (user, _) = try await store.findUser(username: username, on: connection) else {
                throw VerityError.notFound(.user)
            }
            guard !user.disabled else {
                throw VerityError(.validation, code: .userDisabled, "User \(user.username) is disabled.")
            }
            return try await issueToken(for: user, name: name, expiresAt: expiresAt, actor: actor, on: connection)
        }
    }

    private func issueToken(for user: User, name: String, expiresAt: Date?, actor: Actor, on connection: DatabaseConnection) async throws -> String {
        let secret = Self.newToken()
        let token = try await store.createToken(userId: user.id, name: name, tokenHash: Self.hash(secret), expiresAt: expiresAt, on: connection)
        try await audit.record(
            projectId: nil, actorId: actor.user?.id, action: "token.issued", objectType: "api_token",
            objectId: token.id.lowercasedString, before: APIToken?.none, after: token, on: connection)
        return secret
    }

    /// A user's tokens: the caller's own, or anyone's for instance admins and the CLI (`username`).
    package func tokens(username: String?, actor: Actor) async throws -> [APIToken] {
        try await database.read { connection in
            let user = try await resolveTokenOwner(username: username, actor: actor, on: connection)
            return try await store.tokens(userId: user.id, on: connection)
        }
    }

    /// Revokes one token: the caller's own, or anyone's for instance admins and the CLI. A token the
    /// caller may not see is not found. Revoking a revoked token changes nothing.
    package func revokeToken(id: String, actor: Actor) async throws -> APIToken {
        guard let uuid = UUID(uuidString: id) else { throw VerityError.notFound(.token) }
        return try await database.transaction { connection in
            guard let token = try await store.token(id: uuid, on: connection),
                actor == .system || actor.user?.isAdmin == true || actor.user?.id == token.userId
            else { throw VerityError.notFound(.token) }
            let revoked = try await store.revokeTokens(userId: token.userId, ids: [uuid], on: connection)
            try await auditRevocations(revoked, actor: actor, reason: nil, on: connection)
            return revoked.first ?? token
        }
    }

    /// Revokes every token of a user (the CLI: a leaked password, someone leaving).
    package func revokeAllTokens(username: String, actor: Actor) async throws -> [APIToken] {
        try Self.requireAdmin(actor)
        return try await database.transaction { connection in
            guard let (user, _) = try await store.findUser(username: username, on: connection) else { throw VerityError.notFound(.user) }
            let revoked = try await store.revokeTokens(userId: user.id, ids: nil, on: connection)
            try await auditRevocations(revoked, actor: actor, reason: nil, on: connection)
            return revoked
        }
    }

    private func resolveTokenOwner(username: String?, actor: Actor, on connection: DatabaseConnection) async throws -> User {
        switch (username, actor) {
        case (nil, .user(let user)):
            return user
        case (let name?, .user(let user)) where !user.isAdmin && name.lowercased() != user.username.lowercased():
            throw VerityError(.forbidden, code: .tokenAdminOnly, "Only instance admins list other users' tokens.")
        case (let name?, _):
            guard let (user, _) = try await store.findUser(username: name, on: connection) else { throw VerityError.notFound(.user) }
            return user
        case (nil, .system):
            throw VerityError.validation(
                code: .tokenNoUser, "Name the user whose tokens to list.", [FieldError(path: "username", message: "required")])
        }
    }

    private func auditRevocations(_ tokens: [APIToken], actor: Actor, reason: String?, on connection: DatabaseConnection) async throws {
        for token in tokens {
            try await audit.record(
                projectId: nil, actorId: actor.user?.id, action: "token.revoked", objectType: "api_token", objectId: token.id.lowercasedString,
                before: String?.none, after: RevocationRecord(token: token, reason: reason), on: connection)
        }
    }

    // MARK: - Signing in

    /// Exchanges a username and password for a new token. Wrong username and wrong password fail alike,
    /// and take the same time (a bcrypt check runs either way). Attempts are throttled per username and
    /// per client address, counted in the database before the password is checked.
    package func login(username: String, password: String, address: String?, tokenName: String = "login", lifetime: TimeInterval = 30 * 24 * 3600)
        async throws -> (String, Date)
    {
        let user = try await checkPassword(username: username, password: password, address: address, wrong: .unauthenticated)
        let expiresAt = Date().addingTimeInterval(lifetime)
        let token = try await database.transaction { connection in
            try await issueToken(for: user, name: tokenName, expiresAt: expiresAt, actor: .user(user), on: connection)
        }
        return (token, expiresAt)
    }

    /// Checks a password under the throttle: the shape first (no work for what could never match), then a
    /// slot in the password lane (refused at once when full), then a reserved attempt in the database,
    /// then bcrypt. Returns the user when the password is right and the account enabled; otherwise throws
    /// `wrong` (401 for a login, 403 for a password change) and the attempt stays counted.
    @discardableResult
    private func checkPassword(username: String, password: String, address: String?, wrong: VerityError.Kind) async throws -> User {
        try LoginThrottle.checkShape(username: username, password: password)
        try await passwordLane.admit()
        defer { passwordLane.leave() }
        let scopes = LoginThrottle.scopes(username: username, address: address, limits: loginLimits)
        let (reserved, retryAfter) = try await database.read { connection in
            try await store.reserveLoginAttempt(scopes: scopes, window: loginLimits.window, on: connection)
        }
        guard let reserved else { throw LoginThrottle.refusal(retryAfter: retryAfter) }
        let found: (User, String?)?
        let valid: Bool
        do {
            found = try await database.read { connection in try await store.findUser(username: username, on: connection) }
            let hash = found?.1 ?? Self.dummyHash
            valid = try await passwordLane.runAdmitted { Bcrypt.verify(password, hash: hash) }
        } catch {
            // The password was never judged: the attempt does not count.
            try? await database.read { connection in try await store.releaseLoginAttempts(reserved, clearing: nil, on: connection) }
            throw error
        }
        guard valid, let (user, hash) = found, hash != nil, !user.disabled else {
            throw wrong == .forbidden
                ? VerityError(.forbidden, code: .authWrongPassword, "The current password is not right.")
                : VerityError(.unauthenticated, code: .authInvalidCredentials, "Wrong username or password.")
        }
        try await database.read { connection in
            try await store.releaseLoginAttempts(reserved, clearing: LoginThrottle.usernameScope(username), on: connection)
        }
        return user
    }

    /// Revokes the token a request was made with (logging out).
    package func logout(caller: Authentication) async throws {
        _ = try await revokeToken(id: caller.tokenId.uuidString, actor: .user(caller.user))
    }

    /// Who a bearer token says the caller is, and — when the request names a resource — that resource's
    /// project and the caller's role there; throws `unauthenticated` for unknown, expired or revoked tokens
    /// and disabled users.
    package func authenticate(token: String, scope: ResourceScope? = nil) async throws -> Authentication {
        guard token.utf8.count <= 256,
            let found = try await database.read({ connection in
                try await store.authenticate(tokenHash: Self.hash(token), scope: scope, on: connection)
            })
        else {
            throw VerityError(.unauthenticated, code: .authInvalidToken, "The bearer token is not valid: unknown, expired or revoked.")
        }
        return found
    }

    /// What each open stream's grant allows now (nil: its token or user no longer gets in).
    package func currentAccess(_ grants: [StreamGrant]) async throws -> [StreamAccess?] {
        try await database.read { connection in try await store.currentAccess(grants, on: connection) }
    }

    // MARK: - Helpers

    private func hashPassword(_ password: String) async throws -> String {
        let cost = bcryptCost
        return try await passwordLane.run { Bcrypt.hash(password, cost: cost) }
    }

    private static func requireAdmin(_ actor: Actor) throws {
        guard actor == .system || actor.user?.isAdmin == true else {
            throw VerityError(.forbidden, code: .userAdminOnly, "Only instance admins manage users.")
        }
    }

    /// Token names: 1–100 characters, no control characters.
    package static func validateTokenName(_ name: String) throws {
        guard !name.isEmpty, name.unicodeScalars.count <= APIToken.maximumNameLength,
            !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw VerityError.validation(
                code: .tokenInvalidName, "Invalid token name.",
                [FieldError(path: "name", message: "1 to \(APIToken.maximumNameLength) characters, no control characters")])
        }
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

/// What the audit trail keeps of a user (never the password hash).
struct UserRecord: Encodable {
    var username: String
    var admin: Bool
    var disabled: Bool

    init(_ user: User) {
        username = user.username
        admin = user.isAdmin
        disabled = user.disabled
    }
}

/// What the audit trail keeps of a revocation.
struct RevocationRecord: Encodable {
    var token: APIToken
    var reason: String?
}

extension Optional {
    /// `map` with an async transform.
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
