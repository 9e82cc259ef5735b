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
        // The tool lists the folder itself when it runs, and the folder is an input: adding or
        // removing a scenario changes the folder, so the embedding is redone without a re-plan.
        return [
            .buildCommand(
                displayName: "Embedding the bundled scenarios",
                executable: try context.tool(named: "ScenarioEmbedder").url,
                arguments: [output.path, folder.path],
                inputFiles: [folder] + scenarios,
                outputFiles: [output])
        ]
    }
}
