import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import VerityCore
import VerityTestSupport

/// Who may call each operation. Every operationId in openapi.yaml must be here: a new route without an
/// entry fails `everyRouteIsInTheTable`.
enum RouteRule: Equatable {
    case open
    case authenticated
    case adminOnly
    case permission(Permission)
}

let routeRules: [String: RouteRule] = [
    "getHealth": .open, "getReadiness": .open, "getMetrics": .open, "getOpenAPIDocument": .open, "createToken": .open,
    "getMe": .authenticated, "listProjects": .authenticated, "createProject": .adminOnly,
    "listArticles": .permission(.readProject), "getArticle": .permission(.readProject), "createArticle": .permission(.importArticles),
    "listArticleRevisions": .permission(.readProject), "searchProject": .permission(.readProject),
    "streamProjectEvents": .permission(.readProject), "listWebhooks": .permission(.manageWebhooks),
    "createWebhook": .permission(.manageWebhooks), "deleteWebhook": .permission(.manageWebhooks),
    "listWebhookDeliveries": .permission(.manageWebhooks),
    "createClaim": .permission(.createClaim), "listClaims": .permission(.readProject), "getClaim": .permission(.readProject),
    "updateClaim": .permission(.createClaim), "deleteClaim": .permission(.deleteClaim), "reattachClaim": .permission(.resolveClaim),
    "submitVerdict": .permission(.submitVerdict), "listVerdicts": .permission(.readProject), "nextClaim": .permission(.submitVerdict),
    "resolveClaim": .permission(.resolveClaim), "getClaimHistory": .permission(.readAudit), "listAuditEvents": .permission(.readAudit),
    "getAgreement": .permission(.readAllVerdicts), "exportClaims": .permission(.readProject),
    "listMembers": .permission(.readProject), "setMember": .permission(.manageMembers), "removeMember": .permission(.manageMembers),
    "listTokens": .authenticated, "revokeCurrentToken": .authenticated, "revokeToken": .authenticated, "changePassword": .authenticated,
    "listUsers": .adminOnly, "updateUser": .adminOnly,
    "getProject": .permission(.readProject), "updateProject": .permission(.manageProject),
    "importReferences": .permission(.importReferences), "findSimilar": .permission(.readProject),
    "findSimilarToClaim": .permission(.readProject), "getGold": .permission(.manageGold), "setGold": .permission(.manageGold),
    "clearGold": .permission(.manageGold), "getReviewerQuality": .permission(.readReviewerQuality),
]

/// The operationIds of an OpenAPI document.
func operationIds(_ yaml: String) -> Set<String> {
    Set(
        yaml.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("operationId:") else { return nil }
            return trimmed.dropFirst("operationId:".count).trimmingCharacters(in: .whitespaces)
        })
}

@Suite("HTTP: every route × every role against the permission table")
struct AuthorizationMatrixTests {
    @Test("every documented operation has a rule in the table, and nothing else does")
    func everyRouteIsInTheTable() async throws {
        try await withTestServer { _, client in
            let spec = try await client.send(.get, "/openapi.yaml").text
            #expect(operationIds(spec) == Set(routeRules.keys))
        }
    }

