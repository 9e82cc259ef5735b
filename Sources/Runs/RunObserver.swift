import Scenario
import VMM

/// What watches a scenario run as it goes (a report being written, a benchmark counting bytes):
/// told where it begins, each step as it is taken, and where it ends. Nothing of a step need be
/// kept once it has been told, so a run of any length is watched in constant memory.
public protocol RunObserver {
    /// Before the first step: `run` has no steps yet.
    mutating func began(_ run: ScenarioRun) throws
    /// One step, and the machine just after it.
    mutating func stepped(_ step: StepResult, _ machine: Machine, _ run: ScenarioRun) throws
    /// After the last step: `run.machine` is where the run ended, `run.checks` its lesson checks.
    mutating func ended(_ run: ScenarioRun) throws
}

extension ScenarioRun {
    /// Runs `scenario` as `init(scenario:seed:limit:)` does, telling `observer` as it goes: the
    /// lesson checks keep a count of the events by kind, not the events. Returns the finished run,
    /// without its steps.
    public static func stream(
        scenario: Scenario, seed: UInt64? = nil, limit: Int? = nil, to observer: inout some RunObserver
    ) throws -> ScenarioRun {
        var machine = scenario.makeMachine(seed: seed)
        var run = ScenarioRun(scenario: scenario.withSeed(seed), steps: [], machine: machine, checks: nil)
        try observer.began(run)
        var tally = EventTally()
        try machine.forEachStep(limit: limit ?? .max) { result, machine in
            tally.add(result.events)
            try observer.stepped(result, machine, run)
        }
        run.machine = machine
        run.checks = machine.isFinished ? run.scenario.lessonChecks(machine: machine, tally: tally) : nil
        try observer.ended(run)
        return run
    }
}
