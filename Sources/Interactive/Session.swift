import Scenario
import Teaching
import VMM

/// Everything the interface shows and remembers: one value, changed only by `apply(_:)`, which
/// returns what it did. Views are functions of it; the terminal loop only turns keys and time into
/// actions and carries out the effects an outcome asks for.
///
/// Its parts live in one file each: moving through the run and long moves (`Session+Moves`),
/// revealing events (`Session+Reveal`), searching (`Session+Search`), the overlays
/// (`Session+Overlays`), the prompt (`Session+Prompt`), the quiz (`Session+Quiz`) and a watched
/// file (`Session+Watch`).
public struct Session: Sendable {
    public let scenario: Scenario
    public internal(set) var timeline: Timeline
    /// The machine before the current step, for highlighting what the step changed.
    public internal(set) var previous: Machine?
    /// The number of steps the scenario takes, once known.
    public internal(set) var total: Int?
    /// Where the user is looking: the process, the CPU, the pane and each pane's scroll.
    public internal(set) var focus = Focus()
    public internal(set) var focusedProcess: ProcessID {
        get { focus.process }
        set { focus.process = newValue }
    }
    /// The CPU whose TLB a narrow TLB pane shows; nil: the CPU that ran the step shown.
    public internal(set) var focusedCPU: Int? {
        get { focus.cpu }
        set { focus.cpu = newValue }
    }
    /// How many events of the current step are shown; nil when the whole step is.
    public internal(set) var revealed: Int?
    /// The machine as each event of the current step was announced (for revealing them one by one).
    var eventStates: [Machine] = []
    /// Auto-run: on or off, its speed, what the clock owes it.
    public internal(set) var autoRun = AutoRun()
    public internal(set) var running: Bool {
        get { autoRun.running }
        set { autoRun.running = newValue }
    }
    public internal(set) var speedIndex: Int {
        get { autoRun.speedIndex }
        set { autoRun.speedIndex = newValue }
    }
    /// Watching the scenario's file: what is wrong with its latest version (the session goes on
    /// with the last one that parsed), shown in the events pane; empty when all is well.
    public internal(set) var reloadProblems: [String] = []
    /// The scenario file may be edited and reloaded (`run FILE --watch`).
    public var canEditScenario = false
    /// What lies over the screen, if anything.
    public internal(set) var overlay: Overlay?
    /// The text last searched for with `/` (`N` and `/` Enter search it again).
    public internal(set) var lastSearch: String?
    /// The address anatomy shows above the step's events.
    public internal(set) var anatomyVisible = false
    public internal(set) var prompt: Prompt?
    /// A one-line note for the user ("reached the end"), cleared by the next action.
    public internal(set) var message: String?
    public internal(set) var focusedPane: PaneID {
        get { focus.pane }
        set { focus.pane = newValue }
    }
    public internal(set) var scroll: [PaneID: Int] {
        get { focus.scroll }
        set { focus.scroll = newValue }
    }
    /// The results of the last steps, oldest first, ending with the step shown: the story the
    /// events pane tells above the step (results never change, so any step's is worth keeping).
    public internal(set) var recentSteps: [StepResult] = []
    /// Steps the events pane can tell of before the one shown.
    public static let historyDepth = 40
    /// A note shown in the header, e.g. where a replay stands.
    public var banner: String?
    /// Predict-then-step mode, when on.
    public internal(set) var quiz: QuizState?
    /// Long work under way (a far move, a search, an overlay reading its story).
    public internal(set) var seek: Seek?
    /// How many steps one action or one frame may take before long work goes on in the
    /// background, showing its progress; nil (tests, replays) finishes everything at once.
    public var stepBudget: Int?
    /// What the `apply` under way amounts to for a recording so far; stamped with where it leaves
    /// the session when it returns.
    var amounted: [Action] = []
    /// What the `apply` under way asks of the loop.
    var effects: [Outcome.Effect] = []

    /// Steps per action or frame in the terminal: a long jump shows progress every few tens of
    /// milliseconds and can be stopped with Esc.
    public static let interactiveStepBudget = 20_000

