import ArgumentParser
import Scenario
import Runs
import Terminal
import Views

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown

    /// The report in this format.
    var style: any StreamedReport.Type {
        switch self {
        case .text: TextReport.self
        case .json: JSONReport.self
        case .markdown: MarkdownReport.self
        }
    }

    /// Runs `scenario` headless and writes the report to standard output as the run goes, in
    /// constant memory however many steps it takes.
    func stream(
        _ scenario: Scenario, seed: UInt64?, limit: Int?, statesAfter: @escaping (Int) -> Bool = { _ in false }, anatomy: Bool = false
    ) throws(CommandFailure) {
        var output = BufferedOutput()
        do {
            var writer = ReportWriter(style, statesAfter: statesAfter, anatomy: anatomy) { try output.write($0) }
            _ = try ScenarioRun.stream(scenario: scenario, seed: seed, limit: limit, to: &writer)
            try output.flush()
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw .output("lookaside: \(error)")
        }
    }
}

/// How the terminal interface draws, for every command that opens it.
struct DisplayOptions: ParsableArguments {
    @Flag(help: "Draw boxes with plain ASCII characters instead of UTF-8 line drawing.")
    var ascii = false

    @Flag(name: .customLong("no-color"), help: "No colour (also when the NO_COLOR environment variable is set).")
    var noColor = false

    func startScreen() throws(CommandFailure) -> TerminalScreen {
        try TerminalScreen.startOrExit(ascii: ascii, monochrome: noColor)
    }
}

extension TerminalScreen {
    static func startOrExit(ascii: Bool, monochrome: Bool) throws(CommandFailure) -> TerminalScreen {
        do {
            return try TerminalScreen(ascii: ascii, monochrome: monochrome)
        } catch {
            throw .unavailable(error.description)
        }
    }
}
