import Foundation
import Testing
import VerityCore
import VerityData
import VerityTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Faults injected into the real binary against a real PostgreSQL: a killed import, a database that
/// goes away under load, and a shutdown under load.
@Suite("End to end: fault injection", .serialized)
struct FaultInjectionTests {
    static func url(_ settings: ConnectionSettings) -> String {
        "postgresql://\(settings.user)@\(settings.host):\(settings.port)/\(settings.database)?sslmode=disable"
    }

    @Test("kill -9 half-way through importing 10,000 articles, then the same command: every article exactly once, none partial")
    func killedImport() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            let folder = FileManager.default.temporaryDirectory.appending(path: "verity-kill-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            // 10,000 articles in 40 files: each file is one transaction, so a kill leaves whole files or nothing.
            for file in 0..<40 {
                let lines = (0..<250).map { i -> String in
                    let n = file * 250 + i
                    return
                        #"{"externalId":"a-\#(n)","title":"Article \#(n)","body":"Sentence one of article \#(n). A second sentence, with a comma. The third ends it."}"#
                }
                try Data(lines.joined(separator: "\n").utf8).write(to: folder.appending(path: String(format: "part-%02d.jsonl", file)))
            }
            let arguments = ["import", "--project", "desk", "--json", "--database", Self.url(context.settings), folder.path]
            let first = try ChildProcess([ChildProcess.verityBinary] + arguments)
            var committed = 0
            let deadline = ContinuousClock.now + .seconds(300)
            while committed == 0 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
                committed = Int(try await context.sql("SELECT count(*) FROM articles")[0][0] ?? "0") ?? 0
            }
            first.signal(SIGKILL)
            #expect(try await first.wait() == 128 + SIGKILL)
            let afterKill = Int(try await context.sql("SELECT count(*) FROM articles")[0][0] ?? "0") ?? 0
            #expect(afterKill > 0 && afterKill < 10_000, "the kill came half-way: \(afterKill) articles were in")
            #expect(afterKill % 250 == 0, "whole files only: \(afterKill)")

