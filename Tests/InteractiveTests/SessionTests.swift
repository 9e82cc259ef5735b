import Scenario
import Teaching
import Testing
import VMM
@testable import Interactive

@Suite struct SessionTests {
    @Test func forwardAndBackReturnToTheSameState() throws {
        var s = try session("tour")
        #expect(s.total == 13)
        let start = s.timeline.current
        for _ in 0..<5 { s.apply(.stepForward) }
        let atFive = s.timeline.current
        s.apply(.stepForward)
        s.apply(.stepBack)
        #expect(s.step == 5)
        #expect(s.timeline.current == atFive)
        #expect(s.previous?.stepCount == 4)
        for _ in 0..<5 { s.apply(.stepBack) }
        #expect(s.timeline.current == start)
        s.apply(.stepBack)
        #expect(s.message == "Already at the start.")
    }

    @Test func eventsAreRevealedOneAtATimeWithTheStateAtEach() throws {
        var s = try session("tour", steps: 6)
        s.apply(.eventForward)
        let count = s.timeline.lastResult.events.count
        #expect(s.step == 7)
        #expect(s.revealed == 1)
        #expect(s.visibleEvents.count == 1)
        // Before the major fault is revealed, page 1 of the file is not in any frame yet.
        #expect(!s.shownMachine.frames.contains { $0.content == .filePage(file: 0, page: 1) })
        for _ in 1..<count { s.apply(.eventForward) }
        #expect(s.revealed == nil)
        #expect(s.shownMachine == s.timeline.current)
        #expect(s.shownMachine.frames.contains { $0.content == .filePage(file: 0, page: 1) })
        s.apply(.eventBack)
        #expect(s.revealed == count - 1)
        s.apply(.stepForward)
        #expect(s.step == 7 && s.revealed == nil)
    }

    @Test func runUntilFindsTheNextEventOfAKind() throws {
        var s = try session("lost-update")
        s.apply(.runUntil([.lostUpdate], label: "lost update"))
        #expect(s.timeline.lastResult.events.contains { $0.kind == .lostUpdate })
        #expect(s.message == "Next lost update at step \(s.step).")
        // Nothing more ahead: the search says so and stays where it began.
        let at = s.step
        s.apply(.runUntil([.lostUpdate], label: "lost update"))
        #expect(s.step == at && !s.isAtEnd)
        #expect(s.message == "No lost update between step \(at) and the end (step 12); still at step \(at).")
        s.apply(.toEnd)
        s.apply(.runUntil([.lostUpdate], label: "lost update"))
        #expect(s.message == "No lost update: the scenario has already ended.")
    }

    @Test func promptsJumpAndRunUntil() throws {
        var s = try session("thrashing")
        s.apply(.openPrompt(.jumpToStep))
        for c in "17" { s.apply(.promptType(c)) }
        s.apply(.promptSubmit)
        #expect(s.step == 17 && s.prompt == nil)
        s.apply(.openPrompt(.runUntilEvent))
        for c in "swap-o" { s.apply(.promptType(c)) }
        s.apply(.promptSubmit)
        #expect(s.timeline.lastResult.events.contains { $0.kind == .swapOut })
        s.apply(.openPrompt(.jumpToStep))
        for c in "x9" { s.apply(.promptType(c)) }
        s.apply(.promptBackspace)
        s.apply(.promptSubmit)
        #expect(s.message == "Not a step number: 'x'. Type digits, then Enter.")
        s.apply(.openPrompt(.jumpToStep))
        for c in "999" { s.apply(.promptType(c)) }
        s.apply(.promptSubmit)
        #expect(s.step == s.total)
    }

