// swift-tools-version: 6.2
import PackageDescription

// One settings array for every target (swift-asn1 style): Swift 6 mode is set package-wide,
// warnings fail the build, and unsafe code has to say `unsafe` where it happens.
// (strictMemorySafety stays first: the C library's test target drops it.)
let settings: [SwiftSetting] = [
    .strictMemorySafety(),
    .treatAllWarnings(as: .error),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "hstsq",
    products: [
        .library(name: "HSTSPreload", targets: ["HSTSPreload"]),
        .library(name: "HSTSEligibility", targets: ["HSTSEligibility"]),
        .library(name: "HSTSStore", targets: ["HSTSStore"]),
        .library(name: "HSTSProbe", targets: ["HSTSProbe"]),
        .library(name: "HSTSMechanisms", targets: ["HSTSMechanisms"]),
        .library(name: "HSTSServer", targets: ["HSTSServer"]),
        .executable(name: "hstsq", targets: ["hstsq"]),
        // libhstsq.so: the lookup for C and any language with a C FFI (hstsq.h, and libhsts.h for libhsts programs).
        .library(name: "hstsq-c", type: .dynamic, targets: ["HSTSQCAPI"]),
        // Test support, like swift-nio's NIOTestUtils: loopback sites for the tests and the probe benchmark.
        .library(name: "LoopbackServers", targets: ["LoopbackServers"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The core an embedder takes alone: standard library only (Glibc for mmap in TrieFile/).
        .target(name: "HSTSPreload", swiftSettings: settings),
        // The C headers (hstsq.h, libhsts.h), the libhsts API over them, and where the installed list is.
        .target(
            name: "CHSTSQ",
            exclude: ["exports.map"],
            linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("pthread")]
        ),
        // hstsq.h's functions, exported from Swift with C names; the library product links it with CHSTSQ.
        .target(
            name: "HSTSQCAPI",
            dependencies: ["HSTSPreload", "CHSTSQ"],
            swiftSettings: settings,
            linkerSettings: [.unsafeFlags(["-Xlinker", "-soname=libhstsq.so"])]
        ),
        // The system libsqlite3 (apt libsqlite3-dev), for the store.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // Versions and history of the list in SQLite, with each version's compiled trie beside the database.
        .target(name: "HSTSStore", dependencies: ["HSTSPreload", "CSQLite"], swiftSettings: settings),
        // Preload-eligibility rules over headers, domains and captured evidence; no networking.
        .target(name: "HSTSEligibility", dependencies: ["HSTSPreload"], swiftSettings: settings),
        // Each upgrade mechanism's rule per browser (preload, learned HSTS, HTTPS-Upgrades, DNS) and list freshness.
        .target(name: "HSTSMechanisms", dependencies: ["HSTSPreload", "HSTSEligibility"], swiftSettings: settings),
        // The networking module: live evidence for the eligibility rules (HTTP and HTTPS requests, redirects by hand,
        // TLS details), live audits of many domains, and downloading the list.
        .target(
            name: "HSTSProbe",
            dependencies: [
                "HSTSPreload",
                "HSTSEligibility",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: settings
        ),
        // `check`'s answer for one target (the decision, every mechanism, the list it came from) and its JSON object,
        // shared by the CLI and the server.
        .target(
            name: "HSTSCheck",
            dependencies: ["HSTSPreload", "HSTSMechanisms", "HSTSStore"],
            swiftSettings: settings
        ),
        // The hstspreload.org v2 API (and a bulk status endpoint) over HTTP, answering from a list or the store,
        // plus the exporters that write the list for other HSTS clients.
        .target(
            name: "HSTSServer",
            dependencies: [
                "HSTSPreload",
                "HSTSEligibility",
                "HSTSMechanisms",
                "HSTSCheck",
                "HSTSStore",
                "HSTSProbe",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: settings
        ),
        // data/'s compiled list and Public Suffix List, embedded in the binary (C23 #embed).
        .target(name: "CBundledData"),
        .executableTarget(
            name: "hstsq",
            dependencies: [
                "CBundledData",
                "HSTSPreload",
                "HSTSCheck",
                "HSTSEligibility",
                "HSTSMechanisms",
                "HSTSStore",
                "HSTSProbe",
                "HSTSServer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "HSTSPreloadTests",
            dependencies: ["HSTSPreload"],
            exclude: ["Fixtures"],
            swiftSettings: settings
        ),
        // Calls hstsq.h through its C declarations, pointers everywhere: strict memory safety would only add `unsafe`
        // to every line.
        .testTarget(
            name: "CLibraryTests",
            dependencies: ["HSTSQCAPI", "HSTSPreload"],
            swiftSettings: Array(settings.dropFirst())
        ),
        .testTarget(
            name: "HSTSMechanismsTests",
            dependencies: ["HSTSMechanisms", "HSTSPreload", "HSTSEligibility"],
            swiftSettings: settings
        ),
        .testTarget(
            name: "HSTSStoreTests",
            dependencies: ["HSTSStore"],
            exclude: ["Fixtures"],
            swiftSettings: settings
        ),
        .testTarget(
            name: "HSTSEligibilityTests",
            dependencies: ["HSTSEligibility"],
            exclude: ["Fixtures"],
            swiftSettings: settings
        ),
        // Real HTTP and HTTPS servers on loopback, with a certificate authority made at run time, for the tests.
        .target(
            name: "LoopbackServers",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            path: "Tests/LoopbackServers",
            swiftSettings: settings
        ),
        .testTarget(
            name: "HSTSProbeTests",
            dependencies: ["HSTSProbe", "HSTSEligibility", "HSTSPreload", "LoopbackServers"],
            swiftSettings: settings
        ),
        .testTarget(
            name: "HSTSServerTests",
            dependencies: [
                "HSTSServer",
                "HSTSPreload",
                "HSTSStore",
                "hstsq",
                "LoopbackServers",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: settings
        ),
        .testTarget(
            name: "HSTSQCLITests",
            dependencies: ["hstsq", "LoopbackServers"],
            exclude: ["Fixtures"],
            swiftSettings: settings
        ),
    ],
    swiftLanguageModes: [.v6]
)
