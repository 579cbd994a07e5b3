/// Which engine's matching rule to apply.
public enum MatchingSemantics: String, Sendable, Hashable, CaseIterable {
    /// Chromium: the most specific entry at a label boundary decides, even one without `include_subdomains`.
    case chromium
    /// Firefox, curl, Servo and a literal RFC 6797 §8.3: an exact force-https entry, or *any* ancestor with
    /// force-https and `include_subdomains`, upgrades.
    case anyAncestor = "any-ancestor"
}

/// How the deciding entry relates to the host.
public enum MatchKind: String, Sendable, Hashable {
    /// The entry's name is the host.
    case exact
    /// The entry's name is a parent of the host at a label boundary.
    case ancestor
}

/// The answer to "would a browser using this list upgrade this host with an internal 307?".
public struct UpgradeDecision: Sendable, Hashable {
    /// Whether `http://` (`ws://`) to the host is rewritten to `https://` (`wss://`) before any network traffic.
    public var upgrade: Bool
    /// How the deciding entry matched, or `nil` when no entry decided.
    public var match: MatchKind?
    /// The deciding entry, or `nil`.
    public var entry: MatchedEntry?
    /// The rule applied.
    public var semantics: MatchingSemantics

    /// Creates a decision.
    public init(upgrade: Bool, match: MatchKind?, entry: MatchedEntry?, semantics: MatchingSemantics) {
        self.upgrade = upgrade
        self.match = match
        self.entry = entry
        self.semantics = semantics
    }

    /// The answer for an IP literal or a host no entry covers.
    public static func noEntry(_ semantics: MatchingSemantics) -> UpgradeDecision {
        UpgradeDecision(upgrade: false, match: nil, entry: nil, semantics: semantics)
    }
}

/// The attributes of an entry that matched a host; its name is the host's last `nameLength` bytes.
///
/// No `String` is stored, so producing a decision allocates nothing; `name(in:)` slices the host.
public struct MatchedEntry: Sendable, Hashable {
    /// UTF-8 length of the entry's name, which is a suffix of the normalized host.
    public var nameLength: Int
    /// `mode`.
    public var mode: Mode?
    /// `include_subdomains`.
    public var includeSubdomains: Bool
    /// `include_subdomains_for_pinning`.
    public var includeSubdomainsForPinning: Bool
    /// `policy`.
    public var policy: Policy?
    /// Index of the pinset in the list (`PreloadList.pinsetName(at:)`), or `nil`.
    public var pinsetIndex: Int?
    /// `expect_ct`.
    public var expectCT: Bool
    /// `expect_staple`.
    public var expectStaple: Bool

    /// The entry's name, sliced from the host it matched.
    public func name(in host: HostName) -> Substring {
        let utf8 = host.value.utf8
        let start = utf8.index(utf8.endIndex, offsetBy: -min(nameLength, utf8.count))
        return host.value[start...]
    }

    package init(nameLength: Int, attributes: EntryClass) {
        self.nameLength = nameLength
        mode = attributes.mode
        includeSubdomains = attributes.includeSubdomains
        includeSubdomainsForPinning = attributes.includeSubdomainsForPinning
        policy = attributes.policy
        pinsetIndex = attributes.pinsetIndex
        expectCT = attributes.expectCT
        expectStaple = attributes.expectStaple
    }
}
