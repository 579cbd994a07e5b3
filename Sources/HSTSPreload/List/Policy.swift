/// The `policy` of an entry, as defined by Chromium's list header (the values its generator accepts).
public enum Policy: String, Sendable, Hashable, CaseIterable {
    /// Test entries.
    case test
    /// Google-owned domains.
    case google
    /// Entries added by special request.
    case custom
    /// Bulk entries added before the 18-week requirement.
    case bulkLegacy = "bulk-legacy"
    /// Bulk entries preloaded with at least an 18-week max-age.
    case bulk18Weeks = "bulk-18-weeks"
    /// Bulk entries preloaded with at least a 1-year max-age.
    case bulk1Year = "bulk-1-year"
    /// Public suffixes (TLDs and eTLDs) preloaded by their operators.
    case publicSuffix = "public-suffix"
    /// Public suffixes preloaded on request.
    case publicSuffixRequested = "public-suffix-requested"
}
