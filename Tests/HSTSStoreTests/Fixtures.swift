import Foundation
import Testing

/// Fixtures, the real lists in data/, and fresh temporary store folders.
enum Fixtures {
    static let testDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func read(_ path: String) throws -> [UInt8] {
        [UInt8](try #require(FileManager.default.contents(atPath: path), "missing \(path)"))
    }

    static var list2026June: String { repositoryRoot.appendingPathComponent("data/preload-2026-06-01.json").path }
    static var list2026May: String { testDirectory.appendingPathComponent("Fixtures/preload-2026-05-01.json").path }
    static var sample: String {
        repositoryRoot.appendingPathComponent("Tests/HSTSPreloadTests/Fixtures/chromium-current-format-sample.json")
            .path
    }

    /// A new empty folder under the temporary directory.
    static func temporaryDirectory(_ name: String = "store") throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
