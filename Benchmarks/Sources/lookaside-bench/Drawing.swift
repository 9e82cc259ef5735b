import Interactive
import Scenario
import Views

/// Drawing bounded by the screen, not the scenario (`lookaside-bench drawing`): a frame of the
/// interface for scenarios with a huge name, a huge word in the description, and very many
/// processes. Each text is cut to the cells it can take before it is measured, and only the rows
/// in view are laid out, so a frame should cost about what a frame of a small lesson costs; the
/// session's start (parsing, the first step) is timed beside it.
func drawingAtScale() {
    let clock = ContinuousClock()
    let huge = String(repeating: "a", count: 1_000_000)
    let word = String(repeating: "w", count: 3_000_000)
    func processes(_ count: Int) -> String {
        (0..<count).map { "process P\($0)\n  alloc 0\n  read 0\n" }.joined()
    }
    let cases: [(String, String)] = [
        ("a process named with 1,000,000 letters", "process \(huge)\n  alloc 0\n  write 0 1\n  read 0\n"),
        ("a description of one 3,000,000-letter word", "description \(word)\nprocess P\n  alloc 0\n  read 0\n"),
        ("10,000 processes of one read each", processes(10_000)),
        ("100,000 processes of one read each", processes(100_000)),
    ]
    // `lookaside-bench drawing WORD` times only the cases whose name has WORD in it.
    let only = CommandLine.arguments.dropFirst(2).first
    for (name, text) in cases where only.map({ name.contains($0) }) ?? true {
        let start = clock.now
        let scenario = try! ScenarioParser.parse(text, path: "drawing.vmm")
        var session = Session(scenario: scenario, stepBudget: Session.interactiveStepBudget)
        session.apply(.stepForward)
        report("drawing: \(name): parse, start and one step", seconds(clock.now - start) * 1e3, "ms")
        for (width, height) in [(200, 60), (80, 24)] {
            var sink = 0
            let time = median(21) { sink &+= Screen.render(session, width: width, height: height).cells.count }
            report("drawing: \(name): one \(width)x\(height) frame", time, "µs")
            precondition(sink > 0)
        }
    }
}
