import Foundation
import HSTSEligibility
import HSTSPreload
import HSTSProbe
import LoopbackServers
import NIOCore
import Testing

/// Live probes of sites served on loopback by real HTTP and HTTPS servers, with a certificate authority made for
/// the run; every scenario asserts the exact issue codes hstspreload.org would give.
@Suite struct ProbeTests {
    static let good = "max-age=63072000; includeSubDomains; preload"

    /// What the shared HTTP (port 80) and HTTPS (port 443) servers answer, by host and path.
    static func site(_ request: ServerRequest) -> ServerBehavior {
        let hsts = [("Strict-Transport-Security", good)]
        func redirect(_ location: String, _ headers: [(String, String)] = []) -> ServerBehavior {
            .respond(status: 301, headers: [("Location", location)] + headers)
        }
        let host = request.host
        let name = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        if request.overTLS {
            switch (name, request.path) {
            case ("noheader.com", _): return .respond(status: 200, body: "no header")
            case ("twoheaders.com", _): return .respond(status: 200, headers: hsts + hsts, body: "two")
            case ("insecurelater.com", "/plain"): return redirect("http://insecurelater.com/plain", hsts)
            case ("toomany.com", "/1"): return redirect("/2", hsts)
            case ("toomany.com", "/2"): return redirect("/3", hsts)
            case ("toomany.com", "/3"): return redirect("/4", hsts)
            case ("silent.com", _) where host == name: return .neverAnswer
            case ("reset.com", _) where host == name: return .resetMidResponse
            default: return .respond(status: 200, headers: hsts, body: "hello over https")
            }
        }
        switch name {
        case "noredirect.com": return .respond(status: 200, body: "plain http")
        case "wwwfirst.com": return redirect("https://www.wwwfirst.com/")
        case "insecurefirst.com" where request.path == "/": return redirect("http://insecurefirst.com/step")
        case "insecurefirst.com": return redirect("https://insecurefirst.com/")
        case "insecurelater.com" where request.path == "/": return redirect("https://insecurelater.com/plain")
        case "insecurelater.com": return .respond(status: 200, body: "plain again")
        case "toomany.com": return redirect("https://toomany.com/1")
        case "httpheader.com": return redirect("https://httpheader.com/", [("Strict-Transport-Security", good)])
        default: return redirect("https://\(host)\(request.path)")
        }
    }

    /// The servers of one test run and a prober wired to them with `--connect-to` rules.
    struct Sites {
        let authority: TestCertificateAuthority
        let servers: [LoopbackServer]
        let prober: Prober
        let connectTo: [ConnectTo]
        let caFile: String

        static func start(timeout: TimeAmount = .seconds(2)) async throws -> Sites {
            let authority = try TestCertificateAuthority()
            let https = try await LoopbackServer.start(tls: .issued(by: authority), respond: ProbeTests.site)
            let http = try await LoopbackServer.start(respond: ProbeTests.site)
            let stranger = try TestCertificateAuthority(commonName: "not a trusted CA")
            let untrusted = try await LoopbackServer.start(tls: .issued(by: stranger), respond: ProbeTests.site)
            let expired = try await LoopbackServer.start(
                tls: .issued(by: authority, expired: true),
                respond: ProbeTests.site
            )
            // Plain HTTP where TLS is expected: accepts TCP, fails the handshake.
            let noTLS = try await LoopbackServer.start(respond: ProbeTests.site)
            let rules = [
                "untrusted.com:443:127.0.0.1:\(untrusted.port)",
                "expired.com:443:127.0.0.1:\(expired.port)",
                "www.wwwnotls.com:443:127.0.0.1:\(noTLS.port)",
                // A www that does not exist: a port nothing listens on.
                "www.nowww.com:443:127.0.0.1:1",
                ":443:127.0.0.1:\(https.port)",
                ":80:127.0.0.1:\(http.port)",
            ].compactMap(ConnectTo.init(parsing:))
            var configuration = ProbeConfiguration()
            configuration.connectTo = rules
            configuration.additionalTrustRoots = try Prober.trustRoots(pem: Array(try authority.rootPEM().utf8))
            configuration.connectTimeout = timeout
            configuration.tlsTimeout = timeout
            configuration.requestTimeout = timeout
            return Sites(
                authority: authority,
                servers: [https, http, untrusted, expired, noTLS],
                prober: try Prober(configuration: configuration),
                connectTo: rules,
                caFile: try authority.writeRootPEM()
            )
        }

