/// What one browser would store for a `Strict-Transport-Security` header received over a valid secure connection.
///
/// Each browser parses the header its own way, and both differ from `BrowserVerdict`'s strict RFC 6797 reading
/// and from the preload checker's. Sources, read to learn the behaviour (docs/browser-header.md cites each rule):
/// Chromium's `ParseHSTSHeader` (net/http/http_security_headers.cc) and `TransportSecurityState::AddHSTSHeader`;
/// Firefox's `nsSecurityHeaderParser` and `nsSiteSecurityService::ProcessSTSHeader` / `SetHSTSState`.
public struct BrowserStorage: Sendable, Hashable {
    /// A browser engine whose header handling is modelled.
    public enum Browser: String, Sendable, Hashable, CaseIterable {
        /// Chromium (Chrome, Edge, Brave, Opera, …).
        case chromium
        /// Firefox (Gecko).
        case firefox
    }

    /// Chromium's cap on a stored max-age: one year (`kMaxHSTSAgeSecs`).
    public static let chromiumMaxAgeCap: UInt64 = 31_536_000
    /// Firefox's cap on a stored max-age: 100 years of 365 days (`sMaxMaxAgeInSeconds`).
    public static let firefoxMaxAgeCap: UInt64 = 3_153_600_000

    /// The browser modelled.
    public var browser: Browser
    /// Whether the browser accepts the header (a rejected header changes nothing it has stored).
    public var accepted: Bool
    /// Why the header is rejected, when it is.
    public var reason: String?
    /// The max-age the browser stores, in seconds, after its cap; `nil` when the header is rejected.
    public var storedMaxAge: UInt64?
    /// Whether the stored policy covers subdomains.
    public var includeSubdomains: Bool
    /// Whether the header's max-age was above the browser's cap (or beyond its integer range) and was lowered.
    public var maxAgeCapped: Bool
    /// Whether the header deletes what the browser had stored for the host (an accepted `max-age=0`).
    public var removesEntry: Bool

    /// Evaluates `value` as `browser` would on receiving it over a valid HTTPS connection.
    public init(_ browser: Browser, evaluating value: String) {
        self.browser = browser
        let parsed: Result<(maxAge: UInt64, capped: Bool, includeSubdomains: Bool), Rejection>
        switch browser {
        case .chromium: parsed = Self.chromium(Array(value.utf8))
        case .firefox: parsed = Self.firefox(Array(value.utf8))
        }
        switch parsed {
        case .success(let policy):
            accepted = true
            reason = nil
            storedMaxAge = policy.maxAge
            includeSubdomains = policy.includeSubdomains
            maxAgeCapped = policy.capped
            removesEntry = policy.maxAge == 0
        case .failure(let rejection):
            accepted = false
            reason = rejection.reason
            storedMaxAge = nil
            includeSubdomains = false
            maxAgeCapped = false
            removesEntry = false
        }
    }

    /// Every modelled browser's reading of `value`, in `Browser.allCases` order.
    public static func all(evaluating value: String) -> [BrowserStorage] {
        Browser.allCases.map { BrowserStorage($0, evaluating: value) }
    }

    struct Rejection: Error {
        var reason: String
    }

    // MARK: Chromium

