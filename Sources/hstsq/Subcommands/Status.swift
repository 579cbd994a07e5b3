import ArgumentParser
import HSTSPreload
import HSTSStore

/// `hstsq status`: whether domains are preloaded, removed or unknown, as of the current version and since when.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Tell whether domains are preloaded, removed or unknown, across every stored version.",
        discussion: """
            Answers as of the current version (see `hstsq use`): preloaded by the domain's own entry or through \
            an ancestor's, since which version; removed (in which version, and the last version that had it); or \
            unknown. It names the entry's policy and whether hstspreload.org's weekly scan re-checks it for \
            automated removal (bulk-18-weeks and bulk-1-year). '-' reads one domain per line from standard input.
            --json prints one object per domain in hstspreload.org's status shape (name, status, bulk, \
            preloadedDomain) plus version fields.
            Exit status: 0 if every domain is preloaded, 1 if some is not, 3 if some domain is invalid or the \
            store cannot be read.

            Examples:
              hstsq status example.com www.example.com
              hstsq status --json - < my-hosts.txt
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Flag(name: .long, help: "One JSON object per domain, one per line.")
    var json = false

    @Argument(help: ArgumentHelp("Domains, or '-' for standard input.", valueName: "domain"))
    var domains: [String] = []

    func validate() throws {
        if domains.isEmpty { throw ValidationError("Missing expected argument '<domain>'") }
        if domains.contains("-") && domains.count > 1 { throw ValidationError("'-' must be the only domain") }
    }

    func run() throws {
        let reader: DomainHistoryReader
        do {
            reader = try DomainHistoryReader(store: storeOptions.preloadStore)
        } catch {
            throw CLIError("store \(storeOptions.preloadStore.directory): \(error.description)")
        }
        var anyInvalid = false
        var anyNotPreloaded = false
        func handle(_ input: String, line: Int?) throws {
            let host: HostName
            do {
                host = try HostName(input)
            } catch {
                let place = line.map { "standard input line \($0)" } ?? "argument"
                Terminal.error("invalid domain \(JSONOutput.string(input).rendered) (\(place)): \(error)")
                anyInvalid = true
                return
            }
            let history: DomainHistory
            do {
                history = try reader.status(of: host)
            } catch {
                throw CLIError("store \(storeOptions.preloadStore.directory): \(error.description)")
            }
            let status = history.status
            if case .preloaded = status {} else { anyNotPreloaded = true }
            Terminal.line(json ? Self.json(history, status).rendered : Self.text(history, status, reader: reader))
        }
        if domains == ["-"] {
            var number = 0
            while let line = readLine(strippingNewline: true) {
                number += 1
                let trimmed = line.trimmingASCIIWhitespace()
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                try handle(trimmed, line: number)
            }
        } else {
            for domain in domains { try handle(domain, line: nil) }
        }
        if anyInvalid { throw ExitCode(3) }
        if anyNotPreloaded { throw ExitCode(1) }
    }

    static func text(_ history: DomainHistory, _ status: DomainStatus, reader: DomainHistoryReader) -> String {
        let domain = history.domain
        let current = "[" + VersionReference.text(reader.currentVersion) + "]"
        switch status {
        case .unknown:
            if let entry = history.current?.entry {
                return
                    "\(domain): not preloaded: the deciding entry \(entry.name) (\(VersionReference.describe(entry))) does not upgrade it \(current)"
            }
            return "\(domain): not preloaded in any of the \(reader.versions.count) stored versions \(current)"
        case .preloaded(let entry, let since):
            let how = entry.name == domain ? "by its own entry" : "through \(entry.name)"
            return "\(domain): preloaded \(how) (\(VersionReference.describe(entry))) since "
                + "\(VersionReference.short(since)); \(Self.removalNote(entry)) \(current)"
        case .removed(let entry, let lastPresent, let removedIn):
            return
                "\(domain): removed in \(VersionReference.short(removedIn)); last preloaded through \(entry.name) "
                + "(\(VersionReference.describe(entry))) in \(VersionReference.short(lastPresent)) \(current)"
        }
    }

    static func removalNote(_ entry: Entry) -> String {
        VersionReference.scanned(entry)
            ? "scanned weekly for automated removal" : "not scanned for automated removal"
    }

    static func json(_ history: DomainHistory, _ status: DomainStatus) -> JSONOutput {
        var entry: Entry?
        var fields: [(String, JSONOutput)] = [("name", .string(history.domain)), ("status", .string(status.name))]
        switch status {
        case .unknown:
            entry = history.current?.entry
            fields += [("bulk", .bool(entry?.policy?.isBulk ?? false)), ("preloadedDomain", .string(""))]
        case .preloaded(let decided, let since):
            entry = decided
            fields += [
                ("bulk", .bool(decided.policy?.isBulk ?? false)), ("preloadedDomain", .string(decided.name)),
                ("since", VersionReference.json(since)),
            ]
        case .removed(let last, let lastPresent, let removedIn):
            entry = last
            fields += [
                ("bulk", .bool(last.policy?.isBulk ?? false)), ("preloadedDomain", .string("")),
                ("removed_in", VersionReference.json(removedIn)), ("last_present", VersionReference.json(lastPresent)),
            ]
        }
        fields += [
            ("entry", entry.map(entryJSON) ?? .null),
            ("automated_removal_scan", .bool(entry.map(VersionReference.scanned) ?? false)),
            ("version", history.current.map { VersionReference.json($0.version) } ?? .null),
            ("versions", .int(history.answers.count)),
        ]
        return .object(fields)
    }
}
