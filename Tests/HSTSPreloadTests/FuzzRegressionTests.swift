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

    @Test func regressionInputsArePresent() {
        #expect(!Self.inputs.isEmpty)
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
            // The target's whole-file mode: if the file opens, lookups, entries() and verify() stay in bounds, and
            // the hash table, if the file opens with one, answers as the block search does.
            let file = Array(bytes.dropFirst())
            if let list = try? PreloadList(compiledBytes: file) {
                let answers = { (list: PreloadList) in
                    Self.trieProbeHosts.flatMap {
                        [list.decision(for: $0), list.decision(for: $0, semantics: .anyAncestor)]
                    }
                }
                let searched = answers(list)
                if let hashed = try? PreloadList(compiledBytes: file, index: .hashTable) {
                    #expect(answers(hashed) == searched)
                }
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

    @Test func longDigitRunsAreNeitherIPv4NorACrash() {
        let decision = Self.list.decision(utf8: Array("9999999999999999999999999999.".utf8).span)
        #expect(decision == .noEntry(.chromium))
    }
}
