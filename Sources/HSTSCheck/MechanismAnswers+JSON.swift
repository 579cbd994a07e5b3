package import HSTSMechanisms
package import HSTSPreload

extension MechanismAnswers {
    /// `{"preload":{"upgrade":…},…}`, the compact form.
    package func compactJSON(into out: inout String) {
        out += "{\"preload\":{\"upgrade\":"
        out += preload ? "true" : "false"
        out += "},\"dynamic\":{\"upgrade\":"
        out += dynamic.map { $0 ? "true" : "false" } ?? "null"
        out += "},\"https_upgrade\":{\"upgrade\":"
        out += httpsUpgrade.upgrade ? "true" : "false"
        out += "},\"dns\":{\"upgrade\":"
        out += dns.map { $0 ? "true" : "false" } ?? "null"
        out += "}}"
    }

    /// The `--explain` form: each mechanism's answer, why, what it covers and what DevTools shows.
    package func explainedJSON(browser: Browser) -> JSONOutput {
        .object(
            Mechanism.allCases.map { mechanism in
                let traits = mechanism.traits(in: browser)
                var fields: [(String, JSONOutput)] = [
                    ("upgrade", upgrade(mechanism).map(JSONOutput.bool) ?? .null),
                    ("why", .string(reason(mechanism))),
                    ("covers", .array(traits.covers.map { .string($0.rawValue) })),
                    ("http_fallback", .bool(traits.httpFallback)),
                    (
                        "certificate_error_click_through",
                        traits.certificateErrorClickThrough.map(JSONOutput.bool) ?? .null
                    ),
                    ("devtools_status_line", .optional(traits.devToolsStatusLine)),
                    ("non_authoritative_reason", .optional(traits.nonAuthoritativeReason)),
                ]
                if mechanism == .httpsUpgrade {
                    fields.append(("exclusion", .optional(httpsUpgrade.exclusion?.rawValue)))
                }
                return (mechanism.rawValue, .object(fields))
            }
        )
    }

    /// One phrase saying why a mechanism answers as it does.
    package func reason(_ mechanism: Mechanism) -> String {
        switch mechanism {
        case .preload:
            if let knockout {
                return "a learned max-age=0 for \(knockout) sets preloaded entries there and below aside"
                    + (preloadVia.map { "; \($0) still includes subdomains" } ?? "")
            }
            return preloadVia.map { "entry \($0)" } ?? "no entry decides"
        case .dynamic:
            guard let dynamic else { return "give --sts HOST=VALUE or --evidence FILE" }
            return dynamic ? "learned from \(dynamicVia ?? "a header")" : "nothing learned covers this host"
        case .httpsUpgrade:
            if let exclusion = httpsUpgrade.exclusion { return "excluded: \(exclusion.rawValue)" }
            if let port = httpsUpgrade.nonDefaultPort {
                return "tried first on port \(port) (the same port; usually fails and falls back)"
            }
            return "top-level GET navigations tried over https first"
        case .dns:
            return dns == nil ? "not knowable offline: give --https-rr HOST" : "the host publishes an HTTPS record"
        }
    }

    /// `preload yes, dynamic unknown, https_upgrade yes, dns unknown`.
    package var summary: String {
        func word(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "unknown" }
        var text = "preload \(word(preload)), dynamic \(word(dynamic)), https_upgrade \(word(httpsUpgrade.upgrade))"
        if let exclusion = httpsUpgrade.exclusion, exclusion != .notHTTP { text += " (\(exclusion.rawValue))" }
        return text + ", dns \(word(dns))"
    }
}
