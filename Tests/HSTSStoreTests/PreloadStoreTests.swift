import Foundation
import HSTSPreload
import Testing

@testable import HSTSStore

/// The store on the real lists: import, versions, reading back, stats, entries, and what a failure leaves behind.
@Suite struct PreloadStoreTests {
    static func importFile(
        _ store: PreloadStore,
        _ path: String,
        label: String? = nil,
        now: Int64 = 1_780_000_000
    ) throws
        -> ImportOutcome
    {
        try store.importList(Fixtures.read(path), fileName: path, source: path, label: label, now: now)
    }

    /// The version an import stored, with the list's warnings; nil if it stored none (for `try #require`).
    static func storedVersion(_ outcome: ImportOutcome) -> (version: StoreVersion, warnings: [ImportWarning])? {
        guard case .imported(let version, let warnings) = outcome else { return nil }
        return (version, warnings)
    }

    /// The version an import found already stored; nil if it stored a new one (for `try #require`).
    static func unchangedVersion(_ outcome: ImportOutcome) -> StoreVersion? {
        guard case .unchanged(let version) = outcome else { return nil }
        return version
    }

    /// Every file in the store folder with its bytes: what "unchanged" means.
    static func snapshot(_ store: PreloadStore) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: store.directory) {
            // A folder (the disk-error test puts one in the way) counts by name only.
            result[name] = FileManager.default.contents(atPath: store.directory + "/" + name) ?? Data()
        }
        return result
    }

    @Test func importsBothListsNewestFirst() throws {
        try Fixtures.withTemporaryDirectory { directory in
            let store = PreloadStore(directory: directory)
            let (may, warnings) = try #require(
                Self.storedVersion(try Self.importFile(store, Fixtures.list2026May, label: "may")),
                "first import did not import"
            )
            #expect(warnings.isEmpty)
            #expect(may.entryCount == 92_597)
            let june = try #require(
                Self.storedVersion(try Self.importFile(store, Fixtures.list2026June, label: "june")),
                "second import did not import"
            ).version
            #expect(june.entryCount == 94_600)
            #expect(june.id > may.id)
            #expect(try store.versions().map(\.label) == ["june", "may"])
            #expect(try store.currentVersion()?.id == june.id)
            #expect(try store.version(named: "may").id == may.id)
            #expect(try store.version(named: String(june.id)).label == "june")
            #expect(throws: StoreError.unknownVersion("april")) { try store.version(named: "april") }

            // The trie file of each version answers for that version's list.
            let juneList = try store.list(of: june)
            #expect(juneList.entryCount == 94_600)
            #expect(juneList.sourceSHA256 == june.sourceSHA256)
            #expect(try store.verify() == [])

            // Reading back gives the importer's entries, sorted by name.
            let source = try PreloadListSource.parse(Fixtures.read(Fixtures.list2026June), fileName: "june")
            let stored = try store.allEntries(of: june)
            #expect(stored == source.entries.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) })
        }
    }

    @Test func sameSourceTwiceChangesNothing() throws {
        try Fixtures.withTemporaryDirectory { directory in
            let store = PreloadStore(directory: directory)
            _ = try Self.importFile(store, Fixtures.sample)
            let before = try Self.snapshot(store)
            let version = try #require(
                Self.unchangedVersion(try Self.importFile(store, Fixtures.sample, label: "again")),
                "a second import of the same bytes imported"
            )
            #expect(version.id == 1)
            #expect(version.label == nil)
            #expect(try Self.snapshot(store) == before)
        }
    }

    @Test func aTakenLabelIsRefusedAndChangesNothing() throws {
        try Fixtures.withTemporaryDirectory { directory in
            let store = PreloadStore(directory: directory)
            _ = try Self.importFile(store, Fixtures.sample, label: "x")
            let before = try Self.snapshot(store)
            #expect(throws: StoreError.labelTaken("x")) { try Self.importFile(store, Fixtures.list2026May, label: "x") }
            #expect(try Self.snapshot(store) == before)
        }
    }

    @Test func anInvalidListChangesNothing() throws {
        try Fixtures.withTemporaryDirectory { directory in
            let store = PreloadStore(directory: directory)
            _ = try Self.importFile(store, Fixtures.sample)
            let before = try Self.snapshot(store)
            let broken = Array(#"{"entries": [{"name": "a.com", "mode": "force-https"}, {"name": }]}"#.utf8)
            do {
                _ = try store.importList(broken, fileName: "broken.json", source: "broken.json", now: 0)
                Issue.record("a broken list was imported")
            } catch {
                guard case StoreError.invalidList = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                #expect(String(describing: error).hasPrefix("broken.json:1:"))
            }
            // A validation error (not syntax): an entry without a name.
            #expect(throws: StoreError.self) {
                _ = try store.importList(
                    Array(#"{"entries": [{"mode": "force-https"}]}"#.utf8),
                    fileName: "v.json",
                    source: "v.json",
                    now: 0
                )
            }
            #expect(try Self.snapshot(store) == before)
            #expect(try store.versions().count == 1)
        }
    }

    @Test func aDiskErrorWritingTheTrieChangesNothing() throws {
        try Fixtures.withTemporaryDirectory { directory in
            let store = PreloadStore(directory: directory)
            _ = try Self.importFile(store, Fixtures.sample)
            // A directory where the new version's trie file must go: the rename fails, as a full disk would.
            let source = try PreloadListSource.parse(Fixtures.read(Fixtures.list2026May), fileName: "may")
            let blocked = store.directory + "/list-\(PreloadList.hex(source.sourceSHA256).prefix(16)).hstsq"
            try FileManager.default.createDirectory(atPath: blocked + "/occupied", withIntermediateDirectories: true)
            let before = try Self.snapshot(store)
            #expect(throws: StoreError.self) { try Self.importFile(store, Fixtures.list2026May) }
            #expect(try Self.snapshot(store) == before)
            #expect(try store.versions().count == 1)
            #expect(try store.verify() == [])
        }
    }

    @Test func aStoreFromANewerSchemaIsRefusedUnchanged() throws {
        try Fixtures.withTemporaryDirectory { directory in
            let store = PreloadStore(directory: directory)
            _ = try Self.importFile(store, Fixtures.sample)
            do {
                let connection = try Connection(path: store.databasePath, create: false, busyTimeoutMilliseconds: 1000)
                try connection.execute("PRAGMA user_version = 7")
            }
            let before = try Self.snapshot(store)
            #expect(
                throws: StoreError.newerSchema(
                    found: 7,
                    supported: PreloadStore.schemaVersion,
                    path: store.databasePath
                )
            ) {
                try store.versions()
            }
            #expect(
                throws: StoreError.newerSchema(
                    found: 7,
                    supported: PreloadStore.schemaVersion,
                    path: store.databasePath
                )
            ) {
                try Self.importFile(store, Fixtures.list2026May)
            }
            #expect(try Self.snapshot(store) == before)
        }
    }

    @Test func aMissingStoreIsEmptyAndNotCreatedByReading() throws {
        // `throws` spelled out: the only `try`s are inside #expect, which closure inference does not see.
        try Fixtures.withTemporaryDirectory { parent throws in
            let directory = parent + "/not-yet"
            let store = PreloadStore(directory: directory)
            #expect(try store.versions() == [])
            #expect(try store.currentVersion() == nil)
            #expect(throws: StoreError.empty(path: directory)) { try store.version(named: "1") }
            #expect(!FileManager.default.fileExists(atPath: directory))
        }
    }

    @Test func statsAddUpToTheEntryCount() throws {
        try Fixtures.withTemporaryDirectory { directory in
            let store = PreloadStore(directory: directory)
            let june = try #require(
                Self.storedVersion(try Self.importFile(store, Fixtures.list2026June)),
                "the June list did not import"
            ).version
            let stats = try store.stats(of: june)
            #expect(stats.byMode.map(\.1).reduce(0, +) == 94_600)
            #expect(stats.byMode.first?.0 == "force-https")
            #expect(stats.byIncludeSubdomains.map(\.1).reduce(0, +) == 94_600)
            #expect(stats.byLabelCount.map(\.1).reduce(0, +) == 94_600)
            #expect(stats.topTLDs.first?.0 == "com")
            #expect(stats.topTLDs.count == 10)
        }
    }

    @Test func entriesFilterByTLDSubtreeAndFlags() throws {
        try Fixtures.withTemporaryDirectory { directory in
            let store = PreloadStore(directory: directory)
            let sample = try #require(
                Self.storedVersion(try Self.importFile(store, Fixtures.sample)),
                "the sample list did not import"
            ).version
            let source = try PreloadListSource.parse(Fixtures.read(Fixtures.sample), fileName: "sample")
            func names(_ filter: EntryFilter) throws -> [String] {
                var result: [String] = []
                try store.entries(of: sample, filter: filter) { result.append($0.name) }
                return result
            }
            func expected(_ keep: (Entry) -> Bool) -> [String] {
                source.entries.filter(keep).map(\.name).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            }
            #expect(try names(EntryFilter(tld: "com")) == expected { $0.name.hasSuffix(".com") })
            #expect(try names(EntryFilter(includeSubdomains: false)) == expected { !$0.includeSubdomains })
            #expect(
                try names(EntryFilter(under: "google.com"))
                    == expected { $0.name == "google.com" || $0.name.hasSuffix(".google.com") }
            )
            for policy in Policy.allCases {
                #expect(try names(EntryFilter(policy: policy)) == expected { $0.policy == policy })
            }
            // '%' and '_' are not wildcards.
            #expect(try names(EntryFilter(under: "%")) == [])
            #expect(!(try names(EntryFilter(tld: "com"))).isEmpty)
        }
    }

    @Test func twoImportersAtOnceBothLand() async throws {
        // The second importer waits for the first. The wait allowed is long because a sanitized build
        // (scripts/sanitize) imports the 2026 list far slower than the default 10 s.
        try await Fixtures.withTemporaryDirectory { directory in
            let store = PreloadStore(directory: directory, busyTimeout: .seconds(600))
            _ = try Self.importFile(store, Fixtures.sample)
            let may = try Fixtures.read(Fixtures.list2026May)
            let june = try Fixtures.read(Fixtures.list2026June)
            async let first = Task.detached { try store.importList(may, fileName: "may", source: "may", now: 1) }.value
            async let second = Task.detached { try store.importList(june, fileName: "june", source: "june", now: 2) }
                .value
            _ = try await (first, second)
            #expect(Set(try store.versions().map(\.entryCount)) == [92_597, 94_600, 31])
            #expect(try store.verify() == [])
        }
    }

    @Test func aWriterWaitingPastTheBusyTimeoutFailsCleanly() throws {
        try Fixtures.withTemporaryDirectory { directory in
            let store = PreloadStore(directory: directory, busyTimeout: .milliseconds(200))
            _ = try Self.importFile(store, Fixtures.sample)
            let before = try Self.snapshot(store)
            do {
                // Another writer holds the write lock throughout (closed at the end of this scope).
                let holder = try Connection(path: store.databasePath, create: false, busyTimeoutMilliseconds: 0)
                try holder.execute("BEGIN IMMEDIATE")
                #expect(throws: StoreError.busy(path: store.databasePath, waitedMilliseconds: 200)) {
                    try Self.importFile(store, Fixtures.list2026May)
                }
                try holder.execute("ROLLBACK")
            }
            #expect(try Self.snapshot(store) == before)
            #expect(
                StoreError.busy(path: "s.sqlite", waitedMilliseconds: 200).description
                    == "s.sqlite: the store is locked by another hstsq writing to it (waited 0.2 s); nothing was changed, try again"
            )
        }
    }
}

