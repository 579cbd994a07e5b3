import Foundation
public import NIOCore

/// A set of loopback servers that play many websites at once, each configured as hstspreload.org sees sites in
/// the wild: eligible ones and ones that fail in one specific way, chosen by the first label of the host name.
///
/// `eligible.com`, `eligible-17.com` and `www.eligible-17.com` are all the `eligible` site; the suffix lets a
/// batch audit use thousands of distinct domains. Requests reach the servers through `connectTo` rules
/// (curl's `--connect-to` syntax) and certificates verify against `caFile`.
public struct TestSites: Sendable {
    /// The HSTS header every well-configured site sends.
    public static let goodHeader = "max-age=63072000; includeSubDomains; preload"

    /// Each site, with the exact issue codes hstspreload.org gives it.
    public static let scenarios: [(site: String, codes: [String])] = [
        ("eligible", []),
        ("nowww", []),
        ("noredirect", ["redirects.http.no_redirect"]),
        ("wwwfirst", ["redirects.http.www_first"]),
        ("insecurefirst", ["redirects.http.first_redirect.insecure"]),
        ("insecurelater", ["redirects.insecure.subsequent"]),
        ("toomany", ["redirects.too_many"]),
        ("noheader", ["response.no_header"]),
        ("twoheaders", ["response.multiple_headers"]),
        ("httpheader", ["redirects.http.useless_header"]),
        ("untrusted", ["domain.tls.invalid_cert_chain"]),
        ("expired", ["domain.tls.invalid_cert_chain"]),
        ("wwwnotls", ["domain.www.no_tls"]),
        ("reset", ["response.no_header"]),
        ("oldtls", ["tls.obsolete_cipher_suite"]),
        ("sha1", ["domain.tls.sha1"]),
        ("removing", ["header.preloadable.preload.missing"]),
    ]

    /// The header of the `removing` site: HSTS kept, `preload` dropped, as hstspreload.org asks before removal.
    public static let removalHeader = "max-age=31536000; includeSubDomains"

    /// The codes above that are warnings: a site with only these is eligible.
    public static let warningCodes: Set<String> = ["redirects.http.useless_header", "tls.obsolete_cipher_suite"]

    /// The sites that need no host-specific `connectTo` rule, so any number of numbered copies work.
    public static let numberable: Set<String> = [
        "eligible", "noredirect", "wwwfirst", "insecurefirst", "insecurelater", "toomany", "noheader", "twoheaders",
        "httpheader", "reset",
    ]

    /// The certificate authority the trusted servers' certificates chain to.
    public let authority: TestCertificateAuthority
    /// `--connect-to` rules sending every request to these servers (and `www.nowww.com` to a closed port).
    public let connectTo: [String]
    /// A PEM file with the trusted roots (`authority` and the SHA-1 test CA), for `--ca-file`.
    public let caFile: String
    private let servers: [LoopbackServer]

    /// Starts the servers; every answer waits `delay` first (a stand-in for a network round trip).
    public static func start(delay: TimeAmount = .zero, threads: Int = 1) async throws -> TestSites {
        let authority = try TestCertificateAuthority()
        let respond: @Sendable (ServerRequest) -> ServerBehavior = { TestSites.behavior($0, delay: delay) }
        let https = try await LoopbackServer.start(tls: .issued(by: authority), threads: threads, respond: respond)
        let http = try await LoopbackServer.start(threads: threads, respond: respond)
        let stranger = try TestCertificateAuthority(commonName: "not a trusted CA")
        let untrusted = try await LoopbackServer.start(tls: .issued(by: stranger), respond: respond)
        let expired = try await LoopbackServer.start(tls: .issued(by: authority, expired: true), respond: respond)
        // Plain HTTP where TLS is expected: accepts TCP, fails the handshake.
        let noTLS = try await LoopbackServer.start(respond: respond)
        let legacy = try await LoopbackServer.start(tls: .legacy(by: authority), respond: respond)
        // A trusted CA whose leaf certificates are signed with SHA-1.
        let sha1Authority = try TestCertificateAuthority(commonName: "hstsq SHA-1 test CA", signsWithSHA1: true)
        let sha1 = try await LoopbackServer.start(tls: .issued(by: sha1Authority), respond: respond)
        let rules = [
            "untrusted.com:443:127.0.0.1:\(untrusted.port)",
            "expired.com:443:127.0.0.1:\(expired.port)",
            "www.wwwnotls.com:443:127.0.0.1:\(noTLS.port)",
            "oldtls.com:443:127.0.0.1:\(legacy.port)",
            "sha1.com:443:127.0.0.1:\(sha1.port)",
            // A www that does not exist: a port nothing listens on.
            "www.nowww.com:443:127.0.0.1:1",
            ":443:127.0.0.1:\(https.port)",
            ":80:127.0.0.1:\(http.port)",
        ]
        return TestSites(
            authority: authority,
            connectTo: rules,
            caFile: try authority.writeRootPEM(alongWith: [sha1Authority]),
            servers: [https, http, untrusted, expired, noTLS, legacy, sha1]
        )
    }

    /// Removes the CA file and stops the servers.
    public func stop() async {
        TemporaryFiles.remove(caFile)
        for server in servers { await server.stop() }
    }

    /// The site a host belongs to: its registrable label without a `-N` suffix.
    public static func site(of host: String) -> String {
        let name = host.hasPrefix("www.") ? host.dropFirst(4) : Substring(host)
        let label = name.split(separator: ".").first ?? ""
        return String(label.split(separator: "-").first ?? label)
    }

    /// What every server answers, by site, host and path.
    public static func behavior(_ request: ServerRequest, delay: TimeAmount) -> ServerBehavior {
        let hsts = [("Strict-Transport-Security", goodHeader)]
        func respond(_ status: Int, _ headers: [(String, String)] = [], _ body: String = "") -> ServerBehavior {
            .respond(status: status, headers: headers, body: body, delay: delay)
        }
        func redirect(_ location: String, _ headers: [(String, String)] = []) -> ServerBehavior {
            respond(301, [("Location", location)] + headers)
        }
        let host = request.host
        let isWWW = host.hasPrefix("www.")
        let apex = isWWW ? String(host.dropFirst(4)) : host
        if request.overTLS {
            switch (site(of: host), request.path) {
            case ("noheader", _): return respond(200, [], "no header")
            case ("removing", _): return respond(200, [("Strict-Transport-Security", removalHeader)], "leaving")
            case ("twoheaders", _): return respond(200, hsts + hsts, "two")
            case ("insecurelater", "/plain"): return redirect("http://\(apex)/plain", hsts)
            case ("toomany", "/1"): return redirect("/2", hsts)
            case ("toomany", "/2"): return redirect("/3", hsts)
            case ("toomany", "/3"): return redirect("/4", hsts)
            case ("silent", _) where !isWWW: return .neverAnswer
            case ("reset", _) where !isWWW: return .resetMidResponse
            default: return respond(200, hsts, "hello over https")
            }
        }
        switch (site(of: host), request.path) {
        case ("noredirect", _): return respond(200, [], "plain http")
        case ("wwwfirst", _): return redirect("https://www.\(apex)/")
        case ("insecurefirst", "/"): return redirect("http://\(apex)/step")
        case ("insecurefirst", _): return redirect("https://\(apex)/")
        case ("insecurelater", "/"): return redirect("https://\(apex)/plain")
        case ("insecurelater", _): return respond(200, [], "plain again")
        case ("toomany", _): return redirect("https://\(apex)/1")
        case ("httpheader", _): return redirect("https://\(apex)/", hsts)
        default: return redirect("https://\(host)\(request.path)")
        }
    }
}
