/// UTS #46 ToASCII as the WHATWG URL Standard and Chromium use it, on Unicode 15.0.0 data (`IDNAData`).
///
/// Options: non-transitional processing (deviation characters such as `ß` and ZWJ are kept), UseSTD3ASCIIRules=false
/// (ASCII punctuation passes; the URL parser rejects forbidden domain code points afterwards), CheckHyphens=false,
/// CheckBidi=true, VerifyDnsLength=false (empty and long labels are left to Chromium's HSTS canonicalization).
/// CheckJoiners (CONTEXTJ) is not applied: Chromium opens ICU's UTS #46 converter without `UIDNA_CHECK_CONTEXTJ`
/// (url/url_idna_icu.cc), so ZWJ and ZWNJ pass wherever they are valid.
enum UTS46 {
    /// The ASCII form of `input` (labels joined by `.`, each Unicode label as an `xn--` A-label), or `nil` when
    /// processing records an error: a disallowed code point, invalid punycode, a label that is not NFC or starts with
    /// a combining mark, or a Bidi rule violation.
    static func toASCII(_ input: [Unicode.Scalar]) -> [UInt8]? {
        let tables = IDNATables.shared
        var mapped: [Unicode.Scalar] = []
        mapped.reserveCapacity(input.count)
        for scalar in input {
            switch tables.status(of: scalar) {
            case .valid: mapped.append(scalar)
            case .ignored: break
            case .mapped(let range): mapped.append(contentsOf: tables.pool[range])
            case .disallowed: return nil
            }
        }
        let normalized = NFC.normalize(mapped, tables)
        var labels = normalized.split(separator: ".", omittingEmptySubsequences: false).map(Array.init)
        for index in labels.indices where labels[index].starts(with: ["x", "n", "-", "-"]) {
            let body = labels[index].dropFirst(4)
            // An A-label must be ASCII, decode, hold a non-ASCII code point (else it is a disguised ASCII label, an
            // error from UTS #46 15.1 on, applied here too) and be NFC.
            guard body.allSatisfy(\.isASCII),
                let decoded = Punycode.decode(body.map { UInt8(truncatingIfNeeded: $0.value) }),
                !decoded.allSatisfy(\.isASCII),
                NFC.normalize(decoded, tables) == decoded
            else { return nil }
            labels[index] = decoded
        }
        for label in labels where !isValid(label, tables) { return nil }
        if labels.contains(where: { $0.contains { isRightToLeft(tables.bidiClass(of: $0)) } }) {
            for label in labels where !label.isEmpty && !satisfiesBidiRule(label, tables) { return nil }
        }
        var result: [UInt8] = []
        for (index, label) in labels.enumerated() {
            if index > 0 { result.append(UInt8(ascii: ".")) }
            if label.allSatisfy(\.isASCII) {
                result.append(contentsOf: label.map { UInt8(truncatingIfNeeded: $0.value) })
            } else {
                guard let encoded = Punycode.encode(label) else { return nil }
                result.append(contentsOf: "xn--".utf8)
                result.append(contentsOf: encoded)
            }
        }
        return result
    }

    /// UTS #46 validity criteria without CheckHyphens and CheckJoiners: no leading combining mark, every code point
    /// valid (deviations included), no `.` (a decoded A-label could hold one).
    private static func isValid(_ label: [Unicode.Scalar], _ tables: IDNATables) -> Bool {
        if let first = label.first, tables.isMark(first) { return false }
        for scalar in label {
            if scalar == "." || tables.status(of: scalar) != .valid { return false }
        }
        return true
    }

    private static func isRightToLeft(_ bidiClass: UInt8) -> Bool {
        bidiClass == UInt8(ascii: "R") || bidiClass == UInt8(ascii: "A") || bidiClass == UInt8(ascii: "N")
    }

    /// The Bidi rule of RFC 5893 section 2, for every label of a domain that has a right-to-left label.
    private static func satisfiesBidiRule(_ label: [Unicode.Scalar], _ tables: IDNATables) -> Bool {
        let classes = label.map { tables.bidiClass(of: $0) }
        guard let first = classes.first else { return true }
        let lastNonMark = classes.last { $0 != UInt8(ascii: "M") }
        func isAny(_ value: UInt8, _ allowed: String) -> Bool { allowed.utf8.contains(value) }
        switch first {
        case UInt8(ascii: "R"), UInt8(ascii: "A"):
            // Rules 2 to 4: right-to-left label.
            guard classes.allSatisfy({ isAny($0, "RANESCTOBM") }) else { return false }
            guard let last = lastNonMark, isAny(last, "RAEN") else { return false }
            return !(classes.contains(UInt8(ascii: "E")) && classes.contains(UInt8(ascii: "N")))
        case UInt8(ascii: "L"):
            // Rules 5 and 6: left-to-right label.
            guard classes.allSatisfy({ isAny($0, "LESCTOBM") }) else { return false }
            guard let last = lastNonMark, isAny(last, "LE") else { return false }
            return true
        default:
            return false
        }
    }
}

