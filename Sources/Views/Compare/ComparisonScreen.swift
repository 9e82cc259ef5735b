import Scenario
import VMM

/// Two runs side by side: what differs first (counters, then the panes that differ, with the
/// differing rows highlighted), what is the same in one line, and both event logs.
public enum ComparisonScreen {
    public static func render(_ comparison: Comparison, width: Int, height: Int, box: BoxCharacters = .unicode) -> Grid {
        var grid = Grid(width: width, height: height)
        guard width >= Screen.minimumWidth, height >= Screen.minimumHeight else {
            Screen.drawTooSmall(&grid)
            return grid
        }
        let half = width / 2
        // Header, and the two configurations.
        grid.fill(Rect(x: 0, y: 0, width: width, height: 1), with: Cell(" ", Style(.statusBar)))
        let left = comparison.left, right = comparison.right
        let total = [left.total, right.total].compactMap { $0 }.max()
        let stepText = "step \(comparison.step)" + (total.map { " of \($0)" } ?? "") + " "
        grid.write(" Lookaside compare · \(left.scenario.title)", x: 0, y: 0, style: Style(.statusBar, bold: true), limit: width - stepText.count - 1)
        grid.write(stepText, x: width - stepText.count, y: 0, style: Style(.statusBar, bold: true))
        let parts: String
        if let at = comparison.partsAt {
            parts = comparison.step >= at ? "they parted at step \(at)" : "they part at step \(at)"
        } else {
            parts = "they never part"
        }
        grid.write(" A: \(comparison.leftLabel)", x: 0, y: 1, style: Style(.accent, bold: true), limit: half)
        grid.write(" B: \(comparison.rightLabel)", x: half, y: 1, style: Style(.accent, bold: true), limit: width)
        var y = 2
        let hasParted = comparison.partsAt.map { comparison.step >= $0 } ?? false
        grid.write(" " + parts + (comparison.step == comparison.partsAt ? ": this step" : ""), x: 0, y: y,
                   style: Style(hasParted ? .changed : .dim, bold: hasParted), limit: width)
        y += 1

        let eventsHeight = max(6, (height - 5) / 3)
        let bottom = height - 1 - eventsHeight
        // Counters that differ.
        let counters = comparison.differingCounters
        if !counters.isEmpty, y + 3 <= bottom {
            let rows = min(counters.count, max(1, (bottom - y) / 3))
            let table = Table(title: "", columns: ["counter", "A", "B"], rows: counters.map { [$0.name, "\($0.left)", "\($0.right)"] })
            let content = PaneContent(title: "Counters that differ", heading: nil,
                                      lines: TextReport.render(table).dropFirst(2).map { PaneContent.Line(String($0.dropFirst(2)), Style(.changed, bold: true)) })
            let rect = Rect(x: 0, y: y, width: width, height: min(rows + 2, bottom - y))
            Screen.draw(content, in: rect, scroll: 0, focused: false, box: box, into: &grid)
            y += rect.height
        }
        // The panes that differ, side by side; the rest named in one line.
        let (differing, same) = comparison.panes(leftWidth: half, rightWidth: width - half, box: box)
        var shown: [PaneID] = []
        for (pane, a, b) in differing {
            let wanted = max(a.desiredHeight, b.desiredHeight)
            let room = bottom - 1 - y
            guard room >= 3 else { break }
            let rows = min(wanted, room)
            Screen.draw(a, in: Rect(x: 0, y: y, width: half, height: rows), scroll: 0, focused: false, box: box, into: &grid)
            Screen.draw(b, in: Rect(x: half, y: y, width: width - half, height: rows), scroll: 0, focused: false, box: box, into: &grid)
            y += rows
            shown.append(pane)
        }
        let notShown = differing.map(\.pane).filter { !shown.contains($0) }
        var summary = same.isEmpty ? "" : " Same in both: " + same.map(name).joined(separator: ", ") + "."
        if !notShown.isEmpty { summary += " Also different (enlarge to see): " + notShown.map(name).joined(separator: ", ") + "." }
        if y < bottom { grid.write(summary, x: 0, y: y, style: Style(.dim), limit: width) }
        // Both event logs.
        let a = Panes.content(.events, session: left, width: half, compact: true, box: box)
        let b = Panes.content(.events, session: right, width: width - half, compact: true, box: box)
        Screen.draw(a, in: Rect(x: 0, y: bottom, width: half, height: eventsHeight), scroll: 0, focused: false, box: box, into: &grid)
        Screen.draw(b, in: Rect(x: half, y: bottom, width: width - half, height: eventsHeight), scroll: 0, focused: false, box: box, into: &grid)
        Screen.drawStatus(left, mode: .compare, into: &grid)
        if left.helpVisible { HelpScreen.draw(into: &grid, modes: [.compare], scroll: left.helpScroll, box: box) }
        if box == .ascii { grid.transliterateToASCII() }
        return grid
    }

    static func name(_ pane: PaneID) -> String {
        switch pane {
        case .processes: "processes"
        case .pageTable: "page table"
        case .tlb: "TLB"
        case .frames: "frames"
        case .swap: "swap"
        case .files: "files"
        case .counters: "counters"
        case .events: "events"
        }
    }
}
