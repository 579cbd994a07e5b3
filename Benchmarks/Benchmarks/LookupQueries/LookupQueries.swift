// The query stream and the `Set`-style baseline of the lookup figures, shared by the benchmarks and by
// `LookupInstructions` (callgrind), so that both measure the same queries on the same list.
import Foundation

/// Where the repository's bundled 2026-06-01 list is, for the benchmark executables (run from any directory).
public enum BundledList {
    /// The repository's root: this file is `Benchmarks/Benchmarks/LookupQueries/LookupQueries.swift` under it.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// `data/preload-2026-06-01.json`, the source.
    public static let jsonPath = root.appendingPathComponent("data/preload-2026-06-01.json").path
    /// `data/preload-2026-06-01.hstsq`, its compiled form.
    public static let compiledPath = root.appendingPathComponent("data/preload-2026-06-01.hstsq").path
}

/// The baseline: `host` and then each parent looked up in a hashed `String` table of the names; the first hit
/// decides (flags: bit 0 force-https, bit 1 include_subdomains).
@inline(never)
public func baselineUpgrade(_ host: String, _ table: [String: UInt8]) -> Bool {
    var candidate = Substring(host)
    var exact = true
    while true {
        if let flags = table[String(candidate)] {
            return exact ? flags & 1 != 0 : flags == 3
        }
        guard let dot = candidate.firstIndex(of: ".") else { return false }
        candidate = candidate[candidate.index(after: dot)...]
        exact = false
    }
}

/// The mixed query stream, deterministic: 40% misses (random names under common TLDs), 30% exact entry names, 30%
/// random subdomains of entries.
///
/// Hosts are stored once as bytes (for the trie) and once as strings.
public struct QueryStream: Sendable {
    /// Every host's UTF-8 bytes, back to back.
    public let bytes: [UInt8]
    /// Where host `i` starts in `bytes`; host `i` ends where `i + 1` starts (`count + 1` offsets).
    public let offsets: [Int]
    /// The same hosts as strings, for the baseline.
    public let strings: [String]
    /// The number of hosts.
    public var count: Int { strings.count }

    /// `count` hosts drawn from the entry `names` with a fixed seed (SplitMix, 42), so every run gets the same stream.
    public init(names: [String], count: Int) {
        var rng = SplitMix(state: 42)
        let tlds = ["com", "net", "org", "de", "co.uk", "io", "nl", "fr"]
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        func label() -> String {
            String((0..<Int.random(in: 3...12, using: &rng)).map { _ in alphabet[Int.random(in: 0..<36, using: &rng)] })
        }
        var strings: [String] = []
        strings.reserveCapacity(count)
        for _ in 0..<count {
            let roll = Int.random(in: 0..<10, using: &rng)
            let name = names[Int.random(in: 0..<names.count, using: &rng)]
            switch roll {
            case 0..<4: strings.append(label() + "." + tlds[Int.random(in: 0..<tlds.count, using: &rng)])
            case 4..<7: strings.append(name)
            default: strings.append(["www", "mail", "api", label()][Int.random(in: 0..<4, using: &rng)] + "." + name)
            }
        }
        var bytes: [UInt8] = []
        var offsets: [Int] = [0]
        for string in strings {
            bytes.append(contentsOf: string.utf8)
            offsets.append(bytes.count)
        }
        self.bytes = bytes
        self.offsets = offsets
        self.strings = strings
    }

    // Inlinable: the benchmarks call it once per query from another module.
    /// `body` applied to host `i`'s bytes.
    @inlinable
    public func withQuery<R>(_ i: Int, _ body: (Span<UInt8>) -> R) -> R {
        body(bytes.span.extracting(offsets[i]..<offsets[i + 1]))
    }
}

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
