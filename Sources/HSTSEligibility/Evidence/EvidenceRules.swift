/// The hstspreload.org response and redirect requirements, evaluated over captured evidence.
///
/// Mirrors the reference checker's order: the HTTPS response's header, then the HTTP redirects (with the first
/// redirect's HSTS check masked when the main response already failed), then the HTTPS redirects, then www.
/// A requirement the evidence cannot decide goes to `notChecked`, never counted as passed.
public enum EvidenceRules {
    /// At most this many redirects are followed.
    public static let maximumRedirects = 3

    /// eTLDs whose `www` subdomain cannot be served over HTTPS by site owners (the reference's allowlist).
    public static let wwwExemptSuffixes: Set<String> = ["appspot.com"]

    /// The outcome of the evidence checks.
    public struct Outcome: Sendable {
        /// Issues found.
        public var issues = Issues()
        /// Requirements the evidence could not decide, as issue codes with the reason.
        public var notChecked: [(code: IssueCode, reason: String)] = []
        /// The single Strict-Transport-Security value of the HTTPS response, when there was exactly one.
        public var header: String?
        /// Whether the capture shows the browser already holding HSTS for the host (its own internal redirect).
        public var browserHadHSTS = false
    }

    /// The rules that need the server's own answer to `http://DOMAIN/`: not checked when the capture holds only
    /// the browser's internal redirect.
    public static let httpAnswerRules: [IssueCode] = [
        .redirectsHTTPNoRedirect, .redirectsHTTPFirstRedirectNoHSTS, .redirectsHTTPFirstRedirectInsecure,
        .redirectsHTTPWWWFirst, .redirectsHTTPFirstRedirectInvalid, .redirectsHTTPUselessHeader,
        .redirectsHTTPDoesNotExist,
    ]

    /// Evaluates `evidence` for `domain` (normalized).
    ///
    /// `checkWWW` is false when the domain is not an eTLD+1 or its suffix is exempt.
    public static func evaluate(_ evidence: Evidence, domain: String, policy: PreloadPolicy, checkWWW: Bool) -> Outcome
    {
        var outcome = Outcome()
        outcome.browserHadHSTS = evidence.browserHadHSTS(for: domain)
        let https = ObservedURL(scheme: "https", host: domain)
        let http = ObservedURL(scheme: "http", host: domain)

        // The HTTPS response.
        var responseIssues = Issues()
        if let response = evidence.responses[https.key] {
            responseIssues = headerIssues(response, policy: policy, header: &outcome.header)
        } else if let failure = evidence.failures[https.key] {
            // With an invalid chain the probe has already said why TLS failed: one error, not two.
            if !evidence.tlsIssues.codes.contains(.domainTLSInvalidCertChain) {
                responseIssues.error(
                    .domainTLSCannotConnect,
                    "Cannot connect using TLS",
                    "We cannot connect to https://\(domain) using TLS (\(failure))."
                )
            }
        } else {
            outcome.notChecked.append((.responseNoHeader, "the capture has no response for \(https)"))
        }
        outcome.issues.append(responseIssues)
        outcome.issues.append(evidence.tlsIssues)
        if !evidence.hasTLSDetails {
            for code in [IssueCode.domainTLSInvalidCertChain, .domainTLSSHA1, .tlsObsoleteCipherSuite] {
                outcome.notChecked.append((code, "the capture holds no TLS details"))
            }
        }
        let reachable = evidence.responses[https.key] != nil

        // HTTP redirects.
        if evidence.responses[http.key] == nil && evidence.failures[http.key] == nil {
            if let reason = evidence.browserSynthesized[http.key] {
                let why =
                    "the browser upgraded internally (\(reason)); the capture holds no server response for \(http)"
                for code in httpAnswerRules { outcome.notChecked.append((code, why)) }
            } else {
                outcome.notChecked.append((.redirectsHTTPNoRedirect, "the capture has no response for \(http)"))
            }
        } else if reachable {
            let (general, firstRedirectHSTS) = httpRedirects(evidence, from: http, domain: domain, policy: policy)
            outcome.issues.append(general)
            // Redundant when the main response's header already failed (the reference masks it the same way).
            if responseIssues.errors.isEmpty { outcome.issues.append(firstRedirectHSTS) }
        }

        // HTTPS redirects.
        if reachable {
            let chain = follow(evidence, from: https)
            outcome.issues.append(chainIssues(chain, initial: https))
        }

        // www.
        if checkWWW && reachable {
            let www = ObservedURL(scheme: "https", host: "www." + domain)
            if let failure = evidence.failures[www.key] {
                outcome.issues.error(
                    .domainWWWNoTLS,
                    "www subdomain does not support HTTPS",
                    "Domain error: The www subdomain exists, but we couldn't connect to it using HTTPS (\(failure)). Since many people type this by habit, HSTS preloading would likely cause issues for your site."
                )
            } else if evidence.responses[www.key] == nil && evidence.wwwAcceptsTCP != false {
                outcome.notChecked.append((.domainWWWNoTLS, "the capture has nothing for \(www)"))
            }
        }
        return outcome
    }

