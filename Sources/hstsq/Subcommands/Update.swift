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
        help: ArgumentHelp(
            "Where to download the list from (default: Chromium's source repository, or mozilla-central's for Firefox).",
            valueName: "url"
        )
    )
    var url: String?

    @Option(name: .long, help: "Whose list: chromium, or firefox (nsSTSPreloadList.inc, kept beside Chromium's).")
    var browser: ListFormatOption = .chromium

    /// mozilla-central's list, as its generator commits it.
    static let firefoxURL =
        "https://hg.mozilla.org/mozilla-central/raw-file/tip/security/manager/ssl/nsSTSPreloadList.inc"

    var resolvedURL: String { url ?? (browser == .firefox ? Self.firefoxURL : ListDownloader.chromiumURL) }

    @Option(name: .long, help: ArgumentHelp("A unique name for the new version.", valueName: "name"))
    var label: String?

    @Option(name: .long, help: ArgumentHelp("Give up after this many seconds.", valueName: "seconds"))
    var timeout: Int = 60

    @Flag(name: .long, help: "JSON output.")
    var json = false

    func validate() throws {
        guard ListDownloader.canDownload(from: resolvedURL) else {
            throw ValidationError("--url must be an http or https URL, got '\(resolvedURL)'")
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func run() async throws {
        let url = resolvedURL
        let list: [UInt8]
        do {
            list = try await ListDownloader(timeout: .seconds(Int64(timeout))).download(from: url)
        } catch {
            throw CLIError("\(error); nothing was imported")
        }
        if browser == .firefox {
            return try storeOptions.importFirefoxList(list, source: url, label: label, json: json)
        }
        try storeOptions.importList(list, source: url, label: label, json: json) { version in
            "unchanged: the list at \(url) is already version #\(version.id) (sha256 \(version.sourceSHA256.prefix(12)))"
        }
    }
}
