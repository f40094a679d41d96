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
        var raw: [UInt8] = []
        var body: [UInt8] = []
        var headerDone = false
        var chunked = false
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            raw += buffer[..<n]
            lock.withLock { rawText += String(decoding: buffer[..<n], as: UTF8.self) }
            if !headerDone {
                guard let end = Self.find([13, 10, 13, 10], in: raw) else { continue }
                let head = String(decoding: raw[..<end], as: UTF8.self)
                lock.withLock { self.head = head }
                chunked = head.lowercased().contains("transfer-encoding: chunked")
                raw.removeFirst(end + 4)
                headerDone = true
            }
            // The body, de-chunked: a proxy may split the server's chunks anywhere, even inside an event.
            if chunked {
                while let lineEnd = Self.find([13, 10], in: raw) {
                    let sizeText = String(decoding: raw[..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
                    guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { break }
                    if size == 0 {
                        lock.withLock { ended = true }
                        raw.removeAll()
                        break
                    }
                    guard raw.count >= lineEnd + 2 + size + 2 else { break }
                    body += raw[(lineEnd + 2)..<(lineEnd + 2 + size)]
                    raw.removeFirst(lineEnd + 2 + size + 2)
                }
            } else {
                body += raw
                raw.removeAll()
            }
            // Events end with a blank line; CR LF, LF and CR line ends are all allowed.
            while let end = [Self.find([10, 10], in: body), Self.find([13, 10, 13, 10], in: body)].compactMap({ $0 }).min() {
                let separator = body[end] == 10 ? 2 : 4
                let block = String(decoding: body[..<end], as: UTF8.self)
                body.removeFirst(end + separator)
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

    /// Where `pattern` first occurs in `bytes`.
    private static func find(_ pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let last = buffer.count - pattern.count
            outer: while index <= last {
                for offset in 0..<pattern.count where buffer[index + offset] != pattern[offset] {
                    index += 1
                    continue outer
                }
                return index
            }
            return nil
        }
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
