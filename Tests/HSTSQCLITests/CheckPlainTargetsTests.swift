import Foundation
import Testing

/// `hstsq check [--json] TARGET...` skips ArgumentParser (Check+PlainTargets.swift): the same targets behind `--`, or
/// with an option set to its default, go through ArgumentParser, and both must print the same bytes and exit alike.
@Suite struct CheckPlainTargetsTests {
    static let targets = [
        "figma.com", "example.com", "http://Sub.Figma.com:80/x?y", "a.www.figma.com", "intranet", "printer.local",
        "1.1", "[::1]", "bücher.de", "help", "check", "bad..host", "", "x=y", "@file", "http://[::1",
    ]

    func expectSameRun(_ plain: [String], _ parsed: [String], stdin: String? = nil) throws {
        let direct = try HSTSQProcess.run(plain, stdin: stdin)
        let throughParser = try HSTSQProcess.run(parsed, stdin: stdin)
        #expect(direct.status == throughParser.status, "\(plain)")
        #expect(direct.stdout == throughParser.stdout, "\(plain)")
        #expect(direct.stderr == throughParser.stderr, "\(plain)")
    }

    @Test func plainTargetsAnswerAsThroughArgumentParser() throws {
        for target in Self.targets {
            try expectSameRun(["check", target], ["check", "--", target])
        }
        try expectSameRun(["check"] + Self.targets, ["check", "--"] + Self.targets)
        try expectSameRun(["check"] + Self.targets, ["check", "--browser", "chromium"] + Self.targets)
        try expectSameRun(
            ["check", "figma.com", "example.com"],
            ["check", "--semantics", "chromium", "figma.com", "example.com"]
        )
    }

    @Test func jsonTargetsAnswerAsThroughArgumentParser() throws {
        try expectSameRun(["check", "--json"] + Self.targets, ["check", "--json", "--"] + Self.targets)
        try expectSameRun(["check"] + Self.targets + ["--json"], ["check", "--json", "--"] + Self.targets)
        try expectSameRun(
            ["check", "figma.com", "--json", "example.com"],
            ["check", "--browser", "chromium", "--json", "figma.com", "example.com"]
        )
        try expectSameRun(
            ["check", "--json", "figma.com"],
            ["check", "--json", "--json", "figma.com"]
        )
    }

    @Test func exitCodesAreThoseOfTheContract() throws {
        #expect(try HSTSQProcess.run(["check", "figma.com"]).status == 0)
        #expect(try HSTSQProcess.run(["check", "figma.com", "example.com"]).status == 1)
        let invalid = try HSTSQProcess.run(["check", "figma.com", "bad..host"])
        #expect(invalid.status == 3)
        #expect(invalid.stderr.contains("hstsq: error: invalid target 'bad..host'"))
    }

    @Test func standardInputAloneAnswersAsThroughArgumentParser() throws {
        let input = Self.targets.joined(separator: "\n") + "\n"
        try expectSameRun(["check", "-"], ["check", "--", "-"], stdin: input)
        try expectSameRun(["check", "-"], ["check", "--browser", "chromium", "-"], stdin: input)
        try expectSameRun(["check", "--json", "-"], ["check", "--json", "--", "-"], stdin: input)
    }

    @Test func standardInputBesideTargetsIsStillAUsageError() throws {
        let result = try HSTSQProcess.run(["check", "figma.com", "-"])
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("hstsq: error: '-' must be the only target"))
    }

    @Test func optionsAndHelpStillGoThroughArgumentParser() throws {
        let help = try HSTSQProcess.run(["check", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: hstsq check"))
        let json = try HSTSQProcess.run(["check", "--json", "figma.com"])
        #expect(json.stdout.hasPrefix("{\"input\":\"figma.com\""))
        let missing = try HSTSQProcess.run(["check"])
        #expect(missing.status == 3)
        #expect(missing.stderr.hasPrefix("hstsq: error: Missing expected argument '<target>'"))
    }
}
