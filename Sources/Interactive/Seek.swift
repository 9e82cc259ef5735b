import VMM

/// Long work under way, taken a stretch per frame so it shows progress and Esc can stop it: a
/// move through the run (to the end, to a far step, to the next event of a kind), a search of the
/// events, or reading the story an overlay tells.
public struct Seek: Hashable, Sendable {
    public enum Goal: Hashable, Sendable {
        case end
        case step(Int)
        case event([Event.Kind])
        /// `/` text: the session moves only when it is found.
        case find(EventFinder)
        /// `n` `N` in the history: its cursor moves when found.
        case findInHistory(EventFinder)
        /// The inspector reading its subject's life.
        case readLife
    }

    /// What a recording keeps once it arrives (see `isRecorded`).
    public var action: Action
    public var goal: Goal
    /// The step the session stood at when it began.
    public var from: Int

    /// Whether arriving is recorded: a move or a search is; an overlay's own work is not.
    public var isRecorded: Bool {
        switch goal {
        case .end, .step, .event, .find: true
        case .findInHistory, .readLife: false
        }
    }

    /// Whether it belongs to an overlay (and ends when that closes).
    public var isOverlays: Bool { !isRecorded }
}
