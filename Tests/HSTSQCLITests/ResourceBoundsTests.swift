import Foundation
import Testing

/// Hostile sizes end in one short error line, not in a huge message or an out-of-memory kill (the full-size runs,
/// with their memory, are scripts/resource-bounds.sh; docs/robustness.md).
@Suite struct ResourceBoundsTests {
    static func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-bounds-\(UUID().uuidString)-\(name)").path
    }

    @Test func aFileOverTheLimitIsRefusedBeforeReading() throws {
        let path = Self.temporaryFile("huge.json")
        // Sparse: 1 GiB long, no disk used.
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        for arguments in [
            ["import", path], ["check", "--list", path, "example.com"], ["compile", path, "-o", "/dev/null"],
        ] {
            let result = try HSTSQProcess.run(arguments)
            #expect(result.status == 3)
            #expect(
                result.stderr
                    == "hstsq: error: \(path): the file is 1024 MiB; hstsq reads files of at most 128 MiB (the 2026 list is 8 MB)\n"
            )
        }
    }

    @Test func aOneMegabyteNameIsOneShortErrorLine() throws {
        let path = Self.temporaryFile("long-name.json")
        let name = String(repeating: "a", count: 1 << 20) + ".com"
        try #"{"entries": [{"name": "ok.com", "mode": "force-https"}, {"name": "\#(name)", "mode": "force-https"}]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try HSTSQProcess.run(["import", path])
        #expect(result.status == 3)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.utf8.count < 400, "\(result.stderr.utf8.count) bytes")
        #expect(result.stderr.contains("entry 1 'aaaa"))
        #expect(result.stderr.contains("…' (1048580 characters)"))
    }

    @Test func aNameWithANewlineStaysOneLine() throws {
        let path = Self.temporaryFile("newline.json")
        try #"{"entries": [{"name": "a\nb.com", "mode": "force-https"}]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = Self.temporaryFile("x.hstsq")
        defer { HSTSQProcess.removeTemporaryItem(atPath: output) }
        let result = try HSTSQProcess.run(["compile", path, "-o", output])
        #expect(result.status == 3)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains(#"entry 0 'a\u{a}b.com'"#))
    }

    @Test func aHostileCheckTargetIsOneShortErrorLine() throws {
        let result = try HSTSQProcess.run([
            "check", "--as-of", "2026-06-02", "http://a\nb .com/", "http://" + String(repeating: "a", count: 1000),
        ])
        #expect(result.status == 3)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix(#"hstsq: error: invalid target 'http://a\u{a}b .com/'"#) == true)
        #expect(lines.allSatisfy { $0.utf8.count < 400 })
    }
}
