import Foundation
import Testing

/// `check` tells unique names by the top-level domains of the bundled Public Suffix List (a table compiled in), or
/// of `$HSTSQ_PSL`, which it then reads and parses.
@Suite struct PublicSuffixListOverrideTests {
    @Test func bundledTopLevelDomainsAnswerWithoutAFile() throws {
        let result = try HSTSQProcess.run(["check", "example.org", "printer.local"])
        #expect(result.stdout.contains("example.org: not upgraded"))
        #expect(result.stdoutLines[1].contains("https_upgrade yes,"))
        #expect(result.stdoutLines[3].contains("https_upgrade no (non-unique name (unknown top-level domain))"))
    }

    @Test func overrideFileDecidesWhichTopLevelDomainsAreKnown() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-psl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("psl.dat")
        try Data("// only .com\ncom\n*.example.local\n".utf8).write(to: file)
        for arguments in [
            ["check", "example.org", "printer.local"], ["check", "--json", "example.org", "printer.local"],
        ] {
            let result = try HSTSQProcess.run(arguments, environment: ["HSTSQ_PSL": file.path])
            let bundled = try HSTSQProcess.run(arguments)
            #expect(result.status == bundled.status)
            #expect(result.stdout != bundled.stdout)
        }
        let text = try HSTSQProcess.run(
            ["check", "example.org", "printer.local"],
            environment: ["HSTSQ_PSL": file.path]
        )
        #expect(text.stdoutLines[1].contains("https_upgrade no (non-unique name (unknown top-level domain))"))
        #expect(text.stdoutLines[3].contains("https_upgrade yes,"))
    }

    @Test func missingOverrideFileIsAnInputError() throws {
        let result = try HSTSQProcess.run(
            ["check", "example.org"],
            environment: ["HSTSQ_PSL": "/nonexistent/hstsq-psl.dat"]
        )
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("hstsq: error: /nonexistent/hstsq-psl.dat: cannot read: no such file"))
    }
}