        func stop() async {
            for server in servers { await server.stop() }
            try? FileManager.default.removeItem(atPath: caFile)
        }
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

    static let scenarios: [(domain: String, codes: [String])] = [
        ("eligible.com", []),
        ("nowww.com", []),
        ("noredirect.com", ["redirects.http.no_redirect"]),
        ("wwwfirst.com", ["redirects.http.www_first"]),
        ("insecurefirst.com", ["redirects.http.first_redirect.insecure"]),
        ("insecurelater.com", ["redirects.insecure.subsequent"]),
        ("toomany.com", ["redirects.too_many"]),
        ("noheader.com", ["response.no_header"]),
        ("twoheaders.com", ["response.multiple_headers"]),
        ("httpheader.com", ["redirects.http.useless_header"]),
        ("untrusted.com", ["domain.tls.invalid_cert_chain"]),
        ("expired.com", ["domain.tls.invalid_cert_chain"]),
        ("wwwnotls.com", ["domain.www.no_tls"]),
        ("reset.com", ["response.no_header"]),
    ]

    @Test func everyScenarioGivesTheExactCodes() async throws {
        let sites = try await Sites.start()
        defer { Task { await sites.stop() } }
        for (domain, expected) in Self.scenarios {
            let evidence = await sites.prober.evidence(for: domain)
            let report = Self.auditor.audit(domain, evidence: evidence)
            #expect(report.issues.codes.map(\.rawValue) == expected, "\(domain): \(report.issues) \(evidence.failures)")
            #expect(report.eligible == expected.allSatisfy { $0.hasPrefix("redirects.http.useless") }, "\(domain)")
            // TLS details were observed, so nothing about TLS is left unchecked.
            #expect(!report.notChecked.contains { $0.code.rawValue.hasPrefix("domain.tls") }, "\(domain)")

            // The capture replays offline to the same verdict.
            let har = evidence.harDocument(creatorVersion: "test")
            let replayed = try Evidence.readHAR(Array(har.utf8), fileName: "\(domain).har", domain: domain)
            let offline = Self.auditor.audit(domain, evidence: replayed)
            #expect(offline.issues == report.issues, "\(domain)")
            #expect(offline.notChecked.map(\.code) == report.notChecked.map(\.code), "\(domain)")
        }
    }

    @Test func aServerThatNeverAnswersEndsWithinTheTimeout() async throws {
        let sites = try await Sites.start(timeout: .seconds(1))
        defer { Task { await sites.stop() } }
        let clock = ContinuousClock()
        let start = clock.now
        let evidence = await sites.prober.evidence(for: "silent.com")
        let elapsed = clock.now - start
        let report = Self.auditor.audit("silent.com", evidence: evidence)
        #expect(report.issues.codes.map(\.rawValue) == ["domain.tls.cannot_connect"])
        #expect(report.issues.errors.first?.message.contains("no answer within the request timeout") == true)
        #expect(elapsed < .seconds(4), "took \(elapsed)")
    }

    @Test func aClosedPortIsCannotConnect() async throws {
        var configuration = ProbeConfiguration()
        configuration.connectTo = [ConnectTo(host: nil, port: nil, address: "127.0.0.1", targetPort: 1)]
        let evidence = await (try Prober(configuration: configuration)).evidence(for: "closed.com")
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
