import ArgumentParser
import Recording
import Views

/// A recorded session out of the terminal: an asciinema cast that plays as it looked live.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Export a recorded session (.lkr) as an asciinema cast or one self-contained HTML page, drawn as the interface drew it, at the recorded pace.",
        discussion: """
            Examples: lookaside export walkthrough.lkr -o walk.cast (then asciinema play walk.cast); \
            lookaside export walkthrough.lkr -o walk.html (opens offline in any browser: ← → step, space plays)
            """)

    @Argument(help: "The replay file.")
    var file: String

    @Option(help: "cast (asciinema's format, version 2) or html (default: from the output file's extension, else cast).")
    var format: ExportFormat?

    @Option(help: ArgumentHelp("The screen's size in cells, at least 80x24.", valueName: "WIDTHxHEIGHT"))
    var size: String = "120x40"

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write it ('-' or nothing: standard output).", valueName: "FILE"))
    var output: String?

    enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
        case cast, html
    }

    func validate() throws { _ = try ExportOutput.screenSize(size) }

    func run() throws {
        let replay = try PlayCommand.load(file)
        for warning in replay.warnings { printError("warning: \(warning)") }
        let (width, height) = try ExportOutput.screenSize(size)
        let chosen = format ?? (output?.lowercased().hasSuffix(".html") == true ? .html : .cast)
        let text =
            chosen == .html
            ? RecordingExport.html(replay, width: width, height: height) : RecordingExport.cast(replay, width: width, height: height)
        try ExportOutput.write(text, to: output, what: chosen == .html ? "page" : "cast")
    }
}
