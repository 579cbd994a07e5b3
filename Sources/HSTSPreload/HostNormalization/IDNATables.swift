/// The Unicode data of `IDNAData`, decoded once on first use: the UTS #46 mapping, what NFC needs (combining
/// classes, canonical decompositions and compositions), general category Mark and Bidi_Class.
struct IDNATables: Sendable {
    /// A code point's UTS #46 status, for non-transitional processing with UseSTD3ASCIIRules=false.
    enum Status: Equatable {
        case valid
        case ignored
        /// Replaced by the scalars `pool[range]`.
        case mapped(Range<Int>)
        case disallowed
    }

    /// The tables, decoded on first use (about a millisecond).
    static let shared = IDNATables()

    private var mappingStarts: [UInt32] = []
    private var mappingKinds: [UInt8] = []
    private var mappingRanges: [Range<Int>] = []
    /// The scalars mapped code points become.
    private(set) var pool: [Unicode.Scalar] = []
    private var combiningRuns: [(start: UInt32, end: UInt32, value: UInt8)] = []
    private var decompositions: [UInt32: [Unicode.Scalar]] = [:]
    private var compositions: [UInt64: Unicode.Scalar] = [:]
    private var markRuns: [(start: UInt32, end: UInt32)] = []
    private var bidiStarts: [UInt32] = []
    private var bidiValues: [UInt8] = []

    private init() {
        for record in Self.records(IDNAData.mapping) {
            guard let kindIndex = record.firstIndex(where: { !Self.isHex($0) }) else { continue }
            mappingStarts.append(Self.hex(record[..<kindIndex]))
            mappingKinds.append(record[kindIndex])
            let start = pool.count
            if record[kindIndex] == UInt8(ascii: "M") {
                for part in record[(kindIndex + 1)...].split(separator: UInt8(ascii: ",")) {
                    pool.append(Self.scalar(Self.hex(part)))
                }
            }
            mappingRanges.append(start..<pool.count)
        }
        for record in Self.records(IDNAData.combiningClasses) {
            let (range, value) = Self.splitOnce(record, UInt8(ascii: ":"))
            let (start, end) = Self.splitOnce(range, UInt8(ascii: "-"))
            combiningRuns.append((Self.hex(start), Self.hex(end), UInt8(truncatingIfNeeded: Self.decimal(value))))
        }
        for record in Self.records(IDNAData.decompositions) {
            let (code, parts) = Self.splitOnce(record, UInt8(ascii: ":"))
            decompositions[Self.hex(code)] = parts.split(separator: UInt8(ascii: ",")).map { Self.scalar(Self.hex($0)) }
        }
        var excluded: [(UInt32, UInt32)] = []
        for record in Self.records(IDNAData.compositionExclusions) {
            let (start, end) = Self.splitOnce(record, UInt8(ascii: "-"))
            excluded.append((Self.hex(start), Self.hex(end)))
        }
        for (code, parts) in decompositions where parts.count == 2 {
            if excluded.contains(where: { $0.0 <= code && code <= $0.1 }) { continue }
            compositions[UInt64(parts[0].value) << 32 | UInt64(parts[1].value)] = Self.scalar(code)
        }
        for record in Self.records(IDNAData.marks) {
            let (start, end) = Self.splitOnce(record, UInt8(ascii: "-"))
            markRuns.append((Self.hex(start), Self.hex(end)))
        }
        for record in Self.records(IDNAData.bidiClasses) {
            let (start, value) = Self.splitOnce(record, UInt8(ascii: ":"))
            bidiStarts.append(Self.hex(start))
            bidiValues.append(value.first ?? UInt8(ascii: "x"))
        }
    }

    /// The UTS #46 status of `scalar`.
    func status(of scalar: Unicode.Scalar) -> Status {
        let index = Self.lastIndex(in: mappingStarts, notAbove: scalar.value)
        switch mappingKinds[index] {
        case UInt8(ascii: "V"): return .valid
        case UInt8(ascii: "I"): return .ignored
        case UInt8(ascii: "M"): return .mapped(mappingRanges[index])
        default: return .disallowed
        }
    }

    /// The canonical combining class.
    func combiningClass(of scalar: Unicode.Scalar) -> UInt8 {
        var low = 0
        var high = combiningRuns.count
        while low < high {
            let mid = (low + high) / 2
            if combiningRuns[mid].end < scalar.value { low = mid + 1 } else { high = mid }
        }
        guard low < combiningRuns.count, combiningRuns[low].start <= scalar.value else { return 0 }
        return combiningRuns[low].value
    }

    /// The one-level canonical decomposition (Hangul syllables are decomposed algorithmically by `NFC`).
    func decomposition(of scalar: Unicode.Scalar) -> [Unicode.Scalar]? { decompositions[scalar.value] }

    /// The primary composite of a pair (Hangul excepted).
    func composition(of first: Unicode.Scalar, _ second: Unicode.Scalar) -> Unicode.Scalar? {
        compositions[UInt64(first.value) << 32 | UInt64(second.value)]
    }

    /// Whether the scalar's general category is Mark (Mn, Mc, Me).
    func isMark(_ scalar: Unicode.Scalar) -> Bool {
        var low = 0
        var high = markRuns.count
        while low < high {
            let mid = (low + high) / 2
            if markRuns[mid].end < scalar.value { low = mid + 1 } else { high = mid }
        }
        return low < markRuns.count && markRuns[low].start <= scalar.value
    }

    /// The Bidi_Class as `IDNAData.bidiClasses` codes it (`L`, `R`, `A` for AL, `N` for AN, …).
    func bidiClass(of scalar: Unicode.Scalar) -> UInt8 {
        bidiValues[Self.lastIndex(in: bidiStarts, notAbove: scalar.value)]
    }

    // MARK: Decoding the records

    private static func records(_ text: String) -> [ArraySlice<UInt8>] {
        Array(text.utf8).split(separator: UInt8(ascii: " "))
    }

    private static func lastIndex(in starts: [UInt32], notAbove value: UInt32) -> Int {
        var low = 0
        var high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return max(low - 1, 0)
    }

    private static func splitOnce(
        _ bytes: ArraySlice<UInt8>,
        _ separator: UInt8
    ) -> (
        ArraySlice<UInt8>, ArraySlice<UInt8>
    ) {
        guard let index = bytes.firstIndex(of: separator) else { return (bytes, bytes[bytes.endIndex...]) }
        return (bytes[..<index], bytes[(index + 1)...])
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }

    private static func hex(_ bytes: some Collection<UInt8>) -> UInt32 {
        var value: UInt32 = 0
        for byte in bytes {
            let digit = byte <= UInt8(ascii: "9") ? byte &- UInt8(ascii: "0") : byte &- UInt8(ascii: "A") &+ 10
            value = value &* 16 &+ UInt32(digit)
        }
        return value
    }

    private static func decimal(_ bytes: some Collection<UInt8>) -> Int {
        bytes.reduce(0) { $0 &* 10 &+ Int($1 &- UInt8(ascii: "0")) }
    }

    private static func scalar(_ value: UInt32) -> Unicode.Scalar {
        Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}
