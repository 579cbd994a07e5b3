import Foundation
import HSTSEligibility
import HSTSPreload
import Testing

/// The removal requirements and the automated-removal verdict over evidence built in memory.
@Suite struct RemovalTests {
    static let auditor: Auditor = {
        do {
            let list = try PreloadList(
                compiling: PreloadListSource(entries: [
                    Entry(name: "leaving.org", policy: .bulk1Year, mode: .forceHTTPS, includeSubdomains: true),
                    Entry(name: "older.org", policy: .bulk18Weeks, mode: .forceHTTPS, includeSubdomains: true),
                    Entry(name: "legacy.org", policy: .bulkLegacy, mode: .forceHTTPS),
                    Entry(name: "company.org", policy: .custom, mode: .forceHTTPS),
                    Entry(name: "nopolicy.org", mode: .forceHTTPS, includeSubdomains: true),
                    Entry(name: "dev", policy: .publicSuffix, mode: .forceHTTPS, includeSubdomains: true),
                ])
            )
            return Auditor(list: list, publicSuffixes: Fixtures.publicSuffixList)
        } catch {
            fatalError("\(error)")
        }
    }()

    /// Evidence whose `https://DOMAIN/` answered 200 with these HSTS headers.
    static func answering(_ domain: String, _ headers: [String]) -> Evidence {
        var evidence = Evidence(domain: domain, source: "test")
        evidence.record(
            ObservedResponse(status: 200, strictTransportSecurity: headers),
            for: ObservedURL(scheme: "https", host: domain)
        )
        return evidence
    }

    static func codes(_ report: RemovalReport) -> [String] { report.issues.codes.map(\.rawValue) }

    @Test func theResponseRequirements() {
        let cases: [(String, [String], [String])] = [
            ("leaving.org", ["max-age=31536000; includeSubDomains"], []),
            ("leaving.org", ["max-age=0"], []),
            ("leaving.org", ["max-age=31536000; preload"], ["header.removable.contains.preload"]),
            ("leaving.org", ["includeSubDomains"], ["header.removable.missing.max_age"]),
            // Parse errors stay, parse warnings are dropped.
            (
                "leaving.org", ["max-age=1x"],
                ["header.parse.max_age.non_digit_characters", "header.removable.missing.max_age"]
            ),
            ("leaving.org", ["max-age=10; foo"], []),
            ("leaving.org", [], ["response.no_header"]),
            ("leaving.org", ["max-age=1", "max-age=2"], ["response.multiple_headers"]),
            ("legacy.org", ["max-age=0"], []),
            ("company.org", ["max-age=0"], ["server.removable.protected"]),
            ("nopolicy.org", ["max-age=0"], []),
            ("elsewhere.org", ["max-age=0"], ["server.remove.not_preloaded"]),
        ]
        for (domain, headers, expected) in cases {
            let report = Self.auditor.removal(domain, evidence: Self.answering(domain, headers))
            #expect(Self.codes(report) == expected, "\(domain) \(headers)")
            #expect(report.removable == report.issues.errors.isEmpty)
            #expect(report.notChecked.isEmpty)
            #expect(report.header == (headers.count == 1 ? headers[0] : nil))
        }
    }

    @Test func connectionFailuresAndWhatTheListDecides() {
        var refused = Evidence(domain: "leaving.org", source: "test")
        refused.recordFailure("connection refused", for: ObservedURL(scheme: "https", host: "leaving.org"))
        #expect(Self.codes(Self.auditor.removal("leaving.org", evidence: refused)) == ["domain.tls.cannot_connect"])

        var untrusted = Self.answering("leaving.org", ["max-age=31536000; preload"])
        untrusted.tlsIssues.error(.domainTLSInvalidCertChain, "Invalid Certificate Chain", "bad chain")
        // The response fetched without verification is not judged.
        #expect(
            Self.codes(Self.auditor.removal("leaving.org", evidence: untrusted)) == ["domain.tls.invalid_cert_chain"]
        )

        let empty = Evidence(domain: "leaving.org", source: "test")
        let unchecked = Self.auditor.removal("leaving.org", evidence: empty)
        #expect(unchecked.issues.isEmpty)
        #expect(unchecked.notChecked.map(\.code) == [.responseNoHeader])
        #expect(!unchecked.removable)
        #expect(!Self.auditor.removal("leaving.org", evidence: nil).removable)

        let child = Self.auditor.removal("www.leaving.org", evidence: Self.answering("www.leaving.org", ["max-age=0"]))
        #expect(Self.codes(child) == ["server.removable.subdomain"])
        #expect(child.preloadedBy == PreloadingEntry(name: "leaving.org", match: .ancestor, policy: .bulk1Year))
        #expect(Self.codes(Self.auditor.removal("shop.dev", evidence: nil)) == ["server.removable.preloaded_tld"])
        #expect(Self.codes(Self.auditor.removal("a..b", evidence: nil)) == ["domain.format.contains_double_dot"])
    }

    @Test func automatedRemovalFollowsTheEntrysPolicy() throws {
        // Six months: fails a bulk-1-year scan, passes a bulk-18-weeks one.
        let header = "max-age=15768000; includeSubDomains; preload"
        func evidence(_ domain: String) throws -> Evidence {
            let text =
                EvidenceTests.capture("http://\(domain)/", [(301, "https://\(domain)/", []), (200, nil, [header])])
                + EvidenceTests.capture("https://www.\(domain)/", [(200, nil, [header])])
            return try Evidence.readCurl(Array(text.utf8), fileName: "c.txt", domain: domain)
        }
        let older = try #require(Self.auditor.automatedRemoval(for: "older.org", evidence: try evidence("older.org")))
        #expect(older.scanned == true)
        #expect(older.passes == true)
        let leaving = try #require(
            Self.auditor.automatedRemoval(for: "leaving.org", evidence: try evidence("leaving.org"))
        )
        #expect(leaving.passes == false)
        #expect(leaving.failing.map(\.code) == [.headerPreloadableMaxAgeBelow1Year])
        // The check before removal always uses the 18-week minimum: six months passes it.
        #expect(leaving.passesFinalCheck == true)
        #expect(older.passesFinalCheck == true)
        #expect(
            Self.auditor.automatedRemoval(for: "legacy.org", evidence: try evidence("legacy.org"))?.scanned == false
        )
        #expect(Self.auditor.automatedRemoval(for: "nopolicy.org", evidence: nil)?.scanned == nil)
        let child = try #require(Self.auditor.automatedRemoval(for: "www.older.org", evidence: nil))
        #expect(child.entry.match == .ancestor)
        #expect(child.passes == nil)
        #expect(Self.auditor.automatedRemoval(for: "older.org", evidence: nil)?.passes == nil)
        #expect(Self.auditor.automatedRemoval(for: "elsewhere.org", evidence: nil) == nil)
        #expect(Policy.allCases.filter(\.isScannedForAutomatedRemoval) == [.bulk18Weeks, .bulk1Year])
    }
}
