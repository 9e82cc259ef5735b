import Foundation
import Glibc
import Interactive
import Runs
import Scenario
import Views
import VMM
import Yardstick

// Wall-clock measurements, reported as numbers (never asserted in tests).

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Runs `body` `count` times and returns the median time of one run, in microseconds.
/// Runs `body` `count` times; the times in µs, fastest first.
func timings(_ count: Int, _ body: () -> Void) -> [Double] {
    let clock = ContinuousClock()
    var times: [Double] = []
    for _ in 0..<count {
        let start = clock.now
        body()
        times.append(seconds(clock.now - start) * 1e6)
    }
    return times.sorted()
}
func median(_ count: Int, _ body: () -> Void) -> Double { timings(count, body)[count / 2] }
/// The fastest of `count` runs: for deterministic work on a shared machine, other tenants only
/// ever add time, so the fastest run is the one least disturbed.
func fastest(_ count: Int, _ body: () -> Void) -> Double { timings(count, body)[0] }

func report(_ name: String, _ value: Double, _ unit: String) {
    print(name.padding(toLength: 52, withPad: " ", startingAt: 0) + String(format: "%12.1f %@", value, unit))
}

// `lookaside-bench engine [local] [POLICY...]` runs only the engine's scaling (of those policies,
// under local replacement with `local`); `lookaside-bench curves` only the fault curves;
// `lookaside-bench yardstick` only the comparison with the C program; `lookaside-bench longrun`
// the history, search and inspector on an 800,000-step run, with peak memory.
if CommandLine.arguments.dropFirst().first == "engine" {
    let chosen = CommandLine.arguments.dropFirst(2).compactMap(ReplacementPolicy.init(rawValue:))
    engineScaling(
        chosen.isEmpty ? nil : chosen, local: CommandLine.arguments.contains("local"), sharedFile: CommandLine.arguments.contains("file"))
    exit(0)
}
// `lookaside-bench startup [BINARY]`: the installed program's start-up (`make lookaside` builds it).
let installed = ".build/install/release/lookaside"
if CommandLine.arguments.dropFirst().first == "startup" {
    startup(binary: CommandLine.arguments.dropFirst(2).first ?? installed)
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "yardstick" {
    yardstickComparison()
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "longrun" {
    longRunOverlays()
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "drawing" {
    drawingAtScale()
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "curves" {
    faultCurves()
    exit(0)
}

// 1. Rendering a frame of the interface.
for (name, steps) in [("thrashing", 20), ("lost-update", 10), ("tour", 7)] {
    var session = Session(scenario: try! BundledScenarios.load(name)!)
    for _ in 0..<steps { session.apply(.stepForward) }
    for (width, height) in [(200, 60), (80, 24)] {
        var sink = 0
        let time = median(300) { sink &+= Screen.render(session, width: width, height: height).cells.count }
        report("render \(width)x\(height), \(name) at step \(steps)", time, "µs")
        precondition(sink > 0)
    }
}

// 2. Stepping back deep into a long run: a 100,000-reference scenario.
let refs = (0..<100_000).map { String(($0 * 7 + $0 / 5) % 23) }.joined(separator: " ")
let long = try! ScenarioParser.parse("frames 8\ntlb 4\nprocess P\n  alloc 0 pages 23\n  refs \(refs)\n", path: "long.vmm")
if CommandLine.arguments.dropFirst().first == "headless" {
    headlessRuns()
    exit(0)
}
var timeline = Timeline(long.makeMachine())
let clock = ContinuousClock()
var start = clock.now
timeline.runToEnd()
let forward = seconds(clock.now - start)
report("run 100,000 steps forward (with checkpoints)", Double(timeline.step) / forward, "steps/s")
let end = timeline.step
start = clock.now
timeline.seek(to: end - 1)
report("step back once at step \(end)", seconds(clock.now - start) * 1e3, "ms")
let back = median(50) {
    timeline.seek(to: end - 1_000)
    timeline.seek(to: end - 1)
}
report("jump back 1,000 then forward again, at step ~100,000", back / 1e3, "ms")
var session = Session(scenario: long)
session.apply(.toEnd)
let sessionBack = median(50) {
    session.apply(.stepBack)
    session.apply(.stepForward)
}
report("interface: b then n at step ~100,000", sessionBack / 1e3, "ms")

// 2a. Headless runs, written as they go: the 100,000-step scenario above into a sink that only
// counts bytes, in each format, against the engine alone (the fastest of 5 runs). (`lookaside-bench headless`: only these.)
func headlessRuns() {
    var engineOnly = long.makeMachine()
    let engineTime = fastest(5) {
        engineOnly = long.makeMachine()
        while !engineOnly.isFinished { _ = engineOnly.step() }
    }
    report("headless: the engine alone, 100,000 steps", Double(engineOnly.stepCount) / (engineTime / 1e6), "steps/s")
    let styles: [(String, any StreamedReport.Type)] = [
        ("text", TextReport.self), ("json", JSONReport.self), ("markdown", MarkdownReport.self),
    ]
    for (name, style) in styles {
        var bytes = 0
        var steps = 0
        let time = fastest(5) {
            bytes = 0
            var writer = ReportWriter(style) { bytes += $0.utf8.count }
            steps = try! ScenarioRun.stream(scenario: long, to: &writer).machine.stepCount
        }
        report("headless \(name), engine + report, \(bytes / 1_048_576) MiB written", Double(steps) / (time / 1e6), "steps/s")
    }
}
headlessRuns()

// 2b. The engine at scale: 64 processes x 2,000 operations over 40 anonymous pages each (2,560
// pages) on 1,024 frames with swap, per policy, and under local replacement (16 frames each); the
// cost of 4k to 24k steps should grow linearly.
func bigScenario(_ policy: ReplacementPolicy, local: Bool = false, sharedFile: Bool = false) -> Scenario {
    var generator = SeededGenerator(seed: 3)
    var text = "frames 1024\nswap 4096\nreplacement \(policy.rawValue)\nschedule rr 1\n\(local ? "allocation local equal\n" : "")"
    // Or every process maps one shared file of 2,560 pages and touches it at random: every frame
    // is then a page-cache page that all 64 processes want.
    if sharedFile { text += "file data pages 2560\n" }
    let pages = sharedFile ? 2_560 : 40
    for process in 0..<64 {
        text += "process P\(process)\n  \(sharedFile ? "map data at 0x0 shared" : "alloc 0x0 pages 40")\n"
        for index in 0..<2_000 {
            let address = "0x" + String(generator.index(below: pages) * 4096, radix: 16)
            text += generator.index(below: 10) < 3 ? "  write \(address) \(index)\n" : "  read \(address)\n"
        }
    }
    return try! ScenarioParser.parse(text, path: "big.vmm")
}
func engineScaling(_ policies: [ReplacementPolicy]? = nil, local: Bool = false, sharedFile: Bool = false) {
    print("")
    for policy in policies ?? [.lru, .fifo, .clock, .wsclock, .gclock, .opt, .lfu, .aging] {
        let scenario = bigScenario(policy, local: local, sharedFile: sharedFile)
        var times: [Int: Double] = [:]
        for steps in [4_000, 8_000, 16_000, 24_000] {
            times[steps] = fastest(7) {
                var machine = scenario.makeMachine()
                for _ in 0..<steps { _ = machine.step() }
            }
        }
        print(
            "engine, 64 processes on 1,024 frames, \(local ? "local " : "")\(sharedFile ? "file " : "")\(policy.rawValue)".padding(
                toLength: 52, withPad: " ", startingAt: 0)
                + String(
                    format: "4k/8k/16k/24k steps %.2f/%.2f/%.2f/%.2f s; 24k/4k %.1fx; %.0f steps/s", times[4_000]! / 1e6,
                    times[8_000]! / 1e6,
                    times[16_000]! / 1e6, times[24_000]! / 1e6, times[24_000]! / times[4_000]!, 24_000 / (times[24_000]! / 1e6)))
    }
}
engineScaling()
engineScaling([.lru, .opt], local: true)

// 3. Traces, against the C yardstick: the same file, read the same way (1 MiB reads, as `sim` does;
// the C program maps it), parsed and simulated, one policy, 64 frames, on one core.
func uniformTrace() -> String {
    let path = NSTemporaryDirectory() + "lookaside-bench-uniform.trace"
    if FileManager.default.fileExists(atPath: path) { return path }
    // 1M references, uniform over 256 pages: 75% faults at 64 frames. One hex address per line.
    var generator = SeededGenerator(seed: 7)
    var text = ""
    for _ in 0..<1_000_000 { text += "0x" + String(generator.index(below: 256) * 4096 + generator.index(below: 4096), radix: 16) + "\n" }
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { fatalError("cannot write \(path)") }
    return path
}

func realTrace() -> String? {
    let path = NSTemporaryDirectory() + "lookaside-bench-ls.trace"
    if FileManager.default.fileExists(atPath: path) { return path }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/valgrind")
    process.arguments = ["--tool=lackey", "--trace-mem=yes", "--log-file=\(path)", "/bin/ls", "/usr/bin"]
    process.standardOutput = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    return FileManager.default.fileExists(atPath: path) ? path : nil
}

/// A real trace of over 10M references: valgrind lackey's of `ls -l /usr/bin`.
func longRealTrace() -> String? {
    let path = NSTemporaryDirectory() + "lookaside-bench-ls-l.trace"
    if FileManager.default.fileExists(atPath: path) { return path }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/valgrind")
    process.arguments = ["--tool=lackey", "--trace-mem=yes", "--log-file=\(path)", "/bin/ls", "-l", "/usr/bin"]
    process.standardOutput = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    return FileManager.default.fileExists(atPath: path) ? path : nil
}

/// Whole fault curves from one pass (stack distances) against one simulation of one size, and
/// against a simulator per size, on the long real trace.
func faultCurves() {
    guard let path = longRealTrace() else { return print("fault curves: valgrind is not available") }
    print("")
    for policy in [ReplacementPolicy.lru, .opt] {
        var single: [SimulationResult] = []
        let one = median(3) { single = lookasideSimulate(path, [PagingSimulator(policy: policy, frames: 64)]) }
        var curve: [SimulationResult] = []
        let all = median(3) { curve = lookasideSimulate(path, [FaultCurve.make(policy: policy, frames: 1...4096)]) }
        precondition(curve[63] == single[0], "the one-pass curve must equal the simulator at 64 frames")
        let name = "\(policy.rawValue), \(single[0].references / 1_000_000)M-ref ls -l"
        report("\(name): one size (64 frames)", one / 1e3, "ms")
        report("\(name): 1...4096 in one pass", all / 1e3, "ms")
        report("\(name): one pass / one size", all / one, "x")
        // A simulator per size, for 1...256 only (4,096 would take many minutes).
        var perSize: [SimulationResult] = []
        let each = median(1) { perSize = lookasideSimulate(path, (1...256).map { PagingSimulator(policy: policy, frames: $0) }) }
        precondition(perSize == Array(curve.prefix(256)), "one pass must equal a simulator per size")
        report("\(name): 1...256, simulator per size", each / 1e3, "ms")
    }
    for (name, consumer) in [
        ("reuse histogram", ReuseHistogram() as any StreamConsumer),
        ("working set, τ 10,000, LRU 64", WorkingSetTimeline(window: 10_000, simulator: PagingSimulator(policy: .lru, frames: 64))),
    ] {
        let time = median(1) { _ = lookasideSimulate(path, [consumer]) }
        report("ls -l trace: \(name)", time / 1e3, "ms")
    }
}

/// Reads, parses and simulates a trace file as `lookaside sim --trace` does.
func lookasideSimulate(_ path: String, _ consumers: [any StreamConsumer]) -> [SimulationResult] {
    var parser = TraceParser(pageSize: 4096)
    var simulation = StreamSimulation(consumers)
    let descriptor = open(path, O_RDONLY)
    precondition(descriptor >= 0, "cannot open \(path)")
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        precondition(count >= 0, "cannot read \(path)")
        buffer.withUnsafeBytes { bytes in
            if count == 0 { try! parser.finish() } else { try! parser.feed(UnsafeRawBufferPointer(rebasing: bytes[0..<count])) }
        }
        simulation.append(pages: parser.pages, writes: parser.writes)
        parser.pages.removeAll(keepingCapacity: true)
        parser.writes.removeAll(keepingCapacity: true)
        if count == 0 { break }
    }
    simulation.finish()
    return simulation.results
}

/// Lookaside's `sim` path against the C program, policy by policy, on both workloads.
func yardstickComparison() {
    let yardstickPolicies: [(ReplacementPolicy, Int32)] = [(.lru, 0), (.fifo, 1), (.clock, 2), (.opt, 3)]
    print("")
    print("workload (64 frames)".padding(toLength: 40, withPad: " ", startingAt: 0) + "policy   Lookaside       C    ratio  faults")
    for (workload, path) in [("1M uniform refs over 256 pages, hex", uniformTrace()), ("real lackey trace, ls /usr/bin", realTrace())] {
        guard let path else { continue }
        for (policy, code) in yardstickPolicies {
            var ours: [SimulationResult] = []
            let oursTime = median(5) { ours = lookasideSimulate(path, [PagingSimulator(policy: policy, frames: 64)]) }
            var theirs = yardstick_result()
            let theirTime = median(5) { theirs = yardstick_simulate(path, code, 64, 12, StreamSimulation.defaultLookahead) }
            precondition(theirs.error == 0, "the yardstick could not read \(path)")
            let agree =
                ours[0].faults == theirs.faults && ours[0].references == theirs.references
                ? "agree" : "DIFFER \(ours[0].faults) vs \(theirs.faults)"
            print(
                workload.padding(toLength: 40, withPad: " ", startingAt: 0)
                    + policy.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
                    + String(format: "%9.3f s %7.3f s %6.2fx  ", oursTime / 1e6, theirTime / 1e6, oursTime / theirTime) + agree)
        }
    }
}
yardstickComparison()

// Every policy (no C counterpart for the rest), and the cost of OPT as frames grow.
print("")
if let path = realTrace() {
    for policy in ReplacementPolicy.allCases {
        var results: [SimulationResult] = []
        let time = median(3) { results = lookasideSimulate(path, [PagingSimulator(policy: policy, frames: 64)]) }
        report("ls trace, \(policy.rawValue), 64 frames", Double(results[0].references) / time, "M refs/s")
    }
}

// OPT as frames grow: 1M references uniform over 2M pages (nearly every reference a fault).
func widePagesTrace() -> String {
    let path = NSTemporaryDirectory() + "lookaside-bench-2m-pages.trace"
    if FileManager.default.fileExists(atPath: path) { return path }
    var generator = SeededGenerator(seed: 8)
    var text = ""
    for _ in 0..<1_000_000 { text += "0x" + String(generator.index(below: 1 << 21) << 12, radix: 16) + "\n" }
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { fatalError("cannot write \(path)") }
    return path
}
print("")
var optTimes: [Int: Double] = [:]
for frames in [16, 4096, 16384] {
    var theirs = yardstick_result()
    let theirTime = median(3) { theirs = yardstick_simulate(widePagesTrace(), 3, frames, 12, StreamSimulation.defaultLookahead) }
    var ours: [SimulationResult] = []
    let time = median(3) { ours = lookasideSimulate(widePagesTrace(), [PagingSimulator(policy: .opt, frames: frames)]) }
    optTimes[frames] = time
    print(
        "opt, 1M refs over 2M pages, \(frames) frames".padding(toLength: 52, withPad: " ", startingAt: 0)
            + String(format: "%8.3f s, C %6.3f s, %5.2fx  ", time / 1e6, theirTime / 1e6, time / theirTime)
            + (ours[0].faults == theirs.faults ? "faults agree" : "FAULTS DIFFER"))
}
report("opt: time at 16,384 frames / time at 16 frames", optTimes[16384]! / optTimes[16]!, "x")

// A sweep: 12 policies x 16 frame counts over the real trace, on one core and on all.
if let path = realTrace() {
    func sweep(parallel: Bool) -> [SimulationResult] {
        var parser = TraceParser(pageSize: 4096)
        let bytes = try! [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        var simulation = StreamSimulation(
            (1...16).flatMap { step in ReplacementPolicy.allCases.map { PagingSimulator(policy: $0, frames: step * 8) } },
            parallel: parallel)
        bytes.withUnsafeBytes { all in
            var offset = 0
            while offset < all.count {
                let end = min(all.count, offset + (1 << 20))
                try! parser.feed(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
                simulation.append(pages: parser.pages, writes: parser.writes)
                parser.pages.removeAll(keepingCapacity: true)
                parser.writes.removeAll(keepingCapacity: true)
                offset = end
            }
        }
        simulation.finish()
        return simulation.results
    }
    var sequential: [SimulationResult] = [], parallel: [SimulationResult] = []
    let one = median(1) { sequential = sweep(parallel: false) }
    let all = median(1) { parallel = sweep(parallel: true) }
    report("sweep, 192 simulators over the ls trace, one core", one / 1e6, "s")
    report("sweep, the same on every core (\(ProcessInfo.processInfo.activeProcessorCount))", all / 1e6, "s")
    precondition(sequential == parallel, "a parallel sweep must equal a sequential one")
}

faultCurves()

print()
if access(installed, X_OK) == 0 {
    startup(binary: installed)
} else {
    print("start-up: not measured; `make lookaside` builds the installed program first")
}

var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
report("peak memory (whole benchmark, incl. 10M-ref trace in memory)", Double(usage.ru_maxrss) / 1024, "MiB")
