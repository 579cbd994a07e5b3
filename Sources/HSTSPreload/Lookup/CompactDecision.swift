/// A lookup's answer in three words, for the C library (`hstsq_lookup`).
///
/// It says which entry decided and how, without building an `UpgradeDecision`, so that the answer comes back in
/// registers and the C API costs what the Swift API does. The caller decides the upgrade from the entry's fields,
/// as `PreloadList.decision(utf8:semantics:)` does: an upgrading ancestor upgrades; otherwise the entry upgrades when
/// it forces HTTPS and is exact or includes subdomains. The C library's tests compare the two on every differential
/// query.
package struct CompactDecision {
    /// What the lookup found.
    package enum Outcome: UInt8 {
        /// No entry decided: none covers the host, or it is an IPv6 literal.
        case noEntry
        /// The entry of class `classIndex`, named by the host's last `nameLength` bytes, decided.
        case entry
        /// Not a valid host name.
        case invalid
        /// Input the fast path does not settle (non-ASCII, `%`, IPv4 forms, some `xn--` labels): ask
        /// `PreloadList.decision(utf8:semantics:)`, which parses it with `HostName`.
        case needsUnicodeProcessing
    }

    package var outcome: Outcome
    /// Whether the entry is an ancestor that upgrades by the any-ancestor rule, below a most specific entry that
    /// does not; then it upgrades the host whatever its own fields say.
    package var upgradingAncestor: Bool
    package var exact: Bool
    package var classIndex: Int
    package var nameLength: Int
}

extension PreloadList {
    /// The compact form of `decision(utf8:semantics:)` for ASCII hosts; allocates nothing.
    package func compactDecision(utf8 host: Span<UInt8>, semantics: MatchingSemantics) -> CompactDecision {
        switch file.lookup(host, upgradingAncestor: semantics == .anyAncestor, table: table) {
        case .host(let length, let deepest, let ancestor):
            guard let deepest else { return CompactDecision(.noEntry) }
            if let ancestor {
                return CompactDecision(
                    outcome: .entry,
                    upgradingAncestor: true,
                    exact: false,
                    classIndex: ancestor.classIndex,
                    nameLength: ancestor.nameLength
                )
            }
            return CompactDecision(
                outcome: .entry,
                upgradingAncestor: false,
                exact: deepest.nameLength == length,
                classIndex: deepest.classIndex,
                nameLength: deepest.nameLength
            )
        case .ipLiteral: return CompactDecision(.noEntry)
        case .invalid: return CompactDecision(.invalid)
        case .needsUnicodeProcessing: return CompactDecision(.needsUnicodeProcessing)
        }
    }
}

extension CompactDecision {
    /// A decision without an entry.
    init(_ outcome: Outcome) {
        self.init(outcome: outcome, upgradingAncestor: false, exact: false, classIndex: 0, nameLength: 0)
    }
}
