import ArgumentParser
import Foundation
import HSTSPreload
import HSTSStore

/// `hstsq import`: store a list file as a new version.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Validate a list file and store it as a new version (with its compiled trie).",
        discussion: """
            Importing the same source again (same SHA-256) changes nothing. A failed import leaves the store as it \
            was.
            With --pins, FILE is the entries file of Chromium's current layout (every entry with a valid "policy") \
            and PINS the separate transport_security_state_static_pins.json; hosts only in PINS become entries that \
            do not force HTTPS, as Chromium's generator makes them (docs/list-formats.md).
            --index hash gives the version's compiled file a lookup-index section (docs/trie-format.md): faster \
            lookups for every command that answers from it, about 4.4 MB more per version of today's list; \
            repair keeps the choice.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The JSON list.", valueName: "file"))
    var file: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Chromium's separate pins file (transport_security_state_static_pins.json) for FILE in the current layout.",
            valueName: "pins.json"
        )
    )
    var pins: String?

    @Option(name: .long, help: ArgumentHelp("A unique name for the version.", valueName: "name"))
    var label: String?

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Option(name: .long, help: FileIndexOption.help)
    var index: FileIndexOption = .compact

    @Flag(name: .long, help: "JSON output.")
    var json = false

    @Option(name: .long, help: "The file's format: chromium (JSON) or firefox (nsSTSPreloadList.inc).")
    var format: ListFormatOption = .chromium

    func validate() throws {
        if format == .firefox && (pins != nil || index == .hash) {
            throw ValidationError("--pins and --index hash are for Chromium's JSON, not with --format firefox")
        }
    }

    func run() throws {
        let bytes = try ListLocator.readFile(file)
        if format == .firefox {
            return try storeOptions.importFirefoxList(bytes, source: file, label: label, json: json)
        }
        let pinsFile = try pins.map { (path: $0, bytes: try ListLocator.readFile($0)) }
        try storeOptions.importList(
            bytes,
            source: file,
            label: label,
            strict: strict,
            json: json,
            pins: pinsFile,
            lookupIndex: index == .hash
        ) {
            version in
            "unchanged: the same source (sha256 \(version.sourceSHA256.prefix(12))) is already version #\(version.id)"
        }
    }
}
