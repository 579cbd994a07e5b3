/// Constants of the compiled trie file format.
///
/// The byte layout is documented in docs/trie-format.md.
package enum TrieFileFormat {
    /// Longest key below a TLD (a 253-byte host minus its TLD and dot), rounded up.
    package static let maximumKeyLength = 256
    /// The first 8 bytes of every file.
    package static let magic: [UInt8] = Array("HSTSQTRI".utf8)
    /// The format version this build writes and reads.
    package static let version: UInt16 = 2
    /// Size of the fixed header, including the section table.
    package static let headerSize = 152
    /// Entries per block: each block restarts front coding.
    ///
    /// Skipping an entry costs one table lookup (its header gives the suffix's length in bits), so a lookup passes
    /// over at most this many headers.
    package static let blockSize = 32
    /// Longest Huffman code, in bits: one table lookup decodes any symbol.
    package static let maximumCodeLength = 12
    /// Most entry-header symbols (the rest are written as an escape and raw fields).
    package static let maximumHeaderSymbols = 1 << maximumCodeLength
    /// Class field value that marks the escape symbol in a header record.
    package static let escapeClass = 0xFFFF
    /// Bits of raw fields after an escape symbol: shared-prefix length (8), suffix bits (16), class (16).
    package static let escapeBits = 40
    /// Most distinct attribute classes (mode, flags, policy, pinset combinations) a file may hold.
    package static let maximumClassCount = 1024
    /// Bytes of zero padding after the block data, so 8-byte bit-reader loads never leave the section.
    package static let dataPadding = 8
    /// Size of one attribute class record.
    package static let classRecordSize = 8
    /// Size of one TLD record.
    package static let tldRecordSize = 16
    /// Size of one block index record.
    package static let blockRecordSize = 8

    /// Section numbers, in file order.
    package enum Section: Int, CaseIterable {
        case strings = 0
        case pinsets
        case classes
        case tlds
        case tldHash
        case blockIndex
        case codes
        case blockData
    }

    /// Byte offsets of header fields.
    package enum Field {
        static let magic = 0
        static let version = 8
        static let flags = 10
        static let headerSize = 12
        static let fileSize = 16
        static let checksum = 24
        static let entryCount = 32
        static let blockSize = 36
        static let tldCount = 40
        static let blockCount = 44
        static let compiledAt = 48
        static let sourceSHA256 = 56
        static let sectionTable = 88
    }

    /// Class record flag bits.
    package enum ClassFlag {
        static let includeSubdomains: UInt8 = 1
        static let includeSubdomainsForPinning: UInt8 = 2
        static let expectCT: UInt8 = 4
        static let expectStaple: UInt8 = 8
        static let includeSubdomainsForExpectStaple: UInt8 = 16
    }
}
