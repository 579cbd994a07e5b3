/// What the allocation-free lookup found for one input (`TrieFile.lookup(_:upgradingAncestor:table:)`).
package enum HostLookup: Equatable {
    /// A valid host of `length` bytes; the most specific entry (Chromium's rule) and, when asked for and the most
    /// specific entry does not upgrade, the most specific ancestor that does (the any-ancestor rule).
    case host(length: Int, deepest: Match?, upgradingAncestor: Match?)
    /// An IPv4 or IPv6 literal.
    case ipLiteral
    /// Not a valid host name.
    case invalid
    /// Non-ASCII input: the caller converts it with IDNA first.
    case needsUnicodeProcessing
}
