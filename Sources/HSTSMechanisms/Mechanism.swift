/// One of the four ways a browser turns `http://` into `https://`.
public enum Mechanism: String, Sendable, Hashable, CaseIterable {
    /// The static list compiled into the browser (HSTS preload).
    case preload
    /// HSTS learned from a `Strict-Transport-Security` header over HTTPS.
    case dynamic
    /// The browser trying https first for top-level navigations (Chrome HTTPS-Upgrades, Firefox HTTPS-First, Safari).
    case httpsUpgrade = "https_upgrade"
    /// An HTTPS (SVCB type 65) DNS record for the host.
    case dns
}

/// A kind of request an upgrade mechanism may cover.
public enum RequestKind: String, Sendable, Hashable, CaseIterable {
    /// A top-level GET navigation (typing a URL, following a link).
    case topLevelNavigation = "top-level navigation"
    /// A subresource: script, image, style, iframe, fetch/XHR.
    case subresource
    /// A POST with a body (a form submission); a 307 keeps the method and the body.
    case postWithBody = "POST with body"
    /// A WebSocket `ws://` connection, upgraded to `wss://`.
    case webSocket = "ws://"
}

/// What a mechanism covers and what DevTools shows for it, in one engine.
///
/// Sources and judgement calls: docs/mechanisms.md.
public struct MechanismTraits: Sendable, Hashable {
    /// The requests it upgrades.
    public var covers: [RequestKind]
    /// Whether the browser falls back to `http://` when https fails.
    public var httpFallback: Bool
    /// Whether a certificate error can be clicked through (`nil` when the mechanism leaves the error to the other
    /// rules, as a fallback to http does).
    public var certificateErrorClickThrough: Bool?
    /// The status line the network panel shows for the synthesized redirect (`nil` when not documented).
    public var devToolsStatusLine: String?
    /// The `Non-Authoritative-Reason` header of the synthesized redirect (`nil` when there is none or it is not
    /// documented).
    public var nonAuthoritativeReason: String?
}

extension Mechanism {
    /// The mechanism's coverage and DevTools view in `browser`.
    public func traits(in browser: Browser) -> MechanismTraits {
        let all = RequestKind.allCases
        switch (self, browser) {
        case (.preload, .safari), (.dynamic, .safari):
            // WebKit applies HSTS to every load but shows no Non-Authoritative-Reason header.
            return MechanismTraits(
                covers: all,
                httpFallback: false,
                certificateErrorClickThrough: false,
                devToolsStatusLine: nil,
                nonAuthoritativeReason: nil
            )
        case (.preload, _), (.dynamic, _):
            return MechanismTraits(
                covers: all,
                httpFallback: false,
                certificateErrorClickThrough: false,
                devToolsStatusLine: "307 Internal Redirect",
                nonAuthoritativeReason: "HSTS"
            )
        case (.httpsUpgrade, .chromium):
            return MechanismTraits(
                covers: [.topLevelNavigation],
                httpFallback: true,
                certificateErrorClickThrough: nil,
                devToolsStatusLine: "307 Temporary Redirect",
                nonAuthoritativeReason: "HttpsUpgrades"
            )
        case (.httpsUpgrade, _):
            return MechanismTraits(
                covers: [.topLevelNavigation],
                httpFallback: true,
                certificateErrorClickThrough: nil,
                devToolsStatusLine: nil,
                nonAuthoritativeReason: nil
            )
        case (.dns, .chromium):
            return MechanismTraits(
                covers: all,
                httpFallback: false,
                certificateErrorClickThrough: true,
                devToolsStatusLine: "307 Internal Redirect",
                nonAuthoritativeReason: "DNS"
            )
        case (.dns, _):
            return MechanismTraits(
                covers: all,
                httpFallback: false,
                certificateErrorClickThrough: true,
                devToolsStatusLine: nil,
                nonAuthoritativeReason: nil
            )
        }
    }
}
