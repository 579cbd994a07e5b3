/// Whether a browser would honour a `Strict-Transport-Security` header at all, reading RFC 6797 §6.1 strictly.
///
/// This differs on purpose from the preload checks: a browser accepts `max-age="31536000"` (quoted-string values
/// are allowed) and ignores unknown directives, but rejects the whole header when any directive appears twice,
/// when `max-age` is missing or not a number, or when `includeSubDomains` carries a value.
public struct BrowserVerdict: Sendable, Hashable {
    /// Whether the header takes effect.
    public var honored: Bool
    /// Why not, when not.
    public var reason: String?
    /// The max-age a browser would store, in seconds (values beyond 64 bits saturate).
    public var maxAge: UInt64?
    /// Whether a browser would apply the policy to subdomains.
    public var includeSubdomains: Bool

    /// Evaluates `value` as a user agent would (RFC 6797 §6.1, §8.1).
    public init(evaluating value: String) {
        var seen: Set<String> = []
        var maxAge: UInt64?
        var includeSubdomains = false
        for raw in Self.directives(value) {
            let directive = raw.trimmingHeaderWhitespace()
            if directive.isEmpty { continue }
            let name: Substring
            var directiveValue: String?
            if let equals = directive.firstIndex(of: "=") {
                name = directive[..<equals].trimmingHeaderWhitespace()
                let rest = directive[directive.index(after: equals)...].trimmingHeaderWhitespace()
                guard let unquoted = Self.unquote(rest) else {
                    self.init(rejected: "directive `\(directive)` has a malformed quoted value")
                    return
                }
                directiveValue = unquoted
            } else {
                name = directive
            }
            let lower = name.lowercased()
            guard !lower.isEmpty,
                lower.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "!#$%&'*+-.^_`|~".contains($0)) })
            else {
                self.init(rejected: "`\(name)` is not a valid directive name")
                return
            }
            if !seen.insert(lower).inserted {
                self.init(rejected: "directive `\(name)` appears more than once (RFC 6797 §6.1: the header is invalid)")
                return
            }
            switch lower {
            case "max-age":
                guard let text = directiveValue, !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                    self.init(rejected: "max-age must be a number of seconds, found `\(directiveValue ?? "")`")
                    return
                }
                maxAge = UInt64(text) ?? UInt64.max
            case "includesubdomains":
                if directiveValue != nil {
                    self.init(rejected: "includeSubDomains takes no value")
                    return
                }
                includeSubdomains = true
            default:
                // Unknown directives, `preload` among them, are ignored (RFC 6797 §6.1).
                break
            }
        }
        guard let maxAge else {
            self.init(rejected: "no max-age directive (RFC 6797 §6.1.1 requires one)")
            return
        }
        self.init(honored: true, reason: nil, maxAge: maxAge, includeSubdomains: includeSubdomains)
    }

    private init(honored: Bool, reason: String?, maxAge: UInt64?, includeSubdomains: Bool) {
        self.honored = honored
        self.reason = reason
        self.maxAge = maxAge
        self.includeSubdomains = includeSubdomains
    }

    private init(rejected reason: String) {
        honored = false
        self.reason = reason
        maxAge = nil
        includeSubdomains = false
    }

    /// Splits on `;` outside quoted strings.
    private static func directives(_ value: String) -> [Substring] {
        var result: [Substring] = []
        var start = value.startIndex
        var inQuotes = false
        var escaped = false
        var index = value.startIndex
        while index < value.endIndex {
            let character = value[index]
            if escaped {
                escaped = false
            } else if inQuotes && character == "\\" {
                escaped = true
            } else if character == "\"" {
                inQuotes.toggle()
            } else if character == ";" && !inQuotes {
                result.append(value[start..<index])
                start = value.index(after: index)
            }
            index = value.index(after: index)
        }
        result.append(value[start...])
        return result
    }

    /// A token as is, or a quoted-string without its quotes and escapes; `nil` when a quote is unbalanced.
    private static func unquote(_ text: Substring) -> String? {
        guard text.first == "\"" else { return text.contains("\"") ? nil : String(text) }
        guard text.count >= 2, text.last == "\"" else { return nil }
        var result = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                return nil
            } else {
                result.append(character)
            }
        }
        return escaped ? nil : result
    }
}
