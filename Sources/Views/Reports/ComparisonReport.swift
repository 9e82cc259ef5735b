import Interactive
import Recording
import Scenario
import Teaching
import VMM

/// `lookaside compare --headless`: where two configurations part ways, and the counters side by side.
public enum ComparisonReport {
    public static func text(left: Scenario, right: Scenario, leftLabel: String, rightLabel: String, seed: UInt64?, limit: Int?) -> String {
        var a = left.makeMachine(seed: seed), b = right.makeMachine(seed: seed)
        var out = ["Lookaside compare · \(left.title)", "A: \(leftLabel)", "B: \(rightLabel)", ""]
        let stop = limit ?? Int.max
        if let (ra, rb) = Machine.stepToParting(&a, &b, limit: stop) {
            out.append("They part ways at step \(max(ra.step, rb.step)):")
            for (label, result, machine) in [("A", ra, a), ("B", rb, b)] {
                out.append("  \(label): \(result.process.map(machine.name) ?? "—") \(result.operation ?? "(nothing can run)")")
                out += result.events.map { "     \($0.kind.rawValue): \($0.explanation)" }
            }
            out.append("")
        } else {
            out += ["The two runs never part: every step has the same events.", ""]
        }
        Machine.stepTogether(&a, &b, limit: stop) { _, _, _, _ in true }
        out.append("Counters after step \(max(a.stepCount, b.stepCount))\(a.isFinished && b.isFinished ? " (the end)" : "")")
        let rows = zip(a.counters.named, b.counters.named).map { x, y in
            [Counters.spelled(x.name), "\(x.value)", "\(y.value)", x.value == y.value ? "" : "differs"]
        }
        out += TextReport.render(Table(title: "", columns: ["counter", "A", "B", ""], rows: rows)).dropFirst()
        return out.joined(separator: "\n") + "\n"
    }
}
