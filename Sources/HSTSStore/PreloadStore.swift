internal import Foundation
public import HSTSPreload

/// A folder holding `store.sqlite` (versions, entries, pinsets; schema in docs/store.md) and one compiled trie
/// file per version, named by its source's SHA-256.
///
/// An import writes the new version's trie file (atomically: temporary file, fsync, rename) before the database
/// transaction that adds the version commits, so whatever moment a process dies, every version the database
/// lists has its trie file, and the database itself is either before or after the import.
public struct PreloadStore: Sendable {
    /// The schema version this build writes (`PRAGMA user_version`).
    public static let schemaVersion = 3

    /// The store's folder.
    public let directory: String

    /// The database file.
    public var databasePath: String { directory + "/store.sqlite" }

    /// How long an operation waits for another process's write to finish before failing with `StoreError.busy`.
    public let busyTimeout: Duration

    /// A store in `directory` (nothing is created until an import); a second writer waits up to `busyTimeout`.
    public init(directory: String, busyTimeout: Duration = .seconds(10)) {
        self.directory = directory
        self.busyTimeout = busyTimeout
    }

    /// `$HSTSQ_STORE`, else `$XDG_DATA_HOME/hstsq`, else `~/.local/share/hstsq`.
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let store = environment["HSTSQ_STORE"], !store.isEmpty { return store }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return data + "/hstsq" }
        return (environment["HOME"] ?? ".") + "/.local/share/hstsq"
    }

    /// Whether the database file exists.
    public var exists: Bool { FileManager.default.fileExists(atPath: databasePath) }

    // MARK: Opening and migrating

    func open(create: Bool) throws(StoreError) -> Connection {
        if !create && !exists { throw .empty(path: directory) }
        if create {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .io(path: directory, reason: "cannot create the store folder: \(error.localizedDescription)")
            }
        }
        let milliseconds = min(max(busyTimeout / .milliseconds(1), 0), Double(Int32.max))
        // On a read-only file system SQLite cannot create the WAL index (store.sqlite-shm) a reader needs. With no
        // WAL content to read (the last writer checkpointed and removed it) the database is opened immutable, which
        // needs no index and is exact: nothing can change it there. A WAL left by a killed writer comes with its
        // index, which SQLite reads in place.
        let walSize = (try? FileManager.default.attributesOfItem(atPath: databasePath + "-wal")[.size] as? Int) ?? 0
        let connection = try Connection(
            path: databasePath,
            create: create,
            busyTimeoutMilliseconds: Int32(milliseconds),
            immutable: !create && walSize == 0 && FileAccess.isOnReadOnlyFileSystem(directory)
        )
        try migrate(connection)
        return connection
    }

    /// Opens the store for a command that writes it, after checking that the folder and the database file can be
    /// written: on a read-only file system (EROFS, which binds root too) or without permission, the command fails
    /// before touching anything, instead of half-way through with SQLite's "attempt to write a readonly database".
    func openForWriting(create: Bool) throws(StoreError) -> Connection {
        for path in [directory, databasePath] where FileManager.default.fileExists(atPath: path) {
            if let reason = FileAccess.whyNotWritable(path) { throw .readOnly(path: directory, reason: reason) }
        }
        return try open(create: create)
    }

    /// Brings the schema to `schemaVersion`, one step per version; refuses (unchanged) a newer schema.
    private func migrate(_ connection: Connection) throws(StoreError) {
        let version = Int(try connection.scalar("PRAGMA user_version") ?? 0)
        if version > Self.schemaVersion {
            throw .newerSchema(found: version, supported: Self.schemaVersion, path: databasePath)
        }
        if version == Self.schemaVersion { return }
        // WAL lets readers (check, diff) run while an import writes.
        try connection.execute("PRAGMA journal_mode = WAL")
        try connection.transaction { () throws(StoreError) in
            if version < 1 { try connection.execute(Self.schemaV1) }
            if version < 2 { try connection.execute(Self.schemaV2) }
            if version < 3 { try connection.execute(Self.schemaV3) }
            try connection.execute("PRAGMA user_version = \(Self.schemaVersion)")
        }
    }

    static let schemaV1 = """
        CREATE TABLE versions (
            id INTEGER PRIMARY KEY,
            label TEXT UNIQUE,
            source_sha256 TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            imported_at INTEGER NOT NULL,
            entry_count INTEGER NOT NULL,
            pinset_count INTEGER NOT NULL,
            trie_file TEXT NOT NULL
        );
        CREATE TABLE pinsets (
            version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            static_spki_hashes TEXT NOT NULL,
            bad_static_spki_hashes TEXT NOT NULL,
            report_uri TEXT,
            PRIMARY KEY (version_id, name)
        ) WITHOUT ROWID;
        CREATE TABLE entries (
            version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            tld TEXT NOT NULL,
            label_count INTEGER NOT NULL,
            policy TEXT,
            mode TEXT,
            include_subdomains INTEGER NOT NULL,
            include_subdomains_for_pinning INTEGER NOT NULL,
            pins TEXT,
            expect_ct INTEGER NOT NULL,
            expect_ct_report_uri TEXT,
            expect_staple INTEGER NOT NULL,
            include_subdomains_for_expect_staple INTEGER NOT NULL,
            expect_staple_report_uri TEXT,
            PRIMARY KEY (version_id, name)
        ) WITHOUT ROWID;
        """

    /// The version that answers: a single row naming it (absent until the first import, or when the current version
    /// was deleted; then the newest answers).
    static let schemaV2 = """
        CREATE TABLE current_version (
            only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
            version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE
        );
        """

    /// Whose list a version is (`chromium`, or `firefox` for Firefox's own list), and when Firefox's list expires
    /// (seconds since 1970; its compiled-in expiration time).
    static let schemaV3 = """
        ALTER TABLE versions ADD COLUMN browser TEXT NOT NULL DEFAULT 'chromium';
        ALTER TABLE versions ADD COLUMN expires_at INTEGER;
        """

    // MARK: Import

    /// The compiled file of the version with source `sha`: `.hash.hstsq` when it has a lookup-index section.
    static func trieFileName(sha: String, lookupIndex: Bool) -> String {
        "list-\(sha.prefix(16))" + (lookupIndex ? ".hash.hstsq" : ".hstsq")
    }

    /// Whether a version's compiled file is written with a lookup-index section (by its name).
    static func hasLookupIndexSection(trieFile: String) -> Bool { trieFile.hasSuffix(".hash.hstsq") }

    /// Validates `bytes` as a list, compiles it, and stores it as a new version (unless the same source is stored).
    ///
    /// - Parameters:
    ///   - bytes: the JSON list.
    ///   - fileName: the name errors and warnings give for it.
    ///   - source: the path or URL it came from, recorded with the version.
    ///   - label: an optional unique name.
    ///   - strict: treat the importer's warnings as errors.
    ///   - pins: Chromium's separate pins file (`transport_security_state_static_pins.json`) and its name in
    ///     messages, making `bytes` the entries file of the current two-file layout
    ///     (`PreloadListSource.parse(entries:entriesFileName:pins:pinsFileName:strict:)`); `nil` for one file.
    ///   - lookupIndex: whether the version's compiled file gets a lookup-index section (its name then ends in
    ///     `.hash.hstsq`, which is how `repair` keeps the choice).
    ///   - now: the import time (seconds since 1970), recorded and written into the trie file.
    /// - Returns: the new version with the list's warnings, or the version that already has this source.
    /// - Throws: `StoreError`; the store is unchanged whenever this throws.
    public func importList(
        _ bytes: [UInt8],
        fileName: String,
        source: String,
        label: String? = nil,
        strict: Bool = false,
        pins: (bytes: [UInt8], fileName: String)? = nil,
        lookupIndex: Bool = false,
        now: Int64
    ) throws(StoreError) -> ImportOutcome {
        let list: PreloadListSource
        do {
            if let pins {
                list = try PreloadListSource.parse(
                    entries: bytes,
                    entriesFileName: fileName,
                    pins: pins.bytes,
                    pinsFileName: pins.fileName,
                    strict: strict
                )
            } else {
                list = try PreloadListSource.parse(bytes, fileName: fileName, strict: strict)
            }
        } catch {
            throw .invalidList(error)
        }
        return try importSource(
            list,
            fileName: fileName,
            source: source,
            label: label,
            lookupIndex: lookupIndex,
            now: now
        )
    }

    /// Stores an already validated list as a new version (unless the same source is stored).
    ///
    /// A Chromium list becomes the current version; another browser's list (`browser: "firefox"`) is kept beside
    /// the Chromium versions and never becomes current: `newestVersion(browser:)` finds it.
    ///
    /// - Parameters:
    ///   - list: the validated list; its `sourceSHA256` identifies the version.
    ///   - fileName: the name errors give for it.
    ///   - source: the path or URL it came from, recorded with the version.
    ///   - label: an optional unique name.
    ///   - lookupIndex: whether the version's compiled file gets a lookup-index section.
    ///   - now: the import time (seconds since 1970), recorded and written into the trie file.
    ///   - browser: whose list it is: `chromium` or `firefox`.
    ///   - expiresAt: when the browser stops using the list (Firefox's compiled-in expiration time), if it says.
    /// - Returns: the new version with the list's warnings, or the version that already has this source.
    /// - Throws: `StoreError`; the store is unchanged whenever this throws.
    public func importSource(
        _ list: PreloadListSource,
        fileName: String,
        source: String,
        label: String? = nil,
        lookupIndex: Bool = false,
        now: Int64,
        browser: String = "chromium",
        expiresAt: Int64? = nil
    ) throws(StoreError) -> ImportOutcome {
        let sha = PreloadList.hex(list.sourceSHA256)
        let becomesCurrent = browser == "chromium"
        let connection = try openForWriting(create: true)
        if let existing = try version(where: "source_sha256 = ?", [.text(sha)], connection: connection) {
            if becomesCurrent { try makeCurrent(existing, connection: connection) }
            return .unchanged(existing)
        }
        if let label, try version(where: "label = ?", [.text(label)], connection: connection) != nil {
            throw .labelTaken(label)
        }
        // The trie is compiled and written on a second thread while this one fills the database; the transaction
        // commits only after the trie file is durable, so a committed version always has its file.
        let trieFile = Self.trieFileName(sha: sha, lookupIndex: lookupIndex)
        let triePath = directory + "/" + trieFile
        let trieExisted = FileManager.default.fileExists(atPath: triePath)
        let trieWriter = BackgroundTask { () throws(StoreError) in
            let compiled: [UInt8]
            do throws(TrieFileError) {
                compiled = try PreloadList.compiledBytes(for: list, compiledAt: now, lookupIndex: lookupIndex)
            } catch {
                throw .trieFile(path: fileName, reason: error.description)
            }
            do throws(TrieFileError) {
                try PreloadList.writeAtomically(compiled, to: triePath)
            } catch {
                throw .io(path: triePath, reason: error.description)
            }
        }
        do throws(StoreError) {
            return try connection.transaction { () throws(StoreError) -> ImportOutcome in
                // Checked again under the write lock: another importer may have stored the same source meanwhile.
                if let existing = try version(where: "source_sha256 = ?", [.text(sha)], connection: connection) {
                    try trieWriter.wait()
                    if becomesCurrent { try makeCurrent(existing, connection: connection) }
                    return .unchanged(existing)
                }
                try connection.prepare(
                    "INSERT INTO versions (label, source_sha256, source, imported_at, entry_count, pinset_count, trie_file, browser, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                ).run([
                    label.map(SQLValue.text) ?? .null, .text(sha), .text(source), .int(now),
                    .int(Int64(list.entries.count)),
                    .int(Int64(list.pinsets.count)), .text(trieFile), .text(browser),
                    expiresAt.map(SQLValue.int) ?? .null,
                ])
                let id = connection.lastInsertRowID
                let pinset = try connection.prepare(
                    "INSERT INTO pinsets (version_id, name, static_spki_hashes, bad_static_spki_hashes, report_uri) VALUES (?, ?, ?, ?, ?)"
                )
                for item in list.pinsets {
                    try pinset.run([
                        .int(id), .text(item.name), .text(item.staticSPKIHashes.joined(separator: "\n")),
                        .text(item.badStaticSPKIHashes.joined(separator: "\n")),
                        item.reportURI.map(SQLValue.text) ?? .null,
                    ])
                }
                // Rows go in batches of 64 per statement (fewer statement executions), in key order so each insert
                // appends to the B-tree instead of splitting pages all over it.
                let columns = """
                    version_id, name, tld, label_count, policy, mode, include_subdomains, include_subdomains_for_pinning,
                    pins, expect_ct, expect_ct_report_uri, expect_staple, include_subdomains_for_expect_staple,
                    expect_staple_report_uri
                    """
                let row = "(" + Array(repeating: "?", count: 14).joined(separator: ", ") + ")"
                func insertStatement(rows: Int) throws(StoreError) -> Statement {
                    try connection.prepare(
                        "INSERT INTO entries (\(columns)) VALUES "
                            + Array(repeating: row, count: rows).joined(separator: ", ")
                    )
                }
                let batchSize = 64
                let batch = try insertStatement(rows: batchSize)
                let sorted = list.entries.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) })
                var values: [SQLValue] = []
                values.reserveCapacity(14 * batchSize)
                var start = 0
                while start < sorted.count {
                    let end = min(start + batchSize, sorted.count)
                    values.removeAll(keepingCapacity: true)
                    for item in sorted[start..<end] {
                        let utf8 = item.name.utf8
                        let tld =
                            utf8.lastIndex(of: UInt8(ascii: ".")).map { String(item.name[utf8.index(after: $0)...]) }
                            ?? item.name
                        let labelCount = 1 + utf8.reduce(0) { $0 + ($1 == UInt8(ascii: ".") ? 1 : 0) }
                        values += [
                            .int(id), .text(item.name), .text(tld), .int(Int64(labelCount)),
                            item.policy.map { .text($0.rawValue) } ?? .null,
                            item.mode.map { .text($0.rawValue) } ?? .null,
                            .int(item.includeSubdomains ? 1 : 0), .int(item.includeSubdomainsForPinning ? 1 : 0),
                            item.pins.map(SQLValue.text) ?? .null, .int(item.expectCT ? 1 : 0),
                            item.expectCTReportURI.map(SQLValue.text) ?? .null, .int(item.expectStaple ? 1 : 0),
                            .int(item.includeSubdomainsForExpectStaple ? 1 : 0),
                            item.expectStapleReportURI.map(SQLValue.text) ?? .null,
                        ]
                    }
                    try (end - start == batchSize ? batch : insertStatement(rows: end - start)).run(values)
                    start = end
                }
                if becomesCurrent {
                    try connection.prepare(
                        "INSERT OR REPLACE INTO current_version (only_row, version_id) VALUES (1, ?)"
                    ).run([.int(id)])
                }
                try trieWriter.wait()
                guard let stored = try version(where: "id = ?", [.int(id)], connection: connection) else {
                    throw .unknownVersion(String(id))
                }
                return .imported(stored, warnings: list.warnings)
            }
        } catch {
            // Leave the folder as it was: no trie file of a version that was never stored.
            try? trieWriter.wait()
            if !trieExisted { try? FileManager.default.removeItem(atPath: triePath) }
            throw error
        }
    }

    // MARK: Reading

    static let versionColumns =
        "id, label, source_sha256, source, imported_at, entry_count, pinset_count, trie_file, browser, expires_at"

    func version(
        where condition: String,
        _ values: [SQLValue],
        connection: Connection
    ) throws(StoreError) -> StoreVersion? {
        let statement = try connection.prepare("SELECT \(Self.versionColumns) FROM versions WHERE \(condition)")
        try statement.bind(values)
        guard try statement.step() else { return nil }
        return Self.version(statement)
    }

    static func version(_ row: Statement) -> StoreVersion {
        StoreVersion(
            id: Int(row.int(0)),
            label: row.text(1),
            sourceSHA256: row.text(2) ?? "",
            source: row.text(3) ?? "",
            importedAt: row.int(4),
            entryCount: Int(row.int(5)),
            pinsetCount: Int(row.int(6)),
            trieFile: row.text(7) ?? "",
            browser: row.text(8) ?? "chromium",
            expiresAt: row.text(9).flatMap { Int64($0) }
        )
    }

    /// The newest version of `browser`'s list (`firefox`), or `nil` when the store holds none.
    public func newestVersion(browser: String) throws(StoreError) -> StoreVersion? {
        guard exists else { return nil }
        return try version(
            where: "id = (SELECT max(id) FROM versions WHERE browser = ?)",
            [.text(browser)],
            connection: open(create: false)
        )
    }

    /// All versions, newest first.
    public func versions() throws(StoreError) -> [StoreVersion] {
        guard exists else { return [] }
        let connection = try open(create: false)
        let statement = try connection.prepare("SELECT \(Self.versionColumns) FROM versions ORDER BY id DESC")
        var result: [StoreVersion] = []
        while try statement.step() { result.append(Self.version(statement)) }
        return result
    }

    /// The version that answers (the one `use` or the latest import chose, else the newest), or `nil` for an empty
    /// or missing store.
    public func currentVersion() throws(StoreError) -> StoreVersion? {
        guard exists else { return nil }
        return try currentVersion(connection: open(create: false))
    }

    /// The version `name` names (an id or a label), or the current version when `name` is `nil`.
    ///
    /// - Throws: `StoreError.empty` when the store holds no version, `.unknownVersion` when no version has that
    ///   id or label, or the error that kept the store from being read.
    public func version(named name: String?) throws(StoreError) -> StoreVersion {
        if let name { return try version(named: name) }
        guard let newest = try currentVersion() else { throw .empty(path: directory) }
        return newest
    }

    /// A version by id or label.
    ///
    /// - Throws: `StoreError.empty` when the store holds no version, `.unknownVersion` when no version has that
    ///   id or label, or the error that kept the store from being read.
    public func version(named name: String) throws(StoreError) -> StoreVersion {
        let connection = try open(create: false)
        if let id = Int64(name), let found = try version(where: "id = ?", [.int(id)], connection: connection) {
            return found
        }
        if let found = try version(where: "label = ?", [.text(name)], connection: connection) { return found }
        throw .unknownVersion(name)
    }

    /// The compiled list of `version`, memory-mapped.
    public func list(of version: StoreVersion) throws(StoreError) -> PreloadList {
        let path = directory + "/" + version.trieFile
        do {
            return try PreloadList(contentsOfCompiledFile: path)
        } catch {
            throw .trieFile(path: path, reason: error.description)
        }
    }

    static let entryColumnNames = [
        "name", "policy", "mode", "include_subdomains", "include_subdomains_for_pinning", "pins", "expect_ct",
        "expect_ct_report_uri", "expect_staple", "include_subdomains_for_expect_staple", "expect_staple_report_uri",
    ]
    static let entryColumns = entryColumnNames.joined(separator: ", ")

    static func entry(_ row: Statement, offset: Int32 = 0) -> Entry {
        Entry(
            name: row.text(offset) ?? "",
            policy: row.text(offset + 1).flatMap(Policy.init(rawValue:)),
            mode: row.text(offset + 2).flatMap(Mode.init(rawValue:)),
            includeSubdomains: row.bool(offset + 3),
            includeSubdomainsForPinning: row.bool(offset + 4),
            pins: row.text(offset + 5),
            expectCT: row.bool(offset + 6),
            expectCTReportURI: row.text(offset + 7),
            expectStaple: row.bool(offset + 8),
            includeSubdomainsForExpectStaple: row.bool(offset + 9),
            expectStapleReportURI: row.text(offset + 10)
        )
    }

    /// Streams the entries of `version` that pass `filter`, in name order, to `body`.
    public func entries(of version: StoreVersion, filter: EntryFilter, _ body: (Entry) -> Void) throws(StoreError) {
        let connection = try open(create: false)
        var conditions = ["version_id = ?"]
        var values: [SQLValue] = [.int(Int64(version.id))]
        if let policy = filter.policy {
            conditions.append("policy = ?")
            values.append(.text(policy.rawValue))
        }
        if let tld = filter.tld {
            conditions.append("tld = ?")
            values.append(.text(tld.lowercased()))
        }
        if let includeSubdomains = filter.includeSubdomains {
            conditions.append("include_subdomains = ?")
            values.append(.int(includeSubdomains ? 1 : 0))
        }
        if let under = filter.under?.lowercased() {
            // The name itself, or a name ending in ".under" (compared exactly, so '%' and '_' stay literal).
            conditions.append("(name = ? OR substr(name, -?) = ?)")
            values += [.text(under), .int(Int64(under.utf8.count + 1)), .text("." + under)]
        }
        let statement = try connection.prepare(
            "SELECT \(Self.entryColumns) FROM entries WHERE \(conditions.joined(separator: " AND ")) ORDER BY name"
        )
        try statement.bind(values)
        while try statement.step() { body(Self.entry(statement)) }
    }

    /// Checks the store: SQLite's `integrity_check`, each version's entry count, and each version's trie file (it
    /// opens, its checksum holds, and it was compiled from that version's source); returns the problems found.
    public func verify() throws(StoreError) -> [String] {
        try verify(connection: open(create: false)).all
    }

    /// Every entry of `version`, in name order.
    public func allEntries(of version: StoreVersion) throws(StoreError) -> [Entry] {
        var result: [Entry] = []
        result.reserveCapacity(version.entryCount)
        try entries(of: version, filter: EntryFilter()) { result.append($0) }
        return result
    }

    /// Counts by mode, policy, include_subdomains, label depth, and the top TLDs of `version`.
    public func stats(of version: StoreVersion, topTLDCount: Int = 10) throws(StoreError) -> ListStats {
        let connection = try open(create: false)
        func grouped(
            _ expression: String,
            order: String = "2 DESC, 1",
            limit: Int? = nil
        ) throws(StoreError) -> [(String, Int)] {
            let statement = try connection.prepare(
                "SELECT \(expression), count(*) FROM entries WHERE version_id = ? GROUP BY 1 ORDER BY \(order)"
                    + (limit.map { " LIMIT \($0)" } ?? "")
            )
            try statement.bind([.int(Int64(version.id))])
            var result: [(String, Int)] = []
            while try statement.step() { result.append((statement.text(0) ?? "", Int(statement.int(1)))) }
            return result
        }
        return ListStats(
            version: version,
            byMode: try grouped("coalesce(mode, 'none')"),
            byPolicy: try grouped("coalesce(policy, 'none')"),
            byIncludeSubdomains: try grouped("include_subdomains").map { ($0.0 == "1", $0.1) },
            byLabelCount: try grouped("label_count", order: "1").map { (Int($0.0) ?? 0, $0.1) },
            topTLDs: try grouped("tld", limit: topTLDCount)
        )
    }
}
