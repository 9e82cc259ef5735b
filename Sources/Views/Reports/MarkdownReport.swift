import Interactive
import Recording
import Scenario
import Teaching
import VMM

/// The headless runner's markdown output, for handouts.
public enum MarkdownReport {
    public static func render(_ report: RunReport) -> String {
        var out: [String] = ["# \(escape(report.scenario.title))", "", "`\(report.headline)`"]
        if !report.scenario.description.isEmpty { out += ["", report.scenario.description.map(escape).joined(separator: " ")] }
        if !report.scenario.watch.isEmpty { out += ["", "**Watch for:**", ""] + report.scenario.watch.map { "- \(escape($0))" } }
        out += ["", "## Steps"]
        for step in report.steps {
            out += ["", "### Step \(step.step): \(report.processName(step.process)) — `\(step.operation ?? "nothing can run")`", ""]
            out += step.events.map { "- **\($0.kind.rawValue)** — \(escape($0.explanation))" }
        }
        out += ["", "## \(report.endLine)"]
        for table in StateTables.all(report.machine) { out += [""] + render(table) }
        let lesson = TextReport.lessonLines(report)
        if !lesson.isEmpty {
            out += ["", "## \(lesson[0])", ""] + lesson.dropFirst().map { "- " + escape($0.trimmingLeadingSpaces()) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func render(_ table: Table) -> [String] {
        var lines = ["### \(escape(table.title))", ""]
        guard !table.rows.isEmpty else { return lines + ["(empty)"] }
        lines.append("| " + table.columns.map(escape).joined(separator: " | ") + " |")
        lines.append("|" + table.columns.map { _ in " --- |" }.joined())
        lines += table.rows.map { "| " + $0.map { $0.isEmpty ? " " : escape($0) }.joined(separator: " | ") + " |" }
        return lines
    }

    /// Escapes the characters markdown would take as formatting.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "|*_`[]<>\\".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}

extension String {
    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}
