import CBundledData
import HSTSMechanisms
import HSTSPreload

/// The files of `data/` embedded in the binary (Sources/CBundledData), so that an installed `hstsq` is one file.
enum BundledData {
    /// The bundled compiled list, `data/preload-2026-06-01.hstsq`, opened in place: the embedded bytes are read
    /// where the linker put them (no copy on the heap), so only the pages the checksum and lookups touch are resident.
    static func compiledList() throws(TrieFileError) -> PreloadList {
        guard let start = unsafe hstsq_bundled_list_pointer() else { throw .truncated(offset: 0, needed: 1) }
        let bytes = unsafe UnsafeRawBufferPointer(start: start, count: hstsq_bundled_list_size)
        return try PreloadList(file: unsafe TrieFile(borrowingForever: bytes))
    }

    /// The Public Suffix List, `data/public_suffix_list.dat`.
    static var publicSuffixList: [UInt8] {
        unsafe copy(hstsq_bundled_public_suffix_list_pointer(), count: hstsq_bundled_public_suffix_list_size)
    }

    /// The top-level domains of `$HSTSQ_PSL`, else of the embedded Public Suffix List: what `check` and `serve` tell
    /// unique names from non-unique ones by.
    ///
    /// The embedded list's are a table generated at build time (`TopLevelDomains.bundled`), so that nothing is parsed
    /// at start-up; only `$HSTSQ_PSL` is read and parsed.
    static func topLevelDomains() throws -> TopLevelDomains {
        if let file = ListLocator.override("HSTSQ_PSL") {
            return TopLevelDomains(publicSuffixList: try ListLocator.readFile(file))
        }
        return .bundled
    }

    /// The bytes of a C array the linker placed in the binary's read-only data; they live as long as the process.
    private static func copy(_ start: UnsafePointer<UInt8>?, count: Int) -> [UInt8] {
        guard let start = unsafe start else { return [] }
        return unsafe Array(UnsafeBufferPointer(start: start, count: count))
    }
}
