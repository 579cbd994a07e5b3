import Foundation
import HSTSPreload
import HSTSServer
import HSTSStore
import Testing

@Suite("hstsq export: curl, text, chromium-json")
struct ExportTests {
    static let fixture = ServerHarness.repositoryRoot.appendingPathComponent(
        "Tests/HSTSStoreTests/Fixtures/preload-2026-05-01.json"
    ).path

    @Test("curl lines: a leading dot for include_subdomains, an expiry far ahead, force-https entries only")
    func curlLines() {
        let exporter = ListExporter(entries: [
            Entry(name: "figma.com", mode: .forceHTTPS, includeSubdomains: true),
            Entry(name: "www.figma.com", mode: .forceHTTPS),
            Entry(name: "pins-only.example", pins: "google"),
        ])
        #expect(
            exporter.curlCache().split(separator: "\n").dropFirst()
                == [".figma.com \"99991231 23:59:59\"", "www.figma.com \"99991231 23:59:59\""]
        )
        let differences = CurlDifference.all(in: exporter.entries)
        #expect(differences.map(\.entry.name) == ["www.figma.com"])
        #expect(differences.first?.coveringParent == "figma.com")
        #expect(differences.first?.includesEntryName == false)
        #expect(
            exporter.text()
                == "figma.com force-https include_subdomains\nwww.figma.com force-https\npins-only.example no-mode pins=google\n"
        )
    }

    @Test("with the exported file, real curl switches http://figma.com/ to https before connecting, not example.com")
    func realCurl() async throws {
        let directory = try ServerHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = directory + "/hsts.txt"
        // A small list: curl's cache loader checks each new line against every earlier one, so the whole list
        // (about 94,000 lines) takes curl minutes to read.
        let list = directory + "/list.json"
        try Data(
            """
            {"entries": [
              {"name": "figma.com", "mode": "force-https", "include_subdomains": true},
              {"name": "www.figma.com", "mode": "force-https"},
              {"name": "a.www.figma.com"}
            ]}
            """.utf8
        ).write(to: URL(fileURLWithPath: list))
        let (status, _, stderr) = try await ServerHarness.run(
            try ServerHarness.hstsq(),
            ["export", "--format", "curl", "--explain", "--list", list, "-o", cache]
        )
        #expect(status == 0, "\(stderr)")
        #expect(stderr.contains("*.www.figma.com"))
        try await ServerHarness.withServer { base in
            let port = try #require(base.split(separator: ":").last)
            // figma.com resolves to loopback; curl must switch to https (port 443) before any connection.
            let (_, _, figma) = try await ServerHarness.run(
                "/usr/bin/env",
                [
                    "curl", "-v", "--hsts", cache, "--resolve", "figma.com:80:127.0.0.1", "--resolve",
                    "figma.com:443:127.0.0.1", "--connect-timeout", "2", "http://figma.com/",
                ]
            )
            #expect(figma.contains("Switched from HTTP to HTTPS due to HSTS"), "\(figma)")
            #expect(!figma.contains("GET / HTTP/1.1\r\n> Host: figma.com\r\n") || figma.contains("https://figma.com/"))
            // example.com stays on http: the request reaches the hstsq server on loopback.
            let (code, body, example) = try await ServerHarness.run(
                "/usr/bin/env",
                [
                    "curl", "-v", "--hsts", cache, "--connect-to", "example.com:80:127.0.0.1:\(port)",
                    "http://example.com/api/v2/status?domain=example.com",
                ]
            )
            #expect(code == 0, "\(example)")
            #expect(!example.contains("due to HSTS"))
            #expect(body.contains("\"status\": \"unknown\""))
        }
    }

    @Test("import(export(V)) gives back version V: the same entries and pinsets")
    func roundTrip() async throws {
        let directory = try ServerHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let original = PreloadStore(directory: directory + "/a")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.fixture)))
        _ = try original.importList(bytes, fileName: Self.fixture, source: Self.fixture, label: "v", now: 1)
        let version = try original.version(named: "v")
        let exported = directory + "/exported.json"
        let (status, _, stderr) = try await ServerHarness.run(
            try ServerHarness.hstsq(),
            ["export", "--store", directory + "/a", "--version", "v", "--format", "chromium-json", "-o", exported]
        )
        #expect(status == 0, "\(stderr)")
        let copy = PreloadStore(directory: directory + "/b")
        let exportedBytes = Array(try Data(contentsOf: URL(fileURLWithPath: exported)))
        _ = try copy.importList(exportedBytes, fileName: exported, source: exported, strict: true, now: 2)
        let back = try copy.version(named: nil)
        #expect(back.entryCount == version.entryCount)
        #expect(back.pinsetCount == version.pinsetCount)
        #expect(try copy.allEntries(of: back) == original.allEntries(of: version))
        #expect(try copy.pinsets(of: back) == original.pinsets(of: version))
        // And the lookups agree: the compiled lists answer every name the same.
        let before = try original.list(of: version)
        let after = try copy.list(of: back)
        for entry in try original.allEntries(of: version) {
            // A subdomain of an IPv4 entry (x.1.0.0.1) is no host: it ends in a number that is no address.
            for name in [entry.name, "x." + entry.name] {
                guard let host = try? HostName(name) else { continue }
                #expect(before.decision(for: host) == after.decision(for: host))
            }
        }
    }

    @Test("text and chromium-json of the bundled list")
    func bundled() async throws {
        let hstsq = try ServerHarness.hstsq()
        let environment = ["HSTSQ_STORE": "/nonexistent/hstsq-store"]
        let (status, text, _) = try await ServerHarness.run(
            hstsq,
            ["export", "--format", "text"],
            environment: environment
        )
        #expect(status == 0)
        #expect(text.contains("\nfigma.com force-https include_subdomains\n"))
        let (jsonStatus, json, _) = try await ServerHarness.run(
            hstsq,
            ["export", "--format", "chromium-json"],
            environment: environment
        )
        #expect(jsonStatus == 0)
        let parsed = try PreloadListSource.parse(Array(json.utf8), fileName: "export", strict: true)
        #expect(parsed.entries.count == text.split(separator: "\n").count)
    }
}
