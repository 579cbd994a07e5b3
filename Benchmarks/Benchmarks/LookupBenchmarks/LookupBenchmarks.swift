import Benchmark
import Foundation
import HSTSPreload
import LookupQueries

/// The lookup, import and compile figures, each beside a baseline measured in the same run.
///
/// - lookups on a 1,000,000-query mixed stream (40% misses, 30% exact names, 30% subdomains of entries), through
///   the compiled trie (its block search, the opt-in in-memory hash table built from it, and the same file with a
///   lookup-index section) and through a
///   `Set`-style baseline (a hashed `String` table plus the parent walk). One
///   iteration is the whole stream, so its wall time in milliseconds is the time per lookup in nanoseconds.
/// - importing and compiling the list, beside Foundation's `JSONDecoder` decoding the same file.
/// - the store: `StoreBenchmarks.swift`.
let benchmarks: @Sendable () -> Void = {
    let root = BundledList.root
    let jsonPath = BundledList.jsonPath
    let compiledPath = BundledList.compiledPath
    guard let jsonData = FileManager.default.contents(atPath: jsonPath) else { fatalError("missing \(jsonPath)") }
    let jsonBytes = [UInt8](jsonData)
    let source: PreloadListSource
    let list: PreloadList
    do {
        source = try PreloadListSource.parse(jsonBytes, fileName: jsonPath)
        list = try PreloadList(contentsOfCompiledFile: compiledPath)
    } catch {
        fatalError("\(error)")
    }
    let hashed: PreloadList
    // The same file with a lookup-index section (`hstsq compile --index hash`), written beside the benchmark.
    let indexedPath = NSTemporaryDirectory() + "hstsq-benchmark-indexed.hstsq"
    let indexed: PreloadList
    do {
        hashed = try PreloadList(contentsOfCompiledFile: compiledPath, index: .hashTable)
        let compact = [UInt8](try Data(contentsOf: URL(fileURLWithPath: compiledPath)))
        try PreloadList.writeAtomically(PreloadList.addingLookupIndexSection(to: compact), to: indexedPath)
        indexed = try PreloadList(contentsOfCompiledFile: indexedPath)
        precondition(indexed.usesHashIndex)
    } catch {
        fatalError("\(error)")
    }
    let stream = QueryStream(names: source.entries.map(\.name), count: 1_000_000)

    // The baseline: every name in a hashed table (the entry's flags as the value, so both compute the same
    // answer), walked from the host up to the TLD; the first hit decides.
    var table: [String: UInt8] = [:]
    for entry in source.entries {
        table[entry.name] = (entry.mode == .forceHTTPS ? 1 : 0) | (entry.includeSubdomains ? 2 : 0)
    }
    let baseline = table

    // Both sides must give the same answers, or the comparison means nothing.
    var agreed = 0
    for (i, host) in stream.strings.enumerated().prefix(20_000) {
        let trie = stream.withQuery(i) { list.decision(utf8: $0)?.upgrade ?? false }
        precondition(trie == baselineUpgrade(host, baseline), "trie and baseline disagree on \(host)")
        precondition(
            stream.withQuery(i) { hashed.decision(utf8: $0) == list.decision(utf8: $0) },
            "hash table and block search disagree on \(host)"
        )
        precondition(
            stream.withQuery(i) { indexed.decision(utf8: $0) == list.decision(utf8: $0) },
            "lookup-index section and block search disagree on \(host)"
        )
        agreed += 1
    }
    precondition(agreed == 20_000)

    let lookups = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .instructions],
        maxDuration: .seconds(10),
        maxIterations: 15
    )

    // Each index of the same file: the block search (the default) and the in-memory hash table.
    let indexes = [
        ("compiled trie", "", list), ("compiled trie + in-memory hash table", "HashTable", hashed),
        ("compiled trie + lookup-index section", "IndexSection", indexed),
    ]
    for (title, _, searched) in indexes {
        Benchmark("Lookup: \(title), 1M mixed queries (ms = ns/lookup)", configuration: lookups) { benchmark in
            var upgrades = 0
            for i in 0..<stream.count {
                if stream.withQuery(i, { searched.decision(utf8: $0)?.upgrade ?? false }) { upgrades += 1 }
            }
            blackHole(upgrades)
        }
    }

    Benchmark("Lookup: Set<String> baseline + parent walk, 1M mixed queries (ms = ns/lookup)", configuration: lookups) {
        benchmark in
        var upgrades = 0
        for host in stream.strings where baselineUpgrade(host, baseline) { upgrades += 1 }
        blackHole(upgrades)
    }

    // The gate for "a lookup allocates nothing": 1,000 lookups per iteration, and the committed threshold
    // Thresholds/LookupBenchmarks.LookupAllocations.p90.json allows 0 mallocs (`thresholds check` in scripts/bench.sh).
    let allocations = Benchmark.Configuration(
        metrics: [.mallocCountTotal, .wallClock],
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 1_000
    )
    for (_, suffix, searched) in indexes {
        Benchmark("LookupAllocations\(suffix)", configuration: allocations) { benchmark in
            var upgrades = 0
            for i in benchmark.scaledIterations
            where stream.withQuery(i % stream.count, { searched.decision(utf8: $0)?.upgrade ?? false }) {
                upgrades += 1
            }
            blackHole(upgrades)
        }
    }

    let once = Benchmark.Configuration(
        metrics: [.wallClock, .peakMemoryResident],
        maxDuration: .seconds(20),
        maxIterations: 5
    )

    Benchmark("Import: hstsq JSON reader + validation (2026-06-01)", configuration: once) { _ in
        blackHole(try PreloadListSource.parse(jsonBytes, fileName: "preload.json").entries.count)
    }

    Benchmark("Import: Foundation JSONDecoder, decode only (2026-06-01)", configuration: once) { _ in
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        blackHole(try decoder.decode(ChromiumList.self, from: jsonData).entries.count)
    }

    Benchmark("Compile: validated list to trie bytes (2026-06-01)", configuration: once) { _ in
        blackHole(try PreloadList.compiledBytes(for: source, compiledAt: 0).count)
    }

    Benchmark("Open: map + checksum the compiled file", configuration: once) { _ in
        blackHole(try PreloadList(contentsOfCompiledFile: compiledPath).entryCount)
    }

    Benchmark("Open: map the compiled file with its lookup-index section", configuration: once) { _ in
        blackHole(try PreloadList(contentsOfCompiledFile: indexedPath).entryCount)
    }

    Benchmark("Open: map + checksum + build the in-memory hash table", configuration: once) { _ in
        blackHole(try PreloadList(contentsOfCompiledFile: compiledPath, index: .hashTable).entryCount)
    }

    storeBenchmarks(root, jsonBytes)
}