    @Test func autoRunAdvancesOnlyWhileRunningAndStopsAtTheEnd() throws {
        var s = try session("tour")
        s.apply(.advance(5))
        #expect(s.step == 0 && s.autoRun == AutoRun())
        s.apply(.toggleRun)
        #expect(s.autoRun == AutoRun(running: true))
        s.apply(.advance(5))
        #expect(s.step == 5)
        // A move of the user's own through events stops it; its speed stays.
        s.apply(.faster)
        s.apply(.eventForward)
        #expect(s.autoRun == AutoRun(running: false, speedIndex: 4))
        s.apply(.toggleRun)
        s.apply(.advance(100))
        #expect(s.isAtEnd && s.autoRun == AutoRun(running: false, speedIndex: 4))
        for _ in 0..<20 { s.apply(.faster) }
        #expect(s.autoRun == AutoRun(speedIndex: AutoRun.speeds.count - 1))
        for _ in 0..<20 { s.apply(.slower) }
        #expect(s.autoRun == AutoRun(speedIndex: 0) && s.speed == 1)
    }

    @Test func theClockOwesAutoRunWholeStepsAtItsSpeed() throws {
        var s = try session("thrashing")
        s.apply(.toggleRun)
        // 10 steps a second: a twentieth of a second is half a step, owed until the next.
        #expect(s.speed == 10)
        _ = s.tick(seconds: 0.05)
        #expect(s.step == 0)
        _ = s.tick(seconds: 0.05)
        #expect(s.step == 1)
        // However long the clock stalls, a frame takes at most a second's worth of steps.
        _ = s.tick(seconds: 60)
        #expect(s.step == 11)
    }

    @Test func keysFollowTheUsualConventions() throws {
        let s = try session("tour")
        #expect(KeyMap.action(for: .character("n"), in: s) == .stepForward)
        #expect(KeyMap.action(for: .character(" "), in: s) == .stepForward)
        #expect(KeyMap.action(for: .right, in: s) == .stepForward)
        #expect(KeyMap.action(for: .character("b"), in: s) == .stepBack)
        #expect(KeyMap.action(for: .character("?"), in: s) == .toggleHelp)
        #expect(KeyMap.action(for: .function(1), in: s) == .toggleHelp)
        #expect(KeyMap.action(for: .character("q"), in: s) == .quit)
        #expect(KeyMap.action(for: .interrupt, in: s) == .quit)
        #expect(KeyMap.action(for: .character("G"), in: s) == .toEnd)
        #expect(KeyMap.action(for: .character("Z"), in: s) == nil)
        var prompting = s
        prompting.apply(.openPrompt(.jumpToStep))
        #expect(KeyMap.action(for: .character("q"), in: prompting) == .promptType("q"))
        #expect(KeyMap.action(for: .escape, in: prompting) == .promptCancel)
        var helping = s
        helping.apply(.toggleHelp)
        #expect(KeyMap.action(for: .character("n"), in: helping) == .toggleHelp)
    }

    @Test func focusFollowsALiveProcessAndTabCycles() throws {
        var s = try session("tour")
        #expect(s.focus == Focus())
        s.apply(.scroll(3))
        #expect(s.focus == Focus(scroll: [.pageTable: 3]))
        // Another process's page table is shown from its top.
        s.apply(.nextProcess)
        #expect(s.focus == Focus(process: 1, scroll: [.pageTable: 0]))
        s.apply(.nextProcess)
        #expect(s.focus == Focus(process: 0, scroll: [.pageTable: 0]))
        s.apply(.previousProcess)
        #expect(s.focus == Focus(process: 1, scroll: [.pageTable: 0]))
        // Panes cycle in reading order both ways; only the events pane scrolls above its start.
        let start = PaneID.pageTable.rawValue, count = PaneID.allCases.count
        s.apply(.previousPane)
        #expect(s.focus.pane == PaneID(rawValue: (start + count - 1) % count))
        s.apply(.nextPane)
        s.apply(.nextPane)
        #expect(s.focus.pane == PaneID(rawValue: (start + 1) % count))
        for _ in 0..<count { s.apply(.nextPane) }
        #expect(s.focus.pane == PaneID(rawValue: (start + 1) % count))
        s.apply(.focusPane(.frames))
        s.apply(.scroll(-5))
        s.apply(.focusPane(.events))
        s.apply(.scroll(-5))
        #expect(s.focus == Focus(process: 1, pane: .events, scroll: [.pageTable: 0, .frames: 0, .events: -5]))
        // One CPU: t says so and changes nothing.
        s.apply(.nextCPU)
        #expect(s.focus.cpu == nil && s.message?.contains("one CPU") == true)
    }

