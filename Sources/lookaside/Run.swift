import ArgumentParser
import Scenario
import Views

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario: a path to a .vmm file or the name of a bundled one.")

    @Argument(help: "A .vmm file, or a bundled scenario's name (see 'lookaside list').")
    var scenario: String = BundledScenarios.defaultName

    @Flag(help: "Run without the terminal interface and print each step, the final state and the counters.")
    var headless = false

    @Option(help: "Headless output format: text, json or markdown.")
    var format: ReportFormat = .text

    @Option(help: "Stop after this many steps.")
    var steps: Int?

    @Option(help: "Override the scenario's seed.")
    var seed: UInt64?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a setting of the scenario, e.g. --set replacement=lru --set frames=4.", valueName: "KEY=VALUE"))
    var settings: [String] = []

    func validate() throws {
        if let steps, steps < 0 { throw ValidationError("--steps must be zero or more, not \(steps)") }
    }

    func run() throws {
        let loaded = try ScenarioLoader.loadOrExit(scenario, settings: settings)
        guard headless else {
            printError("lookaside: the interactive interface is not available in this build; add --headless to print the run.")
            throw ExitCode(1)
        }
        let report = RunReport(scenario: loaded, seed: seed, limit: steps)
        switch format {
        case .text: print(TextReport.render(report), terminator: "")
        case .json: print(JSONReport.render(report), terminator: "")
        case .markdown: print(MarkdownReport.render(report), terminator: "")
        }
    }
}
