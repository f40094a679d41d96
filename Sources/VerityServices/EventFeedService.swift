import Foundation
import Logging
import VerityCore
import VerityData

/// The audit trail as a feed of live events: what each server process's event hub reads, what a
/// reconnecting client missed, and which verdict contents a reader may see (blind review), decided for
/// a whole batch of events at once.
package struct EventFeedService: Sendable {
    private let database: Database
    private let audit: AuditStore
    private let reviews: ReviewStore

    /// Creates the service.
    package init(database: Database) {
        self.database = database
        self.audit = AuditStore(logger: database.logger)
        self.reviews = ReviewStore(logger: database.logger)
    }

    /// Where a feed starts now: the newest id, ids below it (within `window`) not yet in the trail, and the
    /// snapshot's xmax.
    package func start(window: Int64) async throws -> (latest: Int64, missing: [Int64], xmax: Int64) {
        try await database.read { connection in try await audit.feedStart(window: window, on: connection) }
    }

    /// Events above `highest` or among `gaps`, oldest first, with the snapshot's xmin and xmax.
    package func read(highest: Int64, gaps: [Int64], limit: Int) async throws -> (events: [AuditEvent], xmin: Int64, xmax: Int64) {
        try await database.read { connection in try await audit.feed(highest: highest, gaps: gaps, limit: limit, on: connection) }
    }

    /// A project's events past a reader's cursor, oldest first, each with the cursor to resume after it.
    package func missed(projectId: UUID, after cursor: EventCursor, limit: Int) async throws -> [(event: AuditEvent, cursor: EventCursor)] {
        let (events, missing) = try await database.read { connection in
            try await audit.missed(projectId: projectId, after: cursor, limit: limit, maxMissing: EventCursor.maximumGaps, on: connection)
        }
        // Ids passed between the old position and a replayed event are other projects' events, or not in the
        // trail yet (`missing`): only the latter stay gaps.
        var highest = cursor.highest
        var gaps = Set(cursor.gaps)
        var result: [(event: AuditEvent, cursor: EventCursor)] = []
        for event in events {
            if event.id > highest { highest = event.id } else { gaps.remove(event.id) }
            result.append((event, EventCursor(highest: highest, gaps: gaps.union(missing.filter { $0 < highest }))))
        }
        return result
    }

    /// A verdict event's subject: which claim, whose verdict.
    private struct VerdictRef: Decodable {
        var claimId: UUID
        var reviewerId: UUID
    }

    /// The ids of the verdict events in `events` whose contents `user` may not see now (the blind-review
    /// rule, `VerdictVisibility`), with one database statement for the whole batch, however many events.
    package func hiddenVerdicts(in events: [AuditEvent], user: User, role: Role?, blindReview: Bool) async throws -> Set<Int64> {
        if AccessPolicy.allows(role, .readAllVerdicts, isAdmin: user.isAdmin) { return [] }
        var subjects: [(event: Int64, ref: VerdictRef?)] = []
        for event in events where event.objectType == "verdict" {
            let ref = (event.after ?? event.before).flatMap { try? JSONDecoder().decode(VerdictRef.self, from: Data($0.utf8)) }
            if ref?.reviewerId == user.id { continue }
            subjects.append((event.id, ref))
        }
        guard !subjects.isEmpty else { return [] }
        let claimIds = Array(Set(subjects.compactMap { $0.ref?.claimId }))
        let facts = try await database.read { connection in try await reviews.visibilityFacts(claimIds: claimIds, reviewer: user.id, on: connection) }
        var hidden = Set<Int64>()
        for subject in subjects {
            guard let ref = subject.ref, let fact = facts[ref.claimId],
                VerdictVisibility.of(
                    role: role, isAdmin: user.isAdmin, blindReview: blindReview, hasOwnVerdict: fact.hasOwnVerdict, status: fact.status)
                    == .all
            else {
                hidden.insert(subject.event)
                continue
            }
        }
        return hidden
    }
}
