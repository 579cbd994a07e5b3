import ArgumentParser
import HSTSProbe
import HSTSStore
import NIOCore

/// `hstsq update`: download the current list and import it.
struct Update: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Download the current list and import it as a new version.",
        discussion: """
            The default URL is Chromium's source view of the list, which answers base64 (?format=TEXT); any URL \
            serving the plain JSON works too. Without network, or on a bad answer, nothing changes.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .long,
        help: ArgumentHelp("Where to download the list from (default: Chromium's source repository).", valueName: "url")
    )
    var url: String = ListDownloader.chromiumURL

    @Option(name: .long, help: ArgumentHelp("A unique name for the new version.", valueName: "name"))
    var label: String?

    @Option(name: .long, help: ArgumentHelp("Give up after this many seconds.", valueName: "seconds"))
    var timeout: Int = 60

    @Flag(name: .long, help: "JSON output.")
    var json = false

    func validate() throws {
        guard ListDownloader.canDownload(from: url) else {
            throw ValidationError("--url must be an http or https URL, got '\(url)'")
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func run() async throws {
        let list: [UInt8]
        do {
            list = try await ListDownloader(timeout: .seconds(Int64(timeout))).download(from: url)
        } catch {
            throw CLIError("\(error); nothing was imported")
        }
        try storeOptions.importList(list, source: url, label: label, json: json) { version in
            "unchanged: the list at \(url) is already version #\(version.id) (sha256 \(version.sourceSHA256.prefix(12)))"
        }
    }
}
