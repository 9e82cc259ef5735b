import ArgumentParser
import Runs
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
        let chosen = format ?? (output?.lowercased().hasSuffix(".html") == true ? .html : .cast)
        // Opened first: an output that is the recording itself is refused before anything is read.
        let out = try OutputFile(output, what: chosen == .html ? "page" : "cast", inputs: [file])
        let replay = try PlayCommand.load(file)
        for warning in replay.warnings { printError("warning: \(warning)") }
        let (width, height) = try ExportOutput.screenSize(size)
        // Frames go out as they are drawn: memory is a screen or two, whatever the recording's length.
        var export = try RecordingExport(
            chosen == .html ? .page : .cast, title: replay.scenario.title, width: width, height: height, to: out.write)
        try RecordedScreens.play(replay, to: &export)
        try out.commit()
    }
}
