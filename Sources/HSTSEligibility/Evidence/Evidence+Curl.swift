extension Evidence {
    /// Reads the text `curl -sSI -L URL` prints: HTTP response header blocks in a row (`HTTP/1.1 301 …` or
    /// `HTTP/2 200` status lines, `Name: value` headers, a blank line after each), CRLF or LF.
    ///
    /// Which URL a block answers: a line starting with `#`, `$` or `>` that contains an http(s) URL starts a capture
    /// of that URL (so `# curl -sSI -L https://example.com/` before a capture names it); without one, the first
    /// capture is of `http://DOMAIN/`. Each following block answers the previous block's `Location`. A line
    /// `curl: (N) message` records that the expected URL failed. 1xx blocks are skipped. A block the browser made
    /// up (a `Non-Authoritative-Reason` header or `307 Internal Redirect`, as copied from devtools) goes to
    /// `browserSynthesized`, and the next block answers its `Location`.
    ///
    /// - Throws: `EvidenceError.invalidCapture` naming the file, line and column.
    public static func readCurl(_ bytes: [UInt8], fileName: String, domain: String) throws(EvidenceError) -> Evidence {
        let text = String(decoding: bytes, as: UTF8.self)
        var evidence = Evidence(domain: domain, source: fileName)
        evidence.captureFormat = .curl
        var expected: ObservedURL? = ObservedURL(scheme: "http", host: domain)
        var current:
            (url: ObservedURL, status: Int, location: String?, sts: [String], statusText: String?, reason: String?)?
        var sawAny = false

        func finish() {
            guard let block = current else { return }
            current = nil
            if (100..<200).contains(block.status) {
                expected = block.url
                return
            }
            if let reason = ObservedResponse.browserSynthesisReason(
                statusText: block.statusText,
                nonAuthoritativeReason: block.reason
            ) {
                evidence.recordBrowserSynthesized(reason, for: block.url)
            } else {
                evidence.record(
                    ObservedResponse(
                        status: block.status,
                        location: block.location,
                        strictTransportSecurity: block.sts
                    ),
                    for: block.url
                )
            }
            if let location = block.location, (300..<400).contains(block.status) {
                expected = block.url.resolving(location)
            } else {
                expected = nil
            }
        }

        var lineNumber = 0
        // "\r\n" is one Character in Swift, so split on both line endings explicitly.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                finish()
                continue
            }
            if current == nil, let marker = line.first, marker == "#" || marker == "$" || marker == ">" {
                if let start = line.firstRange(of: "http://") ?? line.firstRange(of: "https://") {
                    let urlText = line[start.lowerBound...].prefix { !$0.isWhitespace && $0 != "'" && $0 != "\"" }
                    guard let url = ObservedURL(String(urlText)) else {
                        throw .invalidCapture(
                            file: fileName,
                            line: lineNumber,
                            column: line.distance(from: line.startIndex, to: start.lowerBound) + 1,
                            problem: "not a URL: \(urlText)"
                        )
                    }
                    expected = url
                }
                continue
            }
            if line.hasPrefix("curl: (") {
                finish()
                if let url = expected { evidence.recordFailure(String(line), for: url) }
                expected = nil
                continue
            }
            if line.hasPrefix("HTTP/") {
                finish()
                let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
                guard parts.count >= 2, let status = Int(parts[1]), (100...999).contains(status) else {
                    throw .invalidCapture(
                        file: fileName,
                        line: lineNumber,
                        column: 1,
                        problem: "expected a status line like `HTTP/1.1 301 Moved Permanently`"
                    )
                }
                guard let url = expected else {
                    throw .invalidCapture(
                        file: fileName,
                        line: lineNumber,
                        column: 1,
                        problem:
                            "a response follows a final response; start each capture with a line `# curl -sSI -L URL`"
                    )
                }
                current = (url, status, nil, [], parts.count > 2 ? String(parts[2]) : nil, nil)
                sawAny = true
                continue
            }
            guard current != nil else {
                throw .invalidCapture(
                    file: fileName,
                    line: lineNumber,
                    column: 1,
                    problem: "expected a status line (`HTTP/…`) or a `# URL` line"
                )
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw .invalidCapture(
                    file: fileName,
                    line: lineNumber,
                    column: 1,
                    problem: "expected a header line `Name: value`"
                )
            }
            let name = line[..<colon].lowercased()
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: " \t")
            switch name {
            case "location": current?.location = value
            case "strict-transport-security": current?.sts.append(value)
            case "non-authoritative-reason": current?.reason = value
            default: break
            }
        }
        finish()
        if !sawAny && evidence.failures.isEmpty {
            throw .invalidCapture(
                file: fileName,
                line: 1,
                column: 1,
                problem: "no HTTP response found (expected `curl -sSI -L` output)"
            )
        }
        return evidence
    }
}
