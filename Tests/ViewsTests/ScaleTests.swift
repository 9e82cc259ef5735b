import Interactive
import Scenario
import Testing
import VMM

@testable import Views

/// A frame is drawn from what the screen can show, not from the whole scenario: a table builds
/// only the rows in view and the columns that can fit, and a huge text is cut before it is
/// measured. What is drawn must be what drawing everything would have shown, cell for cell.
@Suite struct ScaleTests {
    static func processes(_ count: Int) throws -> Session {
        let text = (0..<count).map { "process P\($0)\n  alloc 0\n  read 0\n" }.joined()
        var session = Session(scenario: try ScenarioParser.parse(text, path: "many.vmm"))
        session.apply(.stepForward)
        return session
    }

    @Test("the processes pane shows the same lines whether or not it builds only those in view", arguments: [0, 7, 1_500, 1_990, 5_000])
    func processRowsInViewAreTheWholeTables(scroll: Int) throws {
        var session = try Self.processes(2_000)
        session.apply(.focusPane(.processes))
        session.apply(.scroll(scroll))
        for rows in [10, 24, 60] {
            let whole = Panes.content(.processes, session: session, width: 80, compact: false, box: .unicode)
            let windowed = Panes.content(.processes, session: session, width: 80, compact: false, box: .unicode, rows: rows)
            #expect(windowed.lines.count == whole.lines.count && windowed.desiredHeight == whole.desiredHeight)
            // Any pane of up to `rows` rows shows the same lines from where it is scrolled.
            for paneRows in [1, rows / 2, rows] where paneRows > 0 {
                let first = whole.firstLine(rows: paneRows, scroll: session.scroll[.processes] ?? 0)
                #expect(windowed.firstLine(rows: paneRows, scroll: session.scroll[.processes] ?? 0) == first)
                let shown = first..<min(whole.lines.count, first + paneRows)
                // The same rows with the same cells (the columns are as wide as the rows in view need).
                func cells(_ lines: ArraySlice<PaneContent.Line>) -> [[Substring]] { lines.map { $0.text.split(separator: " ") } }
                #expect(cells(windowed.lines[shown]) == cells(whole.lines[shown]), "scroll \(scroll), rows \(rows)")
            }
        }
    }

    @Test func theCountersPaneMakesOnlyTheProcessColumnsThatCanFit() throws {
        let machine = try Self.processes(300).timeline.current
        for width in [40, 80, 200] {
            let whole = PaneContent.table(StateTables.counters(machine), width: width, before: nil)
            let fitting = PaneContent.table(StateTables.counters(machine, processColumns: width / 2), width: width, before: nil)
            #expect(fitting == whole, "width \(width)")
            #expect(StateTables.counters(machine, processColumns: width / 2).columns.count == 2 + width / 2)
        }
    }

    @Test func aHugeNameIsCutToThePaneBeforeItIsMeasured() throws {
        let name = String(repeating: "n", count: 200_000)
        var session = Session(scenario: try ScenarioParser.parse("process \(name)\n  alloc 0\n  write 0 1\n  read 0\n", path: "name.vmm"))
        session.apply(.stepForward)
        for (width, height) in [(80, 24), (200, 60)] {
            let grid = Screen.render(session, width: width, height: height)
            #expect(grid.lines.count == height && grid.lines.allSatisfy { $0.displayWidth <= width })
            // The processes pane shows the name's beginning, cut with an ellipsis.
            let processes = Panes.content(.processes, session: session, width: width, compact: false, box: .unicode)
            let first = try #require(processes.lines.first?.text)
            #expect(first.contains("nnnnnnnn") && first.contains("…") && first.displayWidth <= width - 2, "\(first)")
            #expect(processes.desiredWidth <= width + 2)
        }
    }
}
