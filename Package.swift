// swift-tools-version: 6.0
import PackageDescription

// Layers, each importing only the ones below it (the arrows of docs/architecture.md):
//
//   lookaside (command line)
//     -> Terminal (ncurses adapter, the interactive loop)
//       -> Views (pure rendering: grid, layout, panes, screens, reports)
//         -> Recording (replay files: record, play, verify)
//           -> Interactive (session state, update, key bindings, compare)
//             -> Teaching (quiz, exercises)
//               -> Scenario (the .vmm language, traces, the bundled library)
//                 -> VMM (the engine)
let package = Package(
    name: "Lookaside",
    products: [
        .executable(name: "lookaside", targets: ["lookaside"]),
        .library(name: "VMM", targets: ["VMM"]),
        .library(name: "Scenario", targets: ["Scenario"]),
        .library(name: "Teaching", targets: ["Teaching"]),
        .library(name: "Interactive", targets: ["Interactive"]),
        .library(name: "Recording", targets: ["Recording"]),
        .library(name: "Runs", targets: ["Runs"]),
        .library(name: "Views", targets: ["Views"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // The simulation engine: pure Swift, deterministic, no I/O, knows nothing of terminals. Imports nothing of ours.
        .target(name: "VMM"),
        // The .vmm scenario language, memory traces and the bundled library (scenarios/, embedded at build time). Imports VMM.
        .target(name: "Scenario", dependencies: ["VMM"], plugins: ["EmbedScenarios"]),
        // Teaching: the predict-then-step quiz (its state and update) and generated exercises. Imports Scenario, VMM.
        .target(name: "Teaching", dependencies: ["Scenario", "VMM"]),
        // The interactive model: a session's state and update, key bindings as data, two sessions compared.
        // Imports Teaching (the quiz is a child of the session), Scenario, VMM.
        .target(name: "Interactive", dependencies: ["Teaching", "Scenario", "VMM"]),
        // Replay files: the format, recording as a session goes, playback and verification. Imports Interactive and below.
        .target(name: "Recording", dependencies: ["Interactive", "Scenario", "VMM"]),
        // Runs of a scenario, headless: a scenario run (its steps, final machine and lesson checks, or
        // streamed to an observer), two configurations compared, a recording's screens played back.
        // Everything below Views that steps a machine or drives a replay for a report. Imports Recording and below.
        .target(name: "Runs", dependencies: ["Recording", "Interactive", "Scenario", "VMM"]),
        // Pure functions of state: a grid of cells, the layout, panes, whole screens, the hit test, and the
        // text, markdown and JSON reports of runs. No update logic, no stepping, no terminal. Imports the layers below it.
        .target(name: "Views", dependencies: ["Runs", "RealKernel", "Recording", "Interactive", "Teaching", "Scenario", "VMM"]),
        // The only code that calls ncurses: copies a grid to the screen, reads keys, restores the terminal;
        // and the loop that turns keys and time into actions. Imports Views, Interactive.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        .target(name: "Terminal", dependencies: ["CNcursesw", "Views", "Interactive"]),
        // The real kernel beside the model: the helper processes (C, since a scenario's fork is a real
        // fork), the /proc and cachestat readers, and a run that does every step in both worlds.
        // The only code that forks, spawns helpers or reads /proc. Imports Scenario, VMM.
        .target(name: "CKernelHelper"),
        .target(name: "RealKernel", dependencies: ["CKernelHelper", "Scenario", "VMM"]),
        // The command line: parses arguments, runs the layers, renders every error in one place.
        .executableTarget(
            name: "lookaside",
            dependencies: [
                "VMM", "Scenario", "Teaching", "Interactive", "Recording", "Runs", "Views", "Terminal", "RealKernel", "CKernelHelper",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Build-time tool that compiles scenarios/*.vmm into the Scenario module.
        .executableTarget(name: "ScenarioEmbedder"),
        .plugin(name: "EmbedScenarios", capability: .buildTool(), dependencies: ["ScenarioEmbedder"]),

        .testTarget(name: "VMMTests", dependencies: ["VMM"], exclude: ["Reference"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "VMM"], exclude: ["BadScenarios", "Golden"]),
        .testTarget(name: "TeachingTests", dependencies: ["Teaching", "Scenario", "VMM"]),
        .testTarget(name: "InteractiveTests", dependencies: ["Interactive", "Teaching", "Scenario", "VMM"]),
        .testTarget(
            name: "RecordingTests", dependencies: ["Recording", "Interactive", "Scenario", "VMM"],
            exclude: ["BadReplays", "ForgedReplays"]),
        .testTarget(
            name: "ViewsTests", dependencies: ["Views", "Runs", "Recording", "Interactive", "Teaching", "Scenario", "VMM"],
            exclude: ["Snapshots"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Views", "Recording", "Interactive", "Scenario", "VMM"]),
        .testTarget(name: "LookasideTests", dependencies: ["Scenario", "VMM"]),
    ],
    swiftLanguageModes: [.v6]
)