    /// `response.*` and the header requirements for one response.
    static func headerIssues(_ response: ObservedResponse, policy: PreloadPolicy, header: inout String?) -> Issues {
        var issues = Issues()
        switch response.strictTransportSecurity.count {
        case 0:
            issues.error(
                .responseNoHeader,
                "No HSTS header",
                "Response error: No HSTS header is present on the response."
            )
        case 1:
            header = response.strictTransportSecurity[0]
            issues.append(
                HeaderRequirements.preloadable(
                    StrictTransportSecurity(parsing: response.strictTransportSecurity[0]),
                    policy: policy
                )
            )
        default:
            issues.error(
                .responseMultipleHeaders,
                "Multiple HSTS headers",
                "Response error: Multiple HSTS headers (number of HSTS headers: \(response.strictTransportSecurity.count))."
            )
        }
        return issues
    }

    /// A followed chain: the redirect targets in order, and how it ended.
    struct Chain {
        var redirects: [ObservedURL] = []
        var tooMany = false
        var failure: String?
        /// The chain could not be followed further because the capture stops (not a failure of the site).
        var incomplete = false
    }

    static func follow(_ evidence: Evidence, from start: ObservedURL) -> Chain {
        var chain = Chain()
        var current = start
        while let response = evidence.responses[current.key], response.isRedirect, let location = response.location {
            guard let next = current.resolving(location) else {
                chain.failure = "unparsable Location `\(location)`"
                return chain
            }
            chain.redirects.append(next)
            if chain.redirects.count > maximumRedirects {
                chain.tooMany = true
                return chain
            }
            if next.scheme != "http" && next.scheme != "https" {
                chain.failure = "redirect to unsupported scheme `\(next.scheme)`"
                return chain
            }
            current = next
        }
        if let failure = evidence.failures[current.key], current != start {
            chain.failure = failure
        } else if evidence.responses[current.key] == nil && current != start {
            chain.incomplete = true
        }
        return chain
    }

    static func chainIssues(_ chain: Chain, initial: ObservedURL) -> Issues {
        var issues = Issues()
        if chain.tooMany {
            issues.error(
                .redirectsTooMany,
                "Too many redirects",
                "There are more than \(maximumRedirects) redirects starting from `\(initial)`."
            )
        } else if let failure = chain.failure {
            issues.error(.redirectsFollowError, "Error following redirects", "Redirect error: \(failure)")
        }
        for (index, url) in chain.redirects.prefix(maximumRedirects + 1).enumerated() where url.scheme != "https" {
            if index == 0 {
                issues.error(
                    .redirectsInsecureInitial,
                    "Insecure redirect",
                    "`\(initial)` redirects to an insecure page: `\(url)`"
                )
            } else {
                issues.error(
                    .redirectsInsecureSubsequent,
                    "Insecure redirect",
                    "`\(initial)` redirects to an insecure page on redirect #\(index + 1): `\(url)`"
                )
            }
            break
        }
        return issues
    }

