import HSTSPreload

/// The top-level domains the Public Suffix List knows, for telling unique names from non-unique ones.
///
/// Chromium's `net::IsHostnameNonUnique` and Firefox's unknown-suffix exception both ask whether a name ends in a
/// suffix the list knows; every rule of the list ends in a top-level domain it lists, so the last labels of its rules
/// are the suffixes a unique name can end in. Lookups compare bytes and allocate nothing (`check -` asks per line).
public struct TopLevelDomains: Sendable {
    /// Sorted, lower-case, ASCII (A-labels).
    private let names: [[UInt8]]

    /// The top-level domains of a Public Suffix List file (`data/public_suffix_list.dat` format).
    public init(publicSuffixList bytes: [UInt8]) {
        var found = Set<[UInt8]>()
        var previous: ArraySlice<UInt8> = []
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            // A rule is the line's first word; comments start with "//".
            let word = line.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r") }
            if word.isEmpty || word.starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) { continue }
            let last = word.lastIndex(of: UInt8(ascii: ".")).map { word[word.index(after: $0)...] } ?? word
            // Rules come grouped by top-level domain: most lines repeat the previous one's (this runs at every
            // start of `check`, so it skips the work).
            if last.elementsEqual(previous) { continue }
            previous = last
            if last.allSatisfy({ $0 < 0x80 }) {
                found.insert(last.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 })
            } else if let name = try? HostName(String(decoding: last, as: UTF8.self)) {
                // Unicode top-level domains become A-labels, as hosts are compared.
                found.insert(Array(name.value.utf8))
            }
        }
        names = found.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The number of top-level domains.
    public var count: Int { names.count }

    /// Whether `label` (lower-case ASCII) is a known top-level domain.
    ///
    /// - Complexity: O(log n) comparisons.
    public func contains(_ label: some Collection<UInt8>) -> Bool {
        var low = 0
        var high = names.count
        while low < high {
            let middle = (low + high) / 2
            if names[middle].lexicographicallyPrecedes(label) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < names.count && names[low].elementsEqual(label)
    }
}
