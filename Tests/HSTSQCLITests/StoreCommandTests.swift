import Foundation
import Testing

/// `import`, `versions`, `diff`, `stats`, `entries`, and `check` reading the store, through the built binary; the
/// kill test and two importers at once.
@Suite struct StoreCommandTests {
    static let may = HSTSQProcess.repositoryRoot.appendingPathComponent(
        "Tests/HSTSStoreTests/Fixtures/preload-2026-05-01.json"
    ).path
    static let june = HSTSQProcess.repositoryRoot.appendingPathComponent("data/preload-2026-06-01.json").path
    static let sample = HSTSQProcess.repositoryRoot.appendingPathComponent(
        "Tests/HSTSPreloadTests/Fixtures/chromium-current-format-sample.json"
    ).path
    static let chromium2016 = HSTSQProcess.repositoryRoot.appendingPathComponent(
        "Tests/HSTSPreloadTests/Fixtures/chromium-2016-08-12.json"
    ).path

    /// A store path under the temporary directory, not created yet; remove it with
    /// `HSTSQProcess.removeTemporaryItem(atPath:)` in a `defer`.
    static func newStore() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-store-cli-\(UUID().uuidString)").path
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func importVersionsDiffStatsAndEntries() throws {
        let store = Self.newStore()
        defer { HSTSQProcess.removeTemporaryItem(atPath: store) }
        let env = ["HSTSQ_STORE": store]
        let first = try HSTSQProcess.run(["import", Self.may, "--label", "may"], environment: env)
        #expect(first.status == 0)
        #expect(first.stdout.hasPrefix("imported #1 may  92597 entries"))
        let second = try HSTSQProcess.run(["import", Self.june, "--label", "june", "--json"], environment: env)
        #expect(second.status == 0)
        let imported = try Self.json(second.stdout)
        #expect(imported["imported"] as? Bool == true)
        #expect((imported["version"] as? [String: Any])?["entries"] as? Int == 94_600)

        let again = try HSTSQProcess.run(["import", Self.june], environment: env)
        #expect(again.status == 0)
        #expect(again.stdout.contains("unchanged: the same source"))
        #expect(again.stdout.contains("is already version #2"))

        let versions = try HSTSQProcess.run(["versions", "--verify"], environment: env)
        #expect(versions.status == 0)
        #expect(versions.stdoutLines.count == 2)
        #expect(versions.stdoutLines.first?.hasPrefix("#2 june  94600 entries") == true)

        // The default diff is the two newest; the --json object has the contract's keys.
        let diff = try HSTSQProcess.run(["diff", "--json"], environment: env)
        #expect(diff.status == 0)
        let object = try Self.json(diff.stdout)
        #expect(Set(object.keys) == ["from", "to", "added", "removed", "changed"])
        #expect((object["from"] as? [String: Any])?["label"] as? String == "may")
        #expect((object["added"] as? [Any])?.count == 5_712)
        #expect((object["removed"] as? [Any])?.count == 3_709)
        let added = try #require((object["added"] as? [[String: Any]])?.first)
        #expect(Set(added.keys) == ["name", "mode", "include_subdomains", "policy", "pins"])
        // Versions by label, and a list file as one side, agree.
        let text = try HSTSQProcess.run(["diff", "may", Self.june], environment: env)
        #expect(text.stdoutLines[2] == "5712 added, 3709 removed, 0 changed")
        #expect(text.stdout.contains("\n- 1-news.net\n"))

        let stats = try Self.json(try HSTSQProcess.run(["stats", "--json", "may"], environment: env).stdout)
        #expect((stats["mode"] as? [String: Int])?["force-https"] == 92_597)
        #expect((stats["top_tlds"] as? [[String: Any]])?.first?["tld"] as? String == "com")

        let entries = try HSTSQProcess.run(["entries", "--under", "google.com", "--json"], environment: env)
        #expect(entries.status == 0)
        let names = try entries.stdoutLines.map { try Self.json($0)["name"] as? String }
        #expect(names.contains("accounts.google.com"))
        #expect(names.allSatisfy { $0 == "google.com" || $0?.hasSuffix(".google.com") == true })
        let withoutSubdomains = try HSTSQProcess.run(
            ["entries", "--include-subdomains", "false", "--tld", "com"],
            environment: env
        )
        #expect(withoutSubdomains.stdoutLines.count > 0)
        #expect(
            withoutSubdomains.stdoutLines.allSatisfy { !$0.contains("include_subdomains") && $0.contains(".com\t") }
        )
    }

    @Test func checkUsesTheNewestStoredVersion() throws {
        let store = Self.newStore()
        defer { HSTSQProcess.removeTemporaryItem(atPath: store) }
        let env = ["HSTSQ_STORE": store]
        // 1-news.net is in the May list only; the bundled list is June's.
        #expect(try HSTSQProcess.run(["check", "1-news.net"], environment: env).status == 1)
        #expect(try HSTSQProcess.run(["import", Self.may], environment: env).status == 0)
        #expect(try HSTSQProcess.run(["check", "1-news.net"], environment: env).status == 0)
        #expect(try HSTSQProcess.run(["check", "--list", store, "1-news.net"], environment: [:]).status == 0)
        #expect(try HSTSQProcess.run(["check", "--list", Self.june, "1-news.net"], environment: env).status == 1)
        #expect(try HSTSQProcess.run(["check", "--store", store, "1-news.net"]).status == 0)
    }

    @Test func errorsAreOneLineWithExitThreeAndChangeNothing() throws {
        let store = Self.newStore()
        defer { HSTSQProcess.removeTemporaryItem(atPath: store) }
        let env = ["HSTSQ_STORE": store]
        #expect(try HSTSQProcess.run(["import", Self.sample, "--label", "s"], environment: env).status == 0)
        let bad = HSTSQProcess.repositoryRoot.appendingPathComponent("Tests/HSTSQCLITests/Fixtures/bad-syntax.json")
            .path
        let broken = try HSTSQProcess.run(["import", bad], environment: env)
        #expect(broken.status == 3)
        #expect(broken.stderr.hasPrefix("hstsq: error: \(bad):"))
        #expect(broken.stderr.split(separator: "\n").count == 1)
        let taken = try HSTSQProcess.run(["import", Self.chromium2016, "--label", "s"], environment: env)
        #expect(taken.status == 3)
        #expect(taken.stderr == "hstsq: error: the label 's' is already used by another version (labels are unique)\n")
        let missing = try HSTSQProcess.run(["import", "/nonexistent.json"], environment: env)
        #expect(missing.stderr == "hstsq: error: /nonexistent.json: cannot read: no such file\n")
        let unknown = try HSTSQProcess.run(["diff", "april"], environment: env)
        #expect(unknown.status == 3)
        #expect(unknown.stderr.contains("'april' is neither a stored version"))
        let lonely = try HSTSQProcess.run(["diff"], environment: env)
        #expect(lonely.stderr.contains("diff needs 2 stored versions"))
        let versions = try HSTSQProcess.run(["versions"], environment: env)
        #expect(versions.stdoutLines.count == 1)
        let emptyStore = Self.newStore()
        defer { HSTSQProcess.removeTemporaryItem(atPath: emptyStore) }
        let empty = try HSTSQProcess.run(["stats"], environment: ["HSTSQ_STORE": emptyStore])
        #expect(empty.status == 3)
        #expect(empty.stderr.contains("the store holds no version yet"))
    }

    @Test func aBrokenStoreIsAnErrorNotAnEmptyStore() throws {
        let store = Self.newStore()
        defer { try? FileManager.default.removeItem(atPath: store) }
        try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
        try Data("this is not an SQLite database, but it is where one should be\n".utf8)
            .write(to: URL(fileURLWithPath: store + "/store.sqlite"))
        for arguments in [["stats"], ["entries"], ["stats", "1"], ["diff", "1", "2"]] {
            let result = try HSTSQProcess.run(arguments, environment: ["HSTSQ_STORE": store])
            #expect(result.status == 3, "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("hstsq: error: SQLite error 26: file is not a database"), "\(arguments)")
            #expect(!result.stderr.contains("no version yet"))
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        // Lists given by path need no store.
        let files = try HSTSQProcess.run(["diff", Self.sample, Self.sample], environment: ["HSTSQ_STORE": store])
        #expect(files.status == 0, "\(files.stderr)")
        #expect(files.stdoutLines.last == "0 added, 0 removed, 0 changed")
    }

    @Test func aNewerSchemaIsRefusedWithAClearMessage() throws {
        let store = Self.newStore()
        defer { HSTSQProcess.removeTemporaryItem(atPath: store) }
        #expect(try HSTSQProcess.run(["import", Self.sample], environment: ["HSTSQ_STORE": store]).status == 0)
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [store + "/store.sqlite", "PRAGMA user_version = 9"]
        try sqlite.run()
        sqlite.waitUntilExit()
        let before = FileManager.default.contents(atPath: store + "/store.sqlite")
        let result = try HSTSQProcess.run(["import", Self.chromium2016], environment: ["HSTSQ_STORE": store])
        #expect(result.status == 3)
        #expect(result.stderr.contains("store schema version 9 is newer than this hstsq supports (3)"))
        #expect(FileManager.default.contents(atPath: store + "/store.sqlite") == before)
    }

    @Test func twoImportProcessesAtOnceBothLand() throws {
        let store = Self.newStore()
        defer { HSTSQProcess.removeTemporaryItem(atPath: store) }
        let env = ["HSTSQ_STORE": store]
        #expect(try HSTSQProcess.run(["import", Self.sample], environment: env).status == 0)
        let results = [Self.may, Self.chromium2016].map { file in
            let process = Process()
            process.executableURL = try? HSTSQProcess.executable()
            process.arguments = ["import", file, "--store", store]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try? process.run()
            return process
        }
        for process in results { process.waitUntilExit() }
        #expect(results.map(\.terminationStatus) == [0, 0])
        let versions = try HSTSQProcess.run(["versions", "--verify", "--json"], environment: env)
        #expect(versions.status == 0)
        #expect(versions.stdoutLines.count == 3)
    }

    /// SIGKILL `hstsq import` at random moments: the store must open, pass integrity_check, keep every earlier
    /// version, and have a trie file matching each version (`versions --verify`).
    @Test func killedImportsLeaveAConsistentStore() throws {
        let store = Self.newStore()
        defer { HSTSQProcess.removeTemporaryItem(atPath: store) }
        let env = ["HSTSQ_STORE": store]
        #expect(try HSTSQProcess.run(["import", Self.sample], environment: env).status == 0)
        let base = try Data(contentsOf: URL(fileURLWithPath: Self.chromium2016))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { HSTSQProcess.removeTemporaryItem(atPath: folder.path) }
        // How long an import takes here, so kills spread over the whole of it.
        func variant(_ index: Int) throws -> String {
            let path = folder.appendingPathComponent("list-\(index).json").path
            try (base + Data("\n// variant \(index)\n".utf8)).write(to: URL(fileURLWithPath: path))
            return path
        }
        let started = Date()
        #expect(try HSTSQProcess.run(["import", try variant(0)], environment: env).status == 0)
        let duration = Date().timeIntervalSince(started)
        // The versions, without the current mark (the newest import moves it).
        func withoutCurrentMark(_ lines: [String]) -> [String] {
            lines.map {
                $0.replacingOccurrences(of: ",\"current\":true", with: "")
                    .replacingOccurrences(of: ",\"current\":false", with: "")
            }
        }
        var previous = withoutCurrentMark(try HSTSQProcess.run(["versions", "--json"], environment: env).stdoutLines)
        var landed = 0
        var generator = SystemRandomNumberGenerator()
        for index in 1...24 {
            let process = Process()
            process.executableURL = try HSTSQProcess.executable()
            process.arguments = ["import", try variant(index), "--store", store]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(Double.random(in: 0...(duration * 1.1), using: &generator) * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let check = try HSTSQProcess.run(["versions", "--verify", "--json"], environment: env)
            #expect(check.status == 0, "after kill \(index): \(check.stderr)")
            #expect(check.stdoutLines.filter { $0.contains(",\"current\":true") }.count == 1)
            let now = withoutCurrentMark(check.stdoutLines)
            // Every earlier version is still there, unchanged; at most the killed import was added.
            #expect(Set(previous).isSubset(of: Set(now)), "after kill \(index)")
            #expect(now.count - previous.count <= 1)
            landed += now.count - previous.count
            previous = now
        }
        // Both outcomes should occur over 24 random kills; report how they fell.
        print("kill test: \(landed) of 24 killed imports had committed, import takes \(duration) s here")
        #expect(try HSTSQProcess.run(["import", try variant(99)], environment: env).status == 0)
    }
}
