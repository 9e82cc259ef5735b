import Interactive
import Views

/// The Elm-style loop: read keys and the clock, hand them to the model, draw the model.
/// It is the only place that knows about time.
public struct InteractiveLoop<Model: ScreenModel> {
    public private(set) var model: Model
    let terminal: any TerminalBackend
    /// Called with every action the model applied (recording); returning false ends the loop
    /// (a recording that can no longer be written).
    var onAction: ((AppliedAction, Model) -> Bool)?
    /// Called between frames and while idle (at least every 200 ms): work from outside the model,
    /// such as a watched file changing; returns true when it changed the model.
    var onIdle: ((inout Model, any TerminalBackend) -> Bool)?
    /// Carries out an effect the model asked for other than quitting (opening the editor), and
    /// hands back to the model what came of it.
    var onEffect: ((Outcome.Effect, inout Model, any TerminalBackend) -> Void)?

    public init(
        model: Model, terminal: any TerminalBackend, onAction: ((AppliedAction, Model) -> Bool)? = nil,
        onIdle: ((inout Model, any TerminalBackend) -> Bool)? = nil,
        onEffect: ((Outcome.Effect, inout Model, any TerminalBackend) -> Void)? = nil
    ) {
        self.model = model
        self.terminal = terminal
        self.onAction = onAction
        self.onIdle = onIdle
        self.onEffect = onEffect
    }

    /// Frames per second while busy; keys are read between frames, so none waits longer.
    static var frameMilliseconds: Int { 16 }

    /// True when the loop ended because `onAction` asked it to.
    public private(set) var stoppedByCaller = false
    /// True once the model asked to quit.
    public private(set) var quit = false

    public mutating func run() {
        var lastTick = terminal.now()
        var needsDraw = true
        while !quit {
            if needsDraw {
                let (width, height) = terminal.size
                terminal.draw(model.render(width: width, height: height, box: terminal.box))
                needsDraw = false
            }
            // Busy, wake for the next frame; idle, wake now and then to notice a resize.
            var key = terminal.readKey(timeout: model.isBusy ? Self.frameMilliseconds : 200)
            if terminal.adoptWindowSize() { needsDraw = true }
            let now = terminal.now()
            let elapsed = now - lastTick
            lastTick = now
            // Take every key already typed before drawing again, so keys never queue up behind
            // frames; Ctrl-C and q are handled the moment they come, whatever is queued.
            while let pressed = key {
                needsDraw = true
                if pressed == .resize {
                    terminal.resized()
                } else if case let .mouse(x, y, button) = pressed {
                    // The view says what is under the pointer; the model decides what that does.
                    let (width, height) = terminal.size
                    let hit = model.hitTest(x: x, y: y, width: width, height: height, box: terminal.box)
                    guard carryOut(model.handlePointer(button, at: hit)) else { return }
                } else {
                    guard carryOut(model.handle(pressed)) else { return }
                }
                if quit { return }
                key = terminal.readKey(timeout: 0)
            }
            if model.isBusy {
                guard carryOut(model.tick(seconds: elapsed)) else { return }
                needsDraw = true
            }
            if let onIdle, onIdle(&model, terminal) { needsDraw = true }
        }
    }

    /// Reports what the model applied, then does what it asks; false when the loop must end now.
    private mutating func carryOut(_ outcome: Outcome) -> Bool {
        for action in outcome.applied { guard report(action) else { return false } }
        for effect in outcome.effects {
            switch effect {
            case .quit: quit = true
            case .openEditor: onEffect?(effect, &model, terminal)
            }
        }
        return true
    }

    private mutating func report(_ action: AppliedAction) -> Bool {
        guard let onAction, !onAction(action, model) else { return true }
        stoppedByCaller = true
        return false
    }
}
