import Foundation
import Testing
import VerityCore
import VerityTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Past one machine, on real engines on loopback: a pg_auto_failover formation under load, a streaming
/// standby for reads, several `verity serve` processes behind HAProxy. The topologies come from
/// `Scripts/ha.sh` (the same ones the README describes); Scripts/test.sh installs pg_auto_failover and
/// HAProxy when it runs as root.
@Suite("End to end: past one machine", .serialized)
struct PastOneMachineTests {
    static let repository = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func installed(_ program: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/sbin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(program)")
        } || FileManager.default.isExecutableFile(atPath: "/usr/sbin/\(program)")
    }

    /// Runs `Scripts/ha.sh` and returns the KEY=VALUE lines it printed.
    @discardableResult
    static func ha(_ arguments: [String]) async throws -> [String: String] {
        let process = try ChildProcess(["/bin/bash", repository.appending(path: "Scripts/ha.sh").path] + arguments)
        let status = try await process.wait(timeout: .seconds(240))
        guard status == 0 else { throw TestHarnessError("Scripts/ha.sh \(arguments.joined(separator: " ")) failed (\(status)): \(process.stderr)") }
        var values: [String: String] = [:]
        for line in process.stdout.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...]).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }
        return values
    }

    /// Stops everything a topology started (synchronously: used in `defer`).
    static func stopTopology(_ directory: String) {
        guard let process = try? ChildProcess(["/bin/bash", repository.appending(path: "Scripts/ha.sh").path, "stop", directory]) else { return }
        var status: Int32 = 0
        waitpid(process.pid, &status, 0)
    }

    /// The port of the node the pg_auto_failover monitor calls primary.
    static func primaryPort(_ formation: String) async throws -> String {
        let process = try ChildProcess(["/bin/bash", repository.appending(path: "Scripts/ha.sh").path, "primary", formation])
        _ = try await process.wait()
        return process.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A scratch directory the postgres user can write to.
    static func scratch(_ name: String) throws -> URL {
        let directory = URL(filePath: "/tmp").appending(path: "verity-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = chmod(directory.path, 0o777)
        return directory
    }

    /// One request's outcome under load.
    struct Outcome: Sendable {
        var at: ContinuousClock.Instant
        var finished: ContinuousClock.Instant
        var status: Int
        var retryAfter: String?
        var write: Bool
        /// The claim a 2xx write acknowledged (its creation or its verdict).
        var claim: String?
        var verdict: Bool = false
        /// A verdict sent again after a 503 (which may have committed).
        var retriedAfterUnavailable = false
        var seconds: Double { let d = finished - at; return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
    }

    final class OutcomeLog: @unchecked Sendable {
        private let lock = NSLock()
        private var outcomes: [Outcome] = []
        func add(_ outcome: Outcome) { lock.withLock { outcomes.append(outcome) } }
        var all: [Outcome] { lock.withLock { outcomes } }
    }

    /// A desk on `url`: an admin token, a reviewer token and one article.
    static func makeDesk(url: String) async throws -> (admin: String, reviewer: String, article: String) {
        let database = ["--database", url]
        #expect(try await runVerity(["migrate"] + database).status == 0)
        for (name, admin) in [("ed", true), ("rita", false)] {
            let created = try await runVerity(
                ["user", "create", "--username", name, "--password-stdin"] + (admin ? ["--admin"] : []) + database, stdin: "password-\(name)-123\n")
            #expect(created.status == 0, "\(created.stderr)")
        }
        #expect(try await runVerity(["project", "create", "--slug", "desk"] + database).status == 0)
        #expect(
            try await runVerity(["project", "add-member", "--project", "desk", "--username", "rita", "--role", "reviewer"] + database).status == 0)
        let admin = try await runVerity(["token", "create", "--username", "ed"] + database).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let reviewer = try await runVerity(["token", "create", "--username", "rita"] + database).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        let imported = try await runVerity(
            ["import", "--project", "desk", "--json", "-"] + database,
            stdin: #"{"body":"The minister said turnout reached 71 percent. Officials disputed the figure."}"#)
        let article = try #require((try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])?["articles"] as? [String])
            .first!
        return (admin, reviewer, article)
    }

    /// Sixteen clients until `stop`: eight write (a claim, then a verdict on it), eight read (the article,
    /// and the last claim they saw). Every answer is logged with its time.
    static func load(client: ConcurrentClient, reviewer: String, article: String, log: OutcomeLog, stop: StopFlag) -> Task<Void, Never> {
        Task {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<16 {
                    group.addTask {
                        var lastClaim: String?
                        var retrying = false
                        while !stop.isSet {
                            let write = worker < 8
                            var outcome = Outcome(at: .now, finished: .now, status: 0, write: write)
                            do {
                                if write, let claim = lastClaim {
                                    let response = try await client.send(
                                        "PUT", "/v1/claims/\(claim)/verdicts/mine", token: reviewer, json: #"{"rating":"false"}"#)
                                    outcome.status = response.status
                                    outcome.retryAfter = response.headers["retry-after"]
                                    if response.status == 201 || response.status == 200 {
                                        outcome.claim = claim
                                        outcome.verdict = true
                                    }
                                    // A 503 may or may not have committed: the verdict is sent again. If the first
                                    // one did commit, the second is rightly refused for want of its ETag (428).
                                    outcome.retriedAfterUnavailable = retrying
                                    retrying = response.status == 503
                                    if !retrying { lastClaim = nil }
                                } else if write {
                                    let response = try await client.send(
                                        "POST", "/v1/articles/\(article)/claims", token: reviewer, json: #"{"start":0,"end":12}"#)
                                    outcome.status = response.status
                                    outcome.retryAfter = response.headers["retry-after"]
                                    if response.status == 201, let id = response.body["id"] as? String {
                                        outcome.claim = id
                                        lastClaim = id
                                    }
                                } else {
                                    let response = try await client.send("GET", "/v1/articles/\(article)", token: reviewer)
                                    outcome.status = response.status
                                    outcome.retryAfter = response.headers["retry-after"]
                                }
                            } catch {
                                outcome.status = 0
                            }
                            outcome.finished = .now
                            log.add(outcome)
                            try? await Task.sleep(for: .milliseconds(20))
                        }
                    }
                }
            }
        }
    }

    /// Every write that was answered 2xx is in the database: the claim, and the verdict when one was acknowledged.
    static func expectNoAcknowledgedWriteLost(_ outcomes: [Outcome], client: ConcurrentClient, reviewer: String) async throws -> Int {
        let claims = Set(outcomes.filter { $0.write && !$0.verdict }.compactMap(\.claim))
        let verdicts = Set(outcomes.filter(\.verdict).compactMap(\.claim))
        var lost: [String] = []
        for claim in claims where try await client.send("GET", "/v1/claims/\(claim)", token: reviewer).status != 200 { lost.append("claim \(claim)") }
        for claim in verdicts {
            let listed = try await client.send("GET", "/v1/claims/\(claim)/verdicts", token: reviewer)
            if (listed.body["items"] as? [Any])?.count != 1 { lost.append("verdict on \(claim) (\(listed.status))") }
        }
        #expect(lost.isEmpty, "acknowledged writes lost: \(lost)")
        return claims.count + verdicts.count
    }

    @Test(
        "a pg_auto_failover switch-over and a killed primary under 16 clients: 503 with Retry-After meanwhile, resumed within 30 s, no acknowledged write lost",
        .enabled(if: installed("pg_autoctl"), "pg_autoctl is not installed: run Scripts/ha.sh install (as root), or Scripts/test.sh as root")
    )
    func failover() async throws {
        let directory = try Self.scratch("failover")
        let formation = directory.appending(path: "formation").path
        defer { Self.stopTopology(formation) }
        let ports = try await Self.ha(["autofailover", formation])
        let url = try #require(ports["URL"])
        #expect(url.contains(","), "a multi-host connection string: \(url)")
        let desk = try await Self.makeDesk(url: url)

        let server = try ChildProcess([ChildProcess.verityBinary, "serve", "--port", "0", "--database", url])
        defer { server.signal(SIGKILL) }
        let base = try await server.waitForOutput(#"listening on (http://\S+)"#)
        let client = ConcurrentClient(base: base, connections: 24, timeout: 30)
        let firstNode = (try await client.send("GET", "/readyz", token: nil).body["database"] as? [String: Any])?["node"] as? String
        let primary = try await Self.primaryPort(formation)
        #expect(firstNode == "127.0.0.1:\(primary)", "libpq's read-write host is the monitor's primary")

        let log = OutcomeLog()
        let stop = StopFlag()
        let load = Self.load(client: client, reviewer: desk.reviewer, article: desk.article, log: log, stop: stop)
        try await Task.sleep(for: .seconds(3))

        // 1. A planned switch-over: the primary is demoted and the standby promoted.
        let switchStarted = ContinuousClock.now
        try await Self.ha(["failover", formation])
        let switched = ContinuousClock.now
        let afterSwitch = try await Self.waitForWrites(after: switched, log: log, within: .seconds(30))
        try await Task.sleep(for: .seconds(3))

        // 2. kill -9 of the primary's postmaster alone: its keeper restarts it (or the monitor fails over).
        let postmasterKilled = ContinuousClock.now
        try await Self.ha(["kill-postmaster", formation])
        let postmasterDone = ContinuousClock.now
        let afterPostmaster = try await Self.waitForWrites(after: postmasterDone, log: log, within: .seconds(30))
        try await Task.sleep(for: .seconds(3))

        // 3. The machine of the primary is lost: its postmaster and keeper get kill -9.
        let killStarted = ContinuousClock.now
        let killed = try await Self.ha(["kill-primary", formation])
        let killDone = ContinuousClock.now
        let afterKill = try await Self.waitForWrites(after: killDone, log: log, within: .seconds(30))
        try await Task.sleep(for: .seconds(4))
        stop.set()
        await load.value

        let outcomes = log.all
        var ready = try await client.send("GET", "/readyz", token: nil)
        for _ in 0..<50 where ready.status != 200 {
            try await Task.sleep(for: .milliseconds(200))
            ready = try await client.send("GET", "/readyz", token: nil)
        }
        let node = (ready.body["database"] as? [String: Any]) ?? [:]
        #expect(ready.status == 200)
        #expect(node["node"] as? String != "127.0.0.1:\(killed["KILLED_PORT"] ?? "")", "the pool left the killed node: \(node)")
        #expect((node["moves"] as? Int ?? 0) >= 2, "followed the failovers: \(node)")

        // Never a hang, a dropped connection or a 500: a 2xx, or a 503 that says when to retry.
        let bad = outcomes.filter {
            !((200..<300).contains($0.status) || ($0.status == 503 && $0.retryAfter != nil) || ($0.status == 428 && $0.retriedAfterUnavailable))
        }
        #expect(bad.isEmpty, "unexpected answers: \(bad.prefix(10).map { "\($0.status) after \($0.seconds) s" })")
        let slowest = outcomes.map(\.seconds).max() ?? 0
        #expect(slowest < 10, "never hangs: slowest answer \(slowest) s")
        let unavailable = outcomes.filter { $0.status == 503 }.count
        #expect(
            afterSwitch < .seconds(30) && afterPostmaster < .seconds(30) && afterKill < .seconds(30),
            "writes resumed \(afterSwitch) after the switch-over, \(afterPostmaster) after the postmaster's kill, \(afterKill) after the machine's"
        )
        // Once resumed, everything is served again.
        let settled = outcomes.filter { $0.at > killDone + afterKill + .seconds(2) }
        #expect(
            !settled.isEmpty && settled.allSatisfy { (200..<300).contains($0.status) || ($0.status == 428 && $0.retriedAfterUnavailable) },
            "after: \(Set(settled.map(\.status)))")
        // What each event cost writers: the longest stretch without an acknowledged write around it.
        let switchGap = Self.longestWriteGap(outcomes, from: switchStarted, to: postmasterKilled)
        let postmasterGap = Self.longestWriteGap(outcomes, from: postmasterKilled, to: killStarted)
        let killGap = Self.longestWriteGap(outcomes, from: killStarted, to: killDone + afterKill + .seconds(2))
        #expect(
            switchGap < .seconds(30) && postmasterGap < .seconds(30) && killGap < .seconds(30),
            "no writes for \(switchGap) (switch-over), \(postmasterGap) (postmaster killed), \(killGap) (machine lost)")
        let checked = try await Self.expectNoAcknowledgedWriteLost(outcomes, client: client, reviewer: desk.reviewer)
        #expect(checked > 50, "enough acknowledged writes to mean something: \(checked)")
        print(
            "failover: \(outcomes.count) requests, \(unavailable) answered 503; longest time without an acknowledged write: \(switchGap) around the switch-over (pg_autoctl took \(switched - switchStarted)), \(postmasterGap) around kill -9 of the primary's postmaster, \(killGap) around the loss of the primary's machine; \(checked) acknowledged writes, none lost"
        )
        server.signal(SIGTERM)
        #expect(try await server.wait(timeout: .seconds(60)) == 0)
    }

    @Test(
        "a streaming standby serves reads: each verdict read back at once by its writer is seen though the standby applies commits 300 ms late; other readers' reads go to the standby"
    )
    func readReplica() async throws {
        let directory = try Self.scratch("replica")
        let topology = directory.appending(path: "topology").path
        defer { Self.stopTopology(topology) }
        let servers = try await Self.ha(["standby", topology, "300"])
        let url = try #require(servers["URL"])
        let readURL = try #require(servers["READ_URL"])
        let desk = try await Self.makeDesk(url: url)
        #expect(
            try await runVerity(["user", "create", "--username", "vic", "--password-stdin", "--database", url], stdin: "password-vic-123\n").status
                == 0)
        #expect(
            try await runVerity(["project", "add-member", "--project", "desk", "--username", "vic", "--role", "viewer", "--database", url]).status
                == 0)
        let viewer = try await runVerity(["token", "create", "--username", "vic", "--database", url]).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)

        let server = try ChildProcess([ChildProcess.verityBinary, "serve", "--port", "0", "--database", url, "--read-database", readURL])
        defer { server.signal(SIGKILL) }
        let client = ConcurrentClient(base: try await server.waitForOutput(#"listening on (http://\S+)"#), connections: 16, timeout: 30)
        let ready = try await client.send("GET", "/readyz", token: nil)
        let replica = ready.body["readDatabase"] as? [String: Any]
        #expect(
            replica?["node"] as? String == "127.0.0.1:\(servers["STANDBY_PORT"] ?? "")" && replica?["role"] as? String == "standby", "\(ready.body)")
        #expect((ready.body["database"] as? [String: Any])?["role"] as? String == "primary")
        try await Task.sleep(for: .seconds(1))

        // Read-your-writes: write, then read back at once through routes the standby may serve.
        let before = try await Self.replicaReads(client)
        var unseen: [String] = []
        for round in 0..<40 {
            let claim = try await client.send("POST", "/v1/articles/\(desk.article)/claims", token: desk.reviewer, json: #"{"start":0,"end":12}"#)
            let id = try #require(claim.body["id"] as? String)
            #expect(try await client.send("PUT", "/v1/claims/\(id)/verdicts/mine", token: desk.reviewer, json: #"{"rating":"false"}"#).status == 201)
            let verdicts = try await client.send("GET", "/v1/claims/\(id)/verdicts", token: desk.reviewer)
            if (verdicts.body["items"] as? [Any])?.count != 1 { unseen.append("verdict \(round)") }
            let listed = try await client.send("GET", "/v1/projects/desk/claims?article=\(desk.article)&limit=5", token: desk.reviewer)
            if !((listed.body["items"] as? [[String: Any]]) ?? []).contains(where: { $0["id"] as? String == id }) { unseen.append("claim \(round)") }
        }
        #expect(unseen.isEmpty, "the writer did not see its own writes: \(unseen)")
        let afterWrites = try await Self.replicaReads(client)
        #expect(afterWrites.primary - before.primary >= 80, "the writer's reads went to the primary while the standby lagged: \(afterWrites)")

        // Readers who wrote nothing are served by the standby, eight at a time.
        let stop = StopFlag()
        let log = OutcomeLog()
        let readers = Task {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        while !stop.isSet {
                            let path = worker % 2 == 0 ? "/v1/articles/\(desk.article)" : "/v1/projects/desk/claims?limit=20"
                            let status = (try? await client.send("GET", path, token: viewer).status) ?? 0
                            log.add(Outcome(at: .now, finished: .now, status: status, write: false))
                        }
                    }
                }
            }
        }
        try await Task.sleep(for: .seconds(3))
        stop.set()
        await readers.value
        let afterReads = try await Self.replicaReads(client)
        // Each pool's server, on /metrics.
        let metrics = try await Self.metrics(client)
        #expect(metrics.contains(#"verity_database_pool_node{pool="read",node="127.0.0.1:\#(servers["STANDBY_PORT"] ?? "")",role="standby"} 1"#))
        #expect(metrics.contains(#"verity_database_pool_node{pool="primary",node="127.0.0.1:\#(servers["PRIMARY_PORT"] ?? "")",role="primary"} 1"#))
        #expect(metrics.contains(#"verity_database_pool_max_connections{pool="read"} 20"#), "\(metrics)")
        let reads = log.all
        #expect(reads.count > 100 && reads.allSatisfy { $0.status == 200 }, "\(Set(reads.map(\.status)))")
        let onStandby = afterReads.replica - afterWrites.replica
        #expect(Double(onStandby) >= 0.9 * Double(reads.count), "\(onStandby) of \(reads.count) reads served by the standby")
        print(
            "read replica: 40 write-then-read rounds with the standby 300 ms behind, every write seen by its writer (\(afterWrites.primary - before.primary) reads sent to the primary for it); \(onStandby) of \(reads.count) other reads served by the standby"
        )
        server.signal(SIGTERM)
        #expect(try await server.wait(timeout: .seconds(60)) == 0)
    }

    /// The server's /metrics text.
    static func metrics(_ client: ConcurrentClient) async throws -> String {
        let (data, _) = try await URLSession.shared.data(from: URL(string: client.base + "/metrics")!)
        return String(decoding: data, as: UTF8.self)
    }

    /// Replica-eligible reads so far, by the server that served them (from /metrics).
    static func replicaReads(_ client: ConcurrentClient) async throws -> (replica: Int, primary: Int) {
        var replica = 0
        var primary = 0
        for line in try await metrics(client).split(separator: "\n") where line.hasPrefix("verity_database_replica_eligible_reads_total") {
            let value = Int(Double(line.split(separator: " ").last ?? "0") ?? 0)
            if line.contains(#"served_by="replica""#) { replica = value } else if line.contains(#"served_by="primary""#) { primary = value }
        }
        return (replica, primary)
    }

    @Test(
        "three processes behind HAProxy, kill -9 of one under load: only its requests in flight fail, event streams resume with Last-Event-ID missing nothing, webhooks once each, login limits shared",
        .enabled(if: installed("haproxy"), "HAProxy is not installed: run Scripts/ha.sh install (as root), or Scripts/test.sh as root")
    )
    func loadBalanced() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk", k: 1, blind: false)
            let owner = try await context.makeUserWithToken("own").1
            try await context.addMember("desk", "own", .owner)
            let reviewer = try await context.makeUserWithToken("rita").1
            try await context.addMember("desk", "rita", .reviewer)
            _ = try await context.makeUserWithToken("victim")
            let article = try await context.makeArticle("desk", body: "The minister said turnout reached 71 percent. Officials disputed it.")
            let settings = context.settings
            let url = "postgresql://\(settings.user)@\(settings.host):\(settings.port)/\(settings.database)?sslmode=disable"
            let directory = try Self.scratch("balanced")
            defer { Self.stopTopology(directory.path) }

            let hooks = directory.appending(path: "hooks.jsonl")
            // The webhook tests' receiver, refusing nothing.
            let receiver = try ChildProcess(["/usr/bin/env", "python3", "-c", WebhooksEndToEndTests.receiver, hooks.path, "0"])
            defer { receiver.signal(SIGKILL) }
            let receiverPort = try await receiver.waitForOutput(#"port (\d+)"#)

            let serve = [
                ChildProcess.verityBinary, "serve", "--port", "0", "--database", url, "--live-events", "--deliver-webhooks",
                "--allow-private-webhooks", "--webhook-retry-seconds", "1", "--trusted-proxy", "127.0.0.1/32",
            ]
            var servers: [ChildProcess] = []
            var backends: [String] = []
            for _ in 0..<3 {
                let server = try ChildProcess(serve)
                servers.append(server)
                backends.append(String(try await server.waitForOutput(#"listening on http://(\S+)"#)))
            }
            defer { for server in servers { server.signal(SIGKILL) } }
            let balancer = try #require(try await Self.ha(["haproxy", directory.path, "0"] + backends)["HAPROXY_URL"])
            let balancerPort = Int(balancer.split(separator: ":").last!)!
            let client = ConcurrentClient(base: balancer, connections: 24, timeout: 30)
            // HAProxy checks each process's /readyz before sending it requests.
            var ready = 0
            for _ in 0..<100 where ready < 6 {
                ready = (try? await client.send("GET", "/readyz", token: nil).status) == 200 ? ready + 1 : 0
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(ready >= 6, "the balancer answers")

            // Login limits are counted in PostgreSQL: five wrong passwords per username, whichever process
            // answers each one (round robin over three), then 429 everywhere.
            var logins: [Int] = []
            for _ in 0..<8 {
                logins.append(
                    try await client.send("POST", "/v1/auth/tokens", token: nil, json: #"{"username":"victim","password":"wrong-guess-1"}"#).status)
            }
            #expect(logins == [401, 401, 401, 401, 401, 429, 429, 429], "\(logins)")

            let hook = try await client.send(
                "POST", "/v1/projects/desk/webhooks", token: owner,
                json: #"{"url":"http://127.0.0.1:\#(receiverPort)/hook","events":["claim.created"]}"#)
            #expect(hook.status == 201)
            let baseline = Int(try await context.sql("SELECT coalesce(max(id), 0) FROM audit_events")[0][0] ?? "0") ?? 0

            // Six streams, spread by round robin over the three processes.
            var streams: [SSEClient] = []
            for _ in 0..<6 {
                let stream = try SSEClient(port: balancerPort, path: "/v1/projects/desk/events", token: owner)
                _ = try await stream.waitForHead()
                streams.append(stream)
            }
            #expect(streams.allSatisfy { $0.responseHead.contains(" 200") }, "\(streams.map(\.responseHead))")

            let log = OutcomeLog()
            let stop = StopFlag()
            let load = Self.load(client: client, reviewer: reviewer, article: article.uuidString.lowercased(), log: log, stop: stop)
            try await Task.sleep(for: .seconds(3))
            let killedAt = ContinuousClock.now
            let killedWallClock = Date().timeIntervalSince1970
            servers[0].signal(SIGKILL)
            _ = try await servers[0].wait()
            // Requests sent until the process was seen gone may have reached it before it died.
            let reapedAt = ContinuousClock.now
            try await Task.sleep(for: .seconds(5))
            stop.set()
            await load.value
            let outcomes = log.all

            // Only requests in flight on the killed process failed: sent before the kill, answered after it.
            let failed = outcomes.filter { !(200..<300).contains($0.status) && !($0.status == 428 && $0.retriedAfterUnavailable) }
            #expect(
                failed.allSatisfy { $0.at < reapedAt && $0.finished >= killedAt } && failed.count <= 16,
                "failures outside the kill: \(failed.map { "\($0.status) sent \(killedAt - $0.at) before the kill (reaped \(reapedAt - killedAt) after it)" })"
            )
            #expect(outcomes.filter { $0.at > killedAt }.count > 50, "load went on after the kill")
            let checked = try await Self.expectNoAcknowledgedWriteLost(outcomes, client: client, reviewer: reviewer)

            // Streams on the killed process ended; each reconnects through the balancer with the last id it saw.
            let expected = try await context.sql(
                """
                SELECT id::text FROM audit_events WHERE id > \(baseline)
                AND object_type IN ('claim', 'verdict', 'resolution', 'import_batch', 'article') ORDER BY id
                """
            ).compactMap { $0[0] }
            var cut = 0
            for stream in streams {
                let complete = try await Self.receivedAll(stream, expected)
                let seen = stream.events
                var received = Self.auditIds(seen)
                if stream.isEnded || !complete {
                    cut += stream.isEnded ? 1 : 0
                    // Last-Event-ID is the SSE id (a cursor), as a browser's EventSource sends it.
                    let resumed = try SSEClient(
                        port: balancerPort, path: "/v1/projects/desk/events", token: owner, lastEventId: seen.last(where: { $0.id != nil })?.id)
                    let more = try await resumed.wait(timeout: .seconds(30)) { events in
                        Set(received + Self.auditIds(events)).isSuperset(of: expected)
                    }
                    received += Self.auditIds(more)
                    resumed.close()
                }
                stream.close()
                let missing = Set(expected).subtracting(received)
                var described: [[String?]] = []
                if !missing.isEmpty {
                    described = try await context.sql(
                        "SELECT id::text, action, object_type, project_id::text FROM audit_events WHERE id IN (\(missing.sorted().joined(separator: ",")))"
                    )
                }
                #expect(missing.isEmpty, "a stream missed \(missing.count) of \(expected.count) events: \(described)")
                // Events come in commit order (a transaction that took its id earlier may commit later), once each.
                #expect(Set(received).count == received.count, "once each")
            }
            #expect(cut >= 1, "a stream was on the killed process")

            // Webhooks: every claim.created message acknowledged, each once — unless its delivery was in
            // flight on the killed process (the receiver's 200 came, the process died before recording it).
            let until = ContinuousClock.now + .seconds(60)
            var acknowledged: [Self.Hook] = []
            var messages = 0
            while ContinuousClock.now < until {
                acknowledged = try Self.hooks(hooks).filter { $0.status == 200 }
                messages = Int(try await context.sql("SELECT count(*) FROM webhook_deliveries")[0][0] ?? "0") ?? 0
                let pending = Int(try await context.sql("SELECT count(*) FROM webhook_deliveries WHERE status <> 'delivered'")[0][0] ?? "1") ?? 1
                if pending == 0 && Set(acknowledged.map(\.id)).count == messages { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(messages > 20 && Set(acknowledged.map(\.id)).count == messages, "\(Set(acknowledged.map(\.id)).count) of \(messages) delivered")
            let repeated = Dictionary(grouping: acknowledged, by: \.id).filter { $0.value.count > 1 }
            #expect(
                repeated.values.allSatisfy { abs($0[0].at - killedWallClock) < 2 },
                "acknowledged twice away from the kill: \(repeated.keys.sorted())")
            print(
                "load balancer: \(outcomes.count) requests through HAProxy, \(failed.count) failed (in flight on the killed process), \(checked) acknowledged writes kept; \(cut) event streams cut and resumed with no event missed; \(messages) webhook messages, \(repeated.count) delivered twice (in flight at the kill)"
            )
            for server in servers.dropFirst() { server.signal(SIGTERM) }
            for server in servers.dropFirst() { #expect(try await server.wait(timeout: .seconds(60)) == 0) }
        }
    }

    /// Whether a stream has every expected event (waiting briefly for the last ones).
    static func receivedAll(_ stream: SSEClient, _ expected: [String]) async throws -> Bool {
        let events = (try? await stream.wait(timeout: .seconds(5)) { Set(auditIds($0)).isSuperset(of: expected) }) ?? stream.events
        return Set(auditIds(events)).isSuperset(of: expected)
    }

    /// The audit-trail ids of stream events (the `id` in each event's data; the SSE id is a cursor).
    static func auditIds(_ events: [SSEClient.Event]) -> [String] {
        events.compactMap { event in
            ((try? JSONSerialization.jsonObject(with: Data(event.data.utf8))) as? [String: Any])?["id"].flatMap { ($0 as? Int).map(String.init) }
        }
    }

    struct Hook: Decodable {
        var id: String
        var at: Double
        var status: Int
    }

    static func hooks(_ file: URL) throws -> [Hook] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Hook.self, from: Data($0.utf8)) }
    }

    /// The longest time without an acknowledged write between `start` and `end`: what the event cost writers.
    static func longestWriteGap(_ outcomes: [Outcome], from start: ContinuousClock.Instant, to end: ContinuousClock.Instant) -> Duration {
        let acknowledged = outcomes.filter { $0.write && (200..<300).contains($0.status) && $0.finished > start && $0.finished < end }
            .map(\.finished).sorted()
        var longest: Duration = .zero
        var previous = start
        for instant in acknowledged + [end] {
            longest = max(longest, instant - previous)
            previous = instant
        }
        return longest
    }

    /// How long after `instant` the first write sent after it was acknowledged.
    static func waitForWrites(after instant: ContinuousClock.Instant, log: OutcomeLog, within limit: Duration) async throws -> Duration {
        let deadline = ContinuousClock.now + limit + .seconds(5)
        while ContinuousClock.now < deadline {
            if let first = log.all.filter({ $0.write && $0.at > instant && (200..<300).contains($0.status) }).map(\.finished).min() {
                return first - instant
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return limit + .seconds(5)
    }
}
