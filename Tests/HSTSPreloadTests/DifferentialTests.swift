import HSTSPreload
import Testing

/// The compiled trie, searched through its blocks and through the in-memory hash table, against a plain reference
/// implementation (a dictionary and the parent walk), on every entry of the real 2026-06-01 list, random subdomains
/// below entries, and misses.
@Suite struct DifferentialTests {
    /// The reference: walk from the host up to the TLD; the first (most specific) listed name decides.
    struct Reference {
        var entries: [String: Entry]

        func decide(_ host: String, semantics: MatchingSemantics) -> (upgrade: Bool, match: MatchKind?, name: String?) {
            // An IPv4 address (canonical dotted decimal) is looked up like a name: the list has 1.0.0.1.
            var candidate = Substring(host)
            var deciding: (Entry, MatchKind)?
            var anyAncestorUpgrade: String?
            var first = true
            while true {
                if let entry = entries[String(candidate)] {
                    if deciding == nil { deciding = (entry, first ? .exact : .ancestor) }
                    if !first && anyAncestorUpgrade == nil && entry.upgradesSubdomains {
                        anyAncestorUpgrade = entry.name
                    }
                    if first && entry.upgradesExactMatch { anyAncestorUpgrade = entry.name }
                }
                guard let dot = candidate.firstIndex(of: ".") else { break }
                candidate = candidate[candidate.index(after: dot)...]
                first = false
            }
            guard let (entry, match) = deciding else { return (false, nil, nil) }
            let upgrade = match == .exact ? entry.upgradesExactMatch : entry.upgradesSubdomains
            if semantics == .anyAncestor && !upgrade, let name = anyAncestorUpgrade {
                return (true, name == host ? .exact : .ancestor, name)
            }
            return (upgrade, match, entry.name)
        }
    }

