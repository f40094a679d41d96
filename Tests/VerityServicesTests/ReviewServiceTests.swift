import Foundation
import Testing
import VerityCore
import VerityData
import VerityServices
import VerityTestSupport

@Suite("Review service")
struct ReviewServiceTests {
    @Test("imports and CLI membership changes are audited in the same transaction")
    func importAndMembershipAudited() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            try await context.makeUser("ana")
            try await context.addMember("desk", "ana", .reviewer)
            try await context.addMember("desk", "ana", .reviewer)  // no change, no event
            try await context.addMember("desk", "ana", .editor)
            try await context.makeArticle("desk")
            let actions = try await context.sql("SELECT action FROM audit_events ORDER BY id").map { $0[0] ?? "" }
            #expect(actions == ["project.created", "user.created", "membership.created", "membership.updated", "import.completed"])
            let imported = try await context.sql("SELECT after->>'imported', object_type FROM audit_events WHERE action = 'import.completed'")
            #expect(imported.first == ["1", "import_batch"])
        }
    }

    @Test("a project's own rating scale is what verdicts and resolutions are checked against")
    func customScale() async throws {
        try await withTestDatabase { context in
            let scale = RatingScale(ratings: [
                .init(value: "correct", label: "Correct", ordinal: 3), .init(value: "misleading", label: "Misleading", ordinal: 2),
                .init(value: "wrong", label: "Wrong", ordinal: 1),
            ])
            let project = try await context.projects.create(slug: "desk", name: nil, reviewersPerClaim: 1, blindReview: true, ratingScale: scale)
            #expect(project.ratingScale == scale)
            let reviewer = try await context.makeUser("rev")
            try await context.addMember("desk", "rev", .reviewer)
            let articleId = try await context.makeArticle("desk")
            let claim = try await context.claims.create(
                articleId: articleId.uuidString, user: reviewer, start: 0, end: 5, unit: .codePoint, exact: nil, prefix: nil, suffix: nil,
                metadata: ClaimMetadata())
            let refused = try await #require(throws: VerityError.self) {
                try await context.verdicts.submit(claimId: claim.id.uuidString, user: reviewer, input: VerdictInput(rating: "true"), ifMatch: nil)
            }
            #expect(refused.fieldErrors.first?.message == "one of correct, misleading, wrong")
            let (verdict, created) = try await context.verdicts.submit(
                claimId: claim.id.uuidString, user: reviewer, input: VerdictInput(rating: "misleading"), ifMatch: nil)
            #expect(created && verdict.rating == "misleading")
            #expect(try await context.claims.claim(id: claim.id.uuidString, user: reviewer).status == .agreed)
            #expect(throws: VerityError.self) {
                try RatingScale(ratings: [.init(value: "Bad Value", label: "", ordinal: 1)]).validateDefinition()
            }
        }
    }
}
