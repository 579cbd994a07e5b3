// libFuzzer target: the compiled-file reader. The first byte picks a mode:
// - even: the rest is a whole file; opening either fails or every lookup, entries() and verify() run in bounds, and
//   the in-memory hash table, when the file's entries decode into one, answers exactly as the block search;
// - odd: the rest is a list of (offset, byte) edits to a valid file, compact (mode 1 mod 4) or with a lookup-index
//   section (mode 3 mod 4). With the checksums left alone the file must be rejected or answer exactly as the intact
//   one (a damaged record page is found when first read, and the blocks answer); with the checksums recomputed it
//   must at least never crash.

import CLibFuzzer
import HSTSPreload

let intactSource = PreloadListSource(
    pinsets: [PinSet(name: "p", staticSPKIHashes: ["h"])],
    entries: [
        Entry(name: "dev", policy: .publicSuffix, mode: .forceHTTPS, includeSubdomains: true),
        Entry(name: "example.com", mode: .forceHTTPS, includeSubdomains: true),
        Entry(name: "www.example.com", mode: .forceHTTPS),
        Entry(name: "a.b.example.com", mode: nil, includeSubdomains: true, pins: "p"),
        Entry(name: "example.org", policy: .bulk1Year, mode: .forceHTTPS, includeSubdomains: true),
    ] + (0..<80).map { Entry(name: "host\($0).example.net", mode: .forceHTTPS, includeSubdomains: $0 % 2 == 0) },
    sourceSHA256: .init(repeating: 7, count: 32)
)
let intactBytes: [UInt8] = (try? PreloadList.compiledBytes(for: intactSource, compiledAt: 1)) ?? []
let intactIndexedBytes: [UInt8] = (try? PreloadList.addingLookupIndexSection(to: intactBytes)) ?? []
let probeHosts: [HostName] = [
    "dev", "x.dev", "example.com", "www.example.com", "x.www.example.com", "a.b.example.com", "c.a.b.example.com",
    "example.org", "q.example.org", "host7.example.net", "x.host8.example.net", "nothing.zz", "example.net",
].compactMap { try? HostName($0) }

func answers(_ list: PreloadList) -> [UpgradeDecision] {
    probeHosts.flatMap { [list.decision(for: $0), list.decision(for: $0, semantics: .anyAncestor)] }
}

let intactAnswers: [UpgradeDecision] = (try? PreloadList(compiledBytes: intactBytes)).map(answers) ?? []

/// The executable's entry point: libFuzzer's driver, with the process's arguments, fuzzing the function below.
@main enum FuzzTarget {
    static func main() { unsafe CLibFuzzerRun(CommandLine.argc, CommandLine.unsafeArgv) }
}

/// libFuzzer entry point: one input per call; 0 means "keep going".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTrieReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = unsafe Array(UnsafeBufferPointer(start: data, count: size))
    guard let mode = input.first else { return 0 }
    if mode % 2 == 0 {
        let bytes = Array(input.dropFirst())
        if let sectioned = try? PreloadList(compiledBytes: bytes) { _ = answers(sectioned) }
        guard let list = try? PreloadList(compiledBytes: bytes, index: .blocks) else { return 0 }
        let searched = answers(list)
        if let hashed = try? PreloadList(compiledBytes: bytes, index: .hashTable) {
            precondition(answers(hashed) == searched, "the hash table and the block search disagree")
        }
        _ = try? list.entries()
        _ = try? list.verify()
        return 0
    }
    var file = mode % 4 == 3 ? intactIndexedBytes : intactBytes
    let checksumRanges = TrieFileTesting.checksumRanges(of: file)
    var i = 1
    var rewroteChecksum = false
    while i + 2 < input.count {
        let offset = (Int(input[i]) << 8 | Int(input[i + 1])) % file.count
        file[offset] = input[i + 2]
        rewroteChecksum = rewroteChecksum || checksumRanges.contains { $0.contains(offset) }
        i += 3
    }
    // Edits that write the checksum field are deliberate (libFuzzer learns the expected value from the comparison),
    // and a checksum is no defence against those; they get the "never crash" check below.
    if !rewroteChecksum, let list = try? PreloadList(compiledBytes: file) {
        precondition(answers(list) == intactAnswers, "a changed file passed its checksums with different answers")
    }
    TrieFileTesting.fixChecksum(&file)
    // A crafted lookup-index section may answer anything, but must stay in bounds and end.
    if let sectioned = try? PreloadList(compiledBytes: file) { _ = answers(sectioned) }
    if let list = try? PreloadList(compiledBytes: file, index: .blocks) {
        let searched = answers(list)
        if let hashed = try? PreloadList(compiledBytes: file, index: .hashTable) {
            precondition(answers(hashed) == searched, "the hash table and the block search disagree")
        }
        _ = try? list.entries()
        _ = try? list.verify()
    }
    return 0
}
