import Foundation
import Logging
import PostgresNIO
import Testing
import VerityCore
import VerityTestSupport

@testable import VerityData

/// SwiftNIO opens its sockets without close-on-exec, so a program started while one is open would keep it
/// open after its owner closes it: the server never sees the close. Programs Verity starts (initdb, pg_ctl
/// and the postmaster it leaves running) and the test harness's child processes get standard input, output
/// and error only.
@Suite("Started programs inherit no descriptors")
struct InheritedDescriptorsTests {
    /// A pipe opened without close-on-exec, as NIO opens sockets; its inode names it in /proc listings.
    static func leakyPipe() throws -> (fds: [Int32], name: String) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TestHarnessError("pipe: \(String(cString: strerror(errno)))") }
        var info = stat()
        fstat(fds[1], &info)
        return (fds, "pipe:[\(info.st_ino)]")
    }

    /// The shell's descriptors (those it was started with), listed by `ls -l`: "… 3 -> pipe:[…]".
    static let listing = ["/bin/sh", "-c", "ls -l /proc/$$/fd"]

    /// The descriptor numbers in a listing.
    static func numbers(_ listing: String) -> [Int] {
        listing.split(separator: "\n").filter { $0.contains(" -> ") }.compactMap { line in
            line.components(separatedBy: " -> ").first?.split(separator: " ").last.flatMap { Int($0) }
        }.sorted()
    }

    @Test("a program Verity runs gets standard input, output and error, nothing else of the process")
    func verityPrograms() throws {
        let (fds, name) = try Self.leakyPipe()
        defer { fds.forEach { close($0) } }
        let output = try PostgresBinaries.runProcess(Self.listing)
        #expect(!output.contains(name), "the program holds the process's pipe: \(output)")
        #expect(Self.numbers(output) == [0, 1, 2], "the program holds other descriptors: \(output)")
    }

    @Test("a pooled connection the pool closes is gone from the server while a child process started before runs on")
    func pooledConnectionClosed() async throws {
        try await TestDatabase.withFresh { settings in
            let count =
                "SELECT count(*)::text FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            let database = Database(
                settings: settings, maximumConnections: 1, acquireTimeout: TestContext.acquireTimeout, logger: Logger(label: "verity.test"))
            let child = try await database.withRunning {
                _ = try await database.read { try await $0.raw.query("SELECT 1", logger: database.logger).collect() }
                // Started while the pooled connection is open.
                return try ChildProcess(["/bin/sleep", "60"])
            }
            defer { child.signal(SIGKILL) }
            // The pool has closed its connection; the child still runs.
            let start = ContinuousClock.now
            var open = try await TestContext.sql(settings, count)
            while open != [["0"]] && ContinuousClock.now - start < .seconds(20) {
                try await Task.sleep(for: .milliseconds(200))
                open = try await TestContext.sql(settings, count)
            }
            #expect(open == [["0"]], "the server still has \(open) connections, held open by the child process")

            let (fds, name) = try Self.leakyPipe()
            defer { fds.forEach { close($0) } }
            let listing = try ChildProcess(Self.listing)
            #expect(try await listing.wait() == 0)
            #expect(!listing.stdout.contains(name), "the child holds the test process's pipe: \(listing.stdout)")
            #expect(Self.numbers(listing.stdout) == [0, 1, 2], "the child holds other descriptors: \(listing.stdout)")
        }
    }
}
