/// A simulation you can move through in both directions.
///
/// The machine is a deterministic value, so any earlier step is the nearest checkpoint
/// replayed forward. Checkpoints are kept every `interval` steps, so going back costs at
/// most `interval - 1` steps of re-execution wherever you are.
public struct Timeline: Sendable {
    public let initial: Machine
    public private(set) var current: Machine
    /// Events of the step that produced `current` (empty at step 0).
    public private(set) var lastResult: StepResult
    public let interval: Int
    /// checkpoints[i] is the machine after i * interval steps.
    private var checkpoints: [Machine]

    public init(_ machine: Machine, interval: Int = 64) {
        precondition(machine.stepCount == 0, "a timeline starts from a fresh machine")
        initial = machine
        current = machine
        self.interval = max(1, interval)
        checkpoints = [machine]
        lastResult = StepResult(step: 0, process: nil, operation: nil, events: [])
    }

    public var step: Int { current.stepCount }
    public var isFinished: Bool { current.isFinished }

    /// Steps forward once; returns nil at the end.
    @discardableResult
    public mutating func stepForward() -> StepResult? {
        guard !current.isFinished else { return nil }
        lastResult = current.step()
        if current.stepCount % interval == 0, current.stepCount / interval == checkpoints.count {
            checkpoints.append(current)
        }
        return lastResult
    }

    @discardableResult
    public mutating func stepBack() -> Bool {
        guard step > 0 else { return false }
        seek(to: step - 1)
        return true
    }

    /// Moves to step `target` (clamped to the simulation's end), backwards or forwards.
    /// Going back restores a checkpoint before the target and re-runs at least one step,
    /// so `lastResult` always holds the events of the step that produced `current`.
    public mutating func seek(to target: Int) {
        let goal = max(0, target)
        if goal < step {
            if goal == 0 {
                current = initial
                lastResult = StepResult(step: 0, process: nil, operation: nil, events: [])
                return
            }
            current = checkpoints[min((goal - 1) / interval, checkpoints.count - 1)]
        }
        while step < goal, stepForward() != nil {}
    }

    /// Runs to the end (or `limit` steps, whichever is first).
    public mutating func runToEnd(limit: Int = 10_000_000) {
        while step < limit, stepForward() != nil {}
    }
}
