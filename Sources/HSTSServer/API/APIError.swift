package import HSTSPreload

/// Why the server refused a request: every one is a 4xx (or 503) with the JSON body
/// `{"error":{"code":"…","message":"…"}}`.
public enum APIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No endpoint at this path.
    case unknownPath(String)
    /// The endpoint exists but not for this method; `allowed` lists the ones it takes.
    case wrongMethod(String, allowed: [String])
    /// A required query parameter is missing or empty.
    case missingParameter(String)
    /// The query string has a malformed percent-escape in `parameter`.
    case badPercentEncoding(parameter: String)
    /// `input` is not a domain name hstsq can look up.
    case invalidDomain(input: String, reason: String)
    /// Query parameter `name` has a value the endpoint does not take.
    case invalidParameter(name: String, value: String, reason: String)
    /// The body is larger than `limit` bytes.
    case bodyTooLarge(limit: Int)
    /// The bulk body has more than `limit` domains.
    case tooManyDomains(count: Int, limit: Int)
    /// The bulk body is not a JSON array of strings.
    case invalidJSON(String)
    /// Every live-probe slot stayed busy for the whole wait.
    case probesBusy(limit: Int)

    /// The HTTP status code.
    public var status: Int {
        switch self {
        case .unknownPath: 404
        case .wrongMethod: 405
        case .missingParameter, .badPercentEncoding, .invalidDomain, .invalidParameter, .invalidJSON: 400
        case .bodyTooLarge, .tooManyDomains: 413
        case .probesBusy: 503
        }
    }

    /// The stable code in the JSON body.
    public var code: String {
        switch self {
        case .unknownPath: "path.unknown"
        case .wrongMethod: "method.not_allowed"
        case .missingParameter: "parameter.missing"
        case .badPercentEncoding: "parameter.bad_encoding"
        case .invalidDomain: "domain.invalid"
        case .invalidParameter: "parameter.invalid"
        case .bodyTooLarge: "body.too_large"
        case .tooManyDomains: "bulk.too_many_domains"
        case .invalidJSON: "body.invalid_json"
        case .probesBusy: "probe.busy"
        }
    }

    /// One line: what was wrong, naming the input.
    public var description: String {
        switch self {
        case .unknownPath(let path): "no endpoint at \(path)"
        case .wrongMethod(let method, let allowed):
            "wrong method \(method); requires \(allowed.joined(separator: " or "))"
        case .missingParameter(let name):
            name == "domain" ? "Domain not specified." : "parameter '\(name)' not specified"
        case .badPercentEncoding(let parameter): "parameter '\(parameter)' has a malformed percent-escape"
        case .invalidDomain(let input, let reason):
            "\(input.count > 80 ? String(input.prefix(80)) + "…" : input): \(reason)"
        case .invalidParameter(let name, let value, let reason):
            "parameter '\(name)' \(value.count > 80 ? String(value.prefix(80)) + "…" : value): \(reason)"
        case .bodyTooLarge(let limit): "the request body is larger than \(limit) bytes"
        case .tooManyDomains(let count, let limit): "\(count) domains in one request; at most \(limit)"
        case .invalidJSON(let reason): "the body must be a JSON array of domain names (\(reason))"
        case .probesBusy(let limit): "all \(limit) live-probe slots are busy; try again later"
        }
    }

    /// The JSON body.
    package var json: JSONOutput {
        .object([
            (
                "error",
                .object([("code", .string(code)), ("message", .string(description))])
            )
        ])
    }
}
