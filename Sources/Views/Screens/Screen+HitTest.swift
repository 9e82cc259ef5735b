import Interactive

extension Screen {
    /// The pane under the cell (`x`, `y`) of the main screen and, on one of its content rows, which
    /// row of its content that is (counting the lines scrolled past, after the border and heading);
    /// nil off every pane or on a screen too small to lay out.
    public static func hitTest(
        _ session: Session, x: Int, y: Int, width: Int, height: Int, box: BoxCharacters = .unicode
    ) -> PointerHit? {
        guard width >= minimumWidth, height >= minimumHeight else { return nil }
        let area = Rect(x: 0, y: 1, width: width, height: height - 2)
        guard let (pane, rect, content) = layout(session, area: area, box: box).first(where: { $0.1.contains(x: x, y: y) }) else {
            return nil
        }
        let top = rect.y + 1 + (content.heading == nil ? 0 : 1)
        let rows = rect.height - 2 - (content.heading == nil ? 0 : 1)
        guard y >= top, y < rect.y + rect.height - 1 else { return PointerHit(pane: pane, row: nil) }
        return PointerHit(pane: pane, row: content.firstLine(rows: rows, scroll: session.scroll[pane] ?? 0) + (y - top))
    }
}
