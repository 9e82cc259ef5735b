import Scenario

/// What the terminal loop drives: a model that takes keys and the passing of time, and draws
/// itself. The loop knows nothing else about it.
public protocol InteractiveModel {
    var wantsQuit: Bool { get }
    /// True while something moves by itself (auto-run, playback): the loop then wakes every frame.
    var isBusy: Bool { get }
    /// Handles a key; returns the actions it applied (for recording).
    mutating func handle(_ key: Key) -> [Action]
    /// Real time has passed; returns the actions that applied (for recording).
    mutating func tick(seconds: Double) -> [Action]
    func render(width: Int, height: Int, box: BoxCharacters) -> Grid
}

extension Session: InteractiveModel {
    public var isBusy: Bool { running || isSeeking }

    public mutating func handle(_ key: Key) -> [Action] {
        guard let action = KeyMap.action(for: key, in: self) else { return [] }
        apply(action)
        return effective
    }

    public mutating func tick(seconds: Double) -> [Action] {
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
        return [action]
    }

    public func render(width: Int, height: Int, box: BoxCharacters) -> Grid {
        Screen.render(self, width: width, height: height, box: box)
    }
}

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

    public mutating func handle(_ key: Key) -> [Action] {
        if session.prompt == nil, !session.helpVisible,
           case .playback(let command)? = KeyBindings.binding(for: key, in: KeyMap.modes(of: session, base: .play))?.command {
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
        if session.effective.contains(where: \.moves) { playback.userMoved() }
        return []
    }

    public mutating func tick(seconds: Double) -> [Action] {
        playback.advance(by: seconds, &session)
        _ = session.tick(seconds: seconds)
        return []
    }

    public func render(width: Int, height: Int, box: BoxCharacters) -> Grid {
        var shown = session
        shown.banner = playback.marker
        return Screen.render(shown, width: width, height: height, box: box, mode: .play)
    }
}
