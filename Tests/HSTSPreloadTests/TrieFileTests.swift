import HSTSPreload
import Testing

@Suite struct TrieFileTests {
    @Test func bundledCompiledFileMatchesItsSource() throws {
        // data/ ships the compiled form so start-up parses nothing; it must be exactly what the source compiles to.
        let compiled = try Fixtures.data("preload-2026-06-01.hstsq")
        let jsonBytes = try Fixtures.data("preload-2026-06-01.json")
        let list = try PreloadList(compiledBytes: compiled)
        let source = try PreloadListSource.parse(jsonBytes, fileName: "preload-2026-06-01.json")
        #expect(list.sourceSHA256 == PreloadList.hex(source.sourceSHA256))
        let recompiled = try PreloadList.compiledBytes(for: source, compiledAt: list.compiledAt)
        #expect(recompiled == compiled, "data/preload-2026-06-01.hstsq is stale: run scripts/refresh-data.sh")
        try list.verify()
    }

    @Test func compiledSizeStaysUnderSixBytesPerEntry() throws {
        let list = try PreloadList(contentsOfCompiledFile: Fixtures.dataPath("preload-2026-06-01.hstsq"))
        #expect(Double(list.compiledSize) / Double(list.entryCount) <= 6.0)
    }

    static func sampleFile() throws -> (bytes: [UInt8], list: PreloadList, hosts: [HostName]) {
        let source = try PreloadListSource.parse(
            try Fixtures.fixture("chromium-current-format-sample.json"),
            fileName: "sample.json"
        )
        let bytes = try PreloadList.compiledBytes(for: source, compiledAt: 1_780_272_000)
        let list = try PreloadList(compiledBytes: bytes)
        var hosts = try source.entries.map { try HostName($0.name.lowercased()) }
        hosts += try ["a.google", "x.mail.google.com", "example.com", "paypal.com", "a.b.now.sh"].map {
            try HostName($0)
        }
        return (bytes, list, hosts)
    }

