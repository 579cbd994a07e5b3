/// What was observed for a domain: HTTP responses by URL, requests that failed, and what the capture could not see.
///
/// Chains are not stored; they are derived by following `Location` from `http://DOMAIN/` and `https://DOMAIN/`,
/// so one capture of `curl -sSI -L http://DOMAIN/` also yields the HTTPS chain through its follow-up responses.
public struct Evidence: Sendable {
    /// The domain the evidence is about.
    public var domain: String
    /// Responses by absolute URL (normalized by `ObservedURL`).
    public var responses: [String: ObservedResponse] = [:]
    /// Requests that got no HTTP response, by URL, with the reason (connection refused, TLS failure, …).
    public var failures: [String: String] = [:]
    /// Whether the capture can speak about TLS details (certificate chain, SHA-1, cipher suites).
    public var hasTLSDetails = false
    /// TLS findings from a live probe: `domain.tls.*` and `tls.obsolete_cipher_suite` issues.
    public var tlsIssues = Issues()
    /// Whether `www.DOMAIN` accepted a TCP connection on port 443 (`nil`: not observed).
    ///
    /// A live probe sets it; `false` means there is no `www` to check, rather than an unchecked requirement.
    public var wwwAcceptsTCP: Bool?
    /// Where the evidence came from, for messages.
    public var source: String
    /// The capture format the evidence was read from; `nil` when it was not read from a capture (a live probe).
    public var captureFormat: CaptureFormat?
    /// Responses the browser made up itself instead of asking the server, by URL, with the reason it gave
    /// (`Non-Authoritative-Reason: HSTS`, `DNS`, `HttpsUpgrades`, `WebRequest API`, or `Internal Redirect`).
    ///
    /// They are never in `responses`: a browser's internal 307 says nothing about what the server answers.
    public var browserSynthesized: [String: String] = [:]

    /// Empty evidence for `domain`.
    public init(domain: String, source: String) {
        self.domain = domain
        self.source = source
    }

    /// Records a response for `url`.
    public mutating func record(_ response: ObservedResponse, for url: ObservedURL) {
        responses[url.key] = response
    }

    /// Records that the browser answered `url` itself (an internal redirect), with the reason it gave.
    public mutating func recordBrowserSynthesized(_ reason: String, for url: ObservedURL) {
        browserSynthesized[url.key] = reason
    }

    /// Whether the browser upgraded a URL on `domain` (or below it) because it already held HSTS for it.
    ///
    /// The reason is `HSTS`, or Chromium's `Internal Redirect` without a stated one. Other hosts' resources in a
    /// page's HAR do not count.
    public func browserHadHSTS(for domain: String) -> Bool {
        let domain = domain.lowercased()
        return browserSynthesized.contains { key, reason in
            guard reason == "HSTS" || reason == ObservedResponse.internalRedirectStatusText,
                let host = ObservedURL(key)?.host
            else { return false }
            return host == domain || host.hasSuffix("." + domain)
        }
    }

    /// Records that a request to `url` got no response.
    public mutating func recordFailure(_ reason: String, for url: ObservedURL) {
        failures[url.key] = reason
    }
}

/// One HTTP response as captured: status, `Location`, and every `Strict-Transport-Security` value in order.
public struct ObservedResponse: Sendable, Hashable {
    /// The status code.
    public var status: Int
    /// The `Location` header, when present.
    public var location: String?
    /// Every `Strict-Transport-Security` header value, in order.
    public var strictTransportSecurity: [String]

    /// Creates a response.
    public init(status: Int, location: String? = nil, strictTransportSecurity: [String] = []) {
        self.status = status
        self.location = location
        self.strictTransportSecurity = strictTransportSecurity
    }

    /// The status text Chromium gives the redirects it makes up itself (`307 Internal Redirect`).
    public static let internalRedirectStatusText = "Internal Redirect"

    /// Why a response was made up by the browser rather than sent by the server: the `Non-Authoritative-Reason`
    /// header's value (Chromium: `HSTS`, `DNS`, `HttpsUpgrades`, `WebRequest API`), else `Internal Redirect` when
    /// the status text says so; `nil` for a server's response.
    public static func browserSynthesisReason(statusText: String?, nonAuthoritativeReason: String?) -> String? {
        if let reason = nonAuthoritativeReason?.trimmingCharacters(in: " \t"), !reason.isEmpty { return reason }
        if let statusText, statusText.trimmingCharacters(in: " \t").lowercased() == "internal redirect" {
            return internalRedirectStatusText
        }
        return nil
    }

