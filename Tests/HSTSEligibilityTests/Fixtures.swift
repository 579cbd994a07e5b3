import Foundation
import HSTSEligibility
import Testing

/// Paths of this target's fixtures and of the real data in data/; a missing file fails the test.
enum Fixtures {
    static let testDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func fixturePath(_ name: String) -> String { testDirectory.appendingPathComponent("Fixtures/\(name)").path }

    static func read(_ path: String) throws -> [UInt8] {
        [UInt8](try #require(FileManager.default.contents(atPath: path), "missing \(path)"))
    }

    static let publicSuffixList: PublicSuffixList = {
        let path = repositoryRoot.appendingPathComponent("data/public_suffix_list.dat").path
        guard let data = FileManager.default.contents(atPath: path) else { fatalError("missing \(path)") }
        do {
            return try PublicSuffixList(parsing: [UInt8](data), fileName: path)
        } catch {
            fatalError("\(error)")
        }
    }()
}
