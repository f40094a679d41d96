import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import VerityCore
import VerityServer
import VerityTestSupport

/// A receiver that logs each request (path, Host header) and answers with the given status, plus a
/// Location header when one is given.
private let receiver = #"""
    import http.server, json, sys
    log_path, status = sys.argv[1], int(sys.argv[2])
    location = sys.argv[3] if len(sys.argv) > 3 else None
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with open(log_path, "a") as log:
                log.write(json.dumps({"path": self.path, "host": self.headers.get("Host")}) + "\n")
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.end_headers()
        do_GET = do_POST
        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"port {server.server_address[1]}", flush=True)
    server.serve_forever()
    """#

private struct Receiver {
    let process: ChildProcess
    let port: String
    let log: URL

    static func start(status: Int, location: String? = nil) async throws -> Receiver {
        let log = FileManager.default.temporaryDirectory.appending(path: "verity-receiver-\(UUID().uuidString).jsonl")
        let process = try ChildProcess(["/usr/bin/env", "python3", "-c", receiver, log.path, String(status)] + (location.map { [$0] } ?? []))
        return Receiver(process: process, port: try await process.waitForOutput(#"port (\d+)"#), log: log)
    }

    var requests: [[String: String]] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]
        }
    }

    func stop() {
        process.signal(SIGKILL)
        try? FileManager.default.removeItem(at: log)
    }
}

@Suite("Webhooks cannot reach inside", .serialized)
struct WebhookSafetyTests {
    /// Waits until the endpoint's latest delivery has had an attempt; returns the delivery log entry.
    static func firstAttempt(_ client: some TestClientProtocol, hook: String, token: String) async throws -> [String: Any]? {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let log = try await client.send(.get, "/v1/projects/desk/webhooks/\(hook)/deliveries", token: token)
            if let item = (try log.jsonObject()["items"] as? [[String: Any]])?.first(where: { ($0["attempts"] as? Int ?? 0) > 0 }) { return item }
            try await Task.sleep(for: .milliseconds(200))
        }
        return nil
    }

    @Test("a redirect is a failed attempt, logged with its status; the place it points to is never contacted")
    func redirects() async throws {
        let inside = try await Receiver.start(status: 200)
        let bouncer = try await Receiver.start(status: 307, location: "http://127.0.0.1:\(inside.port)/internal")
        defer {
            inside.stop()
            bouncer.stop()
        }
        try await withTestServer(configure: { $0.deliversWebhooks = true }) { context, client in
            let desk = try await Desk.make(context)
            let hook = try await client.send(
                .post, "/v1/projects/desk/webhooks", token: desk.tokens["own"], json: #"{"url":"http://127.0.0.1:\#(bouncer.port)/hook?key=s3cret"}"#)
            let hookId = try #require(try hook.jsonObject()["id"] as? String)
            _ = try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: desk.tokens["ed"], json: #"{"start":0,"end":3}"#)
            let attempt = try #require(try await Self.firstAttempt(client, hook: hookId, token: desk.tokens["own"]!))
            #expect(attempt["lastStatus"] as? Int == 307 && attempt["status"] as? String == "pending", "\(attempt)")
            #expect((attempt["lastError"] as? String)?.contains("redirect") == true)
            #expect(bouncer.requests.count >= 1)
            try await Task.sleep(for: .milliseconds(500))
            #expect(inside.requests.isEmpty, "the redirect was followed: \(inside.requests)")
            // The audit trail keeps the URL's scheme and host only.
            let audit = try await context.sql("SELECT after::text FROM audit_events WHERE action = 'webhook.created'")
            #expect(audit.count == 1 && !(audit[0][0] ?? "").contains("s3cret") && !(audit[0][0] ?? "").contains("/hook"), "\(audit)")
        }
    }

    @Test("the delivery connects to the address the name was resolved to and checked, never to what it resolves to later")
    func pinnedAddresses() async throws {
        let target = try await Receiver.start(status: 200)
        defer { target.stop() }
        // A name the system cannot resolve, mapped to the receiver: the request can only arrive if Verity
        // connects to the address it resolved, while naming the host in the request.
        try await withTestServer(configure: {
            $0.deliversWebhooks = true
            $0.webhookResolver = { host in host == "hooks.verity-test.invalid" ? ["127.0.0.1"] : [] }
        }) { context, client in
            let desk = try await Desk.make(context)
            let hook = try await client.send(
                .post, "/v1/projects/desk/webhooks", token: desk.tokens["own"],
                json: #"{"url":"http://hooks.verity-test.invalid:\#(target.port)/pinned"}"#)
            #expect(hook.status == .created, "\(hook.text)")
            _ = try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: desk.tokens["ed"], json: #"{"start":0,"end":3}"#)
            let deadline = ContinuousClock.now + .seconds(20)
            while target.requests.isEmpty && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
            #expect(target.requests.first?["host"] == "hooks.verity-test.invalid:\(target.port)", "\(target.requests)")
        }
        // Rebinding: public when registered, inside when delivered — refused at delivery.
        let calls = Counter()
        try await withTestServer(configure: {
            $0.deliversWebhooks = true
            $0.webhooksAllowPrivate = false
            $0.webhookResolver = { host in calls.next() == 0 ? ["93.184.216.34"] : ["93.184.216.34", "127.0.0.1"] }
        }) { context, client in
            let desk = try await Desk.make(context)
            let hook = try await client.send(
                .post, "/v1/projects/desk/webhooks", token: desk.tokens["own"],
                json: #"{"url":"http://rebind.verity-test.invalid:\#(target.port)/x"}"#)
            let hookId = try #require(try hook.jsonObject()["id"] as? String)
            _ = try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: desk.tokens["ed"], json: #"{"start":0,"end":3}"#)
            let attempt = try #require(try await Self.firstAttempt(client, hook: hookId, token: desk.tokens["own"]!))
            #expect((attempt["lastError"] as? String)?.hasPrefix("refused") == true, "\(attempt)")
            // Registering a name with any address inside is refused outright.
            let inside = try await client.send(
                .post, "/v1/projects/desk/webhooks", token: desk.tokens["own"], json: #"{"url":"http://both.verity-test.invalid/x"}"#)
            #expect(inside.status == .unprocessableContent)
            for literal in ["http://[::1]/x", "http://[fd00::1]/x", "http://[::ffff:127.0.0.1]/x", "http://[64:ff9b::a00:1]/x", "http://10.0.0.1/x"] {
                let refused = try await client.send(.post, "/v1/projects/desk/webhooks", token: desk.tokens["own"], json: #"{"url":"\#(literal)"}"#)
                #expect(refused.status == .unprocessableContent, "\(literal): \(refused.status)")
            }
        }
    }

    @Test("an endpoint disabled by its failures is audited")
    func disablingIsAudited() async throws {
        let failing = try await Receiver.start(status: 500)
        defer { failing.stop() }
        try await withTestServer(configure: {
            $0.deliversWebhooks = true
            $0.webhookMaxAttempts = 1
            $0.webhookDisableAfter = 1
        }) { context, client in
            let desk = try await Desk.make(context)
            _ = try await client.send(
                .post, "/v1/projects/desk/webhooks", token: desk.tokens["own"], json: #"{"url":"http://127.0.0.1:\#(failing.port)/down"}"#)
            _ = try await client.send(.post, "/v1/articles/\(desk.articleId)/claims", token: desk.tokens["ed"], json: #"{"start":0,"end":3}"#)
            let deadline = ContinuousClock.now + .seconds(20)
            var audit: [[String?]] = []
            while audit.isEmpty && ContinuousClock.now < deadline {
                audit = try await context.sql("SELECT after::text FROM audit_events WHERE action = 'webhook.disabled'")
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(audit.count == 1 && (audit.first?[0] ?? "")?.contains("\"lastStatus\": 500") == true, "\(audit)")
        }
    }
}

/// Counts calls across tasks.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func next() -> Int {
        lock.withLock {
            defer { value += 1 }; return value
        }
    }
}
