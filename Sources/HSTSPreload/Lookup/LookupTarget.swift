/// What a user asks about: a host name, an IP literal, or a URL whose host is one of those.
public struct LookupTarget: Sendable, Hashable {
    /// The host part.
    public enum Host: Sendable, Hashable {
        /// A canonical host name, or an IPv4 address in dotted decimal: both are looked up like names.
        case name(HostName)
        /// An IPv6 literal: no entry names one (the list's names hold no `:`), so it is never upgraded.
        case ip(IPAddress)

        /// Whether the host is an IP address: an IPv6 literal, or an IPv4 address (which the parser leaves in
        /// dotted-decimal form and looks up like a name).
        public var isIPAddress: Bool {
            switch self {
            case .ip: true
            case .name(let name): IPAddress(name.value) != nil
            }
        }

        /// The normalized host as text (IPv6 compressed, without brackets).
        public var text: String {
            switch self {
            case .name(let name): name.value
            case .ip(let address): address.description
            }
        }
    }

    /// The host.
    public var host: Host
    /// The URL scheme, lower-cased, when the target was a URL.
    public var scheme: String?
    /// The explicit port of a URL.
    public var port: Int?
    /// Path, query and fragment of a URL, as written (`""` when absent).
    public var pathAndRest: String

    /// Parses a host name (`EXAMPLE.com.`, `bücher.de`), an IP literal, or a URL (`http://user@host:8080/p?q#f`).
    ///
    /// Tab and newline are dropped first, as a URL parser drops them. A host that is not an IPv6 literal is parsed by
    /// `HostName` as the host of `http://host/`, IPv4 addresses in every form the URL Standard accepts included (`1.1`
    /// is `1.0.0.1`).
    ///
    /// - Throws: `HostNameError` when the host is invalid, the port is not a number up to 65535, or the URL is malformed.
    public init(parsing input: String) throws(HostNameError) {
        // A URL parser drops ASCII tab and newline anywhere in its input.
        let text =
            input.utf8.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            ? String(decoding: input.utf8.filter { $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }, as: UTF8.self) : input
        scheme = nil
        port = nil
        pathAndRest = ""
        var hostText = Substring(text)
        // A bare target is the host of `http://TARGET/`: with user information, a port, a path, a query or a
        // fragment it is parsed as that URL (its host and port kept, not its scheme or path). A bare IPv6 literal
        // stays one.
        if LookupTarget.schemeSeparator(in: text) == nil, text.utf8.contains(where: { "@/?#:".utf8.contains($0) }),
            !(text.first == "[" || IPAddress(text) != nil)
        {
            let url = try LookupTarget(parsing: "http://" + text)
            host = url.host
            port = url.port
            return
        }
        if let schemeEnd = LookupTarget.schemeSeparator(in: text) {
            let schemeText = text[..<schemeEnd]
            guard let first = schemeText.first, first.isASCII, first.isLetter,
                schemeText.allSatisfy(LookupTarget.isSchemeCharacter)
            else { throw .invalidURL(text, reason: "invalid scheme") }
            scheme = schemeText.lowercased()
            let afterScheme = text[text.index(schemeEnd, offsetBy: 3)...]
            let authorityEnd =
                afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
            var authority = afterScheme[..<authorityEnd]
            pathAndRest = String(afterScheme[authorityEnd...])
            // User information is ignored (the contract), only the host and port matter.
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            if authority.first == "[" {
                guard let close = authority.firstIndex(of: "]") else { throw .invalidURL(text, reason: "unclosed '['") }
                hostText = authority[...close]
                let rest = authority[authority.index(after: close)...]
                if !rest.isEmpty {
                    guard rest.first == ":" else { throw .invalidURL(text, reason: "unexpected text after ']'") }
                    port = try LookupTarget.parsePort(rest.dropFirst(), in: text)
                }
            } else if let colon = authority.lastIndex(of: ":") {
                hostText = authority[..<colon]
                port = try LookupTarget.parsePort(authority[authority.index(after: colon)...], in: text)
            } else {
                hostText = authority
            }
            if hostText.isEmpty { throw .invalidURL(text, reason: "no host") }
        }
        if hostText.contains(":") || hostText.first == "[" {
            guard let address = IPAddress(hostText), case .v6 = address else {
                throw .invalidIPLiteral(String(hostText))
            }
            host = .ip(address)
        } else {
            host = .name(try HostName(hostText))
        }
    }

    private static func isSchemeCharacter(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isLetter || character.isNumber || character == "+" || character == "-" || character == "."
    }

    /// The index of "://", when the text has one before any '/', '?' or '#'.
    private static func schemeSeparator(in text: String) -> String.Index? {
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "/" || character == "?" || character == "#" { return nil }
            if character == ":" {
                let rest = text[index...]
                return rest.hasPrefix("://") ? index : nil
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func parsePort(_ text: Substring, in url: String) throws(HostNameError) -> Int? {
        // "http://host:/" has an empty port, which URL parsers read as the default.
        if text.isEmpty { return nil }
        guard text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text), value <= 65535
        else {
            throw .invalidURL(url, reason: "port must be a number from 0 to 65535")
        }
        return value
    }

    /// The internal redirect a browser would synthesize, when the target is an `http://` or `ws://` URL and
    /// `decision` upgrades: status 307, `https`/`wss`, the canonical host (`https://1.0.0.1/` for `http://1.1/`),
    /// port 80 dropped, other ports, path, query and fragment kept.
    public func internalRedirect(for decision: UpgradeDecision) -> InternalRedirect? {
        guard decision.upgrade, case .name(let name) = host, let scheme else { return nil }
        let secureScheme: String
        switch scheme {
        case "http": secureScheme = "https"
        case "ws": secureScheme = "wss"
        default: return nil
        }
        var location = secureScheme + "://" + name.value
        if let port, port != 80 { location += ":\(port)" }
        location += pathAndRest.isEmpty || pathAndRest.first != "/" ? "/" + pathAndRest : pathAndRest
        return InternalRedirect(status: 307, location: location)
    }
}

/// A browser's internal redirect to the secure URL (Chromium: "307 Internal Redirect", reason "HSTS").
public struct InternalRedirect: Sendable, Hashable {
    /// Always 307, which keeps the method and body.
    public var status: Int
    /// The target URL.
    public var location: String

    /// Creates a redirect.
    public init(status: Int, location: String) {
        self.status = status
        self.location = location
    }
}
