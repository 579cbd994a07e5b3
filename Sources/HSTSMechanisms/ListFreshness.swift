import HSTSPreload

/// How old a list is on a given day, and whether a browser built with it would still enforce it then.
///
/// Chromium ignores its built-in list once its build is 70 days old
/// (`net/http/transport_security_state.cc`, `IsBuildTimely`: `(Now() - build_time).InDays() < 70`). Firefox ignores
/// its list after the expiration time compiled into `nsSTSPreloadList.inc` (`nsSiteSecurityService.cpp`:
/// `PR_Now() < gPreloadListExpirationTime`), which its generator sets 18 weeks after the list is made. Times are in
/// seconds since 1970, days are whole UTC days.
public struct ListFreshness: Sendable, Hashable {
    /// Chromium's limit on a build's age, in days.
    public static let chromiumTimelyDays = 70
    /// How long after it is generated Firefox's list expires (`getHSTSPreloadList.js`: 18 weeks).
    public static let firefoxListLifetime: Int64 = 18 * 7 * 86_400

    /// The engine whose rule applies.
    public var browser: Browser
    /// The list's date (seconds), when known.
    public var listDate: Int64?
    /// The day the question is asked about (seconds).
    public var asOf: Int64
    /// When the browser was built (seconds); `nil` means on the list's date.
    public var browserBuild: Int64?
    /// Firefox's compiled-in expiration time (seconds), when the list is Firefox's own.
    public var expiration: Int64?

    /// Creates the freshness of a list dated `listDate` on day `asOf`.
    public init(
        browser: Browser,
        listDate: Int64?,
        asOf: Int64,
        browserBuild: Int64? = nil,
        expiration: Int64? = nil
    ) {
        self.browser = browser
        self.listDate = listDate
        self.asOf = asOf
        self.browserBuild = browserBuild
        self.expiration = expiration
    }

    /// Whole days from the list's date to `asOf` (negative when `asOf` is earlier), or `nil` when the date is unknown.
    public var ageDays: Int? { listDate.map { Self.days(from: $0, to: asOf) } }

    /// When the browser was built: `browserBuild`, else the list's date.
    public var buildDate: Int64? { browserBuild ?? listDate }

    /// When the list stops being enforced: Chromium 70 days after the build; Firefox at its expiration time (else
    /// 18 weeks after the build); `nil` for Safari (no documented limit) or when no date is known.
    public var enforcedUntil: Int64? {
        switch browser {
        case .chromium:
            return buildDate.map { $0 + Int64(Self.chromiumTimelyDays) * 86_400 }
        case .firefox:
            if let expiration { return expiration }
            return buildDate.map { $0 + Self.firefoxListLifetime }
        case .safari:
            return nil
        }
    }

    /// Whether the browser still enforces the list on `asOf`: `nil` when not knowable.
    ///
    /// Chromium: the build's age in whole days (truncated, as `TimeDelta::InDays`) is under 70, so a list built on
    /// day D is enforced through day D+69 and not from day D+70. Firefox: `asOf` is before the expiration time.
    public var enforced: Bool? {
        switch browser {
        case .chromium:
            guard let build = buildDate else { return nil }
            let elapsed = asOf - build
            // InDays truncates toward zero; a build in the future has a negative age and is timely.
            return elapsed / 86_400 < Int64(Self.chromiumTimelyDays)
        case .firefox:
            guard let until = enforcedUntil else { return nil }
            return asOf < until
        case .safari:
            return nil
        }
    }

    /// Whole days from `start` to `end`, rounded down.
    public static func days(from start: Int64, to end: Int64) -> Int {
        let difference = end - start
        let quotient = difference / 86_400
        return Int(difference % 86_400 < 0 ? quotient - 1 : quotient)
    }
}

/// A calendar day, `YYYY-MM-DD` in UTC, as seconds since 1970 at midnight.
public enum CalendarDay {
    /// Parses `YYYY-MM-DD` (years 1970–9999, a real day of that month); `nil` otherwise.
    public static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), year >= 1970,
            (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month)
        else { return nil }
        return Int64(daysSinceEpoch(year: year, month: month, day: day)) * 86_400
    }

    /// `YYYY-MM-DD` of the UTC day holding `seconds`.
    public static func format(_ seconds: Int64) -> String { CivilDay.format(secondsSince1970: seconds) }

    private static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's days_from_civil.
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
