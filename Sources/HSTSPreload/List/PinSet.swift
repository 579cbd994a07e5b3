/// A named set of allowed (and forbidden) SPKI hashes, from the list's `pinsets` array.
public struct PinSet: Sendable, Hashable {
    /// `name`, referenced by entries' `pins`.
    public var name: String
    /// `static_spki_hashes`: at least one must be in the chain.
    public var staticSPKIHashes: [String]
    /// `bad_static_spki_hashes`: none may be in the chain.
    public var badStaticSPKIHashes: [String]
    /// `report_uri`: where violations are reported (RFC 7469 format).
    public var reportURI: String?

    /// Creates a pinset.
    public init(
        name: String,
        staticSPKIHashes: [String] = [],
        badStaticSPKIHashes: [String] = [],
        reportURI: String? = nil
    ) {
        self.name = name
        self.staticSPKIHashes = staticSPKIHashes
        self.badStaticSPKIHashes = badStaticSPKIHashes
        self.reportURI = reportURI
    }
}
