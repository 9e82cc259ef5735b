import ArgumentParser
import Interactive
import Recording
import Scenario
import Terminal

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario: a path to a .vmm file or the name of a bundled one.")

    @Argument(help: "A .vmm file, or a bundled scenario's name (see 'lookaside list'); the tour when left out.")
    var scenario: String?

    @Option(
        help: ArgumentHelp(
            "Open a memory trace (valgrind lackey or one address per line) as a process whose script is the trace.", valueName: "FILE"))
    var trace: String?

    @Option(help: "With --trace: how many references to take from the start of the trace.")
    var traceLimit: Int = 1000

    @Flag(help: "Run without the terminal interface and print each step, the final state and the counters.")
    var headless = false

    @Option(help: "Headless output format: text, json or markdown.")
    var format: ReportFormat = .text

    @Option(help: "Stop after this many steps.")
    var steps: Int?

    @Flag(help: "Headless text or markdown: the state tables after every step (a whole walkthrough to print).")
    var states = false

    @Option(
        help: ArgumentHelp(
            "Headless text or markdown: the state tables after these steps only: 'watched' (the steps the lesson's watch lines name) or numbers, e.g. 3,8.",
            valueName: "STEPS"))
    var statesAt: String?

    @Flag(help: "Headless text or markdown: each access's address taken apart (page number, offset, indices, PTE bits, physical address).")
    var anatomy = false

    @Option(help: "Override the scenario's seed.")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Record the session to a replay file (.lkr) as you work.", valueName: "FILE"))
    var record: String?

    @Flag(help: "With --record: replace the file if it exists (never a symbolic link, never the scenario being run).")
    var force = false

    @Flag(
        help:
            "Reload the scenario file whenever it changes, back at the same step (or its last); E edits it in $EDITOR. Errors show in the interface without ending the session."
    )
    var watch = false

    @Flag(help: "Quiz mode: before each operation, predict what will happen (Q toggles it in the interface).")
    var quiz = false

    @Flag(
        help:
            "Also run the scenario on this machine's Linux, with real processes and files, and show what the kernel did beside the model (headless, text or json)."
    )
    var realKernel = false

    @OptionGroup var display: DisplayOptions

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Override a setting of the scenario, e.g. --set replacement=lru --set frames=4.", valueName: "KEY=VALUE"))
    var settings: [String] = []

    func validate() throws {
        if let steps, steps < 0 { throw ValidationError("--steps must be zero or more, not \(steps)") }
        if record != nil, headless { throw ValidationError("--record records what you do in the interface; leave out --headless") }
        if quiz, headless { throw ValidationError("--quiz asks questions in the interface; leave out --headless") }
        if states || statesAt != nil || anatomy {
            guard headless, format != .json else {
                throw ValidationError(
                    "--states, --states-at and --anatomy add to a headless text or markdown report (--headless); in the interface, a shows the anatomy"
                )
            }
            guard !(states && statesAt != nil) else { throw ValidationError("give --states (every step) or --states-at, not both") }
        }
        if let statesAt, statesAt != "watched" {
            let numbers = statesAt.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingBlanks()) }
            guard !numbers.isEmpty, numbers.allSatisfy({ ($0 ?? 0) > 0 }) else {
                throw ValidationError("--states-at takes 'watched' or step numbers separated by commas (e.g. 3,8), not '\(statesAt)'")
            }
        }
        if trace != nil, scenario != nil { throw ValidationError("give a scenario or --trace, not both") }
        if realKernel {
            guard !states, statesAt == nil, !anatomy, trace == nil, record == nil, !watch else {
                throw ValidationError(
                    "--real-kernel runs in the interface, or headless in any format; leave out --states, --anatomy, --trace, --record and --watch"
                )
            }
        }
        if watch {
            guard !headless else { throw ValidationError("--watch reloads the scenario in the interface; leave out --headless") }
            guard record == nil else {
                throw ValidationError("--watch changes the scenario under the session, which a recording cannot follow; leave out --record")
            }
            guard let scenario, case .file = InputFile(scenario) else {
                throw ValidationError("--watch needs a scenario file to watch (a path to a .vmm file)")
            }
        }
        guard traceLimit >= 1, traceLimit <= 100_000 else {
            throw ValidationError("--trace-limit must be between 1 and 100000, not \(traceLimit)")
        }
    }

    func run() throws {
        let loaded =
            try trace.map { try traceScenario($0) }
            ?? ScenarioLoader.loadOrExit(scenario ?? BundledScenarios.defaultName, settings: settings)
        guard headless else {
            if realKernel {
                try RealKernelOutput.interactive(loaded, seed: seed, quiz: quiz, display: display)
            } else {
                try runInteractively(loaded)
            }
            return
        }
        let chosen: Set<Int>? =
            statesAt.map { at in
                at == "watched" ? Set(loaded.watchedSteps) : Set(at.split(separator: ",").compactMap { Int($0.trimmingBlanks()) })
            }
        if statesAt == "watched", chosen?.isEmpty == true {
            printError("warning: the lesson's watch lines name no step (\"Step 8\", \"Steps 4 and 5\"): no state tables between the steps")
        }
        if realKernel {
            try RealKernelOutput.run(loaded, seed: seed, limit: steps, format: format)
            return
        }
        let every = states
        try format.stream(loaded, seed: seed, limit: steps, statesAfter: { every || chosen?.contains($0) == true }, anatomy: anatomy)
    }
}