    @Test func tCyclesTheCPUWhoseTLBIsShown() throws {
        var s = try session("tlb-per-cpu", steps: 1)
        let cpus = s.timeline.current.cpus.count
        #expect(cpus > 1)
        let ran = try #require(s.timeline.lastResult.cpu)
        s.apply(.nextCPU)
        // (A step shows the events pane from its start.)
        #expect(s.focus == Focus(cpu: (ran + 1) % cpus, scroll: [.tlb: 0, .events: 0]))
        for _ in 1..<cpus { s.apply(.nextCPU) }
        #expect(s.focus == Focus(cpu: ran, scroll: [.tlb: 0, .events: 0]))
    }
}

@Suite struct HugeMachineTests {
    /// A machine too large to copy at every event says so, rather than running out of memory.
    @Test func revealingAStepOfAHugeMachineKeepsNoCopies() throws {
        let text = "frames 1048576\nprocess P\n  alloc 0 pages 4\n  write 0 1\n  read 0\n"
        var s = Session(scenario: try ScenarioParser.parse(text, path: "huge.vmm"))
        #expect(s.timeline.current.estimatedBytes > Session.revealBudget / 16)
        s.apply(.stepForward)
        s.apply(.eventForward)
        #expect(s.revealed == 1)
        #expect(s.message?.hasPrefix("This machine is too large to keep a copy at each event") == true)
        #expect(s.shownMachine == s.timeline.current)
        s.apply(.eventForward)
        #expect(s.step == 2)
    }
}

@Suite struct LongMoveTests {
    /// A move made while a long one is under way is recorded after a jump to where the long one
    /// stopped, so a replay makes it from the same step.
    @Test func aMoveDuringALongJumpRecordsWhereTheJumpStopped() throws {
        let writes = (0..<5_000).map { "  write 0x\(String(($0 % 8) * 0x1000, radix: 16)) \($0)" }.joined(separator: "\n")
        var s = Session(scenario: try ScenarioParser.parse("frames 4\nprocess A\n  alloc 0x0 pages 8\n" + writes + "\n", path: "long.vmm"))
        s.stepBudget = 1_000
        #expect(s.apply(.toEnd).applied.isEmpty && s.isSeeking)
        let stopped = s.step
        let applied = s.apply(.stepForward).applied
        #expect(!s.isSeeking && s.step == stopped + 1)
        #expect(applied == [AppliedAction(.jump(to: stopped), step: stopped), AppliedAction(.stepForward, step: stopped + 1)])
        s.apply(.toEnd)
        #expect(s.apply(.cancel).applied.count == 1 && s.message?.hasPrefix("Stopped at step") == true)
    }
}

/// The events pane's story: the steps before the one shown, kept as the session moves.
@Suite struct HistoryTests {
    @Test func recentStepsEndAtTheStepShownWhicheverWayTheSessionMoves() throws {
        var s = try session("thrashing")
        for _ in 0..<5 { s.apply(.stepForward) }
        #expect(s.recentSteps.map(\.step) == [1, 2, 3, 4, 5])
        s.apply(.stepBack)
        #expect(s.recentSteps.map(\.step) == [1, 2, 3, 4])
        s.apply(.jump(to: 30))
        // Replayed from the timeline: the 40 steps that end at 30, and each as the engine gave it.
        #expect(s.recentSteps.map(\.step) == Array(1...30))
        var machine = s.scenario.makeMachine()
        let direct = (1...30).map { _ in machine.step() }
        #expect(s.recentSteps == direct)
        s.apply(.toEnd)
        let end = s.step
        #expect(s.recentSteps.count == min(Session.historyDepth, end) && s.recentSteps.last?.step == end)
        s.apply(.toStart)
        #expect(s.recentSteps.isEmpty)
    }
}

