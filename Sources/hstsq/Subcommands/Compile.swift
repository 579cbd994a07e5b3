import ArgumentParser
import Foundation
import HSTSPreload

/// `hstsq compile`: JSON list → compiled trie file.
struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile a Chromium-style JSON list into a compact, memory-mappable trie file.",
        discussion: """
            The file layout is documented in docs/trie-format.md. --index compact (the default) writes the \
            size-conscious file (about 6 bytes per entry); --index hash appends a lookup-index section, a hash index \
            read straight from the mapping (about 50 bytes per entry in all), for processes that look up many hosts.

            Examples:
              hstsq compile preload.json -o preload.hstsq
              hstsq compile preload.json -o preload-fast.hstsq --index hash
            """
    )

    @Argument(
        help: ArgumentHelp("The JSON list (transport_security_state_static.json layout).", valueName: "list.json")
    )
    var input: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the compiled file.", valueName: "file"))
    var output: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Chromium's separate pins file (transport_security_state_static_pins.json) for an input in the current layout.",
            valueName: "pins.json"
        )
    )
    var pins: String?

    @Flag(name: .long, help: "Treat warnings (names not in normalized form, unknown fields) as errors.")
    var strict = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Compile time to record, in seconds since 1970 (default: now), for reproducible output.",
            valueName: "seconds"
        )
    )
    var compiledAt: Int64?

    @Option(name: .long, help: FileIndexOption.help)
    var index: FileIndexOption = .compact

    @Flag(name: .long, help: "Print a JSON summary instead of text.")
    var json = false

    func run() throws {
        let start = Date()
        let source = try ListLocator.importSource(path: input, pins: pins, strict: strict, printWarnings: true)
        let bytes: [UInt8]
        do {
            bytes = try PreloadList.compiledBytes(
                for: source,
                compiledAt: compiledAt ?? Int64(Date().timeIntervalSince1970),
                lookupIndex: index == .hash
            )
        } catch {
            throw CLIError("\(input): \(error)")
        }
        try AtomicFile.write(bytes, to: output)
        let seconds = Date().timeIntervalSince(start)
        let perEntry = source.entries.isEmpty ? 0 : Double(bytes.count) / Double(source.entries.count)
        if json {
            Terminal.line(
                JSONOutput.object([
                    ("input", .string(input)), ("output", .string(output)), ("index", .string(index.rawValue)),
                    ("entries", .int(source.entries.count)),
                    ("bytes", .int(bytes.count)), ("bytes_per_entry", .double((perEntry * 1000).rounded() / 1000)),
                    ("warnings", .int(source.warnings.count)), ("seconds", .double((seconds * 1000).rounded() / 1000)),
                ]).rendered
            )
        } else {
            let formatted = String(format: "%.2f", perEntry)
            Terminal.line(
                "\(output): \(source.entries.count) entries, \(bytes.count) bytes (\(formatted) bytes/entry), \(source.warnings.count) warnings, \(String(format: "%.2f", seconds)) s"
            )
        }
    }
}

/// Writes a file so readers see the old or the new contents, never a partial one: temporary file, fsync, rename.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        do {
            try PreloadList.writeAtomically(bytes, to: path)
        } catch {
            throw CLIError("\(error)")
        }
    }
}