/// The list's shape for `JSONDecoder` (explicit coding keys rather than a key strategy, which would slow it down).
struct ChromiumList: Decodable {
    struct PinSet: Decodable {
        var name: String
        var staticSPKIHashes: [String]?
        var badStaticSPKIHashes: [String]?
        var reportURI: String?

        enum CodingKeys: String, CodingKey {
            case name
            case staticSPKIHashes = "static_spki_hashes"
            case badStaticSPKIHashes = "bad_static_spki_hashes"
            case reportURI = "report_uri"
        }
    }

    struct Entry: Decodable {
        var name: String
        var policy: String?
        var mode: String?
        var includeSubdomains: Bool?
        var includeSubdomainsForPinning: Bool?
        var pins: String?
        var expectCT: Bool?
        var expectCTReportURI: String?
        var expectStaple: Bool?
        var includeSubdomainsForExpectStaple: Bool?
        var expectStapleReportURI: String?

        enum CodingKeys: String, CodingKey {
            case name, policy, mode, pins
            case includeSubdomains = "include_subdomains"
            case includeSubdomainsForPinning = "include_subdomains_for_pinning"
            case expectCT = "expect_ct"
            case expectCTReportURI = "expect_ct_report_uri"
            case expectStaple = "expect_staple"
            case includeSubdomainsForExpectStaple = "include_subdomains_for_expect_staple"
            case expectStapleReportURI = "expect_staple_report_uri"
        }
    }

    var pinsets: [PinSet]?
    var entries: [Entry]
}
