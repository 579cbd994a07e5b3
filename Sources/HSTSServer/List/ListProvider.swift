import HSTSCheck
import HSTSPreload
public import HSTSStore
import NIOConcurrencyHelpers

/// Hands every request the list to answer from, and swaps in a newly imported store version atomically.
///
/// A request reads the current `ServedList` once and answers wholly from it: a swap never mixes two versions
/// in one answer, and requests in flight keep the version they started with (it is a value, memory-mapped
/// file and all).
public final class ListProvider: Sendable {
    private let current: NIOLockedValueBox<ServedList>
    /// The store to follow, or `nil` for a fixed list.
    public let store: PreloadStore?
    /// The id of the store version being served, to tell when a newer one was imported.
    private let servedVersionID: NIOLockedValueBox<Int?>

    /// A fixed list, never swapped.
    public init(fixed list: ServedList) {
        current = NIOLockedValueBox(list)
        store = nil
        servedVersionID = NIOLockedValueBox(nil)
    }

    /// Follows `store`: serves its newest version, or `fallback` while it has none.
    public init(store: PreloadStore, fallback: ServedList) throws(StoreError) {
        self.store = store
        current = NIOLockedValueBox(fallback)
        servedVersionID = NIOLockedValueBox(nil)
        _ = try refresh()
    }

    /// The list to answer one request from.
    public var list: ServedList { current.withLockedValue { $0 } }

    /// Serves the store's newest version if it is not the one served already; returns whether it swapped.
    @discardableResult
    public func refresh() throws(StoreError) -> Bool {
        guard let store, store.exists else { return false }
        guard let newest = try store.currentVersion() else { return false }
        if servedVersionID.withLockedValue({ $0 }) == newest.id { return false }
        let list = try store.list(of: newest)
        let history = try Self.history(in: store, upTo: newest)
        current.withLockedValue {
            $0 = ServedList(
                answering: AnsweringList(storeVersion: newest, list: list),
                version: Self.name(of: newest),
                removedNames: history.removed,
                preloadedSince: history.since
            )
        }
        servedVersionID.withLockedValue { $0 = newest.id }
        return true
    }

    /// A version's label, or its id.
    static func name(of version: StoreVersion) -> String { version.label ?? String(version.id) }

    /// From the versions up to `current`, oldest first: the names with a force-https entry in some earlier
    /// version and none in `current` (removed), and for each name in `current` the version that started its
    /// unbroken run on the list (since).
    static func history(
        in store: PreloadStore,
        upTo current: StoreVersion
    ) throws(StoreError) -> (
        removed: Set<String>, since: [String: String]
    ) {
        var ever: Set<String> = []
        var previous: Set<String> = []
        var since: [String: String] = [:]
        for version in try store.versions().reversed() where version.id <= current.id {
            var names: Set<String> = []
            var next: [String: String] = [:]
            for entry in try store.allEntries(of: version) where entry.mode == .forceHTTPS {
                names.insert(entry.name)
                next[entry.name] =
                    previous.contains(entry.name) ? since[entry.name] ?? name(of: version) : name(of: version)
            }
            ever.formUnion(names)
            previous = names
            since = next
        }
        return (ever.subtracting(previous), since)
    }
}
