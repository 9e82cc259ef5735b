/// A screen as a file for slides and course pages: SVG or a self-contained HTML page, drawn from
/// the same grid of cells the terminal shows, in the same colours. Deterministic: the same grid
/// always gives the same bytes.
public enum GridExport {
    /// The eight colours as a dark terminal theme shows them, and the theme's own.
    static func css(_ colour: ANSIColour) -> String {
        switch colour {
        case .black: "#000000"
        case .red: "#e05252"
        case .green: "#2fbf71"
        case .yellow: "#e5c33b"
        case .blue: "#4c8ee8"
        case .magenta: "#c86fd6"
        case .cyan: "#2fb8d4"
        case .white: "#e5e5e5"
        }
    }
    static let foreground = "#d4d4d4"
    static let background = "#1e1e1e"

    /// A row cut into runs of one style: (first column, text, style).
    static func runs(_ grid: Grid, row: Int) -> [(column: Int, text: String, style: Style)] {
        var runs: [(column: Int, text: String, style: Style)] = []
        for column in 0..<grid.width {
            let cell = grid[column, row]
            // The right half of a wide character draws nothing of its own.
            guard cell.character != Cell.continuationCharacter else { continue }
            if let last = runs.last, last.style == cell.style, last.column + last.text.count == column {
                runs[runs.count - 1].text.append(cell.character)
            } else {
                runs.append((column, String(cell.character), cell.style))
            }
        }
        return runs
    }

    /// Text as XML character data or an attribute's value: the markup characters escaped, and
    /// every character XML 1.0 forbids (C0 controls but tab, newline and return; U+FFFE, U+FFFF),
    /// with the C1 controls it discourages, shown as U+FFFD, so the file is always well-formed.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An SVG picture of the grid: a cell is 8.4 by 17 units of 14-unit monospace type.
    public static func svg(_ grid: Grid, title: String) -> String {
        let (cellWidth, cellHeight) = (8.4, 17.0)
        func number(_ value: Double) -> String {
            let tenths = Int((value * 10).rounded())
            return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
        }
        let width = number(Double(grid.width) * cellWidth), height = number(Double(grid.height) * cellHeight)
        var out = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"14\">",
            "<title>\(escaped(title))</title>",
            "<rect width=\"100%\" height=\"100%\" fill=\"\(background)\"/>",
        ]
        for row in 0..<grid.height {
            let y = Double(row) * cellHeight
            for run in runs(grid, row: row) {
                let x = Double(run.column) * cellWidth
                if let fill = run.style.role.colours.background {
                    out.append(
                        "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(Double(run.text.count) * cellWidth))\" height=\"\(number(cellHeight))\" fill=\"\(css(fill))\"/>"
                    )
                }
                guard run.text.contains(where: { $0 != " " }) else { continue }
                let colour = run.style.role.colours.foreground.map(css) ?? foreground
                let weight = run.style.bold ? " font-weight=\"bold\"" : ""
                let faint = run.style.role == .dim ? " fill-opacity=\"0.6\"" : ""
                out.append(
                    "<text x=\"\(number(x))\" y=\"\(number(y + 13))\" fill=\"\(colour)\"\(weight)\(faint) xml:space=\"preserve\" textLength=\"\(number(Double(run.text.count) * cellWidth))\" lengthAdjust=\"spacingAndGlyphs\">\(escaped(run.text))</text>"
                )
            }
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// The grid as a terminal draws it: from the top left corner, every row with its colours as
    /// ANSI escape sequences (for asciinema casts).
    public static func ansi(_ grid: Grid) -> String {
        var out = "\u{1b}[H"
        for row in 0..<grid.height {
            if row > 0 { out += "\r\n" }
            for run in runs(grid, row: row) {
                var codes = ["0"]
                if run.style.bold { codes.append("1") }
                if run.style.role == .dim { codes.append("2") }
                if let colour = run.style.role.colours.foreground { codes.append("3\(colour.rawValue)") }
                if let fill = run.style.role.colours.background { codes.append("4\(fill.rawValue)") }
                out += "\u{1b}[" + codes.joined(separator: ";") + "m" + run.text
            }
        }
        return out + "\u{1b}[0m"
    }

    /// The grid's rows as styled spans, for a `<pre>`.
    static func htmlRows(_ grid: Grid) -> [String] {
        (0..<grid.height).map { row in
            runs(grid, row: row).map { run in
                var style: [String] = []
                if let colour = run.style.role.colours.foreground { style.append("color:\(css(colour))") }
                if let fill = run.style.role.colours.background { style.append("background:\(css(fill))") }
                if run.style.bold { style.append("font-weight:bold") }
                if run.style.role == .dim { style.append("opacity:.6") }
                return style.isEmpty ? escaped(run.text) : "<span style=\"\(style.joined(separator: ";"))\">\(escaped(run.text))</span>"
            }.joined()
        }
    }

    /// A self-contained HTML page showing the grid: no scripts, fonts or anything fetched.
    public static func html(_ grid: Grid, title: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escaped(title))</title>
        <style>body{margin:0;background:\(background)}pre{margin:1em;font:14px/17px "DejaVu Sans Mono",Menlo,Consolas,monospace;color:\(foreground)}</style>
        </head><body><pre>
        \(htmlRows(grid).joined(separator: "\n"))
        </pre></body></html>

        """
    }
}
