import Scenario
import VMM

/// The whole screen as a function of the session and the terminal's size.
public enum Screen {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public static func render(_ session: Session, width: Int, height: Int, box: BoxCharacters = .unicode) -> Grid {
        var grid = Grid(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            drawTooSmall(&grid)
            return grid
        }
        drawHeader(session, into: &grid)
        let area = Rect(x: 0, y: 1, width: width, height: height - 2)
        for (pane, rect, content) in layout(session, area: area, box: box) {
            draw(content, in: rect, scroll: session.scroll[pane] ?? 0, focused: session.focusedPane == pane, box: box, into: &grid,
                 stickToBottom: false)
        }
        drawStatus(session, into: &grid)
        if session.helpVisible { drawHelp(into: &grid, box: box) }
        if box == .ascii { grid.transliterateToASCII() }
        return grid
    }

    /// Where each pane goes, with what it shows (each pane's content is made once, at the width
    /// it is drawn). Two columns up to 149 columns wide, three from 150; the event log runs along
    /// the bottom; each column's rows go to the panes that have the most to show.
    public static func layout(_ session: Session, area: Rect, box: BoxCharacters = .unicode) -> [(PaneID, Rect, PaneContent)] {
        // Narrow columns and short screens get the compact forms (e.g. the two-line counters).
        func compact(_ width: Int) -> Bool { width < 60 || area.height < 30 }
        let events = Panes.content(.events, session: session, width: area.width, compact: true, box: box)
        // An open quiz question needs its choices in view; otherwise the log is kept small on small screens.
        let eventsHeight = session.quiz?.current != nil ? max(6, min(events.desiredHeight, area.height / 2))
            : area.height < 30 ? 6 : max(6, min(events.desiredHeight, area.height * 2 / 5))
        let upper = Rect(x: area.x, y: area.y, width: area.width, height: area.height - eventsHeight)
        let columns: [[PaneID]] = area.width >= 150
            ? [[.processes, .pageTable], [.tlb, .frames, .swap], [.files, .counters]]
            : [[.processes, .pageTable, .tlb], [.frames, .swap, .files, .counters]]
        var placed: [(PaneID, Rect, PaneContent)] = []
        var x = upper.x
        for (index, panes) in columns.enumerated() {
            let columnWidth = index == columns.count - 1 ? upper.x + upper.width - x : upper.width / columns.count
            let contents = panes.map { Panes.content($0, session: session, width: columnWidth, compact: compact(columnWidth), box: box) }
            let heights = share(upper.height, wants: contents.map(\.desiredHeight), priority: panes.map { priority.firstIndex(of: $0) ?? 99 })
            var y = upper.y
            for (pane, (height, content)) in zip(panes, zip(heights, contents)) {
                placed.append((pane, Rect(x: x, y: y, width: columnWidth, height: height), content))
                y += height
            }
            x += columnWidth
        }
        placed.append((.events, Rect(x: area.x, y: upper.y + upper.height, width: area.width, height: eventsHeight), events))
        return placed
    }

    /// Which panes get their rows first when a column is short of room.
    static let priority: [PaneID] = [.frames, .pageTable, .processes, .tlb, .files, .counters, .swap, .events]

    /// Splits `total` rows among panes: each gets at least 3, then the panes in priority order
    /// (lower first) get what they want; what is left goes to the last pane.
    static func share(_ total: Int, wants: [Int], priority: [Int]) -> [Int] {
        var heights = wants.map { min(3, $0) }
        var left = total - heights.reduce(0, +)
        for index in heights.indices.sorted(by: { priority[$0] < priority[$1] }) where left > 0 {
            let extra = min(left, max(0, wants[index] - heights[index]))
            heights[index] += extra
            left -= extra
        }
        if left > 0, !heights.isEmpty { heights[heights.count - 1] += left }
        if left < 0 {
            // Not even 3 rows each: shrink from the last pane up.
            var index = heights.count - 1
            while left < 0, index >= 0 {
                let take = min(-left, heights[index] - 2)
                heights[index] -= max(0, take)
                left += max(0, take)
                index -= 1
            }
        }
        return heights
    }

