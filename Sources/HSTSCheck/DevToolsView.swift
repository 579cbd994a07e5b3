package import HSTSMechanisms
package import HSTSPreload

/// The synthesized response a browser's network panel shows for a request (`check -X METHOD URL`).
package struct DevToolsView: Sendable {
    package var method: String
    package var url: String
    /// The mechanism that upgrades the request, or `nil` when it goes out as it is.
    package var mechanism: Mechanism?
    package var statusLine: String?
    package var location: String?
    package var reason: String?
    /// Whether HTTPS-Upgrades would have upgraded the request had it been a GET navigation.
    package var upgradesOnlyGET = false

    /// The view for `method` requesting `target`, given every mechanism's answer.
    package init(method: String, target: LookupTarget, mechanisms: MechanismAnswers, browser: Browser) {
        var request = target
        if request.scheme == nil { request.scheme = "http" }
        let scheme = request.scheme ?? "http"
        var host = request.host.text
        if case .ip(.v6) = request.host { host = "[" + host + "]" }
        let path = request.pathAndRest.first == "/" ? request.pathAndRest : "/" + request.pathAndRest
        self.method = method
        url = scheme + "://" + host + (request.port.map { ":\($0)" } ?? "") + path
        let kind: RequestKind = scheme == "ws" ? .webSocket : (method == "GET" ? .topLevelNavigation : .postWithBody)
        guard scheme == "http" || scheme == "ws", let mechanism = mechanisms.deciding(for: kind, method: method) else {
            upgradesOnlyGET = scheme == "http" && method != "GET" && mechanisms.httpsUpgrade.upgrade
            return
        }
        let traits = mechanism.traits(in: browser)
        self.mechanism = mechanism
        statusLine = traits.devToolsStatusLine
        reason = traits.nonAuthoritativeReason
        // The same rewrite as the internal redirect: https (wss), port 80 dropped, other ports and the rest kept.
        let port = request.port.flatMap { $0 == 80 ? nil : $0 }
        location = (scheme == "ws" ? "wss" : "https") + "://" + host + (port.map { ":\($0)" } ?? "") + path
    }

    package var json: JSONOutput {
        .object([
            ("method", .string(method)),
            ("url", .string(url)),
            ("mechanism", .optional(mechanism?.rawValue)),
            ("status_line", .optional(statusLine)),
            ("location", .optional(location)),
            ("non_authoritative_reason", .optional(reason)),
            ("method_and_body_kept", .bool(statusLine?.hasPrefix("307") ?? false)),
        ])
    }

    package func text(browser: Browser) -> String {
        var out = "\n  DevTools (\(browser.displayName)), network panel:"
        out += "\n    Request URL: \(url)"
        out += "\n    Request Method: \(method)"
        guard let mechanism else {
            out += "\n    (no synthesized response: the request goes out over \(url.hasPrefix("ws:") ? "ws" : "http")"
            out += upgradesOnlyGET ? "; HTTPS-Upgrades tries https first for GET navigations only)" : ")"
            return out
        }
        out += "\n    Status Code: \(statusLine ?? "(not documented for \(browser.displayName))")"
        if let location { out += "\n    Location: \(location)" }
        if let reason { out += "\n    Non-Authoritative-Reason: \(reason)" }
        if statusLine?.hasPrefix("307") ?? false {
            out += "\n    (by \(mechanism.rawValue); a 307 keeps the method \(method)"
            out += method == "GET" || method == "HEAD" ? "" : " and the request body"
            out += mechanism == .httpsUpgrade ? "; falls back to http if https fails)" : ")"
        }
        return out
    }
}
