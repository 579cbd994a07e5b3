import ArgumentParser
import Foundation
import HSTSPreload
import HSTSStore

/// `hstsq diff`: what changed between two lists.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract:
            "Show entries added, removed and changed between two lists (default: the store's two newest versions).",
        discussion: """
            Each side is a stored version (its id or label) or a JSON list file. With one argument it is compared \
            with the newest version. Exit 0 whatever the differences.
            With --hosts FILE, only your hosts: one line (or JSON object) per host whose answer changes (upgraded or \
            not, or another deciding entry), then a summary; exit 3 if some host is invalid.

            Examples:
              hstsq diff may june
              hstsq diff may june --hosts my-hosts.txt
              hstsq diff 1 data/preload-2026-06-01.json --hosts - --json < my-hosts.txt
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The older list: version id, label, or list file.", valueName: "old"))
    var old: String?

    @Argument(help: ArgumentHelp("The newer list: version id, label, or list file.", valueName: "new"))
    var new: String?

    @Flag(name: .long, help: "One JSON object: {from, to, added, removed, changed}.")
    var json = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only your hosts: a file with one host per line ('-' for standard input); prints the hosts whose answer changes.",
            valueName: "file"
        )
    )
    var hosts: String?

    /// One side of the comparison; its entries and compiled list are read only when asked for.
    struct Side {
        var json: JSONOutput
        var text: String
        /// `#3 june`, or the file name.
        var short: String
        var entries: () throws -> [Entry]
        var list: () throws -> PreloadList
    }

    func run() throws {
        let store = storeOptions.preloadStore
        let from: Side
        let to: Side
        switch (old, new) {
        case (let old?, let new?):
            from = try Self.side(old, store: store)
            to = try Self.side(new, store: store)
        case (let old?, nil):
            from = try Self.side(old, store: store)
            to = try Self.side(try Self.newest(store, count: 1)[0], store: store)
        default:
            let newest = try Self.newest(store, count: 2)
            from = try Self.side(newest[1], store: store)
            to = try Self.side(newest[0], store: store)
        }
        if let hosts {
            try HostsDiff(from: from, to: to, json: json).run(hostsFile: hosts)
            return
        }
        let diff = ListDiff(from: try from.entries(), to: try to.entries())
        if json {
            Terminal.line(
                JSONOutput.object([
                    ("from", from.json), ("to", to.json),
                    ("added", .array(diff.added.map(entryJSON))), ("removed", .array(diff.removed.map(entryJSON))),
                    (
                        "changed",
                        .array(
                            diff.changed.map { change in
                                .object([
                                    ("name", .string(change.name)),
                                    (
                                        "fields",
                                        .object(
                                            change.fields.map {
                                                ($0.field.rawValue, .array([Self.json($0.old), Self.json($0.new)]))
                                            }
                                        )
                                    ),
                                ])
                            }
                        )
                    ),
                ]).rendered
            )
            return
        }
        Terminal.line("from \(from.text)\nto   \(to.text)")
        Terminal.line("\(diff.added.count) added, \(diff.removed.count) removed, \(diff.changed.count) changed")
        for entry in diff.added { Terminal.line("+ \(entry.name)") }
        for entry in diff.removed { Terminal.line("- \(entry.name)") }
        for change in diff.changed {
            Terminal.line(
                "~ \(change.name): "
                    + change.fields.map {
                        "\($0.field.rawValue) \(Self.json($0.old).rendered) → \(Self.json($0.new).rendered)"
                    }
                    .joined(separator: ", ")
            )
        }
    }

    /// The newest `count` versions, or a clear error when the store has fewer.
    static func newest(_ store: PreloadStore, count: Int) throws -> [StoreVersion] {
        let versions: [StoreVersion]
        do {
            versions = try store.versions()
        } catch {
            throw error.cliError
        }
        guard versions.count >= count else {
            throw CLIError(
                "\(store.directory): diff needs \(count) stored version\(count == 1 ? "" : "s") when not given lists, the store has \(versions.count) (run `hstsq import FILE`)"
            )
        }
        return Array(versions.prefix(count))
    }

    static func side(_ version: StoreVersion, store: PreloadStore) throws -> Side {
        Side(
            json: versionJSON(version),
            text: describe(version),
            short: VersionReference.short(version),
            entries: {
                do throws(StoreError) {
                    return try store.allEntries(of: version)
                } catch {
                    throw error.cliError
                }
            },
            list: {
                do throws(StoreError) {
                    return try store.list(of: version)
                } catch {
                    throw CLIError("store \(store.directory): \(error.description)")
                }
            }
        )
    }

    /// A stored version (id or label) when the store has it, else a list file.
    static func side(_ name: String, store: PreloadStore) throws -> Side {
        if store.exists, let version = try storedVersion(name, in: store) {
            return try side(version, store: store)
        }
        guard FileManager.default.fileExists(atPath: name) else {
            throw CLIError("'\(name)' is neither a stored version (id or label; see `hstsq versions`) nor a list file")
        }
        let bytes = try ListLocator.readFile(name)
        let source: PreloadListSource
        do {
            source = try PreloadListSource.parse(bytes, fileName: name)
        } catch {
            throw CLIError(error.description)
        }
        let sha = PreloadList.hex(source.sourceSHA256)
        return Side(
            json: .object([
                ("file", .string(name)), ("source_sha256", .string(sha)), ("entries", .int(source.entries.count)),
            ]),
            text: "\(name)  \(source.entries.count) entries  sha256 \(sha.prefix(12))",
            short: name,
            entries: { source.entries },
            list: {
                do {
                    return try PreloadList(compiling: source)
                } catch {
                    throw CLIError("\(name): \(error)")
                }
            }
        )
    }

    /// The stored version `name` names, or `nil` when the store has none by that id or label.
    ///
    /// A store that cannot be read is an error, unless `name` is a file: a list given by path needs no store.
    static func storedVersion(_ name: String, in store: PreloadStore) throws -> StoreVersion? {
        do {
            return try store.version(named: name)
        } catch {
            switch error {
            case .unknownVersion, .empty: return nil
            default:
                if FileManager.default.fileExists(atPath: name) { return nil }
                throw error.cliError
            }
        }
    }

    /// A field value as JSON: flags as booleans, text as strings, absent as null.
    static func json(_ value: FieldValue) -> JSONOutput {
        switch value {
        case .absent: .null
        case .flag(let flag): .bool(flag)
        case .text(let text): .string(text)
        }
    }
}
