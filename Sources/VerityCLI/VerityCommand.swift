import ArgumentParser
import Foundation
import VerityCore

/// `verity`: the admin's command line.
package struct VerityCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "verity",
        abstract: "Verity: a multi-user annotation and fact-check workbench backend.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, ImportCommand.self, ExportCommand.self, UserCommand.self, TokenCommand.self, ProjectCommand.self,
            SegmentCommand.self,
        ]
    )

    package init() {}

    /// Runs `verity segment` without ArgumentParser when its arguments are plain (see `Segmentation`) and
    /// exits; returns, having done nothing, for any other command line. Call it before anything else starts:
    /// a short segmentation then costs its own work plus the process's start, not the building of the
    /// whole command tree (about 10 ms of CPU, more than segmenting 100 KB).
    package static func runPlainSegment(_ arguments: [String]) {
        guard arguments.count >= 2, arguments[1] == "segment", let segmentation = Segmentation(arguments: arguments.dropFirst(2)),
            let input = try? segmentation.readInput()
        else { return }
        // A file that cannot be read is left to the full path, which reports it as it always has.
        do {
            try segmentation.run(input: input)
            Foundation.exit(0)
        } catch {
            exit(after: error)
        }
    }

    /// Runs the command line, printing `VerityError`s as one clear message and exiting non-zero.
    package static func runCommandLine() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(after: error)
        }
    }

    /// Exits after a failed command: a `VerityError` as one line and its exit status, anything else as
    /// ArgumentParser reports it.
    private static func exit(after error: any Error) -> Never {
        guard let error = error as? VerityError else { exit(withError: error) }
        FileHandle.standardError.write(Data("verity: \(error.description)\n".utf8))
        Foundation.exit(error.exitCode)
    }
}

extension VerityError {
    /// Exit status by kind: 65 for bad input (EX_DATAERR), 69 when the database is unavailable
    /// (EX_UNAVAILABLE), 78 for configuration problems (EX_CONFIG), 1 otherwise.
    var exitCode: Int32 {
        switch kind {
        case .validation, .payloadTooLarge, .badRequest: 65
        case .unavailable: 69
        case .configuration: 78
        default: 1
        }
    }
}

/// Writes to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
