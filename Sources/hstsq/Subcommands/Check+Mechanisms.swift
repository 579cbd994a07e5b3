import ArgumentParser
import Foundation
import HSTSEligibility
import HSTSMechanisms
import HSTSPreload

/// `--browser` values.
enum BrowserOption: String, ExpressibleByArgument, CaseIterable {
    case chromium
    case firefox
    case safari

    var browser: Browser {
        switch self {
        case .chromium: .chromium
        case .firefox: .firefox
        case .safari: .safari
        }
    }
}

/// `check`'s options for the other mechanisms and for the list's freshness.
struct MechanismOptions: ParsableArguments {
    @Option(name: .long, help: "The engine whose rules (and list) answer: chromium, firefox or safari.")
    var browser: BrowserOption = .chromium

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("Answer as on this day (YYYY-MM-DD, UTC; default: today).", valueName: "date")
    )
    var asOf: String?

    @Option(
        name: .customLong("browser-build"),
        help: ArgumentHelp(
            "The day the browser was built (YYYY-MM-DD; default: the list's date): is its list still enforced?",
            valueName: "date"
        )
    )
    var browserBuild: String?

    @Option(
        name: .customLong("sts"),
        help: ArgumentHelp(
            "A Strict-Transport-Security header HOST sent over HTTPS (repeatable), for the dynamic answer.",
            valueName: "host=value"
        )
    )
    var sts: [String] = []

    @Option(
        name: .customLong("evidence"),
        help: ArgumentHelp(
            "A HAR or `curl -sSI -L` capture whose HTTPS headers were learned (repeatable).",
            valueName: "file"
        )
    )
    var evidence: [String] = []

    @Option(
        name: .customLong("https-rr"),
        help: ArgumentHelp("HOST publishes an HTTPS DNS record (repeatable).", valueName: "host")
    )
    var httpsRecords: [String] = []

    @Option(
        name: [.customShort("X"), .customLong("request")],
        help: ArgumentHelp(
            "Show what DevTools shows for a request with this method (GET, POST, …).",
            valueName: "method"
        )
    )
    var method: String?
}

/// What every answer of one `check` run shares, computed once.
struct CheckContext {
    let answering: AnsweringList
    let browser: Browser
    let freshness: ListFreshness
    /// The `list` object, rendered once: `check -` writes these bytes on every line.
    let listJSON: String
    let learned: LearnedHSTS
    /// Hosts with an HTTPS record (normalized).
    let httpsRecords: Set<String>
    let topLevelDomains: TopLevelDomains
    /// The request method for the DevTools view, upper-cased.
    let method: String?

    /// Whether `check -` may answer plain host names from bytes: nothing per host but the list and the name.
    var fastPathAllowed: Bool { learned.isEmpty && httpsRecords.isEmpty && method == nil }

    /// Whether the engine answers from another engine's list (no Firefox list is available yet).
    var listIsChromiums: Bool { browser != .chromium && answering.listOf == .chromium }

    init(options: MechanismOptions, answering: AnsweringList, now: Int64) throws {
        self.answering = answering
        browser = options.browser.browser
        func day(_ text: String?, _ flag: String) throws -> Int64? {
            guard let text else { return nil }
            guard let value = CalendarDay.parse(text) else {
                throw CLIError("\(flag) \(quotedName(text)): expected a day as YYYY-MM-DD")
            }
            return value
        }
        let asOf = try day(options.asOf, "--as-of") ?? now
        let build = try day(options.browserBuild, "--browser-build")
        freshness = ListFreshness(
            browser: browser,
            listDate: answering.date,
            asOf: asOf,
            browserBuild: build,
            expiration: browser == .firefox ? answering.expiration : nil
        )
        var learned = LearnedHSTS()
        for item in options.sts {
            guard let equals = item.firstIndex(of: "=") else {
                throw CLIError("--sts \(quotedName(item)): expected HOST=VALUE")
            }
            let hostText = String(item[..<equals])
            guard let host = try? HostName(hostText) else {
                throw CLIError("--sts \(quotedName(item)): invalid host \(quotedName(hostText))")
            }
            if let reason = learned.learn(
                host: host,
                headerValue: String(item[item.index(after: equals)...]),
                source: "--sts"
            ) {
                Terminal.warning("--sts \(quotedName(item)): ignored, as browsers ignore it: \(reason)")
            }
        }
        for file in options.evidence {
            learned.learn(from: try Audit.readEvidence(file, domain: ""))
        }
        self.learned = learned
        var records = Set<String>()
        for text in options.httpsRecords {
            guard let host = try? HostName(text) else {
                throw CLIError("--https-rr \(quotedName(text)): invalid host")
            }
            records.insert(host.value)
        }
        httpsRecords = records
        let psl: [UInt8]
        if let file = ListLocator.override("HSTSQ_PSL") {
            psl = try ListLocator.readFile(file)
        } else {
            psl = BundledData.publicSuffixList
        }
        topLevelDomains = TopLevelDomains(publicSuffixList: psl)
        method = options.method.map { $0.uppercased() }
        if let method, method.isEmpty || !method.allSatisfy({ $0.isASCII && $0.isLetter }) {
            throw CLIError("-X \(quotedName(method)): expected an HTTP method such as GET or POST")
        }
        var fields: [(String, JSONOutput)] = [
            ("label", .string(answering.label)),
            ("date", .optional(answering.date.map(CalendarDay.format))),
            ("sha256", .string(answering.sha256)),
            ("age_days", freshness.ageDays.map(JSONOutput.int) ?? .null),
            ("browser", .string(browser.rawValue)),
            ("list_of", .string(answering.listOf.rawValue)),
            ("enforced", freshness.enforced.map(JSONOutput.bool) ?? .null),
        ]
        if let build { fields.append(("browser_build", .string(CalendarDay.format(build)))) }
        listJSON = JSONOutput.object(fields).rendered
    }

