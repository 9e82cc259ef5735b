import FoundationEssentials
import VMM

/// `sim --reuse`: the reuse-distance histogram, with what it says of LRU at each memory size.
public enum ReuseReport {
    public static func text(_ histogram: ReuseDistances, chartWidth: Int = 20) -> String {
        var out = ["Reuse distance: the distinct other pages used between two uses of a page"]
        let most = max(1, (histogram.counts + [histogram.firstUses]).max() ?? 1)
        func bar(_ value: Int) -> String { SimulationReport.bar(value, of: most, width: chartWidth).padding(chartWidth) }
        func share(_ value: Int) -> String {
            // Short of every reference is never shown as 100.0%.
            let ratio = histogram.references == 0 ? 0 : Double(value) / Double(histogram.references)
            return value < histogram.references ? SimulationReport.percent(min(ratio, 0.999)) : SimulationReport.percent(ratio)
        }
        var table = Table(title: "", columns: ["distance", "references", "share", "", "LRU hit ratio"], rows: [])
        var hits = 0
        for (index, count) in histogram.counts.enumerated() {
            let range = ReuseDistances.range(of: index)
            hits += count
            let frames = range.upperBound + 1
            table.rows.append([
                range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)", SimulationReport.grouped(count),
                share(count), bar(count), "\(share(hits)) with \(frames) frame\(frames == 1 ? "" : "s")",
            ])
        }
        table.rows.append([
            "first use", SimulationReport.grouped(histogram.firstUses), share(histogram.firstUses), bar(histogram.firstUses),
            "a fault in any memory",
        ])
        out += TextReport.render(table).dropFirst()
        out.append("A reference at distance d hits under LRU in any memory of more than d frames.")
        return out.joined(separator: "\n") + "\n"
    }

    /// One JSON object, on one line.
    public static func jsonLine(_ histogram: ReuseDistances) -> String {
        struct Bucket: Encodable { var from, to, references: Int }
        struct Body: Encodable {
            var references, firstUses: Int
            var buckets: [Bucket]
        }
        struct Line: Encodable { var reuseDistance: Body }
        let buckets = histogram.counts.enumerated().map { index, count in
            let range = ReuseDistances.range(of: index)
            return Bucket(from: range.lowerBound, to: range.upperBound, references: count)
        }
        return JSONLines.line(Line(reuseDistance: Body(references: histogram.references, firstUses: histogram.firstUses, buckets: buckets)))
    }
}

/// JSON Lines as `sim --json` writes them: snake-case keys, sorted, one object per line.
enum JSONLines {
    static func line(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self) + "\n"
    }
}