    static func draw(_ content: PaneContent, in rect: Rect, scroll: Int, focused: Bool, box: BoxCharacters, into grid: inout Grid, stickToBottom: Bool) {
        guard rect.width >= 4, rect.height >= 2 else { return }
        grid.box(rect, title: content.title, box: box, focused: focused)
        var y = rect.y + 1
        let innerX = rect.x + 1, limit = rect.x + rect.width - 1
        let bottom = rect.y + rect.height - 1
        if let heading = content.heading, y < bottom {
            grid.write(heading.text, x: innerX, y: y, style: heading.style, limit: limit)
            y += 1
        }
        let rows = bottom - y
        let maxScroll = max(0, content.lines.count - rows)
        let offset = min(scroll, maxScroll)
        for line in content.lines.dropFirst(offset).prefix(rows) {
            if line.style.role == .changed { grid.restyle(x: innerX, y: y, width: limit - innerX, style: line.style) }
            grid.write(line.text, x: innerX, y: y, style: line.style, limit: limit)
            y += 1
        }
        let hiddenBelow = content.lines.count - offset - rows
        if hiddenBelow > 0 || offset > 0 {
            var note = hiddenBelow > 0 ? " \(box.more) \(hiddenBelow) more " : ""
            if offset > 0 { note = " \(offset) above" + (hiddenBelow > 0 ? "," : " ") + note.dropFirst() }
            let x = max(rect.x + 1, limit - note.count - 1)
            grid.write(note, x: x, y: bottom, style: Style(.accent), limit: limit)
        }
    }

    static func drawHeader(_ session: Session, into grid: inout Grid) {
        grid.fill(Rect(x: 0, y: 0, width: grid.width, height: 1), with: Cell(" ", Style(.statusBar)))
        var right = "step \(session.step)" + (session.total.map { " of \($0)" } ?? "")
        if session.running { right = "▶ \(session.speed)/s  " + right }
        if session.isAtEnd { right += " (end)" }
        if let banner = session.banner { right = banner + "  ·  " + right }
        let title = " Lookaside · \(session.scenario.title)"
        // The policies in force, when there is room beside the title (the pane titles name them too).
        let policies = Scenario.policySummary(session.timeline.current.configuration)
        if title.count + policies.count + right.count + 6 <= grid.width { right = policies + "  ·  " + right }
        grid.write(title, x: 0, y: 0, style: Style(.statusBar, bold: true), limit: grid.width - right.count - 2)
        grid.write(right + " ", x: grid.width - right.count - 1, y: 0, style: Style(.statusBar, bold: true))
    }

    static func drawStatus(_ session: Session, into grid: inout Grid) {
        let y = grid.height - 1
        grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), with: Cell(" ", Style(.statusBar)))
        if let prompt = session.prompt {
            var text = " " + prompt.label + prompt.text + "▏"
            if prompt.kind == .runUntilEvent {
                let options = EventGroups.completions(of: prompt.text).prefix(8)
                text += "   " + (options.isEmpty ? "(no such event)" : options.joined(separator: " "))
            }
            grid.write(text, x: 0, y: y, style: Style(.statusBar, bold: true))
            return
        }
        if let message = session.message {
            grid.write(" " + message, x: 0, y: y, style: Style(.statusBar, bold: true))
            return
        }
        let keys = " n step  b back  . event  r run  f fault  / until  : jump  Tab process  ? help  q quit"
        grid.write(keys, x: 0, y: y, style: Style(.statusBar), limit: grid.width)
    }

    static func drawHelp(into grid: inout Grid, box: BoxCharacters) {
        let lines = KeyMap.help.map { $0.keys.padding(20) + " " + $0.does }
        let width = min(grid.width - 4, (lines.map(\.count).max() ?? 0) + 4)
        let height = min(grid.height - 2, lines.count + 4)
        let rect = Rect(x: (grid.width - width) / 2, y: (grid.height - height) / 2, width: width, height: height)
        grid.fill(rect)
        grid.box(rect, title: "Keys", box: box, focused: true)
        for (index, line) in lines.enumerated() where index < height - 4 {
            grid.write(line, x: rect.x + 2, y: rect.y + 2 + index, limit: rect.x + width - 1)
        }
        grid.write("any key closes this", x: rect.x + 2, y: rect.y + height - 2, style: Style(.dim), limit: rect.x + width - 1)
    }

    static func drawTooSmall(_ grid: inout Grid) {
        let lines = ["Terminal too small: \(grid.width)x\(grid.height).",
                     "Lookaside needs at least \(minimumWidth)x\(minimumHeight).",
                     "Enlarge the window, or press q to quit."]
        for (index, line) in lines.enumerated() {
            let y = grid.height / 2 - 1 + index
            let shown = String(line.prefix(grid.width))
            grid.write(shown, x: max(0, (grid.width - shown.count) / 2), y: y, style: Style(.bad, bold: index == 0))
        }
    }
}
