internal import AsyncHTTPClient
internal import Foundation
public import NIOCore
internal import NIOHTTP1
internal import NIOSSL

/// Downloads the preload list over HTTP or HTTPS: the plain JSON, or the base64 of it that Chromium's source
/// view serves for `?format=TEXT`.
///
/// ```swift
/// let json = try await ListDownloader().download(from: ListDownloader.chromiumURL)
/// ```
public struct ListDownloader: Sendable {
    /// Chromium's source view of the list (base64, through `?format=TEXT`).
    public static let chromiumURL =
        "https://chromium.googlesource.com/chromium/src/+/main/net/http/transport_security_state_static.json?format=TEXT"

    /// Longest wait for the whole download, from connecting to the last byte.
    public var timeout: TimeAmount
    /// Longest wait for a TCP connection.
    public var connectTimeout: TimeAmount
    /// The largest answer accepted; the real list is about 8 MB, 11 MB in base64.
    public var maximumBytes: Int
    /// How many redirects are followed.
    public var maximumRedirects: Int

    /// A downloader with the given limits (defaults: 60 s in all, 10 s to connect, 64 MiB, 5 redirects).
    public init(
        timeout: TimeAmount = .seconds(60),
        connectTimeout: TimeAmount = .seconds(10),
        maximumBytes: Int = 64 << 20,
        maximumRedirects: Int = 5
    ) {
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.maximumBytes = maximumBytes
        self.maximumRedirects = maximumRedirects
    }

    /// Whether `url` is something `download(from:)` can fetch: an absolute `http` or `https` URL with a host.
    public static func canDownload(from url: String) -> Bool {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased() else { return false }
        return (scheme == "http" || scheme == "https") && parsed.host != nil
    }

    /// The JSON list at `url`: the body of a 200 answer (redirects followed), decoded from base64 when it is not
    /// JSON itself.
    ///
    /// - Throws: `ListDownloadError` naming the URL and what went wrong.
    public func download(from url: String) async throws(ListDownloadError) -> [UInt8] {
        guard Self.canDownload(from: url) else { throw .invalidURL(url) }
        return try Self.decode(try await body(of: url), url: url)
    }

    /// The body of a 200 answer from `url`, at most `maximumBytes`.
    private func body(of url: String) async throws(ListDownloadError) -> [UInt8] {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: maximumRedirects, allowCycles: false),
            timeout: .init(connect: connectTimeout)
        )
        // Without network, fail at once rather than retry the connection until the timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        // Not awaited: a connection to a server that stopped answering can hold a graceful shutdown for seconds,
        // and nothing here waits on the client any more.
        defer { client.shutdown { _ in } }
        do {
            let response = try await client.execute(HTTPClientRequest(url: url), timeout: timeout)
            guard response.status == .ok else {
                throw ListDownloadError.httpStatus(
                    url: url,
                    code: Int(response.status.code),
                    reasonPhrase: response.status.reasonPhrase
                )
            }
            var buffer = try await response.body.collect(upTo: maximumBytes)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            throw classify(error, url: url)
        }
    }

    /// The download error for what AsyncHTTPClient or SwiftNIO threw, told apart by type and value.
    func classify(_ error: any Error, url: String) -> ListDownloadError {
        switch error {
        case let error as ListDownloadError: return error
        case is NIOTooManyBytesError: return .bodyTooLarge(url: url, limit: maximumBytes)
        case let error as HTTPClientError: return Self.classify(error, url: url)
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError:
            return .tlsFailure(url: url, reason: String(describing: error))
        default:
            switch ConnectionFailure(error) {
            case .hostNotFound: return .hostNotFound(url: url)
            case .refused: return .connectionRefused(url: url)
            case .timedOut: return .connectTimeout(url: url)
            case .reset: return .connectionClosed(url: url)
            case nil: return .failed(url: url, reason: String(describing: error))
            }
        }
    }

    private static func classify(_ error: HTTPClientError, url: String) -> ListDownloadError {
        switch error {
        case .connectTimeout: .connectTimeout(url: url)
        case .deadlineExceeded, .readTimeout: .timeout(url: url)
        case .remoteConnectionClosed: .connectionClosed(url: url)
        case .redirectLimitReached, .redirectCycleDetected: .redirects(url: url, reason: String(describing: error))
        case .invalidURL, .emptyHost, .emptyScheme: .invalidURL(url)
        default: .failed(url: url, reason: String(describing: error))
        }
    }

    /// The JSON list in `body`: as is when it is JSON, else decoded from base64 (gitiles' `?format=TEXT`).
    static func decode(_ body: [UInt8], url: String) throws(ListDownloadError) -> [UInt8] {
        if body.isEmpty { throw .emptyBody(url: url) }
        if looksLikeJSON(body) { return body }
        if let decoded = Data(base64Encoded: Data(body), options: .ignoreUnknownCharacters), looksLikeJSON(decoded) {
            return Array(decoded)
        }
        throw .notAList(url: url)
    }

    /// Whether the first byte after whitespace and a UTF-8 byte order mark opens an object or a comment.
    private static func looksLikeJSON(_ bytes: some Collection<UInt8>) -> Bool {
        let skipped: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF]
        guard let first = bytes.first(where: { !skipped.contains($0) }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "/")
    }
}