    /// Memory the states of one revealed step may take (a copy of the machine per event).
    public static let revealBudget = 256 << 20

    /// Auto-run speeds in steps per second.
    public static let speeds = AutoRun.speeds

    /// The bounds of what an action may carry (docs/limits.md): a replay file's numbers are checked
    /// against them when it is read, and the session keeps within them whatever it is given.
    public static let stepLimit = 1 << 62
    public static let eventLimit = 1_000_000
    public static let scrollLimit = 1_000_000
    public static let choiceLimit = 63

    /// Steps the total is computed ahead for at start; longer runs learn it when they reach the end.
    public static let lookahead = 100_000

    /// A copy of the machine run ahead to learn the run's length (up to `lookahead` steps), while
    /// that is still being learned.
    var probe: Machine?

    /// With a `stepBudget` the session starts at once and learns the run's length a stretch per
    /// frame while idle (`tick`); without one it learns it here.
    public init(scenario: Scenario, seed: UInt64? = nil, quiz: Bool = false, stepBudget: Int? = nil) {
        self.scenario = scenario
        self.stepBudget = stepBudget
        timeline = Timeline(scenario.makeMachine(seed: seed))
        probe = timeline.current
        focusedProcess = timeline.current.processes.firstIndex { $0.state == .ready } ?? 0
        if quiz { self.quiz = QuizState() }
        learnTotal(budget: stepBudget ?? Int.max)
    }

    /// Runs the probe up to `budget` steps further: the total is known when it ends, and given up
    /// on (learnt at the end instead) past `lookahead` steps.
    mutating func learnTotal(budget: Int) {
        guard var machine = probe else { return }
        probe = nil
        // Capping the budget first keeps an unbounded one (Int.max) from overflowing the sum.
        machine.forEachStep(limit: min(Self.lookahead, machine.stepCount + min(budget, Self.lookahead))) { _, _ in }
        if machine.isFinished {
            total = machine.stepCount
        } else if machine.stepCount < Self.lookahead {
            probe = machine
        }
    }

    /// Whether the run's length is still being learned.
    public var isLearningTotal: Bool { probe != nil }

    public var step: Int { timeline.step }
    public var isSeeking: Bool { seek != nil }
    public var speed: Int { autoRun.speed }
    public var isAtEnd: Bool { timeline.isFinished }

    /// The machine as the panes should show it: mid-step while events are being revealed.
    /// With k events revealed, that is the machine right after the k-th event.
    public var shownMachine: Machine {
        if let revealed, revealed >= 1, revealed <= eventStates.count { return eventStates[revealed - 1] }
        return timeline.current
    }

    /// The machine to compare against for highlighting: the state before the newest shown event.
    public var comparedMachine: Machine? {
        if let revealed, revealed >= 2, revealed - 2 < eventStates.count { return eventStates[revealed - 2] }
        return previous
    }

    /// The events of the current step that are visible.
    public var visibleEvents: [Event] {
        let events = timeline.lastResult.events
        return revealed.map { Array(events.prefix($0)) } ?? events
    }

    /// Applies one action; returns the actions a recording keeps (each stamped with the step it
    /// left the session at) and what the loop must do.
    @discardableResult
    public mutating func apply(_ action: Action) -> Outcome {
        amounted = [action]
        effects = []
        // A new move replaces a long one under way, which stays where it got to: the recording
        // keeps the jump there, at that step, before the new action, so a replay starts it from
        // the same step.
        let interrupted = seek != nil && action.endsLongMove ? stopSeek() : []
        update(action)
        // An action taken while a long move goes on (a scroll, a pane, the quiz) happened, for a
        // replay, before that move: the move is recorded when it arrives, so the action is stamped
        // with the step the move began at, where a replay stands when it comes.
        let stamp: (step: Int, revealed: Int?) = seek.map { ($0.from, nil) } ?? (step, revealed)
        return Outcome(
            applied: interrupted + amounted.map { AppliedAction($0, step: stamp.step, revealed: stamp.revealed) }, effects: effects)
    }

    /// Takes `action` as what the action under way amounts to (a prompt's Enter becoming its jump).
    mutating func amount(to action: Action) {
        amounted = [action]
        update(action)
    }

