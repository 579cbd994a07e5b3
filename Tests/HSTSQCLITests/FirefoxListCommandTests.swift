import Foundation
import LoopbackServers
import Testing

/// Firefox's own list: `import --format firefox`, `update --browser firefox` (a loopback server) and
/// `check --browser firefox` answering from it, with its expiration time as the freshness limit.
@Suite struct FirefoxListCommandTests {
    static let fixture = CheckCommandTests.fixture("firefox/nsSTSPreloadList.inc")

    static func list(_ result: HSTSQProcess.Result) throws -> [String: Any] {
        try CheckMechanismsTests.list(result)
    }

    @Test func importedFirefoxListAnswersForFirefoxOnly() throws {
        let store = StoreCommandTests.newStore()
        defer { HSTSQProcess.removeTemporaryItem(atPath: store) }
        let env = ["HSTSQ_STORE": store]
        let imported = try HSTSQProcess.run(
            ["import", "--format", "firefox", Self.fixture, "--label", "fx-2026-06-01"],
            environment: env
        )
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("imported Firefox's list #1 fx-2026-06-01"))
        #expect(imported.stdout.contains("expires 2026-10-05"))

        // Firefox's list: legacy.bank without include_subdomains, but `bank` covers a.legacy.bank (any ancestor);
        // www.figma.com includes subdomains there.
        let firefox = try HSTSQProcess.run(
            [
                "check", "--json", "--browser", "firefox", "--as-of", "2026-10-04", "a.legacy.bank", "a.www.figma.com",
                "makeyourlaws.org",
            ],
            environment: env
        )
        #expect(firefox.stderr.isEmpty, "\(firefox.stderr)")
        let objects = try firefox.stdoutLines.map(CheckMechanismsTests.json)
        #expect(objects.map { $0["upgrade"] as? Bool } == [true, true, false])
        let list = try Self.list(firefox)
        #expect(list["label"] as? String == "#1 fx-2026-06-01")
        #expect(list["list_of"] as? String == "firefox")
        #expect(list["date"] as? String == "2026-06-01")
        #expect(list["enforced"] as? Bool == true)

        // The expiration time is the freshness limit.
        let expired = try HSTSQProcess.run(
            ["check", "--json", "--browser", "firefox", "--as-of", "2026-10-06", "figma.com"],
            environment: env
        )
        #expect(try Self.list(expired)["enforced"] as? Bool == false)
        #expect(expired.stderr.contains("past its expiration in Firefox"))

        // Chromium still answers from the bundled list: a Firefox version never becomes current.
        let chromium = try HSTSQProcess.run(
            ["check", "--json", "--as-of", "2026-06-02", "makeyourlaws.org"],
            environment: env
        )
        #expect(try Self.list(chromium)["label"] as? String == "bundled")
        #expect(chromium.status == 0)
    }

    @Test func withoutAFirefoxListFirefoxAnswersFromChromiumsWithANote() throws {
        let result = try HSTSQProcess.run(["check", "--browser", "firefox", "--as-of", "2026-06-02", "a.legacy.bank"])
        #expect(result.stderr.contains("from Chromium's list: Firefox's own list may differ"))
        #expect(result.stdout.contains("mechanisms (Firefox)"))
    }

    @Test func listFileIsReadDirectlyAndBadFilesNameTheLine() throws {
        let direct = try HSTSQProcess.run([
            "check", "--json", "--browser", "firefox", "--as-of", "2026-06-02", "--list", Self.fixture, "a.legacy.bank",
        ])
        #expect(direct.status == 0, "\(direct.stderr)")
        #expect(try Self.list(direct)["list_of"] as? String == "firefox")
        let bad = CheckCommandTests.fixture("firefox/bad-entry.inc")
        let store = StoreCommandTests.newStore()
        defer { HSTSQProcess.removeTemporaryItem(atPath: store) }
        let result = try HSTSQProcess.run(["import", "--format", "firefox", bad], environment: ["HSTSQ_STORE": store])
        #expect(result.status == 3)
        #expect(result.stderr == "hstsq: error: \(bad):6: expected `name, 0` or `name, 1`, found `www.figma.com 1`\n")
        let json = try HSTSQProcess.run(
            ["import", "--format", "firefox", StoreCommandTests.sample],
            environment: ["HSTSQ_STORE": store]
        )
        #expect(json.status == 3)
        #expect(json.stderr.contains("not a Firefox list"))
    }

    @Test func updateFetchesFirefoxsList() async throws {
        let body = try String(contentsOfFile: Self.fixture, encoding: .utf8)
        let server = try await LoopbackServer.start { request in
            request.path == "/nsSTSPreloadList.inc"
                ? .respond(status: 200, headers: [("content-type", "text/plain")], body: body)
                : .respond(status: 404, body: "not found")
        }
        defer { Task { await server.stop() } }
        let store = StoreCommandTests.newStore()
        defer { HSTSQProcess.removeTemporaryItem(atPath: store) }
        let env = ["HSTSQ_STORE": store]
        let url = "http://127.0.0.1:\(server.port)/nsSTSPreloadList.inc"
        let result = try HSTSQProcess.run(["update", "--browser", "firefox", "--url", url, "--json"], environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try StoreCommandTests.json(result.stdout)
        #expect(object["browser"] as? String == "firefox")
        #expect(object["expires"] as? String == "2026-10-05")
        let check = try HSTSQProcess.run(
            ["check", "--json", "--browser", "firefox", "--as-of", "2026-06-02", "a.legacy.bank"],
            environment: env
        )
        #expect(try Self.list(check)["list_of"] as? String == "firefox")
    }
}
