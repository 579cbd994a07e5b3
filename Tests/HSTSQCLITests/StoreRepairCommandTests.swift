import Foundation
import Testing

/// `delete`, `repair` and `versions --verify` through the built binary: damaged files, refusals, a writer holding the
/// lock, and SIGKILL at random moments.
@Suite struct StoreRepairCommandTests {
    static func trieFiles(_ store: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: store).filter { $0.hasSuffix(".hstsq") }.sorted()
            .map { store + "/" + $0 }
    }

    static func flipByte(_ path: String, at offset: Int) throws {
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[offset] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
    }

    @Test func repairRebuildsADamagedOrMissingTrieFile() throws {
        try StoreHistoryCommandTests.withStore { env, folder in
            let store = folder + "/store"
            let files = try Self.trieFiles(store)
            #expect(files.count == 2)
            let original = files.map { FileManager.default.contents(atPath: $0)?.count }
            let database = FileManager.default.contents(atPath: store + "/store.sqlite")
            try Self.flipByte(files[0], at: 100)
            try FileManager.default.removeItem(atPath: files[1])

            #expect(try HSTSQProcess.run(["check", "kept.example"], environment: env).status == 3)
            let verify = try HSTSQProcess.run(["versions", "--verify"], environment: env)
            #expect(verify.status == 1)
            #expect(verify.stderr.split(separator: "\n").count == 2)
            // Repair does (entry order within the rows may differ from the source's, so the bytes may too).
            let repair = try HSTSQProcess.run(["repair"], environment: env)
            #expect(repair.status == 0, "\(repair.stderr)")
            #expect(repair.stdoutLines.filter { $0.hasPrefix("rebuilt ") }.count == 2)
            #expect(files.map { FileManager.default.contents(atPath: $0)?.count } == original)
            #expect(try HSTSQProcess.run(["check", "kept.example"], environment: env).status == 0)
            #expect(try HSTSQProcess.run(["check", "a.kept.example"], environment: env).status == 1)
            #expect(FileManager.default.contents(atPath: store + "/store.sqlite") == database)
            #expect(try HSTSQProcess.run(["versions", "--verify"], environment: env).status == 0)
            #expect(try HSTSQProcess.run(["repair"], environment: env).stdout == "nothing to repair in \(store)\n")
        }
    }

    @Test func inconsistentRowsCannotBeRepairedAndNothingChanges() throws {
        try StoreHistoryCommandTests.withStore { env, folder in
            let store = folder + "/store"
            let sqlite = Process()
            sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            sqlite.arguments = [store + "/store.sqlite", "DELETE FROM entries WHERE name = 'dropped.example'"]
            try sqlite.run()
            sqlite.waitUntilExit()
            try Self.flipByte(try Self.trieFiles(store)[0], at: 100)
            let before = StoreHistoryCommandTests.snapshot(store)
            let repair = try HSTSQProcess.run(["repair"], environment: env)
            #expect(repair.status == 3)
            #expect(
                repair.stderr.contains(
                    "the store cannot be repaired from its rows: version #1: 1 entries stored, 2 recorded"
                ),
                "\(repair.stderr)"
            )
            #expect(repair.stderr.split(separator: "\n").count == 1)
            #expect(StoreHistoryCommandTests.snapshot(store) == before)
        }
    }

    @Test func deleteRefusesTheCurrentVersionUnlessForced() throws {
        try StoreHistoryCommandTests.withStore { env, folder in
            let store = folder + "/store"
            let before = StoreHistoryCommandTests.snapshot(store)
            for arguments in [["delete", "v2"], ["delete", "v9"]] {
                let refused = try HSTSQProcess.run(arguments, environment: env)
                #expect(refused.status == 3, "\(arguments)")
                #expect(refused.stderr.split(separator: "\n").count == 1)
            }
            #expect(StoreHistoryCommandTests.snapshot(store) == before)
            let deleted = try HSTSQProcess.run(["delete", "v1"], environment: env)
            #expect(deleted.status == 0)
            #expect(deleted.stdout.hasPrefix("deleted #1 v1 ("))
            #expect(try Self.trieFiles(store).count == 1)
            #expect(try HSTSQProcess.run(["versions"], environment: env).stdoutLines.count == 1)
            let forced = try HSTSQProcess.run(["delete", "v2", "--force"], environment: env)
            #expect(forced.status == 0)
            #expect(try Self.trieFiles(store).isEmpty)
            let empty = try HSTSQProcess.run(["status", "kept.example"], environment: env)
            #expect(empty.status == 3)
            #expect(empty.stderr.contains("the store holds no version yet"))
        }
    }

    @Test func repairWaitsForAWriterAndFailsCleanly() throws {
        try StoreHistoryCommandTests.withStore { env, folder in
            let store = folder + "/store"
            try Self.flipByte(try Self.trieFiles(store)[0], at: 100)
            // Another process holds the write lock, as a running import does.
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            holder.arguments = [store + "/store.sqlite"]
            let input = Pipe()
            holder.standardInput = input
            holder.standardOutput = Pipe()
            try holder.run()
            input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nSELECT 1;\n".utf8))
            usleep(300_000)
            let before = StoreHistoryCommandTests.snapshot(store)
            let repair = try HSTSQProcess.run(["repair"], environment: env)
            try input.fileHandleForWriting.close()
            holder.waitUntilExit()
            #expect(repair.status == 3)
            #expect(repair.stderr.contains("the store is locked by another hstsq"), "\(repair.stderr)")
            #expect(
                StoreHistoryCommandTests.snapshot(store).filter { $0.key.hasSuffix(".hstsq") }
                    == before.filter { $0.key.hasSuffix(".hstsq") }
            )
            #expect(try HSTSQProcess.run(["repair"], environment: env).status == 0)
        }
    }

    /// SIGKILL `delete` and `repair` at random moments: the store passes `versions --verify` (after a repair when
    /// the killed one was the repair), and each version is either wholly there or wholly gone.
    @Test func killedDeletesAndRepairsLeaveAConsistentStore() throws {
        let folder = StoreCommandTests.newStore()
        defer { HSTSQProcess.removeTemporaryItem(atPath: folder) }
        let store = folder + "/store"
        let env = ["HSTSQ_STORE": store]
        #expect(try HSTSQProcess.run(["import", StoreCommandTests.may], environment: env).status == 0)
        #expect(try HSTSQProcess.run(["import", StoreCommandTests.june], environment: env).status == 0)
        var generator = SystemRandomNumberGenerator()
        func killed(_ arguments: [String], within seconds: Double) throws {
            let process = Process()
            process.executableURL = try HSTSQProcess.executable()
            process.arguments = arguments + ["--store", store]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(Double.random(in: 0...seconds, using: &generator) * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        for round in 1...6 {
            let files = try Self.trieFiles(store)
            try Self.flipByte(files[round % files.count], at: 1000)
            try killed(["repair"], within: 1.5)
            let verify = try HSTSQProcess.run(["versions", "--verify"], environment: env)
            #expect(verify.status == 0 || verify.stderr.contains("checksum mismatch"), "round \(round)")
            #expect(try HSTSQProcess.run(["repair"], environment: env).status == 0, "round \(round)")
            #expect(try HSTSQProcess.run(["versions", "--verify"], environment: env).status == 0, "round \(round)")
        }
        for round in 1...6 {
            #expect(try HSTSQProcess.run(["import", StoreCommandTests.sample], environment: env).status == 0)
            #expect(try HSTSQProcess.run(["use", "1"], environment: env).status == 0)
            try killed(["delete", "3"], within: 0.6)
            let verify = try HSTSQProcess.run(["versions", "--verify", "--json"], environment: env)
            #expect(verify.status == 0, "round \(round): \(verify.stderr)")
            let count = verify.stdoutLines.count
            #expect(count == 2 || count == 3, "round \(round)")
            // Without AUTOINCREMENT the next import is #3 again once #3 is gone.
            if count == 3 { #expect(try HSTSQProcess.run(["delete", "3"], environment: env).status == 0) }
        }
    }
}
