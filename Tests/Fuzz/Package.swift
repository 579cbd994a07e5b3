// swift-tools-version: 6.2
import PackageDescription

// libFuzzer targets, in a package of their own (as swift-protobuf's FuzzTesting) so that the main package never
// builds with fuzzer flags. scripts/fuzz builds one product here with `-Xswiftc -sanitize=fuzzer,address` and runs
// it on corpus/PRODUCT/.
//
// The targets check `package` API of the core and of the eligibility rules, which only modules of the same package
// can see. So HSTSPreload and HSTSEligibility are compiled here again, from the main package's own files:
// Sources/HSTSPreload and Sources/HSTSEligibility in this folder are symbolic links to ../../../Sources/…, built
// with the same settings as in the main package (keep the two arrays alike).
let settings: [SwiftSetting] = [
    .strictMemorySafety(),
    .treatAllWarnings(as: .error),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "hstsq-fuzz",
    // One executable per fuzz target, named as scripts/fuzz and corpus/ name it.
    products: [
        .executable(name: "json-import", targets: ["JSONImportFuzz"]),
        .executable(name: "trie-reader", targets: ["TrieReaderFuzz"]),
        .executable(name: "host-normalization", targets: ["HostNormalizationFuzz"]),
        .executable(name: "header", targets: ["HeaderFuzz"]),
        .executable(name: "har-evidence", targets: ["HAREvidenceFuzz"]),
        .executable(name: "curl-evidence", targets: ["CurlEvidenceFuzz"]),
        .executable(name: "public-suffix-list", targets: ["PublicSuffixListFuzz"]),
    ],
    targets: [
        // libFuzzer's driver, which each target starts from its `@main` type.
        .target(name: "CLibFuzzer"),
        .target(name: "HSTSPreload", swiftSettings: settings),
        .target(name: "HSTSEligibility", dependencies: ["HSTSPreload"], swiftSettings: settings),
        // The properties every accepted capture must have, shared by the two evidence readers' targets.
        .target(name: "EvidenceProperties", dependencies: ["HSTSEligibility"], swiftSettings: settings),
        .executableTarget(
            name: "JSONImportFuzz",
            dependencies: ["CLibFuzzer", "HSTSPreload"],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "TrieReaderFuzz",
            dependencies: ["CLibFuzzer", "HSTSPreload"],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "HostNormalizationFuzz",
            dependencies: ["CLibFuzzer", "HSTSPreload"],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "HeaderFuzz",
            dependencies: ["CLibFuzzer", "HSTSEligibility"],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "HAREvidenceFuzz",
            dependencies: ["CLibFuzzer", "EvidenceProperties", "HSTSEligibility"],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "CurlEvidenceFuzz",
            dependencies: ["CLibFuzzer", "EvidenceProperties", "HSTSEligibility"],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "PublicSuffixListFuzz",
            dependencies: ["CLibFuzzer", "HSTSEligibility", "HSTSPreload"],
            swiftSettings: settings
        ),
    ],
    swiftLanguageModes: [.v6]
)
