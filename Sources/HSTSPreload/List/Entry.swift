/// One entry of the preload list, with every field Chromium's `transport_security_state_static.json` knows.
///
/// Field names follow the JSON keys; see Chromium's `net/http/transport_security_state_static.json` header comment.
/// The fields that decide what a browser does are `attributes`, also readable and writable as members of the entry
/// itself (`entry.mode`, `entry.includeSubdomains`).
@dynamicMemberLookup
public struct Entry: Sendable, Hashable {
    /// The DNS name exactly as written in the list (an entry not in normalized form never matches a host).
    public var name: String
    /// Policy, mode and flags.
    public var attributes: EntryAttributes
    /// `pins`: the name of the pinset that applies.
    public var pins: String?
    /// `expect_ct_report_uri`.
    public var expectCTReportURI: String?
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
        self.init(
            name: name,
            attributes: EntryAttributes(
                policy: policy,
                mode: mode,
                includeSubdomains: includeSubdomains,
                includeSubdomainsForPinning: includeSubdomainsForPinning,
                expectCT: expectCT,
                expectStaple: expectStaple,
                includeSubdomainsForExpectStaple: includeSubdomainsForExpectStaple
            ),
            pins: pins,
            expectCTReportURI: expectCTReportURI,
            expectStapleReportURI: expectStapleReportURI
        )
    }

    /// Creates an entry from its attributes.
    public init(
        name: String,
        attributes: EntryAttributes,
        pins: String? = nil,
        expectCTReportURI: String? = nil,
        expectStapleReportURI: String? = nil
    ) {
        self.name = name
        self.attributes = attributes
        self.pins = pins
        self.expectCTReportURI = expectCTReportURI
        self.expectStapleReportURI = expectStapleReportURI
    }

    /// One of the entry's `attributes`.
    public subscript<Value>(dynamicMember field: WritableKeyPath<EntryAttributes, Value>) -> Value {
        get { attributes[keyPath: field] }
        set { attributes[keyPath: field] = newValue }
    }

    /// Whether this entry, matching a host exactly, makes the browser upgrade it.
    public var upgradesExactMatch: Bool { attributes.mode == .forceHTTPS }

    /// Whether this entry, matching a parent of a host, makes the browser upgrade it.
    public var upgradesSubdomains: Bool { attributes.mode == .forceHTTPS && attributes.includeSubdomains }
}
