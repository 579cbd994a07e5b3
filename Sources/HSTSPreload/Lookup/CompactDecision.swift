/// A decision in three words, for the C library (`hstsq_lookup`): which entry decided and how, without building an
/// `UpgradeDecision`, so that the answer comes back in registers and the C API costs what the Swift API does.
///
/// It applies the rule of `PreloadList.decision(utf8:semantics:)`, and the C library's tests compare the two on
/// every differential query.
package struct CompactDecision {
    /// What the lookup found.
    package enum Outcome: UInt8 {
        /// No entry decided: none covers the host, or it is an IP literal.
        case noEntry
        /// The entry of class `classIndex`, named by the host's last `nameLength` bytes, decided.
        case entry
        /// Not a valid host name.
        case invalid
        /// Non-ASCII input: ask `PreloadList.decision(utf8:semantics:)`, which converts it with IDNA.
        case needsUnicodeProcessing
    }

    package var outcome: Outcome
    package var upgrade: Bool
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
                    upgrade: true,
                    exact: false,
                    classIndex: ancestor.classIndex,
                    nameLength: ancestor.nameLength
                )
            }
            let exact = deepest.nameLength == length
            var upgrade = false
            if file.classes.indices.contains(deepest.classIndex) {
                let attributes = file.classes[deepest.classIndex].attributes
                upgrade = attributes.mode == .forceHTTPS && (exact || attributes.includeSubdomains)
            }
            return CompactDecision(
                outcome: .entry,
                upgrade: upgrade,
                exact: exact,
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
        self.init(outcome: outcome, upgrade: false, exact: false, classIndex: 0, nameLength: 0)
    }
}
