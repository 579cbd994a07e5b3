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
/// file first). Every mode but `print` first prints the best time of opening its file with its index: 20 opens, or 5
/// for `hash-table`, whose open builds the table.
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
/// The best wall time of `runs` calls of `open`, in nanoseconds.
func fastestOpen(runs: Int, _ open: () throws -> PreloadList) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<runs {
        let started = clock.now
        _ = try open()
        fastest = min(fastest, nanoseconds(clock.now - started))
    }
    return fastest
}
var path = BundledList.compiledPath
var index: PreloadList.LookupIndex = indexName == "hash-table" ? .hashTable : .blocks
if indexName == "index-section" {
    let compact = [UInt8](try Data(contentsOf: URL(fileURLWithPath: BundledList.compiledPath)))
    path = NSTemporaryDirectory() + "hstsq-index-section-\(getpid()).hstsq"
    try PreloadList.writeAtomically(PreloadList.addingLookupIndexSection(to: compact), to: path)
    index = .compiledFile
}
defer { if indexName == "index-section" { unlink(path) } }
let list = try PreloadList(contentsOfCompiledFile: path, index: index)
precondition(list.usesHashIndex == (index != .blocks))
if indexName != "print" {
    let runs = indexName == "hash-table" ? 5 : 20
    let open = try fastestOpen(runs: runs) { try PreloadList(contentsOfCompiledFile: path, index: index) }
    print("\(indexName): \(list.compiledSize) bytes, open \(Int(open / 1000)) µs (best of \(runs))")
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
