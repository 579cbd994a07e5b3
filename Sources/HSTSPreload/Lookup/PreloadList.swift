/// A compiled preload list that answers upgrade questions with Chromium's (or another engine's) semantics.
///
/// Open a compiled file with `init(contentsOfCompiledFile:)` (memory-mapped, checksum verified, nothing parsed),
/// or compile a source in memory with `init(compiling:)`. Lookups search the compiled form's blocks, or, for
/// lookup-heavy embedders, an in-memory hash table built at open (`LookupIndex.hashTable`). A `PreloadList` is an
/// immutable value; share it freely between tasks and threads.
///
/// ```swift
/// let list = try PreloadList(contentsOfCompiledFile: "preload.hstsq")
/// let decision = list.decision(for: try HostName("Sub.Example.com."))
/// ```
public struct PreloadList: Sendable {
    package let file: TrieFile
    package let table: NameHashTable?

    /// How lookups find entries.
    public enum LookupIndex: Sendable, CaseIterable {
        /// The compiled file's own index: its lookup-index section, probed in the mapping, when it has one
        /// (`hstsq compile --index hash`); else its compact blocks. Nothing is decoded or built at open.
        case compiledFile
        /// The compact blocks only, even when the file has a lookup-index section: the least memory touched.
        case blocks
        /// Decode every entry at open into an in-memory hash table, which lookups probe instead of the blocks: faster
        /// lookups for more memory (`hashTableSize`, about 46 bytes per entry) and a slower open (it decodes every
        /// entry). Opening also checks what the table relies on (every entry decodes, every TLD is reachable), so a
        /// file that `verify()` would reject fails to open this way.
        case hashTable
    }

    /// Opens a compiled trie file (see docs/trie-format.md).
    ///
    /// - Throws: `TrieFileError` for an unreadable, truncated, corrupted or foreign file.
    /// - Complexity: O(n) in the file size, for the checksum; nothing is decoded (every entry is, for `.hashTable`).
    public init(contentsOfCompiledFile path: String, index: LookupIndex = .compiledFile) throws(TrieFileError) {
        try self.init(file: TrieFile(path: path), index: index)
    }

    /// Opens compiled trie bytes held in memory.
    ///
    /// - Throws: `TrieFileError` as for a file.
    public init(compiledBytes: [UInt8], index: LookupIndex = .compiledFile) throws(TrieFileError) {
        try self.init(file: TrieFile(copying: compiledBytes), index: index)
    }

    /// Compiles `source` in memory.
    ///
    /// - Throws: `TrieFileError.unrepresentable` when the list does not fit the format.
    public init(
        compiling source: PreloadListSource,
        compiledAt: Int64 = 0,
        index: LookupIndex = .compiledFile
    ) throws(TrieFileError) {
        try self.init(file: TrieFile(copying: TrieFileWriter.compile(source, compiledAt: compiledAt)), index: index)
    }

    /// A list over an opened file (such as `TrieFile(borrowingForever:)` over bytes embedded in a binary).
    ///
    /// - Throws: `TrieFileError` when the index cannot be set up (see `LookupIndex`).
    package init(file: TrieFile, index: LookupIndex = .compiledFile) throws(TrieFileError) {
        self.file = file
        switch index {
        case .compiledFile: table = try file.lookupIndexTable()
        case .blocks: table = nil
        case .hashTable: table = try NameHashTable(file)
        }
    }

    /// The bytes of the compiled trie file for `source`.
    ///
    /// - Parameters:
    ///   - source: the list.
    ///   - compiledAt: the compile time to record, in seconds since 1970.
    ///   - lookupIndex: append the lookup-index section (a hash index used straight from the mapping: faster
    ///     lookups for about 46 more bytes per entry on disk).
    /// - Returns: the file's bytes.
    /// - Throws: `TrieFileError.unrepresentable` when the list does not fit the format.
    public static func compiledBytes(
        for source: PreloadListSource,
        compiledAt: Int64,
        lookupIndex: Bool = false
    ) throws(TrieFileError) -> [UInt8] {
        let compact = try TrieFileWriter.compile(source, compiledAt: compiledAt)
        return lookupIndex ? try LookupIndexSection.appended(to: compact) : compact
    }

