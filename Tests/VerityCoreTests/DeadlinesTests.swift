import Testing

@testable import VerityCore

@Suite("Deadlines: many waits, one ticker")
struct DeadlinesTests {
    @Test("a wait ends once its deadline has passed, not before; the ticker stops when no wait is left", .timeLimit(.minutes(1)))
    func endsAtDeadline() async throws {
        let deadlines = Deadlines(resolution: .milliseconds(10))
        let start = ContinuousClock.now
        await deadlines.wait(for: .milliseconds(150))
        let waited = ContinuousClock.now - start
        #expect(waited >= .milliseconds(150))
        // Generous: a loaded machine schedules late, but a wait that never ended would hit the time limit.
        #expect(waited < .seconds(20))
        #expect(!Task.isCancelled)
        // The ticker ends with the last wait (checked until it has had a tick to notice).
        var pending = deadlines.pending
        for _ in 0..<200 where pending.ticking {
            try await Task.sleep(for: .milliseconds(10))
            pending = deadlines.pending
        }
        #expect(pending.waits == 0 && !pending.ticking)
    }

    @Test("cancelled waits end at once and leave nothing in the table, before or while they wait", .timeLimit(.minutes(1)))
    func cancelledWaitsEndAtOnce() async throws {
        let deadlines = Deadlines(resolution: .milliseconds(10))
        // 2,000 waits of an hour, as 2,000 leases of a busy minute would be, all cancelled.
        let start = ContinuousClock.now
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<2_000 {
                group.addTask {
                    await deadlines.wait(for: .seconds(3_600))
                    return Task.isCancelled
                }
            }
            // Wait until every one is in the table, then cancel them all.
            var waiting = 0
            for _ in 0..<2_000 where waiting < 2_000 {
                waiting = deadlines.pending.waits
                if waiting < 2_000 { try? await Task.sleep(for: .milliseconds(5)) }
            }
            #expect(waiting == 2_000)
            group.cancelAll()
            var cancelled = 0
            for await wasCancelled in group where wasCancelled { cancelled += 1 }
            #expect(cancelled == 2_000)
        }
        #expect(ContinuousClock.now - start < .seconds(30))
        #expect(deadlines.pending.waits == 0)

        // Cancelled before it begins: returns without entering the table.
        let early = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            await deadlines.wait(for: .seconds(3_600))
            return Task.isCancelled
        }
        #expect(await early.value)
        #expect(deadlines.pending.waits == 0)
    }

    @Test("waits with different deadlines each end after their own", .timeLimit(.minutes(1)))
    func severalDeadlines() async throws {
        let deadlines = Deadlines(resolution: .milliseconds(10))
        let start = ContinuousClock.now
        let ended = await withTaskGroup(of: Int.self) { group in
            for (index, milliseconds) in [300, 50, 150].enumerated() {
                group.addTask {
                    await deadlines.wait(for: .milliseconds(milliseconds))
                    #expect(ContinuousClock.now - start >= .milliseconds(milliseconds))
                    return index
                }
            }
            var order: [Int] = []
            for await index in group { order.append(index) }
            return order
        }
        #expect(ended.sorted() == [0, 1, 2])
    }
}