    /// One action, with the prompt, the message and the quiz seeing it first.
    mutating func update(_ action: Action) {
        if prompt != nil, !action.isPromptKey { prompt = nil }
        message = nil
        if quiz != nil, quizIntercepts(action) { return }
        if action.stopsAutoRun { running = false }
        switch action {
        case .stepForward: stepForward()
        case .stepBack: stepBack()
        case .eventForward: eventForward()
        case .eventBack: eventBack()
        case .toggleRun: toggleRun()
        case .faster: autoRun.faster()
        case .slower: autoRun.slower()
        case .advance(let count): advance(count)
        case .toStart: go(to: 0)
        case .toEnd: startSeek(Seek(action: action, goal: .end, from: step))
        case .jump(let target): jump(to: target)
        case let .runUntil(kinds, _): startSeek(Seek(action: action, goal: .event(kinds), from: step))
        case .continueSeek:
            amounted = []
            continueSeek()
        case .cancel: cancel()
        case let .reveal(target, event): revealChosen(step: target, event: event)
        case .search(let text, let backward): find(text, backward: backward)
        case .searchBackward: searchAgainBackward()
        case .nextProcess: focus.cycleProcess(by: 1, count: timeline.current.processes.count)
        case .previousProcess: focus.cycleProcess(by: -1, count: timeline.current.processes.count)
        case .nextCPU: nextCPU()
        case .nextPane: focus.cyclePane(by: 1)
        case .previousPane: focus.cyclePane(by: -1)
        case .scroll(let delta): focus.scrollPane(by: delta, limit: Self.scrollLimit)
        case .focusPane(let pane): focusedPane = pane
        case .toggleHelp: toggleHelp()
        case .scrollHelp(let delta): scrollOverlay(by: delta)
        case .toggleHistory: toggleHistory()
        case .historyMove(let delta): moveInHistory(by: delta)
        case .historyEnd(let newest): moveInHistory(toNewest: newest)
        case .historyFind(let backward): findInHistory(backward: backward)
        case .toggleVersions: toggleVersions()
        case .toggleLists: toggleLists()
        case .toggleInspector: toggleInspector()
        case let .inspectRow(pane, row): inspect(row: row, of: pane)
        case .inspectSubject(let delta): inspectSubject(by: delta)
        case .inspectEntry(let delta): inspectEntry(by: delta)
        case .inspectJump: inspectJump()
        case .editScenario: editScenario()
        case .toggleAnatomy: toggleAnatomy()
        case .toggleQuiz: toggleQuiz()
        case .answer, .skipQuestion:
            message = "No question is open: quiz mode is off (Q turns it on)."
        case .openPrompt(let kind): openPrompt(kind)
        case .promptType(let character): prompt?.text.append(character)
        case .promptBackspace: promptBackspace()
        case .promptCancel: cancelPrompt()
        case .promptSubmit: submitPrompt()
        case .quit: effects.append(.quit)
        }
    }

    mutating func toggleAnatomy() {
        anatomyVisible.toggle()
        message = anatomyVisible ? "Address anatomy on: each access taken apart above its events (a hides it)." : "Address anatomy off."
    }

    mutating func toggleQuiz() {
        quiz = quiz == nil ? QuizState() : nil
        message = quiz == nil ? "Quiz mode off." : "Quiz mode: before each operation, predict what happens. Press n to start."
    }

    mutating func inspect(row: Int, of pane: PaneID) {
        amounted = []
        focusedPane = pane
        openInspector(row: row)
    }

    mutating func editScenario() {
        amounted = []
        if canEditScenario {
            effects.append(.openEditor)
        } else {
            message = "E edits the scenario file when it runs with --watch (lookaside run FILE --watch)."
        }
    }

    mutating func nextCPU() {
        if !focus.nextCPU(count: timeline.current.cpus.count, ran: timeline.lastResult.cpu) {
            message = "This machine has one CPU (a scenario's 'cpus N' gives more)."
        }
    }

    /// After a process exits, show the page table of one that still has one.
    mutating func keepFocusOnALiveProcess() { focus.keepOnALiveProcess(timeline.current) }
}
