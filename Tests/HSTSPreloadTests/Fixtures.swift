import Foundation
import Testing

/// Paths of test fixtures and the real lists in data/.
///
/// A missing file fails the test rather than skipping it.
enum Fixtures {
    static let testDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) throws -> [UInt8] {
        try read(testDirectory.appendingPathComponent("Fixtures").appendingPathComponent(name))
    }

    static func data(_ name: String) throws -> [UInt8] {
        try read(repositoryRoot.appendingPathComponent("data").appendingPathComponent(name))
    }

    static func dataPath(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("data").appendingPathComponent(name).path
    }

    static func read(_ url: URL) throws -> [UInt8] {
        let data = try #require(FileManager.default.contents(atPath: url.path), "missing fixture \(url.path)")
        return [UInt8](data)
    }
}
