/// What one pane shows: a title, an optional heading line, and body lines with their styles.
public struct PaneContent: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public var text: String
        public var style: Style

        public init(_ text: String, _ style: Style = .normal) {
            self.text = text
            self.style = style
        }
    }

    public var title: String
    public var heading: Line?
    public var lines: [Line]
    /// Set when the pane has nothing to say (no entries, all invalid): it then takes one row,
    /// its title followed by this summary.
    public var emptySummary: String?
    /// Where the pane opens when it has more lines than rows: `focus` is the first line that must
    /// show (the step shown, in the events pane), and the lines above it fill any rows to spare;
    /// nil opens at the top. Scrolling moves from there either way.
    public var focus: Int?
    /// The line at `focus` only repeats the title (the step's heading under its history): skipped
    /// when the focused lines do not fit.
    public var focusRepeatsTitle = false
    /// The last line must show (the newest event revealed): opens at the end, history above.
    public var keepsEndVisible = false

    public init(title: String, heading: Line?, lines: [Line], emptySummary: String? = nil, focus: Int? = nil) {
        self.title = title
        self.heading = heading
        self.lines = lines
        self.emptySummary = emptySummary
        self.focus = focus
    }

    /// Rows it would like, borders included (one row when it has nothing to say).
    public var desiredHeight: Int { emptySummary != nil ? 1 : lines.count - (focus ?? 0) + (heading == nil ? 0 : 1) + 2 }

    /// The first line shown in `rows` rows, scrolled `scroll` lines from where the pane opens.
    public func firstLine(rows: Int, scroll: Int) -> Int {
        let last = max(0, lines.count - rows)
        guard let focus else { return min(max(0, scroll), last) }
        // The focused lines from the top if they fill the rows; else as many lines above as fit.
        let opening =
            keepsEndVisible || lines.count - focus < rows ? last : min(last, focus + (focusRepeatsTitle ? 1 : 0))
        return min(max(0, opening + scroll), last)
    }

    /// Rows below which it stops being useful: its borders, heading and one line.
    public var minimumHeight: Int { emptySummary != nil ? 1 : min(desiredHeight, (heading == nil ? 0 : 1) + 3) }

    /// Columns it would like, borders included, to show every line and its title uncut.
    public var desiredWidth: Int {
        if emptySummary != nil { return collapsedTitle.displayWidth + 4 }
        let body = ([heading].compactMap { $0 } + lines).map(\.text.displayWidth).max() ?? 0
        return max(body, title.displayWidth + 2) + 2
    }

    /// The one-row form: the title and what the pane would otherwise say.
    public var collapsedTitle: String { emptySummary.map { "\(title) · \($0)" } ?? title }

    /// Lays a table out for a pane `width` columns wide, highlighting rows that differ from `before`.
    /// When not every column fits, the least important columns (highest `columnPriority`) are left
    /// out first; a value is cut short only when even the most important column alone does not fit.
    public static func table(
        _ table: Table, width: Int, before: Table?, title: String? = nil, ellipsis: String = "…",
        emptySummary: String? = nil
    ) -> PaneContent {
        // Cut first: no cell can show more than the pane's width, and measuring or hashing a huge
        // one (a process named with a million letters) would cost every frame.
        // Only a cell far wider than the pane is cut here (to half of it, so the columns beside
        // it still show); a cell a little too wide is left to the choice of columns below.
        let huge = 4 * width + 64
        func fitted(_ text: String) -> String {
            text.utf8.count > huge ? text.cut(toCells: max(1, width / 2), ellipsis: ellipsis) : text
        }
        func cut(_ table: Table) -> Table {
            var table = table
            for row in table.rows.indices where table.rows[row].contains(where: { $0.utf8.count > huge }) {
                table.rows[row] = table.rows[row].map(fitted)
            }
            table.columns = table.columns.map(fitted)
            table.shortColumns = table.shortColumns?.map(fitted)
            return table
        }
        let table = cut(table), before = before.map(cut)
        let title = title.map(fitted)
        let headings = table.shortColumns ?? table.columns
        let widths = table.columnWidths(headings: headings)
        let shown = table.columnsThatFit(widths: widths, width: width)
        func render(_ cells: [String]) -> String {
            var line = ""
            for (position, column) in shown.enumerated() {
                let cell = column < cells.count ? cells[column] : ""
                if position > 0 { line += " " }
                line += position == shown.count - 1 ? cell : cell.padding(widths[column])
            }
            return line.cut(toCells: width, ellipsis: ellipsis)
        }
        // A row changed if the row with the same key (first two cells) was different, or absent, before.
        let old = before.map { Dictionary($0.rows.map { (Array($0.prefix(2)), $0) }, uniquingKeysWith: { first, _ in first }) }
        // Rows left out of the table stand in as blank lines: no screen shows them from here.
        let lines =
            Array(repeating: Line(""), count: table.rowsAbove)
            + table.rows.map { row -> Line in
                let changed = old.map { $0[Array(row.prefix(2))] != row } ?? false
                return Line(render(row), changed ? Style(.changed, bold: true) : .normal)
            } + Array(repeating: Line(""), count: table.rowsBelow)
        guard !lines.isEmpty else {
            return PaneContent(
                title: title ?? table.title, heading: nil, lines: [Line("(none)", Style(.dim))], emptySummary: emptySummary ?? "none")
        }
        return PaneContent(title: title ?? table.title, heading: Line(render(headings), Style(.header, bold: true)), lines: lines)
    }
}

