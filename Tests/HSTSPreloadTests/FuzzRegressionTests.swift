import Foundation
import HSTSPreload
import Testing

/// Every input a fuzzer crashed on, replayed through the same paths (Fixtures/fuzz-regressions/TARGET-what).
@Suite struct FuzzRegressionTests {
    static let directory = Fixtures.testDirectory.appendingPathComponent("Fixtures/fuzz-regressions")

    static let inputs: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }()

    static let list: PreloadList = {
        do {
            return try PreloadList(compiling: PreloadListSource(entries: [Entry(name: "a.com", mode: .forceHTTPS)]))
        } catch {
            fatalError("\(error)")
        }
    }()

    /// The trie-reader target's probe hosts (Tests/Fuzz/Sources/TrieReaderFuzz).
    static let trieProbeHosts: [HostName] = [
        "dev", "x.dev", "example.com", "www.example.com", "x.www.example.com", "a.b.example.com", "c.a.b.example.com",
        "example.org", "q.example.org", "host7.example.net", "x.host8.example.net", "nothing.zz", "example.net",
    ].compactMap { try? HostName($0) }

    /// The trie-reader target's intact file (Tests/Fuzz/Sources/TrieReaderFuzz), which its odd-mode inputs edit.
    static func trieIntactBytes() throws -> [UInt8] {
        let source = PreloadListSource(
            pinsets: [PinSet(name: "p", staticSPKIHashes: ["h"])],
            entries: [
                Entry(name: "dev", policy: .publicSuffix, mode: .forceHTTPS, includeSubdomains: true),
                Entry(name: "example.com", mode: .forceHTTPS, includeSubdomains: true),
                Entry(name: "www.example.com", mode: .forceHTTPS),
                Entry(name: "a.b.example.com", mode: nil, includeSubdomains: true, pins: "p"),
                Entry(name: "example.org", policy: .bulk1Year, mode: .forceHTTPS, includeSubdomains: true),
            ]
                + (0..<80).map {
                    Entry(name: "host\($0).example.net", mode: .forceHTTPS, includeSubdomains: $0 % 2 == 0)
                },
            sourceSHA256: .init(repeating: 7, count: 32)
        )
        return try PreloadList.compiledBytes(for: source, compiledAt: 1)
    }

    /// Whether each trie-reader input, as its mode makes it, opens with the block search and with the hash table.
    static let trieReaderOpens: [String: (searched: Bool, hashed: Bool)] = [
        // An edited file that fails to open: its decode tables were once leaked (scripts/sanitize catches a leak).
        "trie-reader-decode-tables-leak-on-rejected-file": (searched: false, hashed: false),
        // Files the hash table once answered differently from the block search; it refuses them now.
        "trie-reader-header-record-lcp-is-the-table-mark": (searched: true, hashed: false),
        "trie-reader-tld-hash-misses-a-tld": (searched: true, hashed: false),
    ]

    @Test func regressionInputsArePresent() {
        #expect(!Self.inputs.isEmpty)
        #expect(Set(Self.trieReaderOpens.keys) == Set(Self.inputs.filter { $0.hasPrefix("trie-reader") }))
    }

    @Test(arguments: inputs)
    func replaysWithoutCrashing(_ name: String) throws {
        let bytes = try Fixtures.read(Self.directory.appendingPathComponent(name))
        let text = String(decoding: bytes, as: UTF8.self)
        if name.hasPrefix("host-normalization") {
            _ = try? HostName(text)
            _ = try? LookupTarget(parsing: text)
            _ = Self.list.decision(utf8: bytes.span)
        } else if name.hasPrefix("json-import") {
            if let source = try? PreloadListSource.parse(bytes, fileName: name) {
                try PreloadList(compiling: source).verify()
            }
        } else if name.hasPrefix("trie-reader") {
            // The target's two modes, picked by the first byte. Even: the rest is a whole file. Odd: the rest is
            // (offset, byte) edits to the target's intact file; with the checksum left alone the edited file is
            // rejected or answers as the intact one, and it is then opened with the checksum recomputed. Either way,
            // if the file opens, lookups, entries() and verify() stay in bounds, and the hash table, if the file
            // opens with one, answers as the block search does.
            let answers = { (list: PreloadList) in
                Self.trieProbeHosts.flatMap {
                    [list.decision(for: $0), list.decision(for: $0, semantics: .anyAncestor)]
                }
            }
            let mode = try #require(bytes.first, "\(name) is empty")
            var file = Array(bytes.dropFirst())
            if mode % 2 == 1 {
                let intact = try Self.trieIntactBytes()
                file = intact
                var rewroteChecksum = false
                for edit in stride(from: 1, to: bytes.count - 2, by: 3) {
                    let offset = (Int(bytes[edit]) << 8 | Int(bytes[edit + 1])) % file.count
                    file[offset] = bytes[edit + 2]
                    rewroteChecksum = rewroteChecksum || (24..<32).contains(offset)
                }
                if !rewroteChecksum, let unfixed = try? PreloadList(compiledBytes: file) {
                    #expect(answers(unfixed) == answers(try PreloadList(compiledBytes: intact)))
                }
                TrieFileTesting.fixChecksum(&file)
            }
            let list = try? PreloadList(compiledBytes: file)
            let hashed = try? PreloadList(compiledBytes: file, index: .hashTable)
            // Pinned, so that a replay cannot quietly stop reaching the code it once crashed in.
            let opens = try #require(Self.trieReaderOpens[name], "\(name): say in trieReaderOpens how it opens")
            #expect((list != nil) == opens.searched, "\(name) opens with the block search")
            #expect((hashed != nil) == opens.hashed, "\(name) opens with the hash table")
            if let list {
                let searched = answers(list)
                if let hashed { #expect(answers(hashed) == searched) }
                _ = try? list.entries()
                _ = try? list.verify()
            }
        } else {
            Issue.record("unknown fuzz target prefix in \(name)")
        }
    }

    /// Two matching bit flips in different words are rejected.
    ///
    /// trie-reader found that format 1's checksum (plain word-wise FNV-1a) let two edits cancel: the same high bit
    /// flipped in two words. Every pair of such flips, and of low-bit flips, must now be rejected.
    @Test func twoMatchingBitFlipsDoNotCancelInTheChecksum() throws {
        let source = PreloadListSource(
            entries: (0..<40).map { Entry(name: "host\($0).example.net", mode: .forceHTTPS, includeSubdomains: true) }
        )
        let intact = try PreloadList.compiledBytes(for: source, compiledAt: 1)
        let words = (0..<(intact.count / 8)).filter { $0 != 3 }  // word 3 is the checksum field
        var accepted = 0
        for bit in [7, 0] {
            for (a, b) in zip(words, words.dropFirst(5)) {
                var file = intact
                file[a * 8 + 7] ^= UInt8(1 << bit)
                file[b * 8 + 7] ^= UInt8(1 << bit)
                if (try? PreloadList(compiledBytes: file)) != nil { accepted += 1 }
            }
        }
        #expect(accepted == 0)
    }

    @Test func longDigitRunsAreAnInvalidIPv4AddressNotACrash() {
        // The host ends in a number, so it must be an IPv4 address, and this one overflows 32 bits.
        #expect(Self.list.decision(utf8: Array("9999999999999999999999999999.".utf8).span) == nil)
        #expect(throws: HostNameError.self) { try HostName("9999999999999999999999999999.") }
    }
}
