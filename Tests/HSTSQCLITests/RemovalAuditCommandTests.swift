import Foundation
import LoopbackServers
import Testing

/// `audit --removal` and the automated-removal verdict of `audit`, through the built binary: live against the
/// loopback sites, and offline from saved or written captures.
@Suite struct RemovalAuditCommandTests {
    /// A list in Chromium's layout with the policies the checks depend on.
    static let listJSON = """
        { "entries": [
          { "name": "removing.com", "policy": "bulk-1-year", "mode": "force-https", "include_subdomains": true },
          { "name": "eligible.com", "policy": "bulk-18-weeks", "mode": "force-https", "include_subdomains": true },
          { "name": "noheader.com", "policy": "bulk-1-year", "mode": "force-https", "include_subdomains": true },
          { "name": "twoheaders.com", "policy": "custom", "mode": "force-https" },
          { "name": "untrusted.com", "policy": "bulk-legacy", "mode": "force-https" },
          { "name": "halfyear.example", "policy": "bulk-18-weeks", "mode": "force-https", "include_subdomains": true },
          { "name": "app", "policy": "public-suffix", "mode": "force-https", "include_subdomains": true }
        ] }
        """

    /// A folder with the list as `list.json`, removed by the caller's `defer`.
    static func folderWithList() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-removal-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(listJSON.utf8).write(to: URL(fileURLWithPath: folder + "/list.json"))
        return folder
    }

    static func errorCodes(_ object: [String: Any]) -> [String] {
        (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test func removalLiveAndReplayed() async throws {
        let sites = try await TestSites.start()
        defer { Task { await sites.stop() } }
        let folder = try Self.folderWithList()
        defer { HSTSQProcess.removeTemporaryItem(atPath: folder) }
        let list = ["--list", folder + "/list.json"]
        let live = LiveAuditCommandTests.liveArguments(sites)
        // Domain, error codes, warning codes, exit status.
        let cases: [(String, [String], [String], Int32)] = [
            ("removing.com", [], [], 0),
            ("eligible.com", ["header.removable.contains.preload"], [], 1),
            ("noheader.com", ["response.no_header"], [], 1),
            ("twoheaders.com", ["response.multiple_headers", "server.removable.protected"], [], 1),
            ("untrusted.com", ["domain.tls.invalid_cert_chain"], [], 1),
            ("www.nowww.com", ["domain.tls.cannot_connect"], ["server.remove.not_preloaded"], 1),
            ("removing-7.com", [], ["server.remove.not_preloaded"], 2),
            ("sub.removing.com", ["server.removable.subdomain"], [], 1),
            ("shop.app", ["server.removable.preloaded_tld"], [], 1),
        ]
        for (domain, errors, warnings, status) in cases {
            let result = try HSTSQProcess.run(
                ["audit", "--removal", domain, "--json", "--save-evidence", folder] + list + live
            )
            #expect(result.status == status, "\(domain): \(result.stdout)\(result.stderr)")
            let object = try LiveAuditCommandTests.json(result.stdout)
            #expect(Self.errorCodes(object) == errors, "\(domain): \(result.stdout)")
            #expect(
                (object["warnings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } == warnings,
                "\(domain)"
            )
            #expect(object["removable"] as? Bool == errors.isEmpty, "\(domain)")
            #expect((object["not_checked"] as? [Any])?.isEmpty == true, "\(domain)")
        }
        let text = try HSTSQProcess.run(["audit", "--removal", "removing.com"] + list + live)
        #expect(
            text.stdout
                == """
                removing.com: removable
                  preloaded: entry removing.com, policy bulk-1-year
                  Strict-Transport-Security: \(TestSites.removalHeader)

                """
        )
        // A subdomain of a preloaded parent is answered from the list alone: nothing was probed or saved.
        #expect(!FileManager.default.fileExists(atPath: folder + "/sub.removing.com.har"))

        // The saved captures replay offline to the same answers.
        for (domain, errors) in [("removing.com", [String]()), ("eligible.com", ["header.removable.contains.preload"])]
        {
            let replay = try HSTSQProcess.run(
                ["audit", "--removal", domain, "--json", "--evidence", "\(folder)/\(domain).har"] + list
            )
            #expect(Self.errorCodes(try LiveAuditCommandTests.json(replay.stdout)) == errors, "\(domain)")
        }
        // Offline without evidence, the HTTPS response is not checked: never counted as passed.
        let unchecked = try HSTSQProcess.run(["audit", "--removal", "removing.com", "--offline", "--json"] + list)
        #expect(unchecked.status == 1)
        let object = try LiveAuditCommandTests.json(unchecked.stdout)
        #expect(object["removable"] as? Bool == false)
        #expect((object["not_checked"] as? [[String: Any]])?.first?["code"] as? String == "response.no_header")
    }

    @Test func automatedRemovalLive() async throws {
        let sites = try await TestSites.start()
        defer { Task { await sites.stop() } }
        let folder = try Self.folderWithList()
        defer { HSTSQProcess.removeTemporaryItem(atPath: folder) }
        let arguments = ["--list", folder + "/list.json"] + LiveAuditCommandTests.liveArguments(sites)
        // Domain, scanned, passes, failing codes.
        let cases: [(String, Bool?, Bool?, [String])] = [
            ("eligible.com", true, true, []),
            ("noheader.com", true, false, ["response.no_header"]),
            ("removing.com", true, false, ["header.preloadable.preload.missing"]),
            ("twoheaders.com", false, nil, []),
            ("untrusted.com", false, nil, []),
        ]
        for (domain, scanned, passes, failing) in cases {
            let result = try HSTSQProcess.run(["audit", domain, "--json"] + arguments)
            let object = try LiveAuditCommandTests.json(result.stdout)
            let scan = try #require(object["automated_removal"] as? [String: Any], "\(domain): \(result.stdout)")
            #expect(scan["entry"] as? String == domain)
            #expect(scan["scanned"] as? Bool == scanned, "\(domain)")
            #expect(scan["passes"] as? Bool == passes, "\(domain)")
            if passes == nil { #expect(scan["passes"] is NSNull, "\(domain)") }
            #expect(scan["failing"] as? [String] == failing, "\(domain)")
            // Failing anything but the max-age minimum fails the 18-week check before removal too.
            #expect(scan["passes_final_check"] as? Bool == passes, "\(domain)")
        }
        let text = try HSTSQProcess.run(["audit", "noheader.com"] + arguments)
        #expect(
            text.stdout.contains(
                "  automated removal: entry noheader.com (bulk-1-year) is scanned weekly; it would fail the scan today (response.no_header); failing scans more than 30 days apart queue it for removal"
            ),
            "\(text.stdout)"
        )
        // Not preloaded: no automated-removal field at all.
        let fresh = try HSTSQProcess.run(["audit", "eligible-3.com", "--json"] + arguments)
        #expect(try LiveAuditCommandTests.json(fresh.stdout)["automated_removal"] == nil)
    }

    @Test func automatedRemovalOfflineUsesTheEntrysPolicy() throws {
        let folder = try Self.folderWithList()
        defer { HSTSQProcess.removeTemporaryItem(atPath: folder) }
        // Half a year of max-age: below the 1-year submission minimum, enough for a bulk-18-weeks entry's scan.
        let header = "max-age=15768000; includeSubDomains; preload"
        let capture = """
            # curl -sSI -L http://halfyear.example/
            HTTP/1.1 301 Moved Permanently
            Location: https://halfyear.example/

            HTTP/2 200
            strict-transport-security: \(header)

            # curl -sSI -L https://www.halfyear.example/
            HTTP/2 301
            location: https://halfyear.example/
            strict-transport-security: \(header)

            HTTP/2 200
            strict-transport-security: \(header)

            """
        let evidence = folder + "/halfyear.example.txt"
        try Data(capture.utf8).write(to: URL(fileURLWithPath: evidence))
        let list = ["--list", folder + "/list.json"]
        let result = try HSTSQProcess.run(["audit", "halfyear.example", "--json", "--evidence", evidence] + list)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let object = try LiveAuditCommandTests.json(result.stdout)
        #expect(Self.errorCodes(object) == ["header.preloadable.max_age.below_1_year"])
        let scan = try #require(object["automated_removal"] as? [String: Any])
        #expect(scan["policy"] as? String == "bulk-18-weeks")
        #expect(scan["scanned"] as? Bool == true)
        #expect(scan["passes"] as? Bool == true)

        // A batch line carries the same verdict.
        try Data("halfyear.example\nother.example\n".utf8).write(to: URL(fileURLWithPath: folder + "/batch.txt"))
        let batch = try HSTSQProcess.run(
            ["audit", "--batch", folder + "/batch.txt", "--evidence-dir", folder, "--json"] + list
        )
        #expect(batch.stdoutLines.count == 3, "\(batch.stdout)\(batch.stderr)")
        let first = try LiveAuditCommandTests.json(try #require(batch.stdoutLines.first))
        #expect((first["automated_removal"] as? [String: Any])?["passes"] as? Bool == true)
        #expect(try LiveAuditCommandTests.json(batch.stdoutLines[1])["automated_removal"] == nil)

        // Without evidence the scan's result is not decided; through a parent the parent's entry is scanned.
        let offline = try HSTSQProcess.run(["audit", "halfyear.example", "--offline", "--json"] + list)
        let undecided = try #require(
            try LiveAuditCommandTests.json(offline.stdout)["automated_removal"] as? [String: Any]
        )
        #expect(undecided["passes"] is NSNull)
        let child = try HSTSQProcess.run(["audit", "www.halfyear.example", "--offline"] + list)
        #expect(
            child.stdout.contains(
                "automated removal: the weekly scan checks parent entry halfyear.example (bulk-18-weeks), not this domain"
            ),
            "\(child.stdout)"
        )
        // A list without policies (the bundled snapshot) cannot say.
        let bundled = try HSTSQProcess.run(
            [
                "audit", "figma.com", "--offline", "--list",
                StoreCommandTests.june.replacingOccurrences(of: ".json", with: ".hstsq"),
            ]
        )
        #expect(bundled.stdout.contains("automated removal: unknown: the list records no policy for entry figma.com"))

        // --removal from the same capture: the header still has preload.
        let removal = try HSTSQProcess.run(["audit", "--removal", "halfyear.example", "--evidence", evidence] + list)
        #expect(removal.status == 1)
        #expect(removal.stdout.contains("error: header.removable.contains.preload"))
    }

    @Test func removalOptionErrors() throws {
        let batch = try HSTSQProcess.run(["audit", "--removal", "--batch", "/dev/null"])
        #expect(batch.status == 3)
        #expect(batch.stderr.contains("--removal is for one domain"), "\(batch.stderr)")
        let bad = try HSTSQProcess.run(["audit", "--removal", ".bad.example", "--offline", "--json"])
        #expect(bad.status == 1)
        #expect(Self.errorCodes(try LiveAuditCommandTests.json(bad.stdout)) == ["domain.format.begins_with_dot"])
    }
}
