/// Keys to actions in a live session, following htop, less and vi where they fit.
public enum KeyMap {
    /// The modes in force for a session: a run, with the quiz's keys while a question is open.
    public static func modes(of session: Session, base: KeyMode = .run) -> Set<KeyMode> {
        session.quiz?.current != nil ? [base, .quiz] : [base]
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
        if let history = session.history {
            switch key {
            case .character("q"), .interrupt: return .quit
            case .character("j"), .down: return .historyMove(1)
            case .character("k"), .up: return .historyMove(-1)
            case .character("J"), .pageDown: return .historyMove(10)
            case .character("K"), .pageUp: return .historyMove(-10)
            case .character("g"), .home: return .historyMove(-Int.max / 2)
            case .character("G"), .end: return .historyMove(Int.max / 2)
            case .character("n"): return .historyFind(backward: false)
            case .character("N"): return .historyFind(backward: true)
            case .enter: return history.chosen.map { .reveal(step: $0.step, event: $0.index) } ?? .toggleHistory
            default: return .toggleHistory
            }
        }
        if session.versionsVisible {
            switch key {
            case .character("q"), .interrupt: return .quit
            case .character("j"), .down: return .scrollHelp(1)
            case .character("k"), .up: return .scrollHelp(-1)
            case .character("J"), .pageDown: return .scrollHelp(10)
            case .character("K"), .pageUp: return .scrollHelp(-10)
            default: return .toggleVersions
            }
        }
        if session.inspector != nil {
            // The inspector takes the keys while it is open.
            switch key {
            case .character("q"), .interrupt: return .quit
            case .character("j"), .down: return .inspectSubject(1)
            case .character("k"), .up: return .inspectSubject(-1)
            case .character("J"), .pageDown, .right: return .inspectEntry(1)
            case .character("K"), .pageUp, .left: return .inspectEntry(-1)
            case .enter: return .inspectJump
            default: return .toggleInspector
            }
        }
        if session.helpVisible {
            switch key {
            case .character("q"), .interrupt: return .quit
            case .character("j"), .down: return .scrollHelp(1)
            case .character("k"), .up: return .scrollHelp(-1)
            case .character("J"), .pageDown, .character(" "): return .scrollHelp(10)
            case .character("K"), .pageUp: return .scrollHelp(-10)
            case .resize: return nil
            default: return .toggleHelp
            }
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
