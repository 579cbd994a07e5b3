import Synchronization

/// Every entry name of a trie file in an in-memory open-addressing hash table, for lookups that probe one slot per
/// label of the host instead of searching the file's compressed blocks.
///
/// Built from the file on request (`PreloadList.LookupIndex.hashTable`): the file stays the compact, checksummed
/// form on disk; the table trades memory for lookups that decode nothing.
///
/// Two arrays, Swiss-table style, because what a lookup costs is cache misses, not instructions:
/// - a control byte per slot (0 for empty, else bit 7 and 7 bits of the name's hash), 128 KiB for the 2026 list,
///   small enough to stay in L2: the walk up the host's labels reads only these;
/// - a 32-byte record per slot (the entry's class, the name's length, the name itself up to 29 bytes; a longer
///   name is in a side arena), read once per lookup, for the deepest name the control bytes say may be there. A
///   hit costs one cache miss, a miss usually none.
///
/// Records sit in the slots rather than back to back behind a 32-bit offset per slot, which would take less memory:
/// a random read from a table of a few megabytes misses the cache either way, and the offset would be a second miss
/// in a row.
///
/// A lookup hashes the host's labels from the right, so the hash of each parent comes for free on the way to the
/// host itself. Besides the entries, the table holds every proper suffix of an entry name at a label boundary
/// ("interior" slots): a parent that is neither stops the walk, since nothing below it can be an entry.
@safe package final class NameHashTable: @unchecked Sendable {
    // @unchecked: the arrays are written once in init and freed in deinit.

    static let empty: UInt16 = 0
    static let interior: UInt16 = 1
    static let firstClass: UInt16 = 2
    /// Bytes per record, and before its name: its kind (little-endian UInt16) and the name's length.
    static let recordSize = 32
    static let recordHeader = 3
    /// The longest name a record holds itself; a longer one's record holds its offset in `longNames` (a u32 at
    /// `longNameOffset`).
    static let maximumInlineLength = recordSize - recordHeader
    static let longNameOffset = 4
    /// Control bytes are read eight at a time, from any slot: the first eight are repeated after the last.
    static let groupWidth = 8
    /// The table is at most this full (numerator over 4): linear probing stays short and always finds an empty slot.
    static let maximumLoadQuarters = 3

    /// The slots, as raw pointers: lookups go through this value, so they touch no reference count.
    let slots: Slots
    /// Bytes of `longNames` in use, padding excluded (what a file's section stores).
    ///
    /// Set once, at the end of init: the building closures capture `self` before it is known.
    private(set) var longNamesLength: Int
    /// Bytes the table holds in memory (control bytes, records and long names); 0 for a table read from a file's
    /// lookup-index section, which stays in the mapping.
    package let byteCount: Int
    /// For a table in a file's lookup-index section: the file, which owns the mapping.
    ///
    /// `nil` for a table built in memory; so is `pages`, the record pages' verification state.
    let mappedFile: TrieFile?
    let pages: RecordPages?

    /// Control byte per slot, plus `groupWidth` copies of the first ones.
    var control: UnsafeMutablePointer<UInt8> { unsafe slots.control }
    /// `recordSize` bytes per slot, and 8 bytes of padding for word reads.
    var records: UnsafeMutablePointer<UInt8> { unsafe slots.records }
    /// The names longer than `maximumInlineLength`, back to back, and 8 bytes of padding.
    var longNames: UnsafeMutablePointer<UInt8> { unsafe slots.longNames }
    /// Number of slots.
    var capacity: Int { slots.slotMask + 1 }

    /// Decodes every entry of `file` into a new table.
    ///
    /// - Throws: `TrieFileError.corrupt` when the file's data cannot be decoded, or the names do not fit 32-bit
    ///   offsets.
    package init(_ file: TrieFile) throws(TrieFileError) {
        // A file whose TLD hash misses a TLD would answer differently here than through its block search.
        try file.verifyTLDs()
        var nameBytes: [UInt8] = []
        var entries: [(offset: Int, length: Int, classIndex: Int)] = []
        entries.reserveCapacity(file.entryCount)
        var index = 0
        try file.forEachEntry { name, classIndex throws(TrieFileError) in
            defer { index += 1 }
            // A name no host reaches (not in canonical form) is left out, as lookups skip it too;
            // every other must be what the block search finds for it, or a crafted file would answer differently
            // here than through its blocks.
            guard let found = Self.blockSearchMatch(ofOwnName: name, in: file) else { return }
            guard found == Match(nameLength: name.count, classIndex: classIndex) else {
                throw .corrupt(
                    "entry \(index) '\(String(decoding: name, as: UTF8.self))': the block search does not find it"
                )
            }
            guard classIndex < TrieFileFormat.maximumClassCount else {
                throw .corrupt("entry \(index): class \(classIndex) out of range")
            }
            entries.append((nameBytes.count, name.count, classIndex))
            nameBytes.append(contentsOf: name)
        }
        // Word reads of a name's last bytes may run 8 bytes past its end.
        nameBytes.append(contentsOf: repeatElement(0, count: 8))
        // Each interior candidate (a proper suffix at a label boundary) is hashed once; distinct hashes count them
        // (a collision only undercounts by one; the load limit leaves room for that).
        var suffixes: [(hash: UInt64, offset: Int, length: Int)] = []
        var entryHashes: [UInt64] = []
        entryHashes.reserveCapacity(entries.count)
        // Room for every long name, suffixes counted with repeats.
        var longNameBytes = 8
        unsafe nameBytes.withUnsafeBufferPointer { buffer in
            guard let names = buffer.baseAddress else { return }
            for entry in entries {
                entryHashes.append(unsafe Self.hash(names + entry.offset, length: entry.length))
                if entry.length > Self.maximumInlineLength { longNameBytes += entry.length }
                for start in 0..<entry.length where unsafe names[entry.offset + start] == UInt8(ascii: ".") {
                    let offset = entry.offset + start + 1
                    let length = entry.length - start - 1
                    if length > 0 {
                        suffixes.append((unsafe Self.hash(names + offset, length: length), offset, length))
                        if length > Self.maximumInlineLength { longNameBytes += length }
                    }
                }
            }
        }
        guard longNameBytes < Int(UInt32.max) else { throw .corrupt("names too large for an in-memory table") }
        let distinctSuffixes = Set(suffixes.lazy.map(\.hash)).count
        var capacity = 16
        while capacity * Self.maximumLoadQuarters < 4 * (entries.count + distinctSuffixes) { capacity *= 2 }
        let control = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + Self.groupWidth)
        unsafe control.initialize(repeating: 0, count: capacity + Self.groupWidth)
        let records = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * Self.recordSize + 8)
        unsafe records.initialize(repeating: 0, count: capacity * Self.recordSize + 8)
        let longNames = UnsafeMutablePointer<UInt8>.allocate(capacity: longNameBytes)
        unsafe longNames.initialize(repeating: 0, count: longNameBytes)
        let slots = unsafe Slots(
            control: control,
            records: records,
            longNames: longNames,
            longNamesLimit: longNameBytes - 8,
            capacity: capacity,
            pages: nil
        )
        self.slots = slots
        byteCount = capacity + Self.groupWidth + capacity * Self.recordSize + 8 + longNameBytes
        mappedFile = nil
        pages = nil
        longNamesLength = 0
        var used = 0
        unsafe nameBytes.withUnsafeBufferPointer { buffer in
            guard let names = buffer.baseAddress else { return }
            // Entries first, so an interior slot never stands for a name that is also an entry. A name twice in a
            // crafted file (the block search found both as themselves) is kept once.
            for (entry, hash) in zip(entries, entryHashes)
            where unsafe slots.find(hash, names + entry.offset, length: entry.length) == nil {
                let kind = Self.firstClass + UInt16(entry.classIndex)
                unsafe slots.insert(hash, names + entry.offset, length: entry.length, kind: kind, used: &used)
            }
            for suffix in suffixes
            where unsafe slots.find(suffix.hash, names + suffix.offset, length: suffix.length) == nil {
                unsafe slots.insert(
                    suffix.hash,
                    names + suffix.offset,
                    length: suffix.length,
                    kind: Self.interior,
                    used: &used
                )
            }
        }
        longNamesLength = used
    }

    /// A table whose slots are in a file's lookup-index section (`LookupIndexSection` validated them).
    init(
        mappedFrom file: TrieFile,
        control: UnsafeRawPointer,
        records: UnsafeRawPointer,
        longNames: UnsafeRawPointer,
        longNamesLength: Int,
        capacity: Int,
        pages: RecordPages
    ) {
        unsafe slots = Slots(
            control: UnsafeMutablePointer(mutating: control.assumingMemoryBound(to: UInt8.self)),
            records: UnsafeMutablePointer(mutating: records.assumingMemoryBound(to: UInt8.self)),
            longNames: UnsafeMutablePointer(mutating: longNames.assumingMemoryBound(to: UInt8.self)),
            longNamesLimit: longNamesLength,
            capacity: capacity,
            pages: pages
        )
        self.longNamesLength = longNamesLength
        byteCount = 0
        mappedFile = file
        self.pages = pages
    }

    deinit {
        // A mapped table's memory belongs to the file's mapping.
        guard mappedFile == nil else { return }
        unsafe slots.control.deallocate()
        unsafe slots.records.deallocate()
        unsafe slots.longNames.deallocate()
    }

    /// Checks every record page of a mapped table against its checksum (`PreloadList.verify()`); lookups check each
    /// page only when they first read it.
    ///
    /// - Throws: `TrieFileError.corrupt` naming the first damaged page.
    func verifyRecordPages() throws(TrieFileError) {
        guard let checksums = unsafe slots.pageChecksums, let bits = unsafe slots.verifiedPages,
            let broken = unsafe slots.brokenFlag
        else { return }
        let recordsLength = capacity * Self.recordSize
        for page in 0..<RecordPages.pageCount(recordsLength: recordsLength) {
            let intact = unsafe RecordPages.verify(
                slot: page << RecordPages.slotsPerPageShift,
                records: slots.records,
                recordsLength: recordsLength,
                checksums: checksums,
                verified: bits,
                broken: broken
            )
            if !intact { throw .corrupt("lookup-index section: record page \(page) does not match its checksum") }
        }
    }

    /// What the file's block search finds for an entry's own name: `nil` when no host can reach the name at all (it
    /// is not in canonical form), else the deepest match for it, which in a consistent file is the entry itself.
    private static func blockSearchMatch(ofOwnName name: [UInt8], in file: TrieFile) -> Match?? {
        HostNormalizer.withNormalized(name.span, verified: true) { normalized -> Match?? in
            guard case .valid(let host) = normalized, host.hasBytes(name) else { return Match??.none }
            return .some(file.deepestMatch(host, .whole))
        }
    }

    /// The control byte of a name with this hash: bit 7 (occupied) and the hash's low 7 bits.
    @inline(__always)
    private static func controlByte(_ hash: UInt64) -> UInt8 { 0x80 | UInt8(truncatingIfNeeded: hash & 0x7F) }

    // MARK: Hashing

    static let seed: UInt64 = 0x243F_6A88_85A3_08D3
    static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Folds the label `bytes[start..<end]` into `hash`, a word at a time; `bytes` must be readable 8 bytes past `end`.
    @inline(__always)
    static func fold(_ hash: UInt64, _ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> UInt64 {
        var h = (hash ^ UInt64(truncatingIfNeeded: end &- start)) &* multiplier
        var i = start
        while i < end {
            let word = unsafe UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self)
            h = (h ^ (word & WordBytes.low(end &- i))) &* multiplier
            h ^= h &>> 29
            i &+= 8
        }
        return h
    }

    /// The final mix of a folded hash: the slot index takes the high bits, the tag the low ones.
    @inline(__always)
    static func finish(_ hash: UInt64) -> UInt64 {
        var h = hash ^ (hash &>> 32)
        h = h &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h &>> 32)
    }

    /// The hash of the name `bytes[0..<length]`: its labels folded from the right, as a lookup folds a host's.
    static func hash(_ bytes: UnsafePointer<UInt8>, length: Int) -> UInt64 {
        var h = seed
        var end = length
        var i = length
        while i > 0 {
            i -= 1
            if unsafe bytes[i] == UInt8(ascii: ".") {
                h = unsafe fold(h, bytes, from: i + 1, to: end)
                end = i
            }
        }
        return finish(unsafe fold(h, bytes, from: 0, to: end))
    }
}

