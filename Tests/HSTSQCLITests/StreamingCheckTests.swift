import Foundation
import Testing

/// `check -` streams: the same bytes, exit codes and one answer per line as the targets given one by one, on input of
/// every kind (URLs, IP literals, invalid lines, Unicode, binary garbage, a 1 MB line), in flat memory.
@Suite struct StreamingCheckTests {
    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    }

    /// The expected files were written by `check` before it streamed (a `readLine` loop answering each line through
    /// the path of targets given as arguments), from Fixtures/stream-input.txt, before answers carried `list` and
    /// `mechanisms`; those are taken out here (`withoutMechanisms`), and `CheckMechanismsTests` compares them
    /// between the two paths.
    @Test(arguments: [
        ("text", [String]()), ("json", ["--json"]), ("any-ancestor", ["--semantics", "any-ancestor"]),
        ("json-any-ancestor", ["--json", "--semantics", "any-ancestor"]), ("explain", ["--explain"]),
    ])
    func streamPrintsTheSameBytesAsBefore(mode: String, options: [String]) throws {
        let input = try Data(contentsOf: Self.fixture("stream-input.txt"))
        let (result, stdout) = try HSTSQProcess.run(
            ["check", "--as-of", "2026-06-02"] + options + ["-"],
            stdinBytes: input
        )
        let expected = Self.fixture("stream-expected/\(mode)")
        #expect(Self.withoutMechanisms(stdout) == (try Data(contentsOf: expected.appendingPathExtension("stdout"))))
        #expect(Data(result.stderr.utf8) == (try Data(contentsOf: expected.appendingPathExtension("stderr"))))
        let status = try String(contentsOf: expected.appendingPathExtension("status"), encoding: .utf8)
        #expect("\(result.status)" == status.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The output without the `list` and `mechanisms` JSON fields and the text answers' mechanism lines.
    static func withoutMechanisms(_ output: Data) -> Data {
        let jsonSuffix = Array(",\"list\":{".utf8)
        let mechanismsLine = Array("  mechanisms (".utf8)
        var result = Data()
        var inMechanisms = false
        for line in output.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let bytes = Array(line)
            if bytes.starts(with: mechanismsLine) {
                inMechanisms = true
                continue
            }
            // --explain follows the mechanisms line with indented detail, up to the `  list:` line.
            if inMechanisms && (bytes.starts(with: Array("    ".utf8)) || bytes.starts(with: Array("  list: ".utf8))) {
                continue
            }
            inMechanisms = false
            if bytes.first == UInt8(ascii: "{"), let start = Self.lastRange(of: jsonSuffix, in: bytes) {
                result.append(contentsOf: bytes[..<start])
                result.append(UInt8(ascii: "}"))
            } else {
                result.append(contentsOf: bytes)
            }
            result.append(0x0A)
        }
        // The split adds a newline after the last piece, which was not a line of its own.
        if !result.isEmpty { result.removeLast() }
        return result
    }

    static func lastRange(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var index = bytes.count - needle.count
        while index >= 0 {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index -= 1
        }
        return nil
    }

    @Test func aOneMegabyteLineIsOneInvalidAnswerBetweenTheOthers() throws {
        let long = String(repeating: "a", count: 1 << 20)
        let input = Data("figma.com\n\(long)\nexample.com\n".utf8)
        let text = try HSTSQProcess.run(["check", "--as-of", "2026-06-02", "-"], stdinBytes: input).result
        #expect(text.status == 3)
        #expect(
            text.stdoutLines == [
                "figma.com: upgraded (exact entry figma.com: force-https, include_subdomains)",
                "  mechanisms (Chromium): preload yes, dynamic unknown, https_upgrade yes, dns unknown",
                "example.com: not upgraded (no entry for example.com or its parents)",
                "  mechanisms (Chromium): preload no, dynamic unknown, https_upgrade yes, dns unknown",
            ]
        )
        #expect(
            text.stderr
                == "hstsq: error: invalid target '\(String(repeating: "a", count: 64))…' (1048576 characters): host name is 1048576 characters long (at most 253)\n"
        )
        let json = try HSTSQProcess.run(["check", "--json", "--as-of", "2026-06-02", "-"], stdinBytes: input).result
        #expect(json.status == 3)
        #expect(json.stdoutLines.count == 3)
        #expect(
            json.stdoutLines.dropFirst().first
                == "{\"input\":\"\(long)\",\"error\":{\"code\":\"host.invalid\",\"message\":\"host name is 1048576 characters long (at most 253)\"}}"
        )
    }

    @Test func memoryStaysFlatOverTenMillionLines() throws {
        let pair = Data("figma.com\nhost.example.org\n".utf8)
        let small = try Self.streamCountingLines(pair, times: 1)
        let large = try Self.streamCountingLines(pair, times: 5_000_000)
        #expect(small.status == 1 && large.status == 1)
        // Two lines per answer: the verdict and the mechanisms.
        #expect(small.lines == 4)
        #expect(large.lines == 20_000_000)
        // The input block, the output buffer and the allocator's slack: a few MiB at most, whatever the length.
        #expect(
            large.peakKiB - small.peakKiB < 4 * 1024,
            "peak \(large.peakKiB) KiB after 10M lines, \(small.peakKiB) KiB after 2"
        )
    }

    /// Runs `hstsq check -` on `chunk` repeated `times` times, written as it is read, counting the output lines
    /// without keeping them, and sampling the peak resident memory (VmHWM).
    static func streamCountingLines(_ chunk: Data, times: Int) throws -> (status: Int32, lines: Int, peakKiB: Int) {
        let process = Process()
        process.executableURL = try HSTSQProcess.executable()
        process.arguments = ["check", "-"]
        var environment = ProcessInfo.processInfo.environment
        environment["HSTSQ_STORE"] = "/nonexistent/hstsq-streaming-test"
        process.environment = environment
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let block = Data((0..<max(1, 65536 / chunk.count)).flatMap { _ in chunk })
        let blocks = times / max(1, 65536 / chunk.count)
        let rest = times - blocks * max(1, 65536 / chunk.count)
        Thread {
            for _ in 0..<blocks { input.fileHandleForWriting.write(block) }
            for _ in 0..<rest { input.fileHandleForWriting.write(chunk) }
            try? input.fileHandleForWriting.close()
        }.start()
        let counter = LineCounter(output.fileHandleForReading)
        var peak = 0
        while process.isRunning {
            peak = max(peak, Self.peakKiB(of: process.processIdentifier) ?? 0)
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.waitUntilExit()
        return (process.terminationStatus, counter.wait(), peak)
    }

    static func peakKiB(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }
}

/// Counts the newlines of a pipe to its end on a background thread, keeping none of its bytes.
final class LineCounter: @unchecked Sendable {
    // @unchecked: `count` is written by the thread before the semaphore is signalled, read after the wait.
    private var count = 0
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread {
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                self.count += chunk.count(where: { $0 == 0x0A })
            }
            self.done.signal()
        }.start()
    }

    func wait() -> Int {
        done.wait()
        return count
    }
}
