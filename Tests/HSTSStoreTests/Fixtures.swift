import Foundation
import Testing

/// Fixtures, the real lists in data/, and temporary store folders that are removed when the test is done.
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

    /// Runs `body` with the path of a new empty folder under the temporary directory, then removes the folder and
    /// everything in it, whether `body` returned or threw.
    static func withTemporaryDirectory<Result>(
        _ name: String = "store",
        _ body: (String) throws -> Result
    ) throws -> Result {
        let path = try makeTemporaryDirectory(name)
        defer { remove(path) }
        return try body(path)
    }

    /// Runs `body` with the path of a new empty folder under the temporary directory, then removes the folder and
    /// everything in it, whether `body` returned or threw.
    static func withTemporaryDirectory<Result>(
        _ name: String = "store",
        _ body: (String) async throws -> Result
    ) async throws -> Result {
        let path = try makeTemporaryDirectory(name)
        defer { remove(path) }
        return try await body(path)
    }

    private static func makeTemporaryDirectory(_ name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// A folder that cannot be removed is a failure: it would be left behind on every run.
    private static func remove(_ path: String) {
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            Issue.record("could not remove the temporary folder \(path): \(error)")
        }
    }
}
