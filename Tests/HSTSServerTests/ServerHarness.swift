import AsyncHTTPClient
import Foundation
import HSTSEligibility
import HSTSMechanisms
import HSTSPreload
import HSTSServer
import NIOCore
import NIOHTTP1
import Testing

/// A real `PreloadServer` on an ephemeral loopback port, for one test, and an HTTP client to talk to it.
struct ServerHarness {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func dataFile(_ name: String) -> String { repositoryRoot.appendingPathComponent("data/\(name)").path }

    static func bundledList() throws -> PreloadList {
        try PreloadList(contentsOfCompiledFile: dataFile("preload-2026-06-01.hstsq"))
    }

    static func publicSuffixes() throws -> PublicSuffixList {
        let path = dataFile("public_suffix_list.dat")
        return try PublicSuffixList(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: path))), fileName: path)
    }

    /// Parsed once for every server the tests start (the whole PSL, in a debug build).
    static let topLevelDomains = TopLevelDomains(
        publicSuffixList: Array(
            (try? Data(contentsOf: URL(fileURLWithPath: dataFile("public_suffix_list.dat")))) ?? Data()
        )
    )

    /// Starts a server answering from `lists`, runs `body` with its base URL, then stops it.
    static func withServer<T: Sendable>(
        lists: ListProvider? = nil,
        evidenceDirectory: String? = nil,
        corsOrigin: String? = nil,
        storePollInterval: Duration = .seconds(2),
        _ body: @Sendable (String) async throws -> T
    ) async throws -> T {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.quiet = true
        configuration.offline = true
        configuration.evidenceDirectory = evidenceDirectory
        configuration.corsOrigin = corsOrigin
        configuration.storePollInterval = storePollInterval
        let provider = try lists ?? ListProvider(fixed: ServedList(list: bundledList()))
        let server = PreloadServer(
            lists: provider,
            eligibility: EligibilityAnswers(
                publicSuffixes: try publicSuffixes(),
                policy: .bulk1Year,
                configuration: configuration
            ),
            topLevelDomains: topLevelDomains,
            configuration: configuration
        )
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            try await server.run(signals: false) { port in continuation.yield(port) }
        }
        defer { task.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let result = try await body("http://127.0.0.1:\(port)")
        task.cancel()
        _ = await task.result
        return result
    }

    /// Status, headers and body of one request.
    struct Reply: Sendable {
        var status: Int
        var contentType: String?
        var body: String
    }

    static func request(
        _ url: String,
        method: HTTPMethod = .GET,
        body: String? = nil,
        bodyBytes: Int? = nil
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        if let bodyBytes { request.body = .bytes(ByteBuffer(repeating: UInt8(ascii: "a"), count: bodyBytes)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Reply(
            status: Int(response.status.code),
            contentType: response.headers.first(name: "content-type"),
            body: String(buffer: bytes)
        )
    }

    /// Runs a program to completion, returning its exit status, standard output and standard error.
    ///
    /// The wait happens on a Dispatch thread, not a Swift concurrency one: with two cores the cooperative pool
    /// has two threads, and a test blocking them would starve the in-process server it is talking to.
    static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:]
    ) async throws
        -> (Int32, String, String)
    {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(executable, arguments, environment: environment) })
            }
        }
    }

    static func runBlocking(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]
    ) throws -> (
        Int32, String, String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self)
        )
    }

    /// The built `hstsq` next to the test bundle.
    static func hstsq() throws -> String {
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
        return try #require(found, "hstsq binary not found next to the test bundle").path
    }

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-serve-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