/// Unicode Normalization Form C (canonical decomposition, canonical ordering, canonical composition) on the data
/// of `IDNATables`, with Hangul syllables composed and decomposed algorithmically.
enum NFC {
    private static let hangulSBase: UInt32 = 0xAC00
    private static let hangulLBase: UInt32 = 0x1100
    private static let hangulVBase: UInt32 = 0x1161
    private static let hangulTBase: UInt32 = 0x11A7
    private static let hangulLCount: UInt32 = 19
    private static let hangulVCount: UInt32 = 21
    private static let hangulTCount: UInt32 = 28
    private static let hangulNCount: UInt32 = 21 * 28
    private static let hangulSCount: UInt32 = 19 * 21 * 28

    /// The NFC form of `input`.
    static func normalize(_ input: [Unicode.Scalar], _ tables: IDNATables) -> [Unicode.Scalar] {
        if input.allSatisfy(\.isASCII) { return input }
        var decomposed: [Unicode.Scalar] = []
        decomposed.reserveCapacity(input.count)
        for scalar in input { decompose(scalar, into: &decomposed, tables) }
        // Canonical ordering: a stable sort of each run of non-starters by combining class.
        var classes = decomposed.map { tables.combiningClass(of: $0) }
        var i = 0
        while i < decomposed.count {
            guard classes[i] != 0 else {
                i += 1
                continue
            }
            var end = i
            while end < decomposed.count && classes[end] != 0 { end += 1 }
            if end - i > 1 {
                let run = zip(decomposed[i..<end], classes[i..<end]).enumerated().sorted {
                    ($0.element.1, $0.offset) < ($1.element.1, $1.offset)
                }
                for (k, item) in run.enumerated() {
                    decomposed[i + k] = item.element.0
                    classes[i + k] = item.element.1
                }
            }
            i = end
        }
        // Canonical composition.
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(decomposed.count)
        var starter: Int?
        var lastClass: UInt8 = 0
        for (scalar, combiningClass) in zip(decomposed, classes) {
            if let starter {
                let adjacent = starter == output.count - 1
                let blocked = !adjacent && (lastClass == 0 || lastClass >= combiningClass)
                if !blocked, let composite = compose(output[starter], scalar, tables) {
                    output[starter] = composite
                    continue
                }
            }
            if combiningClass == 0 { starter = output.count }
            lastClass = combiningClass
            output.append(scalar)
        }
        return output
    }

    private static func decompose(_ scalar: Unicode.Scalar, into output: inout [Unicode.Scalar], _ tables: IDNATables) {
        let value = scalar.value
        if value >= hangulSBase && value < hangulSBase + hangulSCount {
            let index = value - hangulSBase
            output.append(Unicode.Scalar(hangulLBase + index / hangulNCount) ?? scalar)
            output.append(Unicode.Scalar(hangulVBase + (index % hangulNCount) / hangulTCount) ?? scalar)
            if index % hangulTCount != 0 {
                output.append(Unicode.Scalar(hangulTBase + index % hangulTCount) ?? scalar)
            }
            return
        }
        guard let parts = tables.decomposition(of: scalar) else {
            output.append(scalar)
            return
        }
        for part in parts { decompose(part, into: &output, tables) }
    }

    private static func compose(
        _ first: Unicode.Scalar,
        _ second: Unicode.Scalar,
        _ tables: IDNATables
    )
        -> Unicode.Scalar?
    {
        let a = first.value
        let b = second.value
        if a >= hangulLBase && a < hangulLBase + hangulLCount && b >= hangulVBase && b < hangulVBase + hangulVCount {
            return Unicode.Scalar(hangulSBase + ((a - hangulLBase) * hangulVCount + (b - hangulVBase)) * hangulTCount)
        }
        if a >= hangulSBase && a < hangulSBase + hangulSCount && (a - hangulSBase) % hangulTCount == 0
            && b > hangulTBase && b < hangulTBase + hangulTCount
        {
            return Unicode.Scalar(a + (b - hangulTBase))
        }
        return tables.composition(of: first, second)
    }
}
