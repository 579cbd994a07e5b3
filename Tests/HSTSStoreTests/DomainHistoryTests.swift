import Foundation
import HSTSPreload
import Testing

@testable import HSTSStore

/// `status`, `history` and the current version on a store of small hand-written lists, where every answer is known.
@Suite struct DomainHistoryTests {
    /// A list in the current layout with the given entries (JSON objects without braces).
    static func list(_ entries: [String]) -> [UInt8] {
        Array(("{\"entries\": [\n" + entries.map { "{\($0)}" }.joined(separator: ",\n") + "\n]}").utf8)
    }

    static let one = list([
        #""name": "kept.example", "policy": "bulk-1-year", "mode": "force-https", "include_subdomains": true"#,
        #""name": "dropped.example", "policy": "bulk-18-weeks", "mode": "force-https""#,
    ])
    static let two = list([
        #""name": "kept.example", "policy": "bulk-1-year", "mode": "force-https", "include_subdomains": false"#,
        #""name": "www.kept.example", "policy": "custom", "mode": "force-https""#,
    ])
    static let three = list([
        #""name": "kept.example", "policy": "bulk-1-year", "mode": "force-https", "include_subdomains": false"#,
        #""name": "www.kept.example", "policy": "custom", "mode": "force-https""#,
        #""name": "dropped.example", "policy": "bulk-18-weeks", "mode": "force-https""#,
    ])

    static func store(_ directory: String, _ lists: [[UInt8]]) throws -> PreloadStore {
        let store = PreloadStore(directory: directory)
        for (index, bytes) in lists.enumerated() {
            _ = try store.importList(
                bytes,
                fileName: "v\(index + 1).json",
                source: "v\(index + 1).json",
                label: "v\(index + 1)",
                now: 1_780_000_000 + Int64(index) * 86_400
            )
        }
        return store
    }

    @Test func statusSinceAndRemoval() throws {
        try Fixtures.withTemporaryDirectory { directory in
            let store = try Self.store(directory, [Self.one, Self.two])
            let reader = try DomainHistoryReader(store: store)
            #expect(reader.currentVersion.label == "v2")

            let kept = try reader.history(of: HostName("kept.example"))
            guard case .preloaded(let entry, let since) = kept.status else {
                Issue.record("kept.example: \(kept.status)")
                return
            }
            #expect(entry.name == "kept.example")
            #expect(since.label == "v1")

            // Through the ancestor in v1, by its own entry in v2: preloaded since v1 without a gap.
            let www = try reader.history(of: HostName("WWW.Kept.Example."))
            #expect(www.domain == "www.kept.example")
            #expect(www.answers.map(\.entry?.name) == ["kept.example", "www.kept.example"])
            guard case .preloaded(let wwwEntry, let wwwSince) = www.status else {
                Issue.record("www.kept.example: \(www.status)")
                return
            }
            #expect(wwwEntry.name == "www.kept.example")
            #expect(wwwSince.label == "v1")

            // include_subdomains went away in v2: a deeper name is no longer preloaded.
            let deeper = try reader.history(of: HostName("a.kept.example"))
            guard case .removed(let last, let lastPresent, let removedIn) = deeper.status else {
                Issue.record("a.kept.example: \(deeper.status)")
                return
            }
            #expect(last.name == "kept.example")
            #expect(lastPresent.label == "v1")
            #expect(removedIn.label == "v2")

            let dropped = try reader.history(of: HostName("dropped.example"))
            guard case .removed(_, let droppedLast, let droppedIn) = dropped.status else {
                Issue.record("dropped.example: \(dropped.status)")
                return
            }
            #expect(droppedLast.label == "v1")
            #expect(droppedIn.label == "v2")
            #expect(try reader.history(of: HostName("never.example")).status == .unknown)
        }
    }

