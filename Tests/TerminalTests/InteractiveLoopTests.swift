import Scenario
import Terminal
import Testing
import VMM
import Interactive
import Views

/// The interactive loop, keys in and frames out, on a terminal in memory.
@Suite struct InteractiveLoopTests {
    func tour() throws -> Session {
        Session(scenario: try #require(try BundledScenarios.load("tour")))
    }

    /// A scenario of `operations` writes, long enough for jumps that take many frames.
    func long(_ operations: Int) throws -> Session {
        let writes = (0..<operations).map { "  write 0x\(String(($0 * 5 % 8) * 0x1000, radix: 16)) \($0)" }
        let text = "title Long\nframes 4\nprocess A\n  alloc 0x0 pages 8\n" + writes.joined(separator: "\n") + "\n"
        var session = Session(scenario: try ScenarioParser.parse(text, path: "long.vmm"))
        session.stepBudget = 1_000
        return session
    }

    @Test func keysStepTheModelAndEveryFrameIsDrawn() throws {
        let terminal = MemoryTerminal(
            width: 80, height: 24,
            script: [
                .key(.character("n")), .key(.character("n")), .key(.character("b")),
                .wait(seconds: 0.3), .key(.character("q")),
            ])
        var loop = InteractiveLoop(model: try tour(), terminal: terminal)
        loop.run()
        #expect(loop.model.step == 1)
        #expect(loop.quit && !terminal.ranOut)
        // Keys typed together are drawn once: the first frame, then one after the three keys.
        #expect(terminal.frames.count == 2)
        #expect(terminal.lastFrame?.line(0).hasSuffix("step 1 of 13") == true)
    }

    /// A click goes through the view's hit test at the terminal's own size, then to the session:
    /// a row of the frames pane opens the inspector on that frame, and the inspector shows on screen.
    @Test func aClickOnAFrameRowOpensTheInspectorOnIt() throws {
        var session = try tour()
        session.apply(.jump(to: 9))
        let layout = Screen.layout(session, area: Rect(x: 0, y: 1, width: 100, height: 28))
        let (_, frames, content) = try #require(layout.first { $0.0 == .frames })
        let y = frames.y + 1 + (content.heading == nil ? 0 : 1) + 1
        let terminal = MemoryTerminal(
            width: 100, height: 30,
            script: [.key(.mouse(x: frames.x + 5, y: y, .left)), .wait(seconds: 0.1), .key(.character("q"))])
        var loop = InteractiveLoop(model: session, terminal: terminal)
        loop.run()
        #expect(loop.model.focusedPane == .frames)
        #expect(loop.model.inspector?.subjects[loop.model.inspector!.selected] == .frame(1))
        #expect(terminal.lastFrame?.text.contains("Inspect · frame 1") == true)
    }

    @Test func aResizeRedrawsAtTheNewSizeAndTooSmallSaysSo() throws {
        let terminal = MemoryTerminal(
            width: 80, height: 24,
            script: [
                .resize(width: 120, height: 40), .wait(seconds: 0.1),
                .resize(width: 50, height: 10), .wait(seconds: 0.1),
                .resize(width: 200, height: 60), .wait(seconds: 0.1), .key(.character("q")),
            ])
        var loop = InteractiveLoop(model: try tour(), terminal: terminal)
        loop.run()
        let sizes = terminal.frames.map { "\($0.width)x\($0.height)" }
        #expect(sizes == ["80x24", "120x40", "50x10", "200x60"])
        #expect(terminal.frames[2].text.contains("Terminal too small: 50x10."))
    }

    @Test func ctrlCQuitsAtOnceWhateverIsQueued() throws {
        let terminal = MemoryTerminal(
            width: 80, height: 24,
            script: [.key(.character("n")), .key(.interrupt)]
                + Array(repeating: .key(.character("n")), count: 50))
        var loop = InteractiveLoop(model: try tour(), terminal: terminal)
        loop.run()
        #expect(loop.quit && loop.model.step == 1 && !terminal.ranOut)
    }

    @Test func aFloodOfKeysIsTakenBeforeTheNextFrameAndQStillQuits() throws {
        let terminal = MemoryTerminal(
            width: 80, height: 24, script: Array(repeating: .key(.character("n")), count: 5_000) + [.key(.character("q"))])
        var loop = InteractiveLoop(model: try long(6_000), terminal: terminal)
        loop.run()
        #expect(loop.model.step == 5_000)
        #expect(terminal.frames.count == 1)
        #expect(loop.quit && !terminal.ranOut)
    }

    @Test func aLongJumpShowsProgressAndEscStopsItWhereItGot() throws {
        let terminal = MemoryTerminal(
            width: 80, height: 24,
            script: [
                .key(.character("G")), .wait(seconds: 0.02), .wait(seconds: 0.02),
                .key(.escape), .wait(seconds: 0.1), .key(.character("q")),
            ])
        var loop = InteractiveLoop(model: try long(20_000), terminal: terminal)
        loop.run()
        let progress = terminal.frames.map { $0.line(23) }.filter { $0.contains("Going to the end: step") }
        #expect(progress.count >= 2)
        #expect(loop.model.step > 0 && loop.model.step < 20_000)
        #expect(!loop.model.isSeeking)
        #expect(terminal.frames.last?.line(23).contains("Stopped at step \(loop.model.step).") == true)
    }

    @Test func aLongSearchShowsProgressAndEscStopsItWhereTheSessionStood() throws {
        let typed = "/writes 19999 to".map { MemoryTerminal.Input.key(.character($0)) }
        let terminal = MemoryTerminal(
            width: 80, height: 24,
            script: typed + [
                .key(.enter), .wait(seconds: 0.02), .wait(seconds: 0.02), .key(.escape), .wait(seconds: 0.1), .key(.character("q")),
            ])
        var loop = InteractiveLoop(model: try long(20_000), terminal: terminal)
        loop.run()
        let progress = terminal.frames.map { $0.line(23) }.filter { $0.contains("Searching on for 'writes 19999 to': step") }
        #expect(progress.count >= 2)
        #expect(loop.model.step == 0 && !loop.model.isSeeking)
        #expect(terminal.frames.last?.line(23).contains("Stopped searching for 'writes 19999 to' at step ") == true)
    }

    @Test func theCallerCanEndTheLoop() throws {
        let terminal = MemoryTerminal(width: 80, height: 24, script: Array(repeating: .key(.character("n")), count: 5))
        var seen: [AppliedAction] = []
        var loop = InteractiveLoop(
            model: try tour(), terminal: terminal,
            onAction: { action, _ in
                seen.append(action)
                return seen.count < 3
            })
        loop.run()
        #expect(loop.stoppedByCaller && seen.count == 3 && loop.model.step == 3)
    }
}
