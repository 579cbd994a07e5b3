package import HSTSMechanisms
package import HSTSPreload

/// What every answer of one `check` run shares, computed once: the list and what names it, the engine, the rule,
/// the day, what was learned.
package struct CheckContext: Sendable {
    package let answering: AnsweringList
    package let browser: Browser
    package let semantics: MatchingSemantics
    package let freshness: ListFreshness
    /// The `list` object, rendered once: `check -` writes these bytes on every line.
    package let listJSON: String
    package let learned: LearnedHSTS
    /// Hosts with an HTTPS record (normalized).
    package let httpsRecords: Set<String>
    package let topLevelDomains: TopLevelDomains
    /// The request method for the DevTools view, upper-cased.
    package let method: String?

    /// Whether `check -` may answer plain host names from bytes: nothing per host but the list and the name.
    package var fastPathAllowed: Bool { learned.isEmpty && httpsRecords.isEmpty && method == nil }

    /// Whether the engine answers from another engine's list (no Firefox list is available).
    package var listIsChromiums: Bool { browser != .chromium && answering.listOf == .chromium }

    /// The context for answers from `answering` for `browser` under `semantics` on the day `asOf` (seconds since
    /// 1970); `browserBuild` is the day the browser was built, when given; `method` an upper-case HTTP method for
    /// the DevTools view.
    package init(
        answering: AnsweringList,
        browser: Browser,
        semantics: MatchingSemantics,
        asOf: Int64,
        browserBuild: Int64? = nil,
        learned: LearnedHSTS = LearnedHSTS(),
        httpsRecords: Set<String> = [],
        topLevelDomains: TopLevelDomains,
        method: String? = nil
    ) {
        self.answering = answering
        self.browser = browser
        self.semantics = semantics
        freshness = ListFreshness(
            browser: browser,
            listDate: answering.date,
            asOf: asOf,
            browserBuild: browserBuild,
            expiration: browser == .firefox ? answering.expiration : nil
        )
        self.learned = learned
        self.httpsRecords = httpsRecords
        self.topLevelDomains = topLevelDomains
        self.method = method
        var fields: [(String, JSONOutput)] = [
            ("label", .string(answering.label)),
            ("date", .optional(answering.date.map(CalendarDay.format))),
            ("sha256", .string(answering.sha256)),
            ("age_days", freshness.ageDays.map(JSONOutput.int) ?? .null),
            ("browser", .string(browser.rawValue)),
            ("list_of", .string(answering.listOf.rawValue)),
            ("enforced", freshness.enforced.map(JSONOutput.bool) ?? .null),
        ]
        if let browserBuild { fields.append(("browser_build", .string(CalendarDay.format(browserBuild)))) }
        listJSON = JSONOutput.object(fields).rendered
    }

    /// The one-line warnings `check` prints before answering: a list the browser no longer enforces, another
    /// engine's list.
    package func warnings() -> [String] {
        var lines: [String] = []
        if freshness.enforced == false, let age = freshness.ageDays {
            let what = "the list \(answering.label) (\(answering.date.map(CalendarDay.format) ?? "undated"))"
            switch browser {
            case .chromium:
                let buildNote =
                    freshness.browserBuild.map { " a browser built on \(CalendarDay.format($0)) is past" }
                    ?? " a browser built with it is past"
                lines.append(
                    "\(what) is \(age) days old on \(CalendarDay.format(freshness.asOf)):\(buildNote) Chromium's \(ListFreshness.chromiumTimelyDays)-day limit and ignores its built-in list; run `hstsq update` for a fresh one"
                )
            case .firefox, .safari:
                lines.append(
                    "\(what) is \(age) days old on \(CalendarDay.format(freshness.asOf)), past its expiration in \(browser.displayName); run `hstsq update` for a fresh one"
                )
            }
        }
        if answering.dateIsImportDate {
            lines.append(
                "the list \(answering.label) has no date label; its age is counted from its import day"
            )
        }
        if listIsChromiums {
            lines.append(
                "answering for \(browser.displayName) from Chromium's list: \(browser.displayName)'s own list may differ (docs/mechanisms.md)"
            )
        }
        return lines
    }

    /// Every mechanism's answer for a parsed target.
    package func mechanisms(target: LookupTarget, decision: UpgradeDecision) -> MechanismAnswers {
        var record: Bool? = nil
        if case .name(let host) = target.host, httpsRecords.contains(host.value) { record = true }
        return MechanismAnswers.compute(
            target: target,
            decision: decision,
            list: answering.list,
            browser: browser,
            learned: learned,
            httpsRecord: record,
            topLevelDomains: topLevelDomains
        )
    }
}
