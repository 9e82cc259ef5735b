#if canImport(Glibc)
    import Glibc
#endif
import CKernelHelper

/// The tool's end of one helper's channel: a line out (an operation), a line back (its answer),
/// each answer waited for at most `timeout` milliseconds.
struct HelperChannel {
    let process: String
    var pid: pid_t
    /// Written to: the helper's operations.
    var commands: Int32
    /// Read from: its answers.
    var answers: Int32
    var pending: [UInt8] = []
    /// Whether the tool spawned it (and must reap it), rather than another helper forking it.
    let spawned: Bool
    static let timeout: Int32 = 10_000

    /// Starts a helper: this program again, as `--kernel-helper`, with pipes for its standard input
    /// and output (posix_spawn: this process is never forked).
    static func spawn(process: String) throws(RealKernelError) -> HelperChannel {
        var toHelper: [Int32] = [0, 0], fromHelper: [Int32] = [0, 0]
        guard lookaside_pipe(&toHelper) == 0, lookaside_pipe(&fromHelper) == 0 else {
            throw .system("cannot make a pipe for a helper: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toHelper[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromHelper[1], 1)
        let arguments = ["lookaside", "--kernel-helper"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, "/proc/self/exe", &actions, nil, &argv, environ)
        close(toHelper[0])
        close(fromHelper[1])
        guard status == 0 else {
            close(toHelper[1])
            close(fromHelper[0])
            throw .system("cannot start a helper: \(String(cString: strerror(status)))")
        }
        var channel = HelperChannel(process: process, pid: pid, commands: toHelper[1], answers: fromHelper[0], spawned: true)
        let ready = try channel.answer()
        guard ready.hasPrefix("ready") else { throw .helper(process: process, "did not start: \(ready)") }
        return channel
    }

    /// The channel of a helper that another helper forks: the FIFOs `input` and `output` it opens.
    static func forked(process: String, pid: pid_t, input: String, output: String) throws(RealKernelError) -> HelperChannel {
        // Open the child's input without blocking, retrying until it has opened the other end.
        var commands: Int32 = -1
        for _ in 0..<1000 {
            commands = open(input, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            if commands >= 0 || errno != ENXIO { break }
            usleep(10_000)
        }
        guard commands >= 0 else { throw .helper(process: process, "was forked but never opened its channel") }
        _ = fcntl(commands, F_SETFL, fcntl(commands, F_GETFL) & ~O_NONBLOCK)
        let answers = open(output, O_RDONLY | O_CLOEXEC)
        guard answers >= 0 else { throw .system("cannot open a forked helper's channel: \(String(cString: strerror(errno)))") }
        var channel = HelperChannel(process: process, pid: pid, commands: commands, answers: answers, spawned: false)
        let ready = try channel.answer()
        guard ready.hasPrefix("ready") else { throw .helper(process: process, "did not start after the fork: \(ready)") }
        return channel
    }

    /// Sends one operation and waits for its answer; an `error` answer is thrown.
    mutating func request(_ line: String) throws(RealKernelError) -> String {
        let bytes = Array((line + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { lookaside_write_quietly(commands, $0.baseAddress, UInt($0.count)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw .helper(process: process, "ended (it crashed, or was killed) before it took '\(line)'") }
            written += n
        }
        let reply = try answer()
        if reply.hasPrefix("error") { throw .helper(process: process, "could not do '\(line)': \(reply.dropFirst(6))") }
        return reply
    }

    /// The next line the helper writes, waited for at most `timeout`.
    mutating func answer() throws(RealKernelError) -> String {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            var poller = pollfd(fd: answers, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Self.timeout)
            guard ready > 0 else { throw .helper(process: process, "did not answer within \(Self.timeout / 1000) s") }
            var buffer = [UInt8](repeating: 0, count: 512)
            let n = read(answers, &buffer, buffer.count)
            guard n > 0 else { throw .helper(process: process, "ended without answering (it crashed, or was killed)") }
            pending += buffer[..<n]
        }
    }

    /// Stops the helper at once and closes the channel.
    mutating func kill() {
        if pid > 0 { Glibc.kill(pid, SIGKILL) }
        reap()
    }

    /// Closes the channel and, for a helper the tool spawned, waits for it to end.
    mutating func reap() {
        if commands >= 0 { close(commands) }
        if answers >= 0 { close(answers) }
        commands = -1
        answers = -1
        if spawned, pid > 0 {
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
        pid = 0
    }
}
