import ArgumentParser
import Interactive
import Recording
import Teaching
import Terminal
import Views

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown

    /// A headless run's report in this format.
    func render(_ report: RunReport) -> String {
        switch self {
        case .text: TextReport.render(report)
        case .json: JSONReport.render(report)
        case .markdown: MarkdownReport.render(report)
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
            throw CommandFailure(error.description)
        }
    }
}
