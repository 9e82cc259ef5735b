import Foundation
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
