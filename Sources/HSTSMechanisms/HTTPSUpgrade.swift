public import HSTSPreload

/// Why the browser would not try https first for a target.
public enum HTTPSUpgradeExclusion: String, Sendable, Hashable, CaseIterable {
    /// Only `http://` navigations are tried over https first (`ws://` is not a navigation; `https://` needs nothing).
    case notHTTP = "not an http:// URL"
    /// `localhost`, a name under `.localhost`, or a loopback address.
    case localhost = "localhost or loopback"
    /// A private, link-local or otherwise non-public IP address.
    case nonPublicAddress = "non-public IP address"
    /// An IP address literal (Safari; judgement, docs/mechanisms.md).
    case ipLiteral = "IP address literal"
    /// A single-label name (`intranet`): no public certificate can name it.
    case singleLabel = "single-label name"
    /// A name whose top-level domain the Public Suffix List does not know (`printer.local`, `nas.internal`).
    case nonUniqueName = "non-unique name (unknown top-level domain)"
    /// A Tor `.onion` name (Firefox).
    case onion = ".onion name"
}

/// Would a top-level GET navigation to the target be tried over https first, with fallback to http.
public struct HTTPSUpgradeAnswer: Sendable, Hashable {
    /// Whether the browser tries https first.
    public var upgrade: Bool
    /// Why not, when it does not.
    public var exclusion: HTTPSUpgradeExclusion?
    /// The port https is tried on when the URL names a non-default port (the same port, where the attempt usually
    /// fails and falls back).
    public var nonDefaultPort: Int?
}

/// The HTTPS-Upgrades (Chrome), HTTPS-First (Firefox) and Safari rule for one target.
///
/// Chromium: `chrome/browser/ssl/https_upgrades_interceptor.cc` (`MaybeCreateLoader`): http only; `net::IsLocalhost`
/// excluded; `net::IsHostnameNonUnique` excluded for HTTPS-Upgrades; outermost main frame GET only. Firefox:
/// `dom/security/nsHTTPSOnlyUtils.cpp` (`ShouldUpgradeHttpsFirstRequest`): documents only; `OnionException`,
/// `LoopbackOrLocalException` (unless `dom.security.https_first_for_local_addresses`), `UnknownPublicSuffixException`
/// (unless `dom.security.https_first_for_unknown_suffixes`). Per-user state (allowlists, earlier fallbacks, typed
/// `http://`, enterprise policy) is not knowable offline and is listed in docs/mechanisms.md.
public enum HTTPSUpgradeRule {
    /// The answer for `target` in `browser`; a target without a scheme is a typed host (`http://host/`).
    public static func answer(
        for target: LookupTarget,
        in browser: Browser,
        topLevelDomains: TopLevelDomains
    ) -> HTTPSUpgradeAnswer {
        if let scheme = target.scheme, scheme != "http" {
            return HTTPSUpgradeAnswer(upgrade: false, exclusion: .notHTTP)
        }
        let exclusion: HTTPSUpgradeExclusion?
        switch target.host {
        case .ip(let address):
            exclusion = addressExclusion(address, in: browser)
        case .name(let name):
            exclusion = nameExclusion(utf8: Array(name.value.utf8)[...], in: browser, topLevelDomains: topLevelDomains)
        }
        if let exclusion { return HTTPSUpgradeAnswer(upgrade: false, exclusion: exclusion) }
        let port = target.port.flatMap { $0 == 80 ? nil : $0 }
        return HTTPSUpgradeAnswer(upgrade: true, exclusion: nil, nonDefaultPort: port)
    }

    /// The exclusion for a normalized host name given as bytes (lower-case ASCII, no trailing dot), or `nil`.
    ///
    /// Concrete bytes, not a generic collection: `check -` asks once per line, and an unspecialized generic call
    /// across the module boundary costs more than the lookup itself.
    ///
    /// - Complexity: O(n + log t) for a name of n bytes and t top-level domains; allocates nothing.
    public static func nameExclusion(
        utf8 name: ArraySlice<UInt8>,
        in browser: Browser,
        topLevelDomains: TopLevelDomains
    ) -> HTTPSUpgradeExclusion? {
        var dot = name.endIndex
        while dot > name.startIndex {
            if name[dot - 1] == UInt8(ascii: ".") { break }
            dot -= 1
        }
        guard dot > name.startIndex else {
            return name.count == 9 && name.elementsEqual("localhost".utf8) ? .localhost : .singleLabel
        }
        let tld = name[dot...]
        // A last label of digits: the parser has made the host an IPv4 address in dotted decimal.
        if let last = tld.last, last &- UInt8(ascii: "0") < 10,
            let address = IPAddress(String(decoding: name, as: UTF8.self))
        {
            return addressExclusion(address, in: browser)
        }
        // Length first: the comparison with a string's UTF-8 view costs more than the rest of the rule.
        if tld.count == 9 && tld.elementsEqual("localhost".utf8) { return .localhost }
        if browser == .firefox && tld.count == 5 && tld.elementsEqual("onion".utf8) { return .onion }
        if !topLevelDomains.contains(tld) { return .nonUniqueName }
        return nil
    }

    private static func addressExclusion(_ address: IPAddress, in browser: Browser) -> HTTPSUpgradeExclusion? {
        switch address {
        case .v4(let a, let b, _, _):
            if a == 127 { return .localhost }
            // RFC 1918 private, link-local, "this network", CGNAT and multicast/reserved: not publicly routable.
            let nonPublic =
                a == 10 || (a == 172 && (16...31).contains(b)) || (a == 192 && b == 168) || (a == 169 && b == 254)
                || a == 0 || (a == 100 && (64...127).contains(b)) || a >= 224
            if nonPublic { return .nonPublicAddress }
        case .v6(let groups):
            if groups == [0, 0, 0, 0, 0, 0, 0, 1] { return .localhost }
            let first = groups.first ?? 0
            // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast, the unspecified address.
            if first & 0xFE00 == 0xFC00 || first & 0xFFC0 == 0xFE80 || first & 0xFF00 == 0xFF00
                || groups.allSatisfy({ $0 == 0 })
            {
                return .nonPublicAddress
            }
        }
        return browser == .safari ? .ipLiteral : nil
    }
}
