import Foundation
import HSTSEligibility
import HSTSPreload
import Testing

@Suite struct EvidenceTests {
    static let good = "max-age=63072000; includeSubDomains; preload"

    static let auditor: Auditor = {
        do {
            let list = try PreloadList(
                compiling: PreloadListSource(entries: [
                    Entry(name: "preloaded.org", mode: .forceHTTPS, includeSubdomains: true)
                ])
            )
            return Auditor(list: list, publicSuffixes: Fixtures.publicSuffixList)
        } catch {
            fatalError("\(error)")
        }
    }()

    /// A curl capture: `hops` are (status, location, [sts]) answering the chain that starts at `url`.
    static func capture(_ url: String, _ hops: [(Int, String?, [String])]) -> String {
        var text = "# curl -sSI -L \(url)\n"
        for (status, location, sts) in hops {
            text += "HTTP/1.1 \(status) X\r\nServer: test\r\n"
            if let location { text += "Location: \(location)\r\n" }
            for value in sts { text += "Strict-Transport-Security: \(value)\r\n" }
            text += "\r\n"
        }
        return text
    }

    static func codes(_ domain: String, _ text: String) throws -> [String] {
        let evidence = try Evidence.readCurl(Array(text.utf8), fileName: "capture.txt", domain: domain)
        return auditor.audit(domain, evidence: evidence).issues.codes.map(\.rawValue)
    }

    static let wwwOK = capture("https://www.site.org/", [(200, nil, [good])])
    static let httpsOK = capture("https://site.org/", [(200, nil, [good])])

