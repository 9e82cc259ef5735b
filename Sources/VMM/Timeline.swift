/// A simulation you can move through in both directions.
///
/// The machine is a deterministic value, so any earlier step is the nearest checkpoint
/// replayed forward. Checkpoints are kept every `interval` steps, so going back costs at
/// most `interval - 1` steps of re-execution wherever you are. Their memory is bounded: when
/// they would exceed `memoryBudget` bytes, every other one is dropped and the interval doubles
/// (a machine of a million frames keeps few checkpoints; a small one keeps thousands).
public struct Timeline: Sendable {
    public let initial: Machine
    public private(set) var current: Machine
    /// Events of the step that produced `current` (empty at step 0).
    public private(set) var lastResult: StepResult
    public private(set) var interval: Int
    /// checkpoints[i] is the machine after i * interval steps.
    private var checkpoints: [Machine]
    /// How many checkpoints fit in the memory budget (at least 2).
    public let checkpointLimit: Int

    /// 256 MiB of checkpoints by default.
    public static let defaultMemoryBudget = 256 << 20

    public init(_ machine: Machine, interval: Int = 64, memoryBudget: Int = Timeline.defaultMemoryBudget) {
        precondition(machine.stepCount == 0, "a timeline starts from a fresh machine")
        initial = machine
        current = machine
        self.interval = max(1, interval)
        checkpoints = [machine]
        lastResult = StepResult(step: 0, process: nil, operation: nil, events: [])
        checkpointLimit = max(2, memoryBudget / max(1, machine.estimatedBytes))
    }

    public var checkpointCount: Int { checkpoints.count }

    public var step: Int { current.stepCount }
    public var isFinished: Bool { current.isFinished }

    /// Steps forward once; returns nil at the end.
    @discardableResult
    public mutating func stepForward() -> StepResult? {
        guard !current.isFinished else { return nil }
        lastResult = current.step()
        if current.stepCount % interval == 0, current.stepCount / interval == checkpoints.count {
            checkpoints.append(current)
            if checkpoints.count > checkpointLimit {
                // Keep checkpoints 0, 2, 4, ...: still evenly spaced, at twice the interval.
                checkpoints = checkpoints.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
                interval *= 2
            }
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

    /// The results of steps `range` (from 1), replayed from the nearest checkpoint on a copy: a
    /// step's result never changes, so any can be had again. Fewer when the run ends first.
    public func results(_ range: ClosedRange<Int>) -> [StepResult] {
        var results: [StepResult] = []
        forEachResult(range) { result in
            results.append(result)
            return true
        }
        return results
    }

    /// Each result of steps `range` in turn, replayed on a copy as `results` does, but holding
    /// only one at a time: memory stays that of one machine however long the range. `body`
    /// returns false to stop.
    public func forEachResult(_ range: ClosedRange<Int>, _ body: (StepResult) throws -> Bool) rethrows {
        var replay = self
        replay.seek(to: max(0, range.lowerBound - 1))
        while replay.step < range.upperBound, let result = replay.stepForward() {
            guard try body(result) else { return }
        }
    }

    /// Runs to the end (or `limit` steps, whichever is first).
    public mutating func runToEnd(limit: Int = 10_000_000) {
        while step < limit, stepForward() != nil {}
    }
}
