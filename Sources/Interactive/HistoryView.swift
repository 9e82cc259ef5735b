import VMM

/// Every event so far, over the whole screen (`H`): grouped by step, newest last, a cursor on one
/// event; Enter shows that step with the event revealed; `n`/`N` move to the next or previous
/// event that mentions the last text searched for.
///
/// Only a window of steps around the cursor is held, read again from the timeline's checkpoints
/// as the cursor nears its edges, so a history of a million steps costs what one of a few hundred
/// does.
public struct HistoryView: Hashable, Sendable {
    public enum Row: Hashable, Sendable {
        case step(StepResult)
        case event(step: Int, index: Int, Event)
    }

    /// The rows of the steps in `loaded`.
    public private(set) var rows: [Row] = []
    /// The row the cursor is on (always an event row when there is one).
    public private(set) var cursor = 0
    /// The newest step the history tells of: the step shown when it opened.
    public let newest: Int
    /// The steps whose rows are held.
    public private(set) var loaded: ClosedRange<Int>?

    /// Steps read at a time, and how many such pages are held at most.
    static let page = 128
    static let pagesHeld = 3

    init(timeline: Timeline, at step: Int) {
        newest = step
        guard step > 0 else { return }
        show(step: step, event: nil, timeline)
    }

    /// Shows step `step` with the cursor on its event `event` (its last when nil or past the end),
    /// or on the newest event before it when it has none.
    mutating func show(step: Int, event: Int?, _ timeline: Timeline) {
        let target = max(1, min(step, newest))
        load(max(1, target - Self.page)...min(newest, target + Self.page), timeline)
        let wanted = rows.lastIndex { row in
            guard case .event(let s, let index, _) = row else { return false }
            return s < target || (s == target && index <= (event ?? Int.max))
        }
        cursor = wanted ?? eventRows.first ?? 0
    }

    /// To the oldest or the newest event.
    mutating func showEnd(newest toNewest: Bool, _ timeline: Timeline) {
        guard newest > 0 else { return }
        if toNewest {
            show(step: newest, event: nil, timeline)
        } else {
            load(1...min(newest, Self.page), timeline)
            cursor = eventRows.first ?? 0
        }
    }

    var eventRows: [Int] { rows.indices.filter { if case .event = rows[$0] { true } else { false } } }

    /// Moves by `delta` events (not counting the step headings), reading further steps as the
    /// cursor passes the edge of those held.
    mutating func move(by delta: Int, _ timeline: Timeline) {
        var remaining = delta
        while remaining != 0 {
            let events = eventRows
            guard let here = events.firstIndex(of: cursor) ?? events.indices.last else {
                // No event held: read on in the direction asked, if there is more.
                guard extend(forward: remaining > 0, timeline) else { return }
                continue
            }
            let target = here + remaining
            if events.indices.contains(target) {
                cursor = events[target]
                return
            }
            let edge = remaining > 0 ? events.count - 1 : 0
            remaining -= edge - here
            cursor = events[edge]
            guard extend(forward: remaining > 0, timeline) else { return }
        }
    }

    /// Reads the page of steps past one edge of those held, dropping pages from the other side
    /// beyond `pagesHeld`; false when there is nothing more that way.
    private mutating func extend(forward: Bool, _ timeline: Timeline) -> Bool {
        guard let held = loaded else { return false }
        let place = chosen
        let range: ClosedRange<Int>
        if forward {
            guard held.upperBound < newest else { return false }
            let upper = min(newest, held.upperBound + Self.page)
            range = max(held.lowerBound, upper - Self.page * Self.pagesHeld + 1)...upper
        } else {
            guard held.lowerBound > 1 else { return false }
            let lower = max(1, held.lowerBound - Self.page)
            range = lower...min(held.upperBound, lower + Self.page * Self.pagesHeld - 1)
        }
        load(range, timeline)
        // The cursor stays on the event it was on; the next move goes past it.
        if let place, let row = rows.firstIndex(where: { if case .event(place.step, place.index, _) = $0 { true } else { false } }) {
            cursor = row
        } else {
            cursor = (forward ? eventRows.first : eventRows.last) ?? 0
        }
        return true
    }

    private mutating func load(_ range: ClosedRange<Int>, _ timeline: Timeline) {
        var rows: [Row] = []
        timeline.forEachResult(range) { result in
            rows.append(.step(result))
            rows += result.events.enumerated().map { .event(step: result.step, index: $0.offset, $0.element) }
            return true
        }
        self.rows = rows
        loaded = range
    }

    /// The step and event under the cursor.
    public var chosen: (step: Int, index: Int)? {
        guard rows.indices.contains(cursor), case .event(let step, let index, _) = rows[cursor] else { return nil }
        return (step, index)
    }

    /// A search from the cursor for the next (or previous) event that mentions `text`.
    func finder(_ text: String, backward: Bool) -> EventFinder {
        let here = chosen ?? (newest, -1)
        return EventFinder(text: text, backward: backward, fromStep: here.step, fromEvent: here.index, lastStep: newest)
    }
}