    /// Chromium's state machine over the tokens of `value`: delimiters are space, tab, `=` and `;` (each its own
    /// token), and `"` quotes a stretch in which delimiters do not split.
    static func chromium(_ bytes: [UInt8]) -> Result<(maxAge: UInt64, capped: Bool, includeSubdomains: Bool), Rejection>
    {
        enum State {
            case start, afterMaxAgeLabel, afterMaxAgeEquals, afterMaxAge, afterIncludeSubdomains, unknown, end
        }
        var state = State.start
        var maxAgeCount = 0
        var includeCount = 0
        var maxAge: UInt64 = 0
        var capped = false
        for token in chromiumTokens(bytes) {
            let first = token[token.startIndex]
            let whitespace = isASCIIWhitespace(first)
            switch state {
            case .start, .end:
                if whitespace { continue }
                if equalsIgnoringASCIICase(token, "max-age") {
                    state = .afterMaxAgeLabel
                    maxAgeCount += 1
                } else if equalsIgnoringASCIICase(token, "includesubdomains") {
                    state = .afterIncludeSubdomains
                    includeCount += 1
                } else {
                    // Anything else, an empty directive's `;` included, starts an unknown directive that runs to
                    // the next `;`.
                    state = .unknown
                }
            case .afterMaxAgeLabel:
                if whitespace { continue }
                guard first == UInt8(ascii: "=") else {
                    return .failure(Rejection(reason: "max-age is not followed by `=`"))
                }
                state = .afterMaxAgeEquals
            case .afterMaxAgeEquals:
                if whitespace { continue }
                let digits = unquote(token)
                guard !digits.isEmpty, digits.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else {
                    return .failure(
                        Rejection(reason: "max-age `\(String(decoding: token, as: UTF8.self))` is not a number")
                    )
                }
                // Up to 32 bits, clamped to the cap; beyond 32 bits the cap too.
                var value: UInt64 = 0
                var overflow = false
                for digit in digits where !overflow {
                    value = value * 10 + UInt64(digit - UInt8(ascii: "0"))
                    overflow = value > UInt64(UInt32.max)
                }
                capped = overflow || value > chromiumMaxAgeCap
                maxAge = capped ? chromiumMaxAgeCap : value
                state = .afterMaxAge
            case .afterMaxAge, .afterIncludeSubdomains:
                if whitespace { continue }
                guard first == UInt8(ascii: ";") else {
                    let what = state == .afterMaxAge ? "the max-age value" : "includeSubDomains"
                    return .failure(
                        Rejection(
                            reason: "`\(String(decoding: token, as: UTF8.self))` after \(what) where `;` must come"
                        )
                    )
                }
                state = .end
            case .unknown:
                if first == UInt8(ascii: ";") { state = .end }
            }
        }
        if maxAgeCount == 0 { return .failure(Rejection(reason: "no max-age directive")) }
        if maxAgeCount > 1 { return .failure(Rejection(reason: "max-age appears more than once")) }
        if includeCount > 1 { return .failure(Rejection(reason: "includeSubDomains appears more than once")) }
        switch state {
        case .afterMaxAgeLabel, .afterMaxAgeEquals:
            return .failure(Rejection(reason: "max-age has no value"))
        case .start:
            return .failure(Rejection(reason: "the header is empty"))
        case .afterMaxAge, .afterIncludeSubdomains, .unknown, .end:
            return .success((maxAge, capped, includeCount == 1))
        }
    }

