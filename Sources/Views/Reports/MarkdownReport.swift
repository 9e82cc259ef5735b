import Runs
import VMM

/// The headless runner's markdown output, for handouts.
public enum MarkdownReport: StreamedReport {
    public static func opening(_ report: ScenarioRun) -> String {
        var out: [String] = ["# \(escape(report.scenario.title))", "", "`\(report.headline)`"]
        if !report.scenario.description.isEmpty { out += ["", report.scenario.description.map(escape).joined(separator: " ")] }
        if !report.scenario.watch.isEmpty { out += ["", "**Watch for:**", ""] + report.scenario.watch.map { "- \(escape($0))" } }
        out += ["", "## Steps"]
        return out.joined(separator: "\n")
    }

    public static func step(_ step: StepResult, first: Bool, _ report: ScenarioRun) -> String {
        let out =
            ["", "", "### Step \(step.step): \(report.whoRan(step)) — `\(step.operation ?? "nothing can run")`", ""]
            + step.events.map { "- **\($0.kind.rawValue)** — \(escape($0.explanation))" }
        return out.joined(separator: "\n")
    }

    /// The state after a step: every table but the counters, one heading level down.
    public static func states(_ machine: Machine, _ report: ScenarioRun) -> String {
        var out = ["", "", "#### State after step \(machine.stepCount)"]
        for table in StateTables.all(machine) where table.title != "Counters" {
            out += [""] + render(table).map { $0.hasPrefix("### ") ? "#####" + $0.dropFirst(3) : $0 }
        }
        return out.joined(separator: "\n")
    }

    public static func anatomy(_ lines: [String]) -> String {
        (["", "", "#### Address anatomy", "", "```"] + lines + ["```"]).joined(separator: "\n")
    }

    public static func closing(_ report: ScenarioRun) -> String {
        var out = ["", "", "## \(report.endLine)"]
        for table in StateTables.all(report.machine) { out += [""] + render(table) }
        if let versions = FileVersionsView.lines(report.machine) { out += ["", "### File versions", "", "```"] + versions + ["```"] }
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
        // By bytes: every special character is ASCII, and most text has none.
        guard text.utf8.contains(where: isSpecial) else { return text }
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if isSpecial(byte) { out.append(0x5C) }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The characters markdown would read as markup. A switch, not a set: a set built and hashed
    /// for every byte of every line made markdown a third as fast as text.
    @inline(__always) static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "|"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"):
            true
        default: false
        }
    }
}

extension String {
    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}
