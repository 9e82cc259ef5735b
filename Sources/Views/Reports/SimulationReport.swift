import FoundationEssentials
import VMM

/// `lookaside sim` output: a table of every run, and bar charts so an anomaly or a knee in the
/// fault curve is seen, not only read.
public enum SimulationReport {
    /// `notes`: lines after the heading (how the curve was found).
    public static func text(
        _ results: [SimulationResult], source: String, pageSize: Int, tlb: TLBConfiguration, notes: [String] = [], chartWidth: Int = 50
    ) -> String {
        let references = results.first?.references ?? 0
        let tlbText =
            tlb.entries == 0
            ? "no TLB" : "TLB \(tlb.entries) entries \(tlb.ways == 0 ? "fully associative" : "\(tlb.ways)-way") \(tlb.replacementName)"
        let levels = results.first?.pageTablePages ?? 0 > 0
        var out = ["\(source) · \(grouped(references)) references · \(pageSize)-byte pages · \(tlbText)"] + notes + [""]
        var table = Table(
            title: "",
            columns: [
                "policy", "frames", "references", "faults", "hit ratio", "evictions", "write-backs", "disk writes", "TLB hits",
                "TLB misses", "walk refs",
            ],
            rows: results.map { r in
                [
                    r.policy.rawValue, "\(r.frames)", "\(r.references)", "\(r.faults)", percent(r.hitRatio), "\(r.evictions)",
                    "\(r.writebacks)",
                    "\(r.diskWrites)", "\(r.tlbHits)", "\(r.tlbMisses)", "\(r.walkReferences)",
                ]
            })
        if levels {
            table.columns.append("table pages")
            for index in table.rows.indices { table.rows[index].append("\(results[index].pageTablePages)") }
        }
        out += TextReport.render(table).dropFirst()
        let policies = orderedUnique(results.map(\.policy))
        let frames = orderedUnique(results.map(\.frames))
        let most = max(1, results.map(\.faults).max() ?? 1)
        func bar(_ value: Int) -> String { Self.bar(value, of: most, width: chartWidth) }
        if frames.count > 1 {
            out += ["", "Page faults by number of frames"]
            let nameWidth = policies.map(\.rawValue.count).max() ?? 0
            for count in frames {
                for (index, policy) in policies.enumerated() {
                    guard let result = results.first(where: { $0.frames == count && $0.policy == policy }) else { continue }
                    let label =
                        index == 0
                        ? String(count).leftPadded(to: 5) + (count == 1 ? " frame   " : " frames  ") : String(repeating: " ", count: 14)
                    out.append(label + policy.rawValue.padding(nameWidth) + " " + bar(result.faults) + " \(result.faults)")
                }
            }
            for policy in policies {
                let curve = frames.compactMap { count in results.first { $0.frames == count && $0.policy == policy }?.faults }
                let rises = zip(curve, curve.dropFirst()).enumerated().filter { $0.element.1 > $0.element.0 }.map { frames[$0.offset + 1] }
                if !rises.isEmpty {
                    out.append(
                        "Belady's anomaly: \(policy.label) faults more with \(rises.map(String.init).joined(separator: ", ")) frames than with one fewer."
                    )
                }
            }
        } else if policies.count > 1 {
            out += ["", "Page faults (\(frames.first ?? 0) frames)"]
            let nameWidth = policies.map(\.rawValue.count).max() ?? 0
            for result in results { out.append(result.policy.rawValue.padding(nameWidth) + " " + bar(result.faults) + " \(result.faults)") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// One JSON object per run, one per line.
    public static func jsonLines(_ results: [SimulationResult]) -> String {
        struct Run: Encodable {
            var policy: String
            var frames, references, hits, faults, tlbHits, tlbMisses, writebacks, evictions, diskWrites, walkReferences, pageTablePages: Int
            var hitRatio: Double
        }
        return results.map { r in
            JSONLines.line(
                Run(
                    policy: r.policy.rawValue, frames: r.frames, references: r.references, hits: r.hits, faults: r.faults,
                    tlbHits: r.tlbHits, tlbMisses: r.tlbMisses, writebacks: r.writebacks, evictions: r.evictions,
                    diskWrites: r.diskWrites, walkReferences: r.walkReferences, pageTablePages: r.pageTablePages, hitRatio: r.hitRatio))
        }.joined()
    }

    /// A horizontal bar of `value` out of `most` in `width` cells; anything above zero shows.
    static func bar(_ value: Int, of most: Int, width: Int) -> String {
        let length = Int((Double(value) / Double(max(1, most)) * Double(width)).rounded())
        return String(repeating: "█", count: max(value > 0 ? 1 : 0, length))
    }

    static func percent(_ ratio: Double) -> String {
        let tenths = Int((ratio * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static func grouped(_ value: Int) -> String {
        var digits = Array(String(value))
        var out: [Character] = []
        while digits.count > 3 {
            out = [","] + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return String(digits + out)
    }

    static func orderedUnique<T: Hashable>(_ values: [T]) -> [T] {
        var seen = Set<T>()
        return values.filter { seen.insert($0).inserted }
    }
}

extension TLBConfiguration {
    /// The TLB's replacement policy as reports name it: LRU, FIFO, RANDOM.
    var replacementName: String { replacement.label }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
