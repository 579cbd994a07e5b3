/// The optional lookup-index section of a compiled file: `NameHashTable`'s slots laid out for `mmap`, after the
/// compact file, so that opening decodes and allocates nothing and lookups probe the mapping (docs/trie-format.md).
///
/// Layout, from the section's start (8-byte aligned, right after the compact file's declared size):
///
/// | offset | size | field |
/// |---:|---:|---|
/// | 0 | 8 | magic `HSTSQIDX` |
/// | 8 | 4 | header size, 64 |
/// | 12 | 4 | slot count *N* (a power of two, at least 16) |
/// | 16 | 4 | long-name bytes *L* |
/// | 20 | 4 | record page size, 4096 |
/// | 24 | 8 | the compact file's checksum (ties the section to its file) |
/// | 32 | 8 | checksum of the section's first part (header with this field as zero, control bytes, page checksums, long names) |
/// | 40 | 24 | zero |
///
/// then *N* + 8 control bytes, zero-padded to 8; one u64 checksum per 4096-byte page of records; *L* bytes of long
/// names and 8 zero bytes, zero-padded to 8; *N* × 32 bytes of records and 8 zero bytes.
enum LookupIndexSection {
    static let magic: [UInt8] = Array("HSTSQIDX".utf8)
    static let headerSize = 64
    /// Header flag bit of the compact file: a lookup-index section follows it.
    static let flag: UInt16 = 1

    enum Field {
        static let headerSize = 8
        static let slotCount = 12
        static let longNamesLength = 16
        static let pageSize = 20
        static let fileChecksum = 24
        static let checksum = 32
    }

    /// Where each part lies, relative to the section's start, for a table of `slotCount` slots and `longNamesLength`
    /// bytes of long names.
    struct Layout: Equatable {
        let control: Int
        let pageChecksums: Int
        let longNames: Int
        let records: Int
        let recordsLength: Int
        let end: Int

        init(slotCount: Int, longNamesLength: Int) {
            control = LookupIndexSection.headerSize
            pageChecksums = control + align8(slotCount + NameHashTable.groupWidth)
            recordsLength = slotCount * NameHashTable.recordSize
            longNames = pageChecksums + 8 * RecordPages.pageCount(recordsLength: recordsLength)
            records = longNames + align8(longNamesLength + 8)
            end = records + recordsLength + 8
        }
    }

    static func align8(_ value: Int) -> Int { (value + 7) & ~7 }

    /// The section for `table` (built in memory) of a compact file whose checksum is `fileChecksum`.
    static func bytes(of table: NameHashTable, fileChecksum: UInt64) -> [UInt8] {
        let layout = Layout(slotCount: table.capacity, longNamesLength: table.longNamesLength)
        var section = [UInt8](repeating: 0, count: layout.end)
        func put(_ value: UInt64, at offset: Int, bytes count: Int) {
            for i in 0..<count { section[offset + i] = UInt8(truncatingIfNeeded: value >> UInt64(8 * i)) }
        }
        section.replaceSubrange(0..<8, with: magic)
        put(UInt64(headerSize), at: Field.headerSize, bytes: 4)
        put(UInt64(table.capacity), at: Field.slotCount, bytes: 4)
        put(UInt64(table.longNamesLength), at: Field.longNamesLength, bytes: 4)
        put(UInt64(RecordPages.pageSize), at: Field.pageSize, bytes: 4)
        put(fileChecksum, at: Field.fileChecksum, bytes: 8)
        for i in 0..<(table.capacity + NameHashTable.groupWidth) {
            section[layout.control + i] = unsafe table.control[i]
        }
        for i in 0..<table.longNamesLength { section[layout.longNames + i] = unsafe table.longNames[i] }
        for i in 0..<layout.recordsLength { section[layout.records + i] = unsafe table.records[i] }
        unsafe section.withUnsafeBytes { raw in
            for page in 0..<RecordPages.pageCount(recordsLength: layout.recordsLength) {
                let start = page * RecordPages.pageSize
                let length = min(RecordPages.pageSize, layout.recordsLength - start)
                let checksum = unsafe TrieChecksum.compute(
                    UnsafeRawBufferPointer(rebasing: raw[(layout.records + start)..<(layout.records + start + length)]),
                    skipping: -8
                )
                put(checksum, at: layout.pageChecksums + 8 * page, bytes: 8)
            }
        }
        let checksum = unsafe section.withUnsafeBytes {
            unsafe TrieChecksum.compute(
                UnsafeRawBufferPointer(rebasing: $0[..<layout.records]),
                skipping: Field.checksum
            )
        }
        put(checksum, at: Field.checksum, bytes: 8)
        return section
    }

