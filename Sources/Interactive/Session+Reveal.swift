/// Revealing a step's events one at a time, with the machine as it was at each.
extension Session {
    /// Enter in the history: that step, revealed up to the chosen event.
    mutating func revealChosen(step target: Int, event: Int) {
        closeOverlay()
        running = false
        reveal(step: target, event: event)
        message = "Step \(target), event \(event + 1) of \(timeline.lastResult.events.count)."
    }

    /// Shows step `target` with its events up to `event` (from 0) revealed.
    mutating func reveal(step target: Int, event: Int) {
        go(to: max(0, min(target, Self.stepLimit) - 1))
        eventForward()
        let count = timeline.lastResult.events.count
        let shown = max(1, min(event, count) + 1)
        revealed = shown >= count ? nil : shown
    }

    mutating func eventForward() {
        let count = timeline.lastResult.events.count
        if let revealed, revealed < count {
            self.revealed = revealed + 1
            if revealed + 1 == count { self.revealed = nil }
            return
        }
        guard !timeline.isFinished else {
            message = "The scenario has ended at step \(step)."
            return
        }
        // Re-run the next step capturing the state at each event, when those copies fit in memory.
        guard timeline.current.estimatedBytes <= Self.revealBudget / 16 else {
            forward()
            revealed = timeline.lastResult.events.count > 1 ? 1 : nil
            message = "This machine is too large to keep a copy at each event: the events show one by one, the panes show the step's end."
            return
        }
        var machine = timeline.current
        let (_, states) = machine.stepShowingEachEvent()
        forward()
        eventStates = states
        revealed = timeline.lastResult.events.count > 1 ? 1 : nil
    }

    mutating func eventBack() {
        let count = timeline.lastResult.events.count
        let shown = revealed ?? count
        if shown > 1 {
            if eventStates.isEmpty, let before = previous, before.estimatedBytes <= Self.revealBudget / 16 {
                var machine = before
                eventStates = machine.stepShowingEachEvent().states
            }
            revealed = shown - 1
        } else if step > 0 {
            go(to: step - 1)
        } else {
            message = "Already at the start."
        }
    }
}
