import Runs
import VMM

/// A headless report in three parts, so that a run can be written as it goes, one step at a
/// time, in constant memory however long it is; a whole report is the same three parts.
public protocol StreamedReport {
    /// Everything before the first step. `report` has no steps yet.
    static func opening(_ report: ScenarioRun) -> String
    /// One step; `first` for the first of the run.
    static func step(_ step: StepResult, first: Bool, _ report: ScenarioRun) -> String
    /// Everything after the last step: `report.machine` is where the run ended.
    static func closing(_ report: ScenarioRun) -> String
    /// The machine's state tables after a step, for handouts that show the whole walkthrough.
    static func states(_ machine: Machine, _ report: ScenarioRun) -> String
    /// A step's address taken apart (`AddressAnatomy`).
    static func anatomy(_ lines: [String]) -> String
}

extension StreamedReport {
    /// No state between steps (JSON has the steps' events; its final state is the whole state).
    public static func states(_ machine: Machine, _ report: ScenarioRun) -> String { "" }
    public static func anatomy(_ lines: [String]) -> String { "" }
}

extension StreamedReport {
    /// A whole report at once: the same text as streaming it.
    public static func render(_ report: ScenarioRun) -> String {
        var text = opening(report)
        for (index, step) in report.steps.enumerated() { text += self.step(step, first: index == 0, report) }
        return text + closing(report)
    }
}

/// A report written as its run goes: the observer `ScenarioRun.stream` tells, handing each part
/// of the report in `style` to `write` and keeping nothing of a step once it is written.
public struct ReportWriter: RunObserver {
    let style: any StreamedReport.Type
    /// After which steps the state tables are written too (`style.states`).
    let statesAfter: (Int) -> Bool
    let anatomy: Bool
    let write: (String) throws -> Void

    public init(
        _ style: any StreamedReport.Type, statesAfter: @escaping (Int) -> Bool = { _ in false }, anatomy: Bool = false,
        write: @escaping (String) throws -> Void
    ) {
        self.style = style
        self.statesAfter = statesAfter
        self.anatomy = anatomy
        self.write = write
    }

    public func began(_ run: ScenarioRun) throws { try write(style.opening(run)) }

    public func stepped(_ step: StepResult, _ machine: Machine, _ run: ScenarioRun) throws {
        try write(style.step(step, first: machine.stepCount == 1, run))
        if anatomy, let lines = AddressAnatomy.lines(machine, step) { try write(style.anatomy(lines)) }
        if statesAfter(machine.stepCount) { try write(style.states(machine, run)) }
    }

    public func ended(_ run: ScenarioRun) throws { try write(style.closing(run)) }
}
