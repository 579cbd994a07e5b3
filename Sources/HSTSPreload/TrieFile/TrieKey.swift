/// How names become trie keys, shared by the writer and the reader.
package enum TrieKey {
    /// Splits a name into its top-level label and the key below it: the other labels reversed, joined by dots.
    ///
    /// `nil` key: the name is a single label (the TLD's own entry).
    package static func split(_ name: [UInt8]) -> (tld: [UInt8], key: [UInt8]?) {
        guard let lastDot = name.lastIndex(of: UInt8(ascii: ".")) else { return (name, nil) }
        let tld = Array(name[(lastDot + 1)...])
        let labels = name[..<lastDot].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return (tld, Array(labels.reversed().joined(separator: [UInt8(ascii: ".")])))
    }

    /// The inverse of `split`.
    package static func name(tld: some Collection<UInt8>, key: [UInt8]?) -> [UInt8] {
        guard let key else { return Array(tld) }
        let labels = key.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        var name = Array(labels.reversed().joined(separator: [UInt8(ascii: ".")]))
        name.append(UInt8(ascii: "."))
        name.append(contentsOf: tld)
        return name
    }

    /// A key's first 4 bytes as a big-endian number, zero-padded: numeric order is the keys' byte order on that prefix.
    package static func head(_ key: some Collection<UInt8>) -> UInt32 {
        var value: UInt32 = 0
        var count = 0
        for byte in key.prefix(4) {
            value = value << 8 | UInt32(byte)
            count += 1
        }
        return value << UInt32(8 * (4 - count))
    }

    /// FNV-1a (32-bit) of a TLD, for the TLD hash table.
    @inline(__always)
    package static func hash(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var hash: UInt32 = 0x811c_9dc5
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }

    /// A power of two at least twice the TLD count (load factor at most 1/2), and at least 16.
    package static func hashSlotCount(forTLDCount count: Int) -> Int {
        var slots = 16
        while slots < count * 2 { slots <<= 1 }
        return slots
    }
}
