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
