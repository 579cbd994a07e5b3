import Foundation
import HSTSPreload
import HSTSStore

extension StoreOptions {
    /// Imports `bytes` into the store as a new version and prints the outcome, for `import` and `update`.
    ///
    /// Warnings go to standard error; the result is one line of text or JSON on standard output.
    /// - Parameters:
    ///   - bytes: the JSON list.
    ///   - source: what the list was read from (a path or a URL), stored with the version and named in errors.
    ///   - label: a unique name for the new version.
    ///   - strict: whether warnings fail the import.
    ///   - json: whether the outcome is printed as JSON.
    ///   - pins: the path and bytes of Chromium's separate pins file, making `bytes` the entries file of the current
    ///     two-file layout.
    ///   - lookupIndex: whether the version's compiled file gets a lookup-index section.
    ///   - unchanged: the text line when the store already holds the same source.
    /// - Throws: `CLIError` with the store's one-line error; the store is left as it was.
    func importList(
        _ bytes: [UInt8],
        source: String,
        label: String?,
        strict: Bool = false,
        json: Bool,
        pins: (path: String, bytes: [UInt8])? = nil,
        lookupIndex: Bool = false,
        unchanged: (StoreVersion) -> String
    ) throws {
        let outcome: ImportOutcome
        do {
            outcome = try preloadStore.importList(
                bytes,
                fileName: source,
                source: pins.map { "\(source) + \($0.path)" } ?? source,
                label: label,
                strict: strict,
                pins: pins.map { (bytes: $0.bytes, fileName: $0.path) },
                lookupIndex: lookupIndex,
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
                    ? JSONOutput.object([
                        ("imported", .bool(true)), ("version", versionJSON(version)), ("current", .bool(true)),
                    ]).rendered
                    : "imported \(describe(version))"
            )
        case .unchanged(let version):
            Terminal.line(
                json
                    ? JSONOutput.object([
                        ("imported", .bool(false)), ("version", versionJSON(version)), ("current", .bool(true)),
                    ]).rendered
                    : unchanged(version) + "; it is the current version now"
            )
        }
    }
}
