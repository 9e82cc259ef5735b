import Scenario
import VMM

/// A scenario run headless: the steps taken, the final state and the lesson checks.
/// The text, markdown and JSON reports all render this one value.
public struct ScenarioRun: Sendable {
    public var scenario: Scenario
    public var steps: [StepResult]
    public var machine: Machine
    /// Made only when the run reached the scenario's end.
    public var checks: [LessonCheck]?

    /// Runs `scenario` until it ends or `limit` steps have run.
    public init(scenario: Scenario, seed: UInt64? = nil, limit: Int? = nil) {
        var machine = scenario.makeMachine(seed: seed)
        let steps = machine.takeSteps(limit: limit ?? .max)
        self.init(scenario: scenario.withSeed(seed), steps: steps, machine: machine)
    }

    /// A run of steps already taken (a replay's), ending at `machine`.
    public init(scenario: Scenario, steps: [StepResult], machine: Machine) {
        self.init(
            scenario: scenario, steps: steps, machine: machine,
            checks: machine.isFinished ? scenario.lessonChecks(machine: machine, events: steps.flatMap(\.events)) : nil)
    }

    public init(scenario: Scenario, steps: [StepResult], machine: Machine, checks: [LessonCheck]?) {
        self.scenario = scenario
        self.steps = steps
        self.machine = machine
        self.checks = checks
    }

    public var lessonPassed: Bool { checks?.allSatisfy(\.passed) ?? true }
}

extension Scenario {
    /// The scenario as run with `seed`: another seed is another run than the one the file's
    /// checks were written for, so it is noted as an override.
    func withSeed(_ seed: UInt64?) -> Scenario {
        var scenario = self
        if let seed, seed != configuration.seed { scenario.overrides.append("seed=\(seed)") }
        return scenario
    }
}
