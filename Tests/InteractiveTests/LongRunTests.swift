import Scenario
import Testing
import VMM
@testable import Interactive

/// The history, the inspector and search on runs of thousands of steps: each holds a window of
/// the run, not the run, goes on a stretch at a time under a step budget, and stops where it got
/// to when asked.
@Suite struct LongRunTests {
    /// One process writing `count` words over `pages` pages, a step each.
    static func writes(_ count: Int, pages: Int) throws -> Scenario {
        let writes = (0..<count).map { "  write 0x\(String(($0 % pages) * 0x1000, radix: 16)) \($0)" }
        return try ScenarioParser.parse(
            "frames 4\nprocess A\n  alloc 0x0 pages \(pages)\n" + writes.joined(separator: "\n") + "\n", path: "long.vmm")
    }

    /// Every event of the run, as (step, index, event), oldest first.
    static func events(_ scenario: Scenario) -> [(step: Int, index: Int, event: Event)] {
        var machine = scenario.makeMachine()
        var events: [(step: Int, index: Int, event: Event)] = []
        while !machine.isFinished {
            let result = machine.step()
            events += result.events.enumerated().map { (result.step, $0.offset, $0.element) }
        }
        return events
    }

    /// Takes a long move's stretches until it arrives; returns what they recorded.
    static func finish(_ s: inout Session) -> [AppliedAction] {
        var applied: [AppliedAction] = []
        var frames = 0
        while s.isSeeking, frames < 100_000 {
            applied += s.apply(.continueSeek).applied
            frames += 1
        }
        return applied
    }

    @Test func aSearchGoesOnAStretchAtATimeAndEscStopsItWhereItStands() throws {
        let scenario = try Self.writes(5_000, pages: 8)
        let all = Self.events(scenario)
        let text = "writes 4321 to"
        let match = try #require(all.first { $0.event.explanation.contains(text) })
        var s = Session(scenario: scenario)
        s.stepBudget = 500
        // Under way: nothing recorded yet, and the session has not moved.
        #expect(s.apply(.search(text, backward: false)).applied.isEmpty)
        guard case .find(let finder) = s.seek?.goal else {
            Issue.record("not searching: \(String(describing: s.seek))")
            return
        }
        #expect(s.step == 0 && finder.reached > 0 && finder.reached < match.step)
        // Esc: stopped, where the session stood, and nothing for a recording.
        let stopped = s.apply(.cancel)
        #expect(stopped.applied.isEmpty && !s.isSeeking && s.step == 0)
        #expect(s.message?.hasPrefix("Stopped searching for '\(text)' at step ") == true)
        // Again, to the end of the search: the match, its event the last shown, recorded once.
        s.apply(.search(text, backward: false))
        let arrived = Self.finish(&s)
        // The write is its step's last event, so the step shows whole.
        #expect(all.last { $0.step == match.step }?.index == match.index)
        #expect(arrived == [AppliedAction(.search(text, backward: false), step: match.step, revealed: nil)])
        #expect(s.step == match.step && s.visibleEvents.last == match.event)
        // Backward from the end to the first write of 7 (7, 17, ... 4997: the nearest is the last).
        s.apply(.toEnd)
        _ = Self.finish(&s)
        let earlier = try #require(all.last { $0.event.explanation.contains("writes 7 to") })
        s.apply(.search("writes 7 to", backward: true))
        _ = Self.finish(&s)
        #expect(s.step == earlier.step && s.visibleEvents.last == earlier.event)
        s.apply(.search("no such words anywhere", backward: true))
        _ = Self.finish(&s)
        #expect(s.step == earlier.step && s.message == "No earlier event mentions 'no such words anywhere'.")
    }

