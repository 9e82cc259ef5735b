/// `/` text, `/` Enter and `N`: the nearest event after (or before) the one shown whose
/// explanation or kind contains the text, case aside, its step shown with events up to it
/// revealed. A search is long work: it goes on a stretch per frame, showing where it has got, and
/// Esc stops it where it stands.
extension Session {
    mutating func find(_ text: String, backward: Bool) {
        lastSearch = text
        let here = (step: step, event: (revealed ?? timeline.lastResult.events.count) - 1)
        let finder = EventFinder(text: text, backward: backward, fromStep: here.step, fromEvent: here.event)
        startSeek(Seek(action: .search(text, backward: backward), goal: .find(finder), from: step))
    }

    /// A search has ended: found, the session goes there; not, it stays and says so.
    mutating func foundText(_ finder: EventFinder, _ progress: EventFinder.Progress) {
        guard case let .found(step, event) = progress else {
            message = "No \(finder.backward ? "earlier" : "later") event mentions '\(finder.text)'."
            return
        }
        reveal(step: step, event: event)
        message = "'\(finder.text)' at step \(step), event \(event + 1) (/ Enter: next, N: previous)."
    }

    /// `n` `N` in the history: from its cursor, through the steps it tells of.
    mutating func findInHistory(backward: Bool) {
        amounted = []
        guard let text = lastSearch else {
            message = "Nothing to find yet: / and some text first."
            return
        }
        guard let history else { return }
        startSeek(
            Seek(action: .historyFind(backward: backward), goal: .findInHistory(history.finder(text, backward: backward)), from: step))
    }

    mutating func foundInHistory(_ finder: EventFinder, _ progress: EventFinder.Progress) {
        guard case var .history(view) = overlay else { return }
        guard case let .found(step, event) = progress else {
            message = "No \(finder.backward ? "earlier" : "later") event mentions '\(finder.text)'."
            return
        }
        view.show(step: step, event: event, timeline)
        overlay = .history(view)
    }

    /// `N`: the last search again, backwards.
    mutating func searchAgainBackward() {
        guard let lastSearch else {
            message = "Nothing to search for yet: / and some text first."
            amounted = []
            return
        }
        amount(to: .search(lastSearch, backward: true))
    }
}
