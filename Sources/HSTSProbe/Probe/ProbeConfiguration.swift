public import NIOCore
public import NIOSSL

/// Limits and overrides for a live probe.
public struct ProbeConfiguration: Sendable {
    /// Longest wait for a TCP connection.
    public var connectTimeout: TimeAmount = .seconds(5)
    /// Longest wait for a TLS handshake once connected.
    public var tlsTimeout: TimeAmount = .seconds(5)
    /// Longest wait for one whole request, from connecting to the end of the headers.
    public var requestTimeout: TimeAmount = .seconds(10)
    /// At most this much of each response body is read (the rest is dropped with the connection).
    public var maximumBodyBytes = 1 << 20
    /// `--connect-to` rules, first match wins.
    public var connectTo: [ConnectTo] = []
    /// Trust roots added to the system's (`--ca-file`).
    public var additionalTrustRoots: [NIOSSLCertificate] = []
    /// The `User-Agent` sent.
    public var userAgent = "hstsq (HSTS preload eligibility audit)"

    /// The defaults: 5 s connect, 5 s TLS, 10 s per request, 1 MiB of body.
    public init() {}

    /// Where to connect for `host`:`port`: the first matching `connectTo` rule, else the host itself.
    public func target(host: String, port: Int) -> (address: String, port: Int, overridden: Bool) {
        if let rule = connectTo.first(where: { $0.matches(host: host, port: port) }) {
            return (rule.address, rule.targetPort, true)
        }
        return (host, port, false)
    }
}
