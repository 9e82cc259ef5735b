import Interactive
import Recording
import Scenario
import Teaching
import VMM

/// The headless runner's plain-text output: the steps with their explained events, the final
/// state as aligned tables, the counters and the lesson checks.
public enum TextReport: StreamedReport {
    public static func opening(_ report: RunReport) -> String {
        var out: [String] = ["Lookaside · \(report.scenario.title)", report.headline]
        if !report.scenario.description.isEmpty { out += [""] + report.scenario.description }
        if !report.scenario.watch.isEmpty { out += ["", "Watch for:"] + report.scenario.watch.map { "  - \($0)" } }
        return out.joined(separator: "\n")
    }

    public static func step(_ step: StepResult, first: Bool, _ report: RunReport) -> String {
        var text = "\n\nstep \(step.step)  \(report.whoRan(step))  \(step.operation ?? "(nothing can run)")"
        let width = step.events.map(\.kind.rawValue.count).max() ?? 0
        for event in step.events {
            text += "\n  "
            text += event.kind.rawValue.padding(width)
            text += "  "
            text += event.explanation
        }
        return text
    }

    public static func closing(_ report: RunReport) -> String {
        var out = ["", report.endLine]
        for table in StateTables.all(report.machine) {
            out += [""] + render(table)
        }
        if let versions = FileVersionsView.lines(report.machine) { out += ["", "File versions"] + versions.map { "  " + $0 } }
        out += [""] + lessonLines(report)
        return "\n" + out.joined(separator: "\n") + "\n"
    }

    public static func lessonLines(_ report: RunReport) -> [String] {
        guard let checks = report.checks else {
            return report.scenario.expectations.isEmpty ? [] : ["Lesson checks are made when the scenario ends."]
        }
        guard !checks.isEmpty else { return [] }
        let overrides = report.scenario.overrides
        guard overrides.isEmpty else {
            // The checks were written for the file as it is: with other settings they are a comparison.
            return [
                "Lesson checks, written for the scenario as it is (with \(overrides.joined(separator: " ")) they are shown, not judged)"
            ]
                + checks.map { "  \($0.passed ? "=" : "≠") \($0.expectation.text)\($0.passed ? "" : " (here it is \($0.actual))")" }
        }
        return ["Lesson checks"]
            + checks.map { "  \($0.passed ? "✓" : "✗") \($0.expectation.text)\($0.passed ? "" : " (it was \($0.actual))")" }
    }

    /// The state after a step: every table but the counters.
    public static func states(_ machine: Machine, _ report: RunReport) -> String {
        var out = ["", "", "  State after step \(machine.stepCount)"]
        for table in StateTables.all(machine) where table.title != "Counters" {
            out += [""] + render(table).map { "  " + $0 }
        }
        return out.joined(separator: "\n")
    }

    public static func anatomy(_ lines: [String]) -> String { "\n" + lines.map { "  ┆ " + $0 }.joined(separator: "\n") }

    /// A table with columns padded to their widest cell.
    public static func render(_ table: Table) -> [String] {
        guard !table.rows.isEmpty else { return [table.title, "  (empty)"] }
        let widths = table.columnWidths()
        func line(_ cells: [String]) -> String {
            "  " + cells.indices.map { cells[$0].padding(widths[$0]) }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return [table.title, line(table.columns)] + table.rows.map(line)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String { String(reversed().drop { $0 == " " }.reversed()) }
}
