import ArgumentParser
import Scenario

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the bundled scenarios with their titles.")

    func run() throws {
        let width = BundledScenarios.names.map(\.count).max() ?? 0
        for name in BundledScenarios.names {
            let title = (try? BundledScenarios.load(name))??.title ?? "(does not parse: run 'lookaside check \(name)')"
            try StandardOutput.line(name + String(repeating: " ", count: width - name.count) + "  " + title)
        }
    }
}
