/// How much of a row or column one part of a layout asks for, as ratatui's `Constraint` does,
/// plus `content`: what a pane needs at the least, what would show all of it, and how soon it is served.
public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells (less only if the whole does not fit).
    case length(Int)
    /// At least this many; takes a share of what is left over.
    case min(Int)
    /// At most this many; takes a share of what is left over.
    case max(Int)
    /// This percentage of the whole.
    case percentage(Int)
    /// This fraction of the whole.
    case ratio(Int, Int)
    /// Only what is left over, in proportion to the weight.
    case fill(Int)
    /// At least `minimum`; then, panes of lower `priority` first, up to `preferred`; never more.
    case content(minimum: Int, preferred: Int, priority: Int)
}
