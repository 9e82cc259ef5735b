import Interactive
import Scenario
import VMM

/// The whole screen as a function of the session and the terminal's size.
public enum Screen {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public static func render(_ session: Session, width: Int, height: Int, box: BoxCharacters = .unicode, mode: KeyMode = .run) -> Grid {
        var grid = Grid(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            drawTooSmall(&grid)
            return grid
        }
        drawHeader(session, into: &grid)
        let area = Rect(x: 0, y: 1, width: width, height: height - 2)
        for (pane, rect, content) in layout(session, area: area, box: box) {
            draw(content, in: rect, scroll: session.scroll[pane] ?? 0, focused: session.focusedPane == pane, box: box, into: &grid)
        }
        drawStatus(session, mode: mode, into: &grid)
        if let history = session.history { HistoryScreen.draw(history, machine: session.shownMachine, into: &grid, box: box) }
        if session.versionsVisible, let lines = FileVersionsView.lines(session.shownMachine) {
            let width = min(grid.width - 2, 130)
            let styled = lines.flatMap { line in
                // Short lines keep their indentation (wrapping would fold it away).
                (line.displayWidth <= width - 4 ? [line] : wrap(line, width: width - 4)).map { part in
                    PaneContent.Line(
                        part, line.contains("✗") ? Style(.bad, bold: true) : line.hasPrefix("  v") ? Style(.header, bold: true) : .normal)
                }
            }
            OverlayPanel.draw(title: "File versions", lines: styled, width: width, scroll: session.versionsScroll, into: &grid, box: box)
        }
        if session.listsVisible, let lines = ReplacementListsView.lines(session.shownMachine) {
            let width = min(grid.width - 2, 130)
            let styled = lines.flatMap { line in
                wrap(line, width: width - 4).map { PaneContent.Line($0, line.hasPrefix("  ") ? .normal : Style(.header, bold: true)) }
            }
            let machine = session.shownMachine
            let title = "Lists · \(machine.configuration.replacement.label)\(machine.policyTitleNote)"
            OverlayPanel.draw(title: title, lines: styled, width: width, scroll: session.listsScroll, into: &grid, box: box)
        }
        if let inspector = session.inspector {
            InspectorScreen.draw(inspector, machine: session.shownMachine, into: &grid, box: box)
        }
        if session.helpVisible {
            HelpScreen.draw(into: &grid, modes: KeyMap.modes(of: session, base: mode), scroll: session.helpScroll, box: box)
        }
        if box == .ascii { grid.transliterateToASCII() }
        return grid
    }

