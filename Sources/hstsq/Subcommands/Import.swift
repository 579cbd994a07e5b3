import ArgumentParser
import Foundation
import HSTSPreload
import HSTSStore

/// `hstsq import`: store a list file as a new version.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Validate a list file and store it as a new version (with its compiled trie).",
        discussion:
            "Importing the same source again (same SHA-256) changes nothing. A failed import leaves the store as it was."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The JSON list.", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("A unique name for the version.", valueName: "name"))
    var label: String?

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Flag(name: .long, help: "JSON output.")
    var json = false

    func run() throws {
        let bytes = try ListLocator.readFile(file)
        let store = storeOptions.preloadStore
        let outcome: ImportOutcome
        do {
            outcome = try store.importList(
                bytes,
                fileName: file,
                source: file,
                label: label,
                strict: strict,
                now: Int64(Date().timeIntervalSince1970)
            )
        } catch {
            throw error.cliError
        }
        switch outcome {
        case .imported(let version, let warnings):
            for warning in warnings { Terminal.warning(warning.description) }
            Terminal.line(
                json
                    ? JSONOutput.object([("imported", .bool(true)), ("version", versionJSON(version))]).rendered
                    : "imported \(describe(version))"
            )
        case .unchanged(let version):
            Terminal.line(
                json
                    ? JSONOutput.object([("imported", .bool(false)), ("version", versionJSON(version))]).rendered
                    : "unchanged: the same source (sha256 \(version.sourceSHA256.prefix(12))) is already version #\(version.id)"
            )
        }
    }
}

/// `hstsq versions`: the stored versions, newest first.
struct Versions: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the stored versions, newest first.")

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
        var problems: [String] = []
        do {
            versions = try storeOptions.preloadStore.versions()
            if verify && !versions.isEmpty { problems = try storeOptions.preloadStore.verify() }
        } catch {
            throw error.cliError
        }
        if verify && !problems.isEmpty {
            for version in versions { Terminal.line(json ? versionJSON(version).rendered : describe(version)) }
            for problem in problems { Terminal.error("store \(storeOptions.preloadStore.directory): \(problem)") }
            throw ExitCode(1)
        }
        if versions.isEmpty && !json {
            Terminal.line("no versions in \(storeOptions.preloadStore.directory) (run `hstsq import FILE`)")
        }
        for version in versions { Terminal.line(json ? versionJSON(version).rendered : describe(version)) }
    }
}
