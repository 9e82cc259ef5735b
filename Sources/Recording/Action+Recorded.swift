import Foundation
import Interactive
import Scenario
import VMM

extension Action {
    /// The action as a replay file records it, if it moves the simulation or changes what the
    /// screen shows of it (the help screen and the prompts' typing are not recorded).
    public func recorded(time: Double, session: Session) -> RecordedAction? {
        let step = session.step, revealed = session.revealed
        func record(_ name: String, count: Int? = nil, target: Int? = nil, kinds: [String]? = nil, label: String? = nil) -> RecordedAction {
            RecordedAction(
                time: time, action: name, count: count, target: target, kinds: kinds, label: label, step: step, revealed: revealed)
        }
        switch self {
        case .stepForward: return record("step-forward")
        case .stepBack: return record("step-back")
        case .eventForward: return record("event-forward")
        case .eventBack: return record("event-back")
        case .toggleRun: return record("toggle-run")
        case .advance(let count): return count > 0 ? record("advance", count: count) : nil
        case .toStart: return record("to-start")
        case .toEnd: return record("to-end")
        case .jump(let target): return record("jump", target: target)
        case let .runUntil(kinds, label): return record("run-until", kinds: kinds.map(\.rawValue), label: label)
        case .nextProcess: return record("next-process")
        case .previousProcess: return record("previous-process")
        case .nextPane: return record("next-pane")
        case .previousPane: return record("previous-pane")
        case .scroll(let delta): return record("scroll", count: delta)
        case .faster: return record("faster")
        case .slower: return record("slower")
        case .toggleQuiz: return record("toggle-quiz")
        case .answer(let choice): return record("answer", count: choice, label: session.lastAnswerVerdict)
        case .skipQuestion: return record("answer", count: -1, label: session.lastAnswerVerdict)
        default: return nil
        }
    }

    /// The action a replay record stands for.
    public init?(recorded: RecordedAction) {
        switch recorded.action {
        case "step-forward": self = .stepForward
        case "step-back": self = .stepBack
        case "event-forward": self = .eventForward
        case "event-back": self = .eventBack
        case "toggle-run": self = .toggleRun
        case "advance": self = .advance(recorded.count ?? 0)
        case "to-start": self = .toStart
        case "to-end": self = .toEnd
        case "jump": self = .jump(to: recorded.target ?? 0)
        case "next-process": self = .nextProcess
        case "previous-process": self = .previousProcess
        case "next-pane": self = .nextPane
        case "previous-pane": self = .previousPane
        case "scroll": self = .scroll(recorded.count ?? 0)
        case "faster": self = .faster
        case "slower": self = .slower
        case "toggle-quiz": self = .toggleQuiz
        case "answer": self = .answer(recorded.count ?? -1)
        case "run-until":
            let kinds = (recorded.kinds ?? []).compactMap(Event.Kind.init(rawValue:))
            self = .runUntil(kinds, label: recorded.label ?? kinds.map(\.rawValue).joined(separator: ", "))
        default: return nil
        }
    }
}
