/// A host name in the normalized form the preload list is matched against.
///
/// Normalization follows what a browser does before an HSTS lookup: ASCII lower-casing, removal of trailing dots,
/// Unicode labels converted to A-labels (RFC 3492 punycode with an `xn--` prefix). IDNA limits: Unicode labels are
/// lower-cased with Swift's full Unicode lower-casing and the ideographic full stops U+3002, U+FF0E and U+FF61 are
/// read as dots; there is no NFC/NFKC normalization, no UTS #46 mapping table, and no Bidi or ContextJ checks.
public struct HostName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The normalized host: lower-case ASCII labels of `a-z`, `0-9`, `-`, `_` joined by dots.
    public let value: String

    /// Normalizes and validates `text` as a host name.
    ///
    /// - Throws: `HostNameError` naming what is wrong.
    public init(_ text: some StringProtocol) throws(HostNameError) {
        var ascii: [UInt8] = []
        ascii.reserveCapacity(text.utf8.count)
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            ascii.append(contentsOf: text.utf8)
        } else {
            ascii = try HostName.toASCII(String(text))
        }
        try HostName.normalizeASCII(&ascii)
        value = String(decoding: ascii, as: UTF8.self)
    }

    /// Wraps a string already known to be normalized (the caller guarantees it).
    package init(normalized value: String) {
        self.value = value
    }

    /// The labels, from the leftmost to the top-level domain.
    public var labels: [Substring] { value.split(separator: ".", omittingEmptySubsequences: false) }

    /// One line, without the `hstsq: error:` prefix.
    public var description: String { value }

    /// Orders by the normalized text.
    public static func < (lhs: HostName, rhs: HostName) -> Bool { lhs.value < rhs.value }

    /// Lower-cases ASCII letters, strips trailing dots and validates labels in place.
    static func normalizeASCII(_ bytes: inout [UInt8]) throws(HostNameError) {
        while bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
        if bytes.isEmpty { throw .empty }
        for i in bytes.indices where bytes[i] >= UInt8(ascii: "A") && bytes[i] <= UInt8(ascii: "Z") {
            bytes[i] |= 0x20
        }
        if bytes.count > 253 { throw .tooLong(length: bytes.count) }
        var start = 0
        for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: ".") {
            try validateLabel(bytes[start..<end])
            start = end + 1
        }
    }

    static func validateLabel(_ label: ArraySlice<UInt8>) throws(HostNameError) {
        guard let first = label.first, let last = label.last else { throw .emptyLabel }
        let text = { String(decoding: label, as: UTF8.self) }
        if label.count > 63 { throw .labelTooLong(label: text()) }
        for byte in label where !HostName.isLabelByte(byte) {
            throw .invalidCharacter(Character(Unicode.Scalar(byte)), label: text())
        }
        if first == UInt8(ascii: "-") || last == UInt8(ascii: "-") { throw .hyphenAtLabelEdge(label: text()) }
    }

    /// Whether `byte` may appear in a normalized label.
    @inline(__always)
    static func isLabelByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    /// Converts a host containing non-ASCII characters to ASCII: Unicode lower-casing, ideographic dots, punycode.
    static func toASCII(_ text: String) throws(HostNameError) -> [UInt8] {
        var result: [UInt8] = []
        let lowered = text.lowercased()
        var label: [Unicode.Scalar] = []
        func flush() throws(HostNameError) {
            if label.allSatisfy(\.isASCII) {
                result.append(contentsOf: label.map { UInt8($0.value) })
            } else {
                guard let encoded = Punycode.encode(label) else {
                    throw .punycodeOverflow(label: String(String.UnicodeScalarView(label)))
                }
                result.append(contentsOf: "xn--".utf8)
                result.append(contentsOf: encoded)
            }
            label.removeAll(keepingCapacity: true)
        }
        for scalar in lowered.unicodeScalars {
            switch scalar.value {
            case 0x2E, 0x3002, 0xFF0E, 0xFF61:
                try flush()
                result.append(UInt8(ascii: "."))
            default:
                label.append(scalar)
            }
        }
        try flush()
        return result
    }
}
