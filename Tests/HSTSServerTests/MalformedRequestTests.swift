import AsyncHTTPClient
import Foundation
import HSTSServer
import NIOCore
import NIOHTTP1
import Testing

@Suite("Malformed requests get their documented status and a JSON error")
struct MalformedRequestTests {
    /// The `error.code` of a JSON error body.
    static func errorCode(_ body: String) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return (object?["error"] as? [String: Any])?["code"] as? String
    }

    @Test("each malformed request: status and error code")
    func malformed() async throws {
        try await ServerHarness.withServer { base in
            let cases: [(String, HTTPMethod, String?, Int?, Int, String)] = [
                ("/api/v2/status", .GET, nil, nil, 400, "parameter.missing"),
                ("/api/v2/status?domain=", .GET, nil, nil, 400, "parameter.missing"),
                ("/api/v2/status?domain=%FF.com", .GET, nil, nil, 400, "parameter.bad_encoding"),
                ("/api/v2/status?domain=a..b", .GET, nil, nil, 400, "domain.invalid"),
                ("/api/v2/status", .DELETE, nil, nil, 405, "method.not_allowed"),
                ("/api/v2/preloadable?domain=example.com", .POST, nil, nil, 405, "method.not_allowed"),
                ("/api/v2/removable?domain=example.com", .PUT, nil, nil, 405, "method.not_allowed"),
                ("/api/v2/nothing", .GET, nil, nil, 404, "path.unknown"),
                ("/", .GET, nil, nil, 404, "path.unknown"),
                ("/api/v2/status", .POST, "{\"not\": \"an array\"}", nil, 400, "body.invalid_json"),
                ("/api/v2/status", .POST, "[\"a.com\", 1]", nil, 400, "body.invalid_json"),
                ("/api/v2/status", .POST, "[\"a.com\"", nil, 400, "body.invalid_json"),
                ("/api/v2/status", .POST, "", nil, 400, "body.invalid_json"),
                ("/api/v2/status", .POST, nil, 10 << 20, 413, "body.too_large"),
                ("/api/v2/check", .GET, nil, nil, 400, "parameter.missing"),
                ("/api/v2/check?target=figma.com&semantics=firefox", .GET, nil, nil, 400, "parameter.invalid"),
                ("/api/v2/check?target=figma.com&browser=edge", .GET, nil, nil, 400, "parameter.invalid"),
                ("/api/v2/check?target=figma.com&as_of=June", .GET, nil, nil, 400, "parameter.invalid"),
            ]
            for (path, method, body, bodyBytes, status, code) in cases {
                let reply = try await ServerHarness.request(
                    base + path,
                    method: method,
                    body: body,
                    bodyBytes: bodyBytes
                )
                #expect(reply.status == status, "\(method) \(path)")
                #expect(Self.errorCode(reply.body) == code, "\(method) \(path): \(reply.body.prefix(200))")
                #expect(reply.contentType == "application/json; charset=utf-8", "\(method) \(path)")
            }
        }
    }

    @Test("bad percent-encoding, sent as is by curl (an HTTP client library would re-encode the %)")
    func badPercentEncoding() async throws {
        try await ServerHarness.withServer { base in
            for query in ["domain=%zz.com", "domain=%E0%A4%A", "domain=example.com%", "domain=%FF.com"] {
                let (status, stdout, stderr) = try await ServerHarness.run(
                    "/usr/bin/env",
                    ["curl", "-sS", "--path-as-is", "-w", "\n%{http_code}", base + "/api/v2/status?" + query]
                )
                #expect(status == 0, "\(stderr)")
                #expect(stdout.hasSuffix("\n400"), "\(query): \(stdout)")
                #expect(Self.errorCode(String(stdout.dropLast(4))) == "parameter.bad_encoding", "\(query)")
            }
        }
    }

    @Test("a 100 KB domain gets the JSON error, and the server keeps answering")
    func hugeDomain() async throws {
        try await ServerHarness.withServer { base in
            let long = String(repeating: "a", count: 100_000) + ".com"
            let refused = try await ServerHarness.request(base + "/api/v2/status?domain=" + long)
            #expect(refused.status == 400)
            #expect(Self.errorCode(refused.body) == "domain.invalid")
            let after = try await ServerHarness.request(base + "/api/v2/status?domain=figma.com")
            #expect(after.status == 200)
        }
    }

    @Test("CORS headers only with --cors")
    func cors() async throws {
        try await ServerHarness.withServer { base in
            var request = HTTPClientRequest(url: base + "/api/v2/status?domain=figma.com")
            request.headers.add(name: "Origin", value: "https://example.org")
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            #expect(response.headers.first(name: "access-control-allow-origin") == nil)
        }
        try await ServerHarness.withServer(corsOrigin: "https://example.org") { base in
            let response = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: base + "/api/v2/status?domain=figma.com"),
                timeout: .seconds(10)
            )
            #expect(response.headers.first(name: "access-control-allow-origin") == "https://example.org")
            var preflight = HTTPClientRequest(url: base + "/api/v2/status")
            preflight.method = .OPTIONS
            let answer = try await HTTPClient.shared.execute(preflight, timeout: .seconds(10))
            #expect(answer.status.code == 204)
        }
    }
}
