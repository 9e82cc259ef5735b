import ArgumentParser
import FoundationEssentials
import Scenario
import VMM
import Views

struct SimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run a reference stream through the TLB and page replacement, and compare policies.",
        discussion: """
            The stream comes from --refs (page numbers) or --trace (valgrind lackey --trace-mem=yes output, \
            or one address per line; '-' reads standard input). Examples:
              lookaside sim --refs 1,2,3,4,1,2,5,1,2,3,4,5 --policy fifo,lru --sweep 1...6
              valgrind --tool=lackey --trace-mem=yes ls 2>&1 | lookaside sim --trace - --policy lru,clock,opt
            """)

    @Option(help: ArgumentHelp("Page numbers, comma separated.", valueName: "PAGES"))
    var refs: String?

    @Option(help: ArgumentHelp("A trace file, or '-' for standard input.", valueName: "FILE"))
    var trace: String?

    @OptionGroup var options: SimulationOptions

    func validate() throws {
        guard (refs == nil) != (trace == nil) else { throw ValidationError("give the references with exactly one of --refs or --trace") }
    }

    func run() throws {
        var plan = options.makePlan()
        // Opened before the trace is read: a plot onto the trace itself is refused, not written over it.
        let plot = try options.plot.map { try OutputFile($0, what: "plot", inputs: trace.map { [$0] } ?? []) }
        let source: String
        if let refs {
            var count = 0
            for (index, item) in refs.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
                let text = item.trimmingBlanks()
                guard let page = Int(text), page >= 0 else {
                    throw CommandFailure.usage("--refs: item \(index + 1) is '\(text)'; expected a page number (0 or more)")
                }
                plan.simulation.append(page: page, write: false)
                count += 1
            }
            source = "--refs (\(count) pages)"
        } else {
            var reader = try TraceReader.open(
                trace!, parser: TraceParser(pageSize: options.pageSize, format: options.traceFormat.format, strict: options.strict))
            _ = try reader.run(into: &plan.simulation)
            reader.reportSkipped()
            source = "\(reader.name) (\(reader.parser.format?.rawValue ?? "empty"))"
        }
        plan.simulation.finish()
        try options.report(plan, source: source, plot: plot)
    }
}

extension SimulationOptions {
    /// How a sweep found each policy's curve, when it matters: one pass or one simulator per size.
    var methodNotes: [String] {
        guard sweep != nil else { return [] }
        let all = policies
        let stack = all.filter(onePass).map { $0.label }
        let others = all.filter { !onePass($0) }
        var notes: [String] = []
        if !stack.isEmpty {
            notes.append(
                "\(stack.joined(separator: ", ")): every size from one pass (stack distances; Mattson et al. 1970)."
            )
        }
        if !others.isEmpty {
            let why =
                others.allSatisfy(FaultCurve.serves)
                ? (perSize ? "--per-size" : "the TLB and page tables depend on the size")
                : (others.count == 1 ? "not a stack policy: its curve can rise" : "not stack policies: curves can rise")
            notes.append("\(others.map { $0.label }.joined(separator: ", ")): one simulator per frame count (\(why)).")
        }
        return notes
    }

    /// Prints results as text with charts, or as JSON Lines with --json.
    func report(_ plan: Plan, source: String, plot: OutputFile?) throws {
        let results = ordered(plan.simulation.results)
        if let skipped = results.first?.outsideAddressSpace, skipped > 0 {
            printError(
                "warning: \(skipped) references beyond the \(pageTableLevels.reduce(0, +) + pageSize.trailingZeroBitCount)-bit address space of the page table were skipped"
            )
        }
        for result in results where result.outOfMemory {
            printError(
                "warning: \(result.policy.rawValue) with \(result.frames) frames ran out of memory: every frame held a page table (the engine would kill the process); its counts stop there"
            )
        }
        if let plot {
            try plot.write(FaultCurvePlot.svg(results, title: "Page faults by number of frames · \(source)"))
            try plot.commit()
        }
        let reuse = plan.reuse?.distances
        let timeline = plan.workingSet
        if json {
            try StandardOutput.write(
                SimulationReport.jsonLines(results) + (reuse.map(ReuseReport.jsonLine) ?? "")
                    + (timeline.map(WorkingSetReport.jsonLine) ?? ""))
        } else {
            var sections = [
                SimulationReport.text(results, source: source, pageSize: pageSize, tlb: tlbConfiguration, notes: methodNotes)
            ]
            if let reuse { sections.append(ReuseReport.text(reuse)) }
            if let timeline { sections.append(WorkingSetReport.text(timeline)) }
            try StandardOutput.write(sections.joined(separator: "\n"))
        }
    }
}
