/// Turns the start of a memory trace into a scenario: one process whose script is the trace,
/// so a student can step through a real program's references in the interface. The scenario
/// is written as `.vmm` text and parsed, so it can be recorded and replayed like any other.
public enum TraceScenario {
    /// The largest address a trace's reference may have to become a scenario's: the language's.
    public static let largestAddress = Parser.largestAddress

    public static func make(name: String, pages: [Int], writes: [Bool], pageSize: Int) throws(DiagnosticList) -> Scenario {
        let distinct = Array(Set(pages)).sorted()
        var lines = [
            // The trace's name is a file name, which may hold anything but '/' and NUL: a newline in
            // it would begin a directive of its own. Printable, it is text on the title's line.
            "title Trace: the first \(pages.count) references of \(name.printable)",
            "description A real program's memory references, one operation each: instruction fetches and loads read,",
            "description stores and modifies write. Each run of neighbouring pages it touches is mapped as anonymous memory.",
            "watch How quickly the TLB and the frames fill, and which pages the policy evicts once memory is full.",
            "page-size \(pageSize)",
            // Swap for every page the trace touches, as a real system would have: with the default
            // 8 slots a trace that writes was killed for want of swap within a few dozen steps.
            "swap \(min(max(distinct.count, 8), 1 << 20))",
            "process trace",
        ]
        // Map each run of neighbouring pages once.
        var index = 0
        while index < distinct.count {
            var end = index
            while end + 1 < distinct.count, distinct[end + 1] == distinct[end] + 1, end - index < (1 << 20) - 1 { end += 1 }
            lines.append("  alloc \(hex(distinct[index] * pageSize)) pages \(end - index + 1)")
            index = end + 1
        }
        // Reads in `refs` lines, writes one by one (each writes its position in the trace).
        var reads: [String] = []
        func flush() {
            if !reads.isEmpty { lines.append("  refs " + reads.joined(separator: " ")) }
            reads = []
        }
        for (position, page) in pages.enumerated() {
            if writes[position] {
                flush()
                lines.append("  write \(hex(page * pageSize)) \(position + 1)")
            } else {
                reads.append(hex(page))
                if reads.count == 32 { flush() }
            }
        }
        flush()
        return try ScenarioParser.parse(lines.joined(separator: "\n") + "\n", path: name)
    }

    static func hex(_ value: Int) -> String { "0x" + String(value, radix: 16) }
}
