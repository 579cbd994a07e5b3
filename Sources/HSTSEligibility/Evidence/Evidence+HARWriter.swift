import HSTSPreload

extension Evidence {
    /// The evidence as a HAR 1.2 document that `readHAR` reads back to the same verdict.
    ///
    /// Responses, the browser's own redirects (`307 Internal Redirect` with `Non-Authoritative-Reason`) and failed
    /// requests become entries (a failure has status 0 and `_error`); what HAR has no field
    /// for (TLS findings, whether `www` accepted TCP) goes in the `log._hstsq` extension object.
    public func harDocument(creatorVersion: String) -> String {
        var entries: [String] = []
        for (url, response) in responses.sorted(by: { $0.key < $1.key }) {
            var headers: [String] = []
            if let location = response.location { headers.append(Self.harHeader("Location", location)) }
            for value in response.strictTransportSecurity {
                headers.append(Self.harHeader("Strict-Transport-Security", value))
            }
            entries.append(
                Self.harEntry(
                    url: url,
                    response: """
                        {"status": \(response.status), "statusText": "", "httpVersion": "HTTP/1.1", \
                        "headers": [\(headers.joined(separator: ", "))], "cookies": [], \
                        "content": {"size": 0, "mimeType": ""}, "redirectURL": \(Self.jsonString(response.location ?? "")), \
                        "headersSize": -1, "bodySize": -1}
                        """,
                    error: nil
                )
            )
        }
        for (url, reason) in browserSynthesized.sorted(by: { $0.key < $1.key }) {
            // As Chromium exports its own redirects: `307 Internal Redirect` with the reason it gave.
            entries.append(
                Self.harEntry(
                    url: url,
                    response: """
                        {"status": 307, "statusText": "\(ObservedResponse.internalRedirectStatusText)", \
                        "httpVersion": "HTTP/1.1", "headers": [\(Self.harHeader("Non-Authoritative-Reason", reason))], \
                        "cookies": [], "content": {"size": 0, "mimeType": ""}, "redirectURL": "", "headersSize": -1, \
                        "bodySize": -1}
                        """,
                    error: nil
                )
            )
        }
        for (url, reason) in failures.sorted(by: { $0.key < $1.key }) {
            entries.append(
                Self.harEntry(
                    url: url,
                    response: """
                        {"status": 0, "statusText": "", "httpVersion": "", "headers": [], "cookies": [], \
                        "content": {"size": 0, "mimeType": ""}, "redirectURL": "", "headersSize": -1, "bodySize": -1}
                        """,
                    error: reason
                )
            )
        }
        let tlsIssueObjects = (tlsIssues.errors + tlsIssues.warnings).map { issue in
            """
            {"code": \(Self.jsonString(issue.code.rawValue)), "severity": "\(issue.severity.rawValue)", \
            "summary": \(Self.jsonString(issue.summary)), "message": \(Self.jsonString(issue.message))}
            """
        }
        let www = wwwAcceptsTCP.map { $0 ? "true" : "false" } ?? "null"
        return """
            {"log": {
              "version": "1.2",
              "creator": {"name": "hstsq", "version": \(Self.jsonString(creatorVersion))},
              "pages": [],
              "entries": [
                \(entries.joined(separator: ",\n    "))
              ],
              "_hstsq": {"domain": \(Self.jsonString(domain)), "tls_details": \(hasTLSDetails), "www_accepts_tcp": \(www), \
            "tls_issues": [\(tlsIssueObjects.joined(separator: ", "))]}
            }}

            """
    }

    private static func harEntry(url: String, response: String, error: String?) -> String {
        """
        {"startedDateTime": "1970-01-01T00:00:00.000Z", "time": 0, \
        "request": {"method": "GET", "url": \(jsonString(url)), "httpVersion": "HTTP/1.1", "cookies": [], "headers": [], \
        "queryString": [], "headersSize": -1, "bodySize": 0}, \
        "response": \(response), "cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0}\
        \(error.map { ", \"_error\": \(jsonString($0))" } ?? "")}
        """
    }

    private static func harHeader(_ name: String, _ value: String) -> String {
        "{\"name\": \(jsonString(name)), \"value\": \(jsonString(value))}"
    }

    /// `text` as a JSON string literal, escaped as the CLI's JSON output is.
    private static func jsonString(_ text: String) -> String { JSONStringLiteral.quoted(text) }
}
