import Runs
import VMM

/// `lookaside compare --headless`: where two configurations part ways, and the counters side by side.
public enum ComparisonReport {
    public static func text(_ run: ComparisonRun, title: String, leftLabel: String, rightLabel: String) -> String {
        var out = ["Lookaside compare · \(title)", "A: \(leftLabel)", "B: \(rightLabel)", ""]
        if let parting = run.parting {
            out.append("They part ways at step \(parting.step):")
            for (label, result, who) in [("A", parting.left, parting.leftWho), ("B", parting.right, parting.rightWho)] {
                out.append("  \(label): \(who) \(result.operation ?? "(nothing can run)")")
                out += result.events.map { "     \($0.kind.rawValue): \($0.explanation)" }
            }
            out.append("")
        } else {
            out += ["The two runs never part: every step has the same events.", ""]
        }
        let (a, b) = (run.left, run.right)
        out.append("Counters after step \(max(a.stepCount, b.stepCount))\(run.bothFinished ? " (the end)" : "")")
        let rows = zip(a.counters.named, b.counters.named).map { x, y in
            [Counters.spelled(x.name), "\(x.value)", "\(y.value)", x.value == y.value ? "" : "differs"]
        }
        out += TextReport.render(Table(title: "", columns: ["counter", "A", "B", ""], rows: rows)).dropFirst()
        return out.joined(separator: "\n") + "\n"
    }
}
