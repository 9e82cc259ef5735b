/// What one `apply` did, returned rather than left in state for the loop to poll (Bubble Tea's
/// `Cmd`, TCA's `Effect`): the actions a recording keeps, each with the step it left the session
/// at, and the effects only the loop can carry out.
public struct Outcome: Hashable, Sendable {
    /// Work outside the session: the loop does it, and anything it brings back comes in again
    /// through the session's methods (`editorClosed`, `reload`).
    public enum Effect: Hashable, Sendable {
        case quit
        /// Open $EDITOR on the scenario's file (with --watch), then read the file again.
        case openEditor
    }

    public var applied: [AppliedAction]
    public var effects: [Effect]

    public init(applied: [AppliedAction] = [], effects: [Effect] = []) {
        self.applied = applied
        self.effects = effects
    }

    public static let none = Outcome()

    public var quits: Bool { effects.contains(.quit) }

    /// This outcome followed by another's.
    public static func + (first: Outcome, then: Outcome) -> Outcome {
        Outcome(applied: first.applied + then.applied, effects: first.effects + then.effects)
    }
}
