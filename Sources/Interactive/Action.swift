import Scenario
import Teaching
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
    case nextProcess, previousProcess
    case nextPane, previousPane
    case scroll(Int)
    case toggleHelp
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

    /// Whether the action moves through the run (and so ends a long move under way).
    public var moves: Bool {
        switch self {
        case .stepForward, .stepBack, .eventForward, .eventBack, .toStart, .toEnd, .jump, .runUntil, .toggleRun: true
        default: false
        }
    }
}

/// A long move under way: what was asked, where it goes, where it started.
public struct Seek: Hashable, Sendable {
    public enum Goal: Hashable, Sendable {
        case end
        case step(Int)
        case event([Event.Kind])
    }

    public var action: Action
    public var goal: Goal
    public var from: Int
}

public struct Prompt: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case jumpToStep
        case runUntilEvent
    }

    public var kind: Kind
    public var text = ""

    public var label: String {
        switch kind {
        case .jumpToStep: "Jump to step: "
        case .runUntilEvent: "Run until event: "
        }
    }
}

/// Names a student can type at the run-until prompt: groups first, then every event kind.
public enum EventGroups {
    public static let groups: [(name: String, kinds: [Event.Kind])] = [
        ("fault", [.minorFault, .majorFault, .protectionFault, .segmentationFault]),
        ("eviction", [.eviction]),
        ("lost-update", [.lostUpdate]),
        ("conflict", [.mergeConflict]),
        ("wait", [.lockWait, .closeWait]),
        ("swap", [.swapIn, .swapOut]),
        ("disk", [.diskRead, .diskWrite, .writeBack]),
    ]

    public static var names: [String] {
        groups.map(\.name) + Event.Kind.allCases.map(\.rawValue).filter { name in !groups.contains { $0.name == name } }
    }

    public static func kinds(named name: String) -> [Event.Kind]? {
        if let group = groups.first(where: { $0.name == name }) { return group.kinds }
        return Event.Kind(rawValue: name).map { [$0] }
    }

    /// Names starting with what was typed.
    public static func completions(of prefix: String) -> [String] {
        names.filter { $0.hasPrefix(prefix.lowercased()) }
    }
}
