import Foundation
import PackagePlugin

/// Compiles every `scenarios/*.vmm` file into the Scenario module, so the bundled library
/// travels inside the binary and is found wherever the program is run from.
@main
struct EmbedScenarios: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "scenarios")
        let scenarios = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "vmm" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledScenarioTexts.swift")
        return [.buildCommand(
            displayName: "Embedding \(scenarios.count) bundled scenarios",
            executable: try context.tool(named: "ScenarioEmbedder").url,
            arguments: [output.path] + scenarios.map(\.path),
            inputFiles: scenarios,
            outputFiles: [output])]
    }
}