    @Test func theHistoryOfALongRunHoldsAWindowAndWalksEveryEventInOrder() throws {
        let scenario = try Self.writes(3_000, pages: 8)
        let all = Self.events(scenario)
        var s = Session(scenario: scenario)
        s.apply(.toEnd)
        s.apply(.toggleHistory)
        func place() -> (step: Int, index: Int)? { s.history?.chosen.map { ($0.step, $0.index) } }
        func held() -> Int { s.history?.loaded.map(\.count) ?? 0 }
        #expect(place()?.step == all.last?.step && place()?.index == all.last?.index)
        #expect(held() <= HistoryView.page * HistoryView.pagesHeld)
        // g: the oldest event; then every event in order, one at a time, across many windows.
        s.apply(.historyEnd(newest: false))
        for position in 0..<1_500 {
            let now = try #require(place())
            #expect(now.step == all[position].step && now.index == all[position].index, "event \(position)")
            if now.step != all[position].step || now.index != all[position].index { return }
            #expect(held() <= HistoryView.page * HistoryView.pagesHeld)
            s.apply(.historyMove(1))
        }
        // Back, ten at a time (K), to where it began.
        for position in stride(from: 1_500, through: 10, by: -10) {
            let now = try #require(place())
            #expect(now.step == all[position].step && now.index == all[position].index, "event \(position)")
            s.apply(.historyMove(-10))
        }
        #expect(place()?.step == all[0].step && place()?.index == all[0].index)
        // Before the oldest there is nothing: it stays there.
        s.apply(.historyMove(-10))
        #expect(place()?.step == all[0].step)
        s.apply(.historyEnd(newest: true))
        #expect(place()?.step == all.last?.step && place()?.index == all.last?.index)
    }

    @Test func theInspectorReadsALongLifeAStretchAtATimeAndKeepsTheNewest() throws {
        // One page written again and again: frame 0's life is longer than the inspector keeps.
        let scenario = try Self.writes(Inspector.lifeLimit + 2_000, pages: 1)
        let life = Self.events(scenario).filter { $0.event.frame == 0 }
        #expect(life.count > Inspector.lifeLimit)
        var s = Session(scenario: scenario)
        s.apply(.toEnd)
        while s.focusedPane != .frames { s.apply(.nextPane) }
        s.stepBudget = 1_000
        #expect(s.apply(.toggleInspector) == .none)
        let reading = try #require(s.inspector?.reading)
        #expect(s.isSeeking && reading > 1 && reading < s.step)
        #expect(Self.finish(&s).isEmpty)
        let inspector = try #require(s.inspector)
        #expect(inspector.reading == nil && inspector.lifeCount == life.count)
        #expect(inspector.life.count == Inspector.lifeLimit)
        #expect(inspector.life.map(\.step) == life.suffix(Inspector.lifeLimit).map(\.step))
        #expect(inspector.life.map(\.event) == life.suffix(Inspector.lifeLimit).map(\.event))
        #expect(inspector.entry == Inspector.lifeLimit - 1)
        // Esc while it reads: the life so far, the newest chosen, the overlay still open.
        s.apply(.toggleInspector)
        s.apply(.toggleInspector)
        #expect(s.isSeeking && KeyMap.action(for: .escape, in: s) == .cancel)
        #expect(s.apply(.cancel).applied.isEmpty)
        let stopped = try #require(s.inspector)
        let upTo = try #require(stopped.stoppedAfter)
        #expect(!s.isSeeking && stopped.reading == nil && upTo > 0 && upTo < s.step)
        #expect(stopped.life.map(\.step) == life.filter { $0.step <= upTo }.suffix(Inspector.lifeLimit).map(\.step))
        #expect(stopped.entry == stopped.life.count - 1)
        #expect(s.message == "Stopped reading: its life up to step \(upTo) is shown.")
        // Closing it while it reads stops the reading too.
        s.apply(.inspectSubject(1))
        #expect(s.isSeeking)
        s.apply(.toggleInspector)
        #expect(!s.isSeeking && s.inspector == nil)
    }

    @Test func anOverlayOrQuittingStopsALongMoveAndRecordsWhereItGot() throws {
        var s = Session(scenario: try Self.writes(3_000, pages: 8))
        s.stepBudget = 400
        s.apply(.toEnd)
        let stopped = s.step
        #expect(s.isSeeking && stopped > 0)
        // The history opens on the run as it stands, and the move is kept as a jump there.
        #expect(s.apply(.toggleHistory).applied == [AppliedAction(.jump(to: stopped), step: stopped)])
        #expect(!s.isSeeking && s.history?.newest == stopped)
        s.apply(.toggleHistory)
        // A key that does not move, mid-move, is stamped where the move began (where a replay
        // stands when it comes); then q: the move's jump to where it got, and the quit.
        s.apply(.toEnd)
        let began = stopped
        #expect(s.apply(.nextPane).applied == [AppliedAction(.nextPane, step: began)])
        s.apply(.continueSeek)
        let got = s.step
        let quit = s.apply(.quit)
        #expect(quit.applied == [AppliedAction(.jump(to: got), step: got), AppliedAction(.quit, step: got)] && quit.quits)
    }
}
