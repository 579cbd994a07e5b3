import ArgumentParser
import Foundation

/// The root command.
///
/// `main()` is written out (ArgumentParser's manual parsing) so that every error maps to the exit codes of
/// docs/cli-contract.md in one place: usage errors and unreadable input are 3, not ArgumentParser's 64.
@main
struct HSTSQCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hstsq",
        abstract: "Query, compile and audit the HSTS preload list, offline.",
        discussion: """
            Exit codes: 0 success, 1 negative answer, 2 passed with warnings, 3 usage error or unreadable input.
            """,
        version: HSTSQVersion.current,
        subcommands: [
            Check.self, Compile.self, Header.self, Audit.self, Import.self, Update.self, Versions.self, Diff.self,
            Stats.self,
            Entries.self, Status.self, History.self, Use.self, Delete.self, Repair.self, Serve.self, Export.self,
        ]
    )

    static func main() async {
        let code: Int32
        do {
            // `check [--json] TARGET...` skips ArgumentParser's reflection, most of its start-up
            // (Check+PlainTargets.swift).
            if let check = Check.withPlainTargets(CommandLine.arguments.dropFirst()) {
                try check.validate()
                try check.run()
            } else {
                var command = try parseAsRoot()
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            }
            code = 0
        } catch {
            code = report(error)
        }
        Terminal.flush()
        Foundation.exit(code)
    }

    /// Prints `error` as the contract asks and returns the exit code.
    static func report(_ error: any Error) -> Int32 {
        if let exitCode = error as? ExitCode {
            return exitCode.rawValue
        }
        if let cliError = error as? CLIError {
            Terminal.error(cliError.description)
            return 3
        }
        let exitCode = self.exitCode(for: error)
        if exitCode == .success {
            // --help and --version.
            Terminal.line(fullMessage(for: error))
            return 0
        }
        // Usage errors: one line, and exit 3 where ArgumentParser would use 64 (EX_USAGE).
        let message = message(for: error).split(separator: "\n").joined(separator: " ")
        Terminal.error(message + " (see 'hstsq --help')")
        return 3
    }
}

/// The version string `hstsq --version` prints.
enum HSTSQVersion {
    static let current = "0.1.0"
}
