/// An opened compiled file, the one view over its bytes: header and section table validated, checksum verified, code
/// tables rebuilt.
///
/// All reads go through bounds checks against the section they belong to; a file that passes the checksum but is
/// inconsistent (only a deliberately crafted one can) makes lookups return no match, never read out of bounds.
/// Opening is here; the raw reads and decoders are in `TrieFile+Decoding.swift`, the search for a host's entry in
/// `TrieFile+Search.swift`, decoding every entry in `TrieFile+Enumeration.swift` and the checks beyond the checksum
/// in `TrieFile+Verification.swift`.
@safe package final class TrieFile: @unchecked Sendable {
    // @unchecked: `base` points into `bytes`, which this object keeps alive and nobody writes; the decode tables
    // are written once in init and freed in deinit. Raw pointers keep the per-symbol path free of retains and
    // array bookkeeping; every offset read through them is checked against a validated section bound.
    private let bytes: TrieBytes
    let base: UnsafeRawPointer
    /// Key byte code, per 12-bit prefix: `[byte, code length]` (length 0: no such code).
    ///
    /// Both decode tables hold one byte per field, so each field is a single load on the scan's dependency chain.
    let charDecode: UnsafeMutablePointer<UInt8>
    /// Entry header code, per 12-bit prefix: `[code length, lcp, suffix bits, class]` (code length 0: no such
    /// code); lcp `recordMark` for a symbol decoded from its header record instead, with the symbol number in the
    /// last two bytes (little-endian).
    let headerDecode: UnsafeMutablePointer<UInt8>
    /// Where the codes section's header records start (4 bytes per symbol: lcp, suffix bits, class u16).
    let headerRecordsOffset: Int
    /// Head directories of the large TLDs, built at open from the block heads (see `HeadDirectory`).
    let headDirectory: HeadDirectory

    /// Number of entries in the list.
    package let entryCount: Int
    /// Seconds since 1970 when the file was compiled.
    package let compiledAt: Int64
    /// SHA-256 of the JSON source it was compiled from.
    package let sourceSHA256: [UInt8]
    /// Size of the file in bytes, its lookup-index section included.
    package let fileSize: Int
    /// Size of the compact file (header to block data), which the header's checksum covers.
    package let compactSize: Int
    /// Where the lookup-index section starts, when the file has one.
    package let lookupIndexOffset: Int?
    /// The header's checksum of the compact file.
    let checksum: UInt64
    /// The attribute classes, by index.
    package let classes: [EntryClass]
    /// Pinset names, by index.
    package let pinsetNames: [String]

    let tldCount: Int
    let blockCount: Int
    let blockSize: Int
    let stringsOffset: Int
    let stringsLength: Int
    let tldsOffset: Int
    let tldHashOffset: Int
    let tldHashMask: Int
    let blockHeadsOffset: Int
    let blockOffsetsOffset: Int
    let dataOffset: Int
    let dataEnd: Int

    /// Opens and validates a file on disk (memory-mapped).
    package convenience init(path: String) throws(TrieFileError) {
        try self.init(bytes: TrieBytes(mapping: path))
    }

    /// Validates `bytes` (copied) as a compiled file.
    package convenience init(copying bytes: [UInt8]) throws(TrieFileError) {
        try self.init(bytes: TrieBytes(copying: bytes))
    }

    /// Validates `bytes` as a compiled file and reads them in place, without a copy.
    ///
    /// The bytes must stay valid and unchanged for the rest of the process, such as a constant array in the binary's
    /// read-only data: only the pages a lookup reads become resident, beside the checksum's one pass at open.
    @unsafe package convenience init(borrowingForever bytes: UnsafeRawBufferPointer) throws(TrieFileError) {
        try unsafe self.init(bytes: TrieBytes(borrowingForever: bytes))
    }

    private init(bytes: TrieBytes) throws(TrieFileError) {
        self.bytes = bytes
        let buffer = unsafe bytes.buffer
        guard let start = buffer.baseAddress else {
            throw .truncated(offset: 0, needed: TrieFileFormat.headerSize)
        }
        unsafe base = start
        let size = buffer.count
        // Until the header is read, the whole file; then the compact file, which every section lies in.
        var limit = size
        func need(_ offset: Int, _ count: Int) throws(TrieFileError) {
            if offset < 0 || count < 0 || offset > limit - count { throw .truncated(offset: offset, needed: count) }
        }
        func u16(_ offset: Int) -> Int {
            Int(UInt16(littleEndian: unsafe buffer.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
        }
        func u32(_ offset: Int) -> Int {
            Int(UInt32(littleEndian: unsafe buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
        func u64(_ offset: Int) -> UInt64 {
            UInt64(littleEndian: unsafe buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }

        try need(0, TrieFileFormat.magic.count)
        for (i, byte) in TrieFileFormat.magic.enumerated() where unsafe buffer[i] != byte { throw .notATrieFile }
        try need(0, TrieFileFormat.headerSize)
        let version = UInt16(u16(TrieFileFormat.Field.version))
        guard version == TrieFileFormat.version else { throw .unsupportedVersion(version) }
        guard u32(TrieFileFormat.Field.headerSize) == TrieFileFormat.headerSize else {
            throw .corrupt("header size field")
        }
        let flags = UInt16(u16(TrieFileFormat.Field.flags))
        guard flags & ~LookupIndexSection.flag == 0 else { throw .corrupt("unknown header flags \(flags)") }
        let declaredSize = u64(TrieFileFormat.Field.fileSize)
        guard declaredSize <= UInt64(UInt32.max) else { throw .corrupt("file size field") }
        if Int(declaredSize) > size { throw .truncated(offset: size, needed: Int(declaredSize) - size) }
        // The checksum covers the compact file; an index section after it has its own (`LookupIndexSection`).
        if flags & LookupIndexSection.flag != 0 {
            let sectionStart = LookupIndexSection.align8(Int(declaredSize))
            if sectionStart >= size { throw .truncated(offset: size, needed: sectionStart + 1 - size) }
            lookupIndexOffset = sectionStart
        } else {
            guard Int(declaredSize) == size else {
                throw .corrupt("\(size - Int(declaredSize)) unexpected bytes after the end")
            }
            lookupIndexOffset = nil
        }
        let expected = u64(TrieFileFormat.Field.checksum)
        let actual = unsafe TrieChecksum.compute(
            UnsafeRawBufferPointer(rebasing: buffer[..<Int(declaredSize)]),
            skipping: TrieFileFormat.Field.checksum
        )
        guard expected == actual else { throw .checksumMismatch(expected: expected, actual: actual) }
        checksum = expected
        fileSize = size
        compactSize = Int(declaredSize)
        limit = compactSize

        entryCount = u32(TrieFileFormat.Field.entryCount)
        blockSize = u32(TrieFileFormat.Field.blockSize)
        tldCount = u32(TrieFileFormat.Field.tldCount)
        blockCount = u32(TrieFileFormat.Field.blockCount)
        compiledAt = Int64(bitPattern: u64(TrieFileFormat.Field.compiledAt))
        var digest: [UInt8] = []
        for i in 0..<32 { digest.append(unsafe buffer[TrieFileFormat.Field.sourceSHA256 + i]) }
        sourceSHA256 = digest
        guard blockSize > 0 && blockSize <= 256 else { throw .corrupt("block size \(blockSize)") }

        var sections: [(offset: Int, length: Int)] = []
        for i in 0..<TrieFileFormat.Section.allCases.count {
            let offset = u32(TrieFileFormat.Field.sectionTable + 8 * i)
            let length = u32(TrieFileFormat.Field.sectionTable + 8 * i + 4)
            guard offset >= TrieFileFormat.headerSize else {
                throw .corrupt("section \(i) offset \(offset) inside the header")
            }
            try need(offset, length)
            sections.append((offset, length))
        }
        let strings = sections[TrieFileFormat.Section.strings.rawValue]
        stringsOffset = strings.offset
        stringsLength = strings.length

        let pinsets = sections[TrieFileFormat.Section.pinsets.rawValue]
        guard pinsets.length >= 4 else { throw .corrupt("pinset table") }
        let pinsetCount = u32(pinsets.offset)
        guard pinsets.length == 4 + 8 * pinsetCount else { throw .corrupt("pinset table size") }
        var names: [String] = []
        for i in 0..<pinsetCount {
            let offset = u32(pinsets.offset + 4 + 8 * i)
            let length = u32(pinsets.offset + 8 + 8 * i)
            guard offset <= stringsLength, length <= stringsLength - offset else {
                throw .corrupt("pinset name \(i) outside the string table")
            }
            var nameBytes: [UInt8] = []
            for j in 0..<length { nameBytes.append(unsafe buffer[stringsOffset + offset + j]) }
            names.append(String(decoding: nameBytes, as: UTF8.self))
        }
        pinsetNames = names

        let classSection = sections[TrieFileFormat.Section.classes.rawValue]
        guard classSection.length % TrieFileFormat.classRecordSize == 0 else { throw .corrupt("class table size") }
        let classCount = classSection.length / TrieFileFormat.classRecordSize
        guard classCount <= TrieFileFormat.maximumClassCount else { throw .corrupt("\(classCount) attribute classes") }
        var decodedClasses: [EntryClass] = []
        for i in 0..<classCount {
            var record: [UInt8] = []
            for j in 0..<TrieFileFormat.classRecordSize {
                record.append(unsafe buffer[classSection.offset + i * TrieFileFormat.classRecordSize + j])
            }
            guard let attributes = EntryClass(record: record, pinsetCount: pinsetCount) else {
                throw .corrupt("attribute class \(i)")
            }
            decodedClasses.append(attributes)
        }
        classes = decodedClasses

        let codeSection = sections[TrieFileFormat.Section.codes.rawValue]
        guard codeSection.length >= 4 else { throw .corrupt("code table") }
        let charSymbols = u16(codeSection.offset)
        let headerSymbols = u16(codeSection.offset + 2)
        guard charSymbols == 256, headerSymbols >= 1, headerSymbols <= TrieFileFormat.maximumHeaderSymbols,
            codeSection.length == 4 + charSymbols + headerSymbols * 5
        else { throw .corrupt("code table size") }
        var charLengths: [UInt8] = []
        for i in 0..<charSymbols { charLengths.append(unsafe buffer[codeSection.offset + 4 + i]) }
        var headerLengths: [UInt8] = []
        for i in 0..<headerSymbols { headerLengths.append(unsafe buffer[codeSection.offset + 4 + charSymbols + i]) }
        guard let charCode = HuffmanCode(validating: charLengths, maximumLength: TrieFileFormat.maximumCodeLength),
            let headerCode = HuffmanCode(validating: headerLengths, maximumLength: TrieFileFormat.maximumCodeLength)
        else { throw .corrupt("code lengths do not form a prefix code") }
        // Lookups end a key with a NUL sentinel that no stored byte may equal (names never hold one).
        guard charLengths[0] == 0 else { throw .corrupt("the byte code has a code for NUL") }
        let records = codeSection.offset + 4 + charSymbols + headerSymbols
        for i in 0..<headerSymbols {
            let classIndex = u16(records + 4 * i + 2)
            guard classIndex == TrieFileFormat.escapeClass || classIndex < classCount else {
                throw .corrupt("entry header \(i) names class \(classIndex)")
            }
        }
        headerRecordsOffset = records
        // Built here, allocated only after the last check that can throw, so a rejected file leaks nothing.
        let charTable = charCode.decodeTable(bits: TrieFileFormat.maximumCodeLength)
        let headerTable = headerCode.decodeTable(bits: TrieFileFormat.maximumCodeLength)

        let data = sections[TrieFileFormat.Section.blockData.rawValue]
        guard data.length >= 2 * TrieFileFormat.dataPadding else { throw .corrupt("block data") }
        dataOffset = data.offset
        dataEnd = data.offset + data.length

        let index = sections[TrieFileFormat.Section.blockIndex.rawValue]
        guard index.length == blockCount * TrieFileFormat.blockRecordSize else { throw .corrupt("block index size") }
        blockHeadsOffset = index.offset
        blockOffsetsOffset = index.offset + 4 * blockCount
        // Each block has at least one header byte before its offset, so offsets strictly increase past the front
        // padding, and none reaches the back padding.
        var previousOffset = TrieFileFormat.dataPadding
        for i in 0..<blockCount {
            let offset = u32(blockOffsetsOffset + 4 * i)
            guard offset > previousOffset, offset <= data.length - TrieFileFormat.dataPadding else {
                throw .corrupt("block \(i) offset")
            }
            previousOffset = offset
        }

        let tlds = sections[TrieFileFormat.Section.tlds.rawValue]
        guard tlds.length == tldCount * TrieFileFormat.tldRecordSize else { throw .corrupt("TLD table size") }
        tldsOffset = tlds.offset
        var nextBlock = 0
        var counted = 0
        var blockRanges: [Range<Int>] = []
        for i in 0..<tldCount {
            let record = tlds.offset + TrieFileFormat.tldRecordSize * i
            let nameOffset = u32(record)
            let nameLength = u16(record + 4)
            let selfClass = u16(record + 6)
            let firstBlock = u32(record + 8)
            let entries = u32(record + 12)
            guard nameOffset <= stringsLength, nameLength <= stringsLength - nameOffset, nameLength <= 253 else {
                throw .corrupt("TLD \(i) name outside the string table")
            }
            guard selfClass <= classCount else { throw .corrupt("TLD \(i) class") }
            let blocks = (entries + blockSize - 1) / blockSize
            guard firstBlock == nextBlock, blocks <= blockCount - firstBlock else {
                throw .corrupt("TLD \(i) block range")
            }
            blockRanges.append(firstBlock..<(firstBlock + blocks))
            nextBlock += blocks
            counted += entries + (selfClass == 0 ? 0 : 1)
        }
        guard nextBlock == blockCount, counted == entryCount else { throw .corrupt("entry and block counts") }

        let hash = sections[TrieFileFormat.Section.tldHash.rawValue]
        let slots = hash.length / 4
        guard hash.length % 4 == 0, slots >= 16, slots & (slots - 1) == 0, slots > tldCount else {
            throw .corrupt("TLD hash table size")
        }
        for i in 0..<slots where u32(hash.offset + 4 * i) > tldCount { throw .corrupt("TLD hash slot \(i)") }
        tldHashOffset = hash.offset
        tldHashMask = slots - 1
        headDirectory = HeadDirectory(blockRanges: blockRanges) {
            UInt32(truncatingIfNeeded: u32(index.offset + 4 * $0))
        }
        unsafe charDecode = .allocate(capacity: 2 * charTable.count)
        for (i, value) in charTable.enumerated() {
            unsafe charDecode[2 * i] = UInt8(truncatingIfNeeded: value >> 4)
            unsafe charDecode[2 * i + 1] = UInt8(truncatingIfNeeded: value & 15)
        }
        // A symbol whose fields all fit a byte (every symbol but the escape, in any list of under 255 classes) is
        // decoded from the table alone; any other stores its symbol number for `headerFromRecord`. So does a record
        // whose lcp is the mark itself (only a crafted file has one): the mark must never come from the file, or its
        // suffix-bits and class bytes would be read as a symbol number.
        unsafe headerDecode = .allocate(capacity: 4 * headerTable.count)
        for (i, value) in headerTable.enumerated() {
            let length = UInt8(truncatingIfNeeded: value & 15)
            let symbol = Int(value >> 4)
            let record = records + 4 * symbol
            let classIndex = u16(record + 2)
            let inTable = unsafe length != 0 && classIndex < Int(Self.recordMark) && buffer[record] != Self.recordMark
            unsafe headerDecode[4 * i] = length
            if inTable {
                unsafe headerDecode[4 * i + 1] = buffer[record]
                unsafe headerDecode[4 * i + 2] = buffer[record + 1]
                unsafe headerDecode[4 * i + 3] = UInt8(truncatingIfNeeded: classIndex)
            } else {
                unsafe headerDecode[4 * i + 1] = Self.recordMark
                unsafe headerDecode[4 * i + 2] = UInt8(truncatingIfNeeded: symbol)
                unsafe headerDecode[4 * i + 3] = UInt8(truncatingIfNeeded: symbol >> 8)
            }
        }
    }

    deinit {
        unsafe charDecode.deallocate()
        unsafe headerDecode.deallocate()
    }
}

extension TrieFile {
    /// The hash table of the file's lookup-index section, validated (not its records, see `RecordPages`); `nil`
    /// when the file has none.
    ///
    /// - Throws: `TrieFileError` for a damaged or truncated section.
    func lookupIndexTable() throws(TrieFileError) -> NameHashTable? {
        guard let offset = lookupIndexOffset else { return nil }
        return try unsafe LookupIndexSection.table(
            in: self,
            base: base,
            offset: offset,
            size: fileSize,
            fileChecksum: checksum
        )
    }
}
