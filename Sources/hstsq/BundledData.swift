import CBundledData
import HSTSMechanisms

/// The files of `data/` embedded in the binary (Sources/CBundledData), so that an installed `hstsq` is one file.
enum BundledData {
    /// The bundled compiled list, `data/preload-2026-06-01.hstsq`.
    static var compiledList: [UInt8] {
        unsafe copy(hstsq_bundled_list_pointer(), count: hstsq_bundled_list_size)
    }

    /// The Public Suffix List, `data/public_suffix_list.dat`.
    static var publicSuffixList: [UInt8] {
        unsafe copy(hstsq_bundled_public_suffix_list_pointer(), count: hstsq_bundled_public_suffix_list_size)
    }

    /// The top-level domains of `$HSTSQ_PSL`, else of the embedded Public Suffix List: what `check` and `serve` tell
    /// unique names from non-unique ones by. The embedded list's are a table generated at build time
    /// (`TopLevelDomains.bundled`), so that nothing is parsed at start-up; only `$HSTSQ_PSL` is read and parsed.
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
