import ArgumentParser
import HSTSPreload
import HSTSStore

/// `hstsq history`: every stored version in which a domain's deciding entry appeared, changed or disappeared.
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show when a domain's deciding entry appeared, changed or disappeared, oldest version first.",
        discussion: """
            The deciding entry is the most specific entry whose name is the domain or one of its parents (the rule \
            `check` uses). Versions are in import order.
            Exit status: 0 if some stored version has an entry for the domain, 1 if none has, 3 if the domain is \
            invalid or the store cannot be read.

            Examples:
              hstsq history example.com
              hstsq history --json www.example.com
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Flag(name: .long, help: "One JSON object: {name, version, versions, events}.")
    var json = false

    @Argument(help: ArgumentHelp("The domain.", valueName: "domain"))
    var domain: String

    func run() throws {
        let host: HostName
        do {
            host = try HostName(domain)
        } catch {
            throw CLIError("invalid domain \(JSONOutput.string(domain).rendered): \(error)")
        }
        let history: DomainHistory
        let reader: DomainHistoryReader
        do {
            reader = try DomainHistoryReader(store: storeOptions.preloadStore)
            history = try reader.history(of: host)
        } catch {
            throw CLIError("store \(storeOptions.preloadStore.directory): \(error.description)")
        }
        let events = history.events
        if json {
            Terminal.line(
                JSONOutput.object([
                    ("name", .string(history.domain)),
                    ("version", VersionReference.json(reader.currentVersion)),
                    ("versions", .int(history.answers.count)),
                    ("events", .array(events.map(Self.json))),
                ]).rendered
            )
        } else if events.isEmpty {
            Terminal.line(
                "\(history.domain): no entry in any of the \(history.answers.count) stored versions [current \(VersionReference.text(reader.currentVersion))]"
            )
        } else {
            Terminal.line(
                "\(history.domain): \(events.count) change\(events.count == 1 ? "" : "s") across \(history.answers.count) stored versions [current \(VersionReference.text(reader.currentVersion))]"
            )
            for event in events { Terminal.line("  " + Self.text(event)) }
        }
        if events.isEmpty { throw ExitCode(1) }
    }

    static func text(_ event: HistoryEvent) -> String {
        let version = VersionReference.text(event.version)
        switch event.kind {
        case .appeared(let entry): return "\(version): added \(entry.name) (\(VersionReference.describe(entry)))"
        case .disappeared(let entry):
            return "\(version): removed \(entry.name) (was \(VersionReference.describe(entry)))"
        case .replaced(let old, let new):
            return "\(version): \(new.name) (\(VersionReference.describe(new))) decides instead of \(old.name)"
        case .changed(let entry, let fields):
            let changes = fields.map { "\($0.field.rawValue) \(Self.text($0.old)) -> \(Self.text($0.new))" }
            return "\(version): changed \(entry.name): \(changes.joined(separator: ", "))"
        }
    }

    static func text(_ value: FieldValue) -> String {
        switch value {
        case .absent: "(absent)"
        case .flag(let flag): flag ? "true" : "false"
        case .text(let text): text
        }
    }

    static func json(_ value: FieldValue) -> JSONOutput {
        switch value {
        case .absent: .null
        case .flag(let flag): .bool(flag)
        case .text(let text): .string(text)
        }
    }

    static func json(_ event: HistoryEvent) -> JSONOutput {
        var fields: [(String, JSONOutput)] = [("version", VersionReference.json(event.version))]
        switch event.kind {
        case .appeared(let entry): fields += [("event", .string("added")), ("entry", entryJSON(entry))]
        case .disappeared(let entry): fields += [("event", .string("removed")), ("previous", entryJSON(entry))]
        case .replaced(let old, let new):
            fields += [("event", .string("replaced")), ("entry", entryJSON(new)), ("previous", entryJSON(old))]
        case .changed(let entry, let changes):
            fields += [
                ("event", .string("changed")), ("entry", entryJSON(entry)),
                ("fields", .object(changes.map { ($0.field.rawValue, .array([json($0.old), json($0.new)])) })),
            ]
        }
        return .object(fields)
    }
}
