/// What the allocation-free lookup found for one input (`TrieFile.lookup(_:upgradingAncestor:table:)`).
package enum HostLookup: Equatable {
    /// A valid host of `length` bytes; the most specific entry (Chromium's rule) and, when asked for and the most
    /// specific entry does not upgrade, the most specific ancestor that does (the any-ancestor rule).
    case host(length: Int, deepest: Match?, upgradingAncestor: Match?)
    /// An IPv6 literal (IPv4 addresses are looked up like names).
    case ipLiteral
    /// Not a valid host name.
    case invalid
    /// Input the fast path does not settle: the caller parses it with `HostName` first.
    case needsUnicodeProcessing
}
