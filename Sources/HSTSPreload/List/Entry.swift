/// One entry of the preload list, with every field Chromium's `transport_security_state_static.json` knows.
///
/// Field names follow the JSON keys; see Chromium's `net/http/transport_security_state_static.json` header comment.
public struct Entry: Sendable, Hashable {
    /// The DNS name exactly as written in the list (an entry not in normalized form never matches a host).
    public var name: String
    /// The list maintainers' policy for the entry (`policy`), absent in the 2016 layout.
    public var policy: Policy?
    /// Whether covered hosts must use HTTPS (`mode`); `nil` for pins-only entries.
    public var mode: Mode?
    /// `include_subdomains`: force-https (and pins) also apply to every host below `name`.
    public var includeSubdomains: Bool
    /// `include_subdomains_for_pinning`: pins apply to hosts below `name`.
    public var includeSubdomainsForPinning: Bool
    /// `pins`: the name of the pinset that applies.
    public var pins: String?
    /// `expect_ct`: the host expects Certificate Transparency information.
    public var expectCT: Bool
    /// `expect_ct_report_uri`.
    public var expectCTReportURI: String?
    /// `expect_staple`: the host expects OCSP stapling.
    public var expectStaple: Bool
    /// `include_subdomains_for_expect_staple`.
    public var includeSubdomainsForExpectStaple: Bool
    /// `expect_staple_report_uri`.
    public var expectStapleReportURI: String?

    /// Creates an entry; every field but the name defaults to absent or `false`.
    public init(
        name: String,
        policy: Policy? = nil,
        mode: Mode? = nil,
        includeSubdomains: Bool = false,
        includeSubdomainsForPinning: Bool = false,
        pins: String? = nil,
        expectCT: Bool = false,
        expectCTReportURI: String? = nil,
        expectStaple: Bool = false,
        includeSubdomainsForExpectStaple: Bool = false,
        expectStapleReportURI: String? = nil
    ) {
        self.name = name
        self.policy = policy
        self.mode = mode
        self.includeSubdomains = includeSubdomains
        self.includeSubdomainsForPinning = includeSubdomainsForPinning
        self.pins = pins
        self.expectCT = expectCT
        self.expectCTReportURI = expectCTReportURI
        self.expectStaple = expectStaple
        self.includeSubdomainsForExpectStaple = includeSubdomainsForExpectStaple
        self.expectStapleReportURI = expectStapleReportURI
    }

    /// Whether this entry, matching a host exactly, makes the browser upgrade it.
    public var upgradesExactMatch: Bool { mode == .forceHTTPS }

    /// Whether this entry, matching a parent of a host, makes the browser upgrade it.
    public var upgradesSubdomains: Bool { mode == .forceHTTPS && includeSubdomains }
}

/// The `mode` of an entry.
public enum Mode: String, Sendable, Hashable, CaseIterable {
    /// `"force-https"`: plain HTTP is rewritten to HTTPS with an internal redirect.
    case forceHTTPS = "force-https"
}

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
