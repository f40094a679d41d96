import CSpawn
import Foundation
import VerityCore

/// Runs the real `verity` binary (or any program) for end-to-end tests. posix_spawn, output to files,
/// and polling waitpid, so no cooperative thread blocks and Foundation's Process (whose waitUntilExit can
/// hang on Linux under Swift concurrency) is not needed.
package final class ChildProcess: @unchecked Sendable {
    package let pid: pid_t
    private let directory: URL
    private var finished: Int32?

    /// The built `verity` executable: beside the test bundle in the build folder.
    package static var verityBinary: String {
        var url = URL(filePath: CommandLine.arguments[0]).absoluteURL
        while url.path != "/" {
            let candidate = url.deletingLastPathComponent().appending(path: "verity")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            url = url.deletingLastPathComponent()
        }
        for folder in [".build/debug", ".build/release"] {
            let candidate = FileManager.default.currentDirectoryPath + "/" + folder + "/verity"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "verity"
    }

    /// The environment without any database variables, plus `extra`.
    package static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { key, _ in !key.hasPrefix("PG") && key != "DATABASE_URL" }
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// Starts a program with `stdin` as its standard input.
    package init(
        _ arguments: [String], stdin: Data = Data(), environment: [String: String] = ChildProcess.environment(), workingDirectory: URL? = nil
    ) throws {
        directory = FileManager.default.temporaryDirectory.appending(path: "verity-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try stdin.write(to: directory.appending(path: "stdin"))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, directory.appending(path: "stdin").path, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, directory.appending(path: "stdout").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, directory.appending(path: "stderr").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Only those three: the test process's sockets (SwiftNIO opens them without close-on-exec) must not
        // stay open in a child after the test that owns them closes them — a pooled connection the pool has
        // closed would still be open on the server, a server's closed connection never seen closed by its client.
        guard verity_spawn_close_from(&actions, 3) == 0 else { throw TestHarnessError("cannot prepare to run \(arguments[0])") }
        // `env -C DIR`: changing this process's directory would race with other tests spawning.
        let arguments = workingDirectory.map { ["/usr/bin/env", "-C", $0.path] + arguments } ?? arguments
        let program = arguments[0]
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The child starts with no signals blocked and default handlers, whatever the test runner's thread
        // had: a test that sends SIGTERM must reach a process that can receive it.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGPIPE, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let result = posix_spawn(&pid, program, &actions, &attributes, &argv, &envp)
        guard result == 0 else {
            throw TestHarnessError("cannot run \(program): \(String(cString: strerror(result)))")
        }
        self.pid = pid
    }

    /// Everything written to standard output so far.
    package var stdout: String { (try? String(contentsOf: directory.appending(path: "stdout"), encoding: .utf8)) ?? "" }
    /// Everything written to standard error so far.
    package var stderr: String { (try? String(contentsOf: directory.appending(path: "stderr"), encoding: .utf8)) ?? "" }

    /// Sends a signal.
    package func signal(_ signal: Int32) { kill(pid, signal) }

    /// Waits for the process to exit (killing it after `timeout`) and returns its exit status (128+n for signal n).
    @discardableResult
    package func wait(timeout: Duration = .seconds(120)) async throws -> Int32 {
        if let finished { return finished }
        let deadline = ContinuousClock.now + timeout
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                finished = code
                return code
            }
            if ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                throw TestHarnessError("process \(pid) did not exit in time; stderr: \(stderr)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until standard output contains a line matching `pattern` and returns the first capture group.
    package func waitForOutput(_ pattern: String, timeout: Duration = .seconds(60)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        let regex = try NSRegularExpression(pattern: pattern)
        while ContinuousClock.now < deadline {
            let output = stdout
            if let match = regex.firstMatch(in: output, range: NSRange(output.startIndex..., in: output)),
                let range = Range(match.range(at: match.numberOfRanges > 1 ? 1 : 0), in: output)
            {
                return String(output[range])
            }
            var status: Int32 = 0
            if finished == nil, waitpid(pid, &status, WNOHANG) == pid {
                finished = (status >> 8) & 0xff
                throw TestHarnessError("process exited before printing \(pattern); stderr: \(stderr)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestHarnessError("no output matching \(pattern); stderr: \(stderr)")
    }

    deinit {
        if finished == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Runs `verity` with arguments to completion and returns (exit status, stdout, stderr).
package func runVerity(
    _ arguments: [String], stdin: String = "", environment: [String: String] = ChildProcess.environment(), workingDirectory: URL? = nil
)
    async throws -> (status: Int32, stdout: String, stderr: String)
{
    let process = try ChildProcess(
        [ChildProcess.verityBinary] + arguments, stdin: Data(stdin.utf8), environment: environment, workingDirectory: workingDirectory)
    let status = try await process.wait()
    return (status, process.stdout, process.stderr)
}

/// A failure of the test harness itself (a process that would not start or answer), not of Verity.
package struct TestHarnessError: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}
