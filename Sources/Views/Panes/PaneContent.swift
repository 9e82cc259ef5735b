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

    /// Rows it would like, borders included.
    public var desiredHeight: Int { lines.count + (heading == nil ? 0 : 1) + 2 }

    /// Lays a table out for a pane `width` columns wide, highlighting rows that differ from `before`.
    /// Columns that do not fit are dropped from the right; the last one shown may be cut short.
    public static func table(_ table: Table, width: Int, before: Table?, title: String? = nil, ellipsis: String = "…") -> PaneContent {
        let headings = table.shortColumns ?? table.columns
        let widths = headings.indices.map { column in
            ([headings[column]] + table.rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        var shown = 0, used = 0
        for column in widths.indices {
            let needed = (shown == 0 ? 0 : 1) + widths[column]
            if used + needed > width {
                // Keep a cut-short column if a useful part of it fits.
                if width - used - 1 >= min(widths[column], 6) { shown += 1 }
                break
            }
            used += needed
            shown += 1
        }
        shown = max(1, shown)
        func render(_ cells: [String]) -> String {
            var line = ""
            for column in 0..<shown {
                let cell = column < cells.count ? cells[column] : ""
                if column > 0 { line += " " }
                line += column == shown - 1 ? cell : cell.padding(widths[column])
            }
            return line.count > width ? String(line.prefix(max(0, width - ellipsis.count))) + ellipsis : line
        }
        // A row changed if the row with the same key (first two cells) was different, or absent, before.
        let old = before.map { Dictionary($0.rows.map { (Array($0.prefix(2)), $0) }, uniquingKeysWith: { first, _ in first }) }
        let lines = table.rows.map { row -> Line in
            let changed = old.map { $0[Array(row.prefix(2))] != row } ?? false
            return Line(render(row), changed ? Style(.changed, bold: true) : .normal)
        }
        guard !lines.isEmpty else { return PaneContent(title: title ?? table.title, heading: nil, lines: [Line("(none)", Style(.dim))]) }
        return PaneContent(title: title ?? table.title, heading: Line(render(headings), Style(.header, bold: true)), lines: lines)
    }
}

/// Wraps text at spaces to lines of at most `width` characters; continuation lines are indented.
func wrap(_ text: String, width: Int, indent: Int = 2) -> [String] {
    guard width > indent + 4 else { return [String(text.prefix(max(0, width)))] }
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        let limit = lines.isEmpty ? width : width - indent
        if current.isEmpty {
            current = String(word)
        } else if current.count + 1 + word.count <= limit {
            current += " " + word
        } else {
            lines.append(current)
            current = String(word)
        }
        while current.count > (lines.isEmpty ? width : width - indent) {
            let cut = lines.isEmpty ? width : width - indent
            lines.append(String(current.prefix(cut)))
            current = String(current.dropFirst(cut))
        }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines.enumerated().map { $0.offset == 0 ? $0.element : String(repeating: " ", count: indent) + $0.element }
}
