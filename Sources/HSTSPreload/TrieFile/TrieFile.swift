/// An opened compiled file: header and section table validated, checksum verified, code tables rebuilt.
///
/// All reads go through bounds checks against the section they belong to; a file that passes the checksum but is
/// inconsistent (only a deliberately crafted one can) makes lookups return no match, never read out of bounds.
@safe package final class TrieFile: @unchecked Sendable {
    // @unchecked: `base` points into `bytes`, which this object keeps alive and nobody writes; the decode tables
    // are written once in init and freed in deinit. Raw pointers keep the per-symbol path free of retains and
    // array bookkeeping; every offset read through them is checked against a validated section bound.
    private let bytes: TrieBytes
    private let base: UnsafeRawPointer
    /// Key byte code, per 12-bit prefix: `[byte, code length]` (length 0: no such code).
    ///
    /// Both decode tables hold one byte per field, so each field is a single load on the scan's dependency chain.
    private let charDecode: UnsafeMutablePointer<UInt8>
    /// Entry header code, per 12-bit prefix: `[code length, lcp, suffix bits, class]` (code length 0: no such
    /// code); lcp `recordMark` for a symbol decoded from its header record instead, with the symbol number in the
    /// last two bytes (little-endian).
    private let headerDecode: UnsafeMutablePointer<UInt8>
    /// Where the codes section's header records start (4 bytes per symbol: lcp, suffix bits, class u16).
    private let headerRecordsOffset: Int
    /// Head directories of the large TLDs, built at open from the block heads (see `HeadDirectory`).
    private let headDirectory: HeadDirectory

    /// Number of entries in the list.
    package let entryCount: Int
    /// Seconds since 1970 when the file was compiled.
    package let compiledAt: Int64
    /// SHA-256 of the JSON source it was compiled from.
    package let sourceSHA256: [UInt8]
    /// Size of the file in bytes.
    package let fileSize: Int
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

    private init(bytes: TrieBytes) throws(TrieFileError) {
        self.bytes = bytes
        let buffer = unsafe bytes.buffer
        guard let start = buffer.baseAddress else {
            throw .truncated(offset: 0, needed: TrieFileFormat.headerSize)
        }
        unsafe base = start
        let size = buffer.count
        func need(_ offset: Int, _ count: Int) throws(TrieFileError) {
            if offset < 0 || count < 0 || offset > size - count { throw .truncated(offset: offset, needed: count) }
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
        let declaredSize = u64(TrieFileFormat.Field.fileSize)
        guard declaredSize <= UInt64(UInt32.max) else { throw .corrupt("file size field") }
        if Int(declaredSize) > size { throw .truncated(offset: size, needed: Int(declaredSize) - size) }
        guard Int(declaredSize) == size else {
            throw .corrupt("\(size - Int(declaredSize)) unexpected bytes after the end")
        }
        let expected = u64(TrieFileFormat.Field.checksum)
        let actual = unsafe TrieChecksum.compute(buffer, skipping: TrieFileFormat.Field.checksum)
        guard expected == actual else { throw .checksumMismatch(expected: expected, actual: actual) }
        fileSize = size

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
        headDirectory.deallocate()
    }

    // MARK: Raw reads (offsets validated at open or checked here)

    @inline(__always)
    private func loadU32(_ offset: Int) -> Int {
        Int(UInt32(littleEndian: unsafe base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    @inline(__always)
    private func byte(_ offset: Int) -> UInt8 { unsafe base.load(fromByteOffset: offset, as: UInt8.self) }

    /// Whether the 8 bytes at `offset` lie inside the block data section: both bounds in one unsigned comparison.
    @inline(__always)
    private func inData(_ offset: Int) -> Bool {
        UInt(bitPattern: offset &- dataOffset) <= UInt(bitPattern: dataEnd &- dataOffset &- 8)
    }

    /// The next 64 bits of block data from `bit`, most significant first; `nil` outside the data section.
    ///
    /// The bounds check is a branch that valid data always passes, so it costs nothing on the dependency chain
    /// (a clamp with conditional moves was measured slower).
    @inline(__always)
    private func peek(_ bit: Int) -> UInt64? {
        let offset = dataOffset &+ (bit &>> 3)
        guard inData(offset) else { return nil }
        let word = UInt64(bigEndian: unsafe base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        return word &<< UInt64(bit & 7)
    }

    /// Decodes one key byte at `bit`, advancing `bit`; `nil` on an unused code or the end of the data.
    @inline(__always)
    private func decodeByte(_ bit: inout Int) -> UInt8? {
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
    private static let recordMark: UInt8 = 255

    /// Decodes the next entry header (shared-prefix length, suffix length in bits, class) of a block.
    ///
    /// The 64-bit buffer is refilled only when fewer than 12 bits remain, so skipping an entry is one
    /// table lookup and a shift on the dependency chain; a symbol the table does not hold is decoded out of line.
    @inline(__always)
    private func nextHeader(_ reader: inout HeaderReader) -> (lcp: Int, suffixBits: Int, classIndex: Int)? {
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

    /// The TLD record of the top-level label `host[start..<end]`.
    @inline(__always)
    private func findTLD(_ host: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var hash: UInt32 = 0x811c_9dc5
        for i in start..<end { hash = (hash ^ UInt32(unsafe host[i])) &* 0x0100_0193 }
        var slot = Int(hash) & tldHashMask
        // At least one slot is empty (checked at open), so probing ends.
        while true {
            let value = loadU32(tldHashOffset + 4 * slot)
            if value == 0 { return nil }
            let record = tldsOffset + TrieFileFormat.tldRecordSize * (value - 1)
            let nameOffset = stringsOffset + loadU32(record)
            let nameLength = Int(UInt16(truncatingIfNeeded: loadU32(record + 4)))
            if nameLength == end - start {
                var i = 0
                while i < nameLength {
                    if unsafe (byte(nameOffset + i) != host[start + i]) { break }
                    i += 1
                }
                if i == nameLength { return value - 1 }
            }
            slot = (slot + 1) & tldHashMask
        }
    }

    // MARK: Lookup

    /// The most specific entry whose name is `name` (the host or one of its parents) or a parent of it at a label
    /// boundary (Chromium's rule).
    ///
    /// - Returns: the entry's name length (a suffix of the host) and attribute class, or `nil`.
    /// - Complexity: O(m + log b + k) for an m-byte host, b blocks under the TLD and k = `blockSize`; allocates nothing.
    func deepestMatch(_ host: ScratchHost, _ name: ScratchHost.Name) -> Match? {
        let count = host.length
        let lastDot = name.firstDot == host.dotCount ? name.start - 1 : Int(unsafe host.dots[host.dotCount - 1])
        guard let tld = unsafe findTLD(host.bytes, from: lastDot + 1, to: count) else { return nil }
        let record = tldsOffset + TrieFileFormat.tldRecordSize * tld
        let selfClass = loadU32(record + 4) >> 16
        let tldLength = count - lastDot - 1
        let fallback: Match? = selfClass == 0 ? nil : Match(nameLength: tldLength, classIndex: selfClass - 1)
        if name.firstDot == host.dotCount { return fallback }
        let firstBlock = loadU32(record + 8)
        let entries = loadU32(record + 12)
        let blocks = (entries + blockSize - 1) / blockSize
        // The key: the name's labels left of the TLD in reverse order ("www.example" under "com" → "example.www").
        let key = unsafe host.key
        var out = 0
        var labelEnd = lastDot
        var k = host.dotCount - 2
        while k >= name.firstDot - 1 {
            let labelStart = k < name.firstDot ? name.start : Int(unsafe host.dots[k]) + 1
            if out > 0 {
                unsafe key[out] = UInt8(ascii: ".")
                out += 1
            }
            var j = labelStart
            while j < labelEnd {
                unsafe key[out] = host.bytes[j]
                out += 1
                j += 1
            }
            labelEnd = labelStart - 1
            k -= 1
        }
        guard
            let found = unsafe searchKey(
                key,
                length: out,
                tld: tld,
                firstBlock: firstBlock,
                blocks: blocks,
                entries: entries
            )
        else { return fallback }
        return Match(nameLength: found.length + 1 + tldLength, classIndex: found.classIndex)
    }

    private enum BlockScan {
        case firstKeyGreater
        case scanned(predecessorLCP: Int, bestLength: Int, bestClass: Int)
        case corrupt
    }

    /// The deepest entry key that equals `key` or is a prefix of it at a label boundary, within one TLD.
    private func searchKey(
        _ key: UnsafeMutablePointer<UInt8>,
        length keyLength: Int,
        tld: Int,
        firstBlock: Int,
        blocks: Int,
        entries: Int
    ) -> (length: Int, classIndex: Int)? {
        var length = keyLength
        while length > 0 {
            // The scan's end-of-key sentinel (a shorter search overwrites the dot that ended this prefix).
            unsafe key[length] = 0
            // Last block whose head is <= the key's head; an equal head may still start above the key.
            var head: UInt32 = 0
            for i in 0..<4 { head = head << 8 | UInt32(i < length ? unsafe key[i] : 0) }
            var block = headsAtOrBelow(head, tld: tld, firstBlock: firstBlock, blocks: blocks) - 1
            if block >= 1
                && UInt32(truncatingIfNeeded: loadU32(blockHeadsOffset + 4 * (firstBlock + block - 1))) == head
            {
                // A run of blocks shares the key's head (every `com.` key under `au` has the head `com.`): find the
                // last one whose first key is not above the key by binary search on first keys, instead of stepping
                // back through the run. (A lone block with the key's head is scanned directly; if it starts above
                // the key, the loop below steps back once.) The key's first byte is not NUL, so head - 1 is its
                // predecessor.
                let runStart = headsAtOrBelow(head - 1, tld: tld, firstBlock: firstBlock, blocks: blocks)
                var low = runStart
                var high = block
                block = runStart - 1
                while low <= high {
                    let middle = (low + high) / 2
                    let first = unsafe scan(block: firstBlock + middle, entries: 1, key: key, length: length)
                    if case .firstKeyGreater = first {
                        high = middle - 1
                    } else {
                        block = middle
                        low = middle + 1
                    }
                }
            }
            var outcome = BlockScan.firstKeyGreater
            while block >= 0 {
                let inBlock = min(blockSize, entries - block * blockSize)
                outcome = unsafe scan(block: firstBlock + block, entries: inBlock, key: key, length: length)
                guard case .firstKeyGreater = outcome else { break }
                block -= 1
            }
            guard case .scanned(let predecessorLCP, let bestLength, let bestClass) = outcome else { return nil }
            // The deepest candidate is the longest label-boundary prefix of the key within the predecessor's
            // common prefix: keys between a prefix P and the key all start with P, so none can hide deeper.
            var boundary = min(predecessorLCP, length)
            while boundary > 0 && boundary < length {
                if unsafe key[boundary] == UInt8(ascii: ".") { break }
                boundary -= 1
            }
            if boundary == 0 { return nil }
            if bestLength == boundary { return (bestLength, bestClass) }
            length = boundary
        }
        return nil
    }

    /// The number of `tld`'s block heads at or below `head` (the TLD's blocks start at `firstBlock`).
    ///
    /// A large TLD's directory narrows the range to the heads sharing `head`'s first two bytes, then a branch-free
    /// binary search (conditional moves, no mispredictions) counts within it.
    @inline(__always)
    private func headsAtOrBelow(_ head: UInt32, tld: Int, firstBlock: Int, blocks: Int) -> Int {
        let (start, count) = headDirectory.range(tld: tld, head: head, blocks: blocks)
        let heads = blockHeadsOffset + 4 * (firstBlock + start)
        var low = 0
        var remaining = count
        while remaining > 1 {
            let half = remaining &>> 1
            let candidate = UInt32(truncatingIfNeeded: loadU32(heads &+ 4 &* (low &+ half)))
            // A mask instead of a select: the compiler emitted a branch for `?:`, mispredicted half the time.
            let below = Int(truncatingIfNeeded: (UInt64(candidate) &- UInt64(head) &- 1) >> 63)
            low &+= half & (0 &- below)
            remaining &-= half
        }
        if count > 0 && UInt32(truncatingIfNeeded: loadU32(heads + 4 * low)) <= head { low += 1 }
        return start + low
    }

    /// Front-coded predecessor search in one block (see docs/trie-format.md, "Lookup").
    ///
    /// `key[length]` must be 0: the key ends in a NUL sentinel, which no stored byte equals (checked at open), so the
    /// byte comparison needs no end-of-key test. An entry below the key at the current common prefix is tested for
    /// first, since most entries a scan passes are skipped that way.
    private func scan(block: Int, entries: Int, key: UnsafePointer<UInt8>, length: Int) -> BlockScan {
        let head = UInt32(truncatingIfNeeded: loadU32(blockHeadsOffset + 4 * block))
        let blockOffset = loadU32(blockOffsetsOffset + 4 * block)
        var headers = HeaderReader(boundary: dataOffset &+ blockOffset)
        // `bit` walks the suffix stream; each header says how far the entry's suffix reaches.
        var bit = blockOffset &* 8
        var headLength = 0
        while headLength < 4 && (head >> UInt32(24 - 8 * headLength)) & 0xFF != 0 { headLength += 1 }
        // m: common prefix of the previous key and the key; diverged: the previous key is below the key at m
        // (otherwise it is a prefix of the key, m its length). Entry 0 continues the block's head.
        var m = 0
        var diverged = false
        while m < headLength {
            let headByte = UInt8(truncatingIfNeeded: head >> UInt32(24 - 8 * m))
            let keyByte = unsafe key[m]
            if headByte != keyByte {
                // At the key's end the sentinel is below every head byte: the head is above the key.
                if headByte > keyByte { return .firstKeyGreater }
                diverged = true
                break
            }
            m += 1
        }
        var predecessorLCP = -1
        var bestLength = -1
        var bestClass = 0
        var entry = 0
        while entry < entries {
            guard let header = nextHeader(&headers) else { return .corrupt }
            let lcp = header.lcp
            let end = bit &+ header.suffixBits
            if lcp > m {
                // Below the key: it shares the previous key's byte at m (for entry 0, the head's), which is below
                // the key's.
                guard diverged, entry > 0 || lcp == headLength else { return .corrupt }
                predecessorLCP = m
                bit = end
                entry &+= 1
                continue
            }
            if entry == 0 {
                // The head matched the key: m is the head's length.
                if lcp != headLength { return .corrupt }
            } else if lcp < m {
                break
            }
            // lcp == m: compare the suffix with the key from byte m.
            var x = m
            var symbol: UInt8 = 0
            var keyByte: UInt8 = 0
            while bit < end {
                guard let decoded = decodeByte(&bit) else { return .corrupt }
                symbol = decoded
                keyByte = unsafe key[x]
                if symbol != keyByte { break }
                x &+= 1
            }
            if symbol != keyByte {
                if symbol > keyByte {
                    if entry == 0 { return .firstKeyGreater }
                    break
                }
                // Below the key from byte x on: x is its common prefix with the key.
                m = x
                diverged = true
                predecessorLCP = x
                bit = end
            } else {
                if bit != end { return .corrupt }
                // The whole suffix matched: the entry's key is key[0..<x], a prefix of the key or the key itself.
                predecessorLCP = x
                if x == length {
                    return .scanned(predecessorLCP: x, bestLength: x, bestClass: header.classIndex)
                }
                if unsafe key[x] == UInt8(ascii: ".") {
                    bestLength = x
                    bestClass = header.classIndex
                }
                m = x
                diverged = false
            }
            entry &+= 1
        }
        if entry == 0 { return .firstKeyGreater }
        return .scanned(predecessorLCP: predecessorLCP, bestLength: bestLength, bestClass: bestClass)
    }

    // MARK: Enumeration and verification

    /// Calls `body` with every entry's name (as written in the source) and class, TLD by TLD in key order.
    ///
    /// - Throws: `TrieFileError.corrupt` when the data cannot be decoded.
    package func forEachEntry(
        _ body: (_ name: [UInt8], _ classIndex: Int) throws(TrieFileError) -> Void
    ) throws(TrieFileError) {
        for tld in 0..<tldCount {
            let record = tldsOffset + TrieFileFormat.tldRecordSize * tld
            let tldName = name(ofTLD: tld)
            let selfClass = loadU32(record + 4) >> 16
            if selfClass != 0 { try body(tldName, selfClass - 1) }
            let firstBlock = loadU32(record + 8)
            let entries = loadU32(record + 12)
            var previousKey: [UInt8]? = nil
            var lastKey: [UInt8]? = nil
            var currentBit = 0
            var headers = HeaderReader(boundary: 0)
            for entry in 0..<entries {
                let block = firstBlock + entry / blockSize
                var previous: [UInt8]
                if entry % blockSize == 0 {
                    // A block starts from its head bytes.
                    let head = loadU32(blockHeadsOffset + 4 * block)
                    let blockOffset = loadU32(blockOffsetsOffset + 4 * block)
                    currentBit = blockOffset * 8
                    headers = HeaderReader(boundary: dataOffset + blockOffset)
                    previous = []
                    for i in 0..<4 {
                        let headByte = UInt8(truncatingIfNeeded: head >> (24 - 8 * i))
                        if headByte == 0 { break }
                        previous.append(headByte)
                    }
                } else {
                    guard let earlier = previousKey else { throw .corrupt("block \(block): no previous key") }
                    previous = earlier
                }
                var bit = currentBit
                guard let header = nextHeader(&headers), header.lcp <= previous.count else {
                    throw .corrupt("block \(block): bad entry header")
                }
                var key = Array(previous[0..<header.lcp])
                let end = bit + header.suffixBits
                while bit < end {
                    guard let symbol = decodeByte(&bit), key.count < 253 else {
                        throw .corrupt("block \(block): bad key data")
                    }
                    key.append(symbol)
                }
                guard bit == end else { throw .corrupt("block \(block): key longer than its header says") }
                let classIndex = header.classIndex
                if let last = lastKey, !last.lexicographicallyPrecedes(key) {
                    throw .corrupt("block \(block): keys out of order")
                }
                lastKey = key
                currentBit = bit
                previousKey = key
                try body(TrieKey.name(tld: tldName, key: key), classIndex)
            }
        }
    }

    /// Decodes every entry and checks the invariants lookups rely on (order, heads, class numbers).
    ///
    /// - Throws: `TrieFileError.corrupt` naming the first inconsistency.
    package func verify() throws(TrieFileError) {
        try verifyTLDs()
        var count = 0
        try forEachEntry { _, classIndex throws(TrieFileError) in
            guard classIndex < classes.count else { throw .corrupt("class \(classIndex) out of range") }
            count += 1
        }
        guard count == entryCount else { throw .corrupt("\(count) entries decoded, header says \(entryCount)") }
    }
}

extension TrieFile {
    /// Checks that each TLD's name is one label that the TLD hash finds at its own record, so lookups
    /// reach every entry that enumeration yields.
    ///
    /// - Throws: `TrieFileError.corrupt` naming the first TLD that fails.
    package func verifyTLDs() throws(TrieFileError) {
        for tld in 0..<tldCount {
            // Empty for a name written with a trailing dot (kept as written; no host reaches it).
            let name = name(ofTLD: tld)
            guard !name.contains(UInt8(ascii: ".")) else { throw .corrupt("TLD \(tld): not one label") }
            // A NUL after the name, so even an empty name has an address to search from.
            let found = unsafe (name + [0]).withUnsafeBufferPointer { buffer in
                unsafe buffer.baseAddress.flatMap { unsafe findTLD($0, from: 0, to: name.count) }
            }
            guard found == tld else { throw .corrupt("TLD \(tld): the TLD hash does not lead to it") }
        }
    }

    /// The name of TLD `tld` (its record's string, validated at open to lie in the string table).
    private func name(ofTLD tld: Int) -> [UInt8] {
        let record = tldsOffset + TrieFileFormat.tldRecordSize * tld
        let nameOffset = stringsOffset + loadU32(record)
        let nameLength = Int(UInt16(truncatingIfNeeded: loadU32(record + 4)))
        return (0..<nameLength).map { byte(nameOffset + $0) }
    }
}

/// Position in one block's header stream, with a 64-bit look-ahead buffer (most significant bit next).
struct HeaderReader {
    /// Absolute offset where the block's (byte-reversed) header stream ends and its suffix stream begins.
    let boundary: Int
    /// Logical bits consumed.
    var bit = 0
    var buffer: UInt64 = 0
    /// Valid bits at the top of `buffer`.
    var available = 0

    init(boundary: Int) {
        self.boundary = boundary
    }
}
