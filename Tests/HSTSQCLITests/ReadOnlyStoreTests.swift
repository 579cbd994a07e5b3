import Foundation
import Testing

/// A store on a read-only file system: write commands fail with one line and change nothing; read commands work.
///
/// File modes mean nothing to root (CI runs as root), so the store folder is made read-only by a read-only bind
/// mount in a private mount namespace (`unshare -m`), where even root gets EROFS. The mount exists only for the one
/// `hstsq` process run inside the namespace.
@Suite struct ReadOnlyStoreTests {
    static let unshare = "/usr/bin/unshare"

    /// Whether this machine lets a process make a private mount namespace and remount a folder read-only in it.
    static let canMountReadOnly: Bool = {
        guard FileManager.default.isExecutableFile(atPath: unshare) else { return false }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-ro-probe-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil
        else { return false }
        let result = try? run(["-m", "sh", "-c", mountScript + "exit 0", "sh", folder])
        return result?.status == 0
    }()

    /// Bind-mounts the folder `$1` onto itself read-only, then runs the rest of the arguments.
    static let mountScript = """
        set -e; dir="$1"; shift; mount --bind "$dir" "$dir"; mount -o remount,ro,bind "$dir" "$dir"; \
        if touch "$dir/.writable" 2>/dev/null; then echo "the bind mount is still writable" >&2; exit 97; fi;
        """

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> HSTSQProcess.Result {
        try HSTSQProcess.start(
            arguments,
            stdin: nil,
            environment: environment,
            program: URL(fileURLWithPath: unshare)
        ).finish()
    }

    /// Runs `hstsq arguments…` with the store folder mounted read-only.
    static func runReadOnly(_ store: String, _ arguments: [String]) throws -> HSTSQProcess.Result {
        let hstsq = try HSTSQProcess.executable().path
        return try run(
            ["-m", "sh", "-c", mountScript + " exec \"$@\"", "sh", store, hstsq] + arguments,
            environment: ["HSTSQ_STORE": store]
        )
    }

    @Test(
        .enabled(
            if: canMountReadOnly,
            "needs `unshare -m` and bind mounts (a private mount namespace) to make the store read-only for root"
        )
    )
    func writeCommandsFailCleanlyAndReadCommandsWork() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-ro-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { HSTSQProcess.removeTemporaryItem(atPath: folder) }
        let store = folder + "/store"
        let env = ["HSTSQ_STORE": store]
        let lists = [
            (
                "first",
                #"{ "entries": [ { "name": "kept.example", "mode": "force-https", "include_subdomains": true } ] }"#
            ),
            (
                "second",
                #"{ "entries": [ { "name": "kept.example", "mode": "force-https" }, { "name": "new.example", "mode": "force-https" } ] }"#
            ),
            ("third", #"{ "entries": [ { "name": "third.example", "mode": "force-https" } ] }"#),
        ]
        for (name, text) in lists {
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(folder)/\(name).json"))
        }
        #expect(
            try HSTSQProcess.run(["import", folder + "/first.json", "--label", "v1"], environment: env).status == 0
        )
        #expect(
            try HSTSQProcess.run(["import", folder + "/second.json", "--label", "v2"], environment: env).status == 0
        )
        let before = CurrentLayoutImportTests.snapshot(store)
        #expect(before.keys.contains("store.sqlite"))

        let writes: [[String]] = [
            ["import", folder + "/third.json"], ["import", folder + "/first.json"], ["use", "v1"], ["delete", "v1"],
            ["delete", "v2", "--force"], ["repair"],
        ]
        for arguments in writes {
            let result = try Self.runReadOnly(store, arguments)
            #expect(result.status == 3, "\(arguments): \(result.stdout)\(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
            #expect(
                result.stderr.hasPrefix("hstsq: error: \(store): the store is read-only"),
                "\(arguments): \(result.stderr)"
            )
            #expect(CurrentLayoutImportTests.snapshot(store) == before, "\(arguments)")
        }

        let check = try Self.runReadOnly(store, ["check", "kept.example", "a.kept.example"])
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.stdout.contains("kept.example: upgraded"), "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("a.kept.example: not upgraded"))
        let status = try Self.runReadOnly(store, ["status", "new.example", "--json"])
        #expect(status.status == 0, "\(status.stdout)\(status.stderr)")
        #expect(status.stdout.contains("\"preloaded\""), "\(status.stdout)")
        let versions = try Self.runReadOnly(store, ["versions", "--verify"])
        #expect(versions.status == 0, "\(versions.stderr)")
        #expect(versions.stdoutLines.count == 2)
        #expect(CurrentLayoutImportTests.snapshot(store) == before)
    }
}
