import Foundation
import Glibc
import Interactive
import Scenario
import Views
import VMM

// Wall-clock measurements, reported as numbers (never asserted in tests).

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Runs `body` `count` times and returns the median time of one run, in microseconds.
func median(_ count: Int, _ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    var times: [Double] = []
    for _ in 0..<count {
        let start = clock.now
        body()
        times.append(seconds(clock.now - start) * 1e6)
    }
    return times.sorted()[times.count / 2]
}

func report(_ name: String, _ value: Double, _ unit: String) {
    print(name.padding(toLength: 52, withPad: " ", startingAt: 0) + String(format: "%12.1f %@", value, unit))
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

// 3. Traces: parsing lackey text plus simulation, per policy, 64 frames, on one core.
func generatedTrace(references: Int) -> String {
    let path = NSTemporaryDirectory() + "lookaside-bench-\(references).trace"
    if FileManager.default.fileExists(atPath: path) { return path }
    var generator = SeededGenerator(seed: 99)
    var text = ""
    text.reserveCapacity(references * 22)
    var code = 0x0400_0000, data = 0x1fff_0000_00
    for index in 0..<references {
        // Mostly sequential code with jumps, data in a drifting working set of a few hundred pages.
        if index % 3 == 0 {
            code += 4
            if generator.index(below: 50) == 0 { code = 0x0400_0000 + generator.index(below: 400) * 4096 }
            text += "I  " + String(code, radix: 16) + ",4\n"
        } else {
            if generator.index(below: 20) == 0 { data = 0x1fff_0000_00 + generator.index(below: 300) * 4096 + generator.index(below: 4096) }
            data += 8
            let op = ["L", "L", "S", "M"][generator.index(below: 4)]
            text += " " + op + " " + String(data, radix: 16) + ",8\n"
        }
    }
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { fatalError("cannot write \(path)") }
    return path
}

func realTrace() -> String? {
    let path = NSTemporaryDirectory() + "lookaside-bench-real.trace"
    if FileManager.default.fileExists(atPath: path) { return path }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/valgrind")
    process.arguments = ["--tool=lackey", "--trace-mem=yes", "--log-file=\(path)", "/bin/ls", "-l", "/usr/bin"]
    process.standardOutput = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    process.waitUntilExit()
    return FileManager.default.fileExists(atPath: path) ? path : nil
}

/// Parses and simulates a trace already in memory, in 1 MiB chunks as the command line does.
func simulate(_ bytes: [UInt8], policies: [ReplacementPolicy], frames: Int, tlb: TLBConfiguration = TLBConfiguration(entries: 0)) -> (
    references: Int, seconds: Double
) {
    var parser = TraceParser(pageSize: 4096)
    var simulation = StreamSimulation(policies.map { PagingSimulator(policy: $0, frames: frames, tlb: tlb) })
    let clock = ContinuousClock()
    let start = clock.now
    var offset = 0
    bytes.withUnsafeBytes { all in
        while offset < all.count {
            let end = min(all.count, offset + (1 << 20))
            try! parser.feed(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
            parser.pages.withUnsafeBufferPointer { pages in
                parser.writes.withUnsafeBufferPointer { writes in
                    for index in pages.indices { simulation.append(page: pages[index], write: writes[index]) }
                }
            }
            parser.pages.removeAll(keepingCapacity: true)
            parser.writes.removeAll(keepingCapacity: true)
            offset = end
        }
    }
    try! parser.finish()
    simulation.finish()
    return (simulation.results.first?.references ?? parser.line, seconds(clock.now - start))
}

print("")
let generated = try! [UInt8](Data(contentsOf: URL(fileURLWithPath: generatedTrace(references: 10_000_000))))
report("generated lackey trace, MiB", Double(generated.count) / 1_048_576, "MiB")
let (parsed, parseTime) = simulate(generated, policies: [], frames: 64)
report("10M generated refs, parsing only", Double(parsed) / parseTime / 1e6, "M refs/s")
for policy in ReplacementPolicy.allCases {
    let (references, time) = simulate(generated, policies: [policy], frames: 64)
    report("10M generated refs, \(policy.rawValue), 64 frames", Double(references) / time / 1e6, "M refs/s")
}
let (tlbReferences, tlbTime) = simulate(generated, policies: [.lru], frames: 64, tlb: TLBConfiguration(entries: 64, ways: 4))
report("10M generated refs, lru, 64 frames, TLB 64 4-way", Double(tlbReferences) / tlbTime / 1e6, "M refs/s")
if let real = realTrace(), let bytes = try? [UInt8](Data(contentsOf: URL(fileURLWithPath: real))) {
    for policy in [ReplacementPolicy.lru, .clock, .opt] {
        let (references, time) = simulate(bytes, policies: [policy], frames: 64)
        report(
            "real lackey trace (ls -l /usr/bin, \(references / 1000)K refs), \(policy.rawValue)", Double(references) / time / 1e6,
            "M refs/s")
    }
}
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
report("peak memory (whole benchmark, incl. 10M-ref trace in memory)", Double(usage.ru_maxrss) / 1024, "MiB")
