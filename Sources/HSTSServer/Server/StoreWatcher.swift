import HSTSStore
import ServiceLifecycle

/// Checks the store every `interval` and swaps in a newly imported version, so `serve --store` needs no
/// restart after `hstsq import` or `hstsq update`.
struct StoreWatcher: Service {
    let lists: ListProvider
    let interval: Duration
    let report: @Sendable (String) -> Void

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: interval)
            do {
                if try lists.refresh() { report("serving store version \(lists.list.version ?? "?")") }
            } catch {
                // The old version stays served: a store being written or broken must not take the server down.
                report("store: \(error.description) (still serving version \(lists.list.version ?? "?"))")
            }
        }
    }
}
