/// A key as the terminal reports it, independent of ncurses.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab
    case function(Int)
    case resize
    case interrupt
    /// A click or a turn of the wheel at a cell of the screen.
    case mouse(x: Int, y: Int, MouseButton)
}

public enum MouseButton: Hashable, Sendable {
    case left, wheelUp, wheelDown
}
