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
        let removed = try Self.removedNames(in: store, current: newest)
        current.withLockedValue {
            $0 = ServedList(list: list, version: newest.label ?? String(newest.id), removedNames: removed)
        }
        servedVersionID.withLockedValue { $0 = newest.id }
        return true
    }

    /// Names with a force-https entry in some earlier version and none in `current`.
    static func removedNames(in store: PreloadStore, current: StoreVersion) throws(StoreError) -> Set<String> {
        var earlier: Set<String> = []
        for version in try store.versions() where version.id != current.id {
            for entry in try store.allEntries(of: version) where entry.mode == .forceHTTPS {
                earlier.insert(entry.name)
            }
        }
        guard !earlier.isEmpty else { return [] }
        for entry in try store.allEntries(of: current) where entry.mode == .forceHTTPS {
            earlier.remove(entry.name)
        }
        return earlier
    }
}
