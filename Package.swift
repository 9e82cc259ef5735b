// swift-tools-version: 6.0
import PackageDescription

// Layers, each depending only downwards:
//   lookaside (command line) -> Terminal (ncurses) -> Views -> Scenario -> VMM (engine)
let package = Package(
    name: "Lookaside",
    products: [
        .executable(name: "lookaside", targets: ["lookaside"]),
        .library(name: "VMM", targets: ["VMM"]),
        .library(name: "Scenario", targets: ["Scenario"]),
        .library(name: "Views", targets: ["Views"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The simulation engine: pure Swift, deterministic, no I/O, knows nothing of terminals.
        .target(name: "VMM"),
        // The .vmm scenario language and the bundled library (scenarios/, embedded at build time).
        .target(name: "Scenario", dependencies: ["VMM"], plugins: ["EmbedScenarios"]),
        // Pure functions of state: tables, headless reports, and panes drawn into a grid of cells.
        .target(name: "Views", dependencies: ["VMM", "Scenario"]),
        // The only code that calls ncurses: copies a grid to the screen, reads keys, restores the terminal.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        .target(name: "Terminal", dependencies: ["CNcursesw", "Views"]),
        // The command line.
        .executableTarget(name: "lookaside", dependencies: [
            "VMM", "Scenario", "Views", "Terminal",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Build-time tool that compiles scenarios/*.vmm into the Scenario module.
        .executableTarget(name: "ScenarioEmbedder"),
        .plugin(name: "EmbedScenarios", capability: .buildTool(), dependencies: ["ScenarioEmbedder"]),

        .testTarget(name: "VMMTests", dependencies: ["VMM"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "VMM"], exclude: ["BadScenarios", "BadReplays"]),
        .testTarget(name: "ViewsTests", dependencies: ["Views", "Scenario", "VMM"], exclude: ["Snapshots", "ForgedReplays"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Views", "Scenario", "VMM"]),
        .testTarget(name: "LookasideTests", dependencies: ["Scenario", "VMM"]),
    ],
    swiftLanguageModes: [.v6]
)
