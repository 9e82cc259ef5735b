import ArgumentParser
import Scenario
import VMM

/// The options `sim` and `trace` share: the machine to run the references through.
struct SimulationOptions: ParsableArguments {
    @Option(help: "Page size in bytes (a power of two).")
    var pageSize: Int = 4096

    @Option(help: "Physical frames.")
    var frames: Int = 64

    @Option(
        name: .customLong("policy"),
        help: ArgumentHelp(
            "Replacement policies, comma separated: \(ReplacementPolicy.allCases.map(\.rawValue).joined(separator: ", ")) (default: lru).",
            valueName: "policy"),
        transform: SimulationOptions.policies(_:))
    var policies: [ReplacementPolicy] = [.lru]

    @Option(help: "Bits of the Aging counter or GCLOCK's count (default 8 for aging, 2 for gclock).")
    var bits: Int?

    @Option(help: "References between timer interrupts, for NRU and Aging.")
    var interval: Int = 4

    @Option(help: "WSClock's working-set window, in references.")
    var window: Int = 8

    @Option(help: "2Q's Kin (A1in's share) or S3-FIFO's small queue, in percent of the frames (default 25 for 2q, 10 for s3fifo).")
    var newShare: Int?

    @Option(help: "2Q's Kout (A1out) or S3-FIFO's ghost queue, in percent of the frames (default 50 for 2q, 90 for s3fifo).")
    var ghostShare: Int?

    @Option(
        name: .customLong("levels"),
        help: ArgumentHelp(
            "A multi-level page table: bits of the page number per level, top first, e.g. 10,10 or 9,9,9,9.", valueName: "BITS,BITS,..."),
        transform: SimulationOptions.levelBits(_:))
    var pageTableLevels: [Int] = []

    @Flag(help: "An inverted (hashed) page table: walks read a bucket and its chain.")
    var inverted = false

    @Option(
        help: ArgumentHelp("A TLB: ENTRIES or ENTRIES:WAYS (default: no TLB).", valueName: "ENTRIES[:WAYS]"),
        transform: SimulationOptions.tlbShape(_:))
    var tlb: TLBShape?

    @Option(help: "TLB replacement: lru, fifo or random.")
    var tlbPolicy: TLBReplacement = .lru

    @Option(help: "Write policy: back or through.")
    var writePolicy: WritePolicy = .writeBack

    @Option(help: "Seed for random replacement.")
    var seed: UInt64 = 1

    @Option(
        help: ArgumentHelp("Run every frame count from FROM to TO and draw the fault curve.", valueName: "FROM...TO"),
        transform: SimulationOptions.frameRange(_:))
    var sweep: ClosedRange<Int>?

    @Flag(
        help:
            "Run one simulator per frame count for LRU and OPT too (a sweep otherwise takes their whole fault curve from one pass over the stack distances)."
    )
    var perSize = false

    @Option(
        help: ArgumentHelp("With --sweep: also draw the fault curve as an SVG picture, Belady's anomaly circled.", valueName: "FILE.svg"))
    var plot: String?

    @Flag(help: "Also show the reuse-distance histogram: how many references re-use a page after d distinct other pages.")
    var reuse = false

    @Option(
        help: ArgumentHelp(
            "Also show the working set W(t, WINDOW) along the run, and the fault rate of the first policy at --frames.",
            valueName: "WINDOW"))
    var workingSet: Int?

    @Option(help: "OPT's look-ahead window, in references.")
    var lookahead: Int = StreamSimulation.defaultLookahead

    @Option(help: "Trace format: auto, lackey or plain.")
    var traceFormat: TraceFormatOption = .auto

    @Flag(help: "Stop at the first malformed trace line instead of counting and skipping it.")
    var strict = false

    @Flag(help: "Print one JSON object per run (JSON Lines).")
    var json = false

    /// A TLB's size as `--tlb` gives it; its replacement comes from `--tlb-policy`.
    struct TLBShape: Sendable {
        var entries: Int
        var ways: Int
    }

    // Each option is parsed once, as ArgumentParser reads it; a malformed one is a usage error there.

