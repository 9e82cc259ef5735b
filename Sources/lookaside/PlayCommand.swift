import ArgumentParser
import FoundationEssentials
import Recording
import Terminal

struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Replay a recorded session (.lkr), check that it is genuine, or print where it ended.",
        discussion: """
            In the interface: n or space applies the next recorded action, r plays at the recorded pace \
            (+ and - change the pace), G jumps to where the recording ends, g to its start; every other key \
            works as in a live session, and n returns to the recording.
            """)

    @Argument(help: "The replay file.")
    var file: String

    @Flag(help: "Replay to the step where the recording ended and print it as 'lookaside run --headless --steps N' would.")
    var headless = false

    @Flag(help: "Re-simulate and check every recorded step; exit non-zero at the first divergence.")
    var verify = false

    @Option(help: "Headless output format: text, json or markdown.")
    var format: ReportFormat = .text

    @OptionGroup var display: DisplayOptions

    func run() throws {
        let replay = try load()
        for warning in replay.warnings { printError("warning: \(warning)") }
        if verify {
            if let divergence = replay.verify() {
                throw CommandFailure.diverged(file: file, divergence)
            }
            try StandardOutput.line(
                "ok   \(file): \(replay.actions.count) actions and \(replay.digests.count) step digests verified; the recording ends at step \(replay.finalStep)"
            )
            if let quiz = replay.quizSummary { try StandardOutput.line("quiz: \(quiz)") }
            if !headless { return }
        }
        if headless {
            try format.stream(replay.scenario, seed: replay.header.seed, limit: replay.finalStep)
            return
        }
        let screen = try display.startScreen()
        var loop = InteractiveLoop(model: PlaybackSession(replay), terminal: screen)
        loop.run()
        screen.stop()
    }

    func load() throws -> Replay { try Self.load(file) }

    /// Reads and parses a replay file; every problem is the command's failure.
    static func load(_ file: String) throws -> Replay {
        let bytes: [UInt8]
        switch InputFile.read(file, limit: ReplayFormat.maximumBytes, expected: "a .lkr replay file") {
        case .success(let read): bytes = read
        case .failure(.missing): throw CommandFailure.unreadable("\(file): no such replay file")
        case .failure(.refused(let why)): throw CommandFailure.unreadable("\(file): cannot read: \(why)")
        }
        do {
            return try Replay.parse(bytes: bytes, path: file)
        } catch {
            throw CommandFailure.invalid(error)
        }
    }
}
