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

    public init(left: Scenario, right: Scenario, leftLabel: String, rightLabel: String, seed: UInt64? = nil, stepBudget: Int? = nil) {
        self.left = Session(scenario: left, seed: seed, stepBudget: stepBudget)
        self.right = Session(scenario: right, seed: seed, stepBudget: stepBudget)
        self.leftLabel = leftLabel
        self.rightLabel = rightLabel
        // The engine is deterministic, so where they part is known before the student gets there.
        var a = left.makeMachine(seed: seed), b = right.makeMachine(seed: seed)
        partsAt = Machine.stepToParting(&a, &b, limit: Session.lookahead).map { max($0.left.step, $0.right.step) }
    }

    public var step: Int { max(left.step, right.step) }

    /// Steps a long move may take per frame, on each side (see `Session.stepBudget`).
    public var stepBudget: Int? {
        get { left.stepBudget }
        set {
            left.stepBudget = newValue
            right.stepBudget = newValue
        }
    }
    /// Every action goes to both sides; what it did is the left side's (the two act alike).
    @discardableResult
    public mutating func apply(_ action: Action) -> Outcome {
        let outcome = left.apply(action)
        right.apply(action)
        return outcome
    }

    /// Counters whose values differ, with both values.
    public var differingCounters: [(name: String, left: Int, right: Int)] {
        let a = left.shownMachine.counters.named, b = right.shownMachine.counters.named
        return zip(a, b).filter { $0.0.value != $0.1.value }.map { (Counters.spelled($0.0.name), $0.0.value, $0.1.value) }
    }
}

extension Comparison: InteractiveModel {
    public var isBusy: Bool { left.isBusy || right.isBusy }

    public mutating func handle(_ key: Key) -> Outcome {
        // The compare mode's bindings (no quiz: it is for one run); every action moves both.
        guard let action = KeyMap.action(for: key, in: left, base: .compare) else { return .none }
        return apply(action)
    }

    public mutating func tick(seconds: Double) -> Outcome {
        // Long moves (and learning the run's length) go on in each side by itself; auto-run
        // steps both together.
        if left.isSeeking || right.isSeeking || !left.running {
            let outcome = left.isBusy ? left.tick(seconds: seconds) : .none
            if right.isBusy { _ = right.tick(seconds: seconds) }
            return outcome
        }
        let outcome = left.tick(seconds: seconds)
        for applied in outcome.applied { right.apply(applied.action) }
        return outcome
    }
}
