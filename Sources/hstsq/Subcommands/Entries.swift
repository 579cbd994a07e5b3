import ArgumentParser
import HSTSPreload
import HSTSStore

/// `hstsq entries`: list a version's entries from SQLite, streaming.
struct Entries: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entries",
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
        let chosen = try storeOptions.version(named: version)
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
