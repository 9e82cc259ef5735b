/// A key as the terminal reports it, independent of ncurses.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab
    case function(Int)
    case resize
    case interrupt
}

/// Keys to actions, following the conventions of htop, less and vi where they fit.
public enum KeyMap {
    public static func action(for key: Key, in session: Session) -> Action? {
        if session.prompt != nil {
            switch key {
            case .enter: return .promptSubmit
            case .escape, .interrupt: return key == .interrupt ? .quit : .promptCancel
            case .backspace: return .promptBackspace
            case .character(let c) where !c.isNewline && c != "\t": return .promptType(c)
            default: return nil
            }
        }
        if session.helpVisible {
            switch key {
            case .character("q"), .interrupt: return .quit
            case .resize: return nil
            default: return .toggleHelp
            }
        }
        if let question = session.quiz?.current {
            switch key {
            case .character(let c) where c.isNumber:
                guard let digit = c.wholeNumberValue, digit >= 1, digit <= question.choices.count else { return nil }
                return .answer(digit - 1)
            case .character("s"): return .skipQuestion
            default: break
            }
        }
        switch key {
        case .character("Q"): return .toggleQuiz
        case .character("n"), .character(" "), .character("l"), .right: return .stepForward
        case .character("b"), .character("h"), .left, .backspace: return .stepBack
        case .character("."): return .eventForward
        case .character(","): return .eventBack
        case .character("r"), .character("p"), .enter: return .toggleRun
        case .character("+"), .character("="): return .faster
        case .character("-"), .character("_"): return .slower
        case .character("g"), .home: return .toStart
        case .character("G"), .end: return .toEnd
        case .character(":"): return .openPrompt(.jumpToStep)
        case .character("/"): return .openPrompt(.runUntilEvent)
        case .character("f"): return .runUntil(EventGroups.kinds(named: "fault")!, label: "fault")
        case .character("e"): return .runUntil([.eviction], label: "eviction")
        case .character("u"): return .runUntil([.lostUpdate], label: "lost update")
        case .character("c"): return .runUntil([.mergeConflict], label: "merge conflict")
        case .character("w"): return .runUntil([.lockWait, .closeWait], label: "wait")
        case .tab: return .nextProcess
        case .backTab: return .previousProcess
        case .character("]"): return .nextPane
        case .character("["): return .previousPane
        case .character("j"), .down: return .scroll(1)
        case .character("k"), .up: return .scroll(-1)
        case .pageDown, .character("J"): return .scroll(10)
        case .pageUp, .character("K"): return .scroll(-10)
        case .character("?"), .function(1): return .toggleHelp
        case .character("q"), .interrupt: return .quit
        case .escape: return session.running ? .toggleRun : nil
        default: return nil
        }
    }

    /// The help overlay's lines: key, then what it does.
    public static let help: [(keys: String, does: String)] = [
        ("n  space  →  l", "step forward one operation"),
        ("b  ←  h", "step back one operation"),
        (".", "show the next event of the operation"),
        (",", "step back one event"),
        ("r  p  Enter", "run / pause"),
        ("+  -", "run faster / slower"),
        ("g  Home", "jump to the start"),
        ("G  End", "jump to the end"),
        (":", "jump to a step number"),
        ("/", "run until an event (fault, eviction, lost-update, ...)"),
        ("f  e  u  c  w", "run until the next fault, eviction, lost update, conflict, wait"),
        ("Tab  Shift-Tab", "show the next / previous process's page table"),
        ("[  ]", "focus the previous / next pane"),
        ("j k ↓ ↑  PgDn PgUp", "scroll the focused pane"),
        ("Q", "quiz mode: predict each operation (1-9 answer, s skips)"),
        ("?  F1", "this help (any key closes it)"),
        ("q  Ctrl-C", "quit"),
    ]
}