    @Test func passingSiteHasNoIssuesAndIsEligible() throws {
        let text =
            Self.capture("http://site.org/", [(301, "https://site.org/", []), (200, nil, [Self.good])]) + Self.wwwOK
        let evidence = try Evidence.readCurl(Array(text.utf8), fileName: "c.txt", domain: "site.org")
        let report = Self.auditor.audit("site.org", evidence: evidence)
        #expect(report.issues.isEmpty)
        #expect(report.eligible)
        #expect(report.header == Self.good)
        #expect(
            Set(report.notChecked.map(\.code.rawValue)) == [
                "domain.tls.invalid_cert_chain", "domain.tls.sha1", "tls.obsolete_cipher_suite",
            ]
        )
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var capture: String
        var codes: [String]
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(
            name: "header missing",
            capture: capture("http://site.org/", [(301, "https://site.org/", []), (200, nil, [])]) + wwwOK,
            codes: ["response.no_header"]
        ),
        Case(
            name: "two headers",
            capture: capture("http://site.org/", [(301, "https://site.org/", []), (200, nil, [good, "max-age=1"])])
                + wwwOK,
            codes: ["response.multiple_headers"]
        ),
        Case(
            name: "weak header",
            capture: capture("http://site.org/", [(301, "https://site.org/", []), (200, nil, ["max-age=300"])]) + wwwOK,
            codes: [
                "header.preloadable.include_sub_domains.missing", "header.preloadable.preload.missing",
                "header.preloadable.max_age.below_1_year",
            ]
        ),
        Case(
            name: "no redirect",
            capture: capture("http://site.org/", [(200, nil, [])]) + httpsOK + wwwOK,
            codes: ["redirects.http.no_redirect"]
        ),
        Case(
            name: "header over HTTP",
            capture: capture("http://site.org/", [(301, "https://site.org/", [good]), (200, nil, [good])]) + wwwOK,
            codes: ["redirects.http.useless_header"]
        ),
        Case(
            name: "www first",
            capture: capture("http://site.org/", [(301, "https://www.site.org/", []), (200, nil, [good])]) + httpsOK,
            codes: ["redirects.http.www_first"]
        ),
        Case(
            name: "insecure first redirect",
            capture: capture("http://site.org/", [(302, "http://other.example/", []), (200, nil, [])]) + httpsOK
                + wwwOK,
            codes: ["redirects.http.first_redirect.insecure"]
        ),
        Case(
            name: "first redirect without HSTS",
            capture: capture("http://site.org/", [(301, "https://site.org/start", []), (200, nil, [])]) + httpsOK
                + wwwOK,
            codes: ["redirects.http.first_redirect.no_hsts"]
        ),
        Case(
            name: "insecure later redirect",
            capture: capture(
                "http://site.org/",
                [(301, "https://site.org/", []), (302, "http://site.org/plain", [good]), (200, nil, [])]
            ) + wwwOK,
            codes: ["redirects.insecure.subsequent", "redirects.insecure.initial"]
        ),
        Case(
            name: "more than 3 redirects",
            capture: capture(
                "http://site.org/",
                [
                    (301, "https://site.org/", []), (301, "/a", [good]), (301, "/b", []), (301, "/c", []),
                    (301, "/d", []), (200, nil, []),
                ]
            ) + wwwOK,
            codes: ["redirects.too_many", "redirects.too_many"]
        ),
        Case(
            name: "redirect to another scheme",
            capture: capture("http://site.org/", [(301, "https://site.org/", []), (302, "ftp://site.org/", [good])])
                + wwwOK,
            // Both chains pass through the ftp redirect, so both report it, as the reference does.
            codes: [
                "redirects.follow_error", "redirects.insecure.subsequent", "redirects.follow_error",
                "redirects.insecure.initial",
            ]
        ),
    ])
    func evidenceRulesGiveTheReferenceCodes(_ c: Case) throws {
        #expect(try Self.codes("site.org", c.capture) == c.codes)
    }

    @Test func failuresRecordedByCurlBecomeIssues() throws {
        let noHTTP =
            "# curl -sSI -L http://site.org/\ncurl: (7) Failed to connect to site.org port 80 after 3 ms: Couldn't connect to server\n"
            + Self.httpsOK + Self.wwwOK
        #expect(try Self.codes("site.org", noHTTP) == ["redirects.http.does_not_exist"])
        let noTLS =
            "# curl -sSI -L https://site.org/\ncurl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to site.org:443\n"
        #expect(try Self.codes("site.org", noTLS) == ["domain.tls.cannot_connect"])
        let wwwBroken =
            Self.capture("http://site.org/", [(301, "https://site.org/", []), (200, nil, [Self.good])])
            + "# curl -sSI https://www.site.org/\ncurl: (35) error:0A000438:SSL routines::tlsv1 alert internal error\n"
        #expect(try Self.codes("site.org", wwwBroken) == ["domain.www.no_tls"])
        let invalidTarget =
            Self.capture("http://site.org/", [(301, "https://site.org/login", [])])
            + "# curl -sSI https://site.org/login\ncurl: (28) Operation timed out after 10001 milliseconds\n"
            + Self.httpsOK + Self.wwwOK
        #expect(try Self.codes("site.org", invalidTarget) == ["redirects.http.first_redirect.invalid"])
    }

    @Test func firstRedirectCheckIsMaskedWhenTheMainResponseFails() throws {
        let text = Self.capture("http://site.org/", [(301, "https://site.org/", []), (200, nil, [])]) + Self.wwwOK
        #expect(try Self.codes("site.org", text) == ["response.no_header"])
    }

    @Test func wwwNotCapturedIsNotCheckedNotPassed() throws {
        let text = Self.capture("http://site.org/", [(301, "https://site.org/", []), (200, nil, [Self.good])])
        let evidence = try Evidence.readCurl(Array(text.utf8), fileName: "c.txt", domain: "site.org")
        let report = Self.auditor.audit("site.org", evidence: evidence)
        #expect(report.notChecked.contains { $0.code == .domainWWWNoTLS })
        #expect(report.issues.isEmpty)
    }

    @Test func subdomainsAndPreloadStatus() throws {
        let report = Self.auditor.audit("www.preloaded.org", evidence: nil)
        #expect(report.issues.codes == [.domainIsSubdomain])
        #expect(report.preloadedBy?.name == "preloaded.org")
        #expect(report.preloadedBy?.match == .ancestor)
        #expect(!report.eligible)
        let exact = Self.auditor.audit("preloaded.org", evidence: nil)
        #expect(exact.preloadedBy?.match == .exact)
        #expect(!exact.notChecked.isEmpty)
    }

    @Test func realLookingCapturesFromFixtures() throws {
        let curl = try Evidence.readCurl(
            try Fixtures.read(Fixtures.fixturePath("passing-site.org.txt")),
            fileName: "passing-site.org.txt",
            domain: "passing-site.org"
        )
        let passing = Self.auditor.audit("passing-site.org", evidence: curl)
        #expect(passing.eligible && passing.issues.isEmpty)
        let har = try Evidence.readHAR(
            try Fixtures.read(Fixtures.fixturePath("failing-site.net.har")),
            fileName: "failing-site.net.har",
            domain: "failing-site.net"
        )
        let failing = Self.auditor.audit("failing-site.net", evidence: har)
        #expect(
            failing.issues.codes.map(\.rawValue) == [
                "response.multiple_headers", "redirects.http.www_first", "redirects.http.useless_header",
            ]
        )
    }

    @Test func chromiumHARWithItsOwnHSTSRedirectIsNeverEligible() throws {
        // Recorded by scripts/browser-har from Chromium: http:// answered by the browser's own 307.
        let har = try Evidence.readHAR(
            try Fixtures.read(Fixtures.fixturePath("hsts-capture.org.har")),
            fileName: "hsts-capture.org.har",
            domain: "hsts-capture.org"
        )
        #expect(har.browserSynthesized == ["http://hsts-capture.org/": "HSTS"])
        #expect(har.responses["http://hsts-capture.org/"] == nil)
        #expect(har.browserHadHSTS(for: "hsts-capture.org"))
        #expect(!har.browserHadHSTS(for: "other.org"))
        let report = Self.auditor.audit("hsts-capture.org", evidence: har)
        #expect(!report.eligible)
        #expect(report.browserHadHSTS)
        #expect(report.issues.errors.isEmpty)
        let reasons = Dictionary(report.notChecked.map { ($0.code.rawValue, $0.reason) }) { first, _ in first }
        #expect(
            reasons["redirects.http.no_redirect"]
                == "the browser upgraded internally (HSTS); the capture holds no server response for http://hsts-capture.org/"
        )
        #expect(reasons["redirects.http.first_redirect.no_hsts"] != nil)
        #expect(!report.issues.codes.contains(.redirectsHTTPNoRedirect))
    }

    @Test(arguments: [
        ("Non-Authoritative-Reason: HSTS", "307 Internal Redirect", "HSTS"),
        ("Non-Authoritative-Reason: DNS", "307 Temporary Redirect", "DNS"),
        ("Non-Authoritative-Reason: HttpsUpgrades", "307 Temporary Redirect", "HttpsUpgrades"),
        ("Non-Authoritative-Reason: WebRequest API", "307 Internal Redirect", "WebRequest API"),
        ("Server: test", "307 Internal Redirect", "Internal Redirect"),
    ])
    func curlCapturesOfBrowserRedirectsAreNotTheServers(header: String, statusLine: String, reason: String) throws {
        let text = """
            # copied from devtools: http://site.org/
            HTTP/1.1 \(statusLine)
            Location: https://site.org/
            \(header)

            HTTP/1.1 200 OK
            Strict-Transport-Security: \(Self.good)


            """ + Self.wwwOK
        let evidence = try Evidence.readCurl(Array(text.utf8), fileName: "c.txt", domain: "site.org")
        #expect(evidence.browserSynthesized["http://site.org/"] == reason)
        #expect(evidence.responses["http://site.org/"] == nil)
        #expect(evidence.responses["https://site.org/"]?.strictTransportSecurity == [Self.good])
        let report = Self.auditor.audit("site.org", evidence: evidence)
        #expect(!report.eligible)
        #expect(report.browserHadHSTS == (reason == "HSTS" || reason == "Internal Redirect"))
        #expect(report.notChecked.contains { $0.code == .redirectsHTTPNoRedirect && $0.reason.contains("internally") })
    }

    @Test func anotherHostsInternalRedirectInAPageCaptureDoesNotCount() throws {
        // A page's HAR holds its subresources too: a third party's HSTS redirect says nothing about this domain.
        let text =
            Self.capture("http://site.org/", [(301, "https://site.org/", []), (200, nil, [Self.good])]) + Self.wwwOK
            + "\n# http://cdn.example.net/app.js\nHTTP/1.1 307 Internal Redirect\n"
            + "Location: https://cdn.example.net/app.js\nNon-Authoritative-Reason: HSTS\n\n"
        let evidence = try Evidence.readCurl(Array(text.utf8), fileName: "c.txt", domain: "site.org")
        #expect(evidence.browserSynthesized == ["http://cdn.example.net/app.js": "HSTS"])
        let report = Self.auditor.audit("site.org", evidence: evidence)
        #expect(report.eligible && !report.browserHadHSTS)
    }

    @Test func aServersOwn307IsStillTheServers() throws {
        let text =
            Self.capture("http://site.org/", [(307, "https://site.org/", []), (200, nil, [Self.good])]) + Self.wwwOK
        let evidence = try Evidence.readCurl(Array(text.utf8), fileName: "c.txt", domain: "site.org")
        #expect(evidence.browserSynthesized.isEmpty)
        let report = Self.auditor.audit("site.org", evidence: evidence)
        #expect(report.eligible && !report.browserHadHSTS)
    }

    @Test func malformedCapturesNameTheFileAndPlace() {
        #expect {
            _ = try Evidence.readCurl(
                Array("HTTP/1.1 301 Moved\nLocation-without-a-colon\n".utf8),
                fileName: "bad.txt",
                domain: "x.org"
            )
        } throws: { error in
            (error as? EvidenceError)?.description == "bad.txt:2:1: expected a header line `Name: value`"
        }
        #expect {
            _ = try Evidence.readCurl(Array("HTTP/1.1 abc\n".utf8), fileName: "bad.txt", domain: "x.org")
        } throws: { error in
            (error as? EvidenceError)?.description.hasPrefix("bad.txt:1:1: expected a status line") == true
        }
        #expect {
            _ = try Evidence.readCurl(
                Array("HTTP/1.1 200 OK\n\nHTTP/1.1 200 OK\n".utf8),
                fileName: "two.txt",
                domain: "x.org"
            )
        } throws: { error in
            (error as? EvidenceError)?.description.hasPrefix("two.txt:3:1: a response follows a final response") == true
        }
        #expect {
            _ = try Evidence.readHAR(
                Array("{\"log\": {\"entries\": [\n  {\"request\": {}}\n]}}".utf8),
                fileName: "bad.har",
                domain: "x.org"
            )
        } throws: { error in
            (error as? EvidenceError)?.description == "bad.har:2:3: entry 0: no \"request\" with a \"url\" string"
        }
        #expect {
            _ = try Evidence.readHAR(Array("{\"log\": [}".utf8), fileName: "bad.har", domain: "x.org")
        } throws: { error in
            (error as? EvidenceError)?.description
                == "bad.har:1:10: invalid JSON: expected a value (object, array, string, number, true, false or null)"
        }
    }

    @Test(arguments: [
        ("capture.har", "HTTP/1.1 200 OK\n", CaptureFormat.har),
        ("CAPTURE.HAR", "", .har),
        ("capture.txt", " \r\n\t{\"log\": {}}", .har),
        ("capture.json", "{", .har),
        ("capture.txt", "HTTP/1.1 200 OK\n", .curl),
        ("har", "# curl -sSI -L https://x.org/\n{", .curl),
        ("capture.txt", "", .curl),
    ])
    func captureFormatIsTheNameOrTheFirstByte(fileName: String, text: String, format: CaptureFormat) {
        #expect(CaptureFormat(fileName: fileName, bytes: Array(text.utf8)) == format)
    }

    @Test func aCaptureSaysWhichFormatItWasReadAs() throws {
        let curl = try Evidence(capture: Array(Self.httpsOK.utf8), fileName: "c.txt", domain: "site.org")
        #expect(curl.captureFormat == .curl)
        #expect(curl.responses["https://site.org/"]?.strictTransportSecurity == [Self.good])
        let written = curl.harDocument(creatorVersion: "test")
        let har = try Evidence(capture: Array(written.utf8), fileName: "saved", domain: "site.org")
        #expect(har.captureFormat == .har)
        #expect(har.responses == curl.responses)
        #expect(Evidence(domain: "site.org", source: "live probe").captureFormat == nil)
    }

    @Test func readsCaptureFilesInEitherFormat() throws {
        let passing = try Evidence(
            contentsOfFile: Fixtures.fixturePath("passing-site.org.txt"),
            domain: "passing-site.org"
        )
        #expect(passing.captureFormat == .curl)
        #expect(Self.auditor.audit("passing-site.org", evidence: passing).eligible)
        let failing = try Evidence(
            contentsOfFile: Fixtures.fixturePath("failing-site.net.har"),
            domain: "failing-site.net"
        )
        #expect(failing.captureFormat == .har)
        #expect(failing.source == Fixtures.fixturePath("failing-site.net.har"))
        #expect(!Self.auditor.audit("failing-site.net", evidence: failing).eligible)
    }

    @Test func unreadableCaptureFilesAreTypedErrors() throws {
        let missing = Fixtures.fixturePath("no-such-capture.txt")
        #expect(throws: EvidenceError.unreadable(file: missing, reason: "no such file")) {
            try Evidence(contentsOfFile: missing, domain: "x.org")
        }
        let directory = Fixtures.testDirectory.appendingPathComponent("Fixtures").path
        #expect(throws: EvidenceError.unreadable(file: directory, reason: "is a directory")) {
            try Evidence(contentsOfFile: directory, domain: "x.org")
        }
        let path = Fixtures.fixturePath("passing-site.org.txt")
        let size = try Fixtures.read(path).count
        #expect(throws: EvidenceError.fileTooLarge(file: path, size: size, limit: size - 1)) {
            try Evidence(contentsOfFile: path, domain: "passing-site.org", maximumBytes: size - 1)
        }
        #expect(
            EvidenceError.fileTooLarge(file: "big.har", size: 3 << 20, limit: 1 << 20).description
                == "big.har: the file is 3 MiB; capture files of at most 1 MiB are read"
        )
        #expect(
            EvidenceError.unreadable(file: "a.txt", reason: "is a directory").description
                == "a.txt: cannot read: is a directory"
        )
    }

    @Test func everyDocumentedCodeIsKnownToTheModule() throws {
        // The codes a header or evidence can produce offline are all produced by some test in this target;
        // the TLS codes come from live probes or captures with TLS details.
        let all = Set(IssueCode.allCodes.map(\.rawValue))
        #expect(all.count == IssueCode.allCodes.count)
        #expect(all.contains("redirects.http.first_redirect.invalid"))
    }
}
