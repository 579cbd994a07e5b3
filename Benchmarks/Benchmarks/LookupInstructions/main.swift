import Foundation
import HSTSPreload
import LookupQueries

/// The instruction count per lookup: the first N queries of the benchmarks' 1M-query stream through
/// `PreloadList.decision(utf8:)`, for `scripts/callgrind-lookup.sh` to count under callgrind, toggled on that
/// function's symbol so that the set-up is not counted.
///
/// It also prints the wall time per lookup, and `print` writes the stream's first QUERIES hosts one per line, for
/// the C library's benchmark (scripts/bench-c-library.sh) to look up the same hosts.
///
/// Usage: LookupInstructions (hash-table | blocks | print) [QUERIES]
let arguments = Array(CommandLine.arguments.dropFirst())
guard let indexName = arguments.first, ["hash-table", "blocks", "print"].contains(indexName) else {
    FileHandle.standardError.write(Data("usage: LookupInstructions (hash-table | blocks | print) [QUERIES]\n".utf8))
    exit(3)
}
let queries = arguments.dropFirst().first.flatMap { Int($0) } ?? 200_000

guard let json = FileManager.default.contents(atPath: BundledList.jsonPath) else {
    FileHandle.standardError.write(Data("LookupInstructions: cannot read \(BundledList.jsonPath)\n".utf8))
    exit(1)
}
let source = try PreloadListSource.parse([UInt8](json), fileName: BundledList.jsonPath)
let list = try PreloadList(
    contentsOfCompiledFile: BundledList.compiledPath,
    index: indexName == "hash-table" ? .hashTable : .compiledFile
)
let stream = QueryStream(names: source.entries.map(\.name), count: 1_000_000)
let count = min(queries, stream.count)
if indexName == "print" {
    print(stream.strings.prefix(count).joined(separator: "\n"))
    exit(0)
}

/// One `decision(utf8:)` call per query, so that a callgrind count divided by `count` is instructions per lookup.
func upgrades(_ list: PreloadList, _ stream: QueryStream, _ count: Int) -> Int {
    var upgrades = 0
    for i in 0..<count where stream.withQuery(i, { list.decision(utf8: $0)?.upgrade ?? false }) { upgrades += 1 }
    return upgrades
}

let clock = ContinuousClock()
let started = clock.now
let found = upgrades(list, stream, count)
let elapsed = clock.now - started
let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
print("\(indexName): \(count) queries, \(found) upgrades, \(Int(nanoseconds / Double(count))) ns per lookup")
