/// What one browser would store for a `Strict-Transport-Security` header received over a valid secure connection.
///
/// Each browser parses the header its own way, and both differ from `BrowserVerdict`'s strict RFC 6797 reading
/// and from the preload checker's. Sources (docs/browser-header.md cites each rule): for Chromium, what Chromium 156
/// does (observed with `scripts/browser-header-check`) and the caps and deletion rules of `ParseHSTSHeader` /
/// `MaxAgeToLimitedInt` (net/http/http_security_headers.cc) and `TransportSecurityState::AddHSTSHeader`; for
/// Firefox, `nsSecurityHeaderParser` and `nsSiteSecurityService::ProcessSTSHeader` / `SetHSTSState`.
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

    /// Chromium's grammar, as Chromium 156 applies it (`scripts/browser-header-check` observes it).
    ///
    /// Directives split on `;` outside quoted strings; an empty one is skipped; otherwise
    /// `OWS name OWS ["=" OWS value OWS]` where the name is an HTTP token and the value a non-empty token or a
    /// quoted-string (obs-text allowed). Anything else, an unclosed quote included, rejects the header.
    static func chromium(_ bytes: [UInt8]) -> Result<(maxAge: UInt64, capped: Bool, includeSubdomains: Bool), Rejection>
    {
        guard let directives = splitOutsideQuotes(bytes) else {
            return .failure(Rejection(reason: "a quoted string is not closed"))
        }
        var maxAge: UInt64?
        var capped = false
        var includeSubdomains = false
        for directive in directives {
            var scanner = DirectiveScanner(bytes: directive)
            scanner.skipWhitespace()
            if scanner.atEnd { continue }
            let name = scanner.token()
            let shown = String(decoding: directive, as: UTF8.self)
            guard !name.isEmpty else {
                return .failure(Rejection(reason: "`\(shown)` does not start with a directive name"))
            }
            scanner.skipWhitespace()
            var value: [UInt8]?
            if scanner.accept(UInt8(ascii: "=")) {
                scanner.skipWhitespace()
                guard let parsed = scanner.tokenOrQuotedString() else {
                    return .failure(Rejection(reason: "`\(shown)` has no valid value after `=`"))
                }
                value = parsed
                scanner.skipWhitespace()
            }
            guard scanner.atEnd else {
                return .failure(Rejection(reason: "`\(shown)` is not `name` or `name=value`"))
            }
            if equalsIgnoringASCIICase(name[...], "max-age") {
                guard maxAge == nil else { return .failure(Rejection(reason: "max-age appears more than once")) }
                guard let digits = value, !digits.isEmpty, digits.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else {
                    return .failure(Rejection(reason: "max-age must be a number of seconds"))
                }
                // Read as 32 bits; any larger number, however long, is the cap (MaxAgeToLimitedInt).
                var seconds: UInt64 = 0
                for digit in digits where seconds <= UInt64(UInt32.max) {
                    seconds = seconds * 10 + UInt64(digit - UInt8(ascii: "0"))
                }
                capped = seconds > chromiumMaxAgeCap
                maxAge = min(seconds, chromiumMaxAgeCap)
            } else if equalsIgnoringASCIICase(name[...], "includesubdomains") {
                guard !includeSubdomains else {
                    return .failure(Rejection(reason: "includeSubDomains appears more than once"))
                }
                guard value == nil else { return .failure(Rejection(reason: "includeSubDomains takes no value")) }
                includeSubdomains = true
            }
            // Other directives (`preload` among them, even repeated) are ignored.
        }
        guard let maxAge else { return .failure(Rejection(reason: "no max-age directive")) }
        return .success((maxAge, capped, includeSubdomains))
    }

    /// `bytes` split on `;` outside quoted strings (a backslash escapes inside them); `nil` when a quote is left
    /// open.
    static func splitOutsideQuotes(_ bytes: [UInt8]) -> [ArraySlice<UInt8>]? {
        var parts: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        var inQuote = false
        while index < bytes.count {
            let byte = bytes[index]
            if inQuote {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inQuote = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inQuote = true
            } else if byte == UInt8(ascii: ";") {
                parts.append(bytes[start..<index])
                start = index + 1
            }
            index += 1
        }
        if inQuote { return nil }
        parts.append(bytes[min(start, bytes.count)...])
        return parts
    }

    /// A cursor over one directive's bytes for the RFC 9110 pieces Chromium's grammar uses.
    struct DirectiveScanner {
        var bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            index = bytes.startIndex
        }

        var atEnd: Bool { index >= bytes.endIndex }

        mutating func accept(_ byte: UInt8) -> Bool {
            guard !atEnd, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// Spaces and tabs (OWS).
        mutating func skipWhitespace() {
            while !atEnd, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        }

        /// `tchar`: letters, digits and ``!#$%&'*+-.^_`|~``.
        static func isTokenCharacter(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
                || "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }

        mutating func token() -> [UInt8] {
            let start = index
            while !atEnd, Self.isTokenCharacter(bytes[index]) { index += 1 }
            return Array(bytes[start..<index])
        }

        /// A non-empty token, or a quoted-string without its quotes and escapes; `nil` when neither is there.
        mutating func tokenOrQuotedString() -> [UInt8]? {
            if !atEnd, Self.isTokenCharacter(bytes[index]) { return token() }
            guard accept(UInt8(ascii: "\"")) else { return nil }
            var text: [UInt8] = []
            while !atEnd {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") { return text }
                if byte == UInt8(ascii: "\\") {
                    // quoted-pair: HTAB, SP, VCHAR or obs-text.
                    guard !atEnd, bytes[index] == 0x09 || bytes[index] >= 0x20 && bytes[index] != 0x7F else {
                        return nil
                    }
                    text.append(bytes[index])
                    index += 1
                } else if byte == 0x09 || (byte >= 0x20 && byte != 0x7F) {
                    // qdtext: HTAB, SP, visible ASCII other than `"` and `\`, obs-text.
                    text.append(byte)
                } else {
                    return nil
                }
            }
            return nil
        }
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
