internal import HSTSPreload

/// hstspreload.org's automated removal, as it applies to one preloaded domain.
///
/// Every week hstspreload.org runs the full eligibility check on each entry whose policy is `bulk-18-weeks` or
/// `bulk-1-year`, with that policy's max-age minimum; a domain with failing scans more than 30 days apart (at least
/// two) is queued for removal (chromium/hstspreload.org: `cron.yaml`, `api/domain_handlers.go`
/// `RemoveIneligibleDomains`). When the list is next updated (`scripts/updatelist`), a queued domain is checked once
/// more, always with the 18-week max-age minimum, and removed only if it still fails. Other policies are not
/// scanned.
public struct AutomatedRemoval: Sendable {
    /// The entry that preloads the domain.
    public var entry: PreloadingEntry
    /// Whether the entry's policy is scanned; `nil` when the list does not record policies.
    public var scanned: Bool?
    /// Whether the domain passes the scan today: `nil` when it is not the domain's own scanned entry, or when the
    /// evidence could not decide (core checks missing and no error).
    public var passes: Bool?
    /// The errors that fail the scan.
    public var failing: [Issue]
    /// Whether the domain passes the last check before removal (the full check with the 18-week minimum, whatever
    /// the entry's policy); `nil` when `passes` is.
    public var passesFinalCheck: Bool?

    /// Weekly scans; a domain is queued after failing scans more than this many days apart.
    public static let daysBetweenFailingScans = 30
}

extension Auditor {
    /// Whether `domain`'s entry is scanned for automated removal and whether it would pass the scan with
    /// `evidence` (`nil`: not decided); `nil` when the list does not preload the domain.
    ///
    /// The scan is the full eligibility check with the entry's own policy, whatever `policy` this auditor has.
    /// A domain preloaded through a parent is not scanned itself: the parent's entry is.
    public func automatedRemoval(for domain: String, evidence: Evidence?) -> AutomatedRemoval? {
        guard let host = DomainRequirements.check(domain, publicSuffixes: publicSuffixes).host,
            let entry = preloadingEntry(for: host)
        else { return nil }
        var result = AutomatedRemoval(entry: entry, scanned: entry.policy?.isScannedForAutomatedRemoval, failing: [])
        guard entry.match == .exact, result.scanned == true, let policy = entry.policy, let evidence else {
            return result
        }
        var scanner = self
        scanner.policy = policy == .bulk18Weeks ? .bulk18Weeks : .bulk1Year
        let scan = scanner.audit(domain, evidence: evidence)
        result.failing = scan.issues.errors
        result.passes = scan.issues.errors.isEmpty ? (scan.coreChecksRan ? true : nil) : false
        if result.passes == nil { return result }
        scanner.policy = .bulk18Weeks
        let final = policy == .bulk18Weeks ? scan : scanner.audit(domain, evidence: evidence)
        result.passesFinalCheck = final.issues.errors.isEmpty ? (final.coreChecksRan ? true : nil) : false
        return result
    }
}
