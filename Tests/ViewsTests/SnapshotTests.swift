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
