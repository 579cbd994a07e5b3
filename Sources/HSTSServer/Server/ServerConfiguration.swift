public import HSTSProbe

/// What `hstsq serve` was asked to do: where to listen and the safety limits.
public struct ServerConfiguration: Sendable {
    /// The address to bind: loopback unless asked otherwise.
    public var host = "127.0.0.1"
    /// The port; 0 picks a free one (the tests do).
    public var port = 8080
    /// The largest request body read: a bulk request of `maximumBulkDomains` names of 253 bytes fits.
    public var maximumBodyBytes = 4 << 20
    /// The largest request line, and the largest total of header fields, the HTTP parser accepts.
    public var maximumRequestHeadBytes = 1 << 20
    /// The most domains one bulk request may ask about.
    public var maximumBulkDomains = 10_000
    /// The longest domain parameter looked at (a DNS name has at most 253 octets; Unicode input is longer
    /// before it is converted to A-labels).
    public var maximumDomainBytes = 1024
    /// Live probes (preloadable, removable) running at once; further requests wait for a slot.
    public var probeConcurrency = 8
    /// How long a request waits for a probe slot before it gets 503.
    public var probeSlotWait: Duration = .seconds(30)
    /// How live probes connect: timeouts, `--connect-to` rules and extra trust roots, as for `hstsq audit`.
    public var probe = ProbeConfiguration()
    /// With `offline`, preloadable and removable read captures from here (DOMAIN.har or DOMAIN.txt).
    public var evidenceDirectory: String?
    /// No network: preloadable and removable answer from captures only.
    public var offline = false
    /// The origin allowed by CORS, or nil for no CORS headers.
    public var corsOrigin: String?
    /// No access log.
    public var quiet = false
    /// How often the store is checked for a newly imported version.
    public var storePollInterval: Duration = .seconds(2)
    /// How long an idle keep-alive connection stays open.
    public var idleTimeout: Duration = .seconds(60)

    /// The defaults: loopback port 8080, the limits above.
    public init() {}
}
