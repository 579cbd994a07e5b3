// swift-tools-version: 6.2
import PackageDescription

// Benchmarks live in their own package so the main package's build and tests stay free of the benchmark
// plugin and its malloc interposer. Run: scripts/bench.sh (or `swift package benchmark` here).
let package = Package(
    name: "hstsq-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named explicitly: a path dependency is otherwise known by its folder name, which differs between clones.
        .package(name: "hstsq", path: "../"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The query stream and `Set` baseline of the lookup figures, shared by the two targets below.
        .target(name: "LookupQueries", path: "Benchmarks/LookupQueries"),
        .executableTarget(
            name: "LookupBenchmarks",
            dependencies: [
                "LookupQueries",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HSTSPreload", package: "hstsq"),
                .product(name: "HSTSStore", package: "hstsq"),
            ],
            path: "Benchmarks/LookupBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The instruction count per lookup, run under callgrind by scripts/callgrind-lookup.sh.
        .executableTarget(
            name: "LookupInstructions",
            dependencies: ["LookupQueries", .product(name: "HSTSPreload", package: "hstsq")],
            path: "Benchmarks/LookupInstructions"
        ),
        // Loopback sites answering after a delay, for scripts/bench-probe.sh to audit.
        .executableTarget(
            name: "ProbeBenchSites",
            dependencies: [
                .product(name: "LoopbackServers", package: "hstsq"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/ProbeBenchSites"
        ),
    ],
    swiftLanguageModes: [.v6]
)
