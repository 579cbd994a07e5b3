import ArgumentParser
import Foundation
import HSTSCheck
import HSTSEligibility
import HSTSMechanisms
import HSTSPreload
import HSTSServer
import HSTSStore

/// `hstsq serve`: hstspreload.org's v2 API over HTTP, offline and in bulk (docs/serve.md).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer hstspreload.org's v2 API (status, preloadable, removable) over HTTP, plus bulk status.",
        discussion: """
            Endpoints: GET /api/v2/status?domain=D, POST /api/v2/status (a JSON array of up to 10,000 names), \
            GET /api/v2/preloadable?domain=D, GET /api/v2/removable?domain=D, \
            GET /api/v2/check?target=URL (optional browser, semantics, as_of), GET /healthz. Answers from --list, \
            else the store's newest version (a newly imported version is picked up without a restart), else the \
            bundled list. Listens on 127.0.0.1:8080 unless --bind says otherwise; SIGINT or SIGTERM stops it \
            after the requests in flight. One access-log line per request \
            on standard error unless --quiet.
            """
    )

    @Option(
        name: .long,
        help: ArgumentHelp("Address and port to listen on (port 0: any free port).", valueName: "host:port")
    )
    var bind = "127.0.0.1:8080"

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A fixed list: a JSON source, a compiled file or a store folder (default: follow the store, else the bundled list).",
            valueName: "file"
        )
    )
    var list: String?

    @Flag(name: .long, help: "No network: preloadable and removable answer from --evidence-dir captures only.")
    var offline = false

    @Option(
        name: .customLong("evidence-dir"),
        help: ArgumentHelp("With --offline: where DOMAIN.har or DOMAIN.txt captures are.", valueName: "dir")
    )
    var evidenceDirectory: String?

    @Option(name: .long, help: "Preload policy whose max-age minimum applies to preloadable.")
    var policy: PolicyOption = .bulk1Year

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The Public Suffix List, for preloadable and check (default: $HSTSQ_PSL, else the embedded one).",
            valueName: "file"
        )
    )
    var psl: String?

    @OptionGroup(title: "Live probes (preloadable, removable)") var probe: ProbeOptions

    @Option(name: .customLong("probe-concurrency"), help: ArgumentHelp("Live probes at once.", valueName: "n"))
    var probeConcurrency = 8

    @Option(name: .customLong("max-bulk"), help: ArgumentHelp("Most names in one bulk request.", valueName: "n"))
    var maximumBulk = 10_000

    @Option(
        name: .long,
        help: ArgumentHelp("Allow this origin by CORS (default: no CORS headers).", valueName: "origin")
    )
    var cors: String?

    @Flag(name: .long, help: "No access log.")
    var quiet = false

    func validate() throws {
        guard Self.parseBind(bind) != nil else {
            throw ValidationError("--bind '\(bind)' is not HOST:PORT (port 0-65535, IPv6 addresses in brackets)")
        }
        if evidenceDirectory != nil && !offline { throw ValidationError("--evidence-dir goes with --offline") }
        if offline && probe.isSet {
            throw ValidationError("--connect-to, --ca-file and --timeout are for live probes, not with --offline")
        }
        guard (1...1024).contains(probeConcurrency) else {
            throw ValidationError("--probe-concurrency must be 1 to 1024")
        }
        guard (1...1_000_000).contains(maximumBulk) else { throw ValidationError("--max-bulk must be 1 to 1000000") }
    }

    /// `HOST:PORT`, `[IPv6]:PORT`.
    static func parseBind(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        guard let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(" ") else { return nil }
        return (host, port)
    }

    func run() async throws {
        var configuration = ServerConfiguration()
        if let (host, port) = Self.parseBind(bind) {
            configuration.host = host
            configuration.port = port
        }
        configuration.offline = offline
        configuration.evidenceDirectory = evidenceDirectory
        configuration.probe = try probe.configuration()
        configuration.probeConcurrency = probeConcurrency
        configuration.maximumBulkDomains = maximumBulk
        configuration.maximumBodyBytes = max(4 << 20, maximumBulk * 300)
        configuration.corsOrigin = cors
        configuration.quiet = quiet

        let lists: ListProvider
        if let list {
            let answering = try ListLocator.openAnswering(list, store: storeOptions.preloadStore, browser: .chromium)
            lists = ListProvider(fixed: ServedList(answering: answering))
        } else {
            let store = storeOptions.preloadStore
            let bundled = ServedList(list: try ListLocator.openBundled())
            do {
                lists = try ListProvider(store: store, fallback: bundled)
            } catch {
                throw CLIError("store \(store.directory): \(error.description)")
            }
        }
        let eligibility = EligibilityAnswers(
            publicSuffixes: try Audit.loadPSL(psl),
            policy: policy.policy,
            configuration: configuration
        )
        let server = PreloadServer(
            lists: lists,
            eligibility: eligibility,
            topLevelDomains: try psl.map { TopLevelDomains(publicSuffixList: try ListLocator.readFile($0)) }
                ?? BundledData.topLevelDomains(),
            configuration: configuration
        )
        let served = lists.list
        let host = Self.urlHost(configuration.host)
        let source = served.version.map { "store version \($0)" } ?? (list ?? "the bundled list")
        do {
            try await server.run { port in
                Terminal.errorLine(
                    "hstsq serve: listening on http://\(host):\(port) (\(source), \(served.list.entryCount) entries)"
                )
            }
        } catch {
            throw CLIError("serve on \(bind): \(error)")
        }
        Terminal.errorLine("hstsq serve: stopped")
    }

    static func urlHost(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }
}
