import HSTSPreload

/// The top-level domains the Public Suffix List knows, for telling unique names from non-unique ones.
///
/// Chromium's `net::IsHostnameNonUnique` and Firefox's unknown-suffix exception both ask whether a name ends in a
/// suffix the list knows; every rule of the list ends in a top-level domain it lists, so the last labels of its rules
/// are the suffixes a unique name can end in. Lookups compare bytes and allocate nothing (`check -` asks per line).
/// `bundled` holds those of the bundled list, generated at build time; two values are equal when they hold the same
/// names.
public struct TopLevelDomains: Sendable, Equatable, CustomStringConvertible {
    /// The names, sorted, lower-case ASCII (A-labels), one after another: one buffer, so that a lookup reads bytes
    /// without retaining an array per comparison.
    private let bytes: [UInt8]
    /// Where each name starts in `bytes`, plus the end.
    private let starts: [Int]
    /// Open addressing over the names' FNV-1a hashes: name number + 1, or 0 for an empty slot; a power of two long,
    /// at most a quarter full, so a lookup usually compares one name.
    private let slots: [Int32]

    /// The top-level domains of a Public Suffix List file (`data/public_suffix_list.dat` format).
    public init(publicSuffixList bytes: [UInt8]) {
        var found = Set<[UInt8]>()
        var previous: ArraySlice<UInt8> = []
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            // A rule is the line's first word; comments start with "//".
            let word = line.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r") }
            if word.isEmpty || word.starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) { continue }
            let last = word.lastIndex(of: UInt8(ascii: ".")).map { word[word.index(after: $0)...] } ?? word
            // Rules come grouped by top-level domain: most lines repeat the previous one's, so skip the work.
            if last.elementsEqual(previous) { continue }
            previous = last
            if last.allSatisfy({ $0 < 0x80 }) {
                found.insert(last.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 })
            } else if let encoded = Punycode.encode(Array(String(decoding: last, as: UTF8.self).unicodeScalars)) {
                // Unicode top-level domains become A-labels, as hosts are compared. The list writes them lower-case
                // and in NFC already, so punycode alone gives what the host parser would, without the parser's
                // UTS #46 tables, which this (at start-up, with `HSTSQ_PSL`) would otherwise be first to load.
                found.insert(Array("xn--".utf8) + encoded)
            }
        }
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        for name in found.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            bytes += name
            starts.append(bytes.count)
        }
        self.init(bytes: bytes, starts: starts)
    }

    /// The generated table of `bundled`: the names sorted by bytes, one after another, and where each ends.
    init(sortedNames names: String, ends: [UInt16]) {
        var starts: [Int] = [0]
        starts.reserveCapacity(ends.count + 1)
        for end in ends { starts.append(Int(end)) }
        self.init(bytes: Array(names.utf8), starts: starts)
    }

    private init(bytes: [UInt8], starts: [Int]) {
        self.bytes = bytes
        self.starts = starts
        var size = 16
        while size < 4 * (starts.count - 1) { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        for index in 0..<(starts.count - 1) {
            var slot = Self.hash(bytes[starts[index]..<starts[index + 1]]) & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(index + 1)
        }
        self.slots = slots
    }

    @inline(__always)
    private static func hash(_ label: ArraySlice<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in label { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash >> 1)
    }

    /// The number of top-level domains.
    public var count: Int { starts.count - 1 }

    /// `TopLevelDomains(1490 names)`: the count, not the tables.
    public var description: String { "TopLevelDomains(\(count) names)" }

    /// Whether `label` (lower-case ASCII) is a known top-level domain.
    ///
    /// - Complexity: O(1) expected; allocates nothing.
    public func contains(_ label: ArraySlice<UInt8>) -> Bool {
        let mask = slots.count - 1
        var slot = Self.hash(label) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return false }
            if compare(name: entry - 1, label) == 0 { return true }
            slot = (slot + 1) & mask
        }
    }

    /// -1, 0 or 1 as name number `index` sorts before, equal to or after `label`, byte by byte.
    @inline(__always)
    private func compare(name index: Int, _ label: ArraySlice<UInt8>) -> Int {
        var position = starts[index]
        let end = starts[index + 1]
        var other = label.startIndex
        while position < end {
            if other == label.endIndex { return 1 }
            let byte = bytes[position]
            let otherByte = label[other]
            if byte != otherByte { return byte < otherByte ? -1 : 1 }
            position += 1
            other += 1
        }
        return other == label.endIndex ? 0 : -1
    }
}
