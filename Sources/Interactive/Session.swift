import Scenario
import Teaching
import VMM

/// Everything the interface shows and remembers: one value, changed only by `apply(_:)`.
/// Views are functions of it; the terminal loop only turns keys and time into actions.
public struct Session: Sendable {
    public let scenario: Scenario
    public private(set) var timeline: Timeline
    /// The machine before the current step, for highlighting what the step changed.
    public private(set) var previous: Machine?
    /// The number of steps the scenario takes, once known.
    public private(set) var total: Int?
    public private(set) var focusedProcess: ProcessID = 0
    /// The CPU whose TLB a narrow TLB pane shows; nil: the CPU that ran the step shown.
    public private(set) var focusedCPU: Int?
    /// How many events of the current step are shown; nil when the whole step is.
    public private(set) var revealed: Int?
    /// The machine as each event of the current step was announced (for revealing them one by one).
    private var eventStates: [Machine] = []
    public private(set) var running = false
    public private(set) var speedIndex = 3
    public private(set) var helpVisible = false
    /// Watching the scenario's file: what is wrong with its latest version (the session goes on
    /// with the last one that parsed), shown in the events pane; empty when all is well.
    public private(set) var reloadProblems: [String] = []
    /// The scenario file may be edited and reloaded (`run FILE --watch`).
    public var canEditScenario = false
    /// Set by E: the loop opens $EDITOR on the scenario, then reloads it.
    public private(set) var editorRequested = false
    /// Every event so far over the whole screen, while open.
    public private(set) var history: HistoryView?
    /// Every file's versions over the screen (versioned sharing), and how far they are scrolled.
    public private(set) var versionsVisible = false
    public private(set) var versionsScroll = 0
    /// The life of the thing chosen in the focused pane, while the inspector is open.
    public private(set) var inspector: Inspector?
    /// The text last searched for with `/` (`N` and `/` Enter search it again).
    public private(set) var lastSearch: String?
    /// The address anatomy shows above the step's events.
    public private(set) var anatomyVisible = false
    /// How far the help screen is scrolled.
    public private(set) var helpScroll = 0
    public private(set) var prompt: Prompt?
    /// A one-line note for the user ("reached the end"), cleared by the next action.
    public private(set) var message: String?
    public private(set) var focusedPane: PaneID = .pageTable
    public private(set) var scroll: [PaneID: Int] = [:]
    /// The results of the last steps, oldest first, ending with the step shown: the story the
    /// events pane tells above the step (results never change, so any step's is worth keeping).
    public private(set) var recentSteps: [StepResult] = []
    /// Steps the events pane can tell of before the one shown.
    public static let historyDepth = 40
    public private(set) var wantsQuit = false
    /// A note shown in the header, e.g. where a replay stands.
    public var banner: String?
    /// Predict-then-step mode, when on.
    public private(set) var quiz: QuizState?
    /// Auto-run steps owed to the clock but not yet taken (a fraction of a step).
    var runCredit = 0.0
    /// A long move under way (to the end, to a far step, to the next event of a kind).
    public private(set) var seek: Seek?
    /// How many steps one action or one frame may take before a long move goes on in the
    /// background, showing its progress; nil (tests, replays) finishes every move at once.
    public var stepBudget: Int?
    /// The actions the last `apply` amounted to, as a recording keeps them: a prompt's jump rather
    /// than its Enter key; a long move once it has finished (or where it was stopped).
    public private(set) var effective: [AppliedAction] = []
    /// What the `apply` under way amounts to so far; stamped with where it leaves the session at its end.
    private var amounted: [Action] = []

    /// Steps per action or frame in the terminal: a long jump shows progress every few tens of
    /// milliseconds and can be stopped with Esc.
    public static let interactiveStepBudget = 20_000

    /// Memory the states of one revealed step may take (a copy of the machine per event).
    public static let revealBudget = 256 << 20

