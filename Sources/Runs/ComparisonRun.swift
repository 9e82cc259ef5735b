import Scenario
import VMM

/// Two configurations of one scenario run side by side (`lookaside compare --headless`): the
/// first step at which their events differ, and both machines where the runs stopped.
public struct ComparisonRun: Sendable {
    /// The first step whose events differ, as each run took it, and who ran it there.
    public struct Parting: Sendable {
        public var left: StepResult, right: StepResult
        public var leftWho: String, rightWho: String
        public var step: Int { max(left.step, right.step) }
    }

    public var parting: Parting?
    public var left: Machine, right: Machine

    /// Runs both until they end or `limit` steps have run.
    public init(left: Scenario, right: Scenario, seed: UInt64?, limit: Int?) {
        var a = left.makeMachine(seed: seed), b = right.makeMachine(seed: seed)
        let stop = limit ?? .max
        parting = Machine.stepToParting(&a, &b, limit: stop).map { ra, rb in
            Parting(left: ra, right: rb, leftWho: ra.process.map(a.name) ?? "—", rightWho: rb.process.map(b.name) ?? "—")
        }
        Machine.stepTogether(&a, &b, limit: stop) { _, _, _, _ in true }
        self.left = a
        self.right = b
    }

    public var bothFinished: Bool { left.isFinished && right.isFinished }
}
