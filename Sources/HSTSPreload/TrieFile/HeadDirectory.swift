/// For each TLD with many blocks, where its block heads with each two-byte prefix start, so a lookup binary-searches
/// the few heads sharing the key's first two bytes instead of all of the TLD's heads.
///
/// Built at open from the heads alone (O(blocks), nothing decoded) and never written to the file: it is a few
/// kilobytes per large TLD, and keeping it out of the format keeps the file within its size budget.
@safe package struct HeadDirectory {
    /// Distinct ranks: NUL (head padding), `-`, `.`, ten digits, `_`, 26 letters.
    static let radix = 40
    /// TLDs with fewer blocks are searched directly; the directory would save less than it costs in cache.
    static let minimumBlocks = 32
    private static let slots = radix * radix + 1

    /// Rank of each byte a key can hold, in byte order (NUL 0, `-` 1, ..., `z` 39); other bytes 0xFF.
    ///
    /// Heads and keys hold only such bytes, so the two-byte code of a head keeps the heads' order.
    private let rank: UnsafeMutablePointer<UInt8>
    /// Per directory, `slots` counts: entry `c` is the number of the TLD's heads whose ranked two-byte prefix is
    /// below `c`.
    private let starts: UnsafeMutablePointer<UInt16>
    /// Directory number of each TLD, or -1.
    private let directoryOfTLD: UnsafeMutablePointer<Int32>

    /// Counts the heads of every TLD with at least `minimumBlocks` blocks.
    ///
    /// - Parameters:
    ///   - tldCount: number of TLDs.
    ///   - blockSize: entries per block.
    ///   - tld: the first block and entry count of TLD `i` (validated to lie inside the block index).
    ///   - head: block `i`'s head.
    package init(tldCount: Int, blockSize: Int, tld: (Int) -> (firstBlock: Int, entries: Int), head: (Int) -> UInt32) {
        let rank = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        unsafe self.rank = rank
        var next: UInt8 = 0
        for byte in 0..<256 {
            let keyByte =
                byte == 0 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(UInt8(byte))
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(UInt8(byte))
            unsafe rank[byte] = keyByte ? next : 0xFF
            if keyByte { next += 1 }
        }
        var large: [Int] = []
        for i in 0..<tldCount {
            let (firstBlock, entries) = tld(i)
            let blocks = (entries + blockSize - 1) / blockSize
            guard blocks >= Self.minimumBlocks && blocks <= Int(UInt16.max) else { continue }
            // A crafted file's heads may hold other bytes; such a TLD is searched without a directory.
            let keyBytesOnly = (0..<blocks).allSatisfy { block in
                let value = head(firstBlock + block)
                return unsafe rank[Int(value >> 24)] != 0xFF && rank[Int((value >> 16) & 0xFF)] != 0xFF
            }
            if keyBytesOnly { large.append(i) }
        }
        unsafe directoryOfTLD = .allocate(capacity: max(tldCount, 1))
        unsafe directoryOfTLD.initialize(repeating: -1, count: max(tldCount, 1))
        unsafe starts = .allocate(capacity: max(large.count, 1) * Self.slots)
        unsafe starts.initialize(repeating: 0, count: max(large.count, 1) * Self.slots)
        for (number, i) in large.enumerated() {
            unsafe directoryOfTLD[i] = Int32(number)
            let (firstBlock, entries) = tld(i)
            let blocks = (entries + blockSize - 1) / blockSize
            let base = unsafe starts + number * Self.slots
            for block in 0..<blocks {
                unsafe base[Self.code(head(firstBlock + block), rank) + 1] += 1
            }
            for slot in 1..<Self.slots { unsafe base[slot] += base[slot - 1] }
        }
    }

    @inline(__always)
    private static func code(_ head: UInt32, _ rank: UnsafeMutablePointer<UInt8>) -> Int {
        unsafe Int(rank[Int(head >> 24)]) * radix + Int(rank[Int((head >> 16) & 0xFF)])
    }

    /// The heads of `tld` (which has `blocks` blocks) that can be the last one at or below `head`, other than those
    /// before `start`, which are all below it: `start ..< start + count`.
    ///
    /// A lookup key's bytes are all key bytes (`a-z 0-9 - . _`, NUL padding); for a head with any other byte in its
    /// first two, the range is all of the TLD's heads.
    @inline(__always)
    package func range(tld: Int, head: UInt32, blocks: Int) -> (start: Int, count: Int) {
        let number = Int(unsafe directoryOfTLD[tld])
        let first = Int(unsafe rank[Int(head >> 24)])
        let second = Int(unsafe rank[Int((head >> 16) & 0xFF)])
        guard number >= 0, first != 0xFF, second != 0xFF else { return (0, blocks) }
        let slot = number * Self.slots + first * Self.radix + second
        let start = Int(unsafe starts[slot])
        return (start, Int(unsafe starts[slot + 1]) - start)
    }

    package func deallocate() {
        unsafe rank.deallocate()
        unsafe starts.deallocate()
        unsafe directoryOfTLD.deallocate()
    }
}
