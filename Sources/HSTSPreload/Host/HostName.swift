/// A host name in the canonical form the preload list is matched against.
///
/// Parsing follows the browser: the text is the host of `http://TEXT/`, parsed by the WHATWG URL Standard's host
/// parser (`%XX` decoded, UTS #46 ToASCII on Unicode 15.0.0 data — non-transitional,
/// CheckHyphens=false, CheckBidi, no CheckJoiners, as Chromium calls ICU — then the forbidden domain code points
/// rejected and a host that ends in a number read as an IPv4 address in any form the Standard accepts), then
/// canonicalized as Chromium's HSTS lookup does (one trailing dot dropped). So `ＦＩＧＭＡ.com`, `fig\u{AD}ma.com`
/// and `figma%2Ecom` are `figma.com`, and `1.1`, `0x1.0.0.1` and `16777217` are `1.0.0.1`.
///
/// A name that Chromium's HSTS lookup can never match throws rather than giving a name no entry reaches: an empty
/// label (two or more trailing dots included), a label over 63 or a name over 253 octets, a character outside
/// `a-z 0-9 - _`. Labels may begin and end with `-`.
public struct HostName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The canonical host: lower-case ASCII labels of `a-z`, `0-9`, `-`, `_` joined by dots (an IPv4 address in
    /// dotted decimal).
    public let value: String

    /// Parses `text` as a browser parses the host of `http://text/`.
    ///
    /// - Throws: `HostNameError` naming what is wrong.
    public init(_ text: some StringProtocol) throws(HostNameError) {
        value = String(decoding: try HostParser.canonicalHost(text), as: UTF8.self)
    }

    /// Wraps a string already known to be canonical (the caller guarantees it).
    package init(normalized value: String) {
        self.value = value
    }

    /// The labels, from the leftmost to the top-level domain.
    public var labels: [Substring] { value.split(separator: ".", omittingEmptySubsequences: false) }

    /// One line, without the `hstsq: error:` prefix.
    public var description: String { value }

    /// Orders by the canonical text.
    public static func < (lhs: HostName, rhs: HostName) -> Bool { lhs.value < rhs.value }

    /// Whether `byte` may appear in a canonical label.
    @inline(__always)
    static func isLabelByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}
