import Foundation
import VerityData

#if canImport(Glibc)
    import Glibc
#endif

/// A deliberately primitive HTTP/1.1 client over a POSIX socket, for what a polite client cannot do:
/// announce a 100 MB body and send a little of it, or stream a body without end, and see when the
/// server answers. Runs its blocking I/O off the cooperative threads.
package enum RawHTTP {
    /// What came back: the status code (0 when the server closed without answering) and how many body
    /// bytes the client managed to send before the answer or the close.
    package struct Outcome: Sendable {
        package var status: Int
        package var response: String
        package var bodyBytesSent: Int
    }

    /// Sends `head` (request line and headers, without the blank line), waits up to `answerWait` for an
    /// early answer (as a client sending `Expect: 100-continue` would), then sends the body in pieces of
    /// `chunk` bytes until `total` bytes are sent or the server answers or closes. Without the wait, a busy
    /// machine's socket buffers can take megabytes before the server is even scheduled.
    package static func send(
        port: Int, head: String, total: Int, chunk: Int = 64 << 10, chunked: Bool = false, answerWait: Duration = .zero
    ) async throws -> Outcome {
        try await onBlockingThread {
            let fd = try connectLoopback(port: port)
            defer { close(fd) }
            setTimeouts(fd)
            func write(_ bytes: [UInt8]) -> Bool { writeAll(fd, bytes) }
            func answered(waitingMilliseconds: Int32 = 0) -> String? {
                var pollfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&pollfd, 1, waitingMilliseconds) > 0 else { return nil }
                var buffer = [UInt8](repeating: 0, count: 8192)
                let n = recv(fd, &buffer, buffer.count, 0)
                return n > 0 ? String(decoding: buffer[..<n], as: UTF8.self) : ""
            }
            guard write(Array((head + "\r\n\r\n").utf8)) else { throw POSIXError(.EPIPE) }
            let waitMilliseconds = milliseconds(answerWait)
            if waitMilliseconds > 0, let response = answered(waitingMilliseconds: waitMilliseconds) {
                return Outcome(status: status(response), response: response, bodyBytesSent: 0)
            }
            var sent = 0
            let piece = [UInt8](repeating: UInt8(ascii: "a"), count: chunk)
            while sent < total {
                if let response = answered() { return Outcome(status: status(response), response: response, bodyBytesSent: sent) }
                let size = min(chunk, total - sent)
                let framed = chunked ? Array((String(size, radix: 16) + "\r\n").utf8) + piece[..<size] + Array("\r\n".utf8) : Array(piece[..<size])
                guard write(framed) else { break }
                sent += size
            }
            if chunked && sent >= total { _ = write(Array("0\r\n\r\n".utf8)) }
            var buffer = [UInt8](repeating: 0, count: 8192)
            let n = recv(fd, &buffer, buffer.count, 0)
            let response = n > 0 ? String(decoding: buffer[..<n], as: UTF8.self) : ""
            return Outcome(status: status(response), response: response, bodyBytesSent: sent)
        }
    }

    /// Sends `head` (which should carry `Expect: 100-continue`) and waits up to `wait` for the server's
    /// first answer, as such a client does. If that answer is `100 Continue`, or none comes, it then
    /// sends `body` and reads the final answer; a final answer first ends the exchange with no body sent.
    /// Returns the interim answer, if one came first, and the final one.
    package static func expectingContinue(port: Int, head: String, body: [UInt8], wait: Duration) async throws -> (
        interim: String?, final: Outcome
    ) {
        try await onBlockingThread {
            let fd = try connectLoopback(port: port)
            defer { close(fd) }
            setTimeouts(fd)
            func write(_ bytes: [UInt8]) -> Bool { writeAll(fd, bytes) }
            func read() -> String {
                var buffer = [UInt8](repeating: 0, count: 16384)
                let n = recv(fd, &buffer, buffer.count, 0)
                return n > 0 ? String(decoding: buffer[..<n], as: UTF8.self) : ""
            }
            guard write(Array((head + "\r\n\r\n").utf8)) else { throw POSIXError(.EPIPE) }
            var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let waitFor = milliseconds(wait)
            var interim: String?
            var received = poll(&waiting, 1, waitFor) > 0 ? read() : ""
            if !received.isEmpty {
                guard received.hasPrefix("HTTP/1.1 100") else {
                    return (nil, Outcome(status: status(received), response: received, bodyBytesSent: 0))
                }
                let end = received.range(of: "\r\n\r\n")?.upperBound ?? received.endIndex
                interim = String(received[..<end])
                received = String(received[end...])
            }
            guard write(body) else { throw POSIXError(.EPIPE) }
            // The final answer, after any interim one still to come.
            while true {
                if received.isEmpty || !received.contains("\r\n\r\n") {
                    let more = read()
                    if more.isEmpty { break }
                    received += more
                    continue
                }
                guard received.hasPrefix("HTTP/1.1 100") else { break }
                received = String(received[received.range(of: "\r\n\r\n")!.upperBound...])
            }
            return (interim, Outcome(status: status(received), response: received, bodyBytesSent: body.count))
        }
    }

    /// Ten-second send and receive timeouts, so a test never hangs on a server that stopped answering.
    private static func setTimeouts(_ fd: Int32) {
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Writes all of `bytes`; false when the server closed or the write timed out.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    /// A duration in whole milliseconds, as poll(2) takes it.
    private static func milliseconds(_ duration: Duration) -> Int32 {
        Int32(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    /// A blocking TCP socket connected to 127.0.0.1:`port`; with `receiveBuffer`, a small receive window
    /// set before connecting (a client that reads slowly fills it at once).
    package static func connectLoopback(port: Int, receiveBuffer: Int32? = nil) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        if var size = receiveBuffer { setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size)) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        return fd
    }

    private static func status(_ response: String) -> Int {
        let parts = response.split(separator: " ", maxSplits: 2)
        return parts.count >= 2 && response.hasPrefix("HTTP/") ? Int(parts[1]) ?? 0 : 0
    }

    /// A process's peak resident set size so far, in bytes (`VmHWM` in /proc/PID/status).
    package static func peakResidentBytes(pid: pid_t) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kibibytes = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap({ Int($0) })
        else { throw TestHarnessError("No VmHWM in /proc/\(pid)/status.") }
        return kibibytes * 1024
    }
}