    /// `compiled` (a compact compiled file) with a lookup-index section appended.
    ///
    /// - Returns: the bytes of the file with its section.
    /// - Throws: `TrieFileError` when `compiled` does not open.
    public static func addingLookupIndexSection(to compiled: [UInt8]) throws(TrieFileError) -> [UInt8] {
        try LookupIndexSection.appended(to: compiled)
    }

    /// Lower-case hex of a digest.
    package static func hex(_ digest: [UInt8]) -> String { SHA256.hex(digest) }

    /// Writes compiled bytes to `path` atomically: a temporary file beside it, fsync, rename.
    ///
    /// - Throws: `TrieFileError.io` naming the step that failed; `path` is then unchanged.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(TrieFileError) {
        try TrieFileStorage.writeAtomically(bytes, to: path)
    }

    /// Number of entries.
    public var entryCount: Int { file.entryCount }

    /// Lower-case hex SHA-256 of the JSON source the list was compiled from.
    public var sourceSHA256: String { SHA256.hex(file.sourceSHA256) }

    /// When the list was compiled, in seconds since 1970.
    public var compiledAt: Int64 { file.compiledAt }

    /// Size of the compiled form in bytes, its lookup-index section included.
    public var compiledSize: Int { file.fileSize }

    /// Whether the compiled file has a lookup-index section (`hstsq compile --index hash`).
    public var hasLookupIndexSection: Bool { file.lookupIndexOffset != nil }

    /// Whether lookups probe a hash index (the file's section or one built in memory) rather than the blocks.
    public var usesHashIndex: Bool { table != nil }

    /// Bytes of memory the in-memory hash table holds (`LookupIndex.hashTable`), beside the compiled form; 0 without
    /// one.
    public var hashTableSize: Int { table?.byteCount ?? 0 }

    /// The name of pinset `index` (from `MatchedEntry.pinsetIndex`).
    public func pinsetName(at index: Int) -> String? {
        file.pinsetNames.indices.contains(index) ? file.pinsetNames[index] : nil
    }

    /// Whether a browser would upgrade `host`, and which entry decided.
    ///
    /// An IPv4 address (`1.0.0.1`, as `HostName` canonicalizes every form of it) is looked up like a name: the list
    /// has entries for some.
    /// - Complexity: O(log n + k) with k the block size (32), or O(labels) with the hash table; allocates nothing.
    public func decision(for host: HostName, semantics: MatchingSemantics = .chromium) -> UpgradeDecision {
        let span = host.value.utf8.span
        let lookup = file.lookup(span, upgradingAncestor: semantics == .anyAncestor, table: table, verified: true)
        return decision(lookup, of: span, semantics, verified: true) ?? .noEntry(semantics)
    }

    /// The hot path: decides for a host given as UTF-8 bytes, normalizing ASCII input (case, one trailing dot) on the
    /// stack without allocating.
    ///
    /// Input the fast path does not settle (non-ASCII, `%`, IPv4 forms other than dotted decimal, `xn--` labels with
    /// right-to-left text) is parsed by `HostName` first, which allocates.
    ///
    /// - Returns: `nil` when the bytes are not a valid host name; a non-upgrade decision for IPv6 literals.
    /// - Complexity: O(m + log n + k) for an m-byte host (O(m) with the hash table); allocates nothing for ASCII input.
    public func decision(utf8 host: Span<UInt8>, semantics: MatchingSemantics = .chromium) -> UpgradeDecision? {
        let lookup = file.lookup(host, upgradingAncestor: semantics == .anyAncestor, table: table)
        return decision(lookup, of: host, semantics)
    }

    /// The decision for what the lookup of `host` found; only input the fast path does not settle reads the host's
    /// bytes again (never a `verified` one, a `HostName`'s canonical value).
    @inline(__always)
    private func decision(
        _ lookup: HostLookup,
        of host: Span<UInt8>,
        _ semantics: MatchingSemantics,
        verified: Bool = false
    ) -> UpgradeDecision? {
        switch lookup {
        case .host(let length, let deepest, let ancestor):
            guard let deepest else { return .noEntry(semantics) }
            let entry = matchedEntry(deepest)
            let exact = deepest.nameLength == length
            if let ancestor {
                return UpgradeDecision(
                    upgrade: true,
                    match: .ancestor,
                    entry: matchedEntry(ancestor),
                    semantics: semantics
                )
            }
            let upgrade = entry.attributes.mode == .forceHTTPS && (exact || entry.attributes.includeSubdomains)
            return UpgradeDecision(
                upgrade: upgrade,
                match: exact ? .exact : .ancestor,
                entry: entry,
                semantics: semantics
            )
        case .ipLiteral:
            return .noEntry(semantics)
        case .invalid:
            return nil
        case .needsUnicodeProcessing:
            if verified { return nil }
            var utf8: [UInt8] = []
            utf8.reserveCapacity(host.count)
            for i in 0..<host.count { utf8.append(host[i]) }
            guard let text = String(validating: utf8, as: UTF8.self), let name = try? HostName(text) else {
                return nil
            }
            return decision(for: name, semantics: semantics)
        }
    }

    /// Every entry whose name is the host or one of its parents, most specific first (for explanations).
    public func matchingEntries(for host: HostName) -> [MatchedEntry] {
        (file.allMatches(host.value.utf8.span) ?? []).map(matchedEntry)
    }

    /// All entries with the fields the compiled form keeps (report URIs are not kept), TLD by TLD.
    ///
    /// - Throws: `TrieFileError.corrupt` if the data cannot be decoded.
    /// - Complexity: O(n).
    public func entries() throws(TrieFileError) -> [Entry] {
        var result: [Entry] = []
        result.reserveCapacity(file.entryCount)
        try file.forEachEntry { name, classIndex throws(TrieFileError) in
            guard file.classes.indices.contains(classIndex) else { throw .corrupt("class \(classIndex) out of range") }
            let entryClass = file.classes[classIndex]
            result.append(
                Entry(
                    name: String(decoding: name, as: UTF8.self),
                    attributes: entryClass.attributes,
                    pins: entryClass.pinsetIndex.flatMap { pinsetName(at: $0) }
                )
            )
        }
        return result
    }

    /// Decodes every entry and checks the invariants lookups rely on, and every record page of a lookup-index
    /// section; `init` checks only the checksums it needs.
    ///
    /// - Throws: `TrieFileError.corrupt` naming the first inconsistency.
    public func verify() throws(TrieFileError) {
        try file.verify()
        try verifyLookupIndexSection()
    }

    /// Checks every record page of the lookup-index section against its checksum (lookups check a page only when they
    /// first read it); does nothing for a file without one or a list opened with another index.
    ///
    /// - Throws: `TrieFileError.corrupt` naming the first damaged page.
    /// - Complexity: O(section size), about 2 ms for the 2026 list; nothing is decoded.
    public func verifyLookupIndexSection() throws(TrieFileError) {
        try table?.verifyRecordPages()
    }

    private func matchedEntry(_ match: Match) -> MatchedEntry {
        let entryClass =
            file.classes.indices.contains(match.classIndex) ? file.classes[match.classIndex] : EntryClass.none
        return MatchedEntry(nameLength: match.nameLength, entryClass: entryClass)
    }
}

extension EntryClass {
    /// Attributes of an entry that does nothing (used only if a crafted file names a missing class).
    static let none = EntryClass(attributes: EntryAttributes(), pinsetIndex: nil)
}
