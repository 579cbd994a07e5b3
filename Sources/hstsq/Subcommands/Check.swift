import ArgumentParser
import Foundation
import HSTSCheck
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
        let context = try mechanismOptions.context(
            answering: answering,
            semantics: semantics,
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
        let target: LookupTarget
        do {
            target = try LookupTarget(parsing: input)
        } catch {
            if json { return (.invalid, .line(CheckAnswer.invalidJSON(input: input, reason: error.description))) }
            return (.invalid, .error("invalid target \(quotedName(input)): \(error)"))
        }
        let answer = CheckAnswer(input: input, target: target, context: context)
        let outcome: Outcome = answer.decision.upgrade ? .upgraded : .notUpgraded
        if json { return (outcome, .line(answer.json(explain: explain))) }
        return (outcome, .line(text(answer, context: context) + textMechanisms(answer, context: context)))
    }

    func describe(_ entry: MatchedEntry, list: PreloadList) -> String {
        var parts: [String] = [entry.mode?.rawValue ?? "no mode (pins only)"]
        parts.append(entry.includeSubdomains ? "include_subdomains" : "exact host only")
        if let policy = entry.policy { parts.append("policy \(policy.rawValue)") }
        if let pins = entry.pinsetIndex.flatMap({ list.pinsetName(at: $0) }) { parts.append("pins \(pins)") }
        return parts.joined(separator: ", ")
    }

    func text(_ answer: CheckAnswer, context: CheckContext) -> String {
        let (input, target, decision, other) = (answer.input, answer.target, answer.decision, answer.other)
        let list = context.answering.list
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
        if let redirect = answer.redirect {
            out += "\n  → \(redirect.status) Internal Redirect to \(redirect.location)"
        }
        if other.upgrade != decision.upgrade {
            out +=
                "\n  note: with --semantics \(other.semantics.rawValue) the answer is \(other.upgrade ? "upgraded" : "not upgraded")"
            if let entry = other.entry { out += " (via \(entry.name(in: host)))" }
        }
        if explain {
            out += "\n  considered, from the top-level domain down:"
            for level in answer.considered {
                guard let entry = level.entry else {
                    out += "\n    \(level.name): no entry"
                    continue
                }
                let exact = level.name == host.value
                let decides = entry.nameLength == decision.entry?.nameLength
                out += "\n    \(level.name): \(describe(entry, list: list))"
                if decides {
                    out +=
                        context.semantics == .chromium
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

    /// The per-mechanism lines of the text answer.
    func textMechanisms(_ answer: CheckAnswer, context: CheckContext) -> String {
        let mechanisms = answer.mechanisms
        var out = "\n  mechanisms (\(context.browser.displayName)): \(mechanisms.summary)"
        if explain {
            for mechanism in Mechanism.allCases {
                let traits = mechanism.traits(in: context.browser)
                let word = mechanisms.upgrade(mechanism).map { $0 ? "upgraded" : "not upgraded" } ?? "unknown"
                out += "\n    \(mechanism.rawValue): \(word) (\(mechanisms.reason(mechanism)))"
                out += "\n      covers \(traits.covers.map(\.rawValue).joined(separator: ", "))"
                out += "; http fallback: \(traits.httpFallback ? "yes" : "no")"
                if let click = traits.certificateErrorClickThrough {
                    out += "; certificate errors: \(click ? "can be clicked through" : "cannot be clicked through")"
                }
                if let status = traits.devToolsStatusLine {
                    out += "\n      DevTools: \(status)"
                    if let reason = traits.nonAuthoritativeReason { out += ", Non-Authoritative-Reason: \(reason)" }
                }
            }
            let freshness = context.freshness
            let answering = context.answering
            out += "\n  list: \(answering.label)"
            out += " (\(answering.date.map(CalendarDay.format) ?? "undated"), sha256 \(answering.sha256))"
            if let age = freshness.ageDays { out += ", \(age) days old on \(CalendarDay.format(freshness.asOf))" }
            if let build = freshness.browserBuild { out += "; a browser built on \(CalendarDay.format(build))" }
            switch freshness.enforced {
            case true?: out += "; \(context.browser.displayName) still enforces it"
            case false?: out += "; \(context.browser.displayName) no longer enforces it"
            case nil: out += "; whether \(context.browser.displayName) enforces it is unknown"
            }
        }
        if let view = answer.devTools { out += view.text(browser: context.browser) }
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
