import Foundation
import OpenAPIRuntime
import VerityAPI
import VerityCore
import VerityServices

/// Accounts and access: tokens, the caller's password, and users (instance admins).
extension APIHandler {
    func listTokens(_ input: Operations.ListTokens.Input) async throws -> Operations.ListTokens.Output {
        let caller = try RequestIdentity.currentAuthentication()
        let tokens = try await accounts.tokens(username: input.query.username, actor: .user(caller.user))
        return .ok(.init(body: .json(.init(items: tokens.map { Components.Schemas.TokenInfo($0, current: $0.id == caller.tokenId) }))))
    }

    func revokeCurrentToken(_ input: Operations.RevokeCurrentToken.Input) async throws -> Operations.RevokeCurrentToken.Output {
        try await accounts.logout(caller: try RequestIdentity.currentAuthentication())
        return .noContent(.init())
    }

    func revokeToken(_ input: Operations.RevokeToken.Input) async throws -> Operations.RevokeToken.Output {
        _ = try await accounts.revokeToken(id: input.path.tokenId, actor: .user(try RequestIdentity.current()))
        return .noContent(.init())
    }

    func changePassword(_ input: Operations.ChangePassword.Input) async throws -> Operations.ChangePassword.Output {
        guard case .json(let body) = input.body else { throw VerityError.validation(code: .requestInvalid, "Expected JSON.") }
        try await accounts.changePassword(
            caller: try RequestIdentity.currentAuthentication(), current: body.currentPassword, new: body.newPassword,
            address: RequestIdentity.clientAddress)
        return .noContent(.init())
    }

    func listUsers(_ input: Operations.ListUsers.Input) async throws -> Operations.ListUsers.Output {
        let users = try await accounts.users(actor: .user(try RequestIdentity.current()))
        return .ok(.init(body: .json(.init(items: users.map(Components.Schemas.UserInfo.init)))))
    }

    func updateUser(_ input: Operations.UpdateUser.Input) async throws -> Operations.UpdateUser.Output {
        guard case .json(let body) = input.body else { throw VerityError.validation(code: .requestInvalid, "Expected JSON.") }
        let user = try await accounts.setDisabled(username: input.path.username, body.disabled, actor: .user(try RequestIdentity.current()))
        return .ok(.init(body: .json(.init(user))))
    }
}

extension Components.Schemas.TokenInfo {
    init(_ token: APIToken, current: Bool) {
        self.init(
            id: token.id.lowercasedString, name: token.name, username: token.username, createdAt: token.createdAt, lastUsedAt: token.lastUsedAt,
            expiresAt: token.expiresAt, revokedAt: token.revokedAt, current: current)
    }
}

extension Components.Schemas.UserInfo {
    init(_ user: User) {
        self.init(id: user.id.lowercasedString, username: user.username, admin: user.isAdmin, disabled: user.disabled, createdAt: user.createdAt)
    }
}
