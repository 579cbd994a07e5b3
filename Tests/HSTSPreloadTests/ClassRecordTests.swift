import HSTSPreload
import Testing

/// The attribute class records of the compiled format: the codes they store are fixed, whatever the order of the
/// Swift cases, and every attribute survives a round trip through a file.
@Suite struct ClassRecordTests {
    /// Every policy's code in a class record, as docs/trie-format.md lists them.
    static let policyCodes: [(Policy, UInt8)] = [
        (.test, 1), (.google, 2), (.custom, 3), (.bulkLegacy, 4), (.bulk18Weeks, 5), (.bulk1Year, 6),
        (.publicSuffix, 7), (.publicSuffixRequested, 8),
    ]

    @Test(arguments: policyCodes)
    func policyHasItsPinnedFileCode(_ policy: Policy, _ code: UInt8) {
        #expect(policy.fileCode == code)
        #expect(Policy(fileCode: code) == policy)
    }

    @Test func everyPolicyHasAPinnedCodeAndNoOtherCodeDecodes() {
        #expect(Set(Self.policyCodes.map(\.0)) == Set(Policy.allCases))
        let pinned = Set(Self.policyCodes.map(\.1))
        for code in UInt8.min...UInt8.max where !pinned.contains(code) {
            #expect(Policy(fileCode: code) == nil, "code \(code)")
        }
    }

    @Test func classRecordStoresTheCodes() throws {
        var attributes = EntryAttributes(policy: .bulk1Year, mode: .forceHTTPS, includeSubdomains: true)
        attributes.includeSubdomainsForExpectStaple = true
        let record = EntryClass(attributes: attributes, pinsetIndex: 2).record
        #expect(record == [1, 0b1_0001, 6, 0, 3, 0, 0, 0])
        let decoded = try #require(EntryClass(record: record, pinsetCount: 3))
        #expect(decoded.attributes == attributes && decoded.pinsetIndex == 2)
        #expect(EntryClass(record: [0, 0, 9, 0, 0, 0, 0, 0], pinsetCount: 0) == nil)
    }

    @Test func committedListIsWhatTheWriterProduces() throws {
        let committed = try Fixtures.data("preload-2026-06-01.hstsq")
        let list = try PreloadList(compiledBytes: committed)
        try list.verify()
        let source = try PreloadListSource.parse(
            try Fixtures.data("preload-2026-06-01.json"),
            fileName: "preload-2026-06-01.json"
        )
        #expect(try PreloadList.compiledBytes(for: source, compiledAt: list.compiledAt) == committed)
    }

    @Test func matchedEntryCarriesEveryAttribute() throws {
        let attributes = EntryAttributes(
            policy: .custom,
            mode: .forceHTTPS,
            includeSubdomains: true,
            includeSubdomainsForPinning: true,
            expectCT: true,
            expectStaple: true,
            includeSubdomainsForExpectStaple: true
        )
        let list = try PreloadList(
            compiling: PreloadListSource(entries: [Entry(name: "example.com", attributes: attributes)])
        )
        let decision = list.decision(for: try HostName("www.example.com"))
        #expect(decision.entry?.attributes == attributes)
        #expect(try list.entries().map(\.attributes) == [attributes])
    }
}
