import Foundation
import LoopbackServers
import Testing

/// `hstsq audit` live, through the built binary, against sites served on loopback (`TestSites`): one domain,
/// evidence saved and replayed offline, a batch of 200 with bounded memory, Ctrl-C, and the option errors.
@Suite struct LiveAuditCommandTests {
    /// Whether scripts/sanitize runs the suite: the binary and the servers are several times slower, and resident
    /// memory means nothing.
    static let sanitized = ProcessInfo.processInfo.environment["HSTSQ_SANITIZER"] != nil

    /// Generous timeouts: under a loaded CI machine a handshake can take seconds, and no test here waits on one.
    static func liveArguments(_ sites: TestSites) -> [String] {
        sites.connectTo.flatMap { ["--connect-to", $0] } + [
            "--ca-file", sites.caFile, "--timeout", sanitized ? "60" : "10",
        ]
    }

    static func json(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    static func codes(_ object: [String: Any]) -> [String] {
        ((object["errors"] as? [[String: Any]] ?? []) + (object["warnings"] as? [[String: Any]] ?? []))
            .compactMap { $0["code"] as? String }
    }

    @Test func oneDomainLiveThenReplayedOffline() async throws {
        let sites = try await TestSites.start()
        defer { Task { await sites.stop() } }
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-evidence-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: saved) }

        let eligible = try HSTSQProcess.run(["audit", "eligible.com"] + Self.liveArguments(sites))
        #expect(eligible.status == 0, "\(eligible.stdout)\(eligible.stderr)")
        #expect(eligible.stdout.hasPrefix("eligible.com: eligible\n"))
        #expect(eligible.stdout.contains("Strict-Transport-Security: \(TestSites.goodHeader)"))
        #expect(!eligible.stdout.contains("not checked"))

