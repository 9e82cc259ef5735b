/// A titled table of strings: one neutral shape that the text, markdown and terminal views all draw.
public struct Table: Hashable, Sendable {
    public var title: String
    public var columns: [String]
    public var rows: [[String]]
    /// Shorter headings for narrow panes (same count as `columns`).
    public var shortColumns: [String]?
    /// Which columns a narrow pane keeps: lower first (same count as `columns`; nil: left to right).
    public var columnPriority: [Int]?
    /// Rows left out above and below `rows` because no screen could show them from where the pane
    /// is scrolled (a table of 100,000 processes builds only the rows in view); the pane counts
    /// them, so its height and scrolling are those of the whole table.
    public var rowsAbove = 0, rowsBelow = 0

    public init(title: String, columns: [String], rows: [[String]], shortColumns: [String]? = nil, columnPriority: [Int]? = nil) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.shortColumns = shortColumns
        self.columnPriority = columnPriority
    }

    /// The table without the columns no row has anything in (a lock column when nothing is locked).
    public func droppingEmptyColumns(_ candidates: Set<Int>) -> Table {
        let keep = columns.indices.filter { column in
            !candidates.contains(column) || rows.contains { column < $0.count && !$0[column].isEmpty }
        }
        var copy = self
        copy.columns = keep.map { columns[$0] }
        copy.shortColumns = shortColumns.map { short in keep.map { short[$0] } }
        copy.columnPriority = columnPriority.map { priority in keep.map { priority[$0] } }
        copy.rows = rows.map { row in keep.map { $0 < row.count ? row[$0] : "" } }
        return copy
    }
}
