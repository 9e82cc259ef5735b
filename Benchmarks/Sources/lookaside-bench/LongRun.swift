import Glibc
import Interactive
import Scenario

/// The peak resident memory of the process so far, in MiB.
func peakMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// The history, a search and the inspector on an 800,000-step run (`lookaside-bench longrun`):
/// each holds a window of the run, so memory stays near what the timeline's checkpoints take,
/// and each long search or reading goes on in 20,000-step stretches as the interface does.
/// Run it alone: peak memory is the process's, so earlier benchmarks would hide it.
func longRunOverlays() {
    let steps = 800_000
    let refs = (0..<steps).map { String(($0 * 7 + $0 / 5) % 23) }.joined(separator: " ")
    let scenario = try! ScenarioParser.parse("frames 8\ntlb 4\nprocess P\n  alloc 0 pages 23\n  refs \(refs)\n", path: "longrun.vmm")
    let clock = ContinuousClock()
    func timed(_ name: String, _ body: () -> Void) {
        let start = clock.now
        body()
        report(name, seconds(clock.now - start) * 1e3, "ms")
    }
    func frames(_ session: inout Session) -> Int {
        var count = 0
        while session.isSeeking {
            session.apply(.continueSeek)
            count += 1
        }
        return count
    }
    var session = Session(scenario: scenario, stepBudget: Session.interactiveStepBudget)
    report("longrun: peak memory, scenario parsed", peakMiB(), "MiB")
    var endFrames = 0
    timed("longrun: G to the end of \(steps) steps") {
        session.apply(.toEnd)
        endFrames = frames(&session)
    }
    report("longrun: frames G took", Double(endFrames), "frames")
    report("longrun: peak memory at the end (timeline's checkpoints)", peakMiB(), "MiB")
    timed("longrun: H opens the history") { session.apply(.toggleHistory) }
    timed("longrun: g, the history's oldest event") { session.apply(.historyEnd(newest: false)) }
    timed("longrun: 10,000 J in the history (100,000 events)") { for _ in 0..<10_000 { session.apply(.historyMove(10)) } }
    timed("longrun: G, the history's newest event") { session.apply(.historyEnd(newest: true)) }
    report("longrun: peak memory with the history open", peakMiB(), "MiB")
    session.apply(.toggleHistory)
    var searchFrames = 0
    timed("longrun: / backward to step 1 (not found), whole run") {
        session.apply(.search("no such words", backward: true))
        searchFrames = frames(&session)
    }
    report("longrun: frames the backward search took", Double(searchFrames), "frames")
    report("longrun: peak memory after the backward search", peakMiB(), "MiB")
    var readFrames = 0
    timed("longrun: i reads frame 0's life over the whole run") {
        while session.focusedPane != .frames { session.apply(.nextPane) }
        session.apply(.toggleInspector)
        readFrames = frames(&session)
    }
    report("longrun: frames the inspector's reading took", Double(readFrames), "frames")
    report("longrun: events in frame 0's life (newest 10,000 kept)", Double(session.inspector?.lifeCount ?? 0), "events")
    report("longrun: peak memory with the inspector open", peakMiB(), "MiB")
}
