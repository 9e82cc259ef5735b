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
            RecordedAction(time: time, action: name, count: count, target: target, kinds: kinds, label: label, step: step, revealed: revealed)
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
        case .answer(let choice): return record("answer", count: choice, label: session.lastAnswerWasRight.map { $0 ? "right" : "wrong" })
        case .skipQuestion: return record("answer", count: -1, label: session.lastAnswerWasRight.map { $0 ? "right" : "wrong" })
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

/// Where a replay and a fresh simulation first disagree.
public struct Divergence: Error, Hashable, Sendable, CustomStringConvertible {
    public var step: Int
    public var expected: String
    public var found: String
    /// What was being compared, in words.
    public var what: String

    public var description: String { "step \(step): \(what): expected \(expected), found \(found)" }
}

extension Replay {
    /// A session with the recording's first `count` actions applied.
    public func session(afterActions count: Int) -> Session {
        var session = Session(scenario: scenario, seed: header.seed)
        for recorded in actions.prefix(count) {
            if let action = Action(recorded: recorded) { session.apply(action) }
        }
        return session
    }

    /// The quiz score the recording earned, when it was recorded in quiz mode.
    public var quizSummary: String? {
        guard actions.contains(where: { $0.action == "answer" }) else { return nil }
        return session(afterActions: actions.count).quiz?.summary
    }

    /// Re-simulates the recording and checks every action's step and every step's digest;
    /// returns the first divergence, or nil when the replay is genuine.
    public func verify() -> Divergence? {
        var session = Session(scenario: scenario, seed: header.seed)
        for recorded in actions {
            guard let action = Action(recorded: recorded) else { continue }
            session.apply(action)
            if recorded.action == "answer", let label = recorded.label, session.lastAnswerWasRight.map({ $0 ? "right" : "wrong" }) != label {
                return Divergence(step: recorded.step, expected: label, found: session.lastAnswerWasRight.map { $0 ? "right" : "wrong" } ?? "no question",
                                  what: "a quiz answer recorded at \(String(format2(recorded.time))) s was")
            }
            if session.step != recorded.step {
                return Divergence(step: recorded.step, expected: "step \(recorded.step)", found: "step \(session.step)",
                                  what: "after '\(recorded.action)' at \(String(format2(recorded.time))) s the simulation should stand at")
            }
        }
        // The end record must say where the session really ended.
        if let end, end.step != session.step {
            return Divergence(step: end.step, expected: "step \(end.step)", found: "step \(session.step)",
                              what: "the end record says the session ended at")
        }
        var machine = scenario.makeMachine(seed: header.seed)
        for step in 1...max(1, digests.keys.max() ?? 0) where digests[step] != nil {
            let result = machine.step()
            let found = EventDigest.digest(result.events)
            if found != digests[step] {
                let events = result.events.map(\.kind.rawValue).joined(separator: " ")
                return Divergence(step: step, expected: digests[step]!, found: "\(found) (events: \(events.isEmpty ? "none" : events))", what: "event digest")
            }
        }
        return nil
    }
}

func format2(_ value: Double) -> String {
    // Times are checked when a file is read (0 to 10^9 s); this never traps on any other.
    guard value.isFinite, abs(value) < 1e12 else { return String(value) }
    let hundredths = Int((value * 100).rounded())
    guard hundredths >= 0 else { return "-" + format2(-value) }
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}
