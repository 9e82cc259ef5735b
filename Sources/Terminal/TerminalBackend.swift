import Interactive
import Views

/// What the interactive loop needs of a terminal: its size, drawing a grid, reading keys.
/// `TerminalScreen` is the real one (ncurses); `MemoryTerminal` runs the loop in tests.
public protocol TerminalBackend: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// Line drawing the terminal can show.
    var box: BoxCharacters { get }
    func draw(_ grid: Grid)
    /// Waits up to `milliseconds` for a key (0: only what is already typed; negative: forever).
    func readKey(timeout milliseconds: Int) -> Key?
    /// Notices a size change the terminal has not reported as a key yet; true when it changed.
    func adoptWindowSize() -> Bool
    /// Called after every resize: the next draw repaints everything.
    func resized()
    /// Seconds since some fixed moment: the loop's only clock.
    func now() -> Double
}

extension TerminalScreen: TerminalBackend {}

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
    public func now() -> Double { clock }
}
