import ArgumentParser
import AsyncHTTPClient
import Foundation
import HSTSPreload
import HSTSStore
import NIOCore
import NIOHTTP1

/// `hstsq update`: download the current list and import it.
struct Update: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Download the current list and import it as a new version.",
        discussion: """
            The default URL is Chromium's source view of the list, which answers base64 (?format=TEXT); any URL \
            serving the plain JSON works too. Without network, or on a bad answer, nothing changes.
            """
    )

    static let chromiumURL =
        "https://chromium.googlesource.com/chromium/src/+/main/net/http/transport_security_state_static.json?format=TEXT"

    /// The largest answer accepted (the real list is about 8 MB, 11 MB in base64).
    static let maximumBytes = 64 << 20

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .long,
        help: ArgumentHelp("Where to download the list from (default: Chromium's source repository).", valueName: "url")
    )
    var url: String = Update.chromiumURL

    @Option(name: .long, help: ArgumentHelp("A unique name for the new version.", valueName: "name"))
    var label: String?

    @Option(name: .long, help: ArgumentHelp("Give up after this many seconds.", valueName: "seconds"))
    var timeout: Int = 60

    @Flag(name: .long, help: "JSON output.")
    var json = false

    func validate() throws {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            ["http", "https"].contains(scheme),
            parsed.host != nil
        else { throw ValidationError("--url must be an http or https URL, got '\(url)'") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func run() async throws {
        let body = try await Self.download(url, timeout: .seconds(Int64(timeout)))
        let list = try Self.decode(body, url: url)
        let store = storeOptions.preloadStore
        let outcome: ImportOutcome
        do {
            outcome = try store.importList(
                list,
                fileName: url,
                source: url,
                label: label,
                now: Int64(Date().timeIntervalSince1970)
            )
        } catch {
            throw error.cliError
        }
        switch outcome {
        case .imported(let version, let warnings):
            for warning in warnings { Terminal.warning(warning.description) }
            Terminal.line(
                json
                    ? JSONOutput.object([("imported", .bool(true)), ("version", versionJSON(version))]).rendered
                    : "imported \(describe(version))"
            )
        case .unchanged(let version):
            Terminal.line(
                json
                    ? JSONOutput.object([("imported", .bool(false)), ("version", versionJSON(version))]).rendered
                    : "unchanged: the list at \(url) is already version #\(version.id) (sha256 \(version.sourceSHA256.prefix(12)))"
            )
        }
    }

    /// The body of a 200 answer, at most `maximumBytes`, redirects followed.
    static func download(_ url: String, timeout: TimeAmount) async throws -> [UInt8] {
        let request = HTTPClientRequest(url: url)
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 5, allowCycles: false),
            timeout: .init(connect: .seconds(10))
        )
        // Without network, fail at once rather than retry the connection until the timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        defer { client.shutdown { _ in } }
        do {
            let response = try await client.execute(request, timeout: timeout)
            guard response.status == .ok else {
                throw CLIError(
                    "\(url): HTTP \(response.status.code) \(response.status.reasonPhrase); nothing was imported"
                )
            }
            var buffer = try await response.body.collect(upTo: maximumBytes)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch let error as CLIError {
            throw error
        } catch let error as NIOTooManyBytesError {
            _ = error
            throw CLIError("\(url): the answer is larger than \(maximumBytes >> 20) MiB; nothing was imported")
        } catch {
            throw CLIError("\(url): download failed (\(Self.reason(for: error))); nothing was imported")
        }
    }

    /// A short reason for a network error.
    static func reason(for error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectTimeout") { return "connection timed out" }
        if text.contains("deadlineExceeded") { return "timed out" }
        if text.contains("Connection refused") || text.contains("connectionRefused") { return "connection refused" }
        if text.contains("remoteConnectionClosed") { return "the server closed the connection early" }
        if text.contains("NXDOMAIN") || text.contains("resolve") || text.contains("getaddrinfo") {
            return "cannot resolve the host name (no network?)"
        }
        return text
    }

    /// The JSON list in `body`: as is when it is JSON, else decoded from base64 (gitiles' ?format=TEXT).
    static func decode(_ body: [UInt8], url: String) throws -> [UInt8] {
        func looksLikeJSON(_ bytes: some Collection<UInt8>) -> Bool {
            guard
                let first = bytes.first(where: {
                    !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF)
                })
            else { return false }
            return first == UInt8(ascii: "{") || first == UInt8(ascii: "/")
        }
        if body.isEmpty { throw CLIError("\(url): the answer is empty; nothing was imported") }
        if looksLikeJSON(body) { return body }
        if let decoded = Data(base64Encoded: Data(body), options: .ignoreUnknownCharacters), looksLikeJSON(decoded) {
            return Array(decoded)
        }
        throw CLIError("\(url): the answer is neither a JSON list nor base64 of one; nothing was imported")
    }
}
