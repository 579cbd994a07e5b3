import ArgumentParser
import HSTSPreload
import HSTSStore

/// `hstsq repair`: rewrite missing or damaged trie files from the store's rows.
struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Rebuild missing or damaged trie files from the store's SQLite rows.",
        discussion: """
            `versions --verify` reports what is wrong; `repair` rewrites each missing or damaged trie file from \
            that version's rows while holding the store's write lock, and changes nothing else. A damaged database \
            or a version whose rows do not add up cannot be repaired: it says so and changes nothing (exit 3).

            Examples:
              hstsq versions --verify
              hstsq repair
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Flag(name: .long, help: "JSON output: {problems, rebuilt}.")
    var json = false

    func run() throws {
        let outcome: PreloadStore.RepairOutcome
        do {
            outcome = try storeOptions.preloadStore.repair()
        } catch {
            // The read-only error names the store itself.
            if case .readOnly = error { throw error.cliError }
            throw CLIError("store \(storeOptions.preloadStore.directory): \(error.description)")
        }
        if json {
            Terminal.line(
                JSONOutput.object([
                    ("problems", .array(outcome.problems.map(JSONOutput.string))),
                    ("rebuilt", .array(outcome.rebuilt.map(versionJSON))),
                ]).rendered
            )
            return
        }
        if outcome.rebuilt.isEmpty {
            Terminal.line("nothing to repair in \(storeOptions.preloadStore.directory)")
            return
        }
        for problem in outcome.problems { Terminal.line("found: \(problem)") }
        for version in outcome.rebuilt {
            Terminal.line("rebuilt \(version.trieFile) for \(VersionReference.text(version))")
        }
    }
}
