import VMM

/// `sim --sweep A...B --plot FILE.svg`: the fault curve as a picture a browser shows: faults
/// against frames, one line per policy, and each point where a policy faults more with one frame
/// more (Belady's anomaly) circled.
public enum FaultCurvePlot {
    static let colours: [ANSIColour] = [.blue, .red, .green, .magenta, .cyan, .yellow]

    public static func svg(_ results: [SimulationResult], title: String) -> String {
        let policies = SimulationReport.orderedUnique(results.map(\.policy))
        let frames = SimulationReport.orderedUnique(results.map(\.frames)).sorted()
        let (width, height) = (720.0, 440.0)
        let (left, right, top, bottom) = (70.0, 160.0, 40.0, 50.0)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let most = max(1, results.map(\.faults).max() ?? 1)
        let (first, last) = (frames.first ?? 1, max((frames.first ?? 1) + 1, frames.last ?? 1))
        func x(_ count: Int) -> Double { left + Double(count - first) / Double(last - first) * plotWidth }
        func y(_ faults: Int) -> Double { top + plotHeight - Double(faults) / Double(most) * plotHeight }
        func n(_ value: Double) -> String { String(Int(value.rounded())) }
        var out = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"sans-serif\" font-size=\"12\">",
            "<title>\(GridExport.escaped(title))</title>",
            "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
            "<text x=\"\(n(left))\" y=\"22\" font-size=\"14\" font-weight=\"bold\">\(GridExport.escaped(title))</text>",
            // The axes, with the first and last frame counts and the fault scale.
            "<line x1=\"\(n(left))\" y1=\"\(n(top + plotHeight))\" x2=\"\(n(left + plotWidth))\" y2=\"\(n(top + plotHeight))\" stroke=\"#333\"/>",
            "<line x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(top + plotHeight))\" stroke=\"#333\"/>",
            "<text x=\"\(n(left + plotWidth / 2))\" y=\"\(n(height - 12))\" text-anchor=\"middle\">frames</text>",
            "<text x=\"16\" y=\"\(n(top + plotHeight / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(n(top + plotHeight / 2)))\">page faults</text>",
        ]
        for tick in ticks(first, last) {
            out.append("<text x=\"\(n(x(tick)))\" y=\"\(n(top + plotHeight + 16))\" text-anchor=\"middle\">\(tick)</text>")
        }
        for tick in ticks(0, most) {
            out.append("<text x=\"\(n(left - 6))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\">\(tick)</text>")
            out.append(
                "<line x1=\"\(n(left))\" y1=\"\(n(y(tick)))\" x2=\"\(n(left + plotWidth))\" y2=\"\(n(y(tick)))\" stroke=\"#ddd\"/>")
        }
        for (index, policy) in policies.enumerated() {
            let colour = GridExport.css(colours[index % colours.count])
            let curve = frames.compactMap { count in results.first { $0.frames == count && $0.policy == policy }.map { (count, $0.faults) }
            }
            let points = curve.map { "\(n(x($0.0))),\(n(y($0.1)))" }.joined(separator: " ")
            out.append(
                "<polyline class=\"curve\" data-policy=\"\(policy.rawValue)\" points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
            )
            // Belady's anomaly: more faults with one frame more.
            for (before, after) in zip(curve, curve.dropFirst()) where after.1 > before.1 {
                out.append(
                    "<circle class=\"anomaly\" data-policy=\"\(policy.rawValue)\" data-frames=\"\(after.0)\" cx=\"\(n(x(after.0)))\" cy=\"\(n(y(after.1)))\" r=\"6\" fill=\"none\" stroke=\"#d00\" stroke-width=\"2\"/>"
                )
            }
            let legendY = top + 10 + Double(index) * 18
            out.append(
                "<line x1=\"\(n(width - right + 16))\" y1=\"\(n(legendY))\" x2=\"\(n(width - right + 40))\" y2=\"\(n(legendY))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
            )
            out.append("<text x=\"\(n(width - right + 46))\" y=\"\(n(legendY + 4))\">\(policy.label)</text>")
        }
        if out.contains(where: { $0.hasPrefix("<circle") }) {
            let legendY = top + 10 + Double(policies.count) * 18
            out.append(
                "<circle cx=\"\(n(width - right + 28))\" cy=\"\(n(legendY))\" r=\"6\" fill=\"none\" stroke=\"#d00\" stroke-width=\"2\"/>")
            out.append("<text x=\"\(n(width - right + 46))\" y=\"\(n(legendY + 4))\">Belady's anomaly</text>")
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// Round values (steps of 1, 2 or 5 times a power of ten, at most about six) from `low` to `high`.
    static func ticks(_ low: Int, _ high: Int) -> [Int] {
        let span = max(1, high - low)
        var power = 1
        var step = 1
        search: while true {
            for multiple in [1, 2, 5] where span / (multiple * power) <= 5 {
                step = multiple * power
                break search
            }
            power *= 10
        }
        let start = (low + step - 1) / step * step
        return Array(stride(from: start, through: high, by: step))
    }
}
