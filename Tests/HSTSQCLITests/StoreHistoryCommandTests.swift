import Foundation
import Testing

/// `status`, `history`, `use` and the current version through the built binary, on small hand-written lists.
@Suite struct StoreHistoryCommandTests {
    static let first = """
        {"entries": [
        {"name": "kept.example", "policy": "bulk-1-year", "mode": "force-https", "include_subdomains": true},
        {"name": "dropped.example", "policy": "bulk-18-weeks", "mode": "force-https"}
        ]}
        """
    static let second = """
        {"entries": [
        {"name": "kept.example", "policy": "bulk-1-year", "mode": "force-https", "include_subdomains": false},
        {"name": "www.kept.example", "policy": "custom", "mode": "force-https"}
        ]}
        """

    /// A store with `first` as v1 and `second` as v2 (current), plus the folder holding the list files.
    static func withStore(_ body: (_ env: [String: String], _ folder: String) throws -> Void) throws {
        let folder = StoreCommandTests.newStore()
        defer { HSTSQProcess.removeTemporaryItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(first.utf8).write(to: URL(fileURLWithPath: folder + "/first.json"))
        try Data(second.utf8).write(to: URL(fileURLWithPath: folder + "/second.json"))
        let env = ["HSTSQ_STORE": folder + "/store"]
        #expect(
            try HSTSQProcess.run(["import", folder + "/first.json", "--label", "v1"], environment: env).status == 0
        )
        #expect(
            try HSTSQProcess.run(["import", folder + "/second.json", "--label", "v2"], environment: env).status == 0
        )
        try body(env, folder)
    }

    static func snapshot(_ folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            result[name] = FileManager.default.contents(atPath: folder + "/" + name) ?? Data()
        }
        return result
    }

    @Test func statusNamesTheVersionAndTheRemoval() throws {
        try Self.withStore { env, _ in
            let text = try HSTSQProcess.run(
                ["status", "kept.example", "www.kept.example", "a.kept.example", "never.example"],
                environment: env
            )
            #expect(text.status == 1, "\(text.stderr)")
            let lines = text.stdoutLines
            #expect(lines.count == 4)
            #expect(
                lines[0].hasPrefix(
                    "kept.example: preloaded by its own entry (force-https, exact host only, policy bulk-1-year) since #1 v1; scanned weekly for automated removal [#2 v2 ("
                )
            )
            #expect(lines[1].hasPrefix("www.kept.example: preloaded by its own entry"))
            #expect(lines[1].contains("since #1 v1"))
            #expect(
                lines[2].hasPrefix(
                    "a.kept.example: removed in #2 v2; last preloaded through kept.example (force-https, include_subdomains, policy bulk-1-year) in #1 v1 [#2 v2 ("
                )
            )
            #expect(lines[3].hasPrefix("never.example: not preloaded in any of the 2 stored versions"))

            let json = try HSTSQProcess.run(
                ["status", "--json", "-"],
                stdin: "# my hosts\nkept.example\n\ndropped.example\n",
                environment: env
            )
            #expect(json.status == 1)
            let objects = try json.stdoutLines.map(StoreCommandTests.json)
            #expect(objects.count == 2)
            #expect(objects[0]["status"] as? String == "preloaded")
            #expect(objects[0]["bulk"] as? Bool == true)
            #expect(objects[0]["preloadedDomain"] as? String == "kept.example")
            #expect(objects[0]["automated_removal_scan"] as? Bool == true)
            #expect((objects[0]["version"] as? [String: Any])?["label"] as? String == "v2")
            #expect((objects[0]["version"] as? [String: Any])?["sha256"] as? String != nil)
            #expect(objects[1]["status"] as? String == "removed")
            #expect(objects[1]["preloadedDomain"] as? String == "")
            #expect((objects[1]["removed_in"] as? [String: Any])?["label"] as? String == "v2")
            #expect((objects[1]["last_present"] as? [String: Any])?["label"] as? String == "v1")

            let allPreloaded = try HSTSQProcess.run(["status", "kept.example"], environment: env)
            #expect(allPreloaded.status == 0)
        }
    }

    @Test func historyListsAppearancesChangesAndRemovals() throws {
        try Self.withStore { env, _ in
            let text = try HSTSQProcess.run(["history", "kept.example"], environment: env)
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdoutLines.count == 3)
            #expect(text.stdoutLines[0].hasPrefix("kept.example: 2 changes across 2 stored versions"))
            #expect(text.stdoutLines[1].contains(": added kept.example (force-https, include_subdomains"))
            #expect(text.stdoutLines[2].hasSuffix("changed kept.example: include_subdomains true -> false"))

            let json = try StoreCommandTests.json(
                try HSTSQProcess.run(["history", "--json", "dropped.example"], environment: env).stdout
            )
            let events = try #require(json["events"] as? [[String: Any]])
            #expect(events.map { $0["event"] as? String } == ["added", "removed"])
            #expect(events.map { ($0["version"] as? [String: Any])?["label"] as? String } == ["v1", "v2"])

            let none = try HSTSQProcess.run(["history", "never.example"], environment: env)
            #expect(none.status == 1)
            #expect(none.stdout.hasPrefix("never.example: no entry in any of the 2 stored versions"))
        }
    }

    @Test func useAndImportChooseTheAnsweringVersion() throws {
        try Self.withStore { env, folder in
            let used = try HSTSQProcess.run(["use", "v1"], environment: env)
            #expect(used.status == 0)
            #expect(used.stdout.hasPrefix("#1 v1 ("))
            #expect(used.stdout.contains("is now the current version"))
            let versions = try HSTSQProcess.run(["versions"], environment: env).stdoutLines
            #expect(versions.count == 2)
            #expect(versions[1].hasSuffix("(current)") && !versions[0].hasSuffix("(current)"))
            // check answers from v1 now: a.kept.example is upgraded through include_subdomains.
            #expect(try HSTSQProcess.run(["check", "a.kept.example"], environment: env).status == 0)
            #expect(try HSTSQProcess.run(["status", "a.kept.example"], environment: env).status == 0)

            let again = try HSTSQProcess.run(["import", folder + "/second.json"], environment: env)
            #expect(again.stdout.contains("is already version #2; it is the current version now"))
            #expect(try HSTSQProcess.run(["check", "a.kept.example"], environment: env).status == 1)
        }
    }

    @Test func badInputIsOneLineExitThreeAndChangesNothing() throws {
        try Self.withStore { env, folder in
            let store = folder + "/store"
            let before = Self.snapshot(store)
            for arguments in [
                ["use", "v9"], ["status", "bad..name"], ["history", "bad..name"], ["status", "-", "x"],
            ] {
                let result = try HSTSQProcess.run(arguments, environment: env)
                #expect(result.status == 3, "\(arguments)")
                #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
                #expect(result.stderr.hasPrefix("hstsq: error: "), "\(arguments): \(result.stderr)")
            }
            #expect(Self.snapshot(store) == before)

            // An empty store, and a store from a newer schema.
            let empty = try HSTSQProcess.run(
                ["status", "kept.example"],
                environment: ["HSTSQ_STORE": folder + "/none"]
            )
            #expect(empty.status == 3)
            #expect(empty.stderr.contains("the store holds no version yet"))
            let sqlite = Process()
            sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            sqlite.arguments = [store + "/store.sqlite", "PRAGMA user_version = 9"]
            try sqlite.run()
            sqlite.waitUntilExit()
            let newer = Self.snapshot(store)
            for arguments in [["use", "v1"], ["status", "kept.example"], ["history", "kept.example"]] {
                let result = try HSTSQProcess.run(arguments, environment: env)
                #expect(result.status == 3, "\(arguments)")
                #expect(result.stderr.contains("newer than this hstsq supports"), "\(arguments)")
            }
            #expect(Self.snapshot(store) == newer)
        }
    }

    @Test func diffHostsPrintsOnlyTheHostsWhoseAnswerChanges() throws {
        try Self.withStore { env, folder in
            let hosts = folder + "/hosts.txt"
            try Data("# mine\nkept.example\na.kept.example\nwww.kept.example\nnever.example\n".utf8)
                .write(to: URL(fileURLWithPath: hosts))
            let text = try HSTSQProcess.run(["diff", "v1", "v2", "--hosts", hosts], environment: env)
            #expect(text.status == 0, "\(text.stderr)")
            #expect(
                text.stdoutLines.dropLast() == [
                    "kept.example: upgraded (entry kept.example, include_subdomains, policy bulk-1-year) -> upgraded (entry kept.example, policy bulk-1-year)",
                    "a.kept.example: upgraded (entry kept.example, include_subdomains, policy bulk-1-year) -> not upgraded (entry kept.example, policy bulk-1-year)",
                    "www.kept.example: upgraded (entry kept.example, include_subdomains, policy bulk-1-year) -> upgraded (entry www.kept.example, policy custom)",
                ]
            )
            #expect(
                text.stdoutLines.last?.hasPrefix(
                    "4 hosts, 3 changed: 0 now upgraded, 1 no longer upgraded, 2 deciding entry changed"
                ) == true
            )
            let json = try HSTSQProcess.run(
                ["diff", "v1", folder + "/second.json", "--hosts", "-", "--json"],
                stdin: "a.kept.example\nbad..host\n",
                environment: env
            )
            #expect(json.status == 3)
            #expect(
                json.stderr
                    == "hstsq: error: standard input:2: invalid host \"bad..host\": empty label (a leading dot, two dots in a row, or two or more trailing dots)\n"
            )
            let objects = try json.stdoutLines.map(StoreCommandTests.json)
            #expect(objects.count == 2)
            #expect(objects[0]["change"] as? String == "no-longer-upgraded")
            let summary = try #require(objects[1]["summary"] as? [String: Any])
            #expect(summary["hosts"] as? Int == 1 && summary["changed"] as? Int == 1 && summary["invalid"] as? Int == 1)
        }
    }
}