    /// A small deterministic generator, so a failure reproduces.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func randomLabel(_ rng: inout SplitMix) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789-")
        let length = Int.random(in: 1...12, using: &rng)
        var label = String((0..<length).map { _ in alphabet[Int.random(in: 0..<36, using: &rng)] })
        if label.hasPrefix("-") || label.hasSuffix("-") { label = "x" + label + "x" }
        return label
    }

    /// Every query (skipping invalid hosts) on which `list` and `reference` differ in upgrade, match kind or
    /// deciding entry, under either semantics, described for the failure message.
    static func disagreements(_ list: PreloadList, _ reference: Reference, _ queries: [String]) -> [String] {
        var disagreements: [String] = []
        for query in queries {
            guard let host = try? HostName(query) else { continue }
            for semantics in MatchingSemantics.allCases {
                let expected = reference.decide(host.value, semantics: semantics)
                let actual = list.decision(for: host, semantics: semantics)
                let actualName = actual.entry.map { String($0.name(in: host)) }
                if actual.upgrade != expected.upgrade || actual.match != expected.match || actualName != expected.name {
                    disagreements.append(
                        "\(query) [\(semantics)]: trie \(actual.upgrade) \(String(describing: actual.match)) \(actualName ?? "-"), reference \(expected)"
                    )
                }
            }
        }
        return disagreements
    }

    @Test(arguments: PreloadList.LookupIndex.allCases)
    func compiledTrieAgreesWithReferenceOnTheWholeList(_ index: PreloadList.LookupIndex) throws {
        let source = try PreloadListSource.parse(
            try Fixtures.data("preload-2026-06-01.json"),
            fileName: "preload-2026-06-01.json"
        )
        let list = try PreloadList(contentsOfCompiledFile: Fixtures.dataPath("preload-2026-06-01.hstsq"), index: index)
        let reference = Reference(entries: Dictionary(uniqueKeysWithValues: source.entries.map { ($0.name, $0) }))
        var rng = SplitMix(state: 2026_06_01)
        var queries: [String] = source.entries.map(\.name)
        for entry in source.entries {
            queries.append(Self.randomLabel(&rng) + "." + entry.name)
            if Int.random(in: 0..<4, using: &rng) == 0 {
                queries.append(Self.randomLabel(&rng) + "." + Self.randomLabel(&rng) + "." + entry.name)
            }
        }
        let tlds = ["com", "net", "org", "de", "co.uk", "io", "dev", "app", "zz", "gov"]
        for _ in 0..<50_000 {
            queries.append(Self.randomLabel(&rng) + "." + tlds[Int.random(in: 0..<tlds.count, using: &rng)])
        }
        // Near misses: an entry's name with one character changed or appended.
        for entry in source.entries.prefix(20_000) {
            queries.append(entry.name + "x")
            queries.append("x" + entry.name)
        }
        let disagreements = Self.disagreements(list, reference, queries)
        #expect(queries.count > 250_000)
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, first: \(disagreements.prefix(5))")
    }

    @Test(arguments: PreloadList.LookupIndex.allCases)
    func namesAlikeButForTheirLastBytesAreToldApart(_ index: PreloadList.LookupIndex) throws {
        // Thousands of names of one length that differ only in their last digits, at lengths on both sides of the
        // hash table's 8-byte words and of its 29-byte records, and as many queries of the same shape that are not
        // entries: a miss often meets a record with the same hash tag and length, which only the whole comparison
        // of the name tells apart.
        let prefix = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var entries: [Entry] = [Entry(name: "zz", mode: nil, includeSubdomains: false)]
        var queries: [String] = []
        for length in [12, 20, 28, 36] {
            for i in 0..<6_000 {
                let digits = String(repeating: "0", count: 4 - String(i).count) + String(i)
                let label = String(prefix.prefix(length - 3 - digits.count)) + digits
                let name = label + ".zz"
                if i.isMultiple(of: 2) {
                    entries.append(Entry(name: name, mode: .forceHTTPS, includeSubdomains: i % 4 == 0))
                }
                queries += [name, "w." + name]
            }
        }
        let list = try PreloadList(compiling: PreloadListSource(entries: entries), index: index)
        let reference = Reference(entries: Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) }))
        let disagreements = Self.disagreements(list, reference, queries)
        #expect(queries.count == 48_000)
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, first: \(disagreements.prefix(5))")
    }

    @Test(arguments: PreloadList.LookupIndex.allCases)
    func compiledTrieAgreesWithReferenceOnAdversarialShapes(_ index: PreloadList.LookupIndex) throws {
        // Many subdomain entries between a parent and a query, across block boundaries, plus TLD entries.
        var entries: [Entry] = [
            Entry(name: "zz", mode: .forceHTTPS, includeSubdomains: true),
            Entry(name: "example.zz", mode: .forceHTTPS, includeSubdomains: false),
            Entry(name: "deep.a.b.c.example.zz", mode: .forceHTTPS, includeSubdomains: true),
            Entry(name: "yy", mode: nil, includeSubdomains: true),
        ]
        for i in 0..<200 {
            entries.append(
                Entry(name: "s\(i).example.zz", mode: i % 3 == 0 ? nil : .forceHTTPS, includeSubdomains: i % 2 == 0)
            )
            entries.append(Entry(name: "m\(i).s\(i).example.zz", mode: .forceHTTPS, includeSubdomains: i % 5 == 0))
        }
        entries.append(Entry(name: "ex.yy", mode: .forceHTTPS, includeSubdomains: true))
        entries.append(Entry(name: "exa.yy", mode: .forceHTTPS, includeSubdomains: true))
        entries.append(Entry(name: "exam.yy", mode: .forceHTTPS, includeSubdomains: true))
        entries.append(Entry(name: "examp.yy", mode: .forceHTTPS, includeSubdomains: true))
        let list = try PreloadList(compiling: PreloadListSource(entries: entries), index: index)
        let reference = Reference(entries: Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) }))
        var queries = entries.map(\.name)
        for i in 0..<220 {
            queries += [
                "q.s\(i).example.zz", "m\(i).s\(i).example.zz", "x.m\(i).s\(i).example.zz", "s\(i)x.example.zz",
                "t\(i).example.zz",
            ]
        }
        queries += [
            "a.b.c.example.zz", "x.deep.a.b.c.example.zz", "exam.yy", "examq.yy", "exa.yy", "e.yy", "z.examp.yy", "yy",
            "q.yy", "zz", "q.zz",
        ]
        for query in queries {
            let host = try HostName(query)
            for semantics in MatchingSemantics.allCases {
                let expected = reference.decide(host.value, semantics: semantics)
                let actual = list.decision(for: host, semantics: semantics)
                #expect(actual.upgrade == expected.upgrade, "\(query) \(semantics)")
                #expect(actual.match == expected.match, "\(query) \(semantics)")
                #expect(actual.entry.map { String($0.name(in: host)) } == expected.name, "\(query) \(semantics)")
            }
        }
    }
}
