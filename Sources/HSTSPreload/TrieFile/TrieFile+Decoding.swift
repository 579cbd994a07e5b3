/// Raw reads of the mapped bytes and the two Huffman decoders (key bytes, entry headers) that the block search and
/// the enumeration share.
///
/// Every offset read here was validated at open or is checked against the block data section before the load.
extension TrieFile {
    @inline(__always)
    func loadU32(_ offset: Int) -> Int {
        Int(UInt32(littleEndian: unsafe base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    @inline(__always)
    func byte(_ offset: Int) -> UInt8 { unsafe base.load(fromByteOffset: offset, as: UInt8.self) }

    /// Whether the 8 bytes at `offset` lie inside the block data section: both bounds in one unsigned comparison.
    @inline(__always)
    func inData(_ offset: Int) -> Bool {
        UInt(bitPattern: offset &- dataOffset) <= UInt(bitPattern: dataEnd &- dataOffset &- 8)
    }

    /// The next 64 bits of block data from `bit`, most significant first; `nil` outside the data section.
    ///
    /// The bounds check is a branch that valid data always passes, so it costs nothing on the dependency chain,
    /// where a clamp with conditional moves would sit.
    @inline(__always)
    func peek(_ bit: Int) -> UInt64? {
        let offset = dataOffset &+ (bit &>> 3)
        guard inData(offset) else { return nil }
        let word = UInt64(bigEndian: unsafe base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        return word &<< UInt64(bit & 7)
    }

    /// Decodes one key byte at `bit`, advancing `bit`; `nil` on an unused code or the end of the data.
    @inline(__always)
    func decodeByte(_ bit: inout Int) -> UInt8? {
        guard let word = peek(bit) else { return nil }
        // The index has 12 bits; the table has 4096 entries.
        let fields =
            unsafe charDecode + 2 &* Int(truncatingIfNeeded: word &>> UInt64(64 - TrieFileFormat.maximumCodeLength))
        let length = Int(unsafe fields[1])
        guard length != 0 else { return nil }
        bit &+= length
        return unsafe fields[0]
    }

    /// 64 bits of a block's header stream from logical bit `bit`, most significant first; `nil` outside the data.
    ///
    /// The stream's bytes are stored in reverse order ending at `boundary`, so a little-endian load of the 8 bytes
    /// before logical byte `bit / 8` puts that byte on top.
    @inline(__always)
    private func peekHeaders(_ boundary: Int, _ bit: Int) -> UInt64? {
        let offset = boundary &- 8 &- (bit &>> 3)
        guard inData(offset) else { return nil }
        let word = UInt64(littleEndian: unsafe base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        return word &<< UInt64(bit & 7)
    }

    /// The lcp field of a header-table prefix decoded from its symbol's header record: the escape symbol, a class
    /// above 254, or no code (keys are at most 252 bytes, so no real lcp has this value).
    static let recordMark: UInt8 = 255

    /// Decodes the next entry header (shared-prefix length, suffix length in bits, class) of a block.
    ///
    /// The 64-bit buffer is refilled only when fewer than 12 bits remain, so skipping an entry is one
    /// table lookup and a shift on the dependency chain; a symbol the table does not hold is decoded out of line.
    @inline(__always)
    func nextHeader(_ reader: inout HeaderReader) -> (lcp: Int, suffixBits: Int, classIndex: Int)? {
        if reader.available < TrieFileFormat.maximumCodeLength {
            guard let word = peekHeaders(reader.boundary, reader.bit) else { return nil }
            reader.buffer = word
            reader.available = 64 &- (reader.bit & 7)
        }
        let fields =
            unsafe headerDecode + 4
            &* Int(truncatingIfNeeded: reader.buffer &>> UInt64(64 - TrieFileFormat.maximumCodeLength))
        let lcp = unsafe fields[1]
        guard _fastPath(lcp != Self.recordMark) else {
            // By value, not inout: a reader whose address escaped into a call would live in memory, not registers.
            guard let header = unsafe headerFromRecord(reader.boundary, reader.bit, fields) else { return nil }
            reader.bit &+= header.bits
            reader.available = 0
            return (header.lcp, header.suffixBits, header.classIndex)
        }
        let length = Int(unsafe fields[0])
        reader.buffer &<<= UInt64(length)
        reader.available &-= length
        reader.bit &+= length
        return (Int(lcp), Int(unsafe fields[2]), Int(unsafe fields[3]))
    }

    /// Decodes a header whose symbol the table does not hold, from the symbol's header record.
    ///
    /// A record is lcp u8, suffix bits u8, class u16; the escape symbol's record names the escape class, and its
    /// fields follow its code as 40 raw bits (lcp 8, suffix bits 16, class 16). `nil` for a prefix with no code,
    /// outside the data, or for a class that does not exist. `bits`: how many header-stream bits it took.
    @inline(never)
    private func headerFromRecord(
        _ boundary: Int,
        _ bit: Int,
        _ fields: UnsafeMutablePointer<UInt8>
    ) -> (lcp: Int, suffixBits: Int, classIndex: Int, bits: Int)? {
        let codeLength = Int(unsafe fields[0])
        guard codeLength != 0 else { return nil }
        let record = headerRecordsOffset + 4 * (Int(unsafe fields[2]) | Int(unsafe fields[3]) << 8)
        let classIndex = Int(UInt16(truncatingIfNeeded: loadU32(record) >> 16))
        guard classIndex == TrieFileFormat.escapeClass else {
            return (Int(byte(record)), Int(byte(record + 1)), classIndex, codeLength)
        }
        guard let raw = peekHeaders(boundary, bit &+ codeLength) else { return nil }
        let escapedClass = Int((raw >> 24) & 0xFFFF)
        guard escapedClass < classes.count else { return nil }
        return (Int(raw >> 56), Int((raw >> 40) & 0xFFFF), escapedClass, codeLength &+ TrieFileFormat.escapeBits)
    }

}
