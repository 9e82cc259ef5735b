import Interactive
import Recording
import Scenario
import Teaching
import VMM

/// A scenario run headless: the steps taken, the final state and the lesson checks.
/// The text, markdown and JSON reports all render this one value.
public struct RunReport: Sendable {
    public var scenario: Scenario
    public var steps: [StepResult]
    public var machine: Machine
    /// Made only when the run reached the scenario's end.
    public var checks: [LessonCheck]?

    /// Runs `scenario` until it ends or `limit` steps have run.
    public init(scenario: Scenario, seed: UInt64? = nil, limit: Int? = nil) {
        var machine = scenario.makeMachine(seed: seed)
        var steps: [StepResult] = []
        var events: [Event] = []
        while !machine.isFinished, steps.count < (limit ?? Int.max) {
            let result = machine.step()
            steps.append(result)
            events += result.events
        }
        var scenario = scenario
        // Another seed is another run than the one the file's checks were written for.
        if let seed, seed != scenario.configuration.seed { scenario.overrides.append("seed=\(seed)") }
        self.init(scenario: scenario, steps: steps, machine: machine, events: events)
    }

    /// A report of steps already taken (a replay's), ending at `machine`.
    public init(scenario: Scenario, steps: [StepResult], machine: Machine, events: [Event]? = nil) {
        self.scenario = scenario
        self.steps = steps
        self.machine = machine
        let all = events ?? steps.flatMap(\.events)
        checks = machine.isFinished ? scenario.lessonChecks(machine: machine, events: all) : nil
    }

    public var lessonPassed: Bool { checks?.allSatisfy(\.passed) ?? true }

    func processName(_ pid: ProcessID?) -> String { pid.map { machine.name($0) } ?? "—" }

    var headline: String {
        "\(scenario.path) · seed \(machine.configuration.seed) · \(Scenario.policySummary(machine.configuration))"
    }

    var endLine: String {
        machine.isFinished
            ? "Final state after \(machine.stepCount) steps (the scenario has ended)"
            : "State after step \(machine.stepCount) (stopped early; the scenario has not ended)"
    }
}
