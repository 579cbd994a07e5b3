import ArgumentParser
import HSTSEligibility
import HSTSPreload

/// `hstsq header`: checks one `Strict-Transport-Security` value against the preload (or removal) requirements.
struct Header: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "header",
        abstract: "Check a Strict-Transport-Security header value against the preload requirements.",
        discussion: """
            Issue codes are hstspreload.org's (docs/issue-codes.md). Also reports whether a browser would honour \
            the header at all under RFC 6797, which is stricter on syntax and looser on policy.
            Exit status: 0 every check passed, 1 some requirement failed, 2 passed with warnings, 3 usage error.
            """
    )

    @Flag(name: .long, help: "One JSON object instead of text.")
    var json = false

    @Flag(name: .long, help: "Check the removal requirements instead (no preload, a valid max-age).")
    var removal = false

    @Option(name: .long, help: "Preload policy whose max-age minimum applies.")
    var policy: PolicyOption = .bulk1Year

    @Argument(
        help: ArgumentHelp("The header value, e.g. 'max-age=31536000; includeSubDomains; preload'.", valueName: "value")
    )
    var value: String

    func run() throws {
        let header = StrictTransportSecurity(parsing: value)
        let issues =
            removal
            ? HeaderRequirements.removable(header) : HeaderRequirements.preloadable(header, policy: policy.policy)
        let browser = BrowserVerdict(evaluating: value)
        if json {
            var fields: [(String, JSONOutput)] = [
                ("header", .string(value)),
                // Exact for every value that fits in 64 bits; beyond that the checker has no max-age (null).
                ("max_age", header.maxAge.map(JSONOutput.unsigned) ?? .null),
                ("include_subdomains", .bool(header.includeSubdomains)),
                ("preload", .bool(header.preload)),
            ]
            // `preloadable` is always present (the contract); removal mode adds `removable`.
            let preloadable =
                removal
                ? HeaderRequirements.preloadable(header, policy: policy.policy).errors.isEmpty : issues.errors.isEmpty
            fields.append(("preloadable", .bool(preloadable)))
            if removal { fields.append(("removable", .bool(issues.errors.isEmpty))) }
            fields.append(("policy", removal ? .null : .string(policy.rawValue)))
            fields.append(("errors", .array(issues.errors.map(Self.json))))
            fields.append(("warnings", .array(issues.warnings.map(Self.json))))
            fields.append(("honored_by_browsers", .bool(browser.honored)))
            if let reason = browser.reason { fields.append(("honored_by_browsers_reason", .string(reason))) }
            fields.append(("browsers", .object(BrowserStorage.all(evaluating: value).map(Self.json))))
            Terminal.line(JSONOutput.object(fields).rendered)
        } else {
            Terminal.line(text(header: header, issues: issues, browser: browser))
        }
        if !issues.errors.isEmpty { throw ExitCode(1) }
        if !issues.warnings.isEmpty { throw ExitCode(2) }
    }

    /// One browser's reading: `{"accepted":…,"stored_max_age":…,"include_subdomains":…,…}`.
    static func json(_ storage: BrowserStorage) -> (String, JSONOutput) {
        (
            storage.browser.rawValue,
            .object([
                ("accepted", .bool(storage.accepted)),
                ("stored_max_age", storage.storedMaxAge.map(JSONOutput.unsigned) ?? .null),
                ("include_subdomains", .bool(storage.includeSubdomains)),
                ("max_age_capped", .bool(storage.maxAgeCapped)),
                ("removes_entry", .bool(storage.removesEntry)),
                ("reason", .optional(storage.reason)),
            ])
        )
    }

    static func json(_ issue: Issue) -> JSONOutput {
        .object([
            ("code", .string(issue.code.rawValue)), ("summary", .string(issue.summary)),
            ("message", .string(issue.message)),
        ])
    }

    /// What one browser stores, in words.
    static func text(_ storage: BrowserStorage, given: UInt64?) -> String {
        guard storage.accepted, let stored = storage.storedMaxAge else {
            return "ignores the header (\(storage.reason ?? "rejected"))"
        }
        if storage.removesEntry { return "max-age=0: deletes the HSTS it has stored for the host" }
        var text = "stores max-age \(stored) s (\(stored / 86_400) days)"
        if storage.maxAgeCapped { text += ", capped from \(given.map(String.init) ?? "a larger value")" }
        if storage.includeSubdomains { text += ", includeSubDomains" }
        return text
    }

    func text(header: StrictTransportSecurity, issues: Issues, browser: BrowserVerdict) -> String {
        var lines = ["Strict-Transport-Security: \(value)"]
        var parts: [String] = []
        if let maxAge = header.maxAge {
            parts.append("max-age \(maxAge) s (\(maxAge / 86_400) days)")
        } else {
            parts.append("no valid max-age")
        }
        if header.includeSubdomains { parts.append("includeSubDomains") }
        if header.preload { parts.append("preload") }
        lines.append("  " + parts.joined(separator: ", "))
        let verdict = issues.errors.isEmpty ? (issues.warnings.isEmpty ? "yes" : "yes, with warnings") : "no"
        lines.append(removal ? "  removable: \(verdict)" : "  preloadable (\(policy.rawValue)): \(verdict)")
        lines.append("  honoured by browsers (RFC 6797): " + (browser.honored ? "yes" : "no, \(browser.reason ?? "")"))
        for storage in BrowserStorage.all(evaluating: value) {
            lines.append("  \(storage.browser.rawValue): " + Self.text(storage, given: header.maxAge))
        }
        for issue in issues.errors + issues.warnings {
            lines.append("  \(issue.severity.rawValue): \(issue.code): \(issue.message)")
        }
        return lines.joined(separator: "\n")
    }
}
