// swift-tools-version: 6.2
import PackageDescription

// One settings array for every target (swift-asn1 style): Swift 6 mode is set package-wide,
// warnings fail the build, and unsafe code has to say `unsafe` where it happens.
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
        .executable(name: "hstsq", targets: ["hstsq"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // The core an embedder takes alone: standard library only (Glibc for mmap in TrieFile/).
        .target(name: "HSTSPreload", swiftSettings: settings),
        // The system libsqlite3 (apt libsqlite3-dev), for the store.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // Versions and history of the list in SQLite, with each version's compiled trie beside the database.
        .target(name: "HSTSStore", dependencies: ["HSTSPreload", "CSQLite"], swiftSettings: settings),
        // Preload-eligibility rules over headers, domains and captured evidence; no networking.
        .target(name: "HSTSEligibility", dependencies: ["HSTSPreload"], swiftSettings: settings),
        .executableTarget(
            name: "hstsq",
            dependencies: [
                "HSTSPreload",
                "HSTSEligibility",
                "HSTSStore",
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
        .testTarget(
            name: "HSTSQCLITests",
            dependencies: ["hstsq"],
            exclude: ["Fixtures"],
            swiftSettings: settings
        ),
    ],
    swiftLanguageModes: [.v6]
)
