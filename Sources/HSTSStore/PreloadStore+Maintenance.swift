internal import Foundation
internal import HSTSPreload

extension PreloadStore {
    /// Deletes the version `name` names (an id or a label): its rows in one transaction, then its trie file.
    ///
    /// The file goes after the commit, so a process killed in between leaves an unused file, never a version
    /// without its file. Deleting the current version (only with `force`) leaves the newest remaining one current.
    /// - Throws: `StoreError.unknownVersion`, `.deletingCurrent`, or the error that kept the store from being
    ///   written; the store is unchanged whenever this throws.
    public func delete(_ name: String, force: Bool) throws(StoreError) -> StoreVersion {
        let connection = try openForWriting(create: false)
        let deleted = try connection.transaction { () throws(StoreError) -> StoreVersion in
            let chosen = try version(named: name, connection: connection)
            if !force, try currentVersion(connection: connection)?.id == chosen.id { throw .deletingCurrent(name) }
            try connection.prepare("DELETE FROM versions WHERE id = ?").run([.int(Int64(chosen.id))])
            return chosen
        }
        try? FileManager.default.removeItem(atPath: directory + "/" + deleted.trieFile)
        return deleted
    }

    /// What `repair` did: the versions whose trie file was rewritten from the rows.
    public struct RepairOutcome: Sendable {
        /// The versions whose trie file was missing or damaged, now rewritten.
        public var rebuilt: [StoreVersion]
        /// The problems found before the repair (as `verify` words them).
        public var problems: [String]
    }

    /// Rewrites every missing or damaged trie file from the version's SQLite rows (entries and pinsets), holding
    /// the write lock so no import runs meanwhile; the database is not changed.
    ///
    /// - Throws: `StoreError.unrepairable` when the database itself is damaged or a version's rows do not add up to
    ///   its recorded count (nothing is written then), `.busy` when another process writes, or the error that
    ///   kept a file from being written.
    public func repair() throws(StoreError) -> RepairOutcome {
        let connection = try openForWriting(create: false)
        return try connection.transaction { () throws(StoreError) -> RepairOutcome in
            let problems = try verify(connection: connection)
            let unrepairable = problems.database + problems.counts
            if !unrepairable.isEmpty { throw .unrepairable(path: databasePath, problems: unrepairable) }
            var rebuilt: [StoreVersion] = []
            for version in problems.trieFiles.map(\.version) {
                let source = try source(of: version, connection: connection)
                let triePath = directory + "/" + version.trieFile
                do throws(TrieFileError) {
                    try PreloadList.writeAtomically(
                        try PreloadList.compiledBytes(
                            for: source,
                            compiledAt: version.importedAt,
                            lookupIndex: Self.hasLookupIndexSection(trieFile: version.trieFile)
                        ),
                        to: triePath
                    )
                } catch {
                    throw .io(path: triePath, reason: error.description)
                }
                rebuilt.append(version)
            }
            return RepairOutcome(rebuilt: rebuilt, problems: problems.all)
        }
    }

    /// The list a version's rows hold, with the version's source SHA-256 (so the rebuilt file names its source).
    func source(of version: StoreVersion, connection: Connection) throws(StoreError) -> PreloadListSource {
        var entries: [Entry] = []
        entries.reserveCapacity(version.entryCount)
        let rows = try connection.prepare("SELECT \(Self.entryColumns) FROM entries WHERE version_id = ? ORDER BY name")
        try rows.bind([.int(Int64(version.id))])
        while try rows.step() { entries.append(Self.entry(rows)) }
        var pinsets: [PinSet] = []
        let pins = try connection.prepare(
            "SELECT name, static_spki_hashes, bad_static_spki_hashes, report_uri FROM pinsets WHERE version_id = ? ORDER BY name"
        )
        try pins.bind([.int(Int64(version.id))])
        func lines(_ text: String?) -> [String] {
            guard let text, !text.isEmpty else { return [] }
            return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        while try pins.step() {
            pinsets.append(
                PinSet(
                    name: pins.text(0) ?? "",
                    staticSPKIHashes: lines(pins.text(1)),
                    badStaticSPKIHashes: lines(pins.text(2)),
                    reportURI: pins.text(3)
                )
            )
        }
        var digest: [UInt8] = []
        var utf8 = version.sourceSHA256.utf8.makeIterator()
        while let high = utf8.next(), let low = utf8.next() {
            guard let byte = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { break }
            digest.append(byte)
        }
        if digest.count != 32 { digest = Array(repeating: 0, count: 32) }
        return PreloadListSource(pinsets: pinsets, entries: entries, sourceSHA256: digest)
    }

    /// The problems `verify` finds, by kind: the database's own, row counts, and trie files.
    struct Problems {
        var database: [String] = []
        var counts: [String] = []
        var trieFiles: [(version: StoreVersion, problem: String)] = []
        var all: [String] { database + counts + trieFiles.map(\.problem) }
    }

    func verify(connection: Connection) throws(StoreError) -> Problems {
        var problems = Problems()
        let integrity = try connection.prepare("PRAGMA integrity_check")
        while try integrity.step() {
            if let line = integrity.text(0), line != "ok" { problems.database.append("integrity_check: \(line)") }
        }
        let counts = try connection.prepare(
            "SELECT v.id, v.entry_count, (SELECT count(*) FROM entries AS e WHERE e.version_id = v.id) FROM versions AS v"
        )
        while try counts.step() {
            if counts.int(1) != counts.int(2) {
                problems.counts.append(
                    "version #\(counts.int(0)): \(counts.int(2)) entries stored, \(counts.int(1)) recorded"
                )
            }
        }
        let statement = try connection.prepare("SELECT \(Self.versionColumns) FROM versions ORDER BY id DESC")
        var versions: [StoreVersion] = []
        while try statement.step() { versions.append(Self.version(statement)) }
        for version in versions {
            do {
                let list = try list(of: version)
                do throws(TrieFileError) {
                    try list.verifyLookupIndexSection()
                } catch {
                    problems.trieFiles.append((version, "version #\(version.id): \(version.trieFile): \(error)"))
                    continue
                }
                if list.sourceSHA256 != version.sourceSHA256 || list.entryCount != version.entryCount {
                    problems.trieFiles.append(
                        (version, "version #\(version.id): \(version.trieFile) was compiled from another source")
                    )
                }
            } catch {
                problems.trieFiles.append((version, "version #\(version.id): \(error.description)"))
            }
        }
        return problems
    }
}
