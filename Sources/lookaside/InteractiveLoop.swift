import Scenario
import Terminal
import Views

/// The Elm-style loop: read keys and the clock, turn them into actions, apply them to the
/// session, draw the session. It is the only place that knows about time.
struct InteractiveLoop {
    var session: Session
    let screen: TerminalScreen
    var recorder: Recorder?
    var playback: Playback?

    /// Frames per second while auto-running; keys are read between frames, so none waits longer.
    static let frameMilliseconds = 16

    init(session: Session, screen: TerminalScreen, recorder: Recorder? = nil, playback: Playback? = nil) {
        self.session = session
        self.screen = screen
        self.recorder = recorder
        self.playback = playback
    }

    mutating func run() {
        let clock = ContinuousClock()
        var lastTick = clock.now
        var credit = 0.0
        var needsDraw = true
        defer { recorder?.finish(at: session.step) }
        while !session.wantsQuit {
            if needsDraw {
                session.banner = playback?.marker
                let (width, height) = screen.size
                screen.draw(Screen.render(session, width: width, height: height, box: screen.box))
                needsDraw = false
            }
            let busy = session.running || playback?.playing == true
            // Busy, wake for the next frame; idle, wake now and then to notice a resize.
            var key = screen.readKey(timeout: busy ? Self.frameMilliseconds : 200)
            if screen.adoptWindowSize() { needsDraw = true }
            let now = clock.now
            let elapsed = now - lastTick
            lastTick = now
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            while let pressed = key {
                needsDraw = true
                if pressed == .resize {
                    screen.invalidate()
                } else if !handlePlaybackKey(pressed), let action = KeyMap.action(for: pressed, in: session) {
                    let wasRunning = session.running
                    apply(action)
                    if session.running && !wasRunning { credit = 0 }
                }
                if session.wantsQuit { return }
                // Take every key already typed before drawing again, so keys never queue up behind frames.
                key = screen.readKey(timeout: 0)
            }
            if playback?.playing == true {
                playback?.advance(by: seconds, &session)
                needsDraw = true
            }
            if session.running {
                credit += seconds * Double(session.speed)
                let due = Int(credit)
                if due > 0 {
                    credit -= Double(due)
                    apply(.advance(min(due, session.speed)))
                    needsDraw = true
                }
            }
        }
    }

    /// Applies a user's action, records it, and tells a playback the user moved on their own.
    mutating func apply(_ action: Action) {
        session.apply(action)
        recorder?.record(action, after: session)
        if playback != nil, action.recorded(time: 0, session: session) != nil { playback?.userMoved() }
    }

    /// In a replay, the keys that drive the recording rather than the simulation.
    mutating func handlePlaybackKey(_ key: Key) -> Bool {
        guard playback != nil, session.prompt == nil, !session.helpVisible else { return false }
        switch key {
        case .character("n"), .character(" "), .right: playback?.next(&session)
        case .character("r"), .character("p"), .enter: playback?.togglePlaying(&session)
        case .character("+"), .character("="): playback?.changePace(by: 1)
        case .character("-"), .character("_"): playback?.changePace(by: -1)
        case .character("G"), .end: playback?.toEnd(&session)
        case .character("g"), .home: playback?.restart(&session)
        default: return false
        }
        return true
    }
}
