import Runs
import Interactive
import VMM

/// The headless runner's plain-text output: the steps with their explained events, the final
/// state as aligned tables, the counters and the lesson checks.
public enum TextReport: StreamedReport {
    public static func opening(_ report: ScenarioRun) -> String {
        var out: [String] = ["Lookaside · \(report.scenario.title)", report.headline]
        if !report.scenario.description.isEmpty { out += [""] + report.scenario.description }
        if !report.scenario.watch.isEmpty { out += ["", "Watch for:"] + report.scenario.watch.map { "  - \($0)" } }
        return out.joined(separator: "\n")
    }

    /// Runs of 0 to 63 spaces, to pad a kind's name (the longest is 18 characters).
    private static let spaces = (0..<64).map { String(repeating: " ", count: $0) }

    public static func step(_ step: StepResult, first: Bool, _ report: ScenarioRun) -> String {
        // Fields read in place: a copy of each event (its strings retained and released) was a
        // good part of a long run. Kind names are ASCII, so their width is their byte count.
        // The text is sized once, before anything is written to it.
        let events = step.events
        let who = report.whoRan(step), operation = step.operation ?? "(nothing can run)"
        var width = 0, length = 32 + who.utf8.count + operation.utf8.count
        for index in events.indices {
            width = max(width, events[index].kind.rawValue.utf8.count)
            length += events[index].explanation.utf8.count
        }
        var text = ""
        text.reserveCapacity(length + events.count * (width + 5))
        text += "\n\nstep "
        text += String(step.step)
        text += "  "
        text += who
        text += "  "
        text += operation
        for index in events.indices {
            let name = events[index].kind.rawValue
            text += "\n  "
            text += name
            text += spaces[width - name.utf8.count + 2]
            text += events[index].explanation
        }
        return text
    }

    public static func closing(_ report: ScenarioRun) -> String {
        var out = ["", report.endLine]
        for table in StateTables.all(report.machine) {
            out += [""] + render(table)
        }
        if let versions = FileVersionsView.lines(report.machine) { out += ["", "File versions"] + versions.map { "  " + $0 } }
        out += [""] + lessonLines(report)
        return "\n" + out.joined(separator: "\n") + "\n"
    }

    public static func lessonLines(_ report: ScenarioRun) -> [String] {
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
    public static func states(_ machine: Machine, _ report: ScenarioRun) -> String {
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
    /// Without the spaces at its end, found byte by byte from the end (a space is one byte and
    /// never part of a longer character), so a long line costs its trailing spaces, not its length.
    func trimmingTrailingSpaces() -> String {
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: " ") { end = utf8.index(before: end) }
        return String(self[..<end])
    }
}
