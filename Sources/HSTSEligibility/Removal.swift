public import HSTSPreload

extension IssueCode {
    // hstspreload.org's removal form: what the list says about the domain.
    /// The domain is preloaded only through a parent entry that is not a TLD; only removing the parent helps.
    public static let serverRemovableSubdomain = IssueCode(rawValue: "server.removable.subdomain")
    /// The domain is preloaded through a whole preloaded TLD; it cannot be removed on its own.
    public static let serverRemovablePreloadedTLD = IssueCode(rawValue: "server.removable.preloaded_tld")
    /// The domain's entry is not a bulk entry (its policy is `custom`, `google`, `test` or a public suffix one), so
    /// the form refuses it: removal is by email to the list maintainers.
    public static let serverRemovableProtected = IssueCode(rawValue: "server.removable.protected")
    /// The domain is not on the list, so there is nothing to remove (a warning).
    public static let serverRemoveNotPreloaded = IssueCode(rawValue: "server.remove.not_preloaded")

    /// The codes only removal checks report.
    public static let removalCodes: [IssueCode] = [
        .serverRemovableSubdomain, .serverRemovablePreloadedTLD, .serverRemovableProtected, .serverRemoveNotPreloaded,
    ]
}

extension Policy {
    /// Whether hstspreload.org treats an entry with this policy as a bulk entry: submitted through the form, and
    /// removable through it (`bulk-legacy`, `bulk-18-weeks`, `bulk-1-year`).
    public var isBulk: Bool { self == .bulkLegacy || self == .bulk18Weeks || self == .bulk1Year }

    /// Whether hstspreload.org's weekly scan re-checks entries with this policy and queues failing ones for
    /// removal (`bulk-18-weeks`, `bulk-1-year`; chromium/hstspreload.org `api/domain_handlers.go`,
    /// `RemoveIneligibleDomains`).
    public var isScannedForAutomatedRemoval: Bool { self == .bulk18Weeks || self == .bulk1Year }
}

/// The list entry that preloads a domain: its name, how it matches, and its policy (`nil` in lists that do not
/// record one, such as the 2016 layout or the bundled snapshot).
public struct PreloadingEntry: Sendable, Hashable {
    /// The entry's name.
    public var name: String
    /// Whether it is the domain's own entry or a parent's.
    public var match: MatchKind
    /// The entry's policy, when the list records it.
    public var policy: Policy?

    /// Creates a description of an entry.
    public init(name: String, match: MatchKind, policy: Policy?) {
        self.name = name
        self.match = match
        self.policy = policy
    }
}

/// A removal check of one domain: hstspreload.org's domain-level removal requirements (the Go checker's
/// `RemovableDomain`: a single HSTS header over HTTPS with a valid `max-age` and without `preload`) and what the
/// list says (the removal form's `server.removable.*` refusals).
public struct RemovalReport: Sendable {
    /// The domain as given.
    public var domain: String
    /// The normalized domain, when it is a usable host name.
    public var host: HostName?
    /// Errors and warnings.
    public var issues: Issues
    /// Requirements the evidence could not decide, with the reason; never counted as passed.
    public var notChecked: [(code: IssueCode, reason: String)]
    /// The entry that preloads the domain, if any.
    public var preloadedBy: PreloadingEntry?
    /// The single HSTS header of the HTTPS response, when there was one.
    public var header: String?

    /// Whether the removal form would accept the domain: no errors, and the HTTPS response was checked.
    public var removable: Bool { issues.errors.isEmpty && notChecked.isEmpty }
}

extension Auditor {
    /// The entry of `list` that preloads `host`, if any.
    public func preloadingEntry(for host: HostName) -> PreloadingEntry? {
        let decision = list.decision(for: host)
        guard decision.upgrade, let entry = decision.entry, let match = decision.match else { return nil }
        return PreloadingEntry(name: String(entry.name(in: host)), match: match, policy: entry.attributes.policy)
    }

