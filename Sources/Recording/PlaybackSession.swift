import Interactive
import Scenario
import VMM

/// A recording being played back: playback keys drive the recording, the rest the simulation.
public struct PlaybackSession: InteractiveModel, Sendable {
    public private(set) var session: Session
    public private(set) var playback: Playback

    public init(_ replay: Replay) {
        playback = Playback(replay)
        session = Session(scenario: replay.scenario, seed: replay.header.seed)
    }

    public var wantsQuit: Bool { session.wantsQuit }
    public var isBusy: Bool { session.running || playback.playing }

    public mutating func handle(_ key: Key) -> [AppliedAction] {
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
            return []
        }
        guard let action = KeyMap.action(for: key, in: session, base: .play) else { return [] }
        session.apply(action)
        // Moving through the run leaves the recording; looking around (Tab, scrolling) does not.
        if session.effective.contains(where: \.action.moves) { playback.userMoved() }
        return []
    }

    public mutating func tick(seconds: Double) -> [AppliedAction] {
        playback.advance(by: seconds, &session)
        _ = session.tick(seconds: seconds)
        return []
    }
}
