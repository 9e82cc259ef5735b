/// Lines over the middle of the screen in a box (help, file versions), scrolled when they do not
/// fit, with how to scroll and close it.
enum OverlayPanel {
    static func draw(title: String, lines all: [PaneContent.Line], width: Int, scroll: Int, into grid: inout Grid, box: BoxCharacters) {
        let height = min(grid.height - 2, all.count + 3)
        let rect = Rect(x: (grid.width - width) / 2, y: (grid.height - height) / 2, width: width, height: height)
        grid.fill(rect)
        let rows = height - 3
        let offset = max(0, min(scroll, all.count - rows))
        let more = all.count > rows ? " · \(offset + 1)–\(offset + rows) of \(all.count)" : ""
        grid.box(rect, title: title + more, box: box, focused: true)
        for (index, line) in all.dropFirst(offset).prefix(rows).enumerated() {
            grid.write(line.text, x: rect.x + 2, y: rect.y + 1 + index, style: line.style, limit: rect.x + width - 1)
        }
        let footer = all.count > rows ? "j k ↓ ↑ PgDn PgUp scroll · q quits · any other key closes" : "q quits · any other key closes"
        grid.write(footer, x: rect.x + 2, y: rect.y + height - 2, style: Style(.dim), limit: rect.x + width - 1)
    }
}
