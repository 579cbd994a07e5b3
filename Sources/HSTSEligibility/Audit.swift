public import HSTSPreload

/// A preload-eligibility audit of one domain: the domain rules, its preload status, and the rules over evidence.
public struct AuditReport: Sendable {
    /// The domain as given.
    public var domain: String
    /// The normalized domain, when it is a usable host name.
    public var host: HostName?
    /// Errors and warnings.
    public var issues: Issues
    /// Requirements the evidence could not decide, with the reason; never counted as passed.
    public var notChecked: [(code: IssueCode, reason: String)]
    /// The entry that already upgrades the domain (exactly or from a parent), if any.
    public var preloadedBy: (name: String, match: MatchKind)?
    /// The single HSTS header of the HTTPS response, when there was one.
    public var header: String?
    /// Whether the HTTPS response and the HTTP redirects were both in the evidence.
    public var coreChecksRan: Bool
    /// Whether the capture shows the browser already had HSTS for the host: it redirected `http://` internally
    /// (`Non-Authoritative-Reason: HSTS`), so the server's own `http://` answer is not in the capture.
    public var browserHadHSTS = false

    /// Whether hstspreload.org would accept the domain: no errors, and the core checks ran on the server's own
    /// answers (never on a capture whose `http://` answer the browser made up).
    public var eligible: Bool { issues.errors.isEmpty && coreChecksRan && !browserHadHSTS }

    /// Whether the list in use already upgrades the domain.
    public var preloaded: Bool { preloadedBy != nil }
}

/// Runs audits against a preload list and a Public Suffix List.
public struct Auditor: Sendable {
    /// The list that answers "already preloaded?".
    public var list: PreloadList
    /// The Public Suffix List for eTLD+1.
    public var publicSuffixes: PublicSuffixList
    /// The max-age policy.
    public var policy: PreloadPolicy

    /// Creates an auditor.
    public init(list: PreloadList, publicSuffixes: PublicSuffixList, policy: PreloadPolicy = .bulk1Year) {
        self.list = list
        self.publicSuffixes = publicSuffixes
        self.policy = policy
    }

    /// Audits `domain` with `evidence` (`nil`: the domain rules and preload status only; everything else is
    /// reported as not checked).
    public func audit(_ domain: String, evidence: Evidence?) -> AuditReport {
        let (domainIssues, host) = DomainRequirements.check(domain, publicSuffixes: publicSuffixes)
        var report = AuditReport(
            domain: domain,
            host: host,
            issues: domainIssues,
            notChecked: [],
            preloadedBy: nil,
            header: nil,
            coreChecksRan: false
        )
        if let host {
            let decision = list.decision(for: host)
            if decision.upgrade, let entry = decision.entry, let match = decision.match {
                report.preloadedBy = (String(entry.name(in: host)), match)
            }
        }
        let formatFailed = domainIssues.errors.contains { $0.code != .domainIsSubdomain }
        guard let host, !formatFailed else { return report }
        guard let evidence else {
            report.notChecked = [
                (.responseNoHeader, "no evidence"), (.redirectsHTTPNoRedirect, "no evidence"),
                (.domainWWWNoTLS, "no evidence"),
                (.domainTLSInvalidCertChain, "no evidence"), (.domainTLSSHA1, "no evidence"),
                (.tlsObsoleteCipherSuite, "no evidence"),
            ]
            return report
        }
        let isRegistrable = !domainIssues.errors.contains { $0.code == .domainIsSubdomain }
        let exempt = EvidenceRules.wwwExemptSuffixes.contains(publicSuffixes.publicSuffix(of: host))
        let outcome = EvidenceRules.evaluate(
            evidence,
            domain: host.value,
            policy: policy,
            checkWWW: isRegistrable && !exempt
        )
        report.issues.append(outcome.issues)
        report.notChecked = outcome.notChecked
        report.header = outcome.header
        report.browserHadHSTS = outcome.browserHadHSTS
        let missing = Set(outcome.notChecked.map(\.code))
        report.coreChecksRan = !missing.contains(.responseNoHeader) && !missing.contains(.redirectsHTTPNoRedirect)
        return report
    }
}
