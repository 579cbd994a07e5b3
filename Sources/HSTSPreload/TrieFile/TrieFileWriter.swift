/// Compiles a validated list into the trie file format (docs/trie-format.md).
///
/// Layout in short: entries are grouped by top-level label; within a TLD, each entry's remaining labels are
/// reversed (`www.example.com` → key `example.www` under `com`) and sorted, which is a depth-first walk of the label
/// trie. Sorted keys are front-coded in blocks of `TrieFileFormat.blockSize`, and the bytes are Huffman-coded.
package enum TrieFileWriter {
    /// The file's bytes for `source`.
    ///
    /// - Parameters:
    ///   - source: a validated list.
    ///   - compiledAt: seconds since 1970 recorded in the header.
    /// - Returns: the complete file, header and checksum included.
    /// - Throws: `TrieFileError.unrepresentable` when the list does not fit the format (duplicate or over-long names,
    ///   a NUL byte in a name, more than `maximumClassCount` attribute combinations).
    /// - Complexity: O(n log n) in the number of entries.
    package static func compile(_ source: PreloadListSource, compiledAt: Int64) throws(TrieFileError) -> [UInt8] {
        let pinsetIndex = Dictionary(
            source.pinsets.enumerated().map { ($1.name, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        var classIndex: [EntryClass: Int] = [:]
        var classes: [EntryClass] = []
        var keysByTLD: [[UInt8]: [(key: [UInt8], classIndex: Int)]] = [:]
        var selfClassByTLD: [[UInt8]: Int] = [:]
        var seenNames: Set<String> = []
        for entry in source.entries {
            let name = Array(entry.name.utf8)
            guard name.count <= 253 else {
                throw .unrepresentable("entry name longer than 253 bytes: '\(entry.name.prefix(40))…'")
            }
            guard !name.contains(0) else { throw .unrepresentable("entry name contains a NUL byte") }
            guard seenNames.insert(entry.name).inserted else {
                throw .unrepresentable("duplicate entry name '\(entry.name)'")
            }
            let pins: Int?
            if let pinsName = entry.pins {
                guard let index = pinsetIndex[pinsName] else {
                    throw .unrepresentable("entry '\(entry.name)' names unknown pinset '\(pinsName)'")
                }
                pins = index
            } else {
                pins = nil
            }
            let attributes = EntryClass(attributes: entry.attributes, pinsetIndex: pins)
            let index: Int
            if let existing = classIndex[attributes] {
                index = existing
            } else {
                index = classes.count
                guard index < TrieFileFormat.maximumClassCount else {
                    throw .unrepresentable(
                        "more than \(TrieFileFormat.maximumClassCount) distinct combinations of entry attributes"
                    )
                }
                classIndex[attributes] = index
                classes.append(attributes)
            }
            let (tld, key) = TrieKey.split(name)
            if let key {
                keysByTLD[tld, default: []].append((key, index))
            } else {
                selfClassByTLD[tld] = index
                if keysByTLD[tld] == nil { keysByTLD[tld] = [] }
            }
        }

        let tlds = keysByTLD.keys.sorted { $0.lexicographicallyPrecedes($1) }
        for tld in tlds { keysByTLD[tld]?.sort { $0.key.lexicographicallyPrecedes($1.key) } }

        // Key bytes get one Huffman code. Each entry then gets a header symbol for the triple (shared-prefix length,
        // suffix length in bits, class), Huffman-coded jointly: a scan skips an entry with one lookup.
        var charCounts = [Int](repeating: 0, count: 256)
        forEachBlockEntry(tlds: tlds, keysByTLD: keysByTLD) { item in
            for byte in item.suffix { charCounts[Int(byte)] += 1 }
        }
        let charCode = HuffmanCode(counts: charCounts, maximumLength: TrieFileFormat.maximumCodeLength)
        func suffixBitCount(_ suffix: ArraySlice<UInt8>) -> Int {
            suffix.reduce(0) { $0 + Int(charCode.lengths[Int($1)]) }
        }
        var headerCounts: [EntryHeader: Int] = [:]
        forEachBlockEntry(tlds: tlds, keysByTLD: keysByTLD) { item in
            headerCounts[
                EntryHeader(lcp: item.lcp, suffixBits: suffixBitCount(item.suffix), classIndex: item.classIndex),
                default: 0
            ] += 1
        }
        // The most frequent headers get symbols; the rest (and any with more than 255 suffix bits) use the escape.
        let ranked = headerCounts.filter { $0.key.suffixBits <= 255 }
            .sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .prefix(TrieFileFormat.maximumHeaderSymbols - 1)
        var headers = ranked.map(\.key)
        var headerSymbol: [EntryHeader: Int] = [:]
        for (symbol, header) in headers.enumerated() { headerSymbol[header] = symbol }
        var headerSymbolCounts = ranked.map(\.value)
        let escaped = headerCounts.filter { headerSymbol[$0.key] == nil }.values.reduce(0, +)
        let escapeSymbol = headers.count
        headers.append(EntryHeader(lcp: 0, suffixBits: 0, classIndex: TrieFileFormat.escapeClass))
        headerSymbolCounts.append(max(1, escaped))
        let headerCode = HuffmanCode(counts: headerSymbolCounts, maximumLength: TrieFileFormat.maximumCodeLength)

        // Block data starts with zero padding so a backward header read of the first block stays in the section.
        var blockData = [UInt8](repeating: 0, count: TrieFileFormat.dataPadding)
        // Block heads and block offsets are two arrays, so a binary search over heads touches only head cache lines.
        var blockHeads: [UInt8] = []
        var blockOffsets: [UInt8] = []
        var tldRecords: [(nameOffset: Int, nameLength: Int, selfClass: Int?, firstBlock: Int, entryCount: Int)] = []
        var strings: [UInt8] = []
        var pinsetTable: [UInt8] = []
        appendU32(&pinsetTable, source.pinsets.count)
        for pinset in source.pinsets {
            appendU32(&pinsetTable, strings.count)
            appendU32(&pinsetTable, pinset.name.utf8.count)
            strings.append(contentsOf: pinset.name.utf8)
        }
        var blockCount = 0
        var entryCount = 0
        for tld in tlds {
            let keys = keysByTLD[tld] ?? []
            tldRecords.append((strings.count, tld.count, selfClassByTLD[tld], blockCount, keys.count))
            strings.append(contentsOf: tld)
            entryCount += keys.count + (selfClassByTLD[tld] == nil ? 0 : 1)
            for blockStart in stride(from: 0, to: keys.count, by: TrieFileFormat.blockSize) {
                // A block is its header stream, stored byte-reversed so it ends at the block's offset, then its
                // suffix stream from that offset on: one offset finds both, and a scan reads headers through a
                // bit buffer while the suffix position advances by the header's suffix length.
                var headerBits = BitWriter()
                var suffixBits = BitWriter()
                let block = keys[blockStart..<min(keys.count, blockStart + TrieFileFormat.blockSize)]
                forEachEntry(of: block) { item in
                    let header = EntryHeader(
                        lcp: item.lcp,
                        suffixBits: suffixBitCount(item.suffix),
                        classIndex: item.classIndex
                    )
                    if let symbol = headerSymbol[header] {
                        headerBits.write(headerCode.codes[symbol], length: headerCode.lengths[symbol])
                    } else {
                        headerBits.write(headerCode.codes[escapeSymbol], length: headerCode.lengths[escapeSymbol])
                        headerBits.write(UInt16(header.lcp), length: 8)
                        headerBits.write(UInt16(truncatingIfNeeded: header.suffixBits), length: 16)
                        headerBits.write(UInt16(header.classIndex), length: 16)
                    }
                    for byte in item.suffix {
                        suffixBits.write(charCode.codes[Int(byte)], length: charCode.lengths[Int(byte)])
                    }
                }
                headerBits.alignToByte()
                suffixBits.alignToByte()
                blockData.append(contentsOf: headerBits.bytes.reversed())
                appendU32(&blockHeads, Int(TrieKey.head(block[block.startIndex].key)))
                appendU32(&blockOffsets, blockData.count)
                blockData.append(contentsOf: suffixBits.bytes)
                blockCount += 1
            }
        }
        blockData.append(contentsOf: [UInt8](repeating: 0, count: TrieFileFormat.dataPadding))

        var classTable: [UInt8] = []
        for attributes in classes { classTable.append(contentsOf: attributes.record) }
        var tldTable: [UInt8] = []
        for record in tldRecords {
            appendU32(&tldTable, record.nameOffset)
            appendU16(&tldTable, record.nameLength)
            appendU16(&tldTable, record.selfClass.map { $0 + 1 } ?? 0)
            appendU32(&tldTable, record.firstBlock)
            appendU32(&tldTable, record.entryCount)
        }
        let slotCount = TrieKey.hashSlotCount(forTLDCount: tlds.count)
        var slots = [Int](repeating: 0, count: slotCount)
        for (index, tld) in tlds.enumerated() {
            var slot = Int(TrieKey.hash(tld) & UInt32(slotCount - 1))
            while slots[slot] != 0 { slot = (slot + 1) & (slotCount - 1) }
            slots[slot] = index + 1
        }
        var hashTable: [UInt8] = []
        for slot in slots { appendU32(&hashTable, slot) }
        var codes: [UInt8] = []
        appendU16(&codes, charCode.lengths.count)
        appendU16(&codes, headerCode.lengths.count)
        codes.append(contentsOf: charCode.lengths)
        codes.append(contentsOf: headerCode.lengths)
        for header in headers {
            codes.append(UInt8(header.lcp))
            codes.append(UInt8(truncatingIfNeeded: header.suffixBits))
            appendU16(&codes, header.classIndex)
        }

        let sections: [[UInt8]] = [
            strings, pinsetTable, classTable, tldTable, hashTable, blockHeads + blockOffsets, codes, blockData,
        ]
        var file = [UInt8](repeating: 0, count: TrieFileFormat.headerSize)
        var table: [(Int, Int)] = []
        for section in sections {
            while file.count % 8 != 0 { file.append(0) }
            table.append((file.count, section.count))
            file.append(contentsOf: section)
        }
        while file.count % 8 != 0 { file.append(0) }
        guard file.count <= Int(UInt32.max) else { throw .unrepresentable("compiled file over 4 GiB") }

        func put(_ value: UInt64, at offset: Int, bytes count: Int) {
            for i in 0..<count { file[offset + i] = UInt8(truncatingIfNeeded: value >> UInt64(8 * i)) }
        }
        for (i, byte) in TrieFileFormat.magic.enumerated() { file[i] = byte }
        put(UInt64(TrieFileFormat.version), at: TrieFileFormat.Field.version, bytes: 2)
        put(UInt64(TrieFileFormat.headerSize), at: TrieFileFormat.Field.headerSize, bytes: 4)
        put(UInt64(file.count), at: TrieFileFormat.Field.fileSize, bytes: 8)
        put(UInt64(entryCount), at: TrieFileFormat.Field.entryCount, bytes: 4)
        put(UInt64(TrieFileFormat.blockSize), at: TrieFileFormat.Field.blockSize, bytes: 4)
        put(UInt64(tlds.count), at: TrieFileFormat.Field.tldCount, bytes: 4)
        put(UInt64(blockCount), at: TrieFileFormat.Field.blockCount, bytes: 4)
        put(UInt64(bitPattern: compiledAt), at: TrieFileFormat.Field.compiledAt, bytes: 8)
        for (i, byte) in source.sourceSHA256.prefix(32).enumerated() {
            file[TrieFileFormat.Field.sourceSHA256 + i] = byte
        }
        for (i, (offset, length)) in table.enumerated() {
            put(UInt64(offset), at: TrieFileFormat.Field.sectionTable + 8 * i, bytes: 4)
            put(UInt64(length), at: TrieFileFormat.Field.sectionTable + 8 * i + 4, bytes: 4)
        }
        let checksum = TrieChecksum.compute(file, skipping: TrieFileFormat.Field.checksum)
        put(checksum, at: TrieFileFormat.Field.checksum, bytes: 8)
        return file
    }

    /// One key as the block coder sees it: the bytes shared with the previous key (for a block's first key, the
    /// block head's bytes), the remaining bytes, and the entry's class.
    private struct CodedKey {
        var lcp: Int
        var suffix: ArraySlice<UInt8>
        var classIndex: Int
    }

    /// The fields of an entry header symbol.
    private struct EntryHeader: Hashable, Comparable {
        var lcp: Int
        var suffixBits: Int
        var classIndex: Int

        static func < (lhs: EntryHeader, rhs: EntryHeader) -> Bool {
            (lhs.lcp, lhs.suffixBits, lhs.classIndex) < (rhs.lcp, rhs.suffixBits, rhs.classIndex)
        }
    }

    private static func forEachBlockEntry(
        tlds: [[UInt8]],
        keysByTLD: [[UInt8]: [(key: [UInt8], classIndex: Int)]],
        _ body: (CodedKey) -> Void
    ) {
        for tld in tlds {
            let keys = keysByTLD[tld] ?? []
            for blockStart in stride(from: 0, to: keys.count, by: TrieFileFormat.blockSize) {
                forEachEntry(of: keys[blockStart..<min(keys.count, blockStart + TrieFileFormat.blockSize)], body)
            }
        }
    }

    private static func forEachEntry(of block: ArraySlice<(key: [UInt8], classIndex: Int)>, _ body: (CodedKey) -> Void)
    {
        var previous: [UInt8] = []
        for (position, item) in block.enumerated() {
            let key = item.key
            if position == 0 {
                body(CodedKey(lcp: min(4, key.count), suffix: key[min(4, key.count)...], classIndex: item.classIndex))
            } else {
                var lcp = 0
                while lcp < previous.count && lcp < key.count && previous[lcp] == key[lcp] { lcp += 1 }
                body(CodedKey(lcp: lcp, suffix: key[lcp...], classIndex: item.classIndex))
            }
            previous = key
        }
    }

    private static func appendU32(_ bytes: inout [UInt8], _ value: Int) {
        for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * i))) }
    }

    private static func appendU16(_ bytes: inout [UInt8], _ value: Int) {
        for i in 0..<2 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * i))) }
    }
}
