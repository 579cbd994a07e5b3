public import HSTSPreload

/// Answers `status` and `history` for any number of domains over every stored version, on one open connection.
///
/// `history(of:)` costs one query per domain: for every version, a primary-key seek per candidate name (the domain
/// and each of its parents), so no index beyond `(version_id, name)` is needed and imports pay nothing for history.
/// `status(of:)` answers its first domains the same way; from the `batchThreshold`-th on it opens every version's
/// trie file once and looks each domain up there (a lookup is far cheaper than a hundred seeks).
public final class DomainHistoryReader {
    private let connection: Connection
    /// Every version, oldest first.
    public let versions: [StoreVersion]
    /// The version that answers today.
    public let currentVersion: StoreVersion
    private let versionsByID: [Int: StoreVersion]
    /// Prepared statements by number of candidate names.
    private var statements: [Int: Statement] = [:]
    private let store: PreloadStore
    /// Every version's compiled list, oldest first, once `status(of:)` has answered `batchThreshold` domains.
    private var lists: [PreloadList]?
    private var statusCount = 0
    /// How many domains `status(of:)` answers from the rows before it switches to the trie files.
    public static let batchThreshold = 32

    /// Opens the store for reading.
    ///
    /// - Throws: `StoreError.empty` when the store holds no version, or the error that kept it from being read.
    public init(store: PreloadStore) throws(StoreError) {
        self.store = store
        connection = try store.open(create: false)
        let statement = try connection.prepare(
            "SELECT \(PreloadStore.versionColumns) FROM versions ORDER BY id"
        )
        var versions: [StoreVersion] = []
        while try statement.step() { versions.append(PreloadStore.version(statement)) }
        guard let current = try store.currentVersion(connection: connection) else {
            throw .empty(path: store.directory)
        }
        self.versions = versions
        currentVersion = current
        versionsByID = Dictionary(versions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The domain's answer in every version, oldest first.
    public func history(of domain: HostName) throws(StoreError) -> DomainHistory {
        let name = domain.value
        var candidates = [name]
        var utf8 = name.utf8[...]
        while let dot = utf8.firstIndex(of: UInt8(ascii: ".")) {
            utf8 = utf8[utf8.index(after: dot)...]
            candidates.append(String(Substring(utf8)))
        }
        let statement: Statement
        if let cached = statements[candidates.count] {
            statement = cached
        } else {
            let placeholders = Array(repeating: "?", count: candidates.count).joined(separator: ", ")
            statement = try connection.prepare(
                """
                SELECT v.id, \(PreloadStore.entryColumnNames.map { "e." + $0 }.joined(separator: ", "))
                FROM versions AS v JOIN entries AS e ON e.version_id = v.id AND e.name IN (\(placeholders))
                ORDER BY v.id
                """
            )
            statements[candidates.count] = statement
        }
        try statement.bind(candidates.map(SQLValue.text))
        // The deepest match per version: the longest name found.
        var deepest: [Int: Entry] = [:]
        while try statement.step() {
            let id = Int(statement.int(0))
            let entry = PreloadStore.entry(statement, offset: 1)
            if let found = deepest[id], found.name.utf8.count >= entry.name.utf8.count { continue }
            deepest[id] = entry
        }
        let answers = versions.map { version in
            let entry = deepest[version.id]
            let preloaded =
                entry.map { $0.mode == .forceHTTPS && ($0.name.utf8.count == name.utf8.count || $0.includeSubdomains) }
                ?? false
            return VersionAnswer(version: version, entry: entry, preloaded: preloaded)
        }
        return DomainHistory(domain: name, answers: answers, currentVersionID: currentVersion.id)
    }

    /// The domain's answer in every version, for its status: from the rows for the first domains, then from the
    /// trie files (whose entries carry the fields the compiled form keeps: no report URIs).
    public func status(of domain: HostName) throws(StoreError) -> DomainHistory {
        statusCount += 1
        if statusCount <= Self.batchThreshold { return try history(of: domain) }
        let lists: [PreloadList]
        if let opened = self.lists {
            lists = opened
        } else {
            var opened: [PreloadList] = []
            opened.reserveCapacity(versions.count)
            for version in versions { opened.append(try store.list(of: version)) }
            self.lists = opened
            lists = opened
        }
        var answers: [VersionAnswer] = []
        answers.reserveCapacity(versions.count)
        for (version, list) in zip(versions, lists) {
            let decision = list.decision(for: domain)
            let entry = decision.entry.map { matched in
                Entry(
                    name: String(matched.name(in: domain)),
                    attributes: matched.attributes,
                    pins: matched.pinsetIndex.flatMap { list.pinsetName(at: $0) }
                )
            }
            answers.append(VersionAnswer(version: version, entry: entry, preloaded: decision.upgrade))
        }
        return DomainHistory(domain: domain.value, answers: answers, currentVersionID: currentVersion.id)
    }

    /// The version with this id, if stored.
    public func version(id: Int) -> StoreVersion? { versionsByID[id] }
}
