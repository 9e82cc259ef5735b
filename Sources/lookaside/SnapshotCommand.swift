import ArgumentParser
import FoundationEssentials
import Interactive
import Views

/// One screen of a scenario, at a chosen step and size, as a file for slides and handouts.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Save one screen of a scenario at a step, as SVG, HTML or text, for slides and handouts.",
        discussion: "Example: lookaside snapshot lost-update --step 10 --size 120x40 -o step10.svg")

    @Argument(help: "A .vmm file, or a bundled scenario's name.")
    var scenario: String

    @Option(help: "The step to show (0: before the first; past the end: the last).")
    var step: Int = 0

    @Option(help: ArgumentHelp("The screen's size in cells, at least 80x24.", valueName: "WIDTHxHEIGHT"))
    var size: String = "120x40"

    @Option(help: "svg, html or text (default: from the output file's extension, else text).")
    var format: SnapshotFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write it ('-' or nothing: standard output).", valueName: "FILE"))
    var output: String?

    @Flag(help: "Show the address anatomy of the step's access above its events.")
    var anatomy = false

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Override a setting of the scenario, e.g. --set replacement=lru.", valueName: "KEY=VALUE"))
    var settings: [String] = []

    enum SnapshotFormat: String, ExpressibleByArgument, CaseIterable {
        case svg, html, text
    }

    var chosenFormat: SnapshotFormat {
        if let format { return format }
        let ending = output?.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return SnapshotFormat(rawValue: ending == "htm" ? "html" : ending) ?? .text
    }

    func validate() throws {
        guard step >= 0 else { throw ValidationError("--step must be 0 or more, not \(step)") }
        _ = try ExportOutput.screenSize(size)
    }

    func run() throws {
        let out = try OutputFile(output, what: "snapshot", inputs: [scenario])
        let loaded = try ScenarioLoader.loadOrExit(scenario, settings: settings)
        var session = Session(scenario: loaded)
        if step > 0 { session.apply(.jump(to: step)) }
        if step > session.step { printError("note: \(loaded.path) ends at step \(session.step); the snapshot shows that step") }
        if anatomy { session.apply(.toggleAnatomy) }
        let (width, height) = try ExportOutput.screenSize(size)
        let grid = Screen.render(session, width: width, height: height)
        let title = "\(loaded.title) · step \(session.step)"
        let text: String =
            switch chosenFormat {
            case .svg: GridExport.svg(grid, title: title)
            case .html: GridExport.html(grid, title: title)
            case .text: grid.text + "\n"
            }
        try out.write(text)
        try out.commit()
    }
}
