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
    /// Recomputes and stores the checksums of a compiled file in place: the header's over the compact file and, when
    /// a lookup-index section follows, the section's own (no-op when too short for a header).
    package static func fixChecksum(_ bytes: inout [UInt8]) {
        guard bytes.count >= TrieFileFormat.headerSize else { return }
        func put(_ value: UInt64, at offset: Int) {
            for i in 0..<8 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> UInt64(8 * i)) }
        }
        func checksum(_ range: Range<Int>, skipping field: Int) -> UInt64 {
            unsafe bytes.withUnsafeBytes {
                unsafe TrieChecksum.compute(UnsafeRawBufferPointer(rebasing: $0[range]), skipping: field)
            }
        }
        let located = lookupIndexSection(of: bytes)
        let fileChecksum = checksum(0..<(located?.compactEnd ?? bytes.count), skipping: TrieFileFormat.Field.checksum)
        put(fileChecksum, at: TrieFileFormat.Field.checksum)
        guard let section = located?.section else { return }
        put(fileChecksum, at: section + LookupIndexSection.Field.fileChecksum)
        guard let layout = located?.layout, section + layout.records + layout.recordsLength <= bytes.count else {
            return
        }
        let records = section + layout.records
        for page in 0..<RecordPages.pageCount(recordsLength: layout.recordsLength) {
            let start = records + page * RecordPages.pageSize
            let end = min(start + RecordPages.pageSize, records + layout.recordsLength)
            put(checksum(start..<end, skipping: -8), at: section + layout.pageChecksums + 8 * page)
        }
        put(
            checksum(section..<records, skipping: LookupIndexSection.Field.checksum),
            at: section + LookupIndexSection.Field.checksum
        )
    }

    /// The byte ranges of a compiled file that hold checksums: an edit there is deliberate, not damage.
    package static func checksumRanges(of bytes: [UInt8]) -> [Range<Int>] {
        var ranges = [TrieFileFormat.Field.checksum..<(TrieFileFormat.Field.checksum + 8)]
        guard let located = lookupIndexSection(of: bytes), let section = located.section else { return ranges }
        ranges.append(
            (section + LookupIndexSection.Field.fileChecksum)..<(section + LookupIndexSection.Field.checksum + 8)
        )
        if let layout = located.layout {
            ranges.append((section + layout.pageChecksums)..<(section + layout.longNames))
        }
        return ranges
    }

    /// Where a flagged file's compact part ends, where its lookup-index section starts (`nil` when the file is too
    /// short for the section's header), and the section's layout as that header gives it (`nil` when its sizes are
    /// out of range); `nil` for a file without the flag or with a compact size past its end.
    private static func lookupIndexSection(
        of bytes: [UInt8]
    ) -> (compactEnd: Int, section: Int?, layout: LookupIndexSection.Layout?)? {
        func u32(_ offset: Int) -> Int {
            (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        }
        guard bytes.count >= TrieFileFormat.headerSize,
            bytes[TrieFileFormat.Field.flags] & UInt8(LookupIndexSection.flag) != 0,
            bytes[TrieFileFormat.Field.fileSize + 4..<TrieFileFormat.Field.fileSize + 8].allSatisfy({ $0 == 0 })
        else { return nil }
        let compactEnd = u32(TrieFileFormat.Field.fileSize)
        let section = LookupIndexSection.align8(compactEnd)
        guard compactEnd <= bytes.count else { return nil }
        guard section + LookupIndexSection.headerSize <= bytes.count else { return (compactEnd, nil, nil) }
        let slotCount = u32(section + LookupIndexSection.Field.slotCount)
        let longNames = u32(section + LookupIndexSection.Field.longNamesLength)
        let layout =
            slotCount <= 1 << 26 && longNames <= 1 << 30
            ? LookupIndexSection.Layout(slotCount: slotCount, longNamesLength: longNames) : nil
        return (compactEnd, section, layout)
    }
}
