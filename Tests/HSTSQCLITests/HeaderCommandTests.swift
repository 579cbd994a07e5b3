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
