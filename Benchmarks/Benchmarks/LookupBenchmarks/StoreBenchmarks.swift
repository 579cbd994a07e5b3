import Benchmark
import Foundation
import HSTSPreload
import HSTSStore

/// The store's figures, beside the `JSONDecoder` decode-only baseline registered in `benchmarks`.
///
/// - `hstsq import` end to end on the 2026-06-01 list: parse and validate, compile and write the trie file (fsync,
///   rename), insert every entry in one SQLite transaction, commit. A new empty store per iteration.
/// - the diff of 2026-05-01 against 2026-06-01 from a store holding both: read both versions' entries and merge.
let storeBenchmarks: @Sendable (_ root: URL, _ june: [UInt8]) -> Void = { root, june in
    let mayPath = root.appendingPathComponent("Tests/HSTSStoreTests/Fixtures/preload-2026-05-01.json").path
    guard let mayData = FileManager.default.contents(atPath: mayPath) else { fatalError("missing \(mayPath)") }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-bench-\(getpid())")

    let once = Benchmark.Configuration(
        metrics: [.wallClock, .peakMemoryResident],
        maxDuration: .seconds(30),
        maxIterations: 7
    )

    Benchmark("Store: import end to end, JSON to SQLite + trie (2026-06-01)", configuration: once) { benchmark in
        let directory = scratch.appendingPathComponent("import-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        benchmark.startMeasurement()
        let outcome = try PreloadStore(directory: directory).importList(
            june,
            fileName: "preload-2026-06-01.json",
            source: "preload-2026-06-01.json",
            now: 1_780_272_000
        )
        benchmark.stopMeasurement()
        guard case .imported(let version, _) = outcome, version.entryCount == 94_600 else {
            fatalError("unexpected import outcome \(outcome)")
        }
    }

    let diffStore = PreloadStore(directory: scratch.appendingPathComponent("diff").path)
    Benchmark(
        "Store: diff 2026-05-01 → 2026-06-01 (read both versions, merge)",
        configuration: once,
        closure: { _ in
            let old = try diffStore.version(named: "may")
            let new = try diffStore.version(named: "june")
            let diff = ListDiff(from: try diffStore.allEntries(of: old), to: try diffStore.allEntries(of: new))
            precondition(diff.added.count == 5_712 && diff.removed.count == 3_709)
            blackHole(diff)
        },
        setup: {
            try? FileManager.default.removeItem(at: scratch.appendingPathComponent("diff"))
            _ = try diffStore.importList([UInt8](mayData), fileName: "may", source: mayPath, label: "may", now: 1)
            _ = try diffStore.importList(june, fileName: "june", source: "june", label: "june", now: 2)
        },
        teardown: {
            try? FileManager.default.removeItem(at: scratch)
        }
    )
}
