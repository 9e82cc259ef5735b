/// An action as a recording keeps it, with where it left the session: one key can amount to two
/// actions (a move that interrupts a long jump is recorded after a jump to where that one stopped),
/// and each is checked on replay against the step it reached, not the step the key ended at.
public struct AppliedAction: Hashable, Sendable {
    public var action: Action
    /// The step the session stood at right after this action.
    public var step: Int
    /// How many of that step's events were shown, when they were being revealed one by one.
    public var revealed: Int?

    public init(_ action: Action, step: Int, revealed: Int? = nil) {
        self.action = action
        self.step = step
        self.revealed = revealed
    }
}
