import Interactive
import Recording

/// An interactive model with its view: what the terminal loop draws. The model (Interactive)
/// knows nothing of cells; the view here is a function of it.
public protocol ScreenModel: InteractiveModel {
    func render(width: Int, height: Int, box: BoxCharacters) -> Grid
    /// A click or a turn of the wheel on a screen of this size (the view knows where things are).
    mutating func handleMouse(_ key: Key, width: Int, height: Int, box: BoxCharacters) -> Outcome
}

extension ScreenModel {
    /// Keyboard only, unless the model says otherwise.
    public mutating func handleMouse(_ key: Key, width: Int, height: Int, box: BoxCharacters) -> Outcome { .none }
}

extension Session: ScreenModel {
    public func render(width: Int, height: Int, box: BoxCharacters) -> Grid {
        Screen.render(self, width: width, height: height, box: box)
    }

    /// A click focuses the pane under it and, on a row of frames, the TLB, a page table, swap or
    /// files, opens the inspector on that row; the wheel scrolls the pane under it (or, in the
    /// inspector, chooses among its things).
    public mutating func handleMouse(_ key: Key, width: Int, height: Int, box: BoxCharacters) -> Outcome {
        guard case let .mouse(x, y, button) = key, prompt == nil, !helpVisible else { return .none }
        if inspector != nil {
            switch button {
            case .wheelUp: return apply(.inspectSubject(-1))
            case .wheelDown: return apply(.inspectSubject(1))
            case .left: return .none
            }
        }
        guard width >= Screen.minimumWidth, height >= Screen.minimumHeight else { return .none }
        let area = Rect(x: 0, y: 1, width: width, height: height - 2)
        guard let (pane, rect, content) = Screen.layout(self, area: area, box: box).first(where: { $0.1.contains(x: x, y: y) }) else {
            return .none
        }
        var outcome = Outcome.none
        if focusedPane != pane { outcome = outcome + apply(.focusPane(pane)) }
        switch button {
        case .wheelUp, .wheelDown:
            outcome = outcome + apply(.scroll(button == .wheelUp ? -3 : 3))
        case .left:
            // The row under the click, counting the lines scrolled past (after the border and heading).
            let top = rect.y + 1 + (content.heading == nil ? 0 : 1)
            let rows = rect.height - 2 - (content.heading == nil ? 0 : 1)
            guard y >= top, y < rect.y + rect.height - 1 else { break }
            let row = content.firstLine(rows: rows, scroll: scroll[pane] ?? 0) + (y - top)
            outcome = outcome + apply(.inspectRow(pane, row))
        }
        return outcome
    }
}

extension PlaybackSession: ScreenModel {
    public func render(width: Int, height: Int, box: BoxCharacters) -> Grid {
        var shown = session
        shown.banner = playback.marker
        return Screen.render(shown, width: width, height: height, box: box, mode: .play)
    }
}
