import Scenario
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