    @Test("members get what their role allows (403 otherwise); outsiders get 404 for everything in the project")
    func matrix() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let t = desk.tokens
            let roles: [(String, Role?)] = [("out", nil), ("view", .viewer), ("r1", .reviewer), ("ed", .editor), ("own", .owner)]
            for (name, _) in roles {
                try await context.makeUser("spare-\(name)")
                try await context.makeUser("gone-\(name)")
                try await context.addMember("desk", "gone-\(name)", .viewer)
            }
            for (name, role) in roles {
                for (operation, rule) in routeRules.sorted(by: { $0.key < $1.key }) {
                    guard case .permission(let permission) = rule else { continue }
                    if operation == "streamProjectEvents" {
                        // An endless stream: read the response head over a raw socket, then hang up.
                        let head = try await RawHTTP.send(
                            port: try #require(client.port),
                            head: "GET /v1/projects/desk/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(t[name]!)", total: 0)
                        #expect(
                            head.status == (role == nil ? 404 : AccessPolicy.allows(role, permission) ? 200 : 403),
                            "\(name) \(operation): \(head.status)")
                        continue
                    }
                    // A fresh claim per request, so deletions and verdicts don't depend on order.
                    let claim = try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: t["ed"], json: #"{"start":0,"end":3}"#)
                    let claimId = try claim.jsonObject()["id"] as! String
                    let hook = try await client.send(
                        .post, "/v1/projects/desk/webhooks", token: t["own"], json: #"{"url":"http://127.0.0.1:9/hook"}"#)
                    let hookId = try hook.jsonObject()["id"] as! String
                    if operation == "getGold" || operation == "clearGold" {
                        _ = try await client.send(.put, "/v1/claims/\(claimId)/gold", token: t["ed"], json: #"{"rating":"false"}"#)
                    }
                    let request: (HTTPRequest.Method, String, String?, String?) =
                        switch operation {
                        case "listArticles": (.get, "/v1/projects/desk/articles", nil, nil)
                        case "getArticle": (.get, "/v1/articles/\(desk.articleId)", nil, nil)
                        case "listArticleRevisions": (.get, "/v1/articles/\(desk.articleId)/revisions", nil, nil)
                        case "searchProject": (.get, "/v1/projects/desk/search?q=sentence", nil, nil)
                        case "listWebhooks": (.get, "/v1/projects/desk/webhooks", nil, nil)
                        case "createWebhook": (.post, "/v1/projects/desk/webhooks", #"{"url":"http://127.0.0.1:9/hook"}"#, nil)
                        case "deleteWebhook": (.delete, "/v1/projects/desk/webhooks/\(hookId)", nil, nil)
                        case "listWebhookDeliveries": (.get, "/v1/projects/desk/webhooks/\(hookId)/deliveries", nil, nil)
                        case "createArticle": (.post, "/v1/projects/desk/articles", #"{"body":"A new article from \#(name)."}"#, nil)
                        case "createClaim": (.post, "/v1/articles/\(desk.articleId)/claims", #"{"start":0,"end":3}"#, nil)
                        case "listClaims": (.get, "/v1/projects/desk/claims", nil, nil)
                        case "getClaim": (.get, "/v1/claims/\(claimId)", nil, nil)
                        case "updateClaim": (.patch, "/v1/claims/\(claimId)", #"{"note":"n"}"#, "\"v1\"")
                        case "deleteClaim": (.delete, "/v1/claims/\(claimId)", nil, "\"v1\"")
                        case "reattachClaim": (.put, "/v1/claims/\(claimId)/anchor", #"{"start":0,"end":5}"#, "\"v1\"")
                        case "submitVerdict": (.put, "/v1/claims/\(claimId)/verdicts/mine", #"{"rating":"true"}"#, nil)
                        case "listVerdicts": (.get, "/v1/claims/\(claimId)/verdicts", nil, nil)
                        case "nextClaim": (.post, "/v1/projects/desk/queue/next", nil, nil)
                        case "resolveClaim": (.put, "/v1/claims/\(claimId)/resolution", #"{"rating":"true"}"#, nil)
                        case "getClaimHistory": (.get, "/v1/claims/\(claimId)/history", nil, nil)
                        case "listAuditEvents": (.get, "/v1/projects/desk/audit", nil, nil)
                        case "listMembers": (.get, "/v1/projects/desk/members", nil, nil)
                        case "getProject": (.get, "/v1/projects/desk", nil, nil)
                        case "updateProject": (.patch, "/v1/projects/desk", #"{"name":"Desk"}"#, nil)
                        case "getAgreement": (.get, "/v1/projects/desk/agreement", nil, nil)
                        case "exportClaims": (.get, "/v1/projects/desk/export?format=jsonl&status=all", nil, nil)
                        case "setMember": (.put, "/v1/projects/desk/members/spare-\(name)", #"{"role":"viewer"}"#, nil)
                        case "removeMember": (.delete, "/v1/projects/desk/members/gone-\(name)", nil, "\"v1\"")
                        case "importReferences":
                            (
                                .post, "/v1/projects/desk/references",
                                #"{"@type":"ClaimReview","url":"https://checks.example/\#(name)","claimReviewed":"Taxes fell.","reviewRating":{"alternateName":"False"}}"#,
                                nil
                            )
                        case "findSimilar": (.get, "/v1/projects/desk/similar?text=taxes%20fell", nil, nil)
                        case "findSimilarToClaim": (.get, "/v1/claims/\(claimId)/similar", nil, nil)
                        case "getGold": (.get, "/v1/claims/\(claimId)/gold", nil, nil)
                        case "setGold": (.put, "/v1/claims/\(claimId)/gold", #"{"rating":"false"}"#, nil)
                        case "clearGold": (.delete, "/v1/claims/\(claimId)/gold", nil, nil)
                        case "getReviewerQuality": (.get, "/v1/projects/desk/reviewers", nil, nil)
                        default: (.get, "/unlisted/\(operation)", nil, nil)
                        }
                    #expect(!request.1.hasPrefix("/unlisted"), "no request written for \(operation)")
                    var headers: HTTPFields = [:]
                    if let ifMatch = request.3 { headers[.ifMatch] = ifMatch }
                    let response = try await client.send(request.0, request.1, token: t[name], json: request.2, headers: headers)
                    let status = response.status.code
                    if role == nil {
                        #expect(status == 404, "outsider \(operation): \(status)")
                    } else if AccessPolicy.allows(role, permission) {
                        #expect(![401, 403, 404].contains(status) && status < 500, "\(name) \(operation): \(status) \(response.text)")
                    } else {
                        #expect(status == 403, "\(name) \(operation): \(status)")
                    }
                }
                // Routes outside any project.
                #expect(try await client.send(.get, "/v1/me", token: t[name]).status == .ok)
                #expect(try await client.send(.get, "/v1/projects", token: t[name]).status == .ok)
                #expect(try await client.send(.post, "/v1/projects", token: t[name], json: #"{"slug":"by-\#(name)"}"#).status == .forbidden)
                // Account routes: everyone manages their own tokens and password; only admins manage users.
                #expect(try await client.send(.get, "/v1/auth/tokens", token: t[name]).status == .ok)
                #expect(try await client.send(.get, "/v1/users", token: t[name]).status == .forbidden)
                #expect(try await client.send(.patch, "/v1/users/spare-\(name)", token: t[name], json: #"{"disabled":true}"#).status == .forbidden)
                #expect(try await client.send(.delete, "/v1/auth/tokens/\(UUID().uuidString)", token: t[name]).status == .notFound)
                let wrongPassword = try await client.send(
                    .put, "/v1/me/password", token: t[name], json: #"{"currentPassword":"not-the-password","newPassword":"whatever-it-is"}"#)
                #expect(wrongPassword.status == .forbidden)
            }
            let (_, admin) = try await context.makeUserWithToken("root", admin: true)
            #expect(try await client.send(.post, "/v1/projects", token: admin, json: #"{"slug":"by-admin"}"#).status == .created)
            #expect(try await client.send(.get, "/v1/users", token: admin).status == .ok)
            #expect(try await client.send(.patch, "/v1/users/spare-out", token: admin, json: #"{"disabled":true}"#).status == .ok)
            // Logging out works for anyone, and only for the token used.
            let spare = try await context.accounts.createToken(username: "root", name: "spare", expiresAt: nil)
            #expect(try await client.send(.delete, "/v1/auth/tokens/current", token: spare).status == .noContent)
            #expect(try await client.send(.get, "/v1/me", token: spare).status == .unauthorized)
            #expect(try await client.send(.get, "/v1/me", token: admin).status == .ok)
            let me = try await client.send(.get, "/v1/me", token: admin).jsonObject()
            #expect((me["projects"] as? [[String: Any]])?.compactMap { $0["slug"] as? String } == ["by-admin"])
            let outsiderProjects = try await client.send(.get, "/v1/projects", token: t["out"]).jsonObject()
            #expect((outsiderProjects["items"] as? [[String: Any]])?.compactMap { $0["slug"] as? String } == ["other"])
        }
    }

    @Test("members: owners change roles with If-Match; the last owner stays")
    func members() async throws {
        try await withTestServer { context, client in
            let desk = try await Desk.make(context)
            let t = desk.tokens
            let members = try await client.send(.get, "/v1/projects/desk/members", token: t["view"]).jsonObject()["items"] as? [[String: Any]] ?? []
            #expect(members.count == 6)
            #expect(try await client.send(.put, "/v1/projects/desk/members/r1", token: t["own"], json: #"{"role":"editor"}"#).status.code == 428)
            let promoted = try await client.send(
                .put, "/v1/projects/desk/members/r1", token: t["own"], json: #"{"role":"editor"}"#, headers: [.ifMatch: "\"v1\""])
            #expect(promoted.status == .ok && promoted.headers[.eTag] == "\"v2\"")
            #expect(
                try await client.send(
                    .put, "/v1/projects/desk/members/r1", token: t["own"], json: #"{"role":"viewer"}"#, headers: [.ifMatch: "\"v1\""]
                ).status == .preconditionFailed)
            let demoteLast = try await client.send(
                .put, "/v1/projects/desk/members/own", token: t["own"], json: #"{"role":"editor"}"#, headers: [.ifMatch: "\"v1\""])
            #expect(demoteLast.status == .conflict)
            #expect(try demoteLast.jsonObject()["code"] as? String == "membership.last_owner")
            #expect(
                try await client.send(.delete, "/v1/projects/desk/members/own", token: t["own"], headers: [.ifMatch: "\"v1\""]).status == .conflict)
            #expect(try await client.send(.put, "/v1/projects/desk/members/nobody", token: t["own"], json: #"{"role":"viewer"}"#).status == .notFound)
            let audit =
                try await client.send(.get, "/v1/projects/desk/audit?limit=5", token: t["own"]).jsonObject()["items"] as? [[String: Any]] ?? []
            #expect(audit.first?["action"] as? String == "membership.updated")
        }
    }
}