@Suite struct SearchTests {
    @Test func slashFindsTextInTheExplanationsForwardAndNBackward() throws {
        var s = try session("lost-update")
        func type(_ text: String) {
            s.apply(.openPrompt(.runUntilEvent))
            for character in text { s.apply(.promptType(character)) }
            s.apply(.promptSubmit)
        }
        // Not an event's name: found in the explanations, its step shown up to that event.
        type("own copy")
        let first = try #require(s.visibleEvents.last)
        #expect(first.explanation.contains("own copy"))
        let firstStep = s.step
        #expect(s.message?.hasPrefix("'own copy' at step \(firstStep)") == true)
        // Enter alone: the next match, later.
        type("")
        #expect(s.step > firstStep || (s.step == firstStep && s.visibleEvents.count > 1))
        #expect(s.visibleEvents.last?.explanation.contains("own copy") == true)
        // N: back to the first.
        s.apply(.searchBackward)
        #expect(s.step == firstStep && s.visibleEvents.last == first)
        s.apply(.searchBackward)
        #expect(s.message == "No earlier event mentions 'own copy'.")
        #expect(s.step == firstStep)
        // An event's name still runs until one.
        type("lost-update")
        #expect(s.timeline.lastResult.events.contains { $0.kind == .lostUpdate })
        type("no such words anywhere")
        #expect(s.message == "No later event mentions 'no such words anywhere'.")
    }
}

@Suite struct ReloadTests {
    @Test func aReloadKeepsTheStepOrGoesToTheNewLast() throws {
        let long = try ScenarioParser.parse(
            "process P\n  alloc 0x0 pages 2\n  read 0x0\n  read 0x1000\n  read 0x0\n  read 0x1000\n", path: "w.vmm")
        let short = try ScenarioParser.parse("process P\n  alloc 0x0 pages 2\n  read 0x0\n", path: "w.vmm")
        var s = Session(scenario: long)
        s.apply(.toggleAnatomy)
        for _ in 0..<4 { s.apply(.stepForward) }
        s.reloadFailed(["w.vmm:3:3: unknown word 'raed'"])
        #expect(s.reloadProblems == ["w.vmm:3:3: unknown word 'raed'"] && s.step == 4)
        s.reload(long, seed: nil)
        #expect(s.step == 4 && s.reloadProblems.isEmpty && s.anatomyVisible)
        #expect(s.message == "Reloaded w.vmm: at step 4.")
        s.reload(short, seed: nil)
        #expect(s.step == 3 && s.message == "Reloaded w.vmm: it now ends at step 3, so the session is there.")
        #expect(s.apply(.editScenario) == .none)
        #expect(s.message?.hasPrefix("E edits the scenario file when it runs with --watch") == true)
        s.canEditScenario = true
        // The loop opens the editor; nothing of it is recorded.
        #expect(s.apply(.editScenario) == Outcome(effects: [.openEditor]))
        s.editorClosed(problem: "Cannot start the editor 'nope': No such file or directory (set EDITOR).")
        #expect(s.message == "Cannot start the editor 'nope': No such file or directory (set EDITOR).")
    }
}

