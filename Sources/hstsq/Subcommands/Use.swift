import ArgumentParser
import HSTSPreload
import HSTSStore

/// `hstsq use`: make a stored version the one that answers.
struct Use: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "use",
        abstract: "Make a stored version the current one (the one check, status and the other commands answer from).",
        discussion: """
            `versions` marks the current version (current). Importing a list makes it current, also when its source \
            is already stored. Exit status: 0, or 3 for an unknown version or a store that cannot be written \
            (then nothing changed).

            Examples:
              hstsq use 2
              hstsq use june
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The version: its id or label.", valueName: "version"))
    var version: String

    @Flag(name: .long, help: "JSON output: {changed, version}.")
    var json = false

    func run() throws {
        let outcome: (version: StoreVersion, wasCurrent: Bool)
        do {
            outcome = try storeOptions.preloadStore.use(version)
        } catch {
            // The read-only error names the store itself.
            if case .readOnly = error { throw error.cliError }
            throw CLIError("store \(storeOptions.preloadStore.directory): \(error.description)")
        }
        if json {
            Terminal.line(
                JSONOutput.object([("changed", .bool(!outcome.wasCurrent)), ("version", versionJSON(outcome.version))])
                    .rendered
            )
        } else {
            Terminal.line(
                outcome.wasCurrent
                    ? "\(VersionReference.text(outcome.version)) is already the current version"
                    : "\(VersionReference.text(outcome.version)) is now the current version"
            )
        }
    }
}
