import CNcursesw
import Glibc
import Interactive
import Views

/// The one place that talks to ncurses: it copies grids to the screen and reads keys.
/// ncurses is not thread-safe, so a TerminalScreen is used from one thread only.
public final class TerminalScreen {
    public enum Failure: Error, CustomStringConvertible {
        case notATerminal
        case cannotStart(String)

        public var description: String {
            switch self {
            case .notATerminal: "lookaside: the interactive interface needs a terminal; use --headless to print the run instead."
            case .cannotStart(let why): "lookaside: cannot start the terminal interface: \(why)"
            }
        }
    }

    /// UTF-8 line drawing when the locale allows it, else ASCII.
    public let box: BoxCharacters
    public let hasColour: Bool
    private var lastGrid: Grid?
    private var stopped = false

    /// Takes over the terminal. `ascii` forces ASCII line drawing; colour is off with NO_COLOR or `monochrome`.
    public init(ascii: Bool = false, monochrome: Bool = false) throws(Failure) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        setlocale(LC_ALL, "")
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !term.isEmpty, term != "dumb" else {
            throw .cannotStart("TERM is '\(term)'; set TERM to your terminal's type (e.g. xterm-256color)")
        }
        // newterm, unlike initscr, reports an unknown terminal instead of exiting.
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r"), newterm(nil, output, input) != nil else {
            throw .cannotStart("ncurses does not know the terminal type '\(term)'")
        }
        TerminalRestore.install()
        box = ascii || lookaside_locale_is_utf8() == 0 ? .ascii : .unicode
        raw()
        noecho()
        nonl()
        keypad(lookaside_stdscr(), true)
        lookaside_enable_mouse(1)
        set_escdelay(25)
        curs_set(0)
        let wantsColour = !monochrome && getenv("NO_COLOR").map { String(cString: $0).isEmpty } ?? true
        hasColour = wantsColour && has_colors()
        if hasColour {
            start_color()
            use_default_colors()
            for role in Role.allCases { init_pair(Int16(role.rawValue) + 1, Self.colours(role).foreground, Self.colours(role).background) }
        }
    }

    deinit { stop() }

    /// Gives the terminal back as it was. Safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        TerminalRestore.restore()
    }

    public var size: (width: Int, height: Int) { (Int(lookaside_cols()), Int(lookaside_lines())) }

    public func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Copies a grid to the screen, rewriting only the rows that changed since the last one.
    public func draw(_ grid: Grid) {
        let window = lookaside_stdscr()
        let rows = grid.changedRows(since: lastGrid)
        if lastGrid?.width != grid.width || lastGrid?.height != grid.height { werase(window) }
        for y in rows {
            wmove(window, Int32(y), 0)
            var x = 0
            while x < grid.width {
                let style = grid[x, y].style
                var run = ""
                while x < grid.width, grid[x, y].style == style {
                    let cell = grid[x, y]
                    // A wide character is drawn once, over its two cells; a half left alone by an
                    // overlapping draw becomes a space, so columns never shift.
                    let wide = DisplayWidth.of(cell.character) == 2
                    if cell.isContinuation {
                        if x == 0 || DisplayWidth.of(grid[x - 1, y].character) != 2 { run.append(" ") }
                    } else if wide, x + 1 >= grid.width || !grid[x + 1, y].isContinuation {
                        run.append(" ")
                    } else {
                        run.append(cell.character)
                    }
                    x += 1
                }
                let (attributes, pair) = attributes(for: style)
                wattr_set(window, attributes, pair, nil)
                _ = run.withCString { waddnstr(window, $0, -1) }
            }
        }
        wattr_set(window, attr_t(lookaside_a_normal()), 0, nil)
        wnoutrefresh(window)
        doupdate()
        lastGrid = grid
    }

    /// Notices a window-size change ncurses has not reported yet (a SIGWINCH that arrived
    /// mid-draw is otherwise only seen at the next key). Returns true when the size changed.
    public func adoptWindowSize() -> Bool {
        var window = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else { return false }
        guard Int32(window.ws_col) != lookaside_cols() || Int32(window.ws_row) != lookaside_lines() else { return false }
        resizeterm(Int32(window.ws_row), Int32(window.ws_col))
        resized()
        return true
    }

    /// After any resize: leave the alternate screen and enter it again, then repaint. Terminals
    /// such as tmux keep resizing an alternate screen's lines into the shell's scrollback, where
    /// they would stay after we quit; a fresh alternate screen at the new size has none to give.
    public func resized() {
        endwin()
        wrefresh(lookaside_stdscr())
        invalidate()
    }

    /// Leaves curses mode, the terminal as the shell had it, for an editor.
    public func suspend() {
        def_prog_mode()
        endwin()
    }

    /// Back to curses mode after `suspend`: everything is drawn again.
    public func resume() {
        reset_prog_mode()
        wrefresh(lookaside_stdscr())
        invalidate()
    }

    /// Forces the next draw to repaint everything (after a resize, or Ctrl-L). Every row is
    /// rewritten in place rather than the screen cleared: a clear makes terminals such as tmux
    /// scroll the old screen into the shell's history, where it stays after we quit.
    public func invalidate() {
        lastGrid = nil
        redrawwin(lookaside_stdscr())
    }

    /// Waits up to `milliseconds` for a key (0: only what is already typed; negative: forever).
    public func readKey(timeout milliseconds: Int) -> Key? {
        wtimeout(lookaside_stdscr(), Int32(milliseconds))
        var character: wint_t = 0
        let status = wget_wch(lookaside_stdscr(), &character)
        if status == lookaside_err() { return nil }
        if status == lookaside_key_code_yes(), Int32(character) == lookaside_key_mouse() {
            var x: Int32 = 0, y: Int32 = 0
            switch lookaside_mouse_event(&x, &y) {
            case 1: return .mouse(x: Int(x), y: Int(y), .left)
            case 4: return .mouse(x: Int(x), y: Int(y), .wheelUp)
            case 5: return .mouse(x: Int(x), y: Int(y), .wheelDown)
            default: return nil
            }
        }
        if status == lookaside_key_code_yes() { return Self.functionKey(Int32(character)) }
        switch character {
        case 3: return .interrupt
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 12: invalidate(); return nil
        default:
            guard let scalar = Unicode.Scalar(UInt32(character)), character >= 32 else { return nil }
            return .character(Character(scalar))
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case KEY_BTAB: .backTab
        case lookaside_key_resize(): .resize
        case KEY_F0 + 1...KEY_F0 + 12: .function(Int(code - KEY_F0))
        default: nil
        }
    }

    func attributes(for style: Style) -> (attr_t, Int16) {
        var attributes = style.bold ? lookaside_a_bold() : lookaside_a_normal()
        guard hasColour else {
            // Monochrome: meaning carried by bold, reverse and underline alone.
            switch style.role {
            case .changed, .statusBar, .selected: attributes |= lookaside_a_reverse()
            case .header: attributes |= lookaside_a_underline()
            case .title, .bad, .dirty, .accent: attributes |= lookaside_a_bold()
            case .dim: attributes |= lookaside_a_dim()
            case .normal, .border, .good: break
            }
            return (attr_t(attributes), 0)
        }
        if style.role == .dim { attributes |= lookaside_a_dim() }
        return (attr_t(attributes), Int16(style.role.rawValue) + 1)
    }

    /// ncurses colour numbers for a role: the ANSI numbers, -1 for the terminal's default.
    static func colours(_ role: Role) -> (foreground: Int16, background: Int16) {
        (role.colours.foreground?.rawValue ?? -1, role.colours.background?.rawValue ?? -1)
    }
}
