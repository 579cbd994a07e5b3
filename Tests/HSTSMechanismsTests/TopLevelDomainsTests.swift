import Foundation
import HSTSMechanisms
import Testing

@Suite struct TopLevelDomainsTests {
    static let bundledPublicSuffixList: [UInt8] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return (try? [UInt8](Data(contentsOf: root.appendingPathComponent("data/public_suffix_list.dat")))) ?? []
    }()

    @Test func generatedTableEqualsWhatTheBundledListGives() throws {
        // Fails when data/public_suffix_list.dat changed without `scripts/generate-tld-table`.
        try #require(Self.bundledPublicSuffixList.count > 100_000, "data/public_suffix_list.dat is missing")
        let parsed = TopLevelDomains(publicSuffixList: Self.bundledPublicSuffixList)
        #expect(TopLevelDomains.bundled.count == parsed.count)
        #expect(TopLevelDomains.bundled == parsed)
    }

    @Test(arguments: ["com", "uk", "ck", "xn--p1ai", "xn--fiqs8s", "onion", "arpa"])
    func bundledTableKnows(_ name: String) {
        #expect(TopLevelDomains.bundled.contains(Array(name.utf8)[...]))
    }

    @Test(arguments: ["local", "localhost", "internal", "zz", "", "xn--", "comm", "cm.", "рф"])
    func bundledTableDoesNotKnow(_ name: String) {
        #expect(!TopLevelDomains.bundled.contains(Array(name.utf8)[...]))
    }

    @Test func listsWithOtherNamesAreNotEqual() {
        let one = TopLevelDomains(publicSuffixList: Array("com\nnet\n".utf8))
        let same = TopLevelDomains(publicSuffixList: Array("// a comment\nnet\nexample.com\n".utf8))
        let other = TopLevelDomains(publicSuffixList: Array("com\norg\n".utf8))
        #expect(one == same)
        #expect(one != other)
    }
}
