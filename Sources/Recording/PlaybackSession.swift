import Interactive

/// A recording being played back: playback keys drive the recording, the rest the simulation.
public struct PlaybackSession: InteractiveModel, Sendable {
    public private(set) var session: Session
    public private(set) var playback: Playback

    public init(_ replay: Replay) {
        playback = Playback(replay)
        session = Session(scenario: replay.scenario, seed: replay.header.seed)
    }

    public var isBusy: Bool { session.running || playback.playing }

    /// Playback records nothing, so what it returns is only what the loop must do (quit).
    public mutating func handle(_ key: Key) -> Outcome {
        if session.prompt == nil, !session.helpVisible,
            case .playback(let command)? = KeyBindings.binding(for: key, in: KeyMap.modes(of: session, base: .play))?.command
        {
            switch command {
            case .next: playback.next(&session)
            case .togglePlaying: playback.togglePlaying(&session)
            case .faster: playback.changePace(by: 1)
            case .slower: playback.changePace(by: -1)
            case .toEnd: playback.toEnd(&session)
            case .toStart: playback.restart(&session)
            }
            return .none
        }
        guard let action = KeyMap.action(for: key, in: session, base: .play) else { return .none }
        let outcome = session.apply(action)
        // Moving through the run leaves the recording; looking around (Tab, scrolling) does not.
        if outcome.applied.contains(where: \.action.moves) { playback.userMoved() }
        return Outcome(effects: outcome.effects)
    }

    public mutating func tick(seconds: Double) -> Outcome {
        playback.advance(by: seconds, &session)
        return Outcome(effects: session.tick(seconds: seconds).effects)
    }
}
