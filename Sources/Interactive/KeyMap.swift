/// Keys to actions in a live session, following htop, less and vi where they fit.
public enum KeyMap {
    /// The modes in force for a session: a run, with the quiz's keys while a question is open.
    public static func modes(of session: Session, base: KeyMode = .run) -> Set<KeyMode> {
        session.quiz?.current != nil ? [base, .quiz] : [base]
    }

    /// The keys of whatever lies over the screen (help, history, versions, the inspector): `extra`
    /// first, then q quits, j k move by one and J K by ten, a resize is nothing, any other key closes.
    static func overlay(_ key: Key, move: (Int) -> Action, close: Action, extra: (Key) -> Action? = { _ in nil }) -> Action? {
        if let action = extra(key) { return action }
        switch key {
        case .character("q"), .interrupt: return .quit
        case .character("j"), .down: return move(1)
        case .character("k"), .up: return move(-1)
        case .character("J"), .pageDown: return move(10)
        case .character("K"), .pageUp: return move(-10)
        case .resize: return nil
        default: return close
        }
    }

    /// What a key does in a session: prompts and the help screen take keys first, then the table.
    public static func action(for key: Key, in session: Session, base: KeyMode = .run) -> Action? {
        if session.prompt != nil {
            switch key {
            case .enter: return .promptSubmit
            case .interrupt: return .quit
            case .escape: return .promptCancel
            case .backspace: return .promptBackspace
            case .character(let c) where !c.isNewline && c != "\t": return .promptType(c)
            default: return nil
            }
        }
        // Esc stops an overlay's own long work (a search in the history, the inspector reading)
        // and leaves the overlay open with what it has so far.
        if key == .escape, session.seek?.isOverlays == true { return .cancel }
        switch session.overlay {
        case .history(let history):
            return overlay(key, move: { .historyMove($0) }, close: .toggleHistory) { key in
                switch key {
                case .character("g"), .home: .historyEnd(newest: false)
                case .character("G"), .end: .historyEnd(newest: true)
                case .character("n"): .historyFind(backward: false)
                case .character("N"): .historyFind(backward: true)
                case .enter: history.chosen.map { .reveal(step: $0.step, event: $0.index) } ?? .toggleHistory
                default: nil
                }
            }
        case .versions:
            return overlay(key, move: { .scrollHelp($0) }, close: .toggleVersions)
        case .lists:
            return overlay(key, move: { .scrollHelp($0) }, close: .toggleLists)
        case .inspector:
            // j k choose among the pane's things; J K ← → among the chosen one's events.
            return overlay(key, move: { .inspectSubject($0) }, close: .toggleInspector) { key in
                switch key {
                case .character("J"), .pageDown, .right: .inspectEntry(1)
                case .character("K"), .pageUp, .left: .inspectEntry(-1)
                case .enter: .inspectJump
                default: nil
                }
            }
        case .help:
            return overlay(key, move: { .scrollHelp($0) }, close: .toggleHelp) { $0 == .character(" ") ? .scrollHelp(10) : nil }
        case nil:
            break
        }
        guard let binding = KeyBindings.binding(for: key, in: modes(of: session, base: base)) else { return nil }
        switch binding.command {
        case .session(let action):
            // Esc only means something while something moves.
            if action == .cancel, !session.running, !session.isSeeking { return nil }
            return action
        case .answerWithDigit:
            guard case .character(let c) = key, let digit = c.wholeNumberValue, let question = session.quiz?.current,
                digit >= 1, digit <= question.choices.count
            else { return nil }
            return .answer(digit - 1)
        case .playback:
            return nil
        }
    }
}
