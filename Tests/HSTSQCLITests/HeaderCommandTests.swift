import Foundation
import Testing

/// `hstsq header` as scripts see it (docs/cli-contract.md): exit 0 / 1 / 2 / 3 and the JSON fields.
@Suite struct HeaderCommandTests {
    static func object(_ result: HSTSQProcess.Result) throws -> [String: Any] {
        let line = try #require(result.stdoutLines.first)
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func preloadableHeaderExitsZeroWithTheContractFields() throws {
        let result = try HSTSQProcess.run(["header", "--json", "max-age=31536000; includeSubDomains; preload"])
        #expect(result.status == 0)
        let object = try Self.object(result)
        #expect(object["header"] as? String == "max-age=31536000; includeSubDomains; preload")
        #expect(object["max_age"] as? Int == 31_536_000)
        #expect(object["include_subdomains"] as? Bool == true)
        #expect(object["preload"] as? Bool == true)
        #expect(object["preloadable"] as? Bool == true)
        #expect((object["errors"] as? [Any])?.isEmpty == true)
        #expect((object["warnings"] as? [Any])?.isEmpty == true)
        #expect(object["honored_by_browsers"] as? Bool == true)
    }

    @Test(arguments: [
        ("0", "0"), ("9223372036854775807", "9223372036854775807"), ("9223372036854775808", "9223372036854775808"),
        ("18446744073709551615", "18446744073709551615"),
        // Beyond 64 bits the checker has no max-age (header.parse.max_age.parse_int_error): null.
        ("18446744073709551616", "null"), ("99999999999999999999999", "null"),
    ])
    func maxAgeIsTheExactInteger(given: String, expected: String) throws {
        let result = try HSTSQProcess.run(["header", "--json", "max-age=\(given); includeSubDomains; preload"])
        let line = try #require(result.stdoutLines.first)
        #expect(line.contains("\"max_age\":\(expected),"), "\(line)")
        let codes = try (Self.object(result)["errors"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(codes?.contains("header.parse.max_age.parse_int_error") == (expected == "null"))
    }

    @Test func eachBrowsersStoredPolicyIsReported() throws {
        let result = try HSTSQProcess.run(["header", "--json", "max-age=63072000; includeSubDomains; preload"])
        let browsers = try #require(try Self.object(result)["browsers"] as? [String: [String: Any]])
        let chromium = try #require(browsers["chromium"])
        #expect(chromium["accepted"] as? Bool == true)
        #expect(chromium["stored_max_age"] as? Int == 31_536_000)
        #expect(chromium["max_age_capped"] as? Bool == true)
        #expect(chromium["include_subdomains"] as? Bool == true)
        #expect(chromium["removes_entry"] as? Bool == false)
        #expect(chromium["reason"] is NSNull)
        let firefox = try #require(browsers["firefox"])
        #expect(firefox["stored_max_age"] as? Int == 63_072_000)
        #expect(firefox["max_age_capped"] as? Bool == false)

        let rejected = try HSTSQProcess.run(["header", "--json", "max-age=100; max-age=100"])
        let both = try #require(try Self.object(rejected)["browsers"] as? [String: [String: Any]])
        #expect(both["chromium"]?["accepted"] as? Bool == false)
        #expect(both["chromium"]?["stored_max_age"] is NSNull)
        #expect(both["firefox"]?["reason"] as? String == "max-age appears more than once")

        let text = try HSTSQProcess.run(["header", "max-age=63072000; includeSubDomains; preload"])
        #expect(
            text.stdout.contains(
                "  chromium: stores max-age 31536000 s (365 days), capped from 63072000, includeSubDomains"
            )
        )
        #expect(text.stdout.contains("  firefox: stores max-age 63072000 s (730 days), includeSubDomains"))
        let removal = try HSTSQProcess.run(["header", "--removal", "max-age=0"])
        #expect(removal.stdout.contains("  chromium: max-age=0: deletes the HSTS it has stored for the host"))
    }

    @Test func warningsOnlyExitTwoErrorsExitOne() throws {
        let warned = try HSTSQProcess.run(["header", "--json", "max-age=31536000; includeSubDomains; preload; foo"])
        #expect(warned.status == 2)
        let warnings = try #require(try Self.object(warned)["warnings"] as? [[String: Any]])
        #expect(warnings.first?["code"] as? String == "header.parse.unknown_directive")
        #expect(warnings.first?["summary"] != nil && warnings.first?["message"] != nil)
        let failed = try HSTSQProcess.run(["header", "--json", "max-age=100"])
        #expect(failed.status == 1)
        let object = try Self.object(failed)
        #expect(object["preloadable"] as? Bool == false)
        let codes = (object["errors"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(
            codes == [
                "header.preloadable.include_sub_domains.missing", "header.preloadable.preload.missing",
                "header.preloadable.max_age.below_1_year",
            ]
        )
    }

    @Test func removalAndPolicyOptions() throws {
        let removal = try HSTSQProcess.run(["header", "--json", "--removal", "max-age=0"])
        #expect(removal.status == 0)
        #expect(try Self.object(removal)["removable"] as? Bool == true)
        let weeks = try HSTSQProcess.run([
            "header", "--policy", "bulk-18-weeks", "max-age=10886400; includeSubDomains; preload",
        ])
        #expect(weeks.status == 0)
        #expect(weeks.stdout.contains("preloadable (bulk-18-weeks): yes"))
    }

    @Test func browserViewIsReportedSeparately() throws {
        let result = try HSTSQProcess.run(["header", "--json", "max-age=31536000; includeSubDomains; preload; preload"])
        #expect(result.status == 2)
        let object = try Self.object(result)
        #expect(object["honored_by_browsers"] as? Bool == false)
        #expect((object["honored_by_browsers_reason"] as? String)?.contains("more than once") == true)
    }

    @Test func usageErrorsExitThree() throws {
        for arguments in [["header"], ["header", "--policy", "bulk-2-years", "max-age=1"]] {
            let result = try HSTSQProcess.run(arguments)
            #expect(result.status == 3, "\(arguments)")
            #expect(result.stderr.hasPrefix("hstsq: error: "))
        }
    }
}