@Suite struct InspectorTests {
    /// Every frame's life, as the inspector tells it, is exactly the run's events about that frame,
    /// in order, and never shows the frame used between its eviction and its next load.
    @Test(arguments: [("thrashing", "replacement=random"), ("cow-fork", "replacement=fifo"), ("shootdown-cost", "shootdown=lazy")])
    func aFramesLifeIsTheEventsAboutIt(name: String, setting: String) throws {
        var s = try session(name, steps: 0, [setting])
        s.apply(.toEnd)
        var machine = s.scenario.makeMachine()
        var events: [(step: Int, event: Event)] = []
        while !machine.isFinished {
            let result = machine.step()
            events += result.events.map { (result.step, $0) }
        }
        while s.focusedPane != .frames { s.apply(.nextPane) }
        s.apply(.toggleInspector)
        var inspector = try #require(s.inspector)
        #expect(inspector.subjects.count == machine.frames.count)
        for frame in machine.frames.indices {
            #expect(inspector.subjects[inspector.selected] == .frame(frame))
            let expected = events.filter { $0.event.frame == frame }
            #expect(inspector.life.map(\.step) == expected.map(\.step), "\(name) frame \(frame)")
            #expect(inspector.life.map(\.event) == expected.map(\.event), "\(name) frame \(frame)")
            var free = false
            for entry in inspector.life {
                switch entry.event.kind {
                case .eviction: free = true
                case .majorFault, .minorFault, .swapIn, .diskRead, .map, .copyOnWrite, .privateCopy, .pageTableCreated: free = false
                case .read, .write: #expect(!free, "\(name): frame \(frame) used at step \(entry.step) while free")
                default: break
                }
            }
            s.apply(.inspectSubject(1))
            inspector = try #require(s.inspector)
        }
        // Enter goes to the chosen event's step.
        s.apply(.inspectSubject(-machine.frames.count))
        let chosen = try #require(s.inspector?.life.first)
        s.apply(.inspectEntry(-1_000))
        s.apply(.inspectJump)
        #expect(s.inspector == nil && s.step == chosen.step)
    }

    @Test func theCountersHaveNothingToInspect() throws {
        var s = try session("tour", steps: 3)
        while s.focusedPane != .counters { s.apply(.nextPane) }
        s.apply(.toggleInspector)
        #expect(s.inspector == nil && s.message?.hasPrefix("Nothing to inspect in this pane") == true)
    }
}

@Suite struct HistoryViewTests {
    @Test func everyEventSoFarAndEnterShowsOne() throws {
        var s = try session("lost-update", steps: 6)
        s.apply(.toggleHistory)
        var history = try #require(s.history)
        // Every step so far under its heading, then its events, in order.
        var machine = s.scenario.makeMachine()
        let results = (1...6).map { _ in machine.step() }
        let expected = results.flatMap { result in
            [HistoryView.Row.step(result)]
                + result.events.enumerated().map { HistoryView.Row.event(step: result.step, index: $0.offset, $0.element) }
        }
        #expect(history.rows == expected)
        // The cursor starts on the newest event; it moves over events only.
        #expect(history.chosen?.step == 6 && history.chosen?.index == results[5].events.count - 1)
        s.apply(.historyMove(-results[5].events.count))
        history = try #require(s.history)
        #expect(history.chosen?.step == 5 && history.chosen?.index == results[4].events.count - 1)
        // n and N: the last / search's text.
        s.apply(.historyFind(backward: true))
        #expect(s.message == "Nothing to find yet: / and some text first.")
        s.apply(.toggleHistory)
        s.apply(.search("Minor page fault", backward: false))
        s.apply(.toEnd)
        s.apply(.toggleHistory)
        s.apply(.historyFind(backward: true))
        let found = try #require(s.history?.chosen)
        guard case .event(_, _, let event) = s.history!.rows[s.history!.cursor] else { Issue.record("not an event"); return }
        #expect(event.explanation.contains("Minor page fault"))
        // Enter: that step, revealed up to that event, and the history closed.
        s.apply(.reveal(step: found.step, event: found.index))
        #expect(s.history == nil && s.step == found.step)
        #expect(s.visibleEvents.last == event)
    }
}
