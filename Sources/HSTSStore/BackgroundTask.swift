internal import Foundation
internal import Synchronization

/// Work started on another thread now and joined later with `wait()`: the import overlaps compiling the trie
/// (CPU) with filling the database, which on two cores nearly halves its time.
///
/// A plain thread rather than a Swift task because the store's API is synchronous and must not block a
/// cooperative-pool thread while waiting.
struct BackgroundTask: Sendable {
    private final class Completion: Sendable {
        let done = DispatchSemaphore(value: 0)
        let error = Mutex<StoreError?>(nil)
    }

    private let completion = Completion()

    init(_ work: @escaping @Sendable () throws(StoreError) -> Void) {
        let completion = self.completion
        let thread = Thread {
            do throws(StoreError) {
                try work()
            } catch {
                completion.error.withLock { $0 = error }
            }
            completion.done.signal()
        }
        thread.start()
    }

    /// Blocks until the work has finished, then rethrows its error; may be called more than once.
    func wait() throws(StoreError) {
        completion.done.wait()
        completion.done.signal()
        if let error = completion.error.withLock({ $0 }) { throw error }
    }
}