extension NameHashTable {
    /// The table's slots as raw pointers and masks: what lookups read.
    ///
    /// A value, so that a lookup holds no reference to count (a reference would be retained around the atomic reads
    /// of a mapped table's page bits).
    @safe struct Slots: @unchecked Sendable {
        // @unchecked: the pointers are read-only views of memory the table (or the file's mapping) keeps alive.
        let control: UnsafeMutablePointer<UInt8>
        let records: UnsafeMutablePointer<UInt8>
        let longNames: UnsafeMutablePointer<UInt8>
        /// Bytes of `longNames` a record's long name must lie inside, padding excluded.
        let longNamesLimit: Int
        let slotMask: Int
        let indexShift: UInt64
        /// For a mapped table: `RecordPages`' bits, broken flag and checksums.
        let verifiedPages: UnsafeMutablePointer<Atomic<UInt64>>?
        let brokenFlag: UnsafeMutablePointer<Atomic<Bool>>?
        let pageChecksums: UnsafeRawPointer?

        init(
            control: UnsafeMutablePointer<UInt8>,
            records: UnsafeMutablePointer<UInt8>,
            longNames: UnsafeMutablePointer<UInt8>,
            longNamesLimit: Int,
            capacity: Int,
            pages: RecordPages?
        ) {
            unsafe self.control = control
            unsafe self.records = records
            unsafe self.longNames = longNames
            self.longNamesLimit = longNamesLimit
            slotMask = capacity - 1
            indexShift = UInt64(64 - capacity.trailingZeroBitCount)
            unsafe verifiedPages = pages?.verified
            unsafe brokenFlag = pages?.broken
            unsafe pageChecksums = pages?.checksums
        }

