/// The lookup rules over a host normalized on the stack: Chromium's (the most specific entry at a label boundary
/// decides) and the any-ancestor rule, through the in-memory hash table when there is one, else the file's blocks.
extension TrieFile {
    /// Looks up a host given as UTF-8: ASCII lower-casing, trailing-dot removal and label validation happen on the
    /// stack, so the whole lookup allocates nothing. `verified`: the input is a `HostName`'s canonical value.
    ///
    /// - Complexity: O(m + log b + k) for an m-byte host, b blocks under its TLD, k entries per block; O(m) with the
    ///   hash table.
    // Inlined into `PreloadList.decision(utf8:)`, as normalization is into this, so that neither result goes through
    // memory.
    @inline(__always)
    package func lookup(
        _ input: Span<UInt8>,
        upgradingAncestor wantAncestor: Bool,
        table: NameHashTable? = nil,
        verified: Bool = false
    ) -> HostLookup {
        // The stack buffer's scope is open-coded here rather than taken from `HostNormalizer.withNormalized`: the
        // optimizer does not inline a closure handed through that scope, and the outcome would go through memory.
        unsafe input.withUnsafeBufferPointer { raw in
            unsafe withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ScratchHost.bufferSize) { buffer in
                answer(
                    unsafe HostNormalizer.normalize(raw, into: buffer, verified: verified),
                    upgradingAncestor: wantAncestor,
                    table: table
                )
            }
        }
    }

    /// The rules applied to a normalized input.
    @inline(__always)
    private func answer(
        _ normalized: HostNormalizer.Outcome,
        upgradingAncestor wantAncestor: Bool,
        table: NameHashTable?
    ) -> HostLookup {
        switch normalized {
        case .valid(let host):
            let deepest = deepestMatch(host, .whole, table)
            let ancestor = wantAncestor ? upgradingAncestor(of: host, below: deepest, table: table) : nil
            return .host(length: host.length, deepest: deepest, upgradingAncestor: ancestor)
        case .ipLiteral: return .ipLiteral
        case .invalid: return .invalid
        case .needsUnicodeProcessing: return .needsUnicodeProcessing
        }
    }

    /// The any-ancestor rule's answer when the most specific entry `deepest` does not upgrade the host: the most
    /// specific entry above it with force-https and include_subdomains, or `nil`.
    ///
    /// It returns only the match, and the caller builds `HostLookup` once, so that Chromium's rule, which never needs
    /// this, does not get its answer through memory.
    private func upgradingAncestor(of host: ScratchHost, below deepest: Match?, table: NameHashTable?) -> Match? {
        guard let deciding = deepest, !upgrades(deciding, hostLength: host.length) else { return nil }
        var name = deciding
        while let parent = host.parent(ofNameOfLength: name.nameLength), let match = deepestMatch(host, parent, table) {
            if classes.indices.contains(match.classIndex) {
                let attributes = classes[match.classIndex].attributes
                if attributes.mode == .forceHTTPS && attributes.includeSubdomains { return match }
            }
            name = match
        }
        return nil
    }

    /// `deepestMatch(host, name)` through the hash table when there is one, else through the blocks.
    @inline(__always)
    private func deepestMatch(_ host: ScratchHost, _ name: ScratchHost.Name, _ table: NameHashTable?) -> Match? {
        if let slots = table?.slots {
            let match = slots.deepestMatch(host, name)
            // A file's lookup-index section with a damaged record page answers nothing more; the blocks answer, so
            // damage never changes an answer.
            return slots.isBroken ? deepestMatch(host, name) : match
        }
        return deepestMatch(host, name)
    }

    /// Every entry matching the host (a `HostName`'s canonical value) or one of its parents, most specific first
    /// (`nil` for an invalid host).
    package func allMatches(_ input: Span<UInt8>) -> [Match]? {
        HostNormalizer.withNormalized(input, verified: true) { normalized -> [Match]? in
            guard case .valid(let host) = normalized else { return nil }
            var result: [Match] = []
            var name = ScratchHost.Name.whole
            while let match = deepestMatch(host, name) {
                result.append(match)
                guard let parent = host.parent(ofNameOfLength: match.nameLength) else { break }
                name = parent
            }
            return result
        }
    }

    /// Whether the entry `match` makes the browser upgrade a host of `hostLength` bytes.
    private func upgrades(_ match: Match, hostLength: Int) -> Bool {
        guard classes.indices.contains(match.classIndex) else { return false }
        let attributes = classes[match.classIndex].attributes
        guard attributes.mode == .forceHTTPS else { return false }
        return match.nameLength == hostLength || attributes.includeSubdomains
    }
}