    /// Checks whether `domain` could be removed from the list through hstspreload.org, from `evidence` (`nil`:
    /// the list's answer only; the HTTPS response is then not checked).
    ///
    /// In the removal form's order: a domain preloaded only through a parent is refused without looking at the
    /// site (`server.removable.subdomain`, `server.removable.preloaded_tld`); then the HTTPS response: no TLS
    /// connection (`domain.tls.cannot_connect`), a certificate chain that only verifies when checks are skipped
    /// (`domain.tls.invalid_cert_chain`), none or several HSTS headers (`response.*`), and the header's removal
    /// requirements (`header.removable.*`, parse errors kept, parse warnings dropped); then an entry whose policy
    /// is not bulk (`server.removable.protected`). A domain with no entry gets the warning
    /// `server.remove.not_preloaded`.
    public func removal(_ domain: String, evidence: Evidence?) -> RemovalReport {
        let (domainIssues, host) = DomainRequirements.check(domain, publicSuffixes: publicSuffixes)
        var report = RemovalReport(domain: domain, host: host, issues: Issues(), notChecked: [], header: nil)
        guard let host else {
            // Only a name that is no host name stops the check: the removal requirements have no domain rules.
            report.issues = domainIssues
            return report
        }
        report.preloadedBy = preloadingEntry(for: host)
        if let entry = report.preloadedBy, entry.match != .exact {
            if entry.name.contains(".") {
                report.issues.error(
                    .serverRemovableSubdomain,
                    "Domain is subdomain of preloaded domain",
                    "This domain is a subdomain of \(entry.name), which is on the preload list. To remove the HSTS policy for \(host.value), the domain \(entry.name) would need to be removed from the preload list."
                )
            } else {
                report.issues.error(
                    .serverRemovablePreloadedTLD,
                    "Domain is registered under a preloaded TLD",
                    "The entire TLD \(entry.name) is preloaded for HSTS and individual domain names cannot be removed."
                )
            }
            return report
        }
        if let evidence {
            let outcome = RemovalRules.evaluate(evidence, domain: host.value)
            report.issues.append(outcome.issues)
            report.notChecked = outcome.notChecked
            report.header = outcome.header
        } else {
            report.notChecked = [(.responseNoHeader, "no evidence")]
        }
        if let entry = report.preloadedBy, let policy = entry.policy, !policy.isBulk {
            report.issues.error(
                .serverRemovableProtected,
                "Domain protected",
                "This domain is currently protected against removal through the hstspreload.org site (its entry's policy is \(policy.rawValue)). Please contact the list maintainers by email if you want to remove it from the preload list."
            )
        }
        if report.preloadedBy == nil {
            report.issues.warning(
                .serverRemoveNotPreloaded,
                "Not preloaded",
                "The domain is not part of the preload list, so it cannot be removed."
            )
        }
        return report
    }
}

/// The removal requirements over captured evidence: the HTTPS response of https://DOMAIN/ only (no redirects,
/// no www), as the reference checker's `RemovableDomain` fetches it.
public enum RemovalRules {
    /// The outcome of the evidence checks.
    public struct Outcome: Sendable {
        /// Issues found.
        public var issues = Issues()
        /// Requirements the evidence could not decide, with the reason.
        public var notChecked: [(code: IssueCode, reason: String)] = []
        /// The single Strict-Transport-Security value of the HTTPS response, when there was exactly one.
        public var header: String?
    }

    /// Evaluates `evidence` for `domain` (normalized).
    public static func evaluate(_ evidence: Evidence, domain: String) -> Outcome {
        var outcome = Outcome()
        let https = ObservedURL(scheme: "https", host: domain)
        if let chainError = evidence.tlsIssues.errors.first(where: { $0.code == .domainTLSInvalidCertChain }) {
            // The reference reports the chain and does not look at the response it got without verification.
            outcome.issues.error(chainError.code, chainError.summary, chainError.message)
            return outcome
        }
        guard let response = evidence.responses[https.key] else {
            if let failure = evidence.failures[https.key] {
                outcome.issues.error(
                    .domainTLSCannotConnect,
                    "Cannot connect using TLS",
                    "We cannot connect to https://\(domain) using TLS (\(failure))."
                )
            } else {
                outcome.notChecked.append((.responseNoHeader, "the capture has no response for \(https)"))
            }
            return outcome
        }
        switch response.strictTransportSecurity.count {
        case 0:
            outcome.issues.error(
                .responseNoHeader,
                "No HSTS header",
                "Response error: No HSTS header is present on the response."
            )
        case 1:
            outcome.header = response.strictTransportSecurity[0]
            outcome.issues.append(
                HeaderRequirements.removable(StrictTransportSecurity(parsing: response.strictTransportSecurity[0]))
            )
        default:
            outcome.issues.error(
                .responseMultipleHeaders,
                "Multiple HSTS headers",
                "Response error: Multiple HSTS headers (number of HSTS headers: \(response.strictTransportSecurity.count))."
            )
        }
        return outcome
    }
}
