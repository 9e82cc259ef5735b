import Scenario
import Teaching
import VMM

/// What the terminal loop drives: a model that takes keys and the passing of time (its view,
/// `ScreenModel` in Views, draws it). The loop knows nothing else about it.
public protocol InteractiveModel {
    var wantsQuit: Bool { get }
    /// True while something moves by itself (auto-run, playback): the loop then wakes every frame.
    var isBusy: Bool { get }
    /// Handles a key; returns the actions it applied, each with where it left the model (for recording).
    mutating func handle(_ key: Key) -> [AppliedAction]
    /// Real time has passed; returns the actions that applied (for recording).
    mutating func tick(seconds: Double) -> [AppliedAction]
}

extension Session: InteractiveModel {
    public var isBusy: Bool { running || isSeeking }

    public mutating func handle(_ key: Key) -> [AppliedAction] {
        guard let action = KeyMap.action(for: key, in: self) else { return [] }
        apply(action)
        return effective
    }

    public mutating func tick(seconds: Double) -> [AppliedAction] {
        if isSeeking {
            apply(.continueSeek)
            return effective
        }
        guard running else { return [] }
        runCredit += seconds * Double(speed)
        let due = Int(runCredit)
        guard due > 0 else { return [] }
        runCredit -= Double(due)
        let action = Action.advance(min(due, speed))
        apply(action)
        return effective
    }
}
