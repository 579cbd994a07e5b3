import Synchronization

/// Which record pages of a file's lookup-index section have been checked against their checksums.
///
/// The records are most of the section (32 bytes per slot), so opening does not read them: each 4 KiB page is
/// checked the first time a lookup reads a record in it, and a page that does not match marks the whole table
/// broken, after which lookups answer from the file's blocks. Damage therefore never changes an answer, and a
/// short-lived process pays only for the pages it touches.
@safe final class RecordPages: @unchecked Sendable {
    // @unchecked: `verified` is only read and written through atomics; the other pointers are read-only views of the
    // mapping, which the owning `TrieFile` keeps alive.
    static let pageSize = 4096
    static let slotsPerPageShift = 7  // 4096 / NameHashTable.recordSize = 128 slots per page

    /// One bit per page, set once the page matched its checksum; the table keeps a copy of the pointer, so the hot
    /// path reads the bits without touching this object (and its reference count).
    let verified: UnsafeMutablePointer<Atomic<UInt64>>
    private let wordCount: Int
    /// Set when a page fails its check; pointed to by the table, as `verified` is.
    let broken: UnsafeMutablePointer<Atomic<Bool>>
    /// The section's page checksum table (little-endian u64 per page).
    let checksums: UnsafeRawPointer
    let recordsLength: Int

    /// Pages of `recordsLength` bytes of records, with their checksums at `checksums`.
    init(checksums: UnsafeRawPointer, recordsLength: Int) {
        unsafe self.checksums = checksums
        self.recordsLength = recordsLength
        let pages = (recordsLength + Self.pageSize - 1) / Self.pageSize
        wordCount = (pages + 63) / 64
        unsafe verified = .allocate(capacity: wordCount)
        for i in 0..<wordCount { unsafe (verified + i).initialize(to: Atomic(0)) }
        unsafe broken = .allocate(capacity: 1)
        unsafe broken.initialize(to: Atomic(false))
    }

    deinit {
        unsafe verified.deinitialize(count: wordCount)
        unsafe verified.deallocate()
        unsafe broken.deinitialize(count: 1)
        unsafe broken.deallocate()
    }

    /// Number of pages.
    static func pageCount(recordsLength: Int) -> Int { (recordsLength + pageSize - 1) / pageSize }

    /// Whether the page holding `slot`'s record has been checked and matched, in the bits at `verified`.
    @inline(__always)
    static func isVerified(slot: Int, in verified: UnsafeMutablePointer<Atomic<UInt64>>) -> Bool {
        let page = slot &>> slotsPerPageShift
        return unsafe verified[page &>> 6].load(ordering: .relaxed) & (1 &<< UInt64(page & 63)) != 0
    }

    /// Checks the page holding `slot`'s record against its checksum; marks it verified, or the table broken.
    ///
    /// Static over raw pointers (the table holds copies of them), so that the lookup that calls it retains nothing.
    /// Two threads may check the same page at once: both compute the same result, and setting a bit is idempotent.
    @inline(__always)
    static func verify(
        slot: Int,
        records: UnsafePointer<UInt8>,
        recordsLength: Int,
        checksums: UnsafeRawPointer,
        verified: UnsafeMutablePointer<Atomic<UInt64>>,
        broken: UnsafeMutablePointer<Atomic<Bool>>
    ) -> Bool {
        let page = slot &>> slotsPerPageShift
        let start = page * pageSize
        let length = min(pageSize, recordsLength - start)
        let expected = UInt64(littleEndian: unsafe checksums.loadUnaligned(fromByteOffset: 8 * page, as: UInt64.self))
        let actual = unsafe TrieChecksum.compute(
            UnsafeRawBufferPointer(start: records + start, count: length),
            skipping: -8
        )
        guard actual == expected else {
            unsafe broken.pointee.store(true, ordering: .relaxed)
            return false
        }
        unsafe verified[page &>> 6].bitwiseOr(1 &<< UInt64(page & 63), ordering: .relaxed)
        return true
    }
}
