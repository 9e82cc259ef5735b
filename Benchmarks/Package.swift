// swift-tools-version: 6.0
import PackageDescription

// Benchmarks live in their own package so the main build, and every CI run, stays lean.
// Run: swift run -c release --package-path Benchmarks lookaside-bench
let package = Package(
    name: "LookasideBenchmarks",
    dependencies: [.package(name: "Lookaside", path: "..")],
    targets: [
        .executableTarget(
            name: "lookaside-bench",
            dependencies: [
                .product(name: "VMM", package: "Lookaside"),
                .product(name: "Scenario", package: "Lookaside"),
                .product(name: "Interactive", package: "Lookaside"),
                .product(name: "Runs", package: "Lookaside"),
                .product(name: "Views", package: "Lookaside"),
                "Yardstick",
            ]),
        // A minimal C simulator: each trace benchmark prints its time beside Lookaside's, with the ratio.
        .target(name: "Yardstick", cSettings: [.unsafeFlags(["-O2"])]),
    ],
    swiftLanguageModes: [.v6]
)
