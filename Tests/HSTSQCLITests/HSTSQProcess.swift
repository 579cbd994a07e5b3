import Foundation
import Testing

/// Runs the built `hstsq` binary (the test target depends on it, so `swift test` builds it) and captures
/// its standard output, standard error and exit status.
struct HSTSQProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The binary next to the test bundle in the build products folder.
    static func executable() throws -> URL {
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL {
            candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("hstsq"))
        }
        candidates.append(
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hstsq")
        )
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("hstsq"))
        }
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(
            found,
            "hstsq binary not found next to the test bundle (looked at \(candidates.map(\.path)))"
        )
    }

    /// Runs `hstsq arguments…` with `stdin` as standard input and an environment that isolates it from the
    /// user's store (HSTSQ_STORE points into a fresh temporary folder, removed when the run ends, unless
    /// `environment` sets it).
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        try start(arguments, stdin: stdin.map { Data($0.utf8) }, environment: environment).finish()
    }

    /// Runs `hstsq arguments…` with `stdin` (any bytes) as standard input; standard output as bytes.
    static func run(_ arguments: [String], stdinBytes: Data) throws -> (result: Result, stdout: Data) {
        let running = try start(arguments, stdin: stdinBytes, environment: [:])
        let stdout = running.stdoutData?.wait() ?? Data()
        return (running.finish(), stdout)
    }

    /// Runs `hstsq arguments…` and samples its peak resident memory (VmHWM, KiB) until it exits.
    static func runMeasuringPeakMemory(_ arguments: [String], stdin: Data? = nil) throws -> (Result, peakKiB: Int) {
        let running = try start(arguments, stdin: stdin, environment: [:])
        var peak = 0
        while running.process.isRunning {
            if let status = try? String(
                contentsOfFile: "/proc/\(running.process.processIdentifier)/status",
                encoding: .utf8
            ),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
            {
                peak = max(peak, kib)
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return (running.finish(), peak)
    }

    /// Runs `hstsq arguments…` and sends it SIGINT once it has written `lines` lines to standard output.
    static func runInterrupting(_ arguments: [String], afterStdoutLines lines: Int) throws -> Result {
        let running = try start(arguments, stdin: nil, environment: [:], readStdoutAtOnce: false)
        var output = Data()
        var interrupted = false
        let handle = running.stdout.fileHandleForReading
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            output.append(chunk)
            if !interrupted && output.filter({ $0 == 0x0A }).count >= lines {
                interrupted = true
                kill(running.process.processIdentifier, SIGINT)
            }
        }
        running.process.waitUntilExit()
        running.removeTemporaryStore()
        return Result(
            status: running.process.terminationStatus,
            stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: running.stderr.wait(), as: UTF8.self)
        )
    }

    /// Removes a temporary file or folder a test made or had `hstsq` make, if it exists; a failure to remove it
    /// fails the test, since it would be left behind on every run.
    static func removeTemporaryItem(atPath path: String) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            Issue.record("could not remove \(path): \(error)")
        }
    }

    /// A started process with its output being read.
    struct Running {
        let process: Process
        let stdout: Pipe
        let stdoutData: ReadAll?
        let stderr: ReadAll
        /// The store folder made up for this run when the caller gave none.
        let temporaryStore: String?

        func finish() -> Result {
            let outData = stdoutData?.wait() ?? Data()
            process.waitUntilExit()
            removeTemporaryStore()
            return Result(
                status: process.terminationStatus,
                stdout: String(decoding: outData, as: UTF8.self),
                stderr: String(decoding: stderr.wait(), as: UTF8.self)
            )
        }

        /// Removes the made-up store folder, if the run created it; call once the process has exited.
        func removeTemporaryStore() {
            if let temporaryStore { HSTSQProcess.removeTemporaryItem(atPath: temporaryStore) }
        }
    }

    /// Starts `hstsq arguments…`, or `program arguments…` when `program` is given (a wrapper such as `unshare` that
    /// runs hstsq itself), with the same isolated environment and output capture.
    static func start(
        _ arguments: [String],
        stdin: Data?,
        environment: [String: String],
        readStdoutAtOnce: Bool = true,
        program: URL? = nil
    ) throws -> Running {
        let process = Process()
        process.executableURL = try program ?? executable()
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        var temporaryStore: String?
        if environment["HSTSQ_STORE"] == nil {
            let store =
                FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-cli-\(UUID().uuidString)").path
            env["HSTSQ_STORE"] = store
            temporaryStore = store
        }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Write stdin from another thread so a large input cannot deadlock against a full stdout pipe.
        let writer = Thread {
            if let stdin { input.fileHandleForWriting.write(stdin) }
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        return Running(
            process: process,
            stdout: out,
            stdoutData: readStdoutAtOnce ? ReadAll(out.fileHandleForReading) : nil,
            stderr: ReadAll(err.fileHandleForReading),
            temporaryStore: temporaryStore
        )
    }
}

/// Reads a pipe to its end on a background thread.
final class ReadAll: @unchecked Sendable {
    // @unchecked: `data` is written once by the thread before the semaphore is signalled, read after the wait.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }.start()
    }

    /// The bytes read; waits for the end of the pipe (any number of calls).
    func wait() -> Data {
        done.wait()
        done.signal()
        return data
    }
}
