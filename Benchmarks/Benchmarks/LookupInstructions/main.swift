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
/// `index-section` looks up through a copy of the compiled file with a lookup-index section (written to a temporary
/// file first), and also prints the best time of 20 opens of that file.
///
/// Usage: LookupInstructions (hash-table | blocks | index-section | print) [QUERIES]
let arguments = Array(CommandLine.arguments.dropFirst())
let modes = ["hash-table", "blocks", "index-section", "print"]
guard let indexName = arguments.first, modes.contains(indexName) else {
    FileHandle.standardError.write(
        Data("usage: LookupInstructions (hash-table | blocks | index-section | print) [QUERIES]\n".utf8)
    )
    exit(3)
}
let queries = arguments.dropFirst().first.flatMap { Int($0) } ?? 200_000

guard let json = FileManager.default.contents(atPath: BundledList.jsonPath) else {
    FileHandle.standardError.write(Data("LookupInstructions: cannot read \(BundledList.jsonPath)\n".utf8))
    exit(1)
}
let source = try PreloadListSource.parse([UInt8](json), fileName: BundledList.jsonPath)
let clock = ContinuousClock()
func nanoseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9
}
let list: PreloadList
if indexName == "index-section" {
    let compact = [UInt8](try Data(contentsOf: URL(fileURLWithPath: BundledList.compiledPath)))
    let path = NSTemporaryDirectory() + "hstsq-index-section-\(getpid()).hstsq"
    try PreloadList.writeAtomically(PreloadList.addingLookupIndexSection(to: compact), to: path)
    defer { unlink(path) }
    var fastestOpen = Double.infinity
    for _ in 0..<20 {
        let started = clock.now
        let opened = try PreloadList(contentsOfCompiledFile: path)
        fastestOpen = min(fastestOpen, nanoseconds(clock.now - started))
        precondition(opened.usesHashIndex)
    }
    list = try PreloadList(contentsOfCompiledFile: path)
    print("index-section: \(list.compiledSize) bytes, open \(Int(fastestOpen / 1000)) µs (best of 20)")
} else {
    list = try PreloadList(
        contentsOfCompiledFile: BundledList.compiledPath,
        index: indexName == "hash-table" ? .hashTable : .blocks
    )
}
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

let started = clock.now
let found = upgrades(list, stream, count)
let elapsed = nanoseconds(clock.now - started)
print("\(indexName): \(count) queries, \(found) upgrades, \(Int(elapsed / Double(count))) ns per lookup")
