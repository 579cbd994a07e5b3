import Foundation
import HSTSEligibility
import HSTSPreload
import HSTSProbe
import LoopbackServers
import NIOCore
import Testing

/// Live probes of sites served on loopback by real HTTP and HTTPS servers, with a certificate authority made for
/// the run (`TestSites`); every scenario asserts the exact issue codes hstspreload.org would give.
@Suite struct ProbeTests {
    /// A prober wired to `sites` with their `--connect-to` rules and CA.
    static func prober(for sites: TestSites, timeout: TimeAmount = .seconds(2)) throws -> Prober {
        var configuration = ProbeConfiguration()
        configuration.connectTo = sites.connectTo.compactMap(ConnectTo.init(parsing:))
        let roots = try #require(FileManager.default.contents(atPath: sites.caFile))
        configuration.additionalTrustRoots = try Prober.trustRoots(pem: Array(roots))
        configuration.connectTimeout = timeout
        configuration.tlsTimeout = timeout
        configuration.requestTimeout = timeout
        let domains = TestSites.scenarios.flatMap { [$0.site + ".com", $0.site + "-42.com"] } + ["silent.com"]
        return try Prober(configuration: configuration, domains: domains)
    }

    static let auditor: Auditor = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/public_suffix_list.dat").path
        do {
            let psl = try PublicSuffixList(
                parsing: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))),
                fileName: path
            )
            return Auditor(list: try PreloadList(compiling: PreloadListSource(entries: [])), publicSuffixes: psl)
        } catch {
            fatalError("\(error)")
        }
    }()

    @Test func everyScenarioGivesTheExactCodes() async throws {
        let sites = try await TestSites.start()
        defer { Task { await sites.stop() } }
        let prober = try Self.prober(for: sites)
        defer { Task { await prober.shutdown() } }
        for (site, expected) in TestSites.scenarios {
            let domain = site + ".com"
            let evidence = await prober.evidence(for: domain)
            let report = Self.auditor.audit(domain, evidence: evidence)
            #expect(report.issues.codes.map(\.rawValue) == expected, "\(domain): \(report.issues) \(evidence.failures)")
            #expect(report.eligible == expected.allSatisfy(TestSites.warningCodes.contains), "\(domain)")
            // TLS details were observed, so nothing about TLS is left unchecked.
            #expect(!report.notChecked.contains { $0.code.rawValue.hasPrefix("domain.tls") }, "\(domain)")

            // The capture replays offline to the same verdict.
            let har = evidence.harDocument(creatorVersion: "test")
            let replayed = try Evidence.readHAR(Array(har.utf8), fileName: "\(domain).har", domain: domain)
            let offline = Self.auditor.audit(domain, evidence: replayed)
            #expect(offline.issues == report.issues, "\(domain)")
            #expect(offline.notChecked.map(\.code) == report.notChecked.map(\.code), "\(domain)")

            // A numbered copy (as a batch uses) is the same site.
            if TestSites.numberable.contains(site) {
                let copy = "\(site)-42.com"
                let copyReport = Self.auditor.audit(copy, evidence: await prober.evidence(for: copy))
                #expect(copyReport.issues.codes.map(\.rawValue) == expected, "\(copy)")
            }
        }
    }

    @Test func aServerThatNeverAnswersEndsWithinTheTimeout() async throws {
        let sites = try await TestSites.start()
        defer { Task { await sites.stop() } }
        let prober = try Self.prober(for: sites, timeout: .seconds(1))
        defer { Task { await prober.shutdown() } }
        let clock = ContinuousClock()
        let start = clock.now
        let evidence = await prober.evidence(for: "silent.com")
        let elapsed = clock.now - start
        let report = Self.auditor.audit("silent.com", evidence: evidence)
        #expect(report.issues.codes.map(\.rawValue) == ["domain.tls.cannot_connect"])
        #expect(report.issues.errors.first?.message.contains("no answer within the request timeout") == true)
        // Wall time in this process includes waiting for a cooperative thread while other tests block theirs, so
        // the bound here is loose; LiveAuditCommandTests times the same audit as a process of its own, tightly.
        // Under a sanitizer (scripts/sanitize sets HSTSQ_SANITIZER) everything runs several times slower.
        let sanitized = ProcessInfo.processInfo.environment["HSTSQ_SANITIZER"] != nil
        let bound: Duration = sanitized ? .seconds(120) : .seconds(30)
        #expect(elapsed < bound, "took \(elapsed)")
    }

    @Test func aClosedPortIsCannotConnect() async throws {
        var configuration = ProbeConfiguration()
        configuration.connectTo = [ConnectTo(host: nil, port: nil, address: "127.0.0.1", targetPort: 1)]
        let prober = try Prober(configuration: configuration, domains: ["closed.com"])
        let evidence = await prober.evidence(for: "closed.com")
        await prober.shutdown()
        let report = Self.auditor.audit("closed.com", evidence: evidence)
        #expect(report.issues.codes.map(\.rawValue) == ["domain.tls.cannot_connect"])
        #expect(!report.eligible)
    }

    @Test func connectToRulesParseLikeCurl() throws {
        let rule = try #require(ConnectTo(parsing: "example.com:443:[::1]:8443"))
        #expect(rule.host == "example.com" && rule.port == 443 && rule.address == "::1" && rule.targetPort == 8443)
        #expect(rule.description == "example.com:443:[::1]:8443")
        #expect(rule.matches(host: "EXAMPLE.com", port: 443))
        #expect(!rule.matches(host: "example.com", port: 80))
        let any = try #require(ConnectTo(parsing: "::127.0.0.1:80"))
        #expect(any.matches(host: "whatever.org", port: 1))
        for bad in ["", "a:b:c:d", "a:1:b", "a:1::80", "a:1:b:0", "a:70000:b:1", "a:1:b:c:2"] {
            #expect(ConnectTo(parsing: bad) == nil, "\(bad)")
        }
    }
}
