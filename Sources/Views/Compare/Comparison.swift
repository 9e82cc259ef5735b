import Scenario
import VMM

/// One scenario under two configurations, stepped in lockstep, to see where two policies part ways.
public struct Comparison: Sendable {
    public private(set) var left: Session
    public private(set) var right: Session
    public let leftLabel: String
    public let rightLabel: String
    /// The first step whose events differ between the two sides (nil if they never do).
    public let partsAt: Int?

    public init(left: Scenario, right: Scenario, leftLabel: String, rightLabel: String, seed: UInt64? = nil) {
        self.left = Session(scenario: left, seed: seed)
        self.right = Session(scenario: right, seed: seed)
        self.leftLabel = leftLabel
        self.rightLabel = rightLabel
        // The engine is deterministic, so where they part is known before the student gets there.
        var a = left.makeMachine(seed: seed), b = right.makeMachine(seed: seed)
        var parts: Int?
        while parts == nil, !(a.isFinished && b.isFinished), a.stepCount < Session.lookahead {
            let (ra, rb) = (a.step(), b.step())
            if EventDigest.digest(ra.events) != EventDigest.digest(rb.events) || a.isFinished != b.isFinished { parts = max(ra.step, rb.step) }
        }
        partsAt = parts
    }

    public var step: Int { max(left.step, right.step) }
    public var wantsQuit: Bool { left.wantsQuit || right.wantsQuit }

    /// Every action goes to both sides.
    public mutating func apply(_ action: Action) {
        left.apply(action)
        right.apply(action)
    }

    /// Counters whose values differ, with both values.
    public var differingCounters: [(name: String, left: Int, right: Int)] {
        let a = left.shownMachine.counters.named, b = right.shownMachine.counters.named
        return zip(a, b).filter { $0.0.value != $0.1.value }.map { ($0.0.name.replacingUnderscores(), $0.0.value, $0.1.value) }
    }

    /// Panes whose contents differ between the sides, and those that are the same.
    public func panes(width: Int, box: BoxCharacters) -> (differing: [PaneID], same: [PaneID]) {
        let order: [PaneID] = [.frames, .pageTable, .tlb, .swap, .files, .processes]
        var differing: [PaneID] = [], same: [PaneID] = []
        for pane in order {
            let a = Panes.content(pane, session: left, width: width, compact: true, box: box, versus: right.shownMachine)
            let b = Panes.content(pane, session: right, width: width, compact: true, box: box, versus: left.shownMachine)
            if a.lines.map(\.text) == b.lines.map(\.text) && a.title == b.title { same.append(pane) } else { differing.append(pane) }
        }
        return (differing, same)
    }
}

extension Comparison: InteractiveModel {
    public var isBusy: Bool { left.running || right.running }

    public mutating func handle(_ key: Key) -> [Action] {
        // Quizzes and replays are for one run; everything else moves both.
        guard let action = KeyMap.action(for: key, in: left), action != .toggleQuiz else { return [] }
        apply(action)
        return [action]
    }

    public mutating func tick(seconds: Double) -> [Action] {
        let actions = left.tick(seconds: seconds)
        for action in actions { right.apply(action) }
        return actions
    }

    public func render(width: Int, height: Int, box: BoxCharacters) -> Grid {
        ComparisonScreen.render(self, width: width, height: height, box: box)
    }
}
