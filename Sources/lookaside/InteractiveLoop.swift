import Scenario
import Terminal
import Views

/// The Elm-style loop: read keys and the clock, hand them to the model, draw the model.
/// It is the only place that knows about time.
struct InteractiveLoop<Model: InteractiveModel> {
    var model: Model
    let screen: TerminalScreen
    /// Called with every action the model applied (recording).
    var onAction: ((Action, Model) -> Void)?

    /// Frames per second while busy; keys are read between frames, so none waits longer.
    static var frameMilliseconds: Int { 16 }

    mutating func run() {
        let clock = ContinuousClock()
        var lastTick = clock.now
        var needsDraw = true
        while !model.wantsQuit {
            if needsDraw {
                let (width, height) = screen.size
                screen.draw(model.render(width: width, height: height, box: screen.box))
                needsDraw = false
            }
            // Busy, wake for the next frame; idle, wake now and then to notice a resize.
            var key = screen.readKey(timeout: model.isBusy ? Self.frameMilliseconds : 200)
            if screen.adoptWindowSize() { needsDraw = true }
            let now = clock.now
            let elapsed = now - lastTick
            lastTick = now
            while let pressed = key {
                needsDraw = true
                if pressed == .resize {
                    screen.invalidate()
                } else {
                    for action in model.handle(pressed) { onAction?(action, model) }
                }
                if model.wantsQuit { return }
                // Take every key already typed before drawing again, so keys never queue up behind frames.
                key = screen.readKey(timeout: 0)
            }
            if model.isBusy {
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                for action in model.tick(seconds: seconds) { onAction?(action, model) }
                needsDraw = true
            }
        }
    }
}
