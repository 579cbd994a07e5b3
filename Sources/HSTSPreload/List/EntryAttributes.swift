/// What an entry of the preload list asks of the browser for the hosts it covers: every field of an entry but its
/// name, its pinset and its report URIs.
///
/// The list entry (`Entry`), the compiled file's attribute classes and the entry a lookup matched (`MatchedEntry`)
/// each hold one, so a field added here reaches all three. The pinset stays beside it, because the list names it
/// and a compiled file numbers it.
public struct EntryAttributes: Sendable, Hashable {
    /// The list maintainers' policy for the entry (`policy`), absent in the 2016 layout.
    public var policy: Policy?
    /// Whether covered hosts must use HTTPS (`mode`); `nil` for pins-only entries.
    public var mode: Mode?
    /// `include_subdomains`: force-https (and pins) also apply to every host below the entry's name.
    public var includeSubdomains: Bool
    /// `include_subdomains_for_pinning`: pins apply to hosts below the entry's name.
    public var includeSubdomainsForPinning: Bool
    /// `expect_ct`: the host expects Certificate Transparency information.
    public var expectCT: Bool
    /// `expect_staple`: the host expects OCSP stapling.
    public var expectStaple: Bool
    /// `include_subdomains_for_expect_staple`.
    public var includeSubdomainsForExpectStaple: Bool

    /// Creates attributes; every field defaults to absent or `false`.
    public init(
        policy: Policy? = nil,
        mode: Mode? = nil,
        includeSubdomains: Bool = false,
        includeSubdomainsForPinning: Bool = false,
        expectCT: Bool = false,
        expectStaple: Bool = false,
        includeSubdomainsForExpectStaple: Bool = false
    ) {
        self.policy = policy
        self.mode = mode
        self.includeSubdomains = includeSubdomains
        self.includeSubdomainsForPinning = includeSubdomainsForPinning
        self.expectCT = expectCT
        self.expectStaple = expectStaple
        self.includeSubdomainsForExpectStaple = includeSubdomainsForExpectStaple
    }
}
