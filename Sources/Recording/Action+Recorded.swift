import FoundationEssentials
import Interactive
import VMM

extension Action {
    /// The actions a record names by its name alone, both ways (the rest carry a number or kinds).
    static let plainRecords: [(name: String, action: Action)] = [
        ("step-forward", .stepForward), ("step-back", .stepBack), ("event-forward", .eventForward), ("event-back", .eventBack),
        ("toggle-run", .toggleRun), ("to-start", .toStart), ("to-end", .toEnd), ("next-process", .nextProcess), ("next-cpu", .nextCPU),
        ("previous-process", .previousProcess), ("next-pane", .nextPane), ("previous-pane", .previousPane), ("faster", .faster),
        ("slower", .slower), ("toggle-quiz", .toggleQuiz), ("toggle-anatomy", .toggleAnatomy),
        // Esc, or a prompt opened, pausing auto-run (a long move stopped is recorded as a jump).
        ("pause", .cancel),
    ]

    /// The action as a replay file records it, if it moves the simulation or changes what the
    /// screen shows of it (the help screen and the prompts' typing are not recorded); `verdict` is
    /// the last quiz answer's, for an answer.
    public func recorded(time: Double, step: Int, revealed: Int?, verdict: String?) -> RecordedAction? {
        func record(_ name: String, count: Int? = nil, target: Int? = nil, kinds: [String]? = nil, label: String? = nil) -> RecordedAction {
            RecordedAction(
                time: time, action: name, count: count, target: target, kinds: kinds, label: label, step: step, revealed: revealed)
        }
        switch self {
        case .stepForward, .stepBack, .eventForward, .eventBack, .toggleRun, .toStart, .toEnd, .nextProcess, .nextCPU,
            .previousProcess, .nextPane, .previousPane, .faster, .slower, .toggleQuiz, .toggleAnatomy, .cancel:
            return Self.plainRecords.first(where: { $0.action == self }).map { record($0.name) }
        case .advance(let count): return count > 0 ? record("advance", count: count) : nil
        case .jump(let target): return record("jump", target: target)
        case let .runUntil(kinds, label): return record("run-until", kinds: kinds.map(\.rawValue), label: label)
        case .scroll(let delta): return record("scroll", count: delta)
        case .answer(let choice): return record("answer", count: choice, label: verdict)
        case .skipQuestion: return record("answer", count: -1, label: verdict)
        case let .search(text, backward): return record("search", count: backward ? -1 : 1, label: text)
        case .focusPane(let pane): return record("focus-pane", count: pane.rawValue)
        case let .reveal(step, event): return record("reveal", count: event, target: step)
        // What only changes how the screen is looked at, or is the prompt's typing (its Enter is
        // recorded as the move it names), or is the loop's own bookkeeping.
        case .searchBackward, .toggleHelp, .toggleHistory, .historyMove, .historyEnd, .historyFind,
            .toggleVersions, .toggleLists, .toggleInspector, .inspectRow, .inspectSubject, .inspectEntry, .inspectJump, .editScenario,
            .scrollHelp, .continueSeek, .openPrompt, .promptType, .promptBackspace, .promptSubmit, .promptCancel, .quit:
            return nil
        }
    }

    /// The action a replay record stands for.
    public init?(recorded: RecordedAction) {
        if let plain = Self.plainRecords.first(where: { $0.name == recorded.action }) {
            self = plain.action
            return
        }
        switch recorded.action {
        case "advance": self = .advance(recorded.count ?? 0)
        case "jump": self = .jump(to: recorded.target ?? 0)
        case "scroll": self = .scroll(recorded.count ?? 0)
        case "answer": self = .answer(recorded.count ?? -1)
        case "search": self = .search(recorded.label ?? "", backward: recorded.count == -1)
        case "focus-pane": self = .focusPane(PaneID(rawValue: recorded.count ?? 0) ?? .pageTable)
        case "reveal": self = .reveal(step: recorded.target ?? 0, event: recorded.count ?? 0)
        case "run-until":
            let kinds = (recorded.kinds ?? []).compactMap(Event.Kind.init(rawValue:))
            self = .runUntil(kinds, label: recorded.label ?? kinds.map(\.rawValue).joined(separator: ", "))
        default: return nil
        }
    }
}
