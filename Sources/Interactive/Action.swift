import VMM

/// Everything a user can ask of a session; keys and the clock become these.
public enum Action: Hashable, Sendable {
    case stepForward, stepBack
    /// Reveal the next (or hide the last) event of the current operation.
    case eventForward, eventBack
    case toggleRun, faster, slower
    /// The loop's clock says this many auto-run steps are due.
    case advance(Int)
    case toStart, toEnd
    case jump(to: Int)
    /// Run until a step has one of these events; `label` names them in messages.
    case runUntil([Event.Kind], label: String)
    /// Find the next (or, backward, the previous) event whose explanation or kind contains the text,
    /// and show its step with that event revealed.
    case search(String, backward: Bool)
    /// The last search again, backward.
    case searchBackward
    case nextProcess, previousProcess
    /// Several CPUs: show the next CPU's TLB where they do not fit side by side.
    case nextCPU
    case nextPane, previousPane
    case scroll(Int)
    case toggleHelp
    /// Show the step's address taken apart above its events.
    case toggleAnatomy
    /// Every event so far over the whole screen (or close it); move in it; find in it.
    case toggleHistory
    case historyMove(Int)
    /// History: the oldest (or, `newest`, the newest) event.
    case historyEnd(newest: Bool)
    case historyFind(backward: Bool)
    /// Show step `step` with its events up to `event` (from 0) revealed.
    case reveal(step: Int, event: Int)
    /// Versioned sharing: every file's versions and merges, over the screen (or close it).
    case toggleVersions
    /// A list policy's lists in order and its ghost queues, over the screen (or close it).
    case toggleLists
    /// Open the inspector on the focused pane (or close it).
    case toggleInspector
    /// A click: focus a pane; on a row of a pane with things to inspect, open the inspector there.
    case focusPane(PaneID)
    case inspectRow(PaneID, Int)
    /// Inspector: choose another of the pane's things, or another entry of its life.
    case inspectSubject(Int), inspectEntry(Int)
    /// Inspector: show the chosen entry's step, with its event revealed.
    case inspectJump
    /// Edit the scenario in $EDITOR and reload it (the loop does the editing; with --watch).
    case editScenario
    case scrollHelp(Int)
    /// Stop auto-run, or a long move under way where it got to.
    case cancel
    /// The loop's clock says a long move may take its next stretch.
    case continueSeek
    /// Predict-then-step: questions before each operation.
    case toggleQuiz
    case answer(Int)
    case skipQuestion
    case openPrompt(Prompt.Kind)
    case promptType(Character)
    case promptBackspace, promptSubmit, promptCancel
    case quit
}

extension Action {
    /// What a run-until looks for, in words.
    public var label: String {
        if case let .runUntil(_, label) = self { return label }
        return "event"
    }

    /// Whether the action moves through the run (and so ends a long move under way). Every action
    /// is named here and below, so a new one must say what it is.
    public var moves: Bool {
        switch self {
        case .stepForward, .stepBack, .eventForward, .eventBack, .toStart, .toEnd, .jump, .runUntil, .toggleRun, .search, .searchBackward,
            .reveal:
            true
        case .faster, .slower, .advance, .nextProcess, .previousProcess, .nextCPU, .nextPane, .previousPane, .scroll, .toggleHelp,
            .toggleAnatomy, .toggleHistory, .historyMove, .historyEnd, .historyFind, .toggleVersions, .toggleLists, .toggleInspector,
            .focusPane,
            .inspectRow, .inspectSubject, .inspectEntry, .inspectJump, .editScenario, .scrollHelp, .cancel, .continueSeek,
            .toggleQuiz, .answer, .skipQuestion, .openPrompt, .promptType, .promptBackspace, .promptSubmit, .promptCancel, .quit:
            false
        }
    }

    /// Whether the action ends a long move under way: any move; opening a prompt for one (so a
    /// jump typed there never interrupts a long move itself, and one key stops at most one move);
    /// opening an overlay, which reads the run as it stands; and quitting (the recording then ends
    /// where the move had got to).
    public var endsLongMove: Bool {
        switch self {
        case .openPrompt, .quit, .toggleHistory, .toggleInspector, .inspectRow, .toggleVersions, .toggleLists, .inspectJump, .editScenario:
            true
        case .stepForward, .stepBack, .eventForward, .eventBack, .toStart, .toEnd, .jump, .runUntil, .toggleRun, .search,
            .searchBackward, .reveal, .faster, .slower, .advance, .nextProcess, .previousProcess, .nextCPU, .nextPane,
            .previousPane, .scroll, .toggleHelp, .toggleAnatomy, .historyMove, .historyEnd, .historyFind, .focusPane,
            .inspectSubject, .inspectEntry, .scrollHelp, .cancel, .continueSeek, .toggleQuiz, .answer, .skipQuestion,
            .promptType, .promptBackspace, .promptSubmit, .promptCancel:
            moves
        }
    }

    /// Whether the action stops auto-run before it is taken: a move of the user's own through
    /// events, to an end, to an event of a kind, a search, and the quiz turned on or off. (A step,
    /// a jump and `r` itself decide for themselves; the rest leave auto-run going.)
    public var stopsAutoRun: Bool {
        switch self {
        case .eventForward, .eventBack, .toStart, .toEnd, .runUntil, .search, .toggleQuiz: true
        case .stepForward, .stepBack, .jump, .toggleRun, .searchBackward, .reveal, .faster, .slower, .advance, .nextProcess,
            .previousProcess, .nextCPU, .nextPane, .previousPane, .scroll, .toggleHelp, .toggleAnatomy, .toggleHistory,
            .historyMove, .historyEnd, .historyFind, .toggleVersions, .toggleLists, .toggleInspector, .focusPane, .inspectRow,
            .inspectSubject,
            .inspectEntry, .inspectJump, .editScenario, .scrollHelp, .cancel, .continueSeek, .answer, .skipQuestion, .openPrompt,
            .promptType, .promptBackspace, .promptSubmit, .promptCancel, .quit:
            false
        }
    }

    /// Whether the action belongs to a prompt that is open (anything else closes it). The clock's
    /// auto-run steps do not close it either.
    public var isPromptKey: Bool {
        switch self {
        case .promptType, .promptBackspace, .promptSubmit, .promptCancel, .advance: true
        case .stepForward, .stepBack, .eventForward, .eventBack, .toggleRun, .faster, .slower, .toStart, .toEnd, .jump,
            .runUntil, .search, .searchBackward, .nextProcess, .previousProcess, .nextCPU, .nextPane, .previousPane, .scroll,
            .toggleHelp, .toggleAnatomy, .toggleHistory, .historyMove, .historyEnd, .historyFind, .reveal, .toggleVersions, .toggleLists,
            .toggleInspector, .focusPane, .inspectRow, .inspectSubject, .inspectEntry, .inspectJump, .editScenario, .scrollHelp,
            .cancel, .continueSeek, .toggleQuiz, .answer, .skipQuestion, .openPrompt, .quit:
            false
        }
    }
}
