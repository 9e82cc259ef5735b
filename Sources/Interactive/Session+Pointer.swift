/// What a click or a turn of the wheel landed on, as the view's hit test found it: the pane under
/// the pointer and, on one of its rows, which row of its content (counting the rows scrolled past).
public struct PointerHit: Hashable, Sendable {
    public var pane: PaneID
    public var row: Int?

    public init(pane: PaneID, row: Int?) {
        self.pane = pane
        self.row = row
    }
}

extension Session {
    /// A click focuses the pane under it and, on a row of frames, the TLB, a page table, swap or
    /// files, opens the inspector on that row; the wheel scrolls the pane under it (or, in the
    /// inspector, chooses among its things). The prompt and help take no pointer.
    public mutating func handlePointer(_ button: MouseButton, at hit: PointerHit?) -> Outcome {
        guard prompt == nil, !helpVisible else { return .none }
        if inspector != nil {
            switch button {
            case .wheelUp: return apply(.inspectSubject(-1))
            case .wheelDown: return apply(.inspectSubject(1))
            case .left: return .none
            }
        }
        guard let hit else { return .none }
        var outcome = Outcome.none
        if focusedPane != hit.pane { outcome = outcome + apply(.focusPane(hit.pane)) }
        switch button {
        case .wheelUp, .wheelDown: outcome = outcome + apply(.scroll(button == .wheelUp ? -3 : 3))
        case .left: if let row = hit.row { outcome = outcome + apply(.inspectRow(hit.pane, row)) }
        }
        return outcome
    }
}
