import ArgumentParser
import HSTSPreload
import HSTSStore

/// `hstsq stats`: counts over a version.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count a version's entries by mode, policy, include_subdomains, depth and TLD."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The version (id or label; default: the newest).", valueName: "version"))
    var version: String?

    @Flag(name: .long, help: "JSON output.")
    var json = false

    func run() throws {
        let store = storeOptions.preloadStore
        let chosen: StoreVersion
        if let version {
            chosen = try VersionReference.resolve(version, in: store)
        } else {
            guard let current = try? store.currentVersion() else {
                throw CLIError("\(store.directory): the store holds no version yet (run `hstsq import FILE`)")
            }
            chosen = current
        }
        let stats: ListStats
        do {
            stats = try store.stats(of: chosen)
        } catch {
            throw error.cliError
        }
        if json {
            Terminal.line(
                JSONOutput.object([
                    ("version", versionJSON(stats.version)),
                    ("mode", .object(stats.byMode.map { ($0.0, .int($0.1)) })),
                    ("policy", .object(stats.byPolicy.map { ($0.0, .int($0.1)) })),
                    (
                        "include_subdomains",
                        .object(stats.byIncludeSubdomains.map { ($0.0 ? "true" : "false", .int($0.1)) })
                    ),
                    ("labels", .object(stats.byLabelCount.map { (String($0.0), .int($0.1)) })),
                    (
                        "top_tlds",
                        .array(stats.topTLDs.map { .object([("tld", .string($0.0)), ("entries", .int($0.1))]) })
                    ),
                ]).rendered
            )
            return
        }
        Terminal.line(describe(stats.version))
        Terminal.line("mode:               " + stats.byMode.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
        Terminal.line("policy:             " + stats.byPolicy.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
        Terminal.line(
            "include_subdomains: " + stats.byIncludeSubdomains.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        )
        Terminal.line("labels:             " + stats.byLabelCount.map { "\($0.0): \($0.1)" }.joined(separator: ", "))
        Terminal.line("top TLDs:           " + stats.topTLDs.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
    }
}

/// `--policy` values for `entries` (a CLI-side type, to keep ArgumentParser out of the core).
struct PolicyFilter: ExpressibleByArgument {
    let policy: Policy

    init?(argument: String) {
        guard let policy = Policy(rawValue: argument) else { return nil }
        self.policy = policy
    }

    static var allValueStrings: [String] { Policy.allCases.map(\.rawValue) }
}

/// `hstsq entries`: list a version's entries from SQLite, streaming.
struct Entries: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List entries of the newest version (or --version), filtered, streaming."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .long, help: ArgumentHelp("The version (id or label; default: the newest).", valueName: "version"))
    var version: String?

    @Option(name: .long, help: "Only this policy.")
    var policy: PolicyFilter?

    @Option(name: .long, help: "Only this top-level domain.")
    var tld: String?

    @Option(
        name: .customLong("include-subdomains"),
        help: ArgumentHelp("Only entries with (true) or without (false) include_subdomains.", valueName: "true|false")
    )
    var includeSubdomains: Bool?

    @Option(name: .long, help: ArgumentHelp("Only this domain and names below it.", valueName: "domain"))
    var under: String?

    @Flag(name: .long, help: "JSON lines (the entry object of check --json).")
    var json = false

    func run() throws {
        let store = storeOptions.preloadStore
        let chosen: StoreVersion
        if let version {
            chosen = try VersionReference.resolve(version, in: store)
        } else {
            guard let current = try? store.currentVersion() else {
                throw CLIError("\(store.directory): the store holds no version yet (run `hstsq import FILE`)")
            }
            chosen = current
        }
        let filter = EntryFilter(policy: policy?.policy, tld: tld, includeSubdomains: includeSubdomains, under: under)
        do {
            try store.entries(of: chosen, filter: filter) { entry in
                if json {
                    Terminal.line(entryJSON(entry).rendered)
                } else {
                    var flags = [entry.mode?.rawValue ?? "no mode"]
                    if entry.includeSubdomains { flags.append("include_subdomains") }
                    if let policy = entry.policy { flags.append(policy.rawValue) }
                    if let pins = entry.pins { flags.append("pins \(pins)") }
                    Terminal.line("\(entry.name)\t\(flags.joined(separator: ", "))")
                }
            }
        } catch {
            throw error.cliError
        }
    }
}
