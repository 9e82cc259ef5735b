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
    /// Gives the terminal to another program (an editor) until `resume`.
    func suspend()
    /// Takes the terminal back and repaints everything.
    func resume()
}

extension TerminalScreen: TerminalBackend {}
