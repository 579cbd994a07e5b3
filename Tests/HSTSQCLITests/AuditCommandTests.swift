import Foundation
import Testing

/// `hstsq audit`, offline from captured evidence, one domain and in batch.
@Suite struct AuditCommandTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    static func objects(_ result: HSTSQProcess.Result) throws -> [[String: Any]] {
        try result.stdoutLines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func passingDomainExitsZeroWithTheIssueShape() throws {
        let result = try HSTSQProcess.run([
            "audit", "passing-site.org", "--evidence", Self.fixture("evidence/passing-site.org.txt"), "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try Self.objects(result).first)
        #expect(object["domain"] as? String == "passing-site.org")
        #expect(object["eligible"] as? Bool == true)
        #expect(object["preloaded"] as? Bool == false)
        #expect((object["errors"] as? [Any])?.isEmpty == true)
        #expect((object["warnings"] as? [Any])?.isEmpty == true)
        let notChecked = (object["not_checked"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(notChecked == ["domain.tls.invalid_cert_chain", "domain.tls.sha1", "tls.obsolete_cipher_suite"])
    }

    @Test func failingDomainExitsOneWithCodes() throws {
        let result = try HSTSQProcess.run([
            "audit", "failing-site.net", "--evidence", Self.fixture("evidence/failing-site.net.har"),
        ])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("failing-site.net: not eligible"))
        #expect(result.stdout.contains("error: response.multiple_headers"))
        #expect(result.stdout.contains("error: redirects.http.www_first"))
        #expect(result.stdout.contains("warning: redirects.http.useless_header"))
    }

    @Test func chromiumHARWithItsOwnHSTSRedirectIsNotEligible() throws {
        let har = Self.fixture("evidence/hsts-capture.org.har")
        let json = try HSTSQProcess.run(["audit", "hsts-capture.org", "--evidence", har, "--json"])
        #expect(json.status == 1, "\(json.stderr)")
        let object = try #require(try Self.objects(json).first)
        #expect(object["eligible"] as? Bool == false)
        #expect(object["browser_had_hsts"] as? Bool == true)
        #expect((object["errors"] as? [Any])?.isEmpty == true)
        let notChecked = try #require(object["not_checked"] as? [[String: Any]])
        let noRedirect = try #require(notChecked.first { $0["code"] as? String == "redirects.http.no_redirect" })
        #expect(
            noRedirect["reason"] as? String
                == "the browser upgraded internally (HSTS); the capture holds no server response for http://hsts-capture.org/"
        )
        let text = try HSTSQProcess.run(["audit", "hsts-capture.org", "--evidence", har])
        #expect(text.status == 1)
        #expect(text.stdout.hasPrefix("hsts-capture.org: not eligible"))
        #expect(text.stdout.contains("the browser already had HSTS for hsts-capture.org"))
        #expect(text.stdout.contains("not checked: redirects.http.no_redirect (the browser upgraded internally"))
    }

    @Test func alreadyPreloadedDomainsSayByWhichEntry() throws {
        let result = try HSTSQProcess.run([
            "audit", "a.figma.com", "--evidence", Self.fixture("evidence/passing-site.org.txt"), "--json",
        ])
        let object = try #require(try Self.objects(result).first)
        #expect(object["preloaded"] as? Bool == true)
        let by = try #require(object["preloaded_by"] as? [String: Any])
        #expect(by["name"] as? String == "figma.com")
        #expect(by["match"] as? String == "ancestor")
        #expect((object["errors"] as? [[String: Any]])?.first?["code"] as? String == "domain.is_subdomain")
    }

    @Test func malformedEvidenceIsAUsageErrorNamingThePlace() throws {
        let result = try HSTSQProcess.run([
            "audit", "broken-capture.com", "--evidence", Self.fixture("evidence/broken-capture.com.txt"),
        ])
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("hstsq: error: "))
        #expect(result.stderr.contains("broken-capture.com.txt:2:1: expected a header line"))
        let missing = try HSTSQProcess.run(["audit"])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("Missing expected argument '<domain>'"))
    }

    @Test func batchStreamsJSONLinesAndEndsWithASummary() throws {
        let result = try HSTSQProcess.run([
            "audit", "--batch", Self.fixture("batch-domains.txt"), "--evidence-dir", Self.fixture("evidence"), "--json",
        ])
        #expect(result.status == 3)
        let objects = try Self.objects(result)
        #expect(objects.count == 6)
        #expect(
            objects.prefix(5).compactMap { $0["domain"] as? String } == [
                "passing-site.org", "failing-site.net", "no-evidence.org", "broken-capture.com", "www.passing-site.org",
            ]
        )
        #expect(objects[0]["eligible"] as? Bool == true)
        #expect(objects[1]["eligible"] as? Bool == false)
        #expect(objects[2]["eligible"] as? Bool == false)
        #expect((objects[2]["not_checked"] as? [Any])?.isEmpty == false)
        #expect((objects[3]["error"] as? [String: Any])?["code"] as? String == "evidence.invalid")
        let summary = try #require(objects[5]["summary"] as? [String: Any])
        #expect(summary["domains"] as? Int == 5)
        #expect(summary["eligible"] as? Int == 1)
        let codes = try #require(summary["codes"] as? [String: Int])
        #expect(codes["domain.is_subdomain"] == 1)
        #expect(codes["response.multiple_headers"] == 1)
        // No progress bar when standard error is not a terminal.
        #expect(!result.stderr.contains("["))
    }
}