    /// Where each pane goes, with what it shows (each pane's content made at the width it is drawn).
    /// Two columns up to 149 columns wide, three from 150, the event log along the bottom. Columns
    /// are as wide as their panes would like, in proportion when the screen is narrower; each pane
    /// gets its rows from a constraint split, the lesson's own panes first (see `LessonFocus`); the
    /// event log takes the rows the panes do not need.
    public static func layout(_ session: Session, area: Rect, box: BoxCharacters = .unicode) -> [(PaneID, Rect, PaneContent)] {
        let events = Panes.content(.events, session: session, width: area.width, compact: true, box: box, rows: area.height)
        let columns: [[PaneID]] =
            area.width >= 150
            ? [[.processes, .pageTable], [.tlb, .frames, .swap], [.files, .counters]]
            : [[.processes, .pageTable, .tlb], [.frames, .swap, .files, .counters]]
        // Each pane as it would like to be, made once; remade only if its column is narrower.
        // (`columns` is in reading order; `LessonFocus` decides who is served first.)
        let lesson = LessonFocus(session.scenario)
        func make(_ pane: PaneID, width: Int, compact: Bool = false) -> PaneContent {
            Panes.content(pane, session: session, width: width, compact: compact, box: box, lesson: lesson, rows: area.height)
        }
        let generous = columns.map { $0.map { make($0, width: area.width) } }
        let wanted = generous.map { $0.map(\.desiredWidth).max() ?? 1 }
        // Every column gets a readable minimum; then the column holding the lesson's most urgent pane
        // gets what it would like first; what is left is shared in proportion to what each would like.
        let minimum = min(30, area.width / columns.count)
        let urgency = columns.map { $0.map { lesson.priority(of: $0) }.min() ?? 0 }
        var widths = Layout.split(
            area.width,
            columns.indices.map {
                .content(minimum: minimum, preferred: wanted[$0], priority: urgency[$0])
            } + [.fill(1)])
        let spare = widths.removeLast()
        let totalWanted = max(1, wanted.reduce(0, +))
        let extra = Layout.split(spare, wanted.map { .ratio($0, totalWanted) })
        widths = zip(widths, extra).map { $0 + $1 }

        // Each column's panes at its width, with the rows they need and would like.
        var placedColumns: [PlacedColumn] = []
        var x = area.x
        for (index, panes) in columns.enumerated() {
            let width = widths[index]
            let contents = panes.enumerated().map { position, pane in
                width >= wanted[index] ? generous[index][position] : make(pane, width: width)
            }
            // Counters also have a two-line form for short columns.
            let compact = panes.map { $0 == .counters ? make(.counters, width: width, compact: true) : nil }
            placedColumns.append(PlacedColumn(x: x, width: width, panes: panes, contents: contents, compact: compact))
            x += width
        }
        // Rows the panes would like (the full counters included); the event log keeps at least a
        // quarter of the screen (and room for an open quiz question), and takes what the panes leave.
        let need = placedColumns.map { column in column.contents.map(\.desiredHeight).reduce(0, +) }.max() ?? 0
        // The full counters table is a luxury: served after every other pane (its short form is its minimum).
        func priority(_ pane: PaneID) -> Int { pane == .counters ? 1000 : lesson.priority(of: pane) }
        let eventsMinimum =
            session.quiz?.current != nil
            ? max(6, min(events.desiredHeight, area.height / 2))
            : min(events.desiredHeight, max(5, area.height / 4))
        let rows = Layout.split(
            area.height,
            [
                .content(minimum: 0, preferred: need, priority: 1),
                .content(minimum: eventsMinimum, preferred: eventsMinimum, priority: 0),
            ])
        let upperHeight = rows[0]

        var placed: [(PaneID, Rect, PaneContent)] = []
        for column in placedColumns {
            placed += stack(column, height: upperHeight, top: area.y, priority: priority)
        }
        placed.append((.events, Rect(x: area.x, y: area.y + upperHeight, width: area.width, height: rows[1]), events))
        return placed
    }

    /// A column of panes, each as it is drawn at the column's width, and the two-line form a pane
    /// has for a short column (the counters).
    struct PlacedColumn {
        var x: Int, width: Int
        var panes: [PaneID]
        var contents: [PaneContent]
        var compact: [PaneContent?]
    }

    /// One column's panes stacked into `height` rows from `top`: each gets at least its minimum and
    /// what it would like in order of `priority`; what is left unfolds panes folded to a line, then
    /// goes to the column's last open pane.
    static func stack(
        _ column: PlacedColumn, height: Int, top: Int, priority: (PaneID) -> Int
    ) -> [(PaneID, Rect, PaneContent)] {
        var placed: [(PaneID, Rect, PaneContent)] = []
        let constraints = column.panes.indices.map { position -> Constraint in
            let full = column.contents[position]
            let least = column.compact[position]?.desiredHeight ?? full.minimumHeight
            return .content(minimum: least, preferred: full.desiredHeight, priority: priority(column.panes[position]))
        }
        // A spacer takes what no pane wants; it then goes to panes folded to one row that can show
        // their rows in it (a TLB with no valid entry), and the rest to the column's last open pane.
        var heights = Layout.split(height, constraints + [.fill(1)])
        var spare = heights.removeLast()
        var contents = column.contents
        for position in column.panes.indices.sorted(by: { priority(column.panes[$0]) < priority(column.panes[$1]) }) {
            var unfolded = contents[position]
            guard unfolded.emptySummary != nil, unfolded.heading != nil else { continue }
            unfolded.emptySummary = nil
            guard unfolded.desiredHeight - heights[position] <= spare else { continue }
            spare -= unfolded.desiredHeight - heights[position]
            heights[position] = unfolded.desiredHeight
            contents[position] = unfolded
        }
        if let last = column.panes.indices.last(where: { contents[$0].emptySummary == nil }) { heights[last] += spare }
        var y = top
        for position in column.panes.indices {
            let rows = heights[position]
            var content = contents[position]
            if let compact = column.compact[position], rows < content.desiredHeight { content = compact }
            placed.append((column.panes[position], Rect(x: column.x, y: y, width: column.width, height: rows), content))
            y += rows
        }
        return placed
    }

