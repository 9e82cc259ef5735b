import VMM

/// Every event so far, over the whole screen (`H`): grouped by step, newest last, a cursor on one
/// event; Enter shows that step with the event revealed; `n`/`N` move to the next or previous
/// event that mentions the last text searched for.
public struct HistoryView: Hashable, Sendable {
    public enum Row: Hashable, Sendable {
        case step(StepResult)
        case event(step: Int, index: Int, Event)
    }

    public let rows: [Row]
    /// The row the cursor is on (always an event row when there is one).
    public private(set) var cursor: Int

    init(steps: [StepResult], at step: Int) {
        var rows: [Row] = []
        for result in steps {
            rows.append(.step(result))
            rows += result.events.enumerated().map { .event(step: result.step, index: $0.offset, $0.element) }
        }
        self.rows = rows
        // On the newest event of the step shown.
        cursor = rows.lastIndex { if case .event(let s, _, _) = $0 { s <= step } else { false } } ?? 0
    }

    var eventRows: [Int] { rows.indices.filter { if case .event = rows[$0] { true } else { false } } }

    /// Moves by `delta` events (not counting the step headings).
    mutating func move(by delta: Int) {
        let events = eventRows
        guard let here = events.firstIndex(of: cursor) ?? events.indices.last else { return }
        cursor = events[max(0, min(events.count - 1, here + delta))]
    }

    /// To the next (or previous) event that mentions `text`; false when there is none.
    mutating func find(_ text: String, backward: Bool) -> Bool {
        let needle = text.lowercased()
        let events = eventRows
        let candidates = backward ? events.filter { $0 < cursor }.reversed() : events.filter { $0 > cursor }
        for row in candidates {
            guard case .event(_, _, let event) = rows[row] else { continue }
            if event.explanation.lowercased().contains(needle) || event.kind.rawValue.contains(needle) {
                cursor = row
                return true
            }
        }
        return false
    }

    /// The step and event under the cursor.
    public var chosen: (step: Int, index: Int)? {
        guard rows.indices.contains(cursor), case .event(let step, let index, _) = rows[cursor] else { return nil }
        return (step, index)
    }
}
