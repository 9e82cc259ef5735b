/// Line-drawing characters, in UTF-8 box drawing or plain ASCII for terminals without it.
public struct BoxCharacters: Hashable, Sendable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: Character
    public var more: Character
    public var ellipsis: String
    public var marker: Character

    public static let unicode = BoxCharacters(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        more: "↓", ellipsis: "…", marker: "◀")
    public static let ascii = BoxCharacters(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        more: "v", ellipsis: "~", marker: "<")
}

extension Grid {
    /// Draws a titled frame around `rect`; the title is clipped to fit.
    public mutating func box(_ rect: Rect, title: String, box: BoxCharacters, focused: Bool = false) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let border = Style(focused ? .accent : .border, bold: focused)
        let right = rect.x + rect.width - 1, bottom = rect.y + rect.height - 1
        for x in (rect.x + 1)..<right {
            self[x, rect.y] = Cell(box.horizontal, border)
            self[x, bottom] = Cell(box.horizontal, border)
        }
        for y in (rect.y + 1)..<bottom {
            self[rect.x, y] = Cell(box.vertical, border)
            self[right, y] = Cell(box.vertical, border)
        }
        self[rect.x, rect.y] = Cell(box.topLeft, border)
        self[right, rect.y] = Cell(box.topRight, border)
        self[rect.x, bottom] = Cell(box.bottomLeft, border)
        self[right, bottom] = Cell(box.bottomRight, border)
        if rect.width > 4 {
            write(" \(title) ", x: rect.x + 1, y: rect.y, style: Style(.title, bold: true), limit: right)
        }
    }
}

extension Grid {
    /// A horizontal rule across `rect`'s first row with a title in it: a pane folded to one row.
    public mutating func rule(_ rect: Rect, title: String, box: BoxCharacters, focused: Bool = false) {
        guard rect.width >= 2, rect.height >= 1 else { return }
        let border = Style(focused ? .accent : .border, bold: focused)
        for x in rect.x..<(rect.x + rect.width) { self[x, rect.y] = Cell(box.horizontal, border) }
        if rect.width > 4 {
            write(" \(title) ", x: rect.x + 1, y: rect.y, style: Style(.title, bold: true), limit: rect.x + rect.width - 1)
        }
    }
}
