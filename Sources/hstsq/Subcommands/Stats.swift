import ArgumentParser
import HSTSPreload
import HSTSStore

/// `hstsq stats`: counts over a version.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count a version's entries by mode, policy, include_subdomains, depth and TLD."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The version (id or label; default: the newest).", valueName: "version"))
    var version: String?

    @Flag(name: .long, help: "JSON output.")
    var json = false

    func run() throws {
        let store = storeOptions.preloadStore
        let chosen = try storeOptions.version(named: version)
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
