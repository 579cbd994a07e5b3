import ArgumentParser
import HSTSPreload
import HSTSStore

/// `hstsq delete`: remove a stored version and its trie file.
struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a stored version (its rows and its trie file).",
        discussion: """
            Refuses the current version unless --force is given; then the newest remaining version becomes current. \
            Exit status: 0, or 3 for an unknown version, the current version without --force, or a store that \
            cannot be written (then nothing changed).

            Examples:
              hstsq delete 1
              hstsq delete june --force
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The version: its id or label.", valueName: "version"))
    var version: String

    @Flag(name: .long, help: "Delete it even if it is the current version.")
    var force = false

    @Flag(name: .long, help: "JSON output: {deleted}.")
    var json = false

    func run() throws {
        let deleted: StoreVersion
        do {
            deleted = try storeOptions.preloadStore.delete(version, force: force)
        } catch {
            // The read-only error names the store itself.
            if case .readOnly = error { throw error.cliError }
            throw CLIError("store \(storeOptions.preloadStore.directory): \(error.description)")
        }
        Terminal.line(
            json
                ? JSONOutput.object([("deleted", versionJSON(deleted))]).rendered
                : "deleted \(VersionReference.text(deleted))"
        )
    }
}