    static func draw(_ content: PaneContent, in rect: Rect, scroll: Int, focused: Bool, box: BoxCharacters, into grid: inout Grid) {
        guard rect.width >= 4, rect.height >= 1 else { return }
        // One row: a rule with the title, and what the pane would say if it had rows.
        guard rect.height >= 2, content.emptySummary == nil else {
            grid.rule(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), title: content.collapsedTitle, box: box, focused: focused)
            return
        }
        grid.box(rect, title: content.title, box: box, focused: focused)
        var y = rect.y + 1
        let innerX = rect.x + 1, limit = rect.x + rect.width - 1
        let bottom = rect.y + rect.height - 1
        if let heading = content.heading, y < bottom {
            grid.write(heading.text, x: innerX, y: y, style: heading.style, limit: limit)
            y += 1
        }
        let rows = bottom - y
        let offset = content.firstLine(rows: rows, scroll: scroll)
        for line in content.lines.dropFirst(offset).prefix(rows) {
            if line.style.role == .changed { grid.restyle(x: innerX, y: y, width: limit - innerX, style: line.style) }
            grid.write(line.text, x: innerX, y: y, style: line.style, limit: limit)
            y += 1
        }
        let hiddenBelow = content.lines.count - offset - rows
        if hiddenBelow > 0 || offset > 0 {
            var note = hiddenBelow > 0 ? " \(box.more) \(hiddenBelow) more " : ""
            if offset > 0 { note = " \(offset) above" + (hiddenBelow > 0 ? ", " : " ") + note.dropFirst() }
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
        if title.displayWidth + policies.displayWidth + right.displayWidth + 6 <= grid.width { right = policies + "  ·  " + right }
        grid.write(title, x: 0, y: 0, style: Style(.statusBar, bold: true), limit: grid.width - right.displayWidth - 2)
        grid.write(right + " ", x: grid.width - right.displayWidth - 1, y: 0, style: Style(.statusBar, bold: true))
    }

    static func drawStatus(_ session: Session, mode: KeyMode, into grid: inout Grid) {
        let y = grid.height - 1
        grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), with: Cell(" ", Style(.statusBar)))
        if let prompt = session.prompt {
            var text = " " + prompt.label + prompt.text + "▏"
            if prompt.kind == .runUntilEvent {
                let options = EventGroups.completions(of: prompt.text).prefix(8)
                text +=
                    "   "
                    + (prompt.text.isEmpty
                        ? (session.lastSearch.map { "(Enter: find '\($0)' again)" } ?? "(an event, or any text)")
                        : options.isEmpty ? "(Enter: find this text)" : options.joined(separator: " "))
            }
            grid.write(text, x: 0, y: y, style: Style(.statusBar, bold: true))
            return
        }
        if let seek = session.seek {
            let progress =
                switch seek.goal {
                case .end: "Going to the end: step \(session.step) … (Esc stops here)"
                case .step(let target): "Going to step \(target): step \(session.step) … (Esc stops here)"
                case .event: "Going to the next \(seek.action.label): step \(session.step) … (Esc stops here)"
                case .find(let finder), .findInHistory(let finder):
                    "Searching \(finder.backward ? "back" : "on") for '\(finder.text)': step \(finder.reached) … (Esc stops)"
                case .readLife:
                    "Reading its life: step \(session.inspector?.reading ?? session.step) of \(session.inspector?.through ?? session.step) … (Esc stops)"
                }
            grid.write(" " + progress, x: 0, y: y, style: Style(.statusBar, bold: true), limit: grid.width)
            return
        }
        if let message = session.message {
            grid.write(" " + message, x: 0, y: y, style: Style(.statusBar, bold: true))
            return
        }
        grid.write(
            KeyBindings.statusLine(for: KeyMap.modes(of: session, base: mode), width: grid.width), x: 0, y: y, style: Style(.statusBar),
            limit: grid.width)
    }

    static func drawTooSmall(_ grid: inout Grid) {
        let lines = [
            "Terminal too small: \(grid.width)x\(grid.height).",
            "Lookaside needs at least \(minimumWidth)x\(minimumHeight).",
            "Enlarge the window, or press q to quit.",
        ]
        for (index, line) in lines.enumerated() {
            let y = grid.height / 2 - 1 + index
            let shown = line.prefix(cells: grid.width)
            grid.write(shown, x: max(0, (grid.width - shown.displayWidth) / 2), y: y, style: Style(.bad, bold: index == 0))
        }
    }
}
