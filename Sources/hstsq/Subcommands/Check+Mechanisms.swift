import ArgumentParser
import HSTSCheck
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

extension MechanismOptions {
    /// The run's shared context: the days, what was learned (`--sts`, `--evidence`), `--https-rr`, `-X`.
    func context(answering: AnsweringList, semantics: MatchingSemantics, now: Int64) throws -> CheckContext {
        func day(_ text: String?, _ flag: String) throws -> Int64? {
            guard let text else { return nil }
            guard let value = CalendarDay.parse(text) else {
                throw CLIError("\(flag) \(quotedName(text)): expected a day as YYYY-MM-DD")
            }
            return value
        }
        let asOf = try day(self.asOf, "--as-of") ?? now
        let build = try day(browserBuild, "--browser-build")
        var learned = LearnedHSTS()
        for item in sts {
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
        for file in evidence {
            learned.learn(from: try Audit.readEvidence(file, domain: ""))
        }
        var records = Set<String>()
        for text in httpsRecords {
            guard let host = try? HostName(text) else {
                throw CLIError("--https-rr \(quotedName(text)): invalid host")
            }
            records.insert(host.value)
        }
        let method = self.method.map { $0.uppercased() }
        if let method, method.isEmpty || !method.allSatisfy({ $0.isASCII && $0.isLetter }) {
            throw CLIError("-X \(quotedName(method)): expected an HTTP method such as GET or POST")
        }
        return CheckContext(
            answering: answering,
            browser: browser.browser,
            semantics: semantics,
            asOf: asOf,
            browserBuild: build,
            learned: learned,
            httpsRecords: records,
            topLevelDomains: try BundledData.topLevelDomains(),
            method: method
        )
    }
}
