import Scenario
import VMM

/// A headless report in three parts, so that a run can be written as it goes, one step at a
/// time, in constant memory however long it is; a whole report is the same three parts.
public protocol StreamedReport {
    /// Everything before the first step. `report` has no steps yet.
    static func opening(_ report: RunReport) -> String
    /// One step; `first` for the first of the run.
    static func step(_ step: StepResult, first: Bool, _ report: RunReport) -> String
    /// Everything after the last step: `report.machine` is where the run ended.
    static func closing(_ report: RunReport) -> String
    /// The machine's state tables after a step, for handouts that show the whole walkthrough.
    static func states(_ machine: Machine, _ report: RunReport) -> String
    /// A step's address taken apart (`AddressAnatomy`).
    static func anatomy(_ lines: [String]) -> String
}

extension StreamedReport {
    /// No state between steps (JSON has the steps' events; its final state is the whole state).
    public static func states(_ machine: Machine, _ report: RunReport) -> String { "" }
    public static func anatomy(_ lines: [String]) -> String { "" }
}

extension StreamedReport {
    /// A whole report at once: the same text as streaming it.
    public static func render(_ report: RunReport) -> String {
        var text = opening(report)
        for (index, step) in report.steps.enumerated() { text += self.step(step, first: index == 0, report) }
        return text + closing(report)
    }
}

extension RunReport {
    /// Runs `scenario` as `init(scenario:seed:limit:)` does, handing the report to `write` as it
    /// goes: nothing of a step is kept once it is written (the lesson checks keep a count of the
    /// events by kind). Returns the report of the finished run, without its steps.
    /// `statesAfter` says after which steps the state tables are written too (`style.states`).
    public static func stream(
        scenario: Scenario, seed: UInt64? = nil, limit: Int? = nil, as style: any StreamedReport.Type,
        statesAfter: (Int) -> Bool = { _ in false }, anatomy: Bool = false, write: (String) throws -> Void
    ) rethrows -> RunReport {
        var machine = scenario.makeMachine(seed: seed)
        var report = RunReport(scenario: scenario.withSeed(seed), steps: [], machine: machine, checks: nil)
        try write(style.opening(report))
        var tally = EventTally()
        try machine.forEachStep(limit: limit ?? .max) { result, machine in
            tally.add(result.events)
            try write(style.step(result, first: machine.stepCount == 1, report))
            if anatomy, let lines = AddressAnatomy.lines(machine, result) { try write(style.anatomy(lines)) }
            if statesAfter(machine.stepCount) { try write(style.states(machine, report)) }
        }
        report.machine = machine
        report.checks = machine.isFinished ? report.scenario.lessonChecks(machine: machine, tally: tally) : nil
        try write(style.closing(report))
        return report
    }
}
