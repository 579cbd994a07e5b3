internal import AsyncHTTPClient
internal import Foundation
public import HSTSEligibility
internal import NIOConcurrencyHelpers
internal import NIOCore
internal import NIOHTTP1
internal import NIOPosix
public import NIOSSL

/// Gathers live evidence for a domain as hstspreload.org does: `https://DOMAIN/` and `http://DOMAIN/` with their
/// redirects followed by hand, TLS details of DOMAIN, and whether `www.DOMAIN` speaks TLS.
///
/// The result is the same `Evidence` the offline audit reads, so one set of rules decides both.
public struct Prober: Sendable {
    private let configuration: ProbeConfiguration
    private let group: any EventLoopGroup
    private let inspector: TLSInspector
    private let clients: ClientPool

    /// A prober on the shared SwiftNIO event loops, for `domains` (normalized).
    ///
    /// Naming the domains up front lets every request share one HTTP client (one TLS context, loaded once) even
    /// when `--connect-to` rules redirect them; a host not named (or a redirect elsewhere) still works, through a
    /// client of its own. Call `shutdown()` when done.
    public init(configuration: ProbeConfiguration, domains: [String] = []) throws {
        self.configuration = configuration
        group = MultiThreadedEventLoopGroup.singleton
        inspector = try TLSInspector(group: group, configuration: configuration)
        var tls = TLSConfiguration.makeClientConfiguration()
        if !configuration.additionalTrustRoots.isEmpty {
            tls.additionalTrustRoots = [.certificates(configuration.additionalTrustRoots)]
        }
        clients = ClientPool(
            configuration: configuration,
            group: group,
            tls: tls,
            hosts: domains.flatMap { [$0, "www." + $0] }
        )
    }

    /// Shuts the HTTP clients down; the prober must not be used afterwards.
    public func shutdown() async {
        await clients.shutdown()
    }

    /// Reads PEM certificates (for `--ca-file`).
    public static func trustRoots(pem bytes: [UInt8]) throws -> [NIOSSLCertificate] {
        try NIOSSLCertificate.fromPEMBytes(bytes)
    }

    /// Probes `domain` (normalized) and returns what was observed.
    public func evidence(for domain: String) async -> Evidence {
        var evidence = Evidence(domain: domain, source: "live probe")
        evidence.hasTLSDetails = true

        let https = ObservedURL(scheme: "https", host: domain)
        switch await inspector.handshake(host: domain, context: inspector.verified) {
        case .tcpFailed(let reason):
            evidence.recordFailure("cannot connect: \(reason)", for: https)
            return evidence
        case .tlsFailed(let reason):
            // Retried without verification only to tell a bad certificate from a server that cannot do TLS.
            if case .established = await inspector.handshake(host: domain, context: inspector.unverified) {
                evidence.tlsIssues.error(
                    .domainTLSInvalidCertChain,
                    "Invalid Certificate Chain",
                    "https://\(domain) uses an incomplete or invalid certificate chain (\(reason))."
                )
            }
            evidence.recordFailure(reason, for: https)
            return evidence
        case .established(_, let version):
            var chain: [NIOSSLCertificate] = []
            if case .established(let presented, _) = await inspector.handshake(
                host: domain,
                context: inspector.chainReading,
                readingChain: true
            ) {
                chain = presented
            }
            for subject in TLSInspector.sha1Signed(chain) {
                evidence.tlsIssues.error(
                    .domainTLSSHA1,
                    "SHA-1 Certificate",
                    "One or more of the certificates in your certificate chain is signed using SHA-1 (\(subject)). This needs to be replaced."
                )
            }
            if version != .tlsv13 {
                if case .established = await inspector.handshake(host: domain, context: inspector.modernTLS12) {
                } else {
                    evidence.tlsIssues.warning(
                        .tlsObsoleteCipherSuite,
                        "Obsolete Cipher Suite",
                        "The site does not offer TLS 1.3 and, over TLS 1.2, no modern cipher suite (ECDHE key exchange with an AEAD cipher)."
                    )
                }
            }
        }

        await follow(from: https, into: &evidence)
        guard evidence.responses[https.key] != nil else { return evidence }
        await follow(from: ObservedURL(scheme: "http", host: domain), into: &evidence)

        let www = "www." + domain
        let wwwAccepts = await inspector.acceptsTCP(host: www, port: 443)
        evidence.wwwAcceptsTCP = wwwAccepts
        if wwwAccepts {
            await fetch(ObservedURL(scheme: "https", host: www), into: &evidence)
        }
        return evidence
    }

    /// Fetches `start` and the redirects from it, at most one more than the rules allow, so "too many" shows.
    private func follow(from start: ObservedURL, into evidence: inout Evidence) async {
        var current = start
        for _ in 0...EvidenceRules.maximumRedirects {
            guard evidence.responses[current.key] == nil && evidence.failures[current.key] == nil else { return }
            await fetch(current, into: &evidence)
            guard let response = evidence.responses[current.key], response.isRedirect, let location = response.location,
                let next = current.resolving(location), next.scheme == "http" || next.scheme == "https"
            else { return }
            current = next
        }
    }

