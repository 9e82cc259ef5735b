import Foundation
import Glibc
import Testing

/// A private tmux server running one command in a window of a given size: how a test types
/// keys into the real program and reads its real screen.
final class TmuxSession {
    let socket: String
    let output: String

    /// Runs `lookaside ARGS` in a tmux window; when it ends, its exit status and `stty -a` go to `output`.
    /// `before` runs in the pane's shell first (to leave lines on the shell's screen).
    init(_ arguments: [String], width: Int = 100, height: Int = 30, before: String = "") throws {
        socket = "lookaside-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        output = NSTemporaryDirectory() + socket + ".out"
        let binary = try lookasideBinary().path
        let command =
            (before.isEmpty ? "" : before + "; ")
            + "LANG=C.UTF-8 LC_ALL=C.UTF-8 \(binary) \(arguments.joined(separator: " ")); echo EXIT=$? > \(output).tmp; stty -a >> \(output).tmp; mv \(output).tmp \(output); sleep 30"
        // The server this starts outlives the call, so it must not inherit a pipe we wait on.
        try tmux(["new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", command], capture: false)
    }

    deinit {
        _ = try? tmux(["kill-server"], capture: false)
        try? FileManager.default.removeItem(atPath: output)
    }

    /// Runs a tmux command. Spawned and reaped by hand: Foundation's Process could wait forever
    /// here for a client that had already exited.
    @discardableResult
    func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        let argv = ["tmux", "-L", socket] + arguments
        var pipe: [Int32] = [-1, -1]
        guard Glibc.pipe(&pipe) == 0 else { throw CommandError("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        } else {
            // A server started by this call outlives it, so it must not hold a pipe we read.
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addclose(&actions, pipe[1])
        // Children inherit the spawning thread's signal mask; the test runner's threads block some
        // signals, and the program under test must receive them as a user's would.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, cArguments, environ)
        close(pipe[1])
        defer { close(pipe[0]) }
        guard spawned == 0 else { throw CommandError("cannot run tmux: \(String(cString: strerror(spawned)))") }
        var output = [UInt8]()
        if capture {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(pipe[0], &buffer, buffer.count)
                if count <= 0 { break }
                output += buffer[0..<count]
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return String(decoding: output, as: UTF8.self)
    }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "main"]) }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "main"] + keys) }
    /// Types bytes as they are (a mouse report, say), not as key names.
    func sendLiteral(_ text: String) throws { try tmux(["send-keys", "-t", "main", "-l", text]) }

    func resize(width: Int, height: Int) throws { try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"]) }

    /// Waits (up to `seconds`) until the screen satisfies `condition`; returns the last screen seen.
    @discardableResult
    func waitFor(_ what: String, seconds: Double = 15, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            usleep(50_000)
        }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last)")
        return last
    }

    func waitFor(_ text: String, seconds: Double = 15) throws {
        try waitFor("'\(text)'", seconds: seconds) { $0.contains(text) }
    }

    /// The program's exit status and the terminal modes after it ended.
    func ending(seconds: Double = 15) throws -> (status: String, stty: String) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: output, encoding: .utf8) {
                let lines = text.split(separator: "\n", maxSplits: 1).map(String.init)
                return (lines.first ?? "", lines.count > 1 ? lines[1] : "")
            }
            usleep(50_000)
        }
        Issue.record("the program did not end; the screen was:\n\(try screen())")
        return ("", "")
    }
}

/// Whether the terminal is back in its normal cooked mode: line editing and echo on.
func isCookedWithEcho(_ stty: String) -> Bool {
    let flags = Set(stty.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
    return flags.contains("icanon") && flags.contains("echo") && flags.contains("isig")
}