            let again = try await runVerity(arguments)
            #expect(again.status == 0, "\(again.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
            #expect(report["imported"] as? Int == 10_000 - afterKill)
            #expect(report["duplicates"] as? Int == afterKill)
            let check = try await context.sql(
                """
                SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT external_id) FROM articles),
                       (SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM spans s WHERE s.article_id = a.id)),
                       (SELECT count(*) FROM spans s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.article_id)),
                       (SELECT count(*) FROM spans),
                       (SELECT count(*) FROM import_batches WHERE status <> 'completed')
                """)
            #expect(check == [["10000", "10000", "0", "0", "40000", "0"]], "a title and three sentences each")
        }
    }

    /// Runs `pg_ctl` on an embedded cluster, as its owner.
    static func pgCtl(_ arguments: [String]) throws {
        let binaries = try PostgresBinaries.locate()
        let command = [binaries.pgCtl] + arguments
        _ = try PostgresBinaries.runProcess(geteuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + command : command)
    }

    /// One request's outcome under load.
    struct Sample: Sendable {
        var at: ContinuousClock.Instant
        var finished: ContinuousClock.Instant
        var status: Int
        var seconds: Double
        var retryAfter: String?
        var claimId: String?
    }

    @Test("PostgreSQL stopped for 10 s under read and write load: 503 with Retry-After meanwhile, normal within 5 s after, no accepted write lost")
    func databaseOutage() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "verity-outage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = chmod(directory.path, 0o755)
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = ["--data-dir", directory.appending(path: "data").path]
        #expect(
            try await runVerity(["user", "create", "--username", "ed", "--admin", "--password-stdin"] + data, stdin: "password-ed-1\n").status == 0)
        let token = try await runVerity(["token", "create", "--username", "ed"] + data).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try await runVerity(["project", "create", "--slug", "desk"] + data).status == 0)
        let article = try await runVerity(
            ["import", "--project", "desk", "--json", "-"] + data, stdin: #"{"body":"A first sentence. A second one."}"#)
        let articleId = try #require(
            (try JSONSerialization.jsonObject(with: Data(article.stdout.utf8)) as? [String: Any])?["articles"] as? [String]
        ).first!

        let server = try ChildProcess([ChildProcess.verityBinary, "serve", "--port", "0"] + data)
        let base = try await server.waitForOutput(#"listening on (http://\S+)"#)
        let client = ConcurrentClient(base: base, connections: 16, timeout: 30)
        let clock = ContinuousClock()
        // Warm up first (connections opened, caches filled): on a loaded machine the first requests of a
        // fresh process can wait longer than the 2 s a request waits for a connection.
        for _ in 0..<50 where (try? await client.send("GET", "/v1/articles/\(articleId)", token: token).status) != 200 {
            try await Task.sleep(for: .milliseconds(200))
        }
        let samples = SampleLog()
        let stop = StopFlag()
        let cluster = directory.appending(path: "data/pgdata").path

        // Four readers and two writers, each sending one request after another.
        let load = Task {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<6 {
                    group.addTask {
                        while !stop.isSet {
                            let start = clock.now
                            let write = worker >= 4
                            var sample = Sample(at: start, finished: start, status: 0, seconds: 0)
                            if let response = try? await client.send(
                                write ? "POST" : "GET", write ? "/v1/articles/\(articleId)/claims" : "/v1/articles/\(articleId)", token: token,
                                json: write ? #"{"start":0,"end":7}"# : nil)
                            {
                                sample.status = response.status
                                sample.retryAfter = response.headers["retry-after"]
                                sample.claimId = write && response.status == 201 ? response.body["id"] as? String : nil
                            }
                            sample.finished = clock.now
                            let took = sample.finished - start
                            sample.seconds = Double(took.components.attoseconds) / 1e18 + Double(took.components.seconds)
                            samples.add(sample)
                            try? await Task.sleep(for: .milliseconds(20))
                        }
                    }
                }
            }
        }
        let loadStarted = clock.now
        try await Task.sleep(for: .seconds(3))
        let stopping = clock.now
        try Self.pgCtl(["-D", cluster, "-m", "fast", "-w", "stop"])
        // A busy machine can take a while to stop the cluster; requests sent meanwhile may still succeed.
        let stopped = clock.now
        try await Task.sleep(for: .seconds(10))
        #expect(kill(server.pid, 0) == 0, "the server is still running")
        let restarted = clock.now
        try Self.pgCtl(["-D", cluster, "-l", directory.appending(path: "data/postgres.log").path, "-w", "start"])
        try await Task.sleep(for: .seconds(7))
        stop.set()
        await load.value

        let all = samples.all
        // Answered before the stop began (after a second of warm-up); sent after it ended and answered before
        // the restart (a request waiting for a connection when PostgreSQL comes back is rightly served).
        let before = all.filter { $0.at > loadStarted + .seconds(1) && $0.finished < stopping }
        let during = all.filter { $0.at > stopped && $0.finished < restarted }
        let after = all.filter { $0.at > restarted + .seconds(5) }
        #expect(
            !before.isEmpty && before.allSatisfy { (200..<300).contains($0.status) },
            "before: \(before.filter { !(200..<300).contains($0.status) }.map { "\($0.status) sent \(stopping - $0.at) before the stop, took \($0.seconds) s" })"
        )
        // Each of the six workers keeps getting answers while the database is away (a 503 comes within the
        // pool's 2 s acquire deadline, so a worker answered only once would mean a stall).
        #expect(during.count >= 12, "requests kept being answered during the outage: \(during.count)")
        #expect(
            during.allSatisfy { $0.status == 503 && $0.retryAfter != nil },
            "during: \(during.filter { $0.status != 503 }.map { "\($0.status) sent \($0.at - stopped) after the stop, took \($0.seconds) s" })")
        #expect(all.allSatisfy { $0.status != 0 && $0.status != 500 }, "no dropped connections, no 500s: \(Set(all.map(\.status)))")
        #expect((all.map(\.seconds).max() ?? 0) < 5, "never hangs: slowest answer \(all.map(\.seconds).max() ?? 0) s")
        let firstGood = all.filter { $0.at > restarted && (200..<300).contains($0.status) }.map(\.at).min()
        #expect(firstGood.map { $0 - restarted < .seconds(5) } == true, "serving again within 5 s of PostgreSQL's return")
        #expect(!after.isEmpty && after.allSatisfy { (200..<300).contains($0.status) }, "after: \(Set(after.map(\.status)))")

        // Every write that was answered 201 is there.
        let accepted = all.compactMap(\.claimId)
        #expect(accepted.count > 10)
        for id in accepted {
            #expect(try await client.send("GET", "/v1/claims/\(id)", token: token).status == 200, "claim \(id) was lost")
        }
        server.signal(SIGTERM)
        #expect(try await server.wait(timeout: .seconds(60)) == 0)
    }

    @Test("SIGTERM under load: requests in flight finish, new connections are refused, exit 0")
    func shutdownUnderLoad() async throws {
        try await withTestDatabase { context in
            let url = Self.url(context.settings)
            #expect(
                try await runVerity(["user", "create", "--username", "ana", "--password-stdin", "--database", url], stdin: "password-ana-1\n").status
                    == 0)
            let server = try ChildProcess([ChildProcess.verityBinary, "serve", "--port", "0", "--database", url])
            let base = try await server.waitForOutput(#"listening on (http://\S+)"#)
            let client = ConcurrentClient(base: base, connections: 16, timeout: 60)
            // Logins hash with bcrypt at cost 12: slow enough to be in flight when the signal comes.
            let inFlight = Task {
                await withTaskGroup(of: Int.self) { group in
                    for _ in 0..<6 {
                        group.addTask {
                            (try? await client.send("POST", "/v1/auth/tokens", token: nil, json: #"{"username":"ana","password":"password-ana-1"}"#))?
                                .status ?? 0
                        }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
            }
            try await Task.sleep(for: .milliseconds(150))
            server.signal(SIGTERM)
            try await Task.sleep(for: .milliseconds(300))
            // A new connection, on a raw socket (URLSession could reuse a kept-alive one).
            let port = try #require(Int(base.split(separator: ":").last ?? ""))
            let lateResult: String
            do {
                lateResult = "answered \(try await RawHTTP.send(port: port, head: "GET /healthz HTTP/1.1\r\nHost: x", total: 0).status)"
            } catch {
                lateResult = "refused: \(error)"
            }
            let refused = lateResult.hasPrefix("refused")
            let statuses = await inFlight.value
            #expect(statuses == Array(repeating: 201, count: 6), "in-flight logins: \(statuses)")
            #expect(refused, "a new request after SIGTERM is refused: \(lateResult)\n\(server.stderr)")
            #expect(try await server.wait(timeout: .seconds(60)) == 0, "\(server.stderr)")
        }
    }
}

/// Samples gathered by concurrent workers.
final class SampleLog: @unchecked Sendable {
    private let lock = NSLock()
    private var samples: [FaultInjectionTests.Sample] = []
    func add(_ sample: FaultInjectionTests.Sample) { lock.withLock { samples.append(sample) } }
    var all: [FaultInjectionTests.Sample] { lock.withLock { samples } }
}

/// A flag the test sets to stop its workers.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
