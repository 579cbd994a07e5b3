import HSTSMechanisms
import HSTSPreload

/// The synthesized response a browser's network panel shows for a request (`check -X METHOD URL`).
struct DevToolsView {
    var method: String
    var url: String
    /// The mechanism that upgrades the request, or `nil` when it goes out as it is.
    var mechanism: Mechanism?
    var statusLine: String?
    var location: String?
    var reason: String?
    /// Whether HTTPS-Upgrades would have upgraded the request had it been a GET navigation.
    var upgradesOnlyGET = false

    var json: JSONOutput {
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

    func text(browser: Browser) -> String {
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

extension Check {
    /// The DevTools view when `-X METHOD` was given.
    func devToolsView(target: LookupTarget, mechanisms: MechanismAnswers, context: CheckContext) -> DevToolsView? {
        guard let method = context.method else { return nil }
        var request = target
        if request.scheme == nil { request.scheme = "http" }
        let scheme = request.scheme ?? "http"
        var host = request.host.text
        if case .ip(.v6) = request.host { host = "[" + host + "]" }
        let path = request.pathAndRest.first == "/" ? request.pathAndRest : "/" + request.pathAndRest
        let url = scheme + "://" + host + (request.port.map { ":\($0)" } ?? "") + path
        let kind: RequestKind = scheme == "ws" ? .webSocket : (method == "GET" ? .topLevelNavigation : .postWithBody)
        var view = DevToolsView(method: method, url: url)
        guard scheme == "http" || scheme == "ws", let mechanism = mechanisms.deciding(for: kind, method: method) else {
            view.upgradesOnlyGET = scheme == "http" && method != "GET" && mechanisms.httpsUpgrade.upgrade
            return view
        }
        let traits = mechanism.traits(in: context.browser)
        view.mechanism = mechanism
        view.statusLine = traits.devToolsStatusLine
        view.reason = traits.nonAuthoritativeReason
        // The same rewrite as the internal redirect: https (wss), port 80 dropped, other ports and the rest kept.
        let port = request.port.flatMap { $0 == 80 ? nil : $0 }
        view.location = (scheme == "ws" ? "wss" : "https") + "://" + host + (port.map { ":\($0)" } ?? "") + path
        return view
    }

    /// The per-mechanism lines of the text answer.
    func textMechanisms(target: LookupTarget, mechanisms: MechanismAnswers, context: CheckContext) -> String {
        var out = "\n  mechanisms (\(context.browser.displayName)): \(mechanisms.summary)"
        if explain {
            for mechanism in Mechanism.allCases {
                let traits = mechanism.traits(in: context.browser)
                let answer = mechanisms.upgrade(mechanism).map { $0 ? "upgraded" : "not upgraded" } ?? "unknown"
                out += "\n    \(mechanism.rawValue): \(answer) (\(mechanisms.reason(mechanism)))"
                out += "\n      covers \(traits.covers.map(\.rawValue).joined(separator: ", "))"
                out += "; http fallback: \(traits.httpFallback ? "yes" : "no")"
                if let click = traits.certificateErrorClickThrough {
                    out += "; certificate errors: \(click ? "can be clicked through" : "cannot be clicked through")"
                }
                if let status = traits.devToolsStatusLine {
                    out += "\n      DevTools: \(status)"
                    if let reason = traits.nonAuthoritativeReason { out += ", Non-Authoritative-Reason: \(reason)" }
                }
            }
            let freshness = context.freshness
            let answering = context.answering
            out += "\n  list: \(answering.label)"
            out += " (\(answering.date.map(CalendarDay.format) ?? "undated"), sha256 \(answering.sha256))"
            if let age = freshness.ageDays { out += ", \(age) days old on \(CalendarDay.format(freshness.asOf))" }
            if let build = freshness.browserBuild { out += "; a browser built on \(CalendarDay.format(build))" }
            switch freshness.enforced {
            case true?: out += "; \(context.browser.displayName) still enforces it"
            case false?: out += "; \(context.browser.displayName) no longer enforces it"
            case nil: out += "; whether \(context.browser.displayName) enforces it is unknown"
            }
        }
        if let view = devToolsView(target: target, mechanisms: mechanisms, context: context) {
            out += view.text(browser: context.browser)
        }
        return out
    }
}