        for (site, expected) in TestSites.scenarios {
            let domain = site + ".com"
            let live = try HSTSQProcess.run(
                ["audit", domain, "--json", "--save-evidence", saved] + Self.liveArguments(sites)
            )
            let object = try Self.json(live.stdout)
            #expect(Self.codes(object) == expected, "\(domain)")
            #expect(
                live.status == (expected.isEmpty ? 0 : expected.allSatisfy(TestSites.warningCodes.contains) ? 2 : 1)
            )
            let replay = try HSTSQProcess.run(
                ["audit", domain, "--json", "--offline", "--evidence", "\(saved)/\(domain).har"]
            )
            #expect(replay.status == live.status, "\(domain): \(replay.stderr)")
            let replayed = try Self.json(replay.stdout)
            #expect(Self.codes(replayed) == expected, "\(domain)")
            #expect(replayed["eligible"] as? Bool == object["eligible"] as? Bool)
            #expect(
                (replayed["not_checked"] as? [[String: Any]])?.count
                    == (object["not_checked"] as? [[String: Any]])?.count
            )
        }
    }

    @Test func batchOf200WithBoundedMemory() async throws {
        let sites = try await TestSites.start(threads: 2)
        defer { Task { await sites.stop() } }
        let kinds = TestSites.numberable.sorted()
        let domains = (0..<200).map { "\(kinds[$0 % kinds.count])-\($0).com" }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-batch-\(UUID()).txt").path
        try domains.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }

        let (result, peakKiB) = try HSTSQProcess.runMeasuringPeakMemory(
            // Under a sanitizer, TLS handshakes with the instrumented servers are slow enough that 32 at once pass
            // the 5 s handshake bound.
            ["audit", "--batch", file, "--json", "--concurrency", Self.sanitized ? "8" : "32"]
                + Self.liveArguments(sites)
        )
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stdoutLines
        #expect(lines.count == 201)
        var seen = Set<String>()
        for line in lines.dropLast() {
            let object = try Self.json(line)
            let domain = try #require(object["domain"] as? String)
            seen.insert(domain)
            let expected = TestSites.scenarios.first { $0.site == TestSites.site(of: domain) }?.codes
            #expect(Self.codes(object) == expected, "\(domain): \(line)")
        }
        #expect(seen == Set(domains))
        let last = try #require(lines.last)
        let summary = try #require(try Self.json(last)["summary"] as? [String: Any])
        #expect(summary["domains"] as? Int == 200)
        #expect(
            summary["eligible"] as? Int
                == domains.filter { $0.hasPrefix("eligible") || $0.hasPrefix("httpheader") }.count
        )
        #expect((summary["codes"] as? [String: Int])?["response.no_header"] == 40)
        // Bounded: the whole batch in well under 200 MB. Not under a sanitizer (scripts/sanitize sets
        // HSTSQ_SANITIZER): ASan's shadow memory and quarantine, or TSan's shadow, make resident size meaningless.
        #expect(peakKiB > 0)
        if !Self.sanitized {
            #expect(peakKiB < 200 * 1024, "peak \(peakKiB) KiB")
        }
    }

    @Test func controlCStopsCleanlyKeepingResults() async throws {
        let sites = try await TestSites.start()
        defer { Task { await sites.stop() } }
        // Two quick domains, then ones that never answer: the batch is still running when interrupted.
        let domains = ["eligible-1.com", "noheader-2.com"] + (0..<20).map { "silent-\($0).com" }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-batch-\(UUID()).txt").path
        try domains.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }

        let result = try HSTSQProcess.runInterrupting(
            ["audit", "--batch", file, "--json", "--concurrency", "2"] + Self.liveArguments(sites),
            afterStdoutLines: 2
        )
        #expect(result.status == 130, "\(result.stderr)")
        let lines = result.stdoutLines
        #expect(lines.count >= 3)
        let results = try lines.dropLast().map { try Self.json($0)["domain"] as? String }
        #expect(Set(results.prefix(2)) == ["eligible-1.com", "noheader-2.com"])
        let last = try #require(lines.last)
        let summary = try #require(try Self.json(last)["summary"] as? [String: Any])
        #expect(summary["interrupted"] as? Bool == true)
        #expect(summary["audited"] as? Int == lines.count - 1)
        #expect(result.stderr.contains("hstsq: interrupted after"))
    }

    @Test func aSilentServerEndsWithinTheTimeout() async throws {
        let sites = try await TestSites.start()
        defer { Task { await sites.stop() } }
        let arguments = sites.connectTo.flatMap { ["--connect-to", $0] } + ["--ca-file", sites.caFile]
        let start = Date()
        let result = try HSTSQProcess.run(["audit", "silent.com", "--json", "--timeout", "1"] + arguments)
        let elapsed = Date().timeIntervalSince(start)
        #expect(result.status == 1)
        #expect(Self.codes(try Self.json(result.stdout)) == ["domain.tls.cannot_connect"])
        #expect(result.stdout.contains("no answer within the request timeout"))
        #expect(elapsed < 6, "took \(elapsed) s")
    }

    @Test func optionErrors() throws {
        let bad = try HSTSQProcess.run(["audit", "example.com", "--connect-to", "nonsense"])
        #expect(bad.status == 3)
        #expect(bad.stderr.contains("--connect-to 'nonsense' is not HOST:PORT:ADDRESS:PORT"))
        let mixed = try HSTSQProcess.run(["audit", "example.com", "--offline", "--ca-file", "x.pem"])
        #expect(mixed.status == 3)
        #expect(mixed.stderr.contains("are for live audits"))
        let missingCA = try HSTSQProcess.run(["audit", "example.com", "--ca-file", "/nonexistent/ca.pem"])
        #expect(missingCA.status == 3)
        #expect(missingCA.stderr.hasPrefix("hstsq: error: /nonexistent/ca.pem"))
        #expect(missingCA.stderr.split(separator: "\n").count == 1)
        // An invalid domain is reported without any connection.
        let invalid = try HSTSQProcess.run(["audit", "bad..host", "--json", "--connect-to", "::127.0.0.1:1"])
        #expect(invalid.status == 1)
        #expect(Self.codes(try Self.json(invalid.stdout)).first?.hasPrefix("domain.format") == true)
    }
}
