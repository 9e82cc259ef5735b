import Foundation
import Interactive
import Recording
import Scenario
import Teaching
import Testing
import VMM
@testable import Views

@Suite struct CompareTests {
    func comparison(_ name: String, _ a: [String], _ b: [String]) throws -> Comparison {
        let scenario = try #require(try BundledScenarios.load(name))
        return Comparison(
            left: try scenario.overriding(a), right: try scenario.overriding(b), leftLabel: a.joined(), rightLabel: b.joined())
    }

    @Test func lruAndFifoPartWaysAtTheirFirstDifferentEviction() throws {
        var c = try comparison("replacement", ["replacement=lru"], ["replacement=fifo"])
        #expect(c.partsAt == 7)
        for _ in 0..<7 { c.apply(.stepForward) }
        // At step 7 they evict different pages, but every counter is still the same.
        #expect(c.differingCounters.isEmpty)
        let (differing, same) = c.panes(leftWidth: 40, rightWidth: 40, box: .unicode)
        #expect(differing.first?.pane == .frames)
        #expect(same.contains(.swap))
        #expect(ComparisonScreen.render(c, width: 80, height: 24).lines[2] == " they parted at step 7: this step")
        // At step 8, page 0 is still in LRU's memory but FIFO evicted it: now the counters differ too.
        c.apply(.stepForward)
        #expect(c.differingCounters.contains { $0.name == "minor-faults" })
        let grid = ComparisonScreen.render(c, width: 80, height: 24)
        #expect(grid.lines[2] == " they parted at step 7")
        #expect(grid.lines[3].hasPrefix("┌ Counters that differ"))
        let frames = try #require(grid.lines.firstIndex { $0.hasPrefix("┌ Frames · LRU") })
        #expect(grid.lines[frames].contains("┌ Frames · FIFO"))
        // Frame 0 holds the same page on both sides; frames 1 and 2 differ and are highlighted.
        #expect(grid[3, frames + 2].style.role == .normal)
        #expect(grid[3, frames + 3].style.role == .changed && grid[43, frames + 3].style.role == .changed)
    }

    @Test func identicalConfigurationsNeverPart() throws {
        let c = try comparison("tour", ["frames=4"], ["frames=4"])
        #expect(c.partsAt == nil)
        #expect(ComparisonScreen.render(c, width: 100, height: 30).text.contains("they never part"))
    }

    @Test func writeThroughAgainstWriteBackDiffersInDiskWrites() throws {
        var c = try comparison("write-policy", ["write=through"], ["write=back"])
        c.apply(.toEnd)
        let disk = try #require(c.differingCounters.first { $0.name == "disk-writes" })
        #expect(disk.left == 8 && disk.right == 1)
    }
}
