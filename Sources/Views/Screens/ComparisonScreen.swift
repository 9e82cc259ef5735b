import Interactive
import Scenario
import VMM

/// Two runs side by side: what differs first (counters, then the panes that differ, with the
/// differing rows highlighted), what is the same in one line, and both event logs. Rows are
/// shared out by the same constraint layout as the main screen.
public enum ComparisonScreen {
    public static func render(_ comparison: Comparison, width: Int, height: Int, box: BoxCharacters = .unicode) -> Grid {
        var grid = Grid(width: width, height: height)
        guard width >= Screen.minimumWidth, height >= Screen.minimumHeight else {
            Screen.drawTooSmall(&grid)
            return grid
        }
        let half = width / 2
        let left = comparison.left, right = comparison.right
        drawHeader(comparison, half: half, into: &grid)

        // Counters that differ, the panes that differ (side by side), a summary, both event logs.
        let counters = comparison.differingCounters
        let counterPane = PaneContent(
            title: "Counters that differ", heading: nil,
            lines: TextReport.render(
                Table(title: "", columns: ["counter", "A", "B"], rows: counters.map { [$0.name, "\($0.left)", "\($0.right)"] })
            ).dropFirst(2).map { PaneContent.Line(String($0.dropFirst(2)), Style(.changed, bold: true)) })
        let (differing, same) = comparison.panes(leftWidth: half, rightWidth: width - half, box: box)
        let a = Panes.content(.events, session: left, width: half, compact: true, box: box, rows: height)
        let b = Panes.content(.events, session: right, width: width - half, compact: true, box: box, rows: height)
        let body = Rect(x: 0, y: 3, width: width, height: height - 4)
        let eventsWanted = max(a.desiredHeight, b.desiredHeight)
        var constraints: [Constraint] = [
            counters.isEmpty ? .length(0) : .content(minimum: 3, preferred: counterPane.desiredHeight, priority: 1)
        ]
        constraints += differing.enumerated().map { index, pair in
            .content(minimum: 0, preferred: max(pair.left.desiredHeight, pair.right.desiredHeight), priority: 2 + index)
        }
        // The event logs keep a few lines; their full length is served after every differing pane.
        constraints += [.length(0), .content(minimum: min(eventsWanted, 5), preferred: eventsWanted, priority: 1_000)]
        var rows = Layout.split(body.height, constraints)
        // A pane pair with too few rows to show a line is named in the summary instead.
        for index in differing.indices where rows[index + 1] < 3 && rows[index + 1] > 0 {
            rows[rows.count - 1] += rows[index + 1]
            rows[index + 1] = 0
        }
        let shown = differing.indices.filter { rows[$0 + 1] > 0 }.map { differing[$0].pane }
        let hidden = differing.map(\.pane).filter { !shown.contains($0) }
        var summary = same.isEmpty ? "" : "Same in both: " + same.map(name).joined(separator: ", ") + "."
        if !hidden.isEmpty {
            summary +=
                (summary.isEmpty ? "" : " ") + "Also different (a taller window shows them): " + hidden.map(name).joined(separator: ", ")
                + "."
        }
        let summaryLines = summary.isEmpty ? [] : wrap(summary, width: width - 1)
        // The summary's rows come from the event logs' share.
        let summaryRows = min(summaryLines.count, max(0, rows[rows.count - 1] - 3))
        rows[rows.count - 2] = summaryRows
        rows[rows.count - 1] -= summaryRows

        var y = body.y
        if rows[0] > 0 {
            Screen.draw(counterPane, in: Rect(x: 0, y: y, width: width, height: rows[0]), scroll: 0, focused: false, box: box, into: &grid)
        }
        y += rows[0]
        for (index, pair) in differing.enumerated() where rows[index + 1] > 0 {
            Screen.draw(
                pair.left, in: Rect(x: 0, y: y, width: half, height: rows[index + 1]), scroll: 0, focused: false, box: box, into: &grid)
            Screen.draw(
                pair.right, in: Rect(x: half, y: y, width: width - half, height: rows[index + 1]), scroll: 0, focused: false, box: box,
                into: &grid)
            y += rows[index + 1]
        }
        for line in summaryLines.prefix(summaryRows) {
            grid.write(" " + line, x: 0, y: y, style: Style(.dim), limit: width)
            y += 1
        }
        let eventsHeight = rows[rows.count - 1]
        Screen.draw(a, in: Rect(x: 0, y: y, width: half, height: eventsHeight), scroll: 0, focused: false, box: box, into: &grid)
        Screen.draw(b, in: Rect(x: half, y: y, width: width - half, height: eventsHeight), scroll: 0, focused: false, box: box, into: &grid)
        Screen.drawStatus(left, mode: .compare, into: &grid)
        if left.helpVisible { HelpScreen.draw(into: &grid, modes: [.compare], scroll: left.helpScroll, box: box) }
        if box == .ascii { grid.transliterateToASCII() }
        return grid
    }

    /// The title and step, the two configurations, and where the runs part.
    static func drawHeader(_ comparison: Comparison, half: Int, into grid: inout Grid) {
        let width = grid.width
        grid.fill(Rect(x: 0, y: 0, width: width, height: 1), with: Cell(" ", Style(.statusBar)))
        let total = [comparison.left.total, comparison.right.total].compactMap { $0 }.max()
        let stepText = "step \(comparison.step)" + (total.map { " of \($0)" } ?? "") + " "
        grid.write(
            " Lookaside compare · \(comparison.left.scenario.title)", x: 0, y: 0, style: Style(.statusBar, bold: true),
            limit: width - stepText.displayWidth - 1)
        grid.write(stepText, x: width - stepText.displayWidth, y: 0, style: Style(.statusBar, bold: true))
        grid.write(" A: \(comparison.leftLabel)", x: 0, y: 1, style: Style(.accent, bold: true), limit: half)
        grid.write(" B: \(comparison.rightLabel)", x: half, y: 1, style: Style(.accent, bold: true), limit: width)
        let parts: String
        if let at = comparison.partsAt {
            parts = comparison.step >= at ? "they parted at step \(at)" : "they part at step \(at)"
        } else {
            parts = "they never part"
        }
        let hasParted = comparison.partsAt.map { comparison.step >= $0 } ?? false
        grid.write(
            " " + parts + (comparison.step == comparison.partsAt ? ": this step" : ""), x: 0, y: 2,
            style: Style(hasParted ? .changed : .dim, bold: hasParted), limit: width)
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

extension Comparison: ScreenModel {
    /// Panes whose contents differ between the sides, with both contents (made at the widths they
    /// are drawn, each highlighting the rows that differ from the other side), and those that are the same.
    public func panes(leftWidth: Int, rightWidth: Int, box: BoxCharacters) -> (
        differing: [(pane: PaneID, left: PaneContent, right: PaneContent)], same: [PaneID]
    ) {
        let order: [PaneID] = [.frames, .pageTable, .tlb, .swap, .files, .processes]
        var differing: [(PaneID, PaneContent, PaneContent)] = [], same: [PaneID] = []
        for pane in order {
            let a = Panes.content(pane, session: left, width: leftWidth, compact: true, box: box, versus: right.shownMachine)
            let b = Panes.content(pane, session: right, width: rightWidth, compact: true, box: box, versus: left.shownMachine)
            if a.lines.map(\.text) == b.lines.map(\.text) && a.title == b.title {
                same.append(pane)
            } else {
                differing.append((pane, a, b))
            }
        }
        return (differing, same)
    }

    public func render(width: Int, height: Int, box: BoxCharacters) -> Grid {
        ComparisonScreen.render(self, width: width, height: height, box: box)
    }
}
