/// Why a string is not a host name hstsq can look up.
public enum HostNameError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input is empty (or only dots).
    case empty
    /// The host is longer than 253 characters after normalization.
    case tooLong(length: Int)
    /// A label is empty (two dots in a row, or a leading dot).
    case emptyLabel
    /// A label is longer than 63 characters.
    case labelTooLong(label: String)
    /// A label starts or ends with `-`.
    case hyphenAtLabelEdge(label: String)
    /// A character outside `a-z`, `0-9`, `-`, `_` (after lower-casing and IDNA conversion).
    case invalidCharacter(Character, label: String)
    /// A Unicode label could not be converted to an A-label.
    case punycodeOverflow(label: String)
    /// The input looks like an IP literal but is not a valid one.
    case invalidIPLiteral(String)
    /// The input is a URL that could not be parsed (scheme, port, brackets).
    case invalidURL(String, reason: String)

    /// One line, without the `hstsq: error:` prefix.
    public var description: String {
        switch self {
        case .empty: "empty host name"
        case .tooLong(let length): "host name is \(length) characters long (at most 253)"
        case .emptyLabel: "empty label (leading dot or two dots in a row)"
        case .labelTooLong(let label):
            "label \(quotedName(String(label.prefix(20)) + "…")) is longer than 63 characters"
        case .hyphenAtLabelEdge(let label): "label \(quotedName(label)) starts or ends with '-'"
        case .invalidCharacter(let character, let label):
            "invalid character \(character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined()) in label \(quotedName(label)) (allowed: a-z, 0-9, '-', '_')"
        case .punycodeOverflow(let label): "label \(quotedName(label)) cannot be converted to punycode"
        case .invalidIPLiteral(let text): "\(quotedName(text)) is not a valid IP address literal"
        case .invalidURL(let text, let reason): "\(quotedName(text)) is not a valid URL: \(reason)"
        }
    }
}
