/// Why downloading the preload list failed; every case names the URL.
///
/// The network cases are told apart by the types and values of the errors AsyncHTTPClient and SwiftNIO throw;
/// a failure none of them describes keeps that error's own text as its reason.
public enum ListDownloadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL is not an absolute `http` or `https` URL with a host.
    case invalidURL(String)
    /// The host name did not resolve (no network, or no such host).
    case hostNotFound(url: String)
    /// The server refused the connection.
    case connectionRefused(url: String)
    /// No connection was established within the connect timeout.
    case connectTimeout(url: String)
    /// The whole download did not finish within its timeout.
    case timeout(url: String)
    /// The server closed the connection before the answer was complete.
    case connectionClosed(url: String)
    /// The TLS handshake failed (`reason` is the TLS library's error).
    case tlsFailure(url: String, reason: String)
    /// The redirects went in a cycle or past the limit (`reason` is the HTTP client's error).
    case redirects(url: String, reason: String)
    /// Any other network or protocol failure, with the underlying error's text.
    case failed(url: String, reason: String)
    /// The server answered with a status other than 200 OK.
    case httpStatus(url: String, code: Int, reasonPhrase: String)
    /// The answer's body is larger than `limit` bytes.
    case bodyTooLarge(url: String, limit: Int)
    /// The answer's body is empty.
    case emptyBody(url: String)
    /// The answer is neither the JSON list nor base64 of it.
    case notAList(url: String)

    /// One line naming the URL, without the `hstsq: error:` prefix.
    public var description: String {
        switch self {
        case .invalidURL(let url): "\(url): not an http or https URL"
        case .hostNotFound(let url): Self.failure(url, "cannot resolve the host name (no network?)")
        case .connectionRefused(let url): Self.failure(url, "connection refused")
        case .connectTimeout(let url): Self.failure(url, "connection timed out")
        case .timeout(let url): Self.failure(url, "timed out")
        case .connectionClosed(let url): Self.failure(url, "the server closed the connection early")
        case .tlsFailure(let url, let reason): Self.failure(url, reason)
        case .redirects(let url, let reason): Self.failure(url, reason)
        case .failed(let url, let reason): Self.failure(url, reason)
        case .httpStatus(let url, let code, let reasonPhrase): "\(url): HTTP \(code) \(reasonPhrase)"
        case .bodyTooLarge(let url, let limit): "\(url): the answer is larger than \(limit >> 20) MiB"
        case .emptyBody(let url): "\(url): the answer is empty"
        case .notAList(let url): "\(url): the answer is neither a JSON list nor base64 of one"
        }
    }

    private static func failure(_ url: String, _ reason: String) -> String {
        "\(url): download failed (\(reason))"
    }
}
