import Crypto
import Foundation
import Testing
import VerityCore
import VerityData
import VerityServices
import VerityTestSupport

@Suite("End to end: webhooks", .serialized)
struct WebhooksEndToEndTests {
    /// A receiver that logs every request (with the time it came) and refuses the first `failFirst` attempts of
    /// each message; an optional third argument makes it take that many seconds over each answer.
    static let receiver = #"""
        import http.server, json, sys, threading, time
        log_path, fail_first = sys.argv[1], int(sys.argv[2])
        delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0
        attempts, lock = {}, threading.Lock()
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                time.sleep(delay)
                message = self.headers.get("webhook-id", "")
                with lock:
                    attempts[message] = attempts.get(message, 0) + 1
                    status = 500 if attempts[message] <= fail_first else 200
                    with open(log_path, "a") as log:
                        log.write(json.dumps({"id": message, "timestamp": self.headers.get("webhook-timestamp"),
                            "signature": self.headers.get("webhook-signature"), "body": body, "status": status,
                            "at": time.time()}) + "\n")
                self.send_response(status)
                self.end_headers()
            def log_message(self, *args):
                pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        print(f"port {server.server_address[1]}", flush=True)
        server.serve_forever()
        """#

    struct Logged: Decodable {
        var id: String
        var timestamp: String
        var signature: String
        var body: String
        var status: Int
    }

    @Test("signed deliveries, retried with backoff, survive a kill -9 between retries, acknowledged exactly once")
    func deliveries() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            let (_, owner) = try await context.makeUserWithToken("own")
            try await context.addMember("desk", "own", .owner)
            let (_, reviewer) = try await context.makeUserWithToken("r1")
            try await context.addMember("desk", "r1", .reviewer)
            let articleId = try await context.makeArticle("desk", body: "A first sentence. A second one.")
            let url =
                "postgresql://\(context.settings.user)@\(context.settings.host):\(context.settings.port)/\(context.settings.database)?sslmode=disable"
            let log = FileManager.default.temporaryDirectory.appending(path: "verity-hooks-\(UUID().uuidString).jsonl")
            defer { try? FileManager.default.removeItem(at: log) }
            let receiver = try ChildProcess(["/usr/bin/env", "python3", "-c", Self.receiver, log.path, "2"])
            defer { receiver.signal(SIGKILL) }
            let receiverPort = try await receiver.waitForOutput(#"port (\d+)"#)
            let serve = [
                "serve", "--port", "0", "--database", url, "--deliver-webhooks", "--allow-private-webhooks", "--webhook-retry-seconds", "1.5",
            ]

            var server = try ChildProcess([ChildProcess.verityBinary] + serve)
            var api = ConcurrentClient(base: try await server.waitForOutput(#"listening on (http://\S+)"#), connections: 4, timeout: 30)
            // Private addresses are refused unless allowed; this server allows them (tests).
            let hook = try await api.send(
                "POST", "/v1/projects/desk/webhooks", token: owner,
                json: #"{"url":"http://127.0.0.1:\#(receiverPort)/hook","events":["claim.*","verdict.submitted"]}"#)
            #expect(hook.status == 201)
            let secret = try #require(hook.body["secret"] as? String)
            let hookId = try #require(hook.body["id"] as? String)
            #expect(try await api.send("GET", "/v1/projects/desk/webhooks", token: reviewer).status == 403)

            let claim = try await api.send("POST", "/v1/articles/\(articleId)/claims", token: reviewer, json: #"{"start":0,"end":7}"#)
            let claimId = try #require(claim.body["id"] as? String)
            // The first attempt fails (the receiver answers 500); kill the server before the retry.
            func logged() throws -> [Logged] {
                guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
                return try text.split(separator: "\n").map { try JSONDecoder().decode(Logged.self, from: Data($0.utf8)) }
            }
            let deadline = ContinuousClock.now + .seconds(20)
            while try logged().isEmpty && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
            #expect(try logged().count == 1 && (try logged().first?.status) == 500)
            server.signal(SIGKILL)
            _ = try await server.wait()

            // A new process picks the outbox up where the old one left it.
            server = try ChildProcess([ChildProcess.verityBinary] + serve)
            api = ConcurrentClient(base: try await server.waitForOutput(#"listening on (http://\S+)"#), connections: 4, timeout: 30)
            #expect(try await api.send("PUT", "/v1/claims/\(claimId)/verdicts/mine", token: reviewer, json: #"{"rating":"false"}"#).status == 201)

            // claim.created, verdict.submitted and claim.status_changed (claim.*) each acknowledged once.
            let until = ContinuousClock.now + .seconds(60)
            while Set(try logged().filter { $0.status == 200 }.map(\.id)).count < 3 && ContinuousClock.now < until {
                try await Task.sleep(for: .milliseconds(200))
            }
            let requests = try logged()
            let acknowledged = requests.filter { $0.status == 200 }
            #expect(Set(acknowledged.map(\.id)).count == 3, "\(requests.map { "\($0.id) \($0.status)" })")
            #expect(acknowledged.count == Set(acknowledged.map(\.id)).count, "each message acknowledged exactly once")
            #expect(requests.filter { $0.status == 500 }.count == 6, "two refusals per message before the acknowledgement")
            let types = acknowledged.compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any])?["type"] as? String
            }
            #expect(Set(types) == ["claim.created", "verdict.submitted", "claim.status_changed"])
            // Every request carries a valid Standard Webhooks signature.
            let key = SymmetricKey(data: try #require(Data(base64Encoded: String(secret.dropFirst("whsec_".count)))))
            for request in requests {
                let mac = HMAC<SHA256>.authenticationCode(for: Data("\(request.id).\(request.timestamp).\(request.body)".utf8), using: key)
                #expect(request.signature == "v1," + Data(mac).base64EncodedString(), "signature of \(request.id)")
            }
            // The delivery log says the same.
            let deliveries = try await api.send("GET", "/v1/projects/desk/webhooks/\(hookId)/deliveries", token: owner)
            let items = try #require(deliveries.body["items"] as? [[String: Any]])
            // Three attempts each (two refused). An attempt cut short by the kill is not recorded (its
            // transaction died with the process), so the log may count one fewer for that message.
            #expect(items.count == 3 && items.allSatisfy { $0["status"] as? String == "delivered" && ($0["attempts"] as? Int ?? 0) >= 2 }, "\(items)")
            server.signal(SIGTERM)
            #expect(try await server.wait(timeout: .seconds(30)) == 0)
        }
    }

    @Test("a slow endpoint holds up one delivery worker, not another endpoint's deliveries")
    func slowEndpoint() async throws {
        try await withTestDatabase { context in
            try await context.makeProject("desk")
            let (_, owner) = try await context.makeUserWithToken("own")
            try await context.addMember("desk", "own", .owner)
            let articleId = try await context.makeArticle("desk", body: "A first sentence. A second one.")
            let url =
                "postgresql://\(context.settings.user)@\(context.settings.host):\(context.settings.port)/\(context.settings.database)?sslmode=disable"
            var logs: [URL] = []
            var receivers: [ChildProcess] = []
            var ports: [String] = []
            for delay in ["6", "0"] {
                let log = FileManager.default.temporaryDirectory.appending(path: "verity-hooks-\(UUID().uuidString).jsonl")
                let receiver = try ChildProcess(["/usr/bin/env", "python3", "-c", Self.receiver, log.path, "0", delay])
                ports.append(try await receiver.waitForOutput(#"port (\d+)"#))
                logs.append(log)
                receivers.append(receiver)
            }
            defer {
                for receiver in receivers { receiver.signal(SIGKILL) }
                for log in logs { try? FileManager.default.removeItem(at: log) }
            }
            let server = try ChildProcess([ChildProcess.verityBinary, "serve", "--port", "0", "--database", url, "--allow-private-webhooks"])
            let api = ConcurrentClient(base: try await server.waitForOutput(#"listening on (http://\S+)"#), connections: 4, timeout: 30)
            for port in ports {
                let hook = try await api.send(
                    "POST", "/v1/projects/desk/webhooks", token: owner, json: #"{"url":"http://127.0.0.1:\#(port)/hook","events":["claim.created"]}"#)
                #expect(hook.status == 201)
            }
            // Three claims: three deliveries to each endpoint, interleaved in the outbox.
            let (_, reviewer) = try await context.makeUserWithToken("r1")
            try await context.addMember("desk", "r1", .reviewer)
            for start in [0, 2, 4] {
                #expect(
                    try await api.send("POST", "/v1/articles/\(articleId)/claims", token: reviewer, json: #"{"start":\#(start),"end":7}"#).status
                        == 201)
            }
            let created = ContinuousClock.now
            func acknowledged(_ log: URL) -> Int {
                ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").count
            }
            while acknowledged(logs[1]) < 3 && ContinuousClock.now < created + .seconds(30) { try await Task.sleep(for: .milliseconds(50)) }
            let fastDone = ContinuousClock.now - created
            // One worker at a time would have sent the slow endpoint's 6-second answers first.
            #expect(acknowledged(logs[1]) == 3 && fastDone < .seconds(5), "the fast endpoint had its 3 deliveries after \(fastDone)")
            #expect(acknowledged(logs[0]) < 3, "the slow endpoint was still answering")
            server.signal(SIGTERM)
            #expect(try await server.wait(timeout: .seconds(60)) == 0)
        }
    }

    @Test("endpoints on loopback and private networks are refused unless the instance allows them")
    func privateNetworks() async throws {
        for address in ["127.0.0.1", "10.1.2.3", "192.168.0.9", "172.20.0.1", "169.254.169.254", "::1", "fd00::1", "0.0.0.0", "100.64.0.1"] {
            #expect(IPAddress(address)?.isReserved == true, "\(address)")
        }
        for address in ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1"] {
            #expect(IPAddress(address)?.isReserved == false, "\(address)")
        }
        for url in [
            "http://127.0.0.1:8080/x", "http://localhost/x", "http://[::1]/x", "http://10.0.0.1/x", "ftp://example.org/x", "http://u:p@1.1.1.1/",
        ] {
            await #expect(throws: VerityError.self, "\(url)") { try await WebhookService.target(for: url, allowPrivate: false) }
        }
        _ = try await WebhookService.target(for: "http://127.0.0.1:8080/x", allowPrivate: true)
        #expect(StandardWebhooks.matches(["claim.*"], "claim.created") && !StandardWebhooks.matches(["claim.*"], "verdict.submitted"))
        #expect(StandardWebhooks.matches([], "anything.at_all"))
    }
}