    @Test func truncatedFilesAreRejectedAtEveryLength() throws {
        let (bytes, _, _) = try Self.sampleFile()
        for length in 0..<bytes.count {
            #expect(throws: TrieFileError.self, "length \(length)") {
                try PreloadList(compiledBytes: Array(bytes.prefix(length)))
            }
        }
    }

    @Test func flippedBytesAreRejectedOrChangeNothing() throws {
        let (bytes, intact, hosts) = try Self.sampleFile()
        let expected = hosts.map { intact.decision(for: $0) }
        var rejected = 0
        for offset in 0..<bytes.count {
            for mask: UInt8 in [0x01, 0x80, 0xFF] {
                var corrupted = bytes
                corrupted[offset] ^= mask
                guard let list = try? PreloadList(compiledBytes: corrupted) else {
                    rejected += 1
                    continue
                }
                #expect(hosts.map { list.decision(for: $0) } == expected, "offset \(offset) mask \(mask)")
            }
        }
        #expect(rejected > 0)
    }

    @Test func craftedFilesWithAValidChecksumNeverCrashLookups() throws {
        // A flip with the checksum recomputed passes open: lookups and verify() must still stay in bounds.
        let (bytes, _, hosts) = try Self.sampleFile()
        var rng = DifferentialTests.SplitMix(state: 7)
        var hashedOpens = 0
        for _ in 0..<3_000 {
            var corrupted = bytes
            let offset = Int.random(in: 32..<bytes.count, using: &rng)
            corrupted[offset] = UInt8.random(in: 0...255, using: &rng)
            TrieFileTesting.fixChecksum(&corrupted)
            guard let list = try? PreloadList(compiledBytes: corrupted) else { continue }
            for host in hosts { _ = list.decision(for: host, semantics: .anyAncestor) }
            _ = try? list.verify()
            _ = try? list.entries()
            // A crafted file that opens with the hash table answers exactly as its block search does.
            if let hashed = try? PreloadList(compiledBytes: corrupted, index: .hashTable) {
                hashedOpens += 1
                for host in hosts {
                    for semantics in MatchingSemantics.allCases {
                        #expect(
                            hashed.decision(for: host, semantics: semantics)
                                == list.decision(for: host, semantics: semantics),
                            "offset \(offset): \(host.value) \(semantics)"
                        )
                    }
                }
            }
        }
        #expect(hashedOpens > 0)
    }

    @Test func namesKeptAsWrittenVerifyAndOpenWithTheHashTable() throws {
        // Found by json-import: a name with a trailing dot (kept as written) makes an empty TLD, and ".com" an empty
        // key; both are legitimate compiler output, which verify() and the hash table must accept.
        let entries = ["x.", ".com", "example.com.", "example.com", "Upper.example.com", "1.0.0.1"].map {
            Entry(name: $0, mode: .forceHTTPS, includeSubdomains: true)
        }
        let bytes = try PreloadList.compiledBytes(for: PreloadListSource(entries: entries), compiledAt: 0)
        let list = try PreloadList(compiledBytes: bytes)
        try list.verify()
        let hashed = try PreloadList(compiledBytes: bytes, index: .hashTable)
        for name in ["x", "com", "example.com", "a.example.com", "upper.example.com", "1.0.0.1", "1.1"] {
            let host = try HostName(name)
            for semantics in MatchingSemantics.allCases {
                #expect(
                    hashed.decision(for: host, semantics: semantics) == list.decision(for: host, semantics: semantics)
                )
            }
        }
        #expect(hashed.decision(for: try HostName("1.1")).upgrade)
    }

    @Test func hashTableOpenRefusesWhatVerifyRefuses() throws {
        // Found by trie-reader: a byte of the TLD hash changed (checksum recomputed). The block search then finds no
        // TLD while enumeration still yields every entry, so a table built from the entries would answer otherwise.
        let fixture = try Fixtures.fixture("fuzz-regressions/trie-reader-tld-hash-misses-a-tld")
        let file = Array(fixture.dropFirst())
        let list = try PreloadList(compiledBytes: file)
        let expected = TrieFileError.corrupt("TLD 0: the TLD hash does not lead to it")
        #expect(throws: expected) { try list.verify() }
        #expect(throws: expected) { try PreloadList(compiledBytes: file, index: .hashTable) }
    }

    @Test func hashTableOfTheBundledListStaysWithinItsDocumentedSize() throws {
        let list = try PreloadList(
            contentsOfCompiledFile: Fixtures.dataPath("preload-2026-06-01.hstsq"),
            index: .hashTable
        )
        // About 46 bytes per entry (PreloadList.LookupIndex.hashTable): a control byte and a 32-byte record per slot,
        // at most three quarters full, plus the few names too long for a record.
        #expect(list.hashTableSize > 33 * list.entryCount)
        #expect(list.hashTableSize < 50 * list.entryCount)
        #expect(
            try PreloadList(contentsOfCompiledFile: Fixtures.dataPath("preload-2026-06-01.hstsq")).hashTableSize == 0
        )
    }

    @Test func foreignAndFutureFilesGetClearErrors() throws {
        let (bytes, _, _) = try Self.sampleFile()
        #expect(throws: TrieFileError.notATrieFile) { try PreloadList(compiledBytes: Array("{\"entries\": []}".utf8)) }
        var future = bytes
        future[8] = 9
        TrieFileTesting.fixChecksum(&future)
        #expect(throws: TrieFileError.unsupportedVersion(9)) { try PreloadList(compiledBytes: future) }
        #expect(throws: TrieFileError.self) { try PreloadList(contentsOfCompiledFile: "/nonexistent/file.hstsq") }
        #expect(throws: TrieFileError.self) { try PreloadList(contentsOfCompiledFile: "/tmp") }
    }

    @Test func emptyAndSingleEntryListsCompile() throws {
        let empty = try PreloadList(compiling: PreloadListSource(entries: []))
        #expect(empty.entryCount == 0)
        #expect(!empty.decision(for: try HostName("example.com")).upgrade)
        let one = try PreloadList(compiling: PreloadListSource(entries: [Entry(name: "a.com", mode: .forceHTTPS)]))
        #expect(one.decision(for: try HostName("a.com")).upgrade)
        #expect(!one.decision(for: try HostName("b.a.com")).upgrade)
        #expect(try one.entries().map(\.name) == ["a.com"])
    }

    @Test func headDirectoryLeavesOnlyHeadsThatCanBeTheAnswer() {
        // For every probe, all heads before the directory's range are <= it and all after it are above it, so the
        // binary search inside the range finds the true "last head <= probe". TLD 0 is small (no directory), TLD 1
        // has heads of key bytes (a directory), TLD 2 arbitrary heads, as only a crafted file has (no directory).
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("-.0123456789_abcdefghijklmnopqrstuvwxyz".utf8) + [0]
        func keyHead() -> UInt32 {
            (0..<4).reduce(UInt32(0)) { value, _ in value << 8 | UInt32(alphabet.randomElement(using: &rng)!) }
        }
        let keyHeads = (0..<600).map { _ in keyHead() }.sorted()
        let anyHeads = (0..<600).map { _ in UInt32.random(in: 0...UInt32.max) }.sorted()
        let all = [7, 9] + keyHeads + anyHeads
        let directory = HeadDirectory(blockRanges: [0..<2, 2..<602, 602..<1202]) { all[$0] }
        var wrong = 0
        for (tld, heads, probes) in [
            (0, [UInt32(7), 9], [0, 7, 8, 9, 10, UInt32.max]),
            // Probes with other bytes too: such a probe gets the whole range, never a slot outside the table.
            (1, keyHeads, (0..<2_000).map { i in i % 4 == 0 ? UInt32.random(in: 0...UInt32.max) : keyHead() }),
            (1, keyHeads, keyHeads),
            (2, anyHeads, (0..<2_000).map { i in i % 2 == 0 ? keyHead() : UInt32.random(in: 0...UInt32.max) }),
        ] {
            for probe in probes {
                let (start, count) = directory.range(tld: tld, head: probe, blocks: heads.count)
                let expected = heads.filter { $0 <= probe }.count
                let found = start + heads[start..<(start + count)].filter { $0 <= probe }.count
                if found != expected { wrong += 1 }
            }
        }
        #expect(wrong == 0)
        // Only the key-byte TLD got a directory: its ranges are short.
        #expect(directory.range(tld: 2, head: keyHeads[0], blocks: 600) == (0, 600))
        #expect(directory.range(tld: 1, head: keyHeads[300], blocks: 600).count < 600)
    }

    @Test func byteCodeWithACodeForNulIsRejected() throws {
        // Lookups end a key with a NUL sentinel that must never equal a stored byte. Give NUL the code length of
        // `a` (a swap keeps the lengths a valid prefix code), fix the checksum: open must refuse the file.
        var (bytes, _, _) = try Self.sampleFile()
        let sectionTable = 88
        let codesSection = 6
        let entry = sectionTable + 8 * codesSection
        let codes = Int(bytes[entry]) | Int(bytes[entry + 1]) << 8 | Int(bytes[entry + 2]) << 16
        let lengths = codes + 4
        let a = lengths + Int(UInt8(ascii: "a"))
        #expect(bytes[lengths] == 0 && bytes[a] != 0)
        bytes.swapAt(lengths, a)
        TrieFileTesting.fixChecksum(&bytes)
        #expect(throws: TrieFileError.corrupt("the byte code has a code for NUL")) {
            try PreloadList(compiledBytes: bytes)
        }
    }

    @Test func blocksSharingTheKeysHeadAreSearchedByFirstKey() throws {
        // Every key under `au` below starts with `com.`, so eight blocks share the head `com.`: a lookup must land
        // in the block that holds the key however far into the run it is, and before or after the run.
        var names = (0..<250).map { "n\(1000 + 3 * $0).com.au" }
        names += ["abc.au", "co.au", "www.n1003.com.au", "zz.au", "com.au"]
        let entries = names.map { Entry(name: $0, mode: .forceHTTPS, includeSubdomains: !$0.hasPrefix("www.")) }
        let list = try PreloadList(compiling: PreloadListSource(entries: entries))
        let listed = Set(names)
        for name in names {
            let decision = list.decision(for: try HostName(name))
            #expect(decision.upgrade && decision.match == .exact, "\(name)")
        }
        for i in stride(from: 0, to: 750, by: 1) {
            let name = "n\(1000 + i).com.au"
            let host = try HostName("x." + name)
            let decision = list.decision(for: host)
            // A name between the run's entries is still covered by the `com.au` entry (include_subdomains).
            let expected = listed.contains(name) ? name : "com.au"
            let decidedBy = decision.entry.map { String($0.name(in: host)) }
            #expect(decision.upgrade && decidedBy == expected, "\(host.value)")
        }
        let www = try HostName("a.www.n1003.com.au")
        #expect(list.decision(for: www).entry?.name(in: www) == "www.n1003.com.au")
        #expect(!list.decision(for: www).upgrade)
        for miss in ["ab.au", "zzz.au", "co.a.au"] {
            #expect(list.decision(for: try HostName(miss)).entry == nil, "\(miss)")
        }
    }

    @Test func entriesOfMoreThan255ClassesKeepTheirAttributes() throws {
        // 300 pinsets make 300 attribute classes: headers naming a class above 254 do not fit the decode table's
        // class byte and are decoded from their header records, which lookups and enumeration must both get right.
        // The last four names' keys (121 bytes, no prefix shared) need more than 255 suffix bits: escaped headers.
        let pinsets = (0..<300).map { PinSet(name: "pins\($0)", staticSPKIHashes: []) }
        let entries = (0..<300).map { i in
            let long = String(repeating: Array("jqxz")[max(i - 296, 0)], count: 60)
            let label = i < 296 ? "site\(i)" : long + "." + long
            return Entry(name: label + ".com", mode: .forceHTTPS, includeSubdomains: i % 2 == 0, pins: "pins\(i)")
        }
        let list = try PreloadList(compiling: PreloadListSource(pinsets: pinsets, entries: entries))
        for (i, entry) in entries.enumerated() {
            let host = try HostName("www." + entry.name)
            let decision = list.decision(for: host)
            #expect(decision.upgrade == entry.includeSubdomains, "\(host.value)")
            #expect(decision.entry.flatMap { $0.pinsetIndex.flatMap(list.pinsetName(at:)) } == "pins\(i)")
        }
        let decoded = try list.entries()
        #expect(Dictionary(uniqueKeysWithValues: decoded.map { ($0.name, $0.pins) }).count == 300)
        let pinsOfName = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.pins) })
        for entry in decoded { #expect(entry.pins == pinsOfName[entry.name] ?? nil, "\(entry.name)") }
    }
}