        /// Whether a mapped table found a damaged record page: from then on its answers are not to be used.
        @inline(__always)
        var isBroken: Bool {
            guard let flag = unsafe brokenFlag else { return false }
            return unsafe flag.pointee.load(ordering: .relaxed)
        }

        /// The slot a name with this hash is tried in first: the hash's high bits.
        ///
        /// `indexShift` is 64 minus the log2 of the capacity (at least 16), so the masking shift never masks and the
        /// result fits an `Int`. Insertion and lookup share it, so they cannot disagree on where a name starts.
        @inline(__always)
        private func homeSlot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash &>> indexShift) }

        func insert(_ hash: UInt64, _ bytes: UnsafePointer<UInt8>, length: Int, kind: UInt16, used: inout Int) {
            var slot = homeSlot(hash)
            while unsafe control[slot] != 0 { slot = (slot &+ 1) & slotMask }
            let byte = NameHashTable.controlByte(hash)
            unsafe control[slot] = byte
            if slot < NameHashTable.groupWidth { unsafe control[slotMask + 1 + slot] = byte }
            let record = unsafe records + slot * NameHashTable.recordSize
            unsafe record[0] = UInt8(truncatingIfNeeded: kind)
            unsafe record[1] = UInt8(truncatingIfNeeded: kind >> 8)
            unsafe record[2] = UInt8(truncatingIfNeeded: length)
            if length <= NameHashTable.maximumInlineLength {
                unsafe (record + NameHashTable.recordHeader).update(from: bytes, count: length)
            } else {
                unsafe UnsafeMutableRawPointer(record + NameHashTable.longNameOffset).storeBytes(
                    of: UInt32(truncatingIfNeeded: used).littleEndian,
                    as: UInt32.self
                )
                unsafe (longNames + used).update(from: bytes, count: length)
                used += length
            }
        }

        /// The slots a name may be in, in probe order: up to the first empty slot, those with the name's control byte.
        ///
        /// The first is exact; later ones may include a few others (the bytes `WordBytes.zero` may select above a true
        /// match), which a record check rejects.
        private struct ProbeSequence {
            let pattern: UInt64
            /// The first slot of the group of 8 control bytes being read.
            var group: Int
            /// Candidates left in this group.
            var matches: UInt64 = 0
            /// Whether this group holds an empty slot, so the sequence ends with it.
            var endsHere = false
        }

        @inline(__always)
        private func probeSequence(_ hash: UInt64) -> ProbeSequence {
            var sequence = ProbeSequence(
                pattern: UInt64(NameHashTable.controlByte(hash)) &* WordBytes.ones,
                group: homeSlot(hash)
            )
            readGroup(&sequence)
            return sequence
        }

        @inline(__always)
        private func readGroup(_ sequence: inout ProbeSequence) {
            let group = unsafe UnsafeRawPointer(control + sequence.group).loadUnaligned(as: UInt64.self)
            // Occupied bytes have bit 7 set, so the empty ones are exactly those without it.
            let empties = ~group & WordBytes.highBits
            // The bytes below the first empty one: its bit minus one, which is every byte when there is none (0 - 1).
            let beforeEmpty = (empties & (0 &- empties)) &- 1
            sequence.matches = WordBytes.zero(group ^ sequence.pattern) & beforeEmpty
            sequence.endsHere = empties != 0
        }

        @inline(__always)
        private func next(_ sequence: inout ProbeSequence) -> Int? {
            while sequence.matches == 0 {
                if sequence.endsHere { return nil }
                sequence.group = (sequence.group &+ NameHashTable.groupWidth) & slotMask
                readGroup(&sequence)
            }
            let slot = (sequence.group &+ sequence.matches.trailingZeroBitCount &>> 3) & slotMask
            sequence.matches &= sequence.matches &- 1
            return slot
        }

        /// Where the name with `hash` is, if it is in the table at all and no other name with the same control byte
        /// comes first in its probe sequence; `nil` when it is certainly not in the table.
        @inline(__always)
        private func firstCandidate(_ hash: UInt64) -> Int? {
            var sequence = probeSequence(hash)
            return next(&sequence)
        }

        /// The kind of the slot holding the name `bytes[0..<length]`, or `nil`; `bytes` must be readable 8 bytes past
        /// `length`.
        @inline(__always)
        func find(_ hash: UInt64, _ bytes: UnsafePointer<UInt8>, length: Int) -> UInt16? {
            var sequence = probeSequence(hash)
            while let slot = next(&sequence) {
                if let kind = unsafe recordKind(slot, bytes, length: length) { return kind }
            }
            return nil
        }

        /// The kind of the record in `slot` if it holds the name `bytes[0..<length]`, else `nil`.
        @inline(__always)
        private func recordKind(_ slot: Int, _ bytes: UnsafePointer<UInt8>, length: Int) -> UInt16? {
            // A record of a file's section is read only once its page is known intact; a damaged page marks the table
            // broken and `deepestMatch` answers from the blocks instead.
            if let bits = unsafe verifiedPages, unsafe !RecordPages.isVerified(slot: slot, in: bits) {
                guard let checksums = unsafe pageChecksums, let broken = unsafe brokenFlag,
                    unsafe RecordPages.verify(
                        slot: slot,
                        records: records,
                        recordsLength: (slotMask &+ 1) &* NameHashTable.recordSize,
                        checksums: checksums,
                        verified: bits,
                        broken: broken
                    )
                else { return nil }
            }
            let record = unsafe records + slot &* NameHashTable.recordSize
            guard Int(unsafe record[2]) == length else { return nil }
            let name: UnsafeMutablePointer<UInt8>
            if length <= NameHashTable.maximumInlineLength {
                unsafe name = record + NameHashTable.recordHeader
            } else {
                let offset = Int(
                    UInt32(
                        littleEndian: unsafe UnsafeRawPointer(record + NameHashTable.longNameOffset).loadUnaligned(
                            as: UInt32.self
                        )
                    )
                )
                // Only a crafted section can point outside the arena (the page checksum catches damage).
                guard offset <= longNamesLimit &- length else { return nil }
                unsafe name = longNames + offset
            }
            var different: UInt64 = 0
            var start = 0
            while start < length {
                let x = unsafe UnsafeRawPointer(bytes + start).loadUnaligned(as: UInt64.self)
                let y = unsafe UnsafeRawPointer(name + start).loadUnaligned(as: UInt64.self)
                different |= (x ^ y) & WordBytes.low(length &- start)
                start &+= 8
            }
            if different != 0 { return nil }
            return unsafe UInt16(record[0]) | UInt16(record[1]) &<< 8
        }

        // MARK: Lookup

        /// The most specific entry whose name is `name` (the host or one of its parents) or a parent of it at a label
        /// boundary (Chromium's rule): `TrieFile.deepestMatch` without decoding anything.
        ///
        /// The walk starts at the TLD and reads only control bytes on its way down: it goes on while a suffix may be in
        /// the table, and stops at `name` or at the first suffix that is certainly not (neither an entry nor interior).
        /// Then one record check settles the deepest suffix it reached, or two when that is interior (`x.co.uk`); only
        /// when they do not (a control-byte collision, two interior names in a row) does `exactWalk` check every
        /// suffix. `host.bytes` must be readable 8 bytes past the host's end (the lookup's scratch buffer is).
        // `always`, a guarantee, not the hint `__always` is: as a call, the optional match would come back through
        // memory.
        @inline(always)
        func deepestMatch(_ host: ScratchHost, _ name: ScratchHost.Name) -> Match? {
            walk(host, name)
        }

        /// `deepestMatch` from the slots alone.
        @inline(always)
        private func walk(_ host: ScratchHost, _ name: ScratchHost.Name) -> Match? {
            var h = NameHashTable.seed
            var labelEnd = host.length
            var k = host.dotCount
            var deepestSlot = -1
            var deepestStart = 0
            // The suffix one label shorter, for a deepest suffix that is interior (`x.co.uk` stops at `co.uk`).
            var parentSlot = -1
            var parentStart = 0
            while k >= name.firstDot {
                let labelStart = k == 0 ? 0 : Int(unsafe host.dots[k &- 1]) &+ 1
                h = unsafe NameHashTable.fold(h, host.bytes, from: labelStart, to: labelEnd)
                guard let slot = firstCandidate(NameHashTable.finish(h)) else { break }
                parentSlot = deepestSlot
                parentStart = deepestStart
                deepestSlot = slot
                deepestStart = labelStart
                labelEnd = labelStart &- 1
                k &-= 1
            }
            if deepestSlot < 0 { return nil }
            let length = host.length &- deepestStart
            if let kind = unsafe recordKind(deepestSlot, host.bytes + deepestStart, length: length) {
                if let match = Self.entry(kind, length: length) { return match }
                // The TLD itself, interior: nothing above it to match.
                if k &+ 1 == host.dotCount { return nil }
                // Interior: the suffix one label shorter decides if it is an entry; if it is the TLD and interior too,
                // nothing matches.
                let parentLength = host.length &- parentStart
                if let parentKind = unsafe recordKind(parentSlot, host.bytes + parentStart, length: parentLength) {
                    if let match = Self.entry(parentKind, length: parentLength) { return match }
                    if k &+ 2 == host.dotCount { return nil }
                }
            }
            return exactWalk(host, name)
        }

        /// The match a record of this kind makes for a suffix of `length` bytes: `nil` for an interior name.
        @inline(__always)
        private static func entry(_ kind: UInt16, length: Int) -> Match? {
            kind >= firstClass ? Match(nameLength: length, classIndex: Int(kind &- firstClass)) : nil
        }

        /// `deepestMatch` checking every suffix's record on the way: the path for the rare walk whose deepest suffix is
        /// interior or a collision.
        private func exactWalk(_ host: ScratchHost, _ name: ScratchHost.Name) -> Match? {
            var deepest: Match? = nil
            var h = NameHashTable.seed
            var labelEnd = host.length
            var k = host.dotCount
            while k >= name.firstDot {
                let labelStart = k == 0 ? 0 : Int(unsafe host.dots[k &- 1]) &+ 1
                h = unsafe NameHashTable.fold(h, host.bytes, from: labelStart, to: labelEnd)
                let length = host.length &- labelStart
                guard let kind = unsafe find(NameHashTable.finish(h), host.bytes + labelStart, length: length) else {
                    break
                }
                if let match = Self.entry(kind, length: length) { deepest = match }
                labelEnd = labelStart &- 1
                k &-= 1
            }
            return deepest
        }
    }
}
