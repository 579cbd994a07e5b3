import Foundation
import Testing

/// `import --pins` and `compile --pins`: Chromium's current two-file layout (entries with `policy`, pinsets and
/// pinned hosts in a separate pins file), through the built binary.
@Suite struct CurrentLayoutImportTests {
    static let folder = HSTSQProcess.repositoryRoot.appendingPathComponent(
        "Tests/HSTSQCLITests/Fixtures/current-layout"
    )
    static let entries = folder.appendingPathComponent("transport_security_state_static.json").path
    static let pins = folder.appendingPathComponent("transport_security_state_static_pins.json").path

    /// A fresh folder for one test, removed by the caller's `defer`.
    static func newFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-layout-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The store folder's files and their bytes (the shared-memory index aside: readers may touch it).
    static func snapshot(_ store: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: store)) ?? [] where !name.hasSuffix("-shm") {
            result[name] = FileManager.default.contents(atPath: store + "/" + name) ?? Data()
        }
        return result
    }

    static func json(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func everyPolicyValueIsImportedAndPinsOnlyHostsAreNotUpgraded() throws {
        let folder = try Self.newFolder()
        defer { HSTSQProcess.removeTemporaryItem(atPath: folder) }
        let env = ["HSTSQ_STORE": folder + "/store"]
        let imported = try HSTSQProcess.run(["import", Self.entries, "--pins", Self.pins, "--json"], environment: env)
        #expect(imported.status == 0, "\(imported.stderr)")
        let version = try #require(try Self.json(imported.stdout)["version"] as? [String: Any])
        // 15 HSTS entries and the 2 hosts only in the pins file.
        #expect(version["entries"] as? Int == 17)
        #expect(version["pinsets"] as? Int == 2)
        #expect((version["source"] as? String)?.hasSuffix("transport_security_state_static_pins.json") == true)

        let listed = try HSTSQProcess.run(["entries", "--json"], environment: env)
        #expect(listed.status == 0, "\(listed.stderr)")
        var byName: [String: [String: Any]] = [:]
        for line in listed.stdoutLines {
            let object = try Self.json(line)
            byName[try #require(object["name"] as? String)] = object
        }
        let policies = Set(byName.values.compactMap { $0["policy"] as? String })
        #expect(
            policies == [
                "test", "google", "custom", "bulk-legacy", "bulk-18-weeks", "bulk-1-year", "public-suffix",
                "public-suffix-requested",
            ]
        )
        // A host in both files gets the pinset; hosts only in the pins file pin keys and force nothing.
        #expect(byName["mail.google.com"]?["pins"] as? String == "google")
        #expect(byName["mail.google.com"]?["mode"] as? String == "force-https")
        for name in ["google.com", "youtube.com"] {
            let entry = try #require(byName[name], "\(name)")
            #expect(entry["pins"] as? String == "google")
            #expect(entry["mode"] is NSNull)
            #expect(entry["policy"] is NSNull)
            #expect(entry["include_subdomains"] as? Bool == false)
        }
        // An empty mode is no mode, as in Chromium's generator.
        #expect(byName["www.paypal.com"]?["mode"] is NSNull)

        let check = try HSTSQProcess.run(
            ["check", "google.com", "www.youtube.com", "mail.google.com", "figma.com"],
            environment: env
        )
        #expect(check.stdoutLines.filter { $0.contains(": not upgraded") }.count == 2, "\(check.stdout)")
        #expect(check.stdout.contains("google.com: not upgraded"))
        #expect(check.stdout.contains("www.youtube.com: not upgraded"))
        #expect(check.stdout.contains("mail.google.com: upgraded"))
        #expect(check.stdout.contains("figma.com: upgraded"))

        // The pair is one source: importing it again changes nothing; the entries file alone is another source.
        let again = try HSTSQProcess.run(["import", Self.entries, "--pins", Self.pins], environment: env)
        #expect(again.status == 0)
        #expect(again.stdout.contains("unchanged"))

        // compile takes the same pair.
        let compiled = folder + "/list.hstsq"
        let compile = try HSTSQProcess.run(["compile", Self.entries, "--pins", Self.pins, "-o", compiled, "--json"])
        #expect(compile.status == 0, "\(compile.stderr)")
        #expect(try Self.json(compile.stdout)["entries"] as? Int == 17)
        let fromFile = try HSTSQProcess.run(["check", "--list", compiled, "youtube.com", "twist.com"])
        #expect(fromFile.stdout.contains("youtube.com: not upgraded"))
        #expect(fromFile.stdout.contains("twist.com: upgraded"))
    }

    @Test func aMissingOrInvalidPolicyIsRejectedWithItsPlace() throws {
        let folder = try Self.newFolder()
        defer { HSTSQProcess.removeTemporaryItem(atPath: folder) }
        let cases: [(String, String, String)] = [
            (
                "missing",
                "{\n  \"entries\": [\n    { \"name\": \"a.example\", \"policy\": \"custom\" },\n    { \"name\": \"b.example\", \"mode\": \"force-https\" }\n  ]\n}\n",
                ":4:5: entry 1 'b.example': missing \"policy\""
            ),
            (
                "invalid",
                "{\n  \"entries\": [\n    { \"name\": \"a.example\", \"policy\": \"bulk-2-years\" }\n  ]\n}\n",
                ":3:38: entry 0 'a.example': unknown policy \"bulk-2-years\""
            ),
            (
                "field",
                "{ \"entries\": [ { \"name\": \"a.example\", \"policy\": \"custom\", \"expect_ct\": true } ] }",
                ":1:59: entry 0 'a.example': field \"expect_ct\" is not allowed in Chromium's current layout"
            ),
            (
                "pinsets", "{ \"pinsets\": [], \"entries\": [] }",
                ":1:3: \"pinsets\" belongs in the pins file"
            ),
        ]
        for (name, text, expected) in cases {
            let path = folder + "/\(name).json"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            for command in [
                ["import", path, "--pins", Self.pins], ["compile", path, "--pins", Self.pins, "-o", folder + "/x"],
            ] {
                let result = try HSTSQProcess.run(command, environment: ["HSTSQ_STORE": folder + "/store"])
                #expect(result.status == 3, "\(name): \(result.stderr)")
                #expect(result.stdout.isEmpty)
                let lines = result.stderr.split(separator: "\n")
                #expect(lines.count == 1, "\(name): \(result.stderr)")
                #expect(result.stderr.hasPrefix("hstsq: error: \(path)\(expected)"), "\(name): \(result.stderr)")
            }
        }
        // No store was created by the failed imports.
        #expect(!FileManager.default.fileExists(atPath: folder + "/store/store.sqlite"))
        // Without --pins, the combined layout (pinsets beside the entries) imports as before.
        let combined = try HSTSQProcess.run(
            ["import", StoreCommandTests.sample],
            environment: ["HSTSQ_STORE": folder + "/store"]
        )
        #expect(combined.status == 0, "\(combined.stderr)")
    }

    @Test func aBadPinsFileLeavesTheStoreUnchanged() throws {
        let folder = try Self.newFolder()
        defer { HSTSQProcess.removeTemporaryItem(atPath: folder) }
        let store = folder + "/store"
        let env = ["HSTSQ_STORE": store]
        #expect(
            try HSTSQProcess.run(["import", Self.entries, "--pins", Self.pins, "--label", "one"], environment: env)
                .status == 0
        )
        let before = Self.snapshot(store)
        #expect(!before.isEmpty)
        let pinsText = try String(contentsOfFile: Self.pins, encoding: .utf8)
        func replacing(_ old: String, _ new: String) -> String {
            pinsText.replacingOccurrences(of: old, with: new)
        }
        let bad: [(String, String, String)] = [
            ("syntax", "{ \"pinsets\": [ }", ":1:16: invalid JSON"),
            (
                "unknown-pinset",
                replacing(#""pinningtest.appspot.com", "pins": "test""#, #""pinningtest.appspot.com", "pins": "nope""#),
                ":15:50: entry 0 'pinningtest.appspot.com': \"pins\" names pinset \"nope\", which does not exist"
            ),
            (
                "duplicate", replacing(#""name": "youtube.com""#, #""name": "gmail.com""#),
                ":20:5: entry 5 'gmail.com': duplicate name, first listed as entry 4"
            ),
            (
                "no-pins", replacing(#"{ "name": "gmail.com", "pins": "google" }"#, #"{ "name": "gmail.com" }"#),
                ":19:5: entry 4 'gmail.com': missing \"pins\""
            ),
            (
                "unknown-field", replacing(#""name": "gmail.com","#, #""name": "gmail.com", "mode": "force-https","#),
                ":19:28: entry 4 'gmail.com': field \"mode\" is not allowed in a pins file entry"
            ),
            ("no-pinsets", "{ \"entries\": [] }", ":1:1: missing \"pinsets\" array"),
        ]
        for (name, text, expected) in bad {
            let path = folder + "/\(name)-pins.json"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let result = try HSTSQProcess.run(
                ["import", Self.entries, "--pins", path, "--label", "two"],
                environment: env
            )
            #expect(result.status == 3, "\(name): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(name): \(result.stderr)")
            #expect(result.stderr.hasPrefix("hstsq: error: \(path)\(expected)"), "\(name): \(result.stderr)")
            #expect(Self.snapshot(store) == before, "\(name)")
        }
        let missing = try HSTSQProcess.run(
            ["import", Self.entries, "--pins", folder + "/absent.json"],
            environment: env
        )
        #expect(missing.status == 3)
        #expect(missing.stderr == "hstsq: error: \(folder)/absent.json: cannot read: no such file\n")
        #expect(Self.snapshot(store) == before)
        let versions = try HSTSQProcess.run(["versions"], environment: env)
        #expect(versions.stdoutLines.count == 1)
    }
}
