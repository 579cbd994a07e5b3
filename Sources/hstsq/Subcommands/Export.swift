import ArgumentParser
import Foundation
import HSTSPreload
import HSTSServer
import HSTSStore

/// `--format` values.
enum ExportFormatOption: String, ExpressibleByArgument, CaseIterable {
    case curl
    case text
    case chromiumJSON = "chromium-json"

    var format: ExportFormat {
        switch self {
        case .curl: .curl
        case .text: .text
        case .chromiumJSON: .chromiumJSON
        }
    }
}

/// `hstsq export`: the list for other HSTS clients (docs/export.md).
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the list for other HSTS clients: curl's --hsts cache file, plain text, or Chromium's JSON.",
        discussion: """
            curl: one line per force-https entry, a leading dot for include_subdomains, expiring \
            \(ListExporter.curlExpiry). curl's rule (exact entry, else the longest parent with include_subdomains) \
            upgrades some names Chromium does not (names under an overriding entry such as www.figma.com); their \
            number goes to standard error, and --explain lists them. chromium-json: `hstsq import` reads it back \
            to the same version.
            """
    )

    @Option(name: .long, help: "Output format.")
    var format: ExportFormatOption = .text

    @Option(
        name: .long,
        help: ArgumentHelp("A store version (id or label; default: the newest, else the bundled list).", valueName: "v")
    )
    var version: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Export this list file (JSON source or compiled) instead of a store version.",
            valueName: "file"
        )
    )
    var list: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE (default: standard output).", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "With --format curl: list every name curl would answer differently from Chromium.")
    var explain = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if version != nil && list != nil { throw ValidationError("give either --version or --list, not both") }
        if explain && format != .curl { throw ValidationError("--explain goes with --format curl") }
    }

    func run() throws {
        let exporter = try load()
        if format == .curl { reportCurlDifferences(exporter.entries) }
        let text = exporter.render(format.format)
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CLIError("\(output): cannot write (\(error.localizedDescription))")
            }
        } else {
            Terminal.flush()
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// Entries and pinsets: `--list`, else `--version` or the store's newest, else the bundled JSON source.
    func load() throws -> ListExporter {
        if let list { return try Self.load(path: list) }
        let store = storeOptions.preloadStore
        if version != nil || store.exists {
            let resolved = try storeOptions.version(named: version)
            do {
                return ListExporter(
                    entries: try store.allEntries(of: resolved),
                    pinsets: try store.pinsets(of: resolved)
                )
            } catch {
                throw error.cliError
            }
        }
        // The bundled list is the compiled one embedded in the binary (or $HSTSQ_DEFAULT_LIST): no file beside it.
        let bundled = try ListLocator.openBundled()
        do {
            return ListExporter(entries: try bundled.entries())
        } catch {
            throw CLIError("bundled list: \(error)")
        }
    }

    static func load(path: String) throws -> ListExporter {
        let bytes = try ListLocator.readFile(path)
        if bytes.starts(with: Array("HSTSQTRI".utf8)) {
            do {
                return ListExporter(entries: try PreloadList(compiledBytes: bytes).entries())
            } catch {
                throw CLIError("\(path): \(error)")
            }
        }
        let source = try ListLocator.importSource(path: path, strict: false, printWarnings: false)
        return ListExporter(entries: source.entries, pinsets: source.pinsets)
    }

    func reportCurlDifferences(_ entries: [Entry]) {
        let differences = CurlDifference.all(in: entries)
        let names = differences.filter(\.includesEntryName).count
        Terminal.errorLine(
            "hstsq export: curl would upgrade names Chromium does not: \(names) entry names and the subdomains of \(differences.count) entries (names under an overriding entry)\(explain || differences.isEmpty ? "" : "; --explain lists them")"
        )
        if explain {
            for difference in differences { Terminal.errorLine("  \(difference)") }
        }
        let lines = entries.filter { $0.mode == .forceHTTPS }.count
        if lines > 10_000 {
            Terminal.errorLine(
                "hstsq export: note: curl 8.20.0 and later keep only the last 10,000 names of an HSTS cache file; this file has \(lines)"
            )
        }
    }
}
