import Foundation
import Testing

/// `hstsq check` and `hstsq compile` as scripts see them: stdout, stderr and exit codes (docs/cli-contract.md).
@Suite struct CheckCommandTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    static func json(_ line: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func upgradedHostExitsZeroWithTheContractFields() throws {
        let result = try HSTSQProcess.run(["check", "--json", "--as-of", "2026-06-10", "http://Sub.Figma.com:80/x?y#z"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let line = try #require(result.stdoutLines.first)
        let object = try Self.json(line)
        #expect(object["input"] as? String == "http://Sub.Figma.com:80/x?y#z")
        #expect(object["host"] as? String == "sub.figma.com")
        #expect(object["upgrade"] as? Bool == true)
        #expect(object["match"] as? String == "ancestor")
        let entry = try #require(object["entry"] as? [String: Any])
        #expect(entry["name"] as? String == "figma.com")
        #expect(entry["mode"] as? String == "force-https")
        #expect(entry["include_subdomains"] as? Bool == true)
        #expect(entry.keys.contains("policy") && entry.keys.contains("pins"))
        let redirect = try #require(object["redirect"] as? [String: Any])
        #expect(redirect["status"] as? Int == 307)
        #expect(redirect["location"] as? String == "https://sub.figma.com/x?y#z")
        #expect(object["semantics"] as? String == "chromium")
        #expect(object["disagrees"] as? Bool == false)
    }

    @Test func notUpgradedExitsOneAndKeepsInputOrder() throws {
        let result = try HSTSQProcess.run([
            "check", "--json", "figma.com", "example.com", "a.www.figma.com", "1.2.3.4", "[::1]",
        ])
        #expect(result.status == 1)
        let objects = try result.stdoutLines.map(Self.json)
        #expect(
            objects.map { $0["input"] as? String } == [
                "figma.com", "example.com", "a.www.figma.com", "1.2.3.4", "[::1]",
            ]
        )
        #expect(objects.map { $0["upgrade"] as? Bool } == [true, false, false, false, false])
        #expect(objects[1]["entry"] is NSNull)
        #expect(objects[1]["match"] is NSNull)
        #expect(objects[2]["disagrees"] as? Bool == true)
        #expect(objects[4]["host"] as? String == "::1")
        #expect(objects[0]["redirect"] == nil)
    }

    @Test func invalidTargetGivesAnErrorObjectAndExitThreeButContinues() throws {
        let result = try HSTSQProcess.run(["check", "--json", "bad..host", "figma.com", "http://figma.com:70000/"])
        #expect(result.status == 3)
        let objects = try result.stdoutLines.map(Self.json)
        #expect(objects.count == 3)
        let error = try #require(objects[0]["error"] as? [String: Any])
        #expect(error["code"] as? String == "host.invalid")
        #expect(objects[1]["upgrade"] as? Bool == true)
        #expect((objects[2]["error"] as? [String: Any])?["code"] as? String == "host.invalid")
    }

    /// The host parser's cases, each as an argument and through `check -` (whose fast path must agree).
    static let browserHostCases: [(input: String, host: String?, upgrade: Bool)] = [
        ("ｆｉｇｍａ.com", "figma.com", true),
        ("fig\u{AD}ma.com", "figma.com", true),
        ("figma\u{200B}.com", "figma.com", true),
        ("ⓕigma.com", "figma.com", true),
        ("http://figma%2Ecom/", "figma.com", true),
        ("figma%2Ecom", "figma.com", true),
        ("1.0.0.1", "1.0.0.1", true),
        ("1.1", "1.0.0.1", true),
        ("0x1.0.0.1", "1.0.0.1", true),
        ("16777217", "1.0.0.1", true),
        ("001.000.000.001", "1.0.0.1", true),
        ("http://16777217/", "1.0.0.1", true),
        ("-a.figma.com", "-a.figma.com", true),
        ("a-.figma.com", "a-.figma.com", true),
        ("steel-pc.lu.", "steel-pc.lu", true),
        ("http://user:pass@figma.com:8080/", "figma.com", true),
        ("xn--bcher-kva.de", "xn--bcher-kva.de", false),
        ("999.1.1.1", nil, false),
        ("a.b.1", nil, false),
        ("steel-pc.lu..", nil, false),
        ("fig ma.com", nil, false),
        ("figma<.com", nil, false),
        ("figma.com@", nil, false),
        ("http://figma.com:65536/", nil, false),
        ("http://figma.com:80a/", nil, false),
        ("xn--a.com", "xn--a.com", false),
        ("user:pass@figma.com", "figma.com", true),
        ("figma.com:8080", "figma.com", true),
    ]

    @Test func hostsAreParsedAsTheBrowserParsesThem() throws {
        let inputs = Self.browserHostCases.map(\.input)
        let arguments = try HSTSQProcess.run(["check", "--json", "--"] + inputs)
        let streamed = try HSTSQProcess.run(["check", "--json", "-"], stdin: inputs.joined(separator: "\n") + "\n")
        #expect(arguments.status == 3)
        #expect(streamed.status == 3)
        #expect(arguments.stdoutLines == streamed.stdoutLines)
        let objects = try arguments.stdoutLines.map(Self.json)
        #expect(objects.count == inputs.count)
        for (c, object) in zip(Self.browserHostCases, objects) {
            #expect(object["input"] as? String == c.input)
            if let host = c.host {
                #expect(object["host"] as? String == host, "\(c.input)")
                #expect(object["upgrade"] as? Bool == c.upgrade, "\(c.input)")
            } else {
                #expect((object["error"] as? [String: Any])?["code"] as? String == "host.invalid", "\(c.input)")
            }
        }
        let ipEntry = try #require(objects[6]["entry"] as? [String: Any])
        #expect(ipEntry["name"] as? String == "1.0.0.1")
        let redirect = try #require(objects[11]["redirect"] as? [String: Any])
        #expect(redirect["location"] as? String == "https://1.0.0.1/")
    }

    @Test func ipv4FormsAreUpgradedViaTheirEntry() throws {
        let result = try HSTSQProcess.run(["check", "1.0.0.1", "1.1", "http://16777217/"])
        #expect(result.status == 0)
        // The mechanisms lines are CheckMechanismsTests' subject; an IPv4 address is a public address there.
        #expect(result.stdoutLines.filter { $0.hasPrefix("  mechanisms") }.count == 3)
        #expect(
            result.stdoutLines.filter { !$0.hasPrefix("  mechanisms") } == [
                "1.0.0.1: upgraded (exact entry 1.0.0.1: force-https, exact host only)",
                "1.1: upgraded (exact entry 1.0.0.1: force-https, exact host only)",
                "http://16777217/: upgraded (exact entry 1.0.0.1: force-https, exact host only)",
                "  → 307 Internal Redirect to https://1.0.0.1/",
            ]
        )
    }

    @Test func stdinStreamsOneAnswerPerLineSkippingBlanks() throws {
        let hosts = (0..<5_000).map { $0 % 2 == 0 ? "figma.com" : "h\($0).example.com" }
        let result = try HSTSQProcess.run(["check", "--json", "-"], stdin: hosts.joined(separator: "\n") + "\n\n  \n")
        #expect(result.status == 1)
        let lines = result.stdoutLines
        #expect(lines.count == 5_000)
        #expect(try Self.json(lines[4_998])["upgrade"] as? Bool == true)
        #expect(try Self.json(lines[4_999])["input"] as? String == "h4999.example.com")
    }

    @Test func semanticsAnyAncestorChangesTheAnswerAndSaysSo() throws {
        let result = try HSTSQProcess.run(["check", "--json", "--semantics", "any-ancestor", "a.www.figma.com"])
        #expect(result.status == 0)
        let object = try Self.json(try #require(result.stdoutLines.first))
        #expect(object["semantics"] as? String == "any-ancestor")
        #expect(object["disagrees"] as? Bool == true)
        #expect((object["entry"] as? [String: Any])?["name"] as? String == "figma.com")
    }

    @Test func explainListsEveryLevelAndTheDecidingEntry() throws {
        let result = try HSTSQProcess.run(["check", "--explain", "a.www.figma.com"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("com: no entry"))
        #expect(
            result.stdout.contains("figma.com: force-https, include_subdomains (overridden by a more specific entry)")
        )
        #expect(result.stdout.contains("www.figma.com: force-https, exact host only ← decides"))
        #expect(result.stdout.contains("with --semantics any-ancestor the answer is upgraded"))
    }

    @Test func usageErrorsExitThreeWithOneLine() throws {
        for arguments in [
            ["check"], ["check", "--bogus", "a.com"], ["check", "--semantics", "firefox", "a.com"], ["frobnicate"],
        ] {
            let result = try HSTSQProcess.run(arguments)
            #expect(result.status == 3, "\(arguments)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("hstsq: error: "), "\(arguments)")
        }
    }

    @Test func badListFilesNameTheFileAndPlace() throws {
        let syntax = try HSTSQProcess.run(["check", "--list", Self.fixture("bad-syntax.json"), "a.com"])
        #expect(syntax.status == 3)
        #expect(
            syntax.stderr.contains("bad-syntax.json:3:20: invalid JSON: expected ',' or '}' after an object member")
        )
        let duplicate = try HSTSQProcess.run(["check", "--list", Self.fixture("duplicate.json"), "a.com"])
        #expect(duplicate.status == 3)
        #expect(
            duplicate.stderr.contains("duplicate.json:3:3: entry 1 'a.com': duplicate name, first listed as entry 0")
        )
        let missing = try HSTSQProcess.run(["check", "--list", "/nonexistent/list.json", "a.com"])
        #expect(missing.status == 3)
        #expect(missing.stderr == "hstsq: error: /nonexistent/list.json: cannot open: no such file\n")
    }

    @Test func compileWritesAFileThatCheckReadsAndRejectsCorruption() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hstsq-compile-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = HSTSQProcess.repositoryRoot.appendingPathComponent(
            "Tests/HSTSPreloadTests/Fixtures/chromium-current-format-sample.json"
        ).path
        let output = directory.appendingPathComponent("sample.hstsq").path
        let compile = try HSTSQProcess.run(["compile", source, "-o", output, "--json"])
        #expect(compile.status == 0, "\(compile.stderr)")
        let summary = try Self.json(try #require(compile.stdoutLines.first))
        #expect(summary["entries"] as? Int == 31)
        let check = try HSTSQProcess.run(["check", "--list", output, "--json", "x.dev", "pinningtest.appspot.com"])
        #expect(check.status == 1)
        let objects = try check.stdoutLines.map(Self.json)
        #expect((objects[0]["entry"] as? [String: Any])?["policy"] as? String == "public-suffix")
        #expect((objects[1]["entry"] as? [String: Any])?["pins"] as? String == "test")
        var bytes = try #require(FileManager.default.contents(atPath: output))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: output))
        let corrupted = try HSTSQProcess.run(["check", "--list", output, "x.dev"])
        #expect(corrupted.status == 3)
        #expect(corrupted.stderr.contains("checksum mismatch"))
    }

    @Test func defaultListAnswersWithoutAnyOption() throws {
        let result = try HSTSQProcess.run(["check", "figma.com"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("figma.com: upgraded (exact entry figma.com"))
    }
}
