import Foundation
import Synchronization
import Testing
import VerityCore
import VerityData
import VerityServices
import VerityTestSupport

private final class Collected: Sendable {
    let text = Mutex("")
}

@Suite("Control claims in exports")
struct GoldExportTests {
    @Test("the operator's and editors' exports leave control claims out unless asked; a reviewer's keeps them")
    func exportsAndGold() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            let editor = try await context.makeUser("ed")
            try await context.addMember("desk", "ed", .editor)
            let reviewer = try await context.makeUser("rev")
            try await context.addMember("desk", "rev", .reviewer)
            let articleId = try await context.makeArticle("desk", body: "A first sentence. A second one.")
            var ids: [UUID] = []
            for (start, end) in [(0, 17), (18, 31)] {
                ids.append(
                    try await context.claims.create(
                        articleId: articleId.uuidString, user: editor, start: start, end: end, unit: .codePoint, exact: nil, prefix: nil,
                        suffix: nil, metadata: ClaimMetadata()
                    ).id)
            }
            let quality = QualityService(database: context.database, projects: context.projects)
            _ = try await quality.setGold(claimId: ids[1].uuidString, rating: "false", user: editor)
            let exports = ExportService(database: context.database, projects: context.projects)
            func export(_ actor: Actor, includeGold: Bool = false) async throws -> String {
                let output = Collected()
                try await exports.export(
                    project: "desk", actor: actor, format: .jsonl, selection: .all, since: nil, organization: nil, organizationURL: nil,
                    reviewURLTemplate: nil, includeGold: includeGold
                ) { piece in output.text.withLock { $0 += piece } }
                return output.text.withLock { $0 }
            }
            let gold = ids[1].uuidString.lowercased()
            for actor in [Actor.system, .user(editor)] {
                let plain = try await export(actor)
                #expect(plain.contains(ids[0].uuidString.lowercased()) && !plain.contains(gold))
                #expect(try await export(actor, includeGold: true).contains(gold))
            }
            #expect(try await export(.user(reviewer)).contains(gold))
        }
    }
}
