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

    @Option(name: .long, help: "The file's format: chromium (JSON) or firefox (nsSTSPreloadList.inc).")
    var format: ListFormatOption = .chromium

    func run() throws {
        let bytes = try ListLocator.readFile(file)
        if format == .firefox {
            return try storeOptions.importFirefoxList(bytes, source: file, label: label, json: json)
        }
        try storeOptions.importList(bytes, source: file, label: label, strict: strict, json: json) { version in
            "unchanged: the same source (sha256 \(version.sourceSHA256.prefix(12))) is already version #\(version.id)"
        }
    }
}
