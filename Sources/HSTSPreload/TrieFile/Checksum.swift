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
        func u64(_ offset: Int) -> UInt64 {
            var value: UInt64 = 0
            for i in 0..<8 { value |= UInt64(bytes[offset + i]) << UInt64(8 * i) }
            return value
        }
        func put(_ value: UInt64, at offset: Int) {
            for i in 0..<8 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> UInt64(8 * i)) }
        }
        let flagged = bytes[TrieFileFormat.Field.flags] & UInt8(LookupIndexSection.flag) != 0
        let declared = u64(TrieFileFormat.Field.fileSize)
        let compactEnd = flagged && declared <= UInt64(bytes.count) ? Int(declared) : bytes.count
        let checksum = unsafe bytes.withUnsafeBytes {
            unsafe TrieChecksum.compute(
                UnsafeRawBufferPointer(rebasing: $0[..<compactEnd]),
                skipping: TrieFileFormat.Field.checksum
            )
        }
        put(checksum, at: TrieFileFormat.Field.checksum)
        let section = LookupIndexSection.align8(compactEnd)
        guard flagged, section + LookupIndexSection.headerSize <= bytes.count else { return }
        put(checksum, at: section + LookupIndexSection.Field.fileChecksum)
        var slotCount = 0
        var longNames = 0
        for i in 0..<4 {
            slotCount |= Int(bytes[section + LookupIndexSection.Field.slotCount + i]) << (8 * i)
            longNames |= Int(bytes[section + LookupIndexSection.Field.longNamesLength + i]) << (8 * i)
        }
        guard slotCount <= 1 << 26, longNames <= 1 << 30 else { return }
        let layout = LookupIndexSection.Layout(slotCount: slotCount, longNamesLength: longNames)
        guard section + layout.records + layout.recordsLength <= bytes.count else { return }
        for page in 0..<RecordPages.pageCount(recordsLength: layout.recordsLength) {
            let start = section + layout.records + page * RecordPages.pageSize
            let end = min(start + RecordPages.pageSize, section + layout.records + layout.recordsLength)
            let pageChecksum = unsafe bytes.withUnsafeBytes {
                unsafe TrieChecksum.compute(UnsafeRawBufferPointer(rebasing: $0[start..<end]), skipping: -8)
            }
            put(pageChecksum, at: section + layout.pageChecksums + 8 * page)
        }
        let sectionChecksum = unsafe bytes.withUnsafeBytes {
            unsafe TrieChecksum.compute(
                UnsafeRawBufferPointer(rebasing: $0[section..<(section + layout.records)]),
                skipping: LookupIndexSection.Field.checksum
            )
        }
        put(sectionChecksum, at: section + LookupIndexSection.Field.checksum)
    }

    /// The byte ranges of a compiled file that hold checksums: an edit there is deliberate, not damage.
    package static func checksumRanges(of bytes: [UInt8]) -> [Range<Int>] {
        var ranges = [TrieFileFormat.Field.checksum..<(TrieFileFormat.Field.checksum + 8)]
        guard bytes.count >= TrieFileFormat.headerSize,
            bytes[TrieFileFormat.Field.flags] & UInt8(LookupIndexSection.flag) != 0
        else { return ranges }
        var declared = 0
        for i in 0..<4 { declared |= Int(bytes[TrieFileFormat.Field.fileSize + i]) << (8 * i) }
        let section = LookupIndexSection.align8(declared)
        guard section + LookupIndexSection.headerSize <= bytes.count else { return ranges }
        var slotCount = 0
        for i in 0..<4 { slotCount |= Int(bytes[section + LookupIndexSection.Field.slotCount + i]) << (8 * i) }
        ranges.append(
            (section + LookupIndexSection.Field.fileChecksum)..<(section + LookupIndexSection.Field.checksum + 8)
        )
        if slotCount <= 1 << 26 {
            let layout = LookupIndexSection.Layout(slotCount: slotCount, longNamesLength: 0)
            ranges.append((section + layout.pageChecksums)..<(section + layout.longNames))
        }
        return ranges
    }
}
