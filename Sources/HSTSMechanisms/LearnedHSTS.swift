public import HSTSEligibility
public import HSTSPreload

/// HSTS a browser has learned from `Strict-Transport-Security` headers received over HTTPS.
///
/// Built from what the user gives (`--sts HOST=VALUE`, a HAR or curl capture); headers over plain http are ignored
/// (RFC 6797 §8.1), as is a header browsers would not honour (`BrowserVerdict`).
public struct LearnedHSTS: Sendable {
    /// One host's learned state.
    public struct Observation: Sendable, Hashable {
        /// The host the header came from.
        public var host: String
        /// Its max-age; 0 means the header removed what was learned.
        public var maxAge: UInt64
        /// Whether it covers the host's subdomains.
        public var includeSubdomains: Bool
        /// Where it came from (`--sts` or a capture file).
        public var source: String
    }

    /// The latest observation per host.
    public private(set) var observations: [String: Observation] = [:]

    /// An empty state.
    public init() {}

    /// Whether nothing was given: answers are then unknown (`nil`), not negative.
    public var isEmpty: Bool { observations.isEmpty }

    /// Records the header `value` received over HTTPS from `host`; returns why it was ignored, when it was.
    @discardableResult
    public mutating func learn(host: HostName, headerValue value: String, source: String) -> String? {
        let verdict = BrowserVerdict(evaluating: value)
        guard verdict.honored, let maxAge = verdict.maxAge else {
            return verdict.reason ?? "not a valid Strict-Transport-Security value"
        }
        observations[host.value] = Observation(
            host: host.value,
            maxAge: maxAge,
            includeSubdomains: verdict.includeSubdomains,
            source: source
        )
        return nil
    }

    /// Records every HTTPS response of a capture that carries exactly one `Strict-Transport-Security` header.
    ///
    /// Several headers in one response are ignored: Chromium joins them into one value, which does not parse.
    public mutating func learn(from evidence: Evidence) {
        for (key, response) in evidence.responses.sorted(by: { $0.key < $1.key }) {
            guard let url = ObservedURL(key), url.scheme == "https", response.strictTransportSecurity.count == 1,
                let value = response.strictTransportSecurity.first, let host = try? HostName(url.host)
            else { continue }
            learn(host: host, headerValue: value, source: evidence.source)
        }
    }

    /// The dynamic-HSTS answer for `host`: any ancestor (or the host) with a live entry that includes subdomains,
    /// or the host's own live entry (Chromium `TransportSecurityState::GetDynamicSTSState`; Firefox
    /// `nsSiteSecurityService` walks up the same way).
    ///
    /// - Returns: `nil` when nothing was learned at all.
    public func decision(for host: HostName) -> (upgrade: Bool, via: Observation?)? {
        if observations.isEmpty { return nil }
        var name = Substring(host.value)
        var exact = true
        while true {
            if let observation = observations[String(name)], observation.maxAge > 0,
                exact || observation.includeSubdomains
            {
                return (true, observation)
            }
            guard let dot = name.firstIndex(of: ".") else { break }
            name = name[name.index(after: dot)...]
            exact = false
        }
        return (false, nil)
    }

    /// The most specific name at or above `host` whose learned `max-age=0` removes preloaded entries in Firefox
    /// (entries at that name and below it stop applying; a parent's include_subdomains still does).
    public func firefoxKnockout(for host: HostName) -> String? {
        var name = Substring(host.value)
        while true {
            if let observation = observations[String(name)], observation.maxAge == 0 { return observation.host }
            guard let dot = name.firstIndex(of: ".") else { return nil }
            name = name[name.index(after: dot)...]
        }
    }
}
