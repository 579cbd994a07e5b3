import ArgumentParser
import Foundation
import HSTSPreload
import HSTSStore

/// `--store PATH`, shared by the store commands: the folder holding store.sqlite and the compiled versions.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store folder (default: $HSTSQ_STORE, else $XDG_DATA_HOME/hstsq, else ~/.local/share/hstsq).",
            valueName: "path"
        )
    )
    var store: String?

    var preloadStore: PreloadStore {
        PreloadStore(
            directory: store ?? PreloadStore.defaultDirectory(environment: ProcessInfo.processInfo.environment)
        )
    }

    /// The version a `version` argument names (an id or a label), or the newest when none is given.
    func version(named name: String?) throws -> StoreVersion {
        do {
            return try preloadStore.version(named: name)
        } catch {
            throw error.cliError
        }
    }
}

extension StoreError {
    /// The CLI's one-line error for a store failure.
    var cliError: CLIError { CLIError(description) }
}

/// The `entry` object of `check --json`, for store output.
func entryJSON(_ entry: Entry) -> JSONOutput {
    .object([
        ("name", .string(entry.name)),
        ("mode", .optional(entry.mode?.rawValue)),
        ("include_subdomains", .bool(entry.includeSubdomains)),
        ("policy", .optional(entry.policy?.rawValue)),
        ("pins", .optional(entry.pins)),
    ])
}

func versionJSON(_ version: StoreVersion) -> JSONOutput {
    .object([
        ("id", .int(version.id)), ("label", .optional(version.label)), ("source_sha256", .string(version.sourceSHA256)),
        ("source", .string(version.source)), ("imported_at", .int(Int(version.importedAt))),
        ("entries", .int(version.entryCount)), ("pinsets", .int(version.pinsetCount)),
        ("browser", .string(version.browser)),
    ])
}

func describe(_ version: StoreVersion) -> String {
    let date = Date(timeIntervalSince1970: TimeInterval(version.importedAt))
    let formatter = ISO8601DateFormatter()
    // Another browser's list says whose it is; Chromium's, the default, says nothing.
    let browser = version.browser == "chromium" ? "" : " (\(version.browser))"
    return
        "#\(version.id)\(version.label.map { " \($0)" } ?? "")\(browser)  \(version.entryCount) entries  imported \(formatter.string(from: date))  sha256 \(version.sourceSHA256.prefix(12))  \(version.source)"
}
