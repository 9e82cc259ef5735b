import CNcursesw
import Glibc

/// Puts the terminal back however the program ends: normal exit, a termination signal, or a crash.
enum TerminalRestore {
    nonisolated(unsafe) static var active = false
    nonisolated(unsafe) static var installed = false

    static func install() {
        active = true
        guard !installed else { return }
        installed = true
        atexit { TerminalRestore.restore() }
        let signals = [SIGTERM, SIGHUP, SIGQUIT, SIGINT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]
        // A parent may have started us with some of these blocked; they must reach the handlers.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in signals { sigaddset(&unblock, signal) }
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        for signal in signals {
            Glibc.signal(signal) { number in
                TerminalRestore.restore()
                // Die of the same signal, as if we had not caught it, so the shell and debuggers see it.
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    static func restore() {
        guard active else { return }
        active = false
        lookaside_enable_mouse(0)
        curs_set(1)
        endwin()
    }
}
