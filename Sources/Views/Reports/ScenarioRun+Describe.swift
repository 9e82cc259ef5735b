import Runs
import Scenario
import VMM

/// The lines every report format says of a run the same way.
extension ScenarioRun {
    func processName(_ pid: ProcessID?) -> String { pid.map { machine.name($0) } ?? "—" }

    /// "C on CPU 1" on a machine of several CPUs; the process alone on one.
    func whoRan(_ step: StepResult) -> String {
        processName(step.process) + (machine.cpus.count > 1 ? step.cpu.map { " on CPU \($0)" } ?? "" : "")
    }

    var headline: String {
        "\(scenario.path) · seed \(machine.configuration.seed) · \(Scenario.policySummary(machine.configuration))"
    }

    var endLine: String {
        machine.isFinished
            ? "Final state after \(machine.stepCount) steps (the scenario has ended)"
            : "State after step \(machine.stepCount) (stopped early; the scenario has not ended)"
    }
}
