import ArgumentParser
import Foundation
import HSTSMechanisms
import HSTSPreload

/// `--semantics` values (a CLI-side enum, to keep ArgumentParser out of the core's types).
enum SemanticsOption: String, ExpressibleByArgument, CaseIterable {
    case chromium
    case anyAncestor = "any-ancestor"

    var semantics: MatchingSemantics { self == .chromium ? .chromium : .anyAncestor }
}

/// `hstsq check`: tells whether hosts or URLs would be upgraded with an internal 307.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Tell whether hosts or URLs would be upgraded to HTTPS by the preload list.",
        discussion: """
            A TARGET is a host (example.com, EXAMPLE.com., bücher.de), an IP literal, or a URL \
            (http://example.com:8080/a?b). '-' reads one TARGET per line from standard input.
            Each answer names its list and says what every upgrade mechanism does: the preload list (what \
            `upgrade` reports), HSTS learned from headers (--sts, --evidence), the browser trying https first \
            (HTTPS-Upgrades, HTTPS-First) and an HTTPS DNS record (--https-rr). -X METHOD shows what DevTools shows.
            Exit status: 0 if every target is upgraded, 1 if some is not, 3 if some target is invalid.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A list: a JSON source, a compiled file or a store folder (default: the store's newest version, else the bundled list).",
            valueName: "file"
        )
    )
    var list: String?

    @Flag(name: .long, help: "One JSON object per target, one per line.")
    var json = false

    @Flag(name: .long, help: "Show every entry considered from the top-level domain down, and why one decided.")
    var explain = false

    @Option(
        name: .customLong("semantics"),
        help:
            "Matching rule: chromium (most specific entry decides) or any-ancestor (Firefox, curl; the default with --browser firefox)."
    )
    var semanticsOption: SemanticsOption?

    @OptionGroup var mechanismOptions: MechanismOptions

    var semantics: MatchingSemantics {
        semanticsOption?.semantics ?? (mechanismOptions.browser == .firefox ? .anyAncestor : .chromium)
    }

    @Argument(help: ArgumentHelp("Hosts or URLs, or '-' for standard input.", valueName: "target"))
    var targets: [String] = []

    func validate() throws {
        if targets.isEmpty { throw ValidationError("Missing expected argument '<target>'") }
        if targets.contains("-") && targets.count > 1 { throw ValidationError("'-' must be the only target") }
    }

    func run() throws {
        let answering = try ListLocator.openAnswering(
            list,
            store: storeOptions.preloadStore,
            browser: mechanismOptions.browser.browser
        )
        let context = try CheckContext(
            options: mechanismOptions,
            answering: answering,
            now: Int64(Date().timeIntervalSince1970)
        )
        for warning in context.warnings() { Terminal.warning(warning) }
        var anyInvalid = false
        var anyNotUpgraded = false
        if targets == ["-"] {
            (anyInvalid, anyNotUpgraded) = stream(context: context)
        } else {
            for target in targets {
                let (outcome, report) = answer(target, context: context)
                switch report {
                case .line(let line): Terminal.line(line)
                case .error(let message): Terminal.error(message)
                }
                if outcome == .invalid { anyInvalid = true }
                if outcome == .notUpgraded { anyNotUpgraded = true }
            }
        }
        if anyInvalid { throw ExitCode(3) }
        if anyNotUpgraded { throw ExitCode(1) }
    }

    enum Outcome { case upgraded, notUpgraded, invalid }

    /// What one target prints: a line on standard output, or an error message (without the `hstsq: error:` prefix).
    enum Report {
        case line(String)
        case error(String)
    }

    func answer(_ input: String, context: CheckContext) -> (Outcome, Report) {
        let list = context.answering.list
        let target: LookupTarget
        do {
            target = try LookupTarget(parsing: input)
        } catch {
            if json {
                let line = JSONOutput.object([
                    ("input", .string(input)),
                    ("error", .object([("code", .string("host.invalid")), ("message", .string(error.description))])),
                ]).rendered
                return (.invalid, .line(line))
            }
            return (.invalid, .error("invalid target \(quotedName(input)): \(error)"))
        }
        let decision: UpgradeDecision
        let other: UpgradeDecision
        let otherSemantics: MatchingSemantics = semantics == .chromium ? .anyAncestor : .chromium
        switch target.host {
        case .name(let name):
            decision = list.decision(for: name, semantics: semantics)
            other = list.decision(for: name, semantics: otherSemantics)
        case .ip:
            decision = .noEntry(semantics)
            other = .noEntry(otherSemantics)
        }
        let redirect = target.internalRedirect(for: decision)
        let outcome: Outcome = decision.upgrade ? .upgraded : .notUpgraded
        let mechanisms = context.mechanisms(target: target, decision: decision)
        if json {
            var fields: [(String, JSONOutput)] = [
                ("input", .string(input)),
                ("host", .string(target.host.text)),
                ("upgrade", .bool(decision.upgrade)),
                ("match", .optional(decision.match?.rawValue)),
                ("entry", entryJSON(decision.entry, target: target, list: list)),
            ]
            if let redirect {
                fields.append(
                    (
                        "redirect",
                        .object([("status", .int(redirect.status)), ("location", .string(redirect.location))])
                    )
                )
            }
            fields.append(("semantics", .string(semantics.rawValue)))
            fields.append(("disagrees", .bool(other.upgrade != decision.upgrade)))
            if explain {
                fields.append(("considered", consideredJSON(target: target, list: list, decision: decision)))
                fields.append(("mechanisms", mechanisms.explainedJSON(browser: context.browser)))
                if let view = devToolsView(target: target, mechanisms: mechanisms, context: context) {
                    fields.append(("devtools", view.json))
                }
            }
            var rendered = JSONOutput.object(fields).rendered
            // The list object is rendered once per run; the compact mechanisms are written directly.
            rendered.removeLast()
            rendered += ",\"list\":"
            rendered += context.listJSON
            if !explain {
                rendered += ",\"mechanisms\":"
                mechanisms.compactJSON(into: &rendered)
                if let view = devToolsView(target: target, mechanisms: mechanisms, context: context) {
                    rendered += ",\"devtools\":"
                    rendered += view.json.rendered
                }
            }
            rendered += "}"
            return (outcome, .line(rendered))
        }
        var line = text(input: input, target: target, decision: decision, other: other, redirect: redirect, list: list)
        line += textMechanisms(target: target, mechanisms: mechanisms, context: context)
        return (outcome, .line(line))
    }

    func entryJSON(_ entry: MatchedEntry?, target: LookupTarget, list: PreloadList) -> JSONOutput {
        guard let entry, case .name(let host) = target.host else { return .null }
        return .object([
            ("name", .string(String(entry.name(in: host)))),
            ("mode", .optional(entry.mode?.rawValue)),
            ("include_subdomains", .bool(entry.includeSubdomains)),
            ("policy", .optional(entry.policy?.rawValue)),
            ("pins", .optional(entry.pinsetIndex.flatMap { list.pinsetName(at: $0) })),
        ])
    }

    /// Each level from the TLD down: the entry there, if any, and whether it decided.
    func considered(target: LookupTarget, list: PreloadList) -> [(name: String, entry: MatchedEntry?)] {
        guard case .name(let host) = target.host else { return [] }
        let entries = list.matchingEntries(for: host)
        let labels = host.labels
        var result: [(String, MatchedEntry?)] = []
        for depth in 1...labels.count {
            let name = labels.suffix(depth).joined(separator: ".")
            result.append((name, entries.first { $0.nameLength == name.utf8.count }))
        }
        return result
    }

    func consideredJSON(target: LookupTarget, list: PreloadList, decision: UpgradeDecision) -> JSONOutput {
        .array(
            considered(target: target, list: list).map { level in
                .object([
                    ("name", .string(level.name)),
                    ("entry", entryJSON(level.entry, target: target, list: list)),
                    ("decides", .bool(level.entry != nil && level.entry?.nameLength == decision.entry?.nameLength)),
                ])
            }
        )
    }

    func describe(_ entry: MatchedEntry, list: PreloadList) -> String {
        var parts: [String] = [entry.mode?.rawValue ?? "no mode (pins only)"]
        parts.append(entry.includeSubdomains ? "include_subdomains" : "exact host only")
        if let policy = entry.policy { parts.append("policy \(policy.rawValue)") }
        if let pins = entry.pinsetIndex.flatMap({ list.pinsetName(at: $0) }) { parts.append("pins \(pins)") }
        return parts.joined(separator: ", ")
    }

    func text(
        input: String,
        target: LookupTarget,
        decision: UpgradeDecision,
        other: UpgradeDecision,
        redirect: InternalRedirect?,
        list: PreloadList
    ) -> String {
        var out = "\(input): "
        if case .ip = target.host {
            out += "not upgraded (no entry names an IPv6 address)"
            return out
        }
        guard case .name(let host) = target.host else { return out }
        if let entry = decision.entry, let match = decision.match {
            let name = entry.name(in: host)
            out += decision.upgrade ? "upgraded" : "not upgraded"
            out += match == .exact ? " (exact entry \(name): " : " (parent entry \(name): "
            out += describe(entry, list: list) + ")"
        } else {
            out += "not upgraded (no entry for \(host.value) or its parents)"
        }
        if let redirect { out += "\n  → \(redirect.status) Internal Redirect to \(redirect.location)" }
        if other.upgrade != decision.upgrade {
            out +=
                "\n  note: with --semantics \(other.semantics.rawValue) the answer is \(other.upgrade ? "upgraded" : "not upgraded")"
            if let entry = other.entry { out += " (via \(entry.name(in: host)))" }
        }
        if explain {
            out += "\n  considered, from the top-level domain down:"
            for level in considered(target: target, list: list) {
                guard let entry = level.entry else {
                    out += "\n    \(level.name): no entry"
                    continue
                }
                let exact = level.name == host.value
                let decides = entry.nameLength == decision.entry?.nameLength
                out += "\n    \(level.name): \(describe(entry, list: list))"
                if decides {
                    out +=
                        semantics == .chromium
                        ? " ← decides: the most specific entry at a label boundary"
                        : " ← decides"
                    if !exact && !entry.includeSubdomains { out += "; it does not include subdomains, so no upgrade" }
                } else if exact || entry.nameLength > (decision.entry?.nameLength ?? 0) {
                    out += " (more specific than the deciding entry)"
                } else {
                    out += " (overridden by a more specific entry)"
                }
            }
        }
        return out
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs and carriage returns.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
