/// Every entry name of a trie file in an in-memory open-addressing hash table, for lookups that probe one slot per
/// label of the host instead of searching the file's compressed blocks.
///
/// Built from the file on request (`PreloadList.LookupIndex.hashTable`): the file stays the compact, checksummed
/// form on disk; the table trades memory (an 8-byte slot per name and per interior suffix, at most half full,
/// plus the names' bytes) for lookups that decode nothing.
///
/// A lookup hashes the host's labels from the right, so the hash of each parent comes for free on the way to the
/// host itself, and probes each parent in turn. Besides the entries, the table holds every proper suffix of an
/// entry name at a label boundary ("interior" slots): a parent that is neither stops the walk, since nothing
/// below it can be an entry.
@safe package final class NameHashTable: @unchecked Sendable {
    // @unchecked: the table and the names are written once in init and freed in deinit.

    /// One slot in 64 bits, low to high: the name's offset in `names` (25 bits), its length (8), what it is (11:
    /// `empty`, `interior`, or `firstClass` plus the entry's class), and 20 bits of the hash as a tag, so that most
    /// slots of other names are passed over without reading their bytes.
    struct Slot {
        var bits: UInt64

        static let lengthShift: UInt64 = 25
        static let kindShift: UInt64 = 33
        static let tagShift: UInt64 = 44
        static let maximumOffset = 1 << 25
        /// The bits a probe compares: tag and length.
        static let tagAndLengthMask: UInt64 = 0xF_FFFF << tagShift | 0xFF << lengthShift

        init(tag: UInt64, offset: Int, length: Int, kind: UInt16) {
            bits = UInt64(offset) | UInt64(kind) << Self.kindShift | Self.tagAndLength(tag, length)
        }

        var offset: Int { Int(truncatingIfNeeded: bits & UInt64(Self.maximumOffset - 1)) }
        var kind: UInt16 { UInt16(truncatingIfNeeded: (bits &>> Self.kindShift) & 0x7FF) }
        var tagAndLength: UInt64 { bits & Self.tagAndLengthMask }

        static func tagAndLength(_ hash: UInt64, _ length: Int) -> UInt64 {
            (hash << tagShift | UInt64(truncatingIfNeeded: length) << lengthShift) & tagAndLengthMask
        }
    }

    static let empty: UInt16 = 0
    static let interior: UInt16 = 1
    static let firstClass: UInt16 = 2
    /// Padding after the names, so a comparison may read a whole 8-byte word past a name's end.
    static let namesPadding = 8

    private let slots: UnsafeMutablePointer<Slot>
    private let slotCount: Int
    private let indexShift: UInt64
    private let names: UnsafeMutablePointer<UInt8>
    /// Bytes the table holds: its slots and the names.
    package let byteCount: Int

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
            // A name no host reaches (not in normalized form, an IP literal) is left out, as lookups skip it too;
            // every other must be what the block search finds for it, or a crafted file would answer differently
            // here than through its blocks.
            guard let found = file.searchOwnName(name) else { return }
            guard found == TrieFile.Match(nameLength: name.count, classIndex: classIndex) else {
                throw .corrupt(
                    "entry \(index) '\(String(decoding: name, as: UTF8.self))': the block search does not find it"
                )
            }
            guard classIndex < TrieFileFormat.maximumClassCount else {
                throw .corrupt("entry \(index): class \(classIndex) out of range")
            }
            guard nameBytes.count + name.count < Slot.maximumOffset - Self.namesPadding else {
                throw .corrupt("entry \(index): names too large for an in-memory table")
            }
            entries.append((nameBytes.count, name.count, classIndex))
            nameBytes.append(contentsOf: name)
        }
        nameBytes.append(contentsOf: repeatElement(0, count: Self.namesPadding))
        let names = UnsafeMutablePointer<UInt8>.allocate(capacity: nameBytes.count)
        unsafe names.initialize(from: nameBytes, count: nameBytes.count)
        unsafe self.names = names
        // Each interior candidate (a proper suffix at a label boundary) is hashed once; distinct hashes count them
        // (a collision only undercounts by one), so the table is sized to stay at most half full, which keeps
        // probing short and always reaches an empty slot.
        var entryHashes: [UInt64] = []
        entryHashes.reserveCapacity(entries.count)
        var suffixes: [(hash: UInt64, offset: Int, length: Int)] = []
        for entry in entries {
            entryHashes.append(unsafe Self.hash(names + entry.offset, length: entry.length))
            for start in 0..<entry.length where unsafe names[entry.offset + start] == UInt8(ascii: ".") {
                let offset = entry.offset + start + 1
                let length = entry.length - start - 1
                if length > 0 { suffixes.append((unsafe Self.hash(names + offset, length: length), offset, length)) }
            }
        }
        let distinctSuffixes = Set(suffixes.lazy.map(\.hash)).count
        var capacity = 16
        while capacity < 2 * (entries.count + distinctSuffixes) { capacity *= 2 }
        slotCount = capacity
        indexShift = UInt64(64 - capacity.trailingZeroBitCount)
        byteCount = capacity * MemoryLayout<Slot>.stride + nameBytes.count
        unsafe slots = .allocate(capacity: capacity)
        unsafe slots.initialize(repeating: Slot(tag: 0, offset: 0, length: 0, kind: Self.empty), count: capacity)
        // Entries first, so an interior slot never comes before an entry of the same name.
        for (entry, hash) in zip(entries, entryHashes) {
            insert(hash, offset: entry.offset, length: entry.length, kind: Self.firstClass + UInt16(entry.classIndex))
        }
        for suffix in suffixes where unsafe find(suffix.hash, names + suffix.offset, length: suffix.length) == nil {
            insert(suffix.hash, offset: suffix.offset, length: suffix.length, kind: Self.interior)
        }
    }

    deinit {
        unsafe slots.deallocate()
        unsafe names.deallocate()
    }

    private func insert(_ hash: UInt64, offset: Int, length: Int, kind: UInt16) {
        var i = Int(hash >> indexShift)
        while unsafe slots[i].kind != Self.empty { i = (i &+ 1) & (slotCount &- 1) }
        unsafe slots[i] = Slot(tag: hash, offset: offset, length: length, kind: kind)
    }

    /// The slot holding the name `bytes[0..<length]`, or `nil`; `bytes` must be readable 8 bytes past `length`.
    @inline(__always)
    private func find(_ hash: UInt64, _ bytes: UnsafePointer<UInt8>, length: Int) -> Slot? {
        var i = Int(hash >> indexShift)
        let wanted = Slot.tagAndLength(hash, length)
        while true {
            let slot = unsafe slots[i]
            if slot.kind == Self.empty { return nil }
            if slot.tagAndLength == wanted {
                if unsafe Self.equal(bytes, names + slot.offset, length) { return slot }
            }
            i = (i &+ 1) & (slotCount &- 1)
        }
    }

    /// Whether `a[0..<length]` equals `b[0..<length]`, a word at a time; both must be readable 8 bytes past `length`.
    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        var i = 0
        while i &+ 8 <= length {
            let x = unsafe UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self)
            let y = unsafe UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self)
            if x != y { return false }
            i &+= 8
        }
        if i == length { return true }
        let x = unsafe UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self)
        let y = unsafe UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self)
        return (x ^ y) & lowBytes(length &- i) == 0
    }

    /// A mask of the low `count` bytes of a word (all of them for 8 or more), without a branch.
    @inline(__always)
    private static func lowBytes(_ count: Int) -> UInt64 {
        UInt64.max &>> UInt64(truncatingIfNeeded: 64 &- 8 &* min(count, 8))
    }

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
            h = (h ^ (word & lowBytes(end &- i))) &* multiplier
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

    // MARK: Lookup

    /// The most specific entry whose name is `name` (the host or one of its parents) or a parent of it at a label
    /// boundary (Chromium's rule): `TrieFile.deepestMatch` without decoding anything.
    ///
    /// The walk starts at the TLD and stops at `name`, or at the first suffix that is neither an entry nor interior.
    /// `host.bytes` must be readable 8 bytes past the host's end (the lookup's scratch buffer is).
    @inline(__always)
    func deepestMatch(_ host: ScratchHost, _ name: ScratchHost.Name) -> TrieFile.Match? {
        var deepest: TrieFile.Match? = nil
        var h = Self.seed
        var labelEnd = host.length
        var k = host.dotCount
        while k >= name.firstDot {
            let labelStart = k == 0 ? 0 : Int(unsafe host.dots[k &- 1]) &+ 1
            h = unsafe Self.fold(h, host.bytes, from: labelStart, to: labelEnd)
            let length = host.length &- labelStart
            guard let slot = unsafe find(Self.finish(h), host.bytes + labelStart, length: length) else { break }
            if slot.kind >= Self.firstClass {
                deepest = TrieFile.Match(nameLength: length, classIndex: Int(slot.kind &- Self.firstClass))
            }
            labelEnd = labelStart &- 1
            k &-= 1
        }
        return deepest
    }
}