/// `import --index hash`: the version's compiled file has a lookup-index section, answers as a compact one would,
/// and keeps the section through `repair`.
@Suite struct LookupIndexSectionStoreTests {
    @Test func anIndexedVersionAnswersAsTheCompactOneAndRepairKeepsItsSection() throws {
        try Fixtures.withTemporaryDirectory { directory in
            let store = PreloadStore(directory: directory)
            let bytes = try Fixtures.read(Fixtures.sample)
            let outcome = try store.importList(
                bytes,
                fileName: "sample",
                source: "sample",
                lookupIndex: true,
                now: 1_780_272_000
            )
            let version = try #require(PreloadStoreTests.storedVersion(outcome)).version
            #expect(version.trieFile.hasSuffix(".hash.hstsq"))
            let indexed = try store.list(of: version)
            #expect(indexed.hasLookupIndexSection && indexed.usesHashIndex)
            let compact = try PreloadList(compiling: PreloadListSource.parse(bytes, fileName: "sample"))
            let hosts = try compact.entries().flatMap { ["\($0.name)", "x.\($0.name)", "a.b.\($0.name)"] }
                .compactMap { try? HostName($0) }
            #expect(!hosts.isEmpty)
            for host in hosts {
                #expect(indexed.decision(for: host) == compact.decision(for: host), "\(host.value)")
            }
            #expect(try store.verify() == [])

            // A flipped byte in the section's records: the open still succeeds (records are checked page by
            // page), so only a full verification finds it; repair rebuilds the file with its section.
            let path = directory + "/" + version.trieFile
            var damaged = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            damaged[damaged.count - 100] ^= 0x40
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            #expect(throws: TrieFileError.self) { try PreloadList(contentsOfCompiledFile: path).verify() }
            #expect(try store.verify() != [])
            let repaired = try store.repair()
            #expect(repaired.rebuilt.map(\.id) == [version.id])
            let rebuilt = try store.list(of: version)
            #expect(rebuilt.hasLookupIndexSection)
            try rebuilt.verify()
            #expect(try store.verify() == [])
        }
    }
}
