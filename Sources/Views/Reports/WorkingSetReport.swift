import VMM

/// `sim --working-set WINDOW`: the working set's size and the fault rate along the run, as charts
/// (a program's phases show as steps) and as JSON.
public enum WorkingSetReport {
    public static func text(_ timeline: WorkingSetTimeline) -> String {
        let intervals = timeline.intervals
        guard let last = intervals.last else { return "Working set: no references.\n" }
        let end = last.start + last.references
        let each = intervals.count > 1 ? intervals[0].references : end
        let first = "0", final = "\(SimulationReport.grouped(end)) references"
        let window = SimulationReport.grouped(timeline.window)
        var out = [
            "Working set W(t, \(window)): distinct pages in the last \(window) references",
            "(the mean over each \(SimulationReport.grouped(each)) references; the largest \(intervals.map(\.largest).max() ?? 0))",
        ]
        let sizes = intervals.map(\.meanSize), rates = intervals.map(\.faultRate)
        let labelWidth = max(decimal(sizes.max() ?? 0).count, decimal(rates.max() ?? 0).count)
        out += ColumnChart.render(sizes, label: decimal, labelWidth: labelWidth, first: first, last: final)
        let policy = timeline.simulator.policy.label
        let frames = timeline.simulator.result.frames
        out += ["", "Page faults per 1,000 references (\(policy), \(frames) frame\(frames == 1 ? "" : "s"))"]
        out += ColumnChart.render(rates, label: decimal, labelWidth: labelWidth, first: first, last: final)
        return out.joined(separator: "\n") + "\n"
    }

    /// One JSON object, on one line.
    public static func jsonLine(_ timeline: WorkingSetTimeline) -> String {
        struct Interval: Encodable {
            var start, references, largestSize, faults: Int
            var meanSize: Double
        }
        struct Body: Encodable {
            var window, frames: Int
            var policy: String
            var intervals: [Interval]
        }
        struct Line: Encodable { var workingSet: Body }
        let intervals = timeline.intervals.map {
            Interval(start: $0.start, references: $0.references, largestSize: $0.largest, faults: $0.faults, meanSize: $0.meanSize)
        }
        return JSONLines.line(
            Line(
                workingSet: Body(
                    window: timeline.window, frames: timeline.simulator.result.frames, policy: timeline.simulator.policy.rawValue,
                    intervals: intervals)))
    }

    static func decimal(_ value: Double) -> String {
        value >= 100 || value == value.rounded()
            ? "\(Int(value.rounded()))" : "\(Int((value * 10).rounded()) / 10).\(Int((value * 10).rounded()) % 10)"
    }
}
