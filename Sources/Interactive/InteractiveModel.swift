/// What the terminal loop drives: a model that takes keys and the passing of time (its view,
/// `ScreenModel` in Views, draws it). The loop knows nothing else about it.
public protocol InteractiveModel {
    /// True while something moves by itself (auto-run, playback): the loop then wakes every frame.
    var isBusy: Bool { get }
    /// Handles a key; returns what it did (the actions applied, for recording, and the effects the
    /// loop must carry out, such as quitting).
    mutating func handle(_ key: Key) -> Outcome
    /// Real time has passed; returns what that did.
    mutating func tick(seconds: Double) -> Outcome
    /// A click or a turn of the wheel on what the view's hit test found under it (nil: nothing
    /// that takes the pointer).
    mutating func handlePointer(_ button: MouseButton, at hit: PointerHit?) -> Outcome
}

extension InteractiveModel {
    /// Keyboard only, unless the model says otherwise.
    public mutating func handlePointer(_ button: MouseButton, at hit: PointerHit?) -> Outcome { .none }
}

extension Session: InteractiveModel {
    public var isBusy: Bool { running || isSeeking || isLearningTotal }

    public mutating func handle(_ key: Key) -> Outcome {
        guard let action = KeyMap.action(for: key, in: self) else { return .none }
        return apply(action)
    }

    public mutating func tick(seconds: Double) -> Outcome {
        if isSeeking { return apply(.continueSeek) }
        guard running else {
            // Idle: a stretch more of the run's length (nothing the user did, so nothing recorded).
            learnTotal(budget: stepBudget ?? Int.max)
            return .none
        }
        let due = autoRun.due(after: seconds)
        guard due > 0 else { return .none }
        return apply(.advance(due))
    }
}
