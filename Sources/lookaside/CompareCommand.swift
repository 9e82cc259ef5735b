import ArgumentParser
import Interactive
import Runs
import Scenario
import Terminal
import Views

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Step one scenario under two configurations side by side, to see where they part ways.",
        discussion: """
            Each --with is one side (several settings: comma separated). With one --with, the other side \
            is the scenario as written. Examples:
              lookaside compare replacement --with replacement=lru --with replacement=fifo
              lookaside compare write-policy --with write=back
              lookaside compare thrashing --with frames=6,replacement=clock
            """)

    @Argument(help: "A .vmm file, or a bundled scenario's name.")
    var scenario: String

    @Option(
        name: .customLong("with"),
        help: ArgumentHelp("Settings for one side, e.g. replacement=lru or frames=6,write=through.", valueName: "KEY=VALUE[,...]"))
    var sides: [String] = []

    @Flag(help: "Print where the two runs part ways and their counters, without the interface.")
    var headless = false

    @Option(help: "With --headless: stop after this many steps.")
    var steps: Int?

    @Option(help: "Override the scenario's seed.")
    var seed: UInt64?

    @Flag(
        help:
            "One side is this machine's real Linux: the scenario (as written, or with the one --with) beside what the kernel does with real processes."
    )
    var realKernel = false

    @Option(help: "With --real-kernel --headless: text, json or markdown.")
    var format: ReportFormat = .text

    @OptionGroup var display: DisplayOptions

    func validate() throws {
        if realKernel {
            guard sides.count <= 1 else { throw ValidationError("with --real-kernel the kernel is one side: give at most one --with") }
            return
        }
        guard (1...2).contains(sides.count) else {
            throw ValidationError("give one or two --with settings (one per side), not \(sides.count)")
        }
    }

    func run() throws {
        if realKernel {
            let settings = sides.first.map { $0.split(separator: ",").map { $0.trimmingBlanks() } } ?? []
            let model = try ScenarioLoader.loadOrExit(scenario, settings: settings)
            if headless {
                try RealKernelOutput.run(model, seed: seed, limit: steps, format: format)
            } else {
                try RealKernelOutput.interactive(model, seed: seed, quiz: false, display: display)
            }
            return
        }
        let settings = sides.map { $0.split(separator: ",").map { $0.trimmingBlanks() } }
        let (leftSettings, rightSettings) = settings.count == 2 ? (settings[0], settings[1]) : ([], settings[0])
        let left = try ScenarioLoader.loadOrExit(scenario, settings: leftSettings)
        let right = try ScenarioLoader.loadOrExit(scenario, settings: rightSettings)
        let leftLabel =
            leftSettings.isEmpty ? "as written (\(Scenario.policySummary(left.configuration)))" : leftSettings.joined(separator: ", ")
        let rightLabel = rightSettings.joined(separator: ", ")
        if headless {
            try StandardOutput.write(
                ComparisonReport.text(
                    ComparisonRun(left: left, right: right, seed: seed, limit: steps), title: left.title, leftLabel: leftLabel,
                    rightLabel: rightLabel))
            return
        }
        let screen = try display.startScreen()
        let comparison = Comparison(
            left: left, right: right, leftLabel: leftLabel, rightLabel: rightLabel, seed: seed,
            stepBudget: Session.interactiveStepBudget)
        var loop = InteractiveLoop(model: comparison, terminal: screen)
        loop.run()
        screen.stop()
    }
}
