import Foundation
import VerityData

#if canImport(Glibc)
    import Glibc
#endif

/// A Server-Sent Events client for tests: connects over a raw socket, reads on a thread of its own, and
/// collects the events (id, event, data) it receives until closed.
package final class SSEClient: @unchecked Sendable {
    package struct Event: Sendable, Equatable {
        package var id: String?
        package var event: String?
        package var data: String
    }

    private let lock = NSLock()
    private var received: [Event] = []
    private var head = ""
    private var ended = false
    private var rawText = ""
    private let fd: Int32

    /// Connects and sends the request; `lastEventId` resumes after that event.
    package init(port: Int, path: String, token: String, lastEventId: String? = nil) throws {
        fd = try RawHTTP.connectLoopback(port: port)
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nAccept: text/event-stream\r\n"
        if let lastEventId { request += "Last-Event-ID: \(lastEventId)\r\n" }
        request += "\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        let thread = Thread { [self] in readLoop() }
        thread.start()
    }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        var pending = ""
        var headerDone = false
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            let piece = String(decoding: buffer[..<n], as: UTF8.self)
            pending += piece
            lock.withLock { rawText += piece }
            if !headerDone, let end = pending.range(of: "\r\n\r\n") {
                lock.withLock { head = String(pending[..<end.lowerBound]) }
                pending = String(pending[end.upperBound...])
                headerDone = true
            }
            guard headerDone else { continue }
            // The last chunk of a chunked body: the server ended the stream (the connection may stay open).
            if pending.hasSuffix("0\r\n\r\n") && (pending == "0\r\n\r\n" || pending.hasSuffix("\r\n0\r\n\r\n") || pending.hasSuffix("\n\n0\r\n\r\n"))
            {
                lock.withLock { ended = true }
            }
            // Chunked framing: drop chunk-size lines (hex digits alone on a line) around the event text.
            while let end = pending.range(of: "\n\n") {
                let block = String(pending[..<end.lowerBound])
                pending = String(pending[end.upperBound...])
                var event = Event(id: nil, event: nil, data: "")
                var isEvent = false
                // Swift treats CR LF as one Character: split on scalars, dropping CRs.
                let lines = block.unicodeScalars.split(separator: "\n").map { String(String.UnicodeScalarView($0.filter { $0 != "\r" })) }
                for line in lines {
                    if line.hasPrefix("id: ") {
                        event.id = String(line.dropFirst(4)); isEvent = true
                    } else if line.hasPrefix("event: ") {
                        event.event = String(line.dropFirst(7)); isEvent = true
                    } else if line.hasPrefix("data: ") {
                        event.data += String(line.dropFirst(6)); isEvent = true
                    }
                }
                if isEvent && event.id != nil { lock.withLock { received.append(event) } }
            }
        }
        lock.withLock { ended = true }
    }

    /// The response head (status line and headers).
    package var responseHead: String { lock.withLock { head } }
    /// The events so far.
    package var events: [Event] { lock.withLock { received } }
    /// Everything received, for failure messages.
    package var raw: String { lock.withLock { rawText } }
    /// Whether the server ended the stream (its last chunk) or closed the connection.
    package var isEnded: Bool { lock.withLock { ended } }

    /// Waits until `condition` holds for the events received (or the timeout passes), and returns them.
    @discardableResult
    package func wait(timeout: Duration = .seconds(10), until condition: ([Event]) -> Bool) async throws -> [Event] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let events = self.events
            if condition(events) { return events }
            try await Task.sleep(for: .milliseconds(50))
        }
        return events
    }

    /// Waits for the response head (or the timeout), and returns it.
    @discardableResult
    package func waitForHead(timeout: Duration = .seconds(10)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while responseHead.isEmpty && !isEnded && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        return responseHead
    }

    /// Closes the connection.
    package func close() { shutdown(fd, Int32(SHUT_RDWR)) }

    deinit { Glibc.close(fd) }
}
