import Scenario
import Terminal
import Views

/// The Elm-style loop: read keys and the clock, turn them into actions, apply them to the
/// session, draw the session. It is the only place that knows about time.
struct InteractiveLoop {
    var session: Session
    let screen: TerminalScreen

    /// Frames per second while auto-running; keys are read between frames, so none waits longer.
    static let frameMilliseconds = 16

    mutating func run() {
        let clock = ContinuousClock()
        var lastTick = clock.now
        var credit = 0.0
        var needsDraw = true
        while !session.wantsQuit {
            if needsDraw {
                let (width, height) = screen.size
                screen.draw(Screen.render(session, width: width, height: height, box: screen.box))
                needsDraw = false
            }
            // Running, wake for the next frame; paused, wake now and then to notice a resize.
            var key = screen.readKey(timeout: session.running ? Self.frameMilliseconds : 200)
            if screen.adoptWindowSize() { needsDraw = true }
            while let pressed = key {
                needsDraw = true
                if pressed == .resize {
                    screen.invalidate()
                } else if let action = KeyMap.action(for: pressed, in: session) {
                    let wasRunning = session.running
                    session.apply(action)
                    if session.running && !wasRunning { lastTick = clock.now; credit = 0 }
                }
                if session.wantsQuit { return }
                // Take every key already typed before drawing again, so keys never queue up behind frames.
                key = screen.readKey(timeout: 0)
            }
            if session.running {
                let now = clock.now
                let elapsed = now - lastTick
                lastTick = now
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                credit += seconds * Double(session.speed)
                let due = Int(credit)
                if due > 0 {
                    credit -= Double(due)
                    session.apply(.advance(min(due, session.speed)))
                    needsDraw = true
                }
            }
        }
    }
}
