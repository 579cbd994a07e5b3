import Foundation
import NIOConcurrencyHelpers

/// Files written for a client to read (the CA bundles of `TestCertificateAuthority.writeRootPEM`), removed when the
/// process exits if nothing removed them before.
///
/// Tests stop their sites from an unstructured task in a `defer` (a `defer` cannot await), and the test process may
/// exit before that task runs; without this, such a file would be left in the temporary directory.
enum TemporaryFiles {
    private static let paths = NIOLockedValueBox<Set<String>>([])
    private static let removalAtExit: Void = { atexit { TemporaryFiles.removeAll() } }()

    /// Registers `path` for removal at exit.
    static func add(_ path: String) {
        _ = removalAtExit
        paths.withLockedValue { _ = $0.insert(path) }
    }

    /// Removes `path` now and forgets it.
    static func remove(_ path: String) {
        paths.withLockedValue { _ = $0.remove(path) }
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func removeAll() {
        for path in paths.withLockedValue({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
    }
}
