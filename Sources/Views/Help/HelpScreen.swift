import Interactive

/// The help screen (`?` or F1) in every mode: the keys of that mode, from the binding table, then
/// the legend. It scrolls when it does not fit.
public enum HelpScreen {
    /// The help's lines for text `width` cells wide: a long meaning wraps under itself.
    public static func lines(for modes: Set<KeyMode>, width: Int) -> [PaneContent.Line] {
        func entries(_ pairs: [(String, String)]) -> [PaneContent.Line] {
            let markWidth = (pairs.map(\.0.displayWidth).max() ?? 0) + 2
            return pairs.flatMap { mark, meaning in
                wrap(meaning, width: max(10, width - 2 - markWidth), indent: 0).enumerated().map { index, part in
                    PaneContent.Line("  " + (index == 0 ? mark : "").padding(markWidth) + part)
                }
            }
        }
        var lines = [PaneContent.Line("Keys", Style(.header, bold: true))]
        lines += entries(KeyBindings.help(for: modes).map { ($0.label, $0.help) })
        for section in Legend.sections {
            lines.append(PaneContent.Line(""))
            lines.append(PaneContent.Line(section.title, Style(.header, bold: true)))
            lines += entries(section.entries.map { ($0.mark, $0.meaning) })
        }
        return lines
    }

    /// Draws the help over the middle of `grid`, scrolled by `scroll` lines (clamped).
    public static func draw(into grid: inout Grid, modes: Set<KeyMode>, scroll: Int, box: BoxCharacters) {
        let width = min(grid.width - 2, 110)
        OverlayPanel.draw(title: "Help", lines: lines(for: modes, width: width - 4), width: width, scroll: scroll, into: &grid, box: box)
    }
}
