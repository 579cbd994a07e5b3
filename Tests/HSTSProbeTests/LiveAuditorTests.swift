import HSTSEligibility
import HSTSProbe
import LoopbackServers
import NIOCore
import Testing

/// `LiveAuditor` against the loopback sites: one domain, and batches whose results come back in input order
/// however long each domain takes, or as they finish.
@Suite struct LiveAuditorTests {
    @Test func oneDomainCarriesTheEvidenceItWasJudgedOn() async throws {
        let sites = try await TestSites.start()
        defer { Task { await sites.stop() } }
        let prober = try ProbeTests.prober(for: sites)
        defer { Task { await prober.shutdown() } }
        let auditor = LiveAuditor(auditor: ProbeTests.auditor, prober: prober)

        let result = await auditor.audit("noheader.com")
        #expect(result.domain == "noheader.com")
        #expect(result.report.issues.codes.map(\.rawValue) == ["response.no_header"])
        let evidence = try #require(result.evidence)
        #expect(evidence.domain == "noheader.com")
        #expect(ProbeTests.auditor.audit("noheader.com", evidence: evidence).issues == result.report.issues)

        // A domain that fails the format rules is judged without a connection.
        let invalid = await auditor.audit("bad..host")
        #expect(invalid.evidence == nil)
        #expect(invalid.report.issues.codes.first?.rawValue.hasPrefix("domain.format") == true)
    }

    @Test func aBatchYieldsInInputOrderWhileSlowDomainsRun() async throws {
        let sites = try await TestSites.start()
        defer { Task { await sites.stop() } }
        let prober = try ProbeTests.prober(for: sites, timeout: .seconds(1))
        defer { Task { await prober.shutdown() } }
        let auditor = LiveAuditor(auditor: ProbeTests.auditor, prober: prober)
        // The first domain never answers: the ones after it finish first and wait for it.
        let domains = [
            "silent.com", "eligible-1.com", "bad..host", "noheader-2.com", "twoheaders-3.com", "eligible-4.com",
        ]
        var results: [LiveAudit] = []
        for await result in auditor.audit(domains, concurrency: 3) { results.append(result) }
        #expect(results.map(\.domain) == domains)
        let codes = results.map { $0.report.issues.codes.map(\.rawValue) }
        #expect(codes[0] == ["domain.tls.cannot_connect"])
        #expect(codes[1].isEmpty && codes[5].isEmpty)
        #expect(codes[2].first?.hasPrefix("domain.format") == true)
        #expect(codes[3] == ["response.no_header"] && codes[4] == ["response.multiple_headers"])
        #expect(results[2].evidence == nil && !results[2].report.eligible)
        #expect(results.map(\.report.eligible) == [false, true, false, false, false, true])
    }

    @Test func aBatchInCompletionOrderDoesNotWaitForSlowDomains() async throws {
        let sites = try await TestSites.start()
        defer { Task { await sites.stop() } }
        let prober = try ProbeTests.prober(for: sites, timeout: .seconds(2))
        defer { Task { await prober.shutdown() } }
        let auditor = LiveAuditor(auditor: ProbeTests.auditor, prober: prober)
        var results: [LiveAudit] = []
        for await result in auditor.audit(["silent.com", "eligible-1.com"], concurrency: 2, order: .completion) {
            results.append(result)
        }
        #expect(results.map(\.domain) == ["eligible-1.com", "silent.com"])
        #expect(results.map(\.report.eligible) == [true, false])
    }

    @Test func anEmptyBatchFinishesAtOnce() async throws {
        let prober = try Prober(configuration: ProbeConfiguration())
        defer { Task { await prober.shutdown() } }
        var count = 0
        for await _ in LiveAuditor(auditor: ProbeTests.auditor, prober: prober).audit([], concurrency: 0) { count += 1 }
        #expect(count == 0)
    }
}
