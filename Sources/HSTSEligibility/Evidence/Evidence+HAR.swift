import HSTSPreload

extension Evidence {
    /// Reads a HAR 1.2 file (a browser devtools export): every entry's request URL and response status, `Location`
    /// (or `redirectURL`) and `Strict-Transport-Security` headers (names compared case-insensitively).
    ///
    /// An entry with status 0, or a `_error` field, records a failed request. A response the browser made up (a
    /// `Non-Authoritative-Reason` header or the status text `Internal Redirect`) goes to `browserSynthesized`, not
    /// to `responses`. Bodies are ignored.
    ///
    /// - Throws: `EvidenceError` naming the file and the line:column of the problem.
    public static func readHAR(_ bytes: [UInt8], fileName: String, domain: String) throws(EvidenceError) -> Evidence {
        let root: JSONValue
        do {
            root = try JSONReader.parse(bytes)
        } catch {
            throw .syntax(file: fileName, SourceLocation(offset: error.offset, in: bytes), expected: error.expected)
        }
        func fail(_ value: JSONValue, _ problem: String) -> EvidenceError {
            .invalidHAR(file: fileName, SourceLocation(offset: value.offset, in: bytes), problem: problem)
        }
        guard let log = root["log"] else { throw fail(root, "not a HAR file: no \"log\" object") }
        guard let entries = log["entries"]?.arrayValue else { throw fail(log, "HAR \"log\" has no \"entries\" array") }
        var evidence = Evidence(domain: domain, source: fileName)
        evidence.captureFormat = .har
        for (index, entry) in entries.enumerated() {
            guard let request = entry["request"], let urlText = request["url"]?.stringValue else {
                throw fail(entry, "entry \(index): no \"request\" with a \"url\" string")
            }
            guard let url = ObservedURL(urlText) else {
                throw fail(request, "entry \(index): \"url\" is not an absolute URL: \(urlText)")
            }
            guard let response = entry["response"] else { throw fail(entry, "entry \(index): no \"response\" object") }
            guard case .number(let statusNumber)? = response["status"]?.kind else {
                throw fail(response, "entry \(index): \"response.status\" must be a number")
            }
            let error = entry["_error"]?.stringValue ?? response["_error"]?.stringValue
            let status = Int(exactly: statusNumber) ?? 0
            if status == 0 || (error != nil && !(error ?? "").isEmpty) {
                evidence.recordFailure(error ?? "no response (status 0)", for: url)
                continue
            }
            var location: String?
            var sts: [String] = []
            var nonAuthoritativeReason: String?
            for header in response["headers"]?.arrayValue ?? [] {
                guard let name = header["name"]?.stringValue, let value = header["value"]?.stringValue else {
                    throw fail(header, "entry \(index): a response header needs \"name\" and \"value\" strings")
                }
                switch name.lowercased() {
                case "location": location = value
                case "strict-transport-security": sts.append(value)
                case "non-authoritative-reason": nonAuthoritativeReason = value
                default: break
                }
            }
            if let reason = ObservedResponse.browserSynthesisReason(
                statusText: response["statusText"]?.stringValue,
                nonAuthoritativeReason: nonAuthoritativeReason
            ) {
                // The browser's own redirect (HSTS, DNS, HTTPS-Upgrades, an extension): not the server's answer.
                evidence.recordBrowserSynthesized(reason, for: url)
                continue
            }
            if location == nil, let redirect = response["redirectURL"]?.stringValue, !redirect.isEmpty {
                location = redirect
            }
            evidence.record(
                ObservedResponse(status: status, location: location, strictTransportSecurity: sts),
                for: url
            )
        }
        // hstsq's extension: what a live probe saw beyond HTTP (see harDocument).
        if let extensionObject = log["_hstsq"] {
            evidence.hasTLSDetails = extensionObject["tls_details"]?.boolValue ?? false
            evidence.wwwAcceptsTCP = extensionObject["www_accepts_tcp"]?.boolValue
            for issue in extensionObject["tls_issues"]?.arrayValue ?? [] {
                guard let code = issue["code"]?.stringValue,
                    let severity = issue["severity"]?.stringValue.flatMap(Severity.init(rawValue:))
                else {
                    throw fail(issue, "\"_hstsq.tls_issues\" entries need \"code\" and \"severity\" (error or warning)")
                }
                evidence.tlsIssues.add(
                    Issue(
                        code: IssueCode(rawValue: code),
                        severity: severity,
                        summary: issue["summary"]?.stringValue ?? "",
                        message: issue["message"]?.stringValue ?? ""
                    )
                )
            }
        }
        return evidence
    }
}
