import HSTSMechanisms
import Testing

@Suite struct ListFreshnessTests {
    static let listDay: Int64 = 1_780_272_000  // 2026-06-01

    @Test func calendarDaysRoundTrip() throws {
        #expect(CalendarDay.parse("2026-06-01") == Self.listDay)
        #expect(CalendarDay.format(Self.listDay) == "2026-06-01")
        #expect(CalendarDay.format(Self.listDay + 86_399) == "2026-06-01")
        #expect(CalendarDay.parse("2024-02-29") != nil)
        #expect(CalendarDay.parse("2026-02-29") == nil)
        #expect(CalendarDay.parse("2026-13-01") == nil)
        #expect(CalendarDay.parse("2026-6-1") == nil)
        #expect(CalendarDay.parse("1969-12-31") == nil)
        // Every day from 1970 to 2100 formats back to what parses to it (leap days and century years included).
        var seconds: Int64 = -86_400
        #expect(CalendarDay.format(seconds) == "1969-12-31")
        #expect(CalendarDay.format(-1) == "1969-12-31")
        while seconds < 4_102_444_800 {
            seconds += 86_400
            let text = CalendarDay.format(seconds)
            if CalendarDay.parse(text) != seconds {
                Issue.record("\(seconds) formats as \(text)")
                break
            }
        }
        #expect(CalendarDay.format(951_782_400) == "2000-02-29")
        let day = try #require(CalendarDay.parse("2027-02-08"))
        #expect(ListFreshness.days(from: Self.listDay, to: day) == 252)
    }

    @Test(arguments: [(69, true), (70, false), (71, false), (0, true), (-3, true)])
    func chromiumEnforcesAListForSeventyDays(age: Int, enforced: Bool) {
        let freshness = ListFreshness(
            browser: .chromium,
            listDate: Self.listDay,
            asOf: Self.listDay + Int64(age) * 86_400
        )
        #expect(freshness.ageDays == age)
        #expect(freshness.enforced == enforced)
    }

    @Test func browserBuildMovesChromiumsWindow() {
        let build = Self.listDay + 30 * 86_400
        let day99 = ListFreshness(
            browser: .chromium,
            listDate: Self.listDay,
            asOf: Self.listDay + 99 * 86_400,
            browserBuild: build
        )
        #expect(day99.ageDays == 99)
        #expect(day99.enforced == true)
        var day100 = day99
        day100.asOf += 86_400
        #expect(day100.enforced == false)
    }

    @Test func firefoxUsesTheCompiledInExpiration() {
        let expiration = Self.listDay + 10 * 86_400 + 3600
        var freshness = ListFreshness(
            browser: .firefox,
            listDate: Self.listDay,
            asOf: expiration - 1,
            expiration: expiration
        )
        #expect(freshness.enforced == true)
        freshness.asOf = expiration
        #expect(freshness.enforced == false)
        // Without its own list: 18 weeks after the build.
        freshness.expiration = nil
        freshness.asOf = Self.listDay + 125 * 86_400
        #expect(freshness.enforced == true)
        freshness.asOf = Self.listDay + 126 * 86_400
        #expect(freshness.enforced == false)
    }

    @Test func unknownDatesAreUnknown() {
        let freshness = ListFreshness(browser: .chromium, listDate: nil, asOf: Self.listDay)
        #expect(freshness.ageDays == nil)
        #expect(freshness.enforced == nil)
        #expect(ListFreshness(browser: .safari, listDate: Self.listDay, asOf: Self.listDay).enforced == nil)
    }
}
