/// What lies over the screen, at most one at a time, each with its own state: the keys go to it
/// first (`KeyMap`), and any key it does not use closes it.
public enum Overlay: Hashable, Sendable {
    case help(scroll: Int)
    case history(HistoryView)
    case inspector(Inspector)
    /// Versioned sharing: every file's versions and merges.
    case versions(scroll: Int)
    /// A list policy (ARC, 2Q, S3-FIFO, Linux, MGLRU): each list in order and each ghost queue.
    case lists(scroll: Int)
}
