import AsyncHTTPClient
import Foundation
import HSTSPreload
import HSTSServer
import HSTSStore
import NIOHTTP1
import Testing

@Suite("GET and POST /api/v2/status, check, healthz")
struct StatusEndpointTests {
    @Test("a preloaded and an unknown domain answer with hstspreload.org's fields, in its layout")
    func singleStatus() async throws {
        try await ServerHarness.withServer { base in
            let preloaded = try await ServerHarness.request(base + "/api/v2/status?domain=figma.com")
            #expect(preloaded.status == 200)
            #expect(preloaded.contentType == "application/json; charset=utf-8")
            #expect(
                preloaded.body.hasPrefix(
                    "{\n  \"name\": \"figma.com\",\n  \"status\": \"preloaded\",\n  \"bulk\": false,\n  \"preloadedDomain\": \"figma.com\",\n"
                )
            )
            #expect(preloaded.body.hasSuffix("}\n"))
            let unknown = try await ServerHarness.request(base + "/api/v2/status?domain=example.com")
            #expect(
                unknown.body.hasPrefix(
                    "{\n  \"name\": \"example.com\",\n  \"status\": \"unknown\",\n  \"bulk\": false,\n  \"preloadedDomain\": \"\",\n"
                )
            )
        }
    }

    @Test("a subdomain is preloaded by the nearest include_subdomains parent, with bulk false, as hstspreload.org does")
    func parentStatus() async throws {
        try await ServerHarness.withServer { base in
            let sub = try await ServerHarness.request(base + "/api/v2/status?domain=a.b.FIGMA.com")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(sub.body.utf8)) as? [String: Any])
            #expect(json["name"] as? String == "a.b.figma.com")
            #expect(json["status"] as? String == "preloaded")
            #expect(json["bulk"] as? Bool == false)
            #expect(json["preloadedDomain"] as? String == "figma.com")
            // hstspreload.org walks every parent (not Chromium's most specific entry): a.www.figma.com is preloaded
            // through figma.com even though www.figma.com has no include_subdomains.
            let override = try await ServerHarness.request(base + "/api/v2/status?domain=a.www.figma.com")
            #expect(override.body.contains("\"preloadedDomain\": \"figma.com\""))
            // Unicode input is normalized to A-labels.
            let unicode = try await ServerHarness.request(base + "/api/v2/status?domain=b%C3%BCcher.example")
            #expect(unicode.body.contains("\"name\": \"xn--bcher-kva.example\""))
        }
    }

    @Test("bulk POST answers every name in order, errors in place")
    func bulk() async throws {
        try await ServerHarness.withServer { base in
            let names = ["figma.com", "example.com", "a.b.figma.com", "not a domain", ""]
            let body = String(decoding: try JSONSerialization.data(withJSONObject: names), as: UTF8.self)
            let reply = try await ServerHarness.request(base + "/api/v2/status", method: .POST, body: body)
            #expect(reply.status == 200)
            let array = try #require(try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [[String: Any]])
            #expect(array.count == names.count)
            #expect(array[0]["status"] as? String == "preloaded")
            #expect(array[1]["status"] as? String == "unknown")
            #expect(array[2]["preloadedDomain"] as? String == "figma.com")
            #expect((array[3]["error"] as? [String: Any])?["code"] as? String == "domain.invalid")
            #expect((array[4]["error"] as? [String: Any])?["code"] as? String == "parameter.missing")
            // Each status object is the single GET's object.
            let single = try await ServerHarness.request(base + "/api/v2/status?domain=figma.com")
            let singleObject = try #require(
                try JSONSerialization.jsonObject(with: Data(single.body.utf8)) as? [String: Any]
            )
            let sorted: ([String: Any]) throws -> Data = {
                try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys])
            }
            #expect(try sorted(singleObject) == sorted(array[0]))
        }
    }

    @Test("10,000 names in one bulk request")
    func bulkLimit() async throws {
        try await ServerHarness.withServer { base in
            let names = (0..<10_000).map { $0 % 2 == 0 ? "n\($0).figma.com" : "n\($0).example.com" }
            let body = String(decoding: try JSONSerialization.data(withJSONObject: names), as: UTF8.self)
            let reply = try await ServerHarness.request(base + "/api/v2/status", method: .POST, body: body)
            #expect(reply.status == 200)
            let array = try #require(try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [[String: Any]])
            #expect(array.count == 10_000)
            #expect(array[9_998]["name"] as? String == "n9998.figma.com")
            #expect(array[9_999]["status"] as? String == "unknown")
            let tooMany = String(decoding: try JSONSerialization.data(withJSONObject: names + ["x.com"]), as: UTF8.self)
            let refused = try await ServerHarness.request(base + "/api/v2/status", method: .POST, body: tooMany)
            #expect(refused.status == 413)
            #expect(refused.body.contains("\"code\": \"bulk.too_many_domains\""))
        }
    }

    @Test("check answers exactly what `hstsq check --json` prints for the same list, browser, rule and day")
    func checkMatchesCLI() async throws {
        let hstsq = try ServerHarness.hstsq()
        let file = ServerHarness.dataFile("preload-2026-06-01.hstsq")
        let targets = [
            "figma.com", "http://a.www.figma.com/x?y", "example.com", "http://Sub.FIGMA.com:8080/a", "1.0.0.1",
            "ws://figma.com/chat", "intranet", "http://localhost/", "bad host",
        ]
        // The query's options and the CLI's flags for the same question.
        let variants: [(query: String, flags: [String])] = [
            ("&as_of=2026-06-02", ["--as-of", "2026-06-02"]),
            ("&as_of=2026-09-01", ["--as-of", "2026-09-01"]),
            ("&as_of=2026-06-02&browser=firefox", ["--as-of", "2026-06-02", "--browser", "firefox"]),
            (
                "&as_of=2026-06-02&browser=safari&semantics=any-ancestor",
                ["--as-of", "2026-06-02", "--browser", "safari", "--semantics", "any-ancestor"]
            ),
        ]
        let lists = ListProvider(fixed: ServedList(list: try ServerHarness.bundledList(), label: file))
        try await ServerHarness.withServer(lists: lists) { base in
            for variant in variants {
                // One CLI run per variant, every target at once: one line each, in order.
                let (_, stdout, _) = try await ServerHarness.run(
                    hstsq,
                    ["check", "--json", "--list", file] + variant.flags + targets
                )
                let lines = stdout.split(separator: "\n").map { $0 + "\n" }
                #expect(lines.count == targets.count)
                for (target, line) in zip(targets, lines) {
                    let encoded = try #require(target.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
                    let reply = try await ServerHarness.request(
                        base + "/api/v2/check?target=" + encoded + variant.query
                    )
                    #expect(reply.body == line, "\(target) \(variant.flags): CLI \(line)")
                    // An invalid target: `check` writes the error object (and exits 3), the server answers 400.
                    #expect((reply.status == 400) == line.hasPrefix("{\"input\":\"bad host\",\"error\""), "\(target)")
                    #expect(reply.body.contains("\"list\":{") == (reply.status == 200), "\(target)")
                }
            }
        }
    }

    @Test("check names a store version as `hstsq check` does")
    func checkNamesStoreVersion() async throws {
        let hstsq = try ServerHarness.hstsq()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-check-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = PreloadStore(directory: directory)
        let source = """
            {"entries": [{"name": "figma.com", "policy": "bulk-1-year", "mode": "force-https", "include_subdomains": true}]}
            """
        _ = try store.importList(
            Array(source.utf8),
            fileName: "small.json",
            source: "small.json",
            label: "2026-06-01",
            now: 1_780_000_000
        )
        let lists = try ListProvider(store: store, fallback: ServedList(list: ServerHarness.bundledList()))
        try await ServerHarness.withServer(lists: lists) { base in
            let reply = try await ServerHarness.request(base + "/api/v2/check?target=figma.com&as_of=2026-06-02")
            let (_, stdout, _) = try await ServerHarness.run(
                hstsq,
                ["check", "--json", "--store", directory, "--as-of", "2026-06-02", "figma.com"]
            )
            #expect(reply.body == stdout)
            #expect(reply.body.contains("\"label\":\"#1 2026-06-01\""))
        }
    }

    @Test("the status fast path writes the same bytes as the general JSON writer")
    func statusFastPath() throws {
        let list = try ServerHarness.bundledList()
        for served in [
            ServedList(list: list),
            ServedList(
                list: list,
                version: "v\"7",
                removedNames: ["gone.example"],
                preloadedSince: ["figma.com": "2026-<05>"]
            ),
        ] {
            for name in ["figma.com", "a.www.figma.com", "example.com", "gone.example", "xn--bcher-kva.example"] {
                let status = DomainStatus(of: try HostName(name), in: served)
                #expect(status.indentedJSON(list: served) == status.json(list: served).indented, "\(name)")
            }
        }
    }

    @Test("healthz names the list")
    func health() async throws {
        try await ServerHarness.withServer { base in
            let reply = try await ServerHarness.request(base + "/healthz")
            #expect(reply.status == 200)
            #expect(reply.body.contains("\"status\": \"ok\""))
            #expect(reply.body.contains("\"entries\": "))
        }
    }

    @Test("a newly imported store version is served without a restart, and a dropped name is removed")
    func storeSwap() async throws {
        let directory = try ServerHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = PreloadStore(directory: directory)
        let first = """
            {"entries": [
              {"name": "one.example", "policy": "bulk-1-year", "mode": "force-https", "include_subdomains": true},
              {"name": "two.example", "policy": "custom", "mode": "force-https"}
            ]}
            """
        let second = """
            {"entries": [
              {"name": "one.example", "policy": "bulk-1-year", "mode": "force-https", "include_subdomains": true},
              {"name": "three.example", "policy": "bulk-18-weeks", "mode": "force-https"}
            ]}
            """
        _ = try store.importList(Array(first.utf8), fileName: "first.json", source: "first.json", label: "v1", now: 1)
        let lists = try ListProvider(store: store, fallback: ServedList(list: ServerHarness.bundledList()))
        try await ServerHarness.withServer(lists: lists, storePollInterval: .milliseconds(100)) {
            base in
            let before = try await ServerHarness.request(base + "/api/v2/status?domain=two.example")
            #expect(before.body.contains("\"status\": \"preloaded\""))
            #expect(before.body.contains("\"bulk\": false"))
            #expect(before.body.contains("\"listVersion\": \"v1\""))
            _ = try store.importList(
                Array(second.utf8),
                fileName: "second.json",
                source: "second.json",
                label: "v2",
                now: 2
            )
            var health = ""
            for _ in 0..<100 {
                health = try await ServerHarness.request(base + "/healthz").body
                if health.contains("\"listVersion\": \"v2\"") { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(health.contains("\"listVersion\": \"v2\""))
            let removed = try await ServerHarness.request(base + "/api/v2/status?domain=two.example")
            #expect(removed.body.contains("\"status\": \"removed\""))
            let added = try await ServerHarness.request(base + "/api/v2/status?domain=three.example")
            #expect(added.body.contains("\"status\": \"preloaded\""))
            #expect(added.body.contains("\"bulk\": true"))
            #expect(added.body.contains("\"preloadedSince\": \"v2\""))
            let kept = try await ServerHarness.request(base + "/api/v2/status?domain=x.one.example")
            #expect(kept.body.contains("\"preloadedDomain\": \"one.example\""))
            #expect(kept.body.contains("\"preloadedSince\": \"v1\""))
        }
    }
}