    static func chromiumTokens(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var tokens: [ArraySlice<UInt8>] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "=")
                || byte == UInt8(ascii: ";")
            {
                tokens.append(bytes[index...index])
                index += 1
                continue
            }
            let start = index
            var inQuote = false
            while index < bytes.count {
                let current = bytes[index]
                if inQuote {
                    if current == UInt8(ascii: "\\") {
                        index += 1
                    } else if current == UInt8(ascii: "\"") {
                        inQuote = false
                    }
                } else if current == UInt8(ascii: "\"") {
                    inQuote = true
                } else if current == UInt8(ascii: " ") || current == UInt8(ascii: "\t") || current == UInt8(ascii: "=")
                    || current == UInt8(ascii: ";")
                {
                    break
                }
                index += 1
            }
            index = min(index, bytes.count)
            tokens.append(bytes[start..<index])
        }
        return tokens
    }

    /// A `"…"` token without its quotes and backslash escapes; any other token as it is.
    static func unquote(_ token: ArraySlice<UInt8>) -> [UInt8] {
        guard token.count >= 2, token.first == UInt8(ascii: "\""), token.last == UInt8(ascii: "\"") else {
            return Array(token)
        }
        var result: [UInt8] = []
        var escaped = false
        for byte in token.dropFirst().dropLast() {
            if !escaped && byte == UInt8(ascii: "\\") {
                escaped = true
            } else {
                result.append(byte)
                escaped = false
            }
        }
        return result
    }

    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    static func equalsIgnoringASCIICase(_ token: ArraySlice<UInt8>, _ lowercase: String) -> Bool {
        token.count == lowercase.utf8.count
            && zip(token, lowercase.utf8).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
    }

    // MARK: Firefox

    /// Firefox's grammar: `directive *(";" directive)`, each `LWS name LWS ["=" LWS value LWS]`, where a name is
    /// an HTTP token (possibly empty) and a value a token or a quoted-string; anything else rejects the header.
    static func firefox(_ bytes: [UInt8]) -> Result<(maxAge: UInt64, capped: Bool, includeSubdomains: Bool), Rejection>
    {
        var parser = FirefoxParser(bytes: bytes)
        let directives: [(name: [UInt8], value: [UInt8]?)]
        switch parser.parse() {
        case .success(let parsed): directives = parsed
        case .failure(let rejection): return .failure(rejection)
        }
        var maxAge: UInt64?
        var includeSubdomains = false
        for directive in directives {
            if equalsIgnoringASCIICase(directive.name[...], "max-age") {
                guard maxAge == nil else { return .failure(Rejection(reason: "max-age appears more than once")) }
                guard let value = directive.value else { return .failure(Rejection(reason: "max-age has no value")) }
                guard !value.isEmpty, value.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }),
                    let seconds = UInt64(String(decoding: value, as: UTF8.self))
                else {
                    return .failure(
                        Rejection(
                            reason: "max-age `\(String(decoding: value, as: UTF8.self))` is not a number of seconds "
                                + "that fits in 64 bits"
                        )
                    )
                }
                maxAge = seconds
            } else if equalsIgnoringASCIICase(directive.name[...], "includesubdomains") {
                guard !includeSubdomains else {
                    return .failure(Rejection(reason: "includeSubDomains appears more than once"))
                }
                guard directive.value == nil else {
                    return .failure(Rejection(reason: "includeSubDomains takes no value"))
                }
                includeSubdomains = true
            }
            // Other names, the empty one included, are ignored.
        }
        guard let maxAge else { return .failure(Rejection(reason: "no max-age directive")) }
        let capped = maxAge > firefoxMaxAgeCap
        return .success((capped ? firefoxMaxAgeCap : maxAge, capped, includeSubdomains))
    }

    struct FirefoxParser {
        var bytes: [UInt8]
        var index = 0
        var failed = false

        init(bytes: [UInt8]) {
            // Firefox reads the header as a C string: it ends at the first NUL.
            self.bytes = Array(bytes.prefix { $0 != 0 })
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func accept(_ byte: UInt8) -> Bool {
            guard current == byte else { return false }
            index += 1
            return true
        }

        mutating func accept(where predicate: (UInt8) -> Bool) -> Bool {
            guard let byte = current, predicate(byte) else { return false }
            index += 1
            return true
        }

        static func isToken(_ byte: UInt8) -> Bool {
            byte >= 33 && byte < 127 && !"()<>@,;:\"/[]?={}\\".utf8.contains(byte)
        }

        static func isQuotedText(_ byte: UInt8) -> Bool {
            (byte >= 32 && byte < 127 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")) || byte == 0x09
                || byte == 0x0A || byte == 0x0D
        }

        mutating func linearWhitespace() {
            while true {
                if accept(UInt8(ascii: "\r")) {
                    // A CR must start a fold: CRLF then a space or tab.
                    if !accept(UInt8(ascii: "\n")) || !(accept(UInt8(ascii: " ")) || accept(UInt8(ascii: "\t"))) {
                        failed = true
                    }
                } else if !(accept(UInt8(ascii: " ")) || accept(UInt8(ascii: "\t"))) {
                    return
                }
            }
        }

        mutating func token() -> [UInt8] {
            let start = index
            while accept(where: Self.isToken) {}
            return Array(bytes[start..<index])
        }

        mutating func directive() -> (name: [UInt8], value: [UInt8]?) {
            linearWhitespace()
            let name = token()
            linearWhitespace()
            var value: [UInt8]?
            if accept(UInt8(ascii: "=")) {
                linearWhitespace()
                if current.map(Self.isToken) == true {
                    value = token()
                } else if accept(UInt8(ascii: "\"")) {
                    var text: [UInt8] = []
                    while let byte = current {
                        if Self.isQuotedText(byte) {
                            text.append(byte)
                            index += 1
                        } else if byte == UInt8(ascii: "\\") {
                            // A quoted-pair keeps its backslash in Firefox's value.
                            text.append(byte)
                            index += 1
                            guard let escaped = current, escaped < 0x80 else {
                                failed = true
                                break
                            }
                            text.append(escaped)
                            index += 1
                        } else {
                            break
                        }
                    }
                    if !accept(UInt8(ascii: "\"")) { failed = true }
                    value = text
                } else {
                    value = []
                }
                linearWhitespace()
            }
            return (name, value)
        }

        mutating func parse() -> Result<[(name: [UInt8], value: [UInt8]?)], Rejection> {
            var directives = [directive()]
            while accept(UInt8(ascii: ";")) { directives.append(directive()) }
            if failed || index < bytes.count {
                let at = index < bytes.count ? " at byte \(index + 1)" : ""
                return .failure(Rejection(reason: "the header does not follow the directive syntax\(at)"))
            }
            return .success(directives)
        }
    }
}
