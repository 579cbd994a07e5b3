/// The file checksum: FNV-1a over little-endian 64-bit words (a final partial word zero-padded), each step followed
/// by `h ^= h >> 29`, with the checksum field itself read as zero.
///
/// Each step is a bijection of the running value, so any change to a single word changes the result; it runs at
/// memory speed, which a SHA-256 at every open would not. The shift matters: plain word-wise FNV-1a carries a
/// change in a word's high bits only upwards, so flipping the same high bit in two words would cancel out. It
/// detects corruption, not tampering: it is not a MAC.
package enum TrieChecksum {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The checksum of a file held in an array, with the 8 bytes at `skipping` taken as zero.
    package static func compute(_ bytes: [UInt8], skipping fieldOffset: Int) -> UInt64 {
        unsafe bytes.withUnsafeBytes { unsafe compute($0, skipping: fieldOffset) }
    }

    /// The checksum of `bytes` with the 8 bytes at `skipping` taken as zero.
    package static func compute(_ bytes: UnsafeRawBufferPointer, skipping fieldOffset: Int) -> UInt64 {
        var hash = offsetBasis
        let count = bytes.count
        var offset = 0
        while offset + 8 <= count {
            let word =
                offset == fieldOffset
                ? 0 : UInt64(littleEndian: unsafe bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            hash = mix(hash, word)
            offset += 8
        }
        if offset < count {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                word |= UInt64(unsafe bytes[offset]) << shift
                shift += 8
                offset += 1
            }
            hash = mix(hash, word)
        }
        return hash
    }

    /// One step: FNV-1a's xor and multiply, then the high bits folded down (format version 2).
    @inline(__always)
    private static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let multiplied = (hash ^ word) &* prime
        return multiplied ^ (multiplied >> 29)
    }
}

/// For tests and the fuzz harness: build files that pass the checksum but carry chosen bytes.
package enum TrieFileTesting {
    /// Recomputes and stores the checksum of a compiled file in place (no-op when too short for a header).
    package static func fixChecksum(_ bytes: inout [UInt8]) {
        guard bytes.count >= TrieFileFormat.headerSize else { return }
        let checksum = TrieChecksum.compute(bytes, skipping: TrieFileFormat.Field.checksum)
        for i in 0..<8 {
            bytes[TrieFileFormat.Field.checksum + i] = UInt8(truncatingIfNeeded: checksum >> UInt64(8 * i))
        }
    }
}
