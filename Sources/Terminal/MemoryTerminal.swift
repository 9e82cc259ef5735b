import Interactive
import Views

/// A terminal in memory, as ratatui's `TestBackend`: keys come from a script, frames are kept,
/// time passes only when the script says so. When the script runs out it sends Ctrl-C, so a
/// loop under test always ends.
public final class MemoryTerminal: TerminalBackend {
    public enum Input: Hashable, Sendable {
        case key(Key)
        /// The terminal becomes this size (and a resize key arrives, as ncurses sends one).
        case resize(width: Int, height: Int)
        /// This much time passes with no key.
        case wait(seconds: Double)
    }

    public private(set) var size: (width: Int, height: Int)
    public let box: BoxCharacters
    public private(set) var frames: [Grid] = []
    /// True once the script ran out and Ctrl-C was sent in its place.
    public private(set) var ranOut = false
    private var script: [Input]
    private var clock = 0.0
    private var pendingResize = false

    public init(width: Int, height: Int, box: BoxCharacters = .unicode, script: [Input]) {
        size = (width, height)
        self.box = box
        self.script = script
    }

    public var lastFrame: Grid? { frames.last }

    public func draw(_ grid: Grid) { frames.append(grid) }

    public func readKey(timeout milliseconds: Int) -> Key? {
        if pendingResize {
            pendingResize = false
            return .resize
        }
        guard !script.isEmpty else {
            ranOut = true
            return .interrupt
        }
        switch script.removeFirst() {
        case .key(let key):
            return key
        case let .resize(width, height):
            size = (width, height)
            return .resize
        case .wait(let seconds):
            clock += seconds
            return nil
        }
    }

    public func adoptWindowSize() -> Bool { false }
    public func resized() {}
    /// How many times the terminal was given away (to an editor).
    public private(set) var suspensions = 0
    public func suspend() { suspensions += 1 }
    public func resume() {}
    public func now() -> Double { clock }
}