    /// One GET, recorded as a response or a failure.
    private func fetch(_ url: ObservedURL, into evidence: inout Evidence) async {
        let defaultPort = url.scheme == "https" ? 443 : 80
        let target = configuration.target(host: url.host, port: url.port ?? defaultPort)
        var components = URLComponents()
        components.scheme = url.scheme
        components.host = url.host
        components.port = target.port == defaultPort ? nil : target.port
        let requestURL = (components.string ?? "\(url.scheme)://\(url.host)") + url.rest
        var request = HTTPClientRequest(url: requestURL)
        request.headers.add(name: "Host", value: url.host + (url.port.map { ":\($0)" } ?? ""))
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        request.headers.add(name: "Accept", value: "*/*")
        // One request per connection: a batch must not keep thousands of idle connections to hosts it is done with.
        request.headers.add(name: "Connection", value: "close")
        do {
            let client = clients.client(for: url.host, address: target.overridden ? target.address : nil)
            let response = try await client.execute(request, timeout: configuration.requestTimeout)
            evidence.record(
                ObservedResponse(
                    status: Int(response.status.code),
                    location: response.headers.first(name: "Location"),
                    strictTransportSecurity: response.headers["Strict-Transport-Security"]
                ),
                for: url
            )
            // Read (and drop) at most the body limit; an error in the body does not undo the response.
            var read = 0
            do {
                for try await chunk in response.body {
                    read += chunk.readableBytes
                    if read >= configuration.maximumBodyBytes { break }
                }
            } catch {}
        } catch {
            evidence.recordFailure(Self.describe(error), for: url)
        }
    }

    static func describe(_ error: any Error) -> String {
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .readTimeout: return "no answer within the request timeout"
            case .connectTimeout: return "connection timed out"
            case .remoteConnectionClosed: return "the server closed the connection before answering"
            default: break
            }
        }
        return TLSInspector.describe(error)
    }
}

/// The HTTP clients of a prober: one shared client for every host without a `--connect-to` rule and every
/// named host whose rules send ports 80 and 443 to one address (AsyncHTTPClient's `dnsOverride`, which keeps SNI
/// and certificate checks on the real name); any other overridden host gets a client of its own.
final class ClientPool: Sendable {
    private let configuration: ProbeConfiguration
    private let group: any EventLoopGroup
    private let tls: TLSConfiguration
    /// The address each named host's ports 80 and 443 are sent to, when one rule sends both to the same place.
    private let overrides: [String: String]
    private let shared: HTTPClient
    /// Clients for the other overridden hosts, by host and address, made on first use.
    private let extra = NIOLockedValueBox<[String: HTTPClient]>([:])

    init(configuration: ProbeConfiguration, group: any EventLoopGroup, tls: TLSConfiguration, hosts: [String]) {
        self.configuration = configuration
        self.group = group
        self.tls = tls
        var overrides: [String: String] = [:]
        for host in hosts {
            let https = configuration.target(host: host, port: 443)
            let http = configuration.target(host: host, port: 80)
            if https.overridden && http.overridden && https.address == http.address {
                overrides[host] = https.address
            }
        }
        self.overrides = overrides
        shared = Self.makeClient(configuration: configuration, group: group, tls: tls, overrides: overrides)
    }

    static func makeClient(
        configuration: ProbeConfiguration,
        group: any EventLoopGroup,
        tls: TLSConfiguration,
        overrides: [String: String]
    ) -> HTTPClient {
        var settings = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(
                connect: configuration.connectTimeout,
                read: configuration.requestTimeout
            ),
            decompression: .disabled
        )
        settings.httpVersion = .http1Only
        // A refused or unreachable host is a finding, not something to retry until the deadline.
        settings.connectionPool.retryConnectionEstablishment = false
        settings.connectionPool.idleTimeout = .seconds(2)
        settings.dnsOverride = overrides
        return HTTPClient(eventLoopGroup: group, configuration: settings)
    }

    /// The client for a request to `host`, connecting to `address` when a rule overrides it.
    func client(for host: String, address: String?) -> HTTPClient {
        // The shared client resolves `host` exactly so: to its override, or normally when it has none.
        if overrides[host] == address { return shared }
        return extra.withLockedValue { extra in
            let key = host + "|" + (address ?? "")
            if let existing = extra[key] { return existing }
            let client = Self.makeClient(
                configuration: configuration,
                group: group,
                tls: tls,
                overrides: address.map { [host: $0] } ?? [:]
            )
            extra[key] = client
            return client
        }
    }

    /// Shuts every client down.
    func shutdown() async {
        let all =
            [shared]
            + extra.withLockedValue { extra in
                defer { extra = [:] }
                return Array(extra.values)
            }
        for client in all { try? await client.shutdown() }
    }
}
