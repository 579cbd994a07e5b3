/// Byte-parallel tests on 64-bit words (eight bytes at a time), shared by the normalizer and the hash table.
///
/// Each answers with bit 7 of every byte it selects; a caller ANDs such masks together and finds the bytes with
/// `trailingZeroBitCount / 8`.
enum WordBytes {
    /// Bit 7 of every byte.
    static let highBits: UInt64 = 0x8080_8080_8080_8080
    /// 1 in every byte: multiplied by a byte, that byte in every position.
    static let ones: UInt64 = 0x0101_0101_0101_0101

    /// A mask of the low `count` bytes of a word (all of them for 8 or more), without a branch.
    @inline(__always)
    static func low(_ count: Int) -> UInt64 {
        UInt64.max &>> UInt64(truncatingIfNeeded: 64 &- 8 &* min(count, 8))
    }

    /// The bytes of `x` that are zero: exact for the lowest one; a byte above a zero byte may be selected too.
    @inline(__always)
    static func zero(_ x: UInt64) -> UInt64 {
        (x &- ones) & ~x & highBits
    }

    /// The bytes of `ascii` (every byte below 0x80) in `low...high`: adding `0x80 - low` sets bit 7 exactly for
    /// bytes at least `low`, adding `0x7F - high` for bytes above `high`, and no sum carries into the next byte.
    @inline(__always)
    static func inRange(_ ascii: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
        (ascii &+ UInt64(0x80 - low) &* ones) & ~(ascii &+ UInt64(0x7F - high) &* ones) & highBits
    }

    /// The bytes of `ascii` (every byte below 0x80) equal to `byte`, exactly.
    @inline(__always)
    static func equal(_ ascii: UInt64, _ byte: UInt8) -> UInt64 {
        ~((ascii ^ UInt64(byte) &* ones) &+ 0x7F &* ones) & highBits
    }
}
