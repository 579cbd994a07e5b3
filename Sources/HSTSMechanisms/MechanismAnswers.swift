public import HSTSPreload

/// Each mechanism's answer for one target in one engine.
public struct MechanismAnswers: Sendable, Hashable {
    /// The static list under the engine's rule (what `upgrade` reports for Chromium).
    public var preload: Bool
    /// The entry name that decided `preload`, when one did.
    public var preloadVia: String?
    /// Firefox only: the name whose learned `max-age=0` set preloaded entries aside.
    public var knockout: String?
    /// HSTS learned from headers; `nil` when no evidence was given.
    public var dynamic: Bool?
    /// The host whose learned header decided `dynamic`.
    public var dynamicVia: String?
    /// The browser trying https first for a top-level GET navigation.
    public var httpsUpgrade: HTTPSUpgradeAnswer
    /// An HTTPS DNS record; `nil` unless the user said whether the host publishes one.
    public var dns: Bool?

    /// The answer for one mechanism (`nil`: not knowable from what was given).
    public func upgrade(_ mechanism: Mechanism) -> Bool? {
        switch mechanism {
        case .preload: preload
        case .dynamic: dynamic
        case .httpsUpgrade: httpsUpgrade.upgrade
        case .dns: dns
        }
    }

    /// The mechanism a request of `kind` is upgraded by first, in the order the browser applies them: HSTS (static,
    /// then learned) before the request, then an HTTPS record at DNS time, then HTTPS-Upgrades for navigations.
    public func deciding(for kind: RequestKind, method: String) -> Mechanism? {
        if preload { return .preload }
        if dynamic == true { return .dynamic }
        if dns == true { return .dns }
        if httpsUpgrade.upgrade && kind == .topLevelNavigation && method == "GET" { return .httpsUpgrade }
        return nil
    }

    /// Computes every mechanism's answer.
    ///
    /// - Parameters:
    ///   - target: the parsed target.
    ///   - decision: the static list's decision under the engine's matching rule.
    ///   - list: the list, for Firefox's knockout rule.
    ///   - browser: the engine.
    ///   - learned: HSTS learned from headers.
    ///   - httpsRecord: whether the host publishes an HTTPS record (`nil`: unknown).
    ///   - topLevelDomains: the Public Suffix List's top-level domains.
    /// - Returns: each mechanism's answer, `nil` where the inputs cannot tell.
    public static func compute(
        target: LookupTarget,
        decision: UpgradeDecision,
        list: PreloadList,
        browser: Browser,
        learned: LearnedHSTS,
        httpsRecord: Bool?,
        topLevelDomains: TopLevelDomains
    ) -> MechanismAnswers {
        var preload = decision.upgrade
        var via: String? = nil
        var knockout: String? = nil
        var dynamic: Bool? = nil
        var dynamicVia: String? = nil
        if case .name(let host) = target.host {
            via = decision.entry.map { String($0.name(in: host)) }
            if browser == .firefox, let name = learned.firefoxKnockout(for: host) {
                // A learned max-age=0 sets aside preloaded entries at `name` and below; parents still apply.
                knockout = name
                let limit = name.utf8.count
                let parent = list.matchingEntries(for: host).filter { $0.nameLength < limit }
                    .first { $0.mode == .forceHTTPS && $0.includeSubdomains }
                preload = parent != nil
                via = parent.map { String($0.name(in: host)) }
            }
            if let answer = learned.decision(for: host) {
                dynamic = answer.upgrade
                dynamicVia = answer.via?.host
            }
        }
        if browser == .firefox, target.host.isIPAddress {
            // Firefox looks host names up in its list, never IP literals (observed with the 1.0.0.1 entry).
            preload = false
            via = nil
        }
        return MechanismAnswers(
            preload: preload,
            preloadVia: via,
            knockout: knockout,
            dynamic: dynamic,
            dynamicVia: dynamicVia,
            httpsUpgrade: HTTPSUpgradeRule.answer(for: target, in: browser, topLevelDomains: topLevelDomains),
            dns: httpsRecord
        )
    }
}

extension MechanismAnswers {
    /// The answers for a host name when nothing was learned and no DNS record is known.
    ///
    /// The list's answer and the HTTPS-Upgrades rule's (it tries https first unless `exclusion`); `check -` renders
    /// each such pair once.
    package init(preload: Bool, httpsUpgradeExclusion exclusion: HTTPSUpgradeExclusion?) {
        self.init(
            preload: preload,
            preloadVia: nil,
            knockout: nil,
            dynamic: nil,
            dynamicVia: nil,
            httpsUpgrade: HTTPSUpgradeAnswer(upgrade: exclusion == nil, exclusion: exclusion, nonDefaultPort: nil),
            dns: nil
        )
    }
}
