import ArgumentParser
import Scenario
import Terminal
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

    @Option(help: ArgumentHelp("Record the session to a replay file (.lkr) as you work.", valueName: "FILE"))
    var record: String?

    @Flag(help: "Draw boxes with plain ASCII characters instead of UTF-8 line drawing.")
    var ascii = false

    @Flag(name: .customLong("no-color"), help: "No colour (also when the NO_COLOR environment variable is set).")
    var noColor = false

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a setting of the scenario, e.g. --set replacement=lru --set frames=4.", valueName: "KEY=VALUE"))
    var settings: [String] = []

    func validate() throws {
        if let steps, steps < 0 { throw ValidationError("--steps must be zero or more, not \(steps)") }
        if record != nil, headless { throw ValidationError("--record records what you do in the interface; leave out --headless") }
    }

    func run() throws {
        let loaded = try ScenarioLoader.loadOrExit(scenario, settings: settings)
        guard headless else {
            try runInteractively(loaded)
            return
        }
        let report = RunReport(scenario: loaded, seed: seed, limit: steps)
        switch format {
        case .text: print(TextReport.render(report), terminator: "")
        case .json: print(JSONReport.render(report), terminator: "")
        case .markdown: print(MarkdownReport.render(report), terminator: "")
        }
    }
}

extension Run {
    func runInteractively(_ scenario: Scenario) throws {
        var recorder: Recorder?
        if let record {
            do {
                recorder = try Recorder(path: record, scenario: scenario, seed: seed, settings: settings)
            } catch {
                printError(error.description)
                throw ExitCode(1)
            }
        }
        let screen = try TerminalScreen.startOrExit(ascii: ascii, monochrome: noColor)
        var loop = InteractiveLoop(session: Session(scenario: scenario, seed: seed), screen: screen, recorder: recorder)
        loop.run()
        screen.stop()
        if let failure = recorder?.failure {
            printError(failure)
            throw ExitCode(1)
        }
    }
}

extension TerminalScreen {
    static func startOrExit(ascii: Bool, monochrome: Bool) throws(ExitCode) -> TerminalScreen {
        do {
            return try TerminalScreen(ascii: ascii, monochrome: monochrome)
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
    }
}
