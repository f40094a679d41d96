import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import VerityCore
import VerityData
import VerityServer

/// Runs the real application (the composition root tests share with `main`) on a fresh database and a
/// real socket, and hands the test a client.
package func withTestServer<Result: Sendable>(
    maxBodyBytes: Int = 1 << 20,
    configure: (inout ServerConfiguration) -> Void = { _ in },
    _ body: @Sendable (TestContext, any TestClientProtocol) async throws -> Result
) async throws -> Result {
    try await TestDatabase.withFresh { settings in
        var logger = Logger(label: "verity.test")
        logger.logLevel = .warning
        let database = Database(
            settings: settings, maximumConnections: 8, acquireTimeout: TestContext.acquireTimeout, logger: logger)
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.maxBodyBytes = maxBodyBytes
        // Webhook receivers in tests listen on 127.0.0.1.
        configuration.webhooksAllowPrivate = true
        // The test client keeps one connection for the whole test, which on a busy machine can sit idle
        // for a minute while the test sets data up through the services.
        configuration.idleTimeout = .seconds(600)
        configure(&configuration)
        // The application runs the pool as one of its services.
        let app = try buildApplication(
            configuration: configuration, database: database, bcryptCost: TestContext.bcryptCost,
            logger: logger)
        let context = TestContext(database: database, settings: settings)
        return try await app.test(.live) { client in
            try await body(context, client)
        }
    }
}

extension TestClientProtocol {
    /// Sends a request with an optional bearer token and JSON or text body.
    package func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil,
        text: String? = nil,
        bytes: [UInt8]? = nil, contentType: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = contentType ?? "application/json"
            body = ByteBuffer(string: json)
        } else if let text {
            headers[.contentType] = contentType ?? "text/plain; charset=utf-8"
            body = ByteBuffer(string: text)
        } else if let bytes {
            headers[.contentType] = contentType ?? "application/octet-stream"
            body = ByteBuffer(bytes: bytes)
        }
        let request = Task { [headers, body] in try await execute(uri: uri, method: method, headers: headers, body: body) }
        return try await answered(request, naming: "\(method) \(uri)")
    }
}

/// How long a test waits for the server to answer one request. HummingbirdTesting's client gives up
/// after 20 s but then waits for the answer anyway (that wait cannot be cancelled), so a request the
/// server never answers would hang the whole test run without saying which it was.
private let answerLimit: Duration = .seconds(90)

/// The request's outcome, or past `answerLimit` an error naming it (the request is left behind).
private func answered(_ request: Task<TestResponse, any Error>, naming name: String) async throws -> TestResponse {
    guard let result = await outcome(within: answerLimit, of: { try await request.value }) else {
        throw TestHarnessError("the server did not answer \(name) within \(answerLimit)")
    }
    return try result.get()
}

/// `work`'s result, or nil when it has not ended within `limit`. The work runs in a task of its own and is
/// left running past the limit: this is for tests that must report a hang instead of hanging.
package func outcome<Value: Sendable>(within limit: Duration, of work: @escaping @Sendable () async throws -> Value) async
    -> Result<Value, any Error>?
{
    await withCheckedContinuation { continuation in
        let first = FirstOutcome(continuation)
        let timer = Task {
            try await Task.sleep(for: limit)
            first.resume(nil)
        }
        Task {
            do { first.resume(.success(try await work())) } catch { first.resume(.failure(error)) }
            timer.cancel()
        }
    }
}

/// Resumes its continuation once, with whichever outcome comes first.
private final class FirstOutcome<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Result<Value, any Error>?, Never>?>
    init(_ continuation: CheckedContinuation<Result<Value, any Error>?, Never>) { self.continuation = Mutex(continuation) }
    func resume(_ value: Result<Value, any Error>?) { continuation.withLock { $0.take() }?.resume(returning: value) }
}

extension TestResponse {
    /// The body decoded as a JSON object.
    package func jsonObject() throws -> [String: Any] {
        let data = Data(buffer: body ?? ByteBuffer())
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw TestHarnessError(
                "Response body is not a JSON object: \(String(decoding: data, as: UTF8.self))")
        }
        return object
    }

    /// The body as text.
    package var text: String { String(buffer: body ?? ByteBuffer()) }
}

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A plain HTTP client for tests that need many concurrent connections (the test framework's client
/// uses one connection): URLSession against the live server's port.
package struct ConcurrentClient: Sendable {
    package let base: String
    private let session: URLSession

    /// A client for the live test server behind `client`.
    package init(_ client: any TestClientProtocol, connections: Int = 64) throws {
        guard let port = client.port else { throw TestHarnessError("Use withTestServer (a live server).") }
        self.init(base: "http://127.0.0.1:\(port)", connections: connections)
    }

    /// A client for a server at `base` (a `verity serve` the test started), with a per-request timeout.
    package init(base: String, connections: Int = 64, timeout: TimeInterval = 60) {
        self.base = base
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = connections
        configuration.timeoutIntervalForRequest = timeout
        session = URLSession(configuration: configuration)
    }

    /// Sends a request; returns status, headers and the body as a JSON object (empty when none).
    package func send(_ method: String, _ path: String, token: String?, json: String? = nil, ifMatch: String? = nil) async throws
        -> (status: Int, headers: [String: String], body: [String: Any])
    {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(json.utf8)
        }
        if let ifMatch { request.setValue(ifMatch, forHTTPHeaderField: "If-Match") }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields { headers[String(describing: key).lowercased()] = String(describing: value) }
        let body = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (http.statusCode, headers, body)
    }
}