    /// Whether the response redirects (3xx with a `Location`).
    public var isRedirect: Bool { (300..<400).contains(status) && location != nil }
}

/// An absolute http(s) URL reduced to what matching needs: scheme, host, port and the rest.
public struct ObservedURL: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https` (lower-case); other schemes are kept but never followed.
    public var scheme: String
    /// The host, lower-case, without brackets.
    public var host: String
    /// The explicit port, when not the scheme's default.
    public var port: Int?
    /// Path, query and fragment (at least `/`).
    public var rest: String

    /// Parses an absolute URL; `nil` when it has no `scheme://host`, the host holds a character no host can
    /// (space, controls, `#%/:<>?@[\]^|`; inside brackets anything but hex digits, `:` and `.`), or the port is not
    /// a number up to 65535.
    public init?(_ text: String) {
        guard let separator = text.firstRange(of: "://") else { return nil }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        let afterScheme = text[separator.upperBound...]
        let authorityEnd =
            afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        var authority = afterScheme[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            // An IPv6 literal: only hex digits, colons and dots inside the brackets, then nothing or `:PORT`.
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            guard host.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit || $0 == ":" || $0 == "." }) else {
                return nil
            }
            let tail = authority[authority.index(after: close)...]
            if !tail.isEmpty {
                guard tail.hasPrefix(":") else { return nil }
                portText = tail.dropFirst()
            }
        } else {
            if let colon = authority.lastIndex(of: ":") {
                host = authority[..<colon]
                portText = authority[authority.index(after: colon)...]
            }
            // WHATWG's forbidden domain code points: a host holding one is not a host, and keeping it would make
            // the URL read back differently from how it is written.
            guard !host.unicodeScalars.contains(where: Self.isForbiddenInHost) else { return nil }
        }
        guard !host.isEmpty else { return nil }
        var port: Int?
        if let portText, !portText.isEmpty {
            // Digits only (an empty port means the default); anything else is not a URL rather than a silently
            // dropped port.
            guard portText.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }), let value = UInt16(portText) else {
                return nil
            }
            port = Int(value)
        }
        let defaultPort = scheme == "https" ? 443 : (scheme == "http" ? 80 : nil)
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port == defaultPort ? nil : port
        let rest = afterScheme[authorityEnd...]
        self.rest = rest.isEmpty || rest.first != "/" ? "/" + rest : String(rest)
    }

    private static func isForbiddenInHost(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x21 || scalar.value == 0x7F || "#%/:<>?@[\\]^|".unicodeScalars.contains(scalar)
    }

    /// `scheme://host/` for a domain.
    public init(scheme: String, host: String) {
        self.scheme = scheme
        self.host = host.lowercased()
        port = nil
        rest = "/"
    }

    /// Resolves a `Location` value against this URL (absolute, scheme-relative, or path).
    public func resolving(_ location: String) -> ObservedURL? {
        let trimmed = location.trimmingCharacters(in: " \t")
        if trimmed.contains("://") { return ObservedURL(trimmed) }
        if trimmed.hasPrefix("//") { return ObservedURL(scheme + ":" + trimmed) }
        var copy = self
        if trimmed.hasPrefix("/") {
            copy.rest = trimmed
        } else {
            let directory =
                rest.split(separator: "?", maxSplits: 1).first.map {
                    $0.hasSuffix("/") ? String($0) : String($0[...($0.lastIndex(of: "/") ?? $0.startIndex)])
                } ?? "/"
            copy.rest = directory + trimmed
        }
        return copy
    }

    /// The key responses are stored under: scheme, host, port and path with query (no fragment).
    public var key: String {
        let withoutFragment =
            rest.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? rest
        return scheme + "://" + (host.contains(":") ? "[\(host)]" : host) + (port.map { ":\($0)" } ?? "")
            + withoutFragment
    }

    /// The URL as text.
    public var description: String { key }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        guard let start = firstIndex(where: { !set.contains($0) }), let end = lastIndex(where: { !set.contains($0) })
        else { return "" }
        return String(self[start...end])
    }
}