extension Table {
    /// Each column's width in cells: its widest cell or heading.
    public func columnWidths(headings: [String]? = nil) -> [Int] {
        let headings = headings ?? columns
        return headings.indices.map { column in
            ([headings[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.displayWidth).max() ?? 0
        }
    }

    /// The columns shown in `width` cells, in table order: every column if they fit; otherwise the
    /// most important ones that do (always at least the first).
    func columnsThatFit(widths: [Int], width: Int) -> [Int] {
        let priorities = columnPriority ?? Array(widths.indices)
        var chosen: [Int] = []
        var used = -1
        for column in widths.indices.sorted(by: { (priorities[$0], $0) < (priorities[$1], $1) }) {
            guard used + 1 + widths[column] <= width || chosen.isEmpty else { continue }
            chosen.append(column)
            used += 1 + widths[column]
        }
        return chosen.sorted()
    }
}

/// The most lines one text is wrapped into: more than any screen shows or scrolls to.
let wrapLineLimit = 500

/// Wraps text at spaces to lines of at most `width` cells; continuation lines are indented.
func wrap(_ text: String, width: Int, indent: Int = 2, maxLines: Int = wrapLineLimit) -> [String] {
    guard width > indent + 4 else { return [text.prefix(cells: max(0, width))] }
    var lines: [String] = []
    var current = ""
    // Widths are kept as the text grows, never measured again: one pass over the text, so a word
    // of millions of letters costs its length, and no more lines than a screen could scroll to.
    var currentWidth = 0
    var limit: Int { lines.isEmpty ? width : width - indent }
    // No more than `maxLines` lines of `width` cells can come of it: the rest is never split.
    let reach = (maxLines + 1) * (width + 1)
    let text = text.utf8.count > reach ? Substring(text.prefix(reach)) : Substring(text)
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        guard lines.count < maxLines else { break }
        let wordWidth = word.displayWidth
        if current.isEmpty {
            current = String(word)
            currentWidth = wordWidth
        } else if currentWidth + 1 + wordWidth <= limit {
            current += " " + word
            currentWidth += 1 + wordWidth
        } else {
            lines.append(current)
            current = String(word)
            currentWidth = wordWidth
        }
        guard currentWidth > limit else { continue }
        // Too wide for a line: cut it a character at a time, each line as full as it goes.
        var piece = "", pieceWidth = 0
        for character in current {
            let cells = DisplayWidth.of(character)
            if pieceWidth + cells > limit {
                lines.append(piece)
                piece = ""
                pieceWidth = 0
                guard lines.count < maxLines else { break }
            }
            piece.append(character)
            pieceWidth += cells
        }
        current = piece
        currentWidth = pieceWidth
    }
    if (!current.isEmpty && lines.count < maxLines) || lines.isEmpty { lines.append(current) }
    return lines.enumerated().map { $0.offset == 0 ? $0.element : String(repeating: " ", count: indent) + $0.element }
}
