/// Constants of the compiled trie file format. The byte layout is documented in docs/trie-format.md.
package enum TrieFileFormat {
    /// The first 8 bytes of every file.
    package static let magic: [UInt8] = Array("HSTSQTRI".utf8)
    /// The format version this build writes and reads.
    package static let version: UInt16 = 1
    /// Size of the fixed header, including the section table.
    package static let headerSize = 152
    /// Entries per block: each block restarts front coding, so a lookup decodes at most this many keys.
    package static let blockSize = 16
    /// Longest Huffman code, in bits: one table lookup decodes any symbol.
    package static let maximumCodeLength = 12
    /// Symbols 0...255 are key bytes; 256 + c ends a key whose entry has attribute class c.
    package static let endSymbolBase = 256
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
        case codeLengths
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
