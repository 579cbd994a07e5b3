/// A normalized, valid host in a lookup's stack buffer: its bytes, where its dots are, and room for a search key.
///
/// Normalization records the dots once; the search key, and every parent an any-ancestor or explaining lookup
/// walks up to, are built from them.
@safe struct ScratchHost {
    /// Buffer layout: host bytes (at most 253), search key (at most 252), dot positions (at most 252 before
    /// validation, one byte each).
    static let bufferSize = 768
    static let keyOffset = 256
    static let dotsOffset = 512

    // Three words, so that `HostNormalizer.Outcome` (the pointer's spare values tag its other cases) is returned in
    // registers; `dots` and `key` are derived from `bytes` rather than stored for that reason.
    let bytes: UnsafePointer<UInt8>
    let length: Int
    let dotCount: Int
    /// Positions of the host's dots, in order.
    var dots: UnsafePointer<UInt8> { unsafe bytes + Self.dotsOffset }
    /// Scratch for the search key.
    var key: UnsafeMutablePointer<UInt8> { unsafe UnsafeMutablePointer(mutating: bytes + Self.keyOffset) }

    /// A name that ends where the host ends: the host itself or one of its parents.
    struct Name {
        /// Where the name starts in the host.
        let start: Int
        /// Index in `dots` of the name's first dot (`dotCount` when the name is one label).
        let firstDot: Int

        static let whole = Name(start: 0, firstDot: 0)
    }

    /// The host normalized into `buffer` (`bufferSize` bytes, laid out as above).
    init(buffer: UnsafeMutablePointer<UInt8>, length: Int, dotCount: Int) {
        unsafe bytes = UnsafePointer(buffer)
        self.length = length
        self.dotCount = dotCount
    }

    /// Whether the host's bytes are exactly `name`.
    func hasBytes(_ name: [UInt8]) -> Bool {
        guard name.count == length else { return false }
        for i in 0..<length where unsafe bytes[i] != name[i] { return false }
        return true
    }

    /// The parent of the name that is the host's last `nameLength` bytes, or `nil` when that name is one label.
    func parent(ofNameOfLength nameLength: Int) -> Name? {
        let start = length - nameLength
        var i = 0
        while i < dotCount, Int(unsafe dots[i]) < start { i += 1 }
        guard i < dotCount else { return nil }
        return Name(start: Int(unsafe dots[i]) + 1, firstDot: i + 1)
    }
}
