import Foundation
import Interactive
import Recording
import Scenario
import Teaching
import Testing
import VMM
@testable import Views

/// Every bundled lesson, whole screen, at the sizes people use: first step, middle and end.
@Suite struct SnapshotTests {
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    @Test(arguments: BundledScenarios.names)
    func lessonScreens(name: String) throws {
        var s = try session(name)
        let total = try #require(s.total)
        for (label, step) in [("first", 1), ("middle", total / 2), ("end", total)] {
            s.apply(.jump(to: step))
            for (width, height) in Self.sizes {
                Snapshot.assert(Screen.render(s, width: width, height: height), named: "\(name)-\(width)x\(height)-\(label)")
            }
        }
    }

    /// The compare screen where two policies have parted, and its help.
    @Test func compareScreens() throws {
        let scenario = try #require(try BundledScenarios.load("replacement"))
        var comparison = Comparison(
            left: try scenario.overriding(["replacement=lru"]), right: try scenario.overriding(["replacement=fifo"]),
            leftLabel: "replacement=lru", rightLabel: "replacement=fifo")
        comparison.apply(.jump(to: 10))
        for (width, height) in Self.sizes {
            Snapshot.assert(
                ComparisonScreen.render(comparison, width: width, height: height), named: "compare-replacement-\(width)x\(height)")
        }
        comparison.apply(.toggleHelp)
        Snapshot.assert(ComparisonScreen.render(comparison, width: 80, height: 24), named: "compare-replacement-help-80x24")
    }

    /// The address anatomy above the events: a two-level table and a set-associative TLB.
    @Test func anatomyScreens() throws {
        var s = try session("page-walk", steps: 4, ["tlb=4 ways 2"])
        s.apply(.toggleAnatomy)
        #expect(s.anatomyVisible)
        for (width, height) in [(80, 24), (200, 60)] {
            Snapshot.assert(Screen.render(s, width: width, height: height), named: "anatomy-page-walk-\(width)x\(height)")
        }
    }

    /// The inspector: frame 1's life in the tour, over the screen.
    @Test func inspectorScreens() throws {
        var s = try session("tour", steps: 10)
        while s.focusedPane != .frames { s.apply(.nextPane) }
        s.apply(.toggleInspector)
        s.apply(.inspectSubject(1))
        #expect(s.inspector?.selected == 1)
        for (width, height) in [(80, 24), (200, 60)] {
            Snapshot.assert(Screen.render(s, width: width, height: height), named: "inspector-tour-\(width)x\(height)")
        }
    }

    /// The full-screen history (H) of the lost update, the cursor moved back three events.
    @Test func historyScreens() throws {
        var s = try session("lost-update", steps: 10)
        s.apply(.toggleHistory)
        s.apply(.historyMove(-3))
        for (width, height) in [(80, 24), (200, 60)] {
            Snapshot.assert(Screen.render(s, width: width, height: height), named: "history-lost-update-\(width)x\(height)")
        }
    }

    /// The versions overlay at the end of the versions lesson (v), and what v says elsewhere.
    @Test func versionsScreens() throws {
        var s = try session("versions")
        s.apply(.toEnd)
        s.apply(.toggleVersions)
        #expect(s.versionsVisible)
        for (width, height) in [(80, 24), (200, 60)] {
            Snapshot.assert(Screen.render(s, width: width, height: height), named: "versions-overlay-\(width)x\(height)")
        }
        var tour = try session("tour")
        tour.apply(.toggleVersions)
        #expect(!tour.versionsVisible && tour.message?.hasPrefix("v shows file versions under versioned sharing") == true)
    }

    /// The lists overlay (o): ARC's T1, T2, B1 and B2 in arc-adapts after its first B1 hits, and
    /// Linux's lists with their marks in refault; what o says under a policy that keeps no lists.
    @Test func listsScreens() throws {
        var arc = try session("arc-adapts", steps: 10)
        arc.apply(.toggleLists)
        #expect(arc.listsVisible)
        let lines = try #require(ReplacementListsView.lines(arc.shownMachine))
        // After 1 2 1 2 3 4 5 6 3 (the ninth reference): 3 came back from B1 into T2, REPLACE took
        // 5 from T1 into B1 beside 4, and T1 keeps 6.
        #expect(lines.contains("  T1 (1): anon P@0x6"))
        #expect(lines.contains("  T2 (3): anon P@0x3 · anon P@0x2 · anon P@0x1"))
        #expect(lines.contains("  B1 (2 of 4): anon P@0x5 · anon P@0x4"))
        for (width, height) in [(80, 24), (200, 60)] {
            Snapshot.assert(Screen.render(arc, width: width, height: height), named: "lists-arc-adapts-\(width)x\(height)")
        }
        var linux = try session("refault", steps: 30)
        linux.apply(.toggleLists)
        Snapshot.assert(Screen.render(linux, width: 120, height: 40), named: "lists-refault-120x40")
        linux.apply(.toggleLists)
        #expect(!linux.listsVisible)
        var tour = try session("tour")
        tour.apply(.toggleLists)
        #expect(!tour.listsVisible && tour.message?.hasPrefix("o shows the lists and ghost queues") == true)
    }

    /// One full fault, event by event: the tour's first write to a page not in memory.
    @Test func revealOfAMajorFault() throws {
        var s = try session("tour", steps: 6)
        s.apply(.eventForward)
        var index = 1
        while s.revealed != nil {
            Snapshot.assert(Screen.render(s, width: 80, height: 24), named: "reveal-tour-step7-event\(index)")
            s.apply(.eventForward)
            index += 1
        }
        #expect(index > 5)
    }
}
