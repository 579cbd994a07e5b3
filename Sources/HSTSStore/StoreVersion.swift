public import HSTSPreload

/// One imported version of the list.
public struct StoreVersion: Sendable, Hashable {
    /// Row id, increasing with each import.
    public var id: Int
    /// An optional name given at import (unique).
    public var label: String?
    /// Lower-case hex SHA-256 of the source bytes.
    public var sourceSHA256: String
    /// Where the source came from: a path or a URL.
    public var source: String
    /// When it was imported, in seconds since 1970.
    public var importedAt: Int64
    /// Number of entries.
    public var entryCount: Int
    /// Number of pinsets.
    public var pinsetCount: Int
    /// File name of the compiled trie, in the store's folder.
    public var trieFile: String
    /// Whose list it is: `chromium`, or `firefox` for Firefox's own list.
    public var browser: String = "chromium"
    /// When the browser stops using the list (seconds since 1970), when the list says (Firefox's does).
    public var expiresAt: Int64?
}

/// The result of an import.
public enum ImportOutcome: Sendable {
    /// A new version was stored; the list's warnings are attached.
    case imported(StoreVersion, warnings: [ImportWarning])
    /// The same source (same SHA-256) is already stored: nothing changed.
    case unchanged(StoreVersion)
}

/// Filters for `PreloadStore.entries`.
public struct EntryFilter: Sendable {
    /// Only this policy.
    public var policy: Policy?
    /// Only this top-level domain.
    public var tld: String?
    /// Only entries with (or without) include_subdomains.
    public var includeSubdomains: Bool?
    /// Only this domain and names below it.
    public var under: String?

    /// No filter.
    public init(policy: Policy? = nil, tld: String? = nil, includeSubdomains: Bool? = nil, under: String? = nil) {
        self.policy = policy
        self.tld = tld
        self.includeSubdomains = includeSubdomains
        self.under = under
    }
}

/// Counts over one version.
public struct ListStats: Sendable {
    /// The version counted.
    public var version: StoreVersion
    /// Entries by mode (`none` for pins-only entries).
    public var byMode: [(String, Int)]
    /// Entries by policy (`none` when absent).
    public var byPolicy: [(String, Int)]
    /// Entries with and without include_subdomains.
    public var byIncludeSubdomains: [(Bool, Int)]
    /// Entries by number of labels.
    public var byLabelCount: [(Int, Int)]
    /// The most common top-level domains.
    public var topTLDs: [(String, Int)]
}
