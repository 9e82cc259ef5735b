import Foundation
import Interactive
import Recording
import Scenario
import Teaching
import Testing
import VMM
@testable import Views

func session(_ name: String, steps: Int = 0, _ settings: [String] = []) throws -> Session {
    var session = Session(scenario: try #require(try BundledScenarios.load(name)).overriding(settings))
    for _ in 0..<steps { session.apply(.stepForward) }
    return session
}

@Suite struct ScreenTests {
    @Test func tourAtStep7On80x24() throws {
        let grid = Screen.render(try session("tour", steps: 7), width: 80, height: 24)
        let lines = grid.lines
        #expect(lines.count == 24)
        #expect(lines[0] == " Lookaside · A first tour: the TLB, the page table and the frames  step 7 of 13")
        #expect(lines[1] == "┌ Processes ─────────────────┐┌ Frames · LRU ──────────────────────────────────┐")
        #expect(lines[2] == "│proc state next             ││# holds        mapped by     D R LRU # words    │")
        #expect(lines[3] == "│◀A   ready read 0x10000     ││0 notes.txt p0 A@0x10 B@0x40 · R 1     1 2 3 4  │")
        #expect(lines[4] == "│ B   ready read 0x41000     ││1 notes.txt p1 A@0x11        D R 2     42 6 7 8 │")
        #expect(lines[8] == "│0x10 yes 0     · R W shared │─ Swap · 0/8 used · empty ────────────────────────")
        #expect(lines[9] == "│0x11 yes 1     D R W shared │┌ Files · write-back · shared ───────────────────┐")
        #expect(lines[15] == "│2 A    0x11 1     W valid   ││faults 3 (2 maj) TLB 2h/3m disk 2r/0w evict 0   │")
        #expect(lines[17] == "└────────────────────────────┘└────────────────────────────────────────────────┘")
        #expect(lines[18].hasPrefix("┌ Step 7 · A: write 0x11000 42 ───"))
        #expect(lines[19] == "│Context switch: B → A.                                                        │")
        #expect(lines[20] == "│TLB miss: A's page 0x11 is not cached in the TLB; walking A's page table.     │")
        #expect(lines[21] == "│Page walk: A's page 0x11 has no entry (never touched, or dropped clean).      │")
        // The steps before are above the step shown (the events pane's history): the newest of them,
        // up to the screen's rows (22 here; the step that crosses that line is told whole).
        #expect(lines[22] == "└───────────────────────────────────────────────────────── 27 above, ↓ 6 more ─┘")
        #expect(lines[23].hasPrefix(" n step  b back  . event  r run"))
    }

    @Test func whatTheStepChangedIsHighlighted() throws {
        let grid = Screen.render(try session("tour", steps: 7), width: 80, height: 24)
        // Frame 1 now holds A's dirty page: its row is highlighted; frame 2 (still free) is not.
        #expect(grid[42, 4].style.role == .changed)
        #expect(grid[42, 5].style.role == .normal)
        // In the page table, the new entry 0x11 changed, 0x10 did not.
        #expect(grid[2, 9].style.role == .changed)
        #expect(grid[2, 8].style.role == .normal)
    }

    @Test func aLargeTerminalGetsThreeColumnsAndFullCounters() throws {
        let grid = Screen.render(try session("lost-update", steps: 10), width: 200, height: 60)
        let text = grid.text
        #expect(grid.lines[0].hasSuffix("4 frames · LRU · write-back · private-close · TLB 4 full lru  ·  step 10 of 12"))
        // Three columns: processes and page table; TLB, frames and swap; files and counters.
        #expect(
            grid.lines[1].contains("┌ Processes ─") && grid.lines[1].contains("TLB · 4 fully assoc. LRU ASID")
                && grid.lines[1].contains("┌ Files · write-back · private-close ─"))
        #expect(grid.lines[3].contains("│counter.txt 0  20 1 2 0 frame 0"))
        #expect(text.contains("│lost-updates      1     0 1"))
        let lost = try #require(grid.lines.firstIndex { $0.contains("Lost update: B writes back word 0") })
        let column = try #require(grid.lines[lost].firstIndex(of: "L")).utf16Offset(in: grid.lines[lost])
        #expect(grid[column, lost].style.role == .bad)
    }

    @Test func tooSmallSaysSoInsteadOfDrawingGarbage() throws {
        let grid = Screen.render(try session("tour"), width: 60, height: 20)
        #expect(grid.lines[9] == "                 Terminal too small: 60x20.")
        #expect(grid.lines[10] == "              Lookaside needs at least 80x24.")
        #expect(grid.lines.filter { !$0.isEmpty }.count == 3)
        #expect(Screen.render(try session("tour"), width: 5, height: 2).lines.count == 2)
        #expect(Screen.render(try session("tour"), width: 0, height: 0).lines.isEmpty)
    }

    @Test func helpListsEveryKeyAndTheLegendAndScrollsAt80x24() throws {
        var s = try session("tour")
        s.apply(.toggleHelp)
        // Scroll through the whole help at the smallest size, collecting what was shown.
        var seen = Set<String>()
        for _ in 0..<40 {
            Screen.render(s, width: 80, height: 24).lines.forEach { seen.insert($0) }
            s.apply(.scrollHelp(5))
        }
        let text = seen.joined(separator: "\n")
        // Every word of every key's help and every legend entry is shown somewhere (long ones wrap).
        let shownWords = Set(text.split(whereSeparator: { $0 == " " || $0 == "│" }).map(String.init))
        for binding in KeyBindings.help(for: [.run]) {
            #expect(text.contains(binding.label), "\(binding.label)")
            for word in binding.help.split(separator: " ") { #expect(shownWords.contains(String(word)), "\(binding.help): '\(word)'") }
        }
        for section in Legend.sections {
            for entry in section.entries {
                for word in entry.meaning.split(separator: " ") {
                    #expect(shownWords.contains(String(word)), "\(entry.mark): '\(word)' cut or missing")
                }
            }
        }
        #expect(s.helpVisible)
        s.apply(.toggleHelp)
        #expect(!Screen.render(s, width: 80, height: 24).text.contains("Help ·"))
    }

    @Test func helpOpensInEveryMode() throws {
        let scenario = try #require(try BundledScenarios.load("replacement"))
        var comparison = Comparison(
            left: scenario, right: try scenario.overriding(["replacement=fifo"]), leftLabel: "lru", rightLabel: "fifo")
        _ = comparison.handle(.character("?"))
        #expect(comparison.render(width: 80, height: 24, box: .unicode).text.contains("┌ Help"))
        var quiz = try session("tour")
        quiz.apply(.toggleQuiz)
        for _ in 0..<5 where quiz.quiz?.current == nil {
            quiz.apply(.stepForward)
            quiz.apply(.skipQuestion)
            quiz.apply(.stepForward)
        }
        #expect(quiz.quiz?.current != nil)
        _ = quiz.handle(.character("?"))
        let quizHelp = Screen.render(quiz, width: 120, height: 40).text
        #expect(quizHelp.contains("answer the open question"))
    }

    @Test func asciiModeIsPureASCII() throws {
        for name in ["tour", "lost-update", "cow-fork"] {
            var s = try session(name, steps: 6)
            #expect(Screen.render(s, width: 120, height: 40, box: .ascii).lines[1].hasPrefix("+ Processes ---"))
            s.apply(.toggleHelp)
            let grid = Screen.render(s, width: 120, height: 40, box: .ascii)
            #expect(grid.cells.allSatisfy { $0.character.isASCII }, "\(name)")
        }
    }

    @Test func everySizeFromTheMinimumUpRendersWithoutOverlap() throws {
        var s = try session("thrashing", steps: 20)
        s.apply(.nextPane)
        for (width, height) in [(80, 24), (81, 25), (99, 31), (149, 40), (150, 40), (200, 60), (300, 100)] {
            let layout = Screen.layout(s, area: Rect(x: 0, y: 1, width: width, height: height - 2))
            #expect(layout.count == PaneID.allCases.count)
            var covered = Set<Int>()
            for (_, rect, _) in layout {
                #expect(
                    rect.x >= 0 && rect.y >= 1 && rect.x + rect.width <= width && rect.y + rect.height <= height - 1, "\(width)x\(height)")
                for y in rect.y..<(rect.y + rect.height) {
                    for x in rect.x..<(rect.x + rect.width) {
                        #expect(covered.insert(y * width + x).inserted, "overlap at \(x),\(y) in \(width)x\(height)")
                    }
                }
            }
            #expect(covered.count == width * (height - 2), "\(width)x\(height) should be covered exactly")
        }
    }

    @Test func scrollingShowsWhatIsHidden() throws {
        var s = try session("thrashing", steps: 30)
        while s.focusedPane != .events { s.apply(.nextPane) }
        func above(_ text: String) -> Int? {
            guard let range = text.range(of: #"\d+ above"#, options: .regularExpression) else { return nil }
            return Int(text[range].split(separator: " ")[0])
        }
        let before = Screen.render(s, width: 80, height: 24).text
        #expect(before.contains("more ─"))
        // The events pane opens on the step shown, its history above; j scrolls down, k up.
        let opened = try #require(above(before))
        s.apply(.scroll(1))
        let after = Screen.render(s, width: 80, height: 24).text
        #expect(above(after) == opened + 1)
        s.apply(.scroll(-3))
        #expect(above(Screen.render(s, width: 80, height: 24).text) == opened - 2)
    }
}

/// A recording replayed ends on the screen the live session ended on, whole.
@Suite struct ReplayScreenTests {
    @Test(arguments: ["tour", "lost-update", "thrashing"])
    func aReplayEndsOnTheLiveScreen(name: String) throws {
        let scenario = try #require(try BundledScenarios.load(name))
        let actions: [Action] = [
            .stepForward, .stepForward, .eventForward, .nextPane, .scroll(2), .nextProcess,
            .openPrompt(.jumpToStep), .promptType("5"), .promptSubmit, .faster, .eventForward,
        ]
        let (text, live) = Replay.record(actions, scenario: scenario, seed: 1)
        let replay = try Replay.parse(bytes: Array(text.utf8), path: "\(name).lkr")
        let replayed = replay.session(afterActions: replay.actions.count)
        for (width, height) in [(80, 24), (200, 60)] {
            #expect(Screen.render(replayed, width: width, height: height) == Screen.render(live, width: width, height: height), "\(name)")
        }
    }
}

@Suite struct MouseTests {
    /// A click, as the loop handles one: the view's hit test, then the session's answer to it.
    func click(_ s: inout Session, x: Int, y: Int, _ button: MouseButton = .left) -> Outcome {
        s.handlePointer(button, at: s.hitTest(x: x, y: y, width: 100, height: 30, box: .unicode))
    }

    @Test func aClickOnARowInspectsItAndTheWheelScrolls() throws {
        var s = try session("tour", steps: 9)
        let layout = Screen.layout(s, area: Rect(x: 0, y: 1, width: 100, height: 28))
        let (_, frames, content) = try #require(layout.first { $0.0 == .frames })
        // The second row under the heading: frame 1.
        let y = frames.y + 1 + (content.heading == nil ? 0 : 1) + 1
        #expect(s.hitTest(x: frames.x + 5, y: y, width: 100, height: 30, box: .unicode) == PointerHit(pane: .frames, row: 1))
        // On the pane's border: the pane, but no row.
        #expect(s.hitTest(x: frames.x + 5, y: frames.y, width: 100, height: 30, box: .unicode) == PointerHit(pane: .frames, row: nil))
        let applied = click(&s, x: frames.x + 5, y: y)
        #expect(s.focusedPane == .frames)
        #expect(s.inspector?.subjects[s.inspector!.selected] == .frame(1))
        #expect(applied.applied.map(\.action) == [.focusPane(.frames)])
        _ = click(&s, x: 0, y: 0, .wheelDown)
        #expect(s.inspector?.selected == 2)
        s.apply(.toggleInspector)
        let (_, events, _) = try #require(layout.first { $0.0 == .events })
        _ = click(&s, x: events.x + 3, y: events.y + 2, .wheelUp)
        #expect(s.focusedPane == .events && s.scroll[.events] == -3)
        // A click outside every pane (the status line) hits nothing and does nothing.
        #expect(s.hitTest(x: 3, y: 29, width: 100, height: 30, box: .unicode) == nil)
        #expect(click(&s, x: 3, y: 29) == .none)
        // Too small a screen to lay out has nothing under the pointer.
        #expect(s.hitTest(x: 3, y: 3, width: 20, height: 8, box: .unicode) == nil)
    }

    @Test func helpAndThePromptTakeNoPointer() throws {
        var s = try session("tour", steps: 9)
        let hit = PointerHit(pane: .frames, row: 1)
        s.apply(.toggleHelp)
        #expect(s.handlePointer(.left, at: hit) == .none && s.inspector == nil)
        s.apply(.toggleHelp)
        s.apply(.openPrompt(.jumpToStep))
        #expect(s.handlePointer(.left, at: hit) == .none && s.inspector == nil)
    }
}
