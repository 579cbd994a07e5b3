/// For each TLD with many blocks, where its block heads with each two-byte prefix start, so a lookup binary-searches
/// the few heads sharing the key's first two bytes instead of all of the TLD's heads.
///
/// Built at open from the heads alone (O(blocks), nothing decoded) and never written to the file: it is a few
/// kilobytes per large TLD, and keeping it out of the format keeps the file within its size budget.
///
/// Noncopyable, so that it owns its tables and frees them exactly once, when the file that holds it goes.
@safe package struct HeadDirectory: ~Copyable {
    /// Distinct ranks: NUL (head padding), `-`, `.`, ten digits, `_`, 26 letters.
    static let radix = 40
    /// TLDs with fewer blocks are searched directly; the directory would save less than it costs in cache.
    static let minimumBlocks = 32
    private static let slots = radix * radix + 1

    /// Rank of each byte a key can hold, in byte order (NUL 0, `-` 1, ..., `z` 39); other bytes 0xFF.
    ///
    /// Keys hold only such bytes (NUL is a short head's padding), so the two-byte code of a head keeps the heads'
    /// order.
    private let rank: UnsafeMutablePointer<UInt8>
    /// Per directory, `slots` counts: entry `c` is the number of the TLD's heads whose ranked two-byte prefix is
    /// below `c`.
    private let starts: UnsafeMutablePointer<UInt16>
    /// Directory number of each TLD, or -1.
    private let directoryOfTLD: UnsafeMutablePointer<Int32>

    /// Counts the heads of every TLD with at least `minimumBlocks` blocks.
    ///
    /// - Parameters:
    ///   - blockRanges: each TLD's blocks (validated to lie inside the block index).
    ///   - head: block `i`'s head.
    package init(blockRanges: [Range<Int>], head: (Int) -> UInt32) {
        let rank = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        unsafe self.rank = rank
        // The key alphabet is the host alphabet lower-cased: the bytes normalization keeps as they are.
        var next: UInt8 = 0
        for byte in 0..<256 {
            let keyByte = byte == 0 || HostNormalizer.hostByteTable[byte] & 0x7F == byte
            unsafe rank[byte] = keyByte ? next : 0xFF
            if keyByte { next += 1 }
        }
        // A crafted file's heads may hold other bytes; such a TLD is searched without a directory.
        let large = blockRanges.indices.filter { i in
            (Self.minimumBlocks...Int(UInt16.max)).contains(blockRanges[i].count)
                && blockRanges[i].allSatisfy { unsafe Self.code(head($0), rank) != nil }
        }
        let tldCount = max(blockRanges.count, 1)
        unsafe directoryOfTLD = .allocate(capacity: tldCount)
        unsafe directoryOfTLD.initialize(repeating: -1, count: tldCount)
        unsafe starts = .allocate(capacity: max(large.count, 1) * Self.slots)
        unsafe starts.initialize(repeating: 0, count: max(large.count, 1) * Self.slots)
        for (number, i) in large.enumerated() {
            unsafe directoryOfTLD[i] = Int32(number)
            let base = unsafe starts + number * Self.slots
            for block in blockRanges[i] {
                if let code = unsafe Self.code(head(block), rank) { unsafe base[code + 1] += 1 }
            }
            for slot in 1..<Self.slots { unsafe base[slot] += base[slot - 1] }
        }
    }

    /// The ranked two-byte prefix of a head, or `nil` when either byte cannot occur in a key.
    @inline(__always)
    private static func code(_ head: UInt32, _ rank: UnsafeMutablePointer<UInt8>) -> Int? {
        let first = unsafe rank[Int(head >> 24)]
        let second = unsafe rank[Int((head >> 16) & 0xFF)]
        guard first != 0xFF, second != 0xFF else { return nil }
        return Int(first) * radix + Int(second)
    }

    /// The heads of `tld` (which has `blocks` blocks) that can be the last one at or below `head`, other than those
    /// before `start`, which are all below it: `start ..< start + count`.
    ///
    /// A lookup key's bytes are all key bytes (`a-z 0-9 - . _`, NUL padding); for a head with any other byte in its
    /// first two, the range is all of the TLD's heads.
    @inline(__always)
    package func range(tld: Int, head: UInt32, blocks: Int) -> (start: Int, count: Int) {
        let number = Int(unsafe directoryOfTLD[tld])
        guard number >= 0, let code = unsafe Self.code(head, rank) else { return (0, blocks) }
        let slot = number * Self.slots + code
        let start = Int(unsafe starts[slot])
        return (start, Int(unsafe starts[slot + 1]) - start)
    }

    deinit {
        unsafe rank.deallocate()
        unsafe starts.deallocate()
        unsafe directoryOfTLD.deallocate()
    }
}
