import ArgumentParser
import HSTSPreload
import HSTSStore

/// `hstsq versions`: the stored versions, newest first.
struct Versions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versions",
        abstract: "List the stored versions, newest first; the current one is marked (current).",
        discussion: "Examples:\n  hstsq versions\n  hstsq versions --verify --json"
    )

    @OptionGroup var storeOptions: StoreOptions

    @Flag(name: .long, help: "JSON lines.")
    var json = false

    @Flag(
        name: .long,
        help:
            "Also check the store: SQLite integrity, entry counts, and each version's trie file (exit 1 on a problem)."
    )
    var verify = false

    func run() throws {
        let versions: [StoreVersion]
        var currentID: Int?
        var problems: [String] = []
        do {
            versions = try storeOptions.preloadStore.versions()
            currentID = try storeOptions.preloadStore.currentVersion()?.id
            if verify && !versions.isEmpty { problems = try storeOptions.preloadStore.verify() }
        } catch {
            throw error.cliError
        }
        func line(_ version: StoreVersion) -> String {
            let current = version.id == currentID
            if json {
                guard case .object(let fields) = versionJSON(version) else { return versionJSON(version).rendered }
                return JSONOutput.object(fields + [("current", .bool(current))]).rendered
            }
            return describe(version) + (current ? "  (current)" : "")
        }
        if verify && !problems.isEmpty {
            for version in versions { Terminal.line(line(version)) }
            for problem in problems { Terminal.error("store \(storeOptions.preloadStore.directory): \(problem)") }
            throw ExitCode(1)
        }
        if versions.isEmpty && !json {
            Terminal.line("no versions in \(storeOptions.preloadStore.directory) (run `hstsq import FILE`)")
        }
        for version in versions { Terminal.line(line(version)) }
    }
}
