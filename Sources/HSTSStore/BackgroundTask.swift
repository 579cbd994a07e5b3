internal import Foundation

/// Work started on another thread now and joined later with `wait()`: the import overlaps compiling the trie
/// (CPU) with filling the database, which on two cores nearly halves its time.
///
/// A plain thread rather than a Swift task because the store's API is synchronous and must not block a
/// cooperative-pool thread while waiting.
struct BackgroundTask: Sendable {
    /// The outcome, guarded by `condition`.
    ///
    /// An `NSCondition` (pthread mutex and condition variable) rather than `Synchronization.Mutex` plus a
    /// semaphore: ThreadSanitizer sees pthread locks, and on Linux not Mutex's futex.
    private final class Completion: @unchecked Sendable {
        let condition = NSCondition()
        var finished = false
        var error: StoreError?
    }

    private let completion = Completion()

    init(_ work: @escaping @Sendable () throws(StoreError) -> Void) {
        let completion = self.completion
        let thread = Thread {
            var failure: StoreError?
            do throws(StoreError) {
                try work()
            } catch {
                failure = error
            }
            completion.condition.lock()
            completion.error = failure
            completion.finished = true
            completion.condition.broadcast()
            completion.condition.unlock()
        }
        thread.start()
    }

    /// Blocks until the work has finished, then rethrows its error; may be called more than once.
    func wait() throws(StoreError) {
        completion.condition.lock()
        while !completion.finished { completion.condition.wait() }
        let error = completion.error
        completion.condition.unlock()
        if let error { throw error }
    }
}
