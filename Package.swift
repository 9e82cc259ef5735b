// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Lookaside",
    products: [
        .library(name: "VMM", targets: ["VMM"]),
    ],
    targets: [
        // The simulation engine: pure Swift, deterministic, no I/O, no terminal.
        .target(name: "VMM"),
        .testTarget(name: "VMMTests", dependencies: ["VMM"]),
    ],
    swiftLanguageModes: [.v6]
)
