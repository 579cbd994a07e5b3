/// Why a string is not a host name hstsq can look up.
public enum HostNameError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input is empty (or only a dot).
    case empty
    /// The host is longer than 253 characters after canonicalization: Chromium's HSTS lookup never matches it.
    case tooLong(length: Int)
    /// A label is empty (two dots in a row, a leading dot, two or more trailing dots): never matched either.
    case emptyLabel
    /// A label is longer than 63 characters: never matched either.
    case labelTooLong(label: String)
    /// A character outside `a-z`, `0-9`, `-`, `_` after UTS #46 processing, which no entry can hold.
    case invalidCharacter(Character, label: String)
    /// A forbidden domain code point of the URL Standard (space, `<`, `>`, `@`, `%`, control characters, …).
    case forbiddenCodePoint(Unicode.Scalar)
    /// UTS #46 processing failed (a disallowed code point, invalid punycode, a Bidi rule violation, …).
    case idna(String)
    /// The host ends in a number but is not a valid IPv4 address (`999.1.1.1`, `a.b.1`).
    case invalidIPv4(String)
    /// The input looks like an IPv6 literal but is not a valid one.
    case invalidIPLiteral(String)
    /// The input is a URL that could not be parsed (scheme, port, brackets).
    case invalidURL(String, reason: String)

    /// One line, without the `hstsq: error:` prefix.
    public var description: String {
        switch self {
        case .empty: "empty host name"
        case .tooLong(let length): "host name is \(length) characters long (at most 253)"
        case .emptyLabel: "empty label (a leading dot, two dots in a row, or two or more trailing dots)"
        case .labelTooLong(let label):
            "label \(quotedName(String(label.prefix(20)) + "…")) is longer than 63 characters"
        case .invalidCharacter(let character, let label):
            "invalid character \(Self.codePoints(character)) in label \(quotedName(label)) (allowed: a-z, 0-9, '-', '_')"
        case .forbiddenCodePoint(let scalar):
            "forbidden host code point \(Self.codePoints(Character(scalar)))"
        case .idna(let text): "\(quotedName(text)) is not a valid internationalized domain name (UTS #46)"
        case .invalidIPv4(let text):
            "\(quotedName(text)) ends in a number but is not a valid IPv4 address"
        case .invalidIPLiteral(let text): "\(quotedName(text)) is not a valid IP address literal"
        case .invalidURL(let text, let reason): "\(quotedName(text)) is not a valid URL: \(reason)"
        }
    }

    private static func codePoints(_ character: Character) -> String {
        character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined()
    }
}