    /// Auto-run speeds in steps per second.
    public static let speeds = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]

    /// The bounds of what an action may carry (docs/limits.md): a replay file's numbers are checked
    /// against them when it is read, and the session keeps within them whatever it is given.
    public static let stepLimit = 1 << 62
    public static let eventLimit = 1_000_000
    public static let scrollLimit = 1_000_000
    public static let choiceLimit = 63

    /// Steps a backward search replays at a time, nearest first.
    static let searchStretch = 4096

    /// Steps the total is computed ahead for at start; longer runs learn it when they reach the end.
    public static let lookahead = 100_000

    public init(scenario: Scenario, seed: UInt64? = nil, quiz: Bool = false) {
        self.scenario = scenario
        timeline = Timeline(scenario.makeMachine(seed: seed))
        var probe = timeline.current
        while !probe.isFinished, probe.stepCount < Self.lookahead { probe.step() }
        total = probe.isFinished ? probe.stepCount : nil
        focusedProcess = timeline.current.processes.firstIndex { $0.state == .ready } ?? 0
        if quiz { self.quiz = QuizState() }
    }

    public var step: Int { timeline.step }
    public var isSeeking: Bool { seek != nil }
    public var speed: Int { Self.speeds[speedIndex] }
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

    public mutating func apply(_ action: Action) {
        amounted = [action]
        // A new move replaces a long one under way, which stays where it got to: the recording
        // keeps the jump there, at that step, before the new action, so a replay starts it from
        // the same step.
        let interrupted = seek != nil && action.endsLongMove ? stopSeek() : []
        defer {
            // An action taken while a long move goes on (a scroll, a pane, the quiz) happened,
            // for a replay, before that move: the move is recorded when it arrives, so the action
            // is stamped with the step the move began at, where a replay stands when it comes.
            let stamp: (step: Int, revealed: Int?) = seek.map { ($0.from, nil) } ?? (step, revealed)
            effective = interrupted + amounted.map { AppliedAction($0, step: stamp.step, revealed: stamp.revealed) }
        }
        if prompt != nil, !isPromptAction(action) {
            prompt = nil
        }
        message = nil
        if quiz != nil, quizIntercepts(action) { return }
        switch action {
        case .stepForward:
            running = false
            if let revealed, revealed < timeline.lastResult.events.count {
                self.revealed = nil
            } else if !forward() {
                message = "The scenario has ended at step \(step). Press b to step back, g to start again."
            } else if isAtEnd, let quiz {
                message = "The end. Quiz: " + quiz.summary
            }
        case .stepBack:
            running = false
            if revealed != nil { revealed = nil }
            if step == 0 { message = "Already at the start." } else { go(to: step - 1) }
        case .eventForward:
            running = false
            eventForward()
        case .eventBack:
            running = false
            eventBack()
        case .toggleRun:
            if isAtEnd {
                message = "The scenario has ended; press g to start again."
            } else {
                running.toggle()
                runCredit = 0
                revealed = nil
            }
        case .faster: speedIndex = min(speedIndex + 1, Self.speeds.count - 1)
        case .slower: speedIndex = max(speedIndex - 1, 0)
        case .advance(let count):
            guard running else { break }
            // Bounded by the run's end, whatever count a (possibly forged) recording gives.
            var taken = 0
            while taken < count, forward() { taken += 1 }
            if isAtEnd {
                running = false
                message = "Reached the end: step \(step)."
            }
        case .toStart:
            running = false
            go(to: 0)
        case .toEnd:
            running = false
            startSeek(Seek(action: action, goal: .end, from: step))
        case .jump(let target):
            running = false
            // Backwards is at most a checkpoint interval of work; forwards may be long.
            if target <= step || isAtEnd {
                go(to: target)
                if target > step { message = "The scenario ends at step \(step)." }
            } else {
                startSeek(Seek(action: action, goal: .step(target), from: step))
            }
        case let .runUntil(kinds, _):
            running = false
            startSeek(Seek(action: action, goal: .event(kinds), from: step))
        case .continueSeek:
            amounted = []
            continueSeek()
        case .cancel:
            if seek != nil {
                amounted = stopSeek().map(\.action)
                message = "Stopped at step \(step)."
            } else {
                // Pausing auto-run is recorded: a replay's run must stop where the live one did.
                amounted = running ? [.cancel] : []
                running = false
            }
        case .nextProcess: cycleProcess(by: 1)
        case .search(let text, let backward):
            running = false
            find(text, backward: backward)
        case .searchBackward:
            guard let lastSearch else {
                message = "Nothing to search for yet: / and some text first."
                amounted = []
                return
            }
            amounted = []
            apply(.search(lastSearch, backward: true))
            return
        case .nextCPU:
            let count = timeline.current.cpus.count
            if count > 1 {
                focusedCPU = ((focusedCPU ?? timeline.lastResult.cpu ?? 0) + 1) % count
                scroll[.tlb] = 0
            } else {
                message = "This machine has one CPU (a scenario's 'cpus N' gives more)."
            }
        case .previousProcess: cycleProcess(by: -1)
        case .nextPane: focusedPane = PaneID(rawValue: (focusedPane.rawValue + 1) % PaneID.allCases.count)!
        case .previousPane: focusedPane = PaneID(rawValue: (focusedPane.rawValue + PaneID.allCases.count - 1) % PaneID.allCases.count)!
        case .scroll(let delta):
            // The events pane scrolls either way from where it opens (the step shown, history above it).
            let limit = Self.scrollLimit
            let moved = (scroll[focusedPane] ?? 0) + max(-limit, min(limit, delta))
            scroll[focusedPane] = max(focusedPane == .events ? -limit : 0, min(limit, moved))
        case .toggleHistory:
            amounted = []
            if history != nil {
                history = nil
            } else {
                let steps = step > 0 ? timeline.results(1...step) : []
                history = HistoryView(steps: steps, at: step)
                if steps.isEmpty { message = "Nothing has happened yet: take a step first." }
            }
        case .historyMove(let delta):
            amounted = []
            history?.move(by: delta)
        case .historyFind(let backward):
            amounted = []
            guard let text = lastSearch else {
                message = "Nothing to find yet: / and some text first."
                return
            }
            if history?.find(text, backward: backward) == false {
                message = "No \(backward ? "earlier" : "later") event mentions '\(text)'."
            }
        case let .reveal(target, event):
            history = nil
            running = false
            reveal(step: target, event: event)
            message = "Step \(target), event \(event + 1) of \(timeline.lastResult.events.count)."
        case .toggleVersions:
            amounted = []
            if versionsVisible {
                versionsVisible = false
            } else if timeline.current.configuration.sharing == .versioned {
                versionsVisible = true
                versionsScroll = 0
            } else {
                message = "v shows file versions under versioned sharing (sharing versioned, or --set sharing=versioned)."
            }
        case .toggleInspector:
            amounted = []
            if inspector != nil {
                inspector = nil
            } else {
                openInspector()
            }
        case .focusPane(let pane):
            focusedPane = pane
        case let .inspectRow(pane, row):
            amounted = []
            focusedPane = pane
            openInspector(row: row)
        case .inspectSubject(let delta):
            amounted = []
            inspector?.moveSubject(by: delta)
        case .inspectEntry(let delta):
            amounted = []
            inspector?.moveEntry(by: delta)
        case .inspectJump:
            amounted = []
            guard let chosen = inspector, chosen.life.indices.contains(chosen.entry) else { return }
            let target = chosen.life[chosen.entry]
            inspector = nil
            apply(.jump(to: target.step))
            message =
                "Step \(target.step), event \(target.index + 1) of its \(timeline.lastResult.events.count): \(target.event.kind.rawValue)."
            return
        case .editScenario:
            amounted = []
            if canEditScenario {
                editorRequested = true
            } else {
                message = "E edits the scenario file when it runs with --watch (lookaside run FILE --watch)."
            }
        case .toggleAnatomy:
            anatomyVisible.toggle()
            message = anatomyVisible ? "Address anatomy on: each access taken apart above its events (a hides it)." : "Address anatomy off."
        case .toggleHelp:
            helpVisible.toggle()
            helpScroll = 0
        case .scrollHelp(let delta):
            if versionsVisible { versionsScroll = max(0, versionsScroll + delta) } else { helpScroll = max(0, helpScroll + delta) }
        case .toggleQuiz:
            running = false
            quiz = quiz == nil ? QuizState() : nil
            message = quiz == nil ? "Quiz mode off." : "Quiz mode: before each operation, predict what happens. Press n to start."
        case .answer, .skipQuestion:
            message = "No question is open: quiz mode is off (Q turns it on)."
        case .openPrompt(let kind):
            // A prompt pauses auto-run, and a replay must pause there too.
            amounted = running ? [.cancel, action] : [action]
            running = false
            prompt = Prompt(kind: kind)
        case .promptType(let character):
            prompt?.text.append(character)
        case .promptBackspace:
            if prompt?.text.isEmpty == false { prompt?.text.removeLast() }
        case .promptCancel:
            prompt = nil
            helpVisible = false
        case .promptSubmit:
            submitPrompt()
        case .quit:
            wantsQuit = true
        }
    }

    /// "right" or "wrong": the last quiz answer, as a recording keeps it (nil when none was given).
    public var lastAnswerVerdict: String? { lastAnswerWasRight.map { $0 ? "right" : "wrong" } }

    /// Whether the last quiz answer was right (nil when none was given).
    public var lastAnswerWasRight: Bool? {
        quiz?.feedback.last.map { $0.hasPrefix("✓") }
    }

    /// In quiz mode the quiz sees the action first (its own update, composed as a child's):
    /// stepping asks about the next step; the last answer takes it. True when the quiz took it.
    mutating func quizIntercepts(_ action: Action) -> Bool {
        guard var child = quiz, let input = quizInput(for: action) else { return false }
        let effect = child.update(input)
        quiz = child
        switch effect {
        case .passThrough:
            return false
        case .handled(let note):
            running = false
            if let note { message = note }
            return true
        case .takeStep:
            forward()
            if isAtEnd { message = "The end. Quiz: " + child.summary }
            return true
        }
    }

    /// The action as the quiz sees it, if it concerns the quiz.
    func quizInput(for action: Action) -> QuizInput? {
        switch action {
        case .stepForward, .eventForward: .step(from: timeline.current)
        case .answer(let choice): .answer(choice)
        case .skipQuestion: quiz?.current == nil ? nil : .answer(-1)
        case .toggleRun, .advance: .run
        case .stepBack, .eventBack, .toStart, .toEnd, .jump, .runUntil: .moved
        default: nil
        }
    }

    func isPromptAction(_ action: Action) -> Bool {
        switch action {
        case .promptType, .promptBackspace, .promptSubmit, .promptCancel, .advance: true
        default: false
        }
    }

    mutating func submitPrompt() {
        guard let current = prompt else { return }
        prompt = nil
        amounted = []
        let text = current.text.trimmingBlanks()
        switch current.kind {
        case .jumpToStep:
            guard let target = Int(text), target >= 0 else {
                message = "Not a step number: '\(text)'. Type digits, then Enter."
                return
            }
            apply(.jump(to: target))
        case .runUntilEvent:
            guard !text.isEmpty else {
                guard let lastSearch else {
                    message = "Type an event (fault, eviction, lost-update, ...) or any text to find in the explanations."
                    return
                }
                apply(.search(lastSearch, backward: false))
                return
            }
            let name = EventGroups.completions(of: text).count == 1 ? EventGroups.completions(of: text)[0] : text.lowercased()
            // An event's name runs until one; any other text is found in the explanations.
            guard let kinds = EventGroups.kinds(named: name) else {
                apply(.search(text, backward: false))
                return
            }
            apply(.runUntil(kinds, label: name))
        }
    }

    /// One step forward; false at the end.
    @discardableResult
    mutating func forward() -> Bool {
        guard !timeline.isFinished else { return false }
        previous = timeline.current
        timeline.stepForward()
        settleAfterMovingForward()
        return true
    }

    /// Any step, backwards or forwards, with `previous` set for highlighting.
    mutating func go(to target: Int) {
        revealed = nil
        eventStates = []
        let goal = max(0, total.map { min(target, $0) } ?? target)
        if goal == 0 {
            timeline.seek(to: 0)
            previous = nil
            rememberSteps()
        } else {
            // Seeking to the current step costs nothing, so one step forward is just that.
            timeline.seek(to: goal - 1)
            forward()
        }
    }

    /// Starts a long move, and takes it as far as the step budget allows.
    mutating func startSeek(_ move: Seek) {
        seek = move
        amounted = []
        continueSeek()
    }

    /// Takes a long move further; when it arrives, says so and records it.
    mutating func continueSeek() {
        guard let move = seek else { return }
        let budget = stepBudget ?? Int.max
        var arrived = false, found = false
        switch move.goal {
        case .end:
            runUntil(limit: budget) { _ in false }
            arrived = timeline.isFinished
        case .step(let target):
            let goal = total.map { min(target, $0) } ?? target
            if goal - step > 1 { runUntil(limit: min(budget, goal - step - 1)) { _ in false } }
            if step >= goal - 1 || timeline.isFinished {
                go(to: goal)
                arrived = true
                if target > step { message = "The scenario ends at step \(step)." }
            }
        case .event(let kinds):
            found = runUntil(limit: budget) { result in result.events.contains { kinds.contains($0.kind) } }
            arrived = found || timeline.isFinished
        }
        guard arrived else { return }
        seek = nil
        amounted = [move.action]
        if case let .runUntil(_, label) = move.action {
            if found {
                message = "Next \(label) at step \(step)."
            } else if step == move.from {
                message = "No \(label): the scenario has already ended."
            } else {
                // Nothing ahead: stay where the search began rather than land at the end unasked.
                let end = step
                go(to: move.from)
                message = "No \(label) between step \(move.from) and the end (step \(end)); still at step \(step)."
            }
        }
    }

    /// Stops a long move where it got to; returns what a recording keeps of it: a jump to that step.
    mutating func stopSeek() -> [AppliedAction] {
        guard let move = seek else { return [] }
        seek = nil
        return step != move.from ? [AppliedAction(.jump(to: step), step: step)] : []
    }

    /// Steps until `stop` says so (true) or the end or `limit` steps (false).
    @discardableResult
    mutating func runUntil(limit: Int, _ stop: (StepResult) -> Bool) -> Bool {
        var taken = 0
        while taken < limit, !timeline.isFinished {
            previous = timeline.current
            guard let result = timeline.stepForward() else { break }
            taken += 1
            if stop(result) {
                settleAfterMovingForward()
                return true
            }
        }
        settleAfterMovingForward()
        return false
    }

    /// After the timeline has moved forward: the step shows whole, the total is known at the end,
    /// and the focused process is one still running.
    mutating func settleAfterMovingForward() {
        revealed = nil
        eventStates = []
        if timeline.isFinished { total = step }
        keepFocusOnALiveProcess()
        rememberSteps()
    }

    /// Keeps `recentSteps` ending at the step shown: one more after a step forward, cut back
    /// after a step back, replayed from the timeline's checkpoints after a jump.
    mutating func rememberSteps() {
        scroll[.events] = 0
        let now = step
        guard now > 0 else {
            recentSteps = []
            return
        }
        if recentSteps.last?.step == now - 1 {
            recentSteps.append(timeline.lastResult)
        } else if let index = recentSteps.firstIndex(where: { $0.step == now }), index + 1 >= Self.historyDepth / 2 {
            recentSteps.removeSubrange((index + 1)...)
        } else {
            let first = max(1, now - Self.historyDepth + 1)
            recentSteps = (first < now ? timeline.results(first...(now - 1)) : []) + [timeline.lastResult]
        }
        if recentSteps.count > Self.historyDepth { recentSteps.removeFirst(recentSteps.count - Self.historyDepth) }
    }

    /// Opens the inspector on the focused pane, its things' lives read from every step so far.
    mutating func openInspector(row: Int? = nil) {
        let steps = step > 0 ? timeline.results(1...step) : []
        let cpu = min(focusedCPU ?? timeline.lastResult.cpu ?? 0, timeline.current.cpus.count - 1)
        inspector = Inspector(pane: focusedPane, machine: shownMachine, focusedProcess: focusedProcess, cpu: cpu, steps: steps)
        if let row,
            let subject = Inspector.subject(atRow: row, of: focusedPane, in: shownMachine, focusedProcess: focusedProcess, cpu: cpu),
            let index = inspector?.subjects.firstIndex(of: subject)
        {
            inspector?.moveSubject(by: index)
        }
        if inspector == nil {
            message = "Nothing to inspect in this pane: focus frames, the TLB, a page table, swap or files with [ ] first."
        }
    }

    /// The scenario's file changed and parsed: the same step of the new version (or its last
    /// step, if it has fewer), seen the same way.
    public mutating func reload(_ newer: Scenario, seed: UInt64?) {
        var next = Session(scenario: newer, seed: seed)
        next.stepBudget = stepBudget
        next.focusedPane = focusedPane
        next.anatomyVisible = anatomyVisible
        next.speedIndex = speedIndex
        next.canEditScenario = canEditScenario
        next.lastSearch = lastSearch
        let target = step
        if target > 0 { next.apply(.jump(to: target)) }
        next.message =
            next.step < target
            ? "Reloaded \(newer.path): it now ends at step \(next.step), so the session is there."
            : "Reloaded \(newer.path): at step \(next.step)."
        self = next
    }

    /// The scenario's file changed but does not parse: the session goes on, and says why.
    public mutating func reloadFailed(_ problems: [String]) {
        reloadProblems = problems
        message = "The scenario has errors (shown in the events pane); fix them and save."
    }

    /// The editor has closed (its file is read again by the caller); `problem` says why it could not run.
    public mutating func editorClosed(problem: String? = nil) {
        editorRequested = false
        if let problem { message = problem }
    }

    /// Finds the nearest event after (or before) the one shown whose explanation or kind contains
    /// `text`, case aside, and shows its step with events up to it revealed.
    mutating func find(_ text: String, backward: Bool) {
        lastSearch = text
        let needle = text.lowercased()
        func matches(_ event: Event) -> Bool {
            event.explanation.lowercased().contains(needle) || event.kind.rawValue.contains(needle)
        }
        let here = (step: step, event: (revealed ?? timeline.lastResult.events.count) - 1)
        var found: (step: Int, event: Int)?
        if backward {
            // Back from here a stretch at a time, each replayed forward from a checkpoint, the
            // last match of the nearest stretch winning: one step's results in memory at a time.
            var end = here.step
            while found == nil, end >= 1 {
                let start = max(1, end - Self.searchStretch + 1)
                timeline.forEachResult(start...end) { result in
                    let limit = result.step == here.step ? here.event : result.events.count
                    if let index = result.events.prefix(max(0, limit)).lastIndex(where: matches) { found = (result.step, index) }
                    return true
                }
                end = start - 1
            }
        } else {
            let current = timeline.lastResult.events
            if here.step > 0, let index = current.indices.dropFirst(here.event + 1).first(where: { matches(current[$0]) }) {
                found = (here.step, index)
            } else {
                var replay = timeline
                while found == nil, let result = replay.stepForward() {
                    if let index = result.events.firstIndex(where: matches) { found = (result.step, index) }
                }
            }
        }
        guard let found else {
            message = "No \(backward ? "earlier" : "later") event mentions '\(text)'."
            return
        }
        reveal(step: found.step, event: found.event)
        message = "'\(text)' at step \(found.step), event \(found.event + 1) (/ Enter: next, N: previous)."
    }

    /// Shows step `target` with its events up to `event` (from 0) revealed.
    mutating func reveal(step target: Int, event: Int) {
        go(to: max(0, min(target, Self.stepLimit) - 1))
        eventForward()
        let count = timeline.lastResult.events.count
        let shown = max(1, min(event, count) + 1)
        revealed = shown >= count ? nil : shown
    }

    mutating func eventForward() {
        let count = timeline.lastResult.events.count
        if let revealed, revealed < count {
            self.revealed = revealed + 1
            if revealed + 1 == count { self.revealed = nil }
            return
        }
        guard !timeline.isFinished else {
            message = "The scenario has ended at step \(step)."
            return
        }
        // Re-run the next step capturing the state at each event, when those copies fit in memory.
        guard timeline.current.estimatedBytes <= Self.revealBudget / 16 else {
            forward()
            revealed = timeline.lastResult.events.count > 1 ? 1 : nil
            message = "This machine is too large to keep a copy at each event: the events show one by one, the panes show the step's end."
            return
        }
        var machine = timeline.current
        let (_, states) = machine.stepShowingEachEvent()
        forward()
        eventStates = states
        revealed = timeline.lastResult.events.count > 1 ? 1 : nil
    }

    mutating func eventBack() {
        let count = timeline.lastResult.events.count
        let shown = revealed ?? count
        if shown > 1 {
            if eventStates.isEmpty, let before = previous, before.estimatedBytes <= Self.revealBudget / 16 {
                var machine = before
                eventStates = machine.stepShowingEachEvent().states
            }
            revealed = shown - 1
        } else if step > 0 {
            go(to: step - 1)
        } else {
            message = "Already at the start."
        }
    }

    mutating func cycleProcess(by delta: Int) {
        let count = timeline.current.processes.count
        guard count > 0 else { return }
        focusedProcess = ((focusedProcess + delta) % count + count) % count
        scroll[.pageTable] = 0
    }

    /// After a process exits, show the page table of one that still has one.
    mutating func keepFocusOnALiveProcess() {
        let processes = timeline.current.processes
        guard processes.indices.contains(focusedProcess), processes[focusedProcess].pageTable.isEmpty else { return }
        if let running = timeline.current.running, !processes[running].pageTable.isEmpty {
            focusedProcess = running
        } else if let alive = processes.firstIndex(where: { !$0.pageTable.isEmpty }) {
            focusedProcess = alive
        }
    }
}