    /// A compact file's bytes with a lookup-index section appended: the flag set, the checksum recomputed, the
    /// section built from the file's own entries.
    ///
    /// - Throws: `TrieFileError` when the compact bytes do not open or their table cannot be built.
    static func appended(to compact: [UInt8]) throws(TrieFileError) -> [UInt8] {
        var file = compact
        let flags = UInt16(file[TrieFileFormat.Field.flags]) | UInt16(file[TrieFileFormat.Field.flags + 1]) << 8
        let flagged = flags | flag
        file[TrieFileFormat.Field.flags] = UInt8(truncatingIfNeeded: flagged)
        file[TrieFileFormat.Field.flags + 1] = UInt8(truncatingIfNeeded: flagged >> 8)
        TrieFileTesting.fixChecksum(&file)
        var checksum: UInt64 = 0
        for i in 0..<8 { checksum |= UInt64(file[TrieFileFormat.Field.checksum + i]) << UInt64(8 * i) }
        // The table comes from the compact file as a reader sees it, so the two cannot disagree.
        let table = try NameHashTable(TrieFile(copying: compact))
        file.append(contentsOf: repeatElement(0, count: align8(file.count) - file.count))
        file.append(contentsOf: bytes(of: table, fileChecksum: checksum))
        return file
    }

    /// Validates the section at `offset` of `file`'s bytes (`size` in all) and returns the table over it.
    ///
    /// Reads the header, control bytes, page checksums and long names (a few hundred KiB for the 2026 list), not the
    /// records; see `RecordPages`.
    ///
    /// - Throws: `TrieFileError` for a truncated, damaged or inconsistent section.
    static func table(
        in file: TrieFile,
        base: UnsafeRawPointer,
        offset: Int,
        size: Int,
        fileChecksum: UInt64
    ) throws(TrieFileError) -> NameHashTable {
        #if _endian(big)
        // Name hashes read words in the machine's byte order; the section is written on little-endian machines.
        throw .corrupt("lookup-index section: written for little-endian machines")
        #else
        let available = size - offset
        guard available >= headerSize else { throw .truncated(offset: offset, needed: headerSize) }
        let section = unsafe base + offset
        func u32(_ at: Int) -> Int {
            Int(UInt32(littleEndian: unsafe section.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
        }
        func u64(_ at: Int) -> UInt64 {
            UInt64(littleEndian: unsafe section.loadUnaligned(fromByteOffset: at, as: UInt64.self))
        }
        for (i, byte) in magic.enumerated() where unsafe section.load(fromByteOffset: i, as: UInt8.self) != byte {
            throw .corrupt("lookup-index section: magic")
        }
        let slotCount = u32(Field.slotCount)
        let longNamesLength = u32(Field.longNamesLength)
        guard u32(Field.headerSize) == headerSize, u32(Field.pageSize) == RecordPages.pageSize,
            slotCount >= 16, slotCount <= 1 << 26, slotCount & (slotCount - 1) == 0,
            longNamesLength <= 1 << 30
        else { throw .corrupt("lookup-index section: header") }
        guard u64(Field.fileChecksum) == fileChecksum else {
            throw .corrupt("lookup-index section: belongs to another file")
        }
        let layout = Layout(slotCount: slotCount, longNamesLength: longNamesLength)
        if layout.end > available { throw .truncated(offset: size, needed: layout.end - available) }
        guard layout.end == available else {
            throw .corrupt("\(available - layout.end) unexpected bytes after the lookup-index section")
        }
        let expected = u64(Field.checksum)
        let actual = unsafe TrieChecksum.compute(
            UnsafeRawBufferPointer(start: section, count: layout.records),
            skipping: Field.checksum
        )
        guard expected == actual else { throw .checksumMismatch(expected: expected, actual: actual) }
        // What a probe needs to end and to read 8 control bytes from any slot; checked here, so that even a crafted
        // section passing its checksum cannot make a lookup loop or read past the mapping.
        let control = unsafe (section + layout.control).assumingMemoryBound(to: UInt8.self)
        var hasEmpty = false
        for i in 0..<slotCount where unsafe control[i] == 0 {
            hasEmpty = true
            break
        }
        guard hasEmpty else { throw .corrupt("lookup-index section: no empty slot") }
        for i in 0..<NameHashTable.groupWidth where unsafe control[slotCount + i] != control[i] {
            throw .corrupt("lookup-index section: control bytes")
        }
        let pages = unsafe RecordPages(checksums: section + layout.pageChecksums, recordsLength: layout.recordsLength)
        return unsafe NameHashTable(
            mappedFrom: file,
            control: section + layout.control,
            records: section + layout.records,
            longNames: section + layout.longNames,
            longNamesLength: longNamesLength,
            capacity: slotCount,
            pages: pages
        )
        #endif
    }
}
