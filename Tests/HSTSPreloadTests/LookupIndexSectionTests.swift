import HSTSPreload
import Testing

/// The lookup-index section (`hstsq compile --index hash`): it answers as the blocks do, and damage to it is refused
/// at open or, in a record page read later, sends lookups back to the blocks, so no answer ever changes.
@Suite struct LookupIndexSectionTests {
    static func sampleFiles() throws -> (compact: [UInt8], indexed: [UInt8], hosts: [HostName]) {
        let (compact, _, hosts) = try TrieFileTests.sampleFile()
        return (compact, try PreloadList.addingLookupIndexSection(to: compact), hosts)
    }

    static func answers(_ list: PreloadList, _ hosts: [HostName]) -> [UpgradeDecision] {
        hosts.flatMap { [list.decision(for: $0), list.decision(for: $0, semantics: .anyAncestor)] }
    }

    @Test func theBundledListWithASectionAnswersAsItsBlocksOnRandomHosts() throws {
        let compact = try Fixtures.data("preload-2026-06-01.hstsq")
        let indexed = try PreloadList(compiledBytes: PreloadList.addingLookupIndexSection(to: compact))
        let blocks = try PreloadList(compiledBytes: compact)
        #expect(indexed.hasLookupIndexSection && indexed.usesHashIndex && indexed.hashTableSize == 0)
        #expect(!blocks.hasLookupIndexSection && !blocks.usesHashIndex)
        let blocksOfIndexed = try PreloadList(
            compiledBytes: PreloadList.addingLookupIndexSection(to: compact),
            index: .blocks
        )
        #expect(!blocksOfIndexed.usesHashIndex)
        // Entries, their subdomains and near misses, as DifferentialTests builds them.
        var rng = DifferentialTests.SplitMix(state: 11)
        let names = try blocks.entries().map(\.name)
        for _ in 0..<20_000 {
            let name = names[Int.random(in: 0..<names.count, using: &rng)]
            let host: String
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: host = name
            case 1: host = DifferentialTests.randomLabel(&rng) + "." + name
            case 2: host = DifferentialTests.randomLabel(&rng) + "." + DifferentialTests.randomLabel(&rng) + "." + name
            default:
                host =
                    DifferentialTests.randomLabel(&rng) + "."
                    + (name.split(separator: ".").last.map(String.init) ?? "com")
            }
            guard let parsed = try? HostName(host) else { continue }
            for semantics in MatchingSemantics.allCases {
                #expect(
                    indexed.decision(for: parsed, semantics: semantics)
                        == blocks.decision(for: parsed, semantics: semantics),
                    "\(host) \(semantics)"
                )
            }
        }
    }

    @Test func sectionSizeIsReported() throws {
        let compact = try Fixtures.data("preload-2026-06-01.hstsq")
        let indexed = try PreloadList(compiledBytes: PreloadList.addingLookupIndexSection(to: compact))
        let perEntry = Double(indexed.compiledSize) / Double(indexed.entryCount)
        // 128 Ki slots of 33 bytes for 94,600 entries, plus the compact file: about 52 bytes per entry.
        #expect(perEntry > 40 && perEntry < 60, "\(perEntry) bytes per entry")
    }

    @Test func truncatedIndexedFilesAreRejectedAtEveryLength() throws {
        let (_, indexed, _) = try Self.sampleFiles()
        for length in 0..<indexed.count {
            #expect(throws: TrieFileError.self, "length \(length)") {
                try PreloadList(compiledBytes: Array(indexed.prefix(length)))
            }
        }
    }

    @Test func flippedBytesAreRejectedOrChangeNothing() throws {
        let (compact, indexed, hosts) = try Self.sampleFiles()
        let expected = Self.answers(try PreloadList(compiledBytes: compact), hosts)
        var rejected = 0
        var opened = 0
        for offset in 0..<indexed.count {
            for mask: UInt8 in [0x01, 0x80] {
                var corrupted = indexed
                corrupted[offset] ^= mask
                guard let list = try? PreloadList(compiledBytes: corrupted) else {
                    rejected += 1
                    continue
                }
                opened += 1
                #expect(Self.answers(list, hosts) == expected, "offset \(offset) mask \(mask)")
            }
        }
        // Flips in the records open (they are checked page by page when read) and still answer as the intact file.
        #expect(rejected > 0 && opened > 0)
    }

    @Test func craftedSectionsWithValidChecksumsNeverCrashLookups() throws {
        let (_, indexed, hosts) = try Self.sampleFiles()
        var rng = DifferentialTests.SplitMix(state: 5)
        var opened = 0
        for _ in 0..<2_000 {
            var crafted = indexed
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let offset = Int.random(in: 16..<indexed.count, using: &rng)
                crafted[offset] = UInt8.random(in: 0...255, using: &rng)
            }
            TrieFileTesting.fixChecksum(&crafted)
            guard let list = try? PreloadList(compiledBytes: crafted) else { continue }
            opened += 1
            _ = Self.answers(list, hosts)
        }
        #expect(opened > 0)
    }
}
