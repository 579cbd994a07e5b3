import Foundation
import HSTSServer
import Testing

@Suite("preloadable and removable, offline from captures")
struct EligibilityEndpointTests {
    static let evidence = ServerHarness.repositoryRoot.appendingPathComponent("Tests/HSTSQCLITests/Fixtures/evidence")
        .path

    static func object(_ body: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }

    static func codes(_ object: [String: Any], _ key: String) -> [String] {
        (object[key] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test("preloadable gives the same issue codes as `hstsq audit --offline --evidence`")
    func preloadableMatchesAudit() async throws {
        let hstsq = try ServerHarness.hstsq()
        try await ServerHarness.withServer(evidenceDirectory: Self.evidence) { base in
            for (domain, file) in [
                ("failing-site.net", "failing-site.net.har"), ("passing-site.org", "passing-site.org.txt"),
            ] {
                let reply = try await ServerHarness.request(base + "/api/v2/preloadable?domain=" + domain)
                #expect(reply.status == 200)
                let served = try Self.object(reply.body)
                let (_, stdout, _) = try await ServerHarness.run(
                    hstsq,
                    [
                        "audit", "--offline", "--json", "--list", ServerHarness.dataFile("preload-2026-06-01.hstsq"),
                        "--evidence", Self.evidence + "/" + file, domain,
                    ]
                )
                let audit = try Self.object(stdout)
                #expect(Self.codes(served, "errors") == Self.codes(audit, "errors"), "\(domain)")
                #expect(Self.codes(served, "warnings") == Self.codes(audit, "warnings"), "\(domain)")
                #expect(served["eligible"] as? Bool == audit["eligible"] as? Bool)
            }
        }
    }

    @Test("removable: a name under a preloaded parent and a protected entry")
    func removable() async throws {
        try await ServerHarness.withServer(evidenceDirectory: Self.evidence) { base in
            let sub = try Self.object(
                try await ServerHarness.request(base + "/api/v2/removable?domain=a.b.figma.com").body
            )
            #expect(Self.codes(sub, "errors") == ["server.removable.subdomain"])
            let tld = try Self.object(try await ServerHarness.request(base + "/api/v2/removable?domain=x.google").body)
            #expect(Self.codes(tld, "errors") == ["server.removable.preloaded_tld"])
            // figma.com has no bulk policy: protected, as on hstspreload.org.
            let own = try Self.object(try await ServerHarness.request(base + "/api/v2/removable?domain=figma.com").body)
            #expect(Self.codes(own, "errors").contains("server.removable.protected"))
            // passing-site.org's capture sends `preload`: not removable yet.
            let passing = try Self.object(
                try await ServerHarness.request(base + "/api/v2/removable?domain=passing-site.org").body
            )
            #expect(Self.codes(passing, "errors") == ["header.removable.contains.preload"])
        }
    }
}
