import ArgumentParser
import Foundation
import Interactive
import Recording
import Scenario
import Teaching
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
        var simulation = try options.makeSimulation()
        let source: String
        if let refs {
            var count = 0
            for (index, item) in refs.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
                let text = item.trimmingBlanks()
                guard let page = Int(text), page >= 0 else {
                    throw CommandFailure("--refs: item \(index + 1) is '\(text)'; expected a page number (0 or more)")
                }
                simulation.append(page: page, write: false)
                count += 1
            }
            source = "--refs (\(count) pages)"
        } else {
            var reader: TraceReader
            do {
                reader = try TraceReader.open(
                    trace!, parser: TraceParser(pageSize: options.pageSize, format: options.traceFormat.format, strict: options.strict))
                _ = try reader.run(into: &simulation)
            } catch {
                throw CommandFailure(error.description)
            }
            reader.reportSkipped()
            source = "\(reader.name) (\(reader.parser.format?.rawValue ?? "empty"))"
        }
        simulation.finish()
        try options.report(simulation.results, source: source)
    }
}

extension SimulationOptions {
    /// Prints results as text with charts, or as JSON Lines with --json.
    func report(_ results: [SimulationResult], source: String) throws {
        if let skipped = results.first?.outsideAddressSpace, skipped > 0 {
            printError(
                "warning: \(skipped) references beyond the \((try pageTableLevels).reduce(0, +) + pageSize.trailingZeroBitCount)-bit address space of the page table were skipped"
            )
        }
        for result in results where result.outOfMemory {
            printError(
                "warning: \(result.policy.rawValue) with \(result.frames) frames ran out of memory: every frame held a page table (the engine would kill the process); its counts stop there"
            )
        }
        if json {
            try StandardOutput.write(SimulationReport.jsonLines(results))
        } else {
            try StandardOutput.write(SimulationReport.text(results, source: source, pageSize: pageSize, tlb: try tlbConfiguration))
        }
    }
}