extension RunCommand {
    func runInteractively(_ scenario: Scenario) throws {
        // Nothing is created or replaced until the interface has started: a recording that cannot
        // begin leaves every file as it was.
        if let record, case .failure(let refusal) = Recorder.checkTarget(record, force: force, scenarioPath: scenario.path) {
            throw CommandFailure.output(refusal.description)
        }
        let screen = try display.startScreen()
        var recorder: Recorder?
        if let record {
            do {
                recorder = try Recorder(
                    path: record, program: LookasideVersion.string, scenario: scenario, seed: seed, settings: settings, force: force)
            } catch {
                screen.stop()
                throw CommandFailure.output(error.description)
            }
        }
        var session = Session(scenario: scenario, seed: seed, stepBudget: Session.interactiveStepBudget)
        // Turned on as a recorded action, so a replay of a quiz is a quiz too.
        if quiz {
            for applied in session.apply(.toggleQuiz).applied { recorder?.record(applied, after: session) }
        }
        let watcher = watch ? self.scenario.map { ScenarioWatcher(path: $0, settings: settings) } : nil
        session.canEditScenario = watcher != nil
        let seed = self.seed
        /// Reads the watched file if it changed (or, `force`, whatever its time stamp says) and
        /// hands the session what came of it; true when that changed the session.
        func look(at watcher: ScenarioWatcher, _ session: inout Session, now: Double, force: Bool) -> Bool {
            switch watcher.poll(now: now, force: force) {
            case .success(let newer): session.reload(newer, seed: seed)
            case .failure(let problems): session.reloadFailed(problems.lines)
            case nil: return false
            }
            return true
        }
        // A recording that can no longer be written (a full disk, a file-size limit) ends the session.
        var loop = InteractiveLoop(
            model: session, terminal: screen,
            onAction: recorder.map { recorder in
                { applied, session in
                    recorder.record(applied, after: session)
                    return recorder.failure == nil
                }
            },
            onIdle: watcher.map { watcher in
                { session, terminal in look(at: watcher, &session, now: terminal.now(), force: false) }
            },
            onEffect: watcher.map { watcher in
                { effect, session, terminal in
                    guard effect == .openEditor else { return }
                    terminal.suspend()
                    let problem = watcher.edit()
                    terminal.resume()
                    session.editorClosed(problem: problem)
                    // An editor that did not run leaves its message on screen; a save it made
                    // before failing is still noticed by the next look at the file.
                    if problem == nil { _ = look(at: watcher, &session, now: terminal.now(), force: true) }
                }
            })
        loop.run()
        screen.stop()
        recorder?.finish(at: loop.model.step)
        if let quiz = loop.model.quiz, quiz.totalAsked > 0 { try StandardOutput.line("Quiz: " + quiz.summary) }
        if let failure = recorder?.failure {
            throw CommandFailure.output(failure.description)
        }
    }
}

extension RunCommand {
    /// The first --trace-limit references of a trace, as a scenario (with --set applied).
    func traceScenario(_ path: String) throws -> Scenario {
        let pageSize = settings.compactMap { $0.hasPrefix("page-size=") ? Int($0.dropFirst(10)) : nil }.last ?? 4096
        guard pageSize > 0, pageSize & (pageSize - 1) == 0 else {
            throw CommandFailure.usage("--set page-size=\(pageSize): a page size must be a power of two")
        }
        var collector = ReferenceCollector()
        var reader = try TraceReader.open(path, parser: TraceParser(pageSize: pageSize))
        _ = try reader.run(into: &collector, limit: traceLimit)
        reader.reportSkipped()
        guard !collector.pages.isEmpty else {
            throw CommandFailure.invalidInput("\(path): the trace has no references")
        }
        // A scenario's addresses are 48 bits (docs/limits.md); the simulator takes whole 64-bit traces.
        let largestPage = TraceScenario.largestAddress / pageSize
        if let index = collector.pages.firstIndex(where: { $0 < 0 || $0 > largestPage }) {
            throw CommandFailure.invalidInput(
                "\(path): reference \(index + 1) is to page 0x\(String(UInt(bitPattern: collector.pages[index]), radix: 16)), beyond the 48-bit addresses a scenario can use; 'lookaside sim --trace' takes any address"
            )
        }
        do {
            return try TraceScenario.make(name: path, pages: collector.pages, writes: collector.writes, pageSize: pageSize).overriding(
                settings)
        } catch {
            throw CommandFailure.invalid(error)
        }
    }
}