    /// The one-line warnings `check` prints before answering: a list the browser no longer enforces, another
    /// engine's list.
    func warnings() -> [String] {
        var lines: [String] = []
        if freshness.enforced == false, let age = freshness.ageDays {
            let what = "the list \(answering.label) (\(answering.date.map(CalendarDay.format) ?? "undated"))"
            switch browser {
            case .chromium:
                let buildNote =
                    freshness.browserBuild.map { " a browser built on \(CalendarDay.format($0)) is past" }
                    ?? " a browser built with it is past"
                lines.append(
                    "\(what) is \(age) days old on \(CalendarDay.format(freshness.asOf)):\(buildNote) Chromium's \(ListFreshness.chromiumTimelyDays)-day limit and ignores its built-in list; run `hstsq update` for a fresh one"
                )
            case .firefox, .safari:
                lines.append(
                    "\(what) is \(age) days old on \(CalendarDay.format(freshness.asOf)), past its expiration in \(browser.displayName); run `hstsq update` for a fresh one"
                )
            }
        }
        if answering.dateIsImportDate {
            lines.append(
                "the list \(answering.label) has no date label; its age is counted from its import day"
            )
        }
        if listIsChromiums {
            lines.append(
                "answering for \(browser.displayName) from Chromium's list: \(browser.displayName)'s own list may differ (docs/mechanisms.md)"
            )
        }
        return lines
    }

    /// Every mechanism's answer for a parsed target.
    func mechanisms(target: LookupTarget, decision: UpgradeDecision) -> MechanismAnswers {
        var record: Bool? = nil
        if case .name(let host) = target.host, httpsRecords.contains(host.value) { record = true }
        return MechanismAnswers.compute(
            target: target,
            decision: decision,
            list: answering.list,
            browser: browser,
            learned: learned,
            httpsRecord: record,
            topLevelDomains: topLevelDomains
        )
    }
}

extension MechanismAnswers {
    /// `{"preload":{"upgrade":…},…}`, the compact form.
    func compactJSON(into out: inout String) {
        out += "{\"preload\":{\"upgrade\":"
        out += preload ? "true" : "false"
        out += "},\"dynamic\":{\"upgrade\":"
        out += dynamic.map { $0 ? "true" : "false" } ?? "null"
        out += "},\"https_upgrade\":{\"upgrade\":"
        out += httpsUpgrade.upgrade ? "true" : "false"
        out += "},\"dns\":{\"upgrade\":"
        out += dns.map { $0 ? "true" : "false" } ?? "null"
        out += "}}"
    }

    /// The `--explain` form: each mechanism's answer, why, what it covers and what DevTools shows.
    func explainedJSON(browser: Browser) -> JSONOutput {
        .object(
            Mechanism.allCases.map { mechanism in
                let traits = mechanism.traits(in: browser)
                var fields: [(String, JSONOutput)] = [
                    ("upgrade", upgrade(mechanism).map(JSONOutput.bool) ?? .null),
                    ("why", .string(reason(mechanism))),
                    ("covers", .array(traits.covers.map { .string($0.rawValue) })),
                    ("http_fallback", .bool(traits.httpFallback)),
                    (
                        "certificate_error_click_through",
                        traits.certificateErrorClickThrough.map(JSONOutput.bool) ?? .null
                    ),
                    ("devtools_status_line", .optional(traits.devToolsStatusLine)),
                    ("non_authoritative_reason", .optional(traits.nonAuthoritativeReason)),
                ]
                if mechanism == .httpsUpgrade {
                    fields.append(("exclusion", .optional(httpsUpgrade.exclusion?.rawValue)))
                }
                return (mechanism.rawValue, .object(fields))
            }
        )
    }

    /// One phrase saying why a mechanism answers as it does.
    func reason(_ mechanism: Mechanism) -> String {
        switch mechanism {
        case .preload:
            if let knockout {
                return "a learned max-age=0 for \(knockout) sets preloaded entries there and below aside"
                    + (preloadVia.map { "; \($0) still includes subdomains" } ?? "")
            }
            return preloadVia.map { "entry \($0)" } ?? "no entry decides"
        case .dynamic:
            guard let dynamic else { return "give --sts HOST=VALUE or --evidence FILE" }
            return dynamic ? "learned from \(dynamicVia ?? "a header")" : "nothing learned covers this host"
        case .httpsUpgrade:
            if let exclusion = httpsUpgrade.exclusion { return "excluded: \(exclusion.rawValue)" }
            if let port = httpsUpgrade.nonDefaultPort {
                return "tried first on port \(port) (the same port; usually fails and falls back)"
            }
            return "top-level GET navigations tried over https first"
        case .dns:
            return dns == nil ? "not knowable offline: give --https-rr HOST" : "the host publishes an HTTPS record"
        }
    }

    /// `preload yes, dynamic unknown, https_upgrade yes, dns unknown`.
    var summary: String {
        func word(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "unknown" }
        var text = "preload \(word(preload)), dynamic \(word(dynamic)), https_upgrade \(word(httpsUpgrade.upgrade))"
        if let exclusion = httpsUpgrade.exclusion, exclusion != .notHTTP { text += " (\(exclusion.rawValue))" }
        return text + ", dns \(word(dns))"
    }
}