    @Sendable static func policies(_ text: String) throws -> [ReplacementPolicy] {
        try text.split(separator: ",").map { name in
            guard let policy = ReplacementPolicy(rawValue: name.trimmingBlanks().lowercased()) else {
                throw ValidationError(
                    "unknown policy '\(name)'; expected one of \(ReplacementPolicy.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return policy
        }
    }

    @Sendable static func levelBits(_ text: String) throws -> [Int] {
        let bits = text.split(separator: ",").compactMap { Int($0.trimmingBlanks()) }
        guard bits.count == text.split(separator: ",").count, (2...4).contains(bits.count), bits.allSatisfy({ (1...20).contains($0) })
        else {
            throw ValidationError("--levels takes 2 to 4 comma-separated bit counts of 1 to 20 (e.g. 10,10), not '\(text)'")
        }
        return bits
    }

    @Sendable static func tlbShape(_ text: String) throws -> TLBShape {
        let parts = text.split(separator: ":")
        guard (1...2).contains(parts.count), let entries = Int(parts[0]), entries >= 1, entries <= 4096 else {
            throw ValidationError("--tlb takes ENTRIES or ENTRIES:WAYS (1 to 4096 entries), not '\(text)'")
        }
        let ways = parts.count == 2 ? Int(parts[1]) : 0
        guard let ways, ways >= 0, ways == 0 || entries % ways == 0 else {
            throw ValidationError("--tlb \(text): the entries must be a multiple of the ways")
        }
        return TLBShape(entries: entries, ways: ways)
    }

    /// The most frames one run may simulate, over all its simulators (docs/limits.md).
    static let maximumFrames = 1 << 24

    @Sendable static func frameRange(_ text: String) throws -> ClosedRange<Int> {
        let parts = text.components(separatedBy: "...")
        guard parts.count == 2, let from = Int(parts[0]), let to = Int(parts[1]), from >= 1, to >= from, to - from < 4096,
            to <= maximumFrames
        else {
            throw ValidationError("--sweep takes FROM...TO with 1 <= FROM <= TO <= \(maximumFrames) (at most 4096 values), not '\(text)'")
        }
        return from...to
    }

    var tlbConfiguration: TLBConfiguration {
        guard let tlb else { return TLBConfiguration(entries: 0) }
        return TLBConfiguration(entries: tlb.entries, ways: tlb.ways, replacement: tlbPolicy, tagged: true)
    }

    var frameCounts: [Int] { sweep.map(Array.init) ?? [frames] }

    func validate() throws {
        guard pageSize > 0, pageSize & (pageSize - 1) == 0 else {
            throw ValidationError("--page-size must be a power of two, not \(pageSize)")
        }
        guard frames >= 1, frames <= Self.maximumFrames else {
            throw ValidationError("--frames must be between 1 and \(Self.maximumFrames), not \(frames)")
        }
        guard lookahead >= 1, lookahead <= 1 << 26 else { throw ValidationError("--lookahead must be between 1 and \(1 << 26)") }
        if let bits, !(1...32).contains(bits) { throw ValidationError("--bits must be between 1 and 32, not \(bits)") }
        guard interval >= 1 else { throw ValidationError("--interval must be at least 1, not \(interval)") }
        guard window >= 1 else { throw ValidationError("--window must be at least 1, not \(window)") }
        for (name, share) in [("--new-share", newShare), ("--ghost-share", ghostShare)] {
            if let share, !(0...100).contains(share) {
                throw ValidationError("\(name) is a percentage of the frames, 0 to 100, not \(share)")
            }
        }
        if plot != nil, sweep == nil { throw ValidationError("--plot draws a fault curve: give --sweep FROM...TO too") }
        if let workingSet, !(1...(1 << 26)).contains(workingSet) {
            throw ValidationError("--working-set takes a window of 1 to \(1 << 26) references, not \(workingSet)")
        }
        // Every simulator keeps its frames: the whole sweep must fit in memory (a one-pass curve keeps a stack instead).
        let total = frameCounts.reduce(0, +) * policies.filter { !onePass($0) }.count
        guard total <= Self.maximumFrames else {
            throw ValidationError(
                "--sweep and --policy ask for \(total) simulated frames in all (frame counts x policies); at most \(Self.maximumFrames): narrow the sweep or name fewer policies"
            )
        }
        if pageTableLevels.reduce(0, +) + pageSize.trailingZeroBitCount > 63 {
            throw ValidationError(
                "--levels \(pageTableLevels.map(String.init).joined(separator: ",")) with --page-size \(pageSize): the page number and offset take more than 63 bits"
            )
        }
        if inverted, !pageTableLevels.isEmpty {
            throw ValidationError("a page table is either --inverted or multi-level (--levels), not both")
        }
    }

    /// Whether a sweep takes `policy`'s fault curve from one pass: a stack policy, on a machine
    /// whose TLB and page tables do not depend on the memory size (none and one level).
    func onePass(_ policy: ReplacementPolicy) -> Bool {
        sweep != nil && !perSize && FaultCurve.serves(policy) && tlb == nil && pageTableLevels.isEmpty && !inverted
    }

    /// What `sim` and `trace` run over the references: one stream simulation, and the analyses
    /// asked for beside it, each kept as what it is.
    struct Plan {
        var simulation: StreamSimulation
        var reuse: ReuseHistogram?
        var workingSet: WorkingSetTimeline?
    }

    /// A one-pass curve for each stack policy in a sweep, and one simulator per frame count for the
    /// other policies; the reuse histogram and the working set if asked for.
    func makePlan() -> Plan {
        var consumers: [any StreamConsumer] = []
        let tlb = tlbConfiguration
        let levels = pageTableLevels
        let counts = frameCounts
        let parameters = ReplacementParameters(bits: bits, interval: interval, window: window, newShare: newShare, ghostShare: ghostShare)
        func simulator(_ policy: ReplacementPolicy, frames: Int) -> PagingSimulator {
            PagingSimulator(
                policy: policy, frames: frames, tlb: tlb, writePolicy: writePolicy, seed: seed, parameters: parameters, levels: levels,
                inverted: inverted)
        }
        for policy in policies {
            if onePass(policy) {
                consumers.append(FaultCurve.make(policy: policy, frames: counts.first!...counts.last!, writePolicy: writePolicy))
                continue
            }
            consumers += counts.map { simulator(policy, frames: $0) }
        }
        let histogram = reuse ? ReuseHistogram() : nil
        let timeline = workingSet.map { WorkingSetTimeline(window: $0, simulator: simulator(policies[0], frames: frames)) }
        consumers += [histogram as (any StreamConsumer)?, timeline].compactMap { $0 }
        return Plan(simulation: StreamSimulation(consumers, lookahead: lookahead), reuse: histogram, workingSet: timeline)
    }

    /// Results by frame count, then policy in the order given.
    func ordered(_ results: [SimulationResult]) -> [SimulationResult] {
        let order = policies
        return results.sorted { a, b in
            a.frames != b.frames ? a.frames < b.frames : order.firstIndex(of: a.policy)! < order.firstIndex(of: b.policy)!
        }
    }
}

enum TraceFormatOption: String, ExpressibleByArgument, CaseIterable {
    case auto, lackey, plain

    var format: TraceParser.Format? { TraceParser.Format(rawValue: rawValue) }
}

extension WritePolicy: ExpressibleByArgument {}
extension TLBReplacement: ExpressibleByArgument {}
