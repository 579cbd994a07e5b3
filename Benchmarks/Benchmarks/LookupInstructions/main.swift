import Foundation
import HSTSPreload
import LookupQueries

/// Issue 2's instruction count: the first N queries of the benchmarks' 1M-query stream through
/// `PreloadList.decision(utf8:)` (or the batched `decisions(utf8:ranges:)`), for `scripts/callgrind-lookup.sh` to
/// count under callgrind, toggled on the lookup's own symbol so the set-up is not counted.
///
/// Usage: LookupInstructions (hash-table | blocks) [QUERIES] [--batched]
let arguments = Array(CommandLine.arguments.dropFirst())
guard let indexName = arguments.first, ["hash-table", "blocks"].contains(indexName) else {
    FileHandle.standardError.write(Data("usage: LookupInstructions (hash-table | blocks) [QUERIES] [--batched]\n".utf8))
    exit(3)
}
let queries = arguments.dropFirst().first.flatMap { Int($0) } ?? 200_000
let batched = arguments.contains("--batched")

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let jsonPath = root.appendingPathComponent("data/preload-2026-06-01.json").path
let compiledPath = root.appendingPathComponent("data/preload-2026-06-01.hstsq").path
guard let json = FileManager.default.contents(atPath: jsonPath) else {
    FileHandle.standardError.write(Data("LookupInstructions: cannot read \(jsonPath)\n".utf8))
    exit(1)
}
let source = try PreloadListSource.parse([UInt8](json), fileName: jsonPath)
let list = try PreloadList(
    contentsOfCompiledFile: compiledPath,
    index: indexName == "hash-table" ? .hashTable : .compiledFile
)
let stream = QueryStream(names: source.entries.map(\.name), count: 1_000_000)
let count = min(queries, stream.count)

/// One lookup per query, so that a callgrind count divided by `count` is instructions per lookup.
func upgrades(_ list: PreloadList, _ stream: QueryStream, _ count: Int, batched: Bool) -> Int {
    var upgrades = 0
    if batched {
        let ranges = (0..<count).map { stream.offsets[$0]..<stream.offsets[$0 + 1] }
        list.decisions(utf8: stream.bytes.span, ranges: ranges.span) { _, decision in
            if decision?.upgrade ?? false { upgrades += 1 }
        }
    } else {
        for i in 0..<count where stream.withQuery(i, { list.decision(utf8: $0)?.upgrade ?? false }) {
            upgrades += 1
        }
    }
    return upgrades
}

print(
    "\(indexName)\(batched ? ", batched" : ""): \(count) queries, \(upgrades(list, stream, count, batched: batched)) upgrades"
)