    static func httpRedirects(
        _ evidence: Evidence,
        from http: ObservedURL,
        domain: String,
        policy: PreloadPolicy
    ) -> (Issues, Issues) {
        var general = Issues()
        var firstRedirectHSTS = Issues()
        guard let first = evidence.responses[http.key] else {
            let reason = evidence.failures[http.key] ?? "no response"
            general.warning(
                .redirectsHTTPDoesNotExist,
                "Unavailable over HTTP",
                "The site appears to be unavailable over plain HTTP (\(http): \(reason)). This can prevent users without a freshly updated modern browser from connecting to the site when they visit a URL with the http:// scheme (or with an unspecified scheme). However, this is okay if the site does not wish to support those users."
            )
            return (general, firstRedirectHSTS)
        }
        if !first.strictTransportSecurity.isEmpty {
            general.warning(
                .redirectsHTTPUselessHeader,
                "Unnecessary HSTS header over HTTP",
                "The HTTP page at \(http) sends an HSTS header. This has no effect over HTTP, and should be removed."
            )
        }
        let chain = follow(evidence, from: http)
        if chain.tooMany {
            general.error(
                .redirectsTooMany,
                "Too many redirects",
                "There are more than \(maximumRedirects) redirects starting from `\(http)`."
            )
        } else if let failure = chain.failure, chain.redirects.count > 1 {
            general.error(.redirectsFollowError, "Error following redirects", "Redirect error: \(failure)")
        }
        guard let target = chain.redirects.first else {
            general.error(
                .redirectsHTTPNoRedirect,
                "No redirect from HTTP",
                "`\(http)` does not redirect to `https://\(domain)`."
            )
            return (general, firstRedirectHSTS)
        }
        if target.scheme == "https" && target.host == domain {
            if let response = evidence.responses[target.key] {
                var ignored: String?
                let issues = headerIssues(response, policy: policy, header: &ignored)
                if let firstError = issues.errors.first {
                    firstRedirectHSTS.error(
                        .redirectsHTTPFirstRedirectNoHSTS,
                        "HTTP redirects to a page without HSTS",
                        "`\(http)` redirects to `\(target)`, which does not serve a HSTS header that satisfies preload conditions. First error: \(firstError.summary)"
                    )
                }
            } else if let failure = evidence.failures[target.key] {
                firstRedirectHSTS.error(
                    .redirectsHTTPFirstRedirectInvalid,
                    "Invalid redirect",
                    "`\(http)` redirects to `\(target)`, which we could not connect to: \(failure)"
                )
                return (general, firstRedirectHSTS)
            }
            var rest = chain
            rest.failure = nil
            rest.tooMany = false
            general.append(chainIssues(rest, initial: http))
            return (general, firstRedirectHSTS)
        }
        if target.host == "www." + domain {
            general.error(
                .redirectsHTTPWWWFirst,
                "HTTP redirects to www first",
                "`\(http)` (HTTP) should immediately redirect to `https://\(domain)` (HTTPS) before adding the www subdomain. Right now, the first redirect is to `\(target)`. The extra redirect is required to ensure that any browser which supports HSTS will record the HSTS entry for the top level domain, not just the subdomain."
            )
            return (general, firstRedirectHSTS)
        }
        general.error(
            .redirectsHTTPFirstRedirectInsecure,
            "HTTP does not redirect to HTTPS",
            "`\(http)` (HTTP) redirects to `\(target)`. The first redirect from `\(http)` should be to a secure page on the same host (`https://\(domain)`)."
        )
        return (general, firstRedirectHSTS)
    }
}