    @Test func historyEventsOldestFirst() throws {
        try Fixtures.withTemporaryDirectory { directory in
            let store = try Self.store(directory, [Self.one, Self.two, Self.three])
            let reader = try DomainHistoryReader(store: store)
            let kept = try reader.history(of: HostName("kept.example")).events
            #expect(kept.count == 2)
            #expect(kept.map(\.version.label) == ["v1", "v2"])
            guard case .changed(_, let fields) = kept.last?.kind else {
                Issue.record("\(kept)")
                return
            }
            #expect(fields == [FieldChange(field: .includeSubdomains, old: .flag(true), new: .flag(false))])

            let dropped = try reader.history(of: HostName("dropped.example")).events
            #expect(dropped.map(\.version.label) == ["v1", "v2", "v3"])
            #expect(dropped.map(\.kind.name) == ["appeared", "disappeared", "appeared"])

            let www = try reader.history(of: HostName("www.kept.example")).events
            #expect(www.map(\.kind.name) == ["appeared", "replaced"])
            #expect(try reader.history(of: HostName("never.example")).events.isEmpty)
        }
    }

    /// Past `batchThreshold` domains `status(of:)` reads the trie files: it must answer exactly as the rows do.
    @Test func statusFromTrieFilesAgreesWithTheRows() throws {
        try Fixtures.withTemporaryDirectory { directory in
            let store = try Self.store(directory, [Self.one, Self.two, Self.three])
            let batch = try DomainHistoryReader(store: store)
            let rows = try DomainHistoryReader(store: store)
            let names = ["kept.example", "www.kept.example", "a.kept.example", "dropped.example", "never.example"]
            for round in 0..<20 {
                for name in names {
                    let host = try HostName(name)
                    let fromBatch = try batch.status(of: host)
                    let fromRows = try rows.history(of: host)
                    #expect(fromBatch.status == fromRows.status, "\(name), round \(round)")
                    #expect(fromBatch.answers == fromRows.answers, "\(name), round \(round)")
                }
            }
        }
    }

    @Test func useAndReimportChooseTheCurrentVersion() throws {
        try Fixtures.withTemporaryDirectory { directory in
            let store = try Self.store(directory, [Self.one, Self.two])
            #expect(try store.currentVersion()?.label == "v2")
            let used = try store.use("v1")
            #expect(used.version.label == "v1" && !used.wasCurrent)
            #expect(try store.currentVersion()?.label == "v1")
            #expect(try store.use("1").wasCurrent)
            // Status answers as of the chosen version.
            let reader = try DomainHistoryReader(store: store)
            guard case .preloaded = try reader.history(of: HostName("a.kept.example")).status else {
                Issue.record("a.kept.example is preloaded as of v1")
                return
            }
            // Importing a source already stored makes it current again.
            guard case .unchanged(let again) = try store.importList(Self.two, fileName: "x", source: "x", now: 0) else {
                Issue.record("re-import stored a new version")
                return
            }
            #expect(again.label == "v2")
            #expect(try store.currentVersion()?.label == "v2")

            // An unknown version changes nothing.
            let before = try PreloadStoreTests.snapshot(store)
            #expect(throws: StoreError.unknownVersion("v9")) { try store.use("v9") }
            #expect(try PreloadStoreTests.snapshot(store) == before)
        }
    }

    @Test func olderSchemaMigratesAndKeepsTheNewestCurrent() throws {
        try Fixtures.withTemporaryDirectory { directory in
            let store = try Self.store(directory, [Self.one, Self.two])
            // Back to schema 1: no current_version table, no browser or expires_at column.
            let connection = try Connection(path: store.databasePath, create: false, busyTimeoutMilliseconds: 1000)
            try connection.execute(
                """
                DROP TABLE current_version; ALTER TABLE versions DROP COLUMN browser;
                ALTER TABLE versions DROP COLUMN expires_at; PRAGMA user_version = 1
                """
            )
            #expect(try store.currentVersion()?.label == "v2")
            #expect(try store.currentVersion()?.browser == "chromium")
            #expect(try connection.scalar("PRAGMA user_version") == Int64(PreloadStore.schemaVersion))
        }
    }
}

extension HistoryEvent.Kind {
    var name: String {
        switch self {
        case .appeared: "appeared"
        case .disappeared: "disappeared"
        case .replaced: "replaced"
        case .changed: "changed"
        }
    }
}
