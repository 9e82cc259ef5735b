/// What a cell means; the terminal adapter turns roles into colours, or into bold/reverse
/// when the terminal has no colour or NO_COLOR is set.
public enum Role: UInt8, Hashable, Sendable, CaseIterable {
    case normal, border, title, header, dim, changed, dirty, good, bad, accent, statusBar, selected

    /// The role's colours among the eight every terminal has (nil: the terminal's own): one
    /// palette for the screen, the SVG and HTML snapshots and the asciinema casts.
    public var colours: (foreground: ANSIColour?, background: ANSIColour?) {
        switch self {
        case .normal, .dim: (nil, nil)
        case .border: (.blue, nil)
        case .title: (.cyan, nil)
        case .header: (.yellow, nil)
        case .changed: (.black, .yellow)
        case .dirty, .bad: (.red, nil)
        case .good: (.green, nil)
        case .accent: (.magenta, nil)
        case .statusBar: (.black, .cyan)
        case .selected: (.black, .white)
        }
    }
}

/// The eight colours of ANSI terminals, numbered as terminals (and ncurses) number them.
public enum ANSIColour: Int16, Hashable, Sendable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white
}

public struct Style: Hashable, Sendable {
    public var role: Role
    public var bold: Bool

    public init(_ role: Role = .normal, bold: Bool = false) {
        self.role = role
        self.bold = bold
    }

    public static let normal = Style()
}

public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: Style

    public init(_ character: Character = " ", _ style: Style = .normal) {
        self.character = character
        self.style = style
    }

    /// The right half of a character two cells wide: it draws nothing of its own.
    public static let continuationCharacter: Character = "\u{0}"
    public var isContinuation: Bool { character == Self.continuationCharacter }
}

/// A screen's worth of styled characters. Views draw into it; tests read it; the terminal copies it.
public struct Grid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { if x >= 0, y >= 0, x < width, y < height { cells[y * width + x] = newValue } }
    }

    /// Writes text from (x, y), clipped at `limit` columns (default: the grid's edge). Returns the column after it.
    /// Wide characters (CJK) take two cells and are left out rather than split at the limit.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .normal, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let end = min(width, limit ?? width)
        var column = x
        for character in text {
            let shown: Character = character.isNewline || character == Cell.continuationCharacter ? " " : character
            let cellsWide = DisplayWidth.of(shown)
            if cellsWide == 0 { continue }
            guard column + cellsWide <= end else { break }
            if column >= 0 {
                cells[y * width + column] = Cell(shown, style)
                if cellsWide == 2 { cells[y * width + column + 1] = Cell(Cell.continuationCharacter, style) }
            }
            column += cellsWide
        }
        return column
    }

    /// Writes the first of `choices` (longest first) that fits between x and `limit`, or the last
    /// one clipped: a line of keys says the most that the width allows.
    @discardableResult
    public mutating func write(firstFitting choices: [String], x: Int, y: Int, style: Style = .normal, limit: Int) -> Int {
        let text = choices.first { $0.displayWidth <= limit - x } ?? choices.last ?? ""
        return write(text, x: x, y: y, style: style, limit: limit)
    }

    public mutating func fill(_ rect: Rect, with cell: Cell = Cell()) {
        for y in max(0, rect.y)..<min(height, rect.y + rect.height) {
            for x in max(0, rect.x)..<min(width, rect.x + rect.width) { cells[y * width + x] = cell }
        }
    }

    /// Restyles a row span without changing its characters.
    public mutating func restyle(x: Int, y: Int, width count: Int, style: Style) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + count) { cells[y * width + column].style = style }
    }

    /// The characters of row `y`, trailing spaces removed: what a test compares.
    public func line(_ y: Int) -> String {
        let row = cells[(y * width)..<((y + 1) * width)].filter { !$0.isContinuation }.map(\.character)
        return String(String(row).reversed().drop { $0 == " " }.reversed())
    }

    public var lines: [String] { (0..<height).map(line) }

    /// The whole grid as text, one line per row.
    public var text: String { lines.joined(separator: "\n") }

    /// Rows that differ from `other` (all rows when the sizes differ): what the terminal must redraw.
    public func changedRows(since other: Grid?) -> [Int] {
        guard let other, other.width == width, other.height == height else { return Array(0..<height) }
        return (0..<height).filter { y in cells[(y * width)..<((y + 1) * width)] != other.cells[(y * width)..<((y + 1) * width)] }
    }
}

public struct Rect: Hashable, Sendable {
    public var x, y, width, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Whether the cell at (x, y) lies within.
    public func contains(x: Int, y: Int) -> Bool { x >= self.x && x < self.x + width && y >= self.y && y < self.y + height }

    public var isEmpty: Bool { width <= 0 || height <= 0 }
}

extension Grid {
    /// For terminals without UTF-8: every character becomes ASCII (arrows, dashes, dots and
    /// markers by their look-alikes, anything else by '?').
    public mutating func transliterateToASCII() {
        for index in cells.indices where !cells[index].character.isASCII && !cells[index].isContinuation {
            cells[index].character =
                switch cells[index].character {
                case "→", "▶", "◀": cells[index].character == "◀" ? "<" : ">"
                case "—", "–", "─": "-"
                case "·", "•": cells[index].character == "•" ? "*" : "."
                case "↓": "v"
                case "…": "~"
                case "▏", "│": "|"
                case "✓": "+"
                case "✗": "x"
                default: "?"
                }
            // A wide character became one ASCII cell: its right half becomes a space.
            if index + 1 < cells.count, cells[index + 1].isContinuation { cells[index + 1].character = " " }
        }
    }
}
