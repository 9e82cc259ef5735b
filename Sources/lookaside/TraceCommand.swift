import ArgumentParser
import FoundationEssentials
import Glibc
import Scenario

struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Run a program under valgrind lackey and feed its memory trace straight into the simulator.",
        discussion: "Example: lookaside trace --policy lru,clock,opt --sweep 8...64 -- ls -l /usr")

    @OptionGroup var options: SimulationOptions

    @Argument(parsing: .captureForPassthrough, help: "The program and its arguments (after --).")
    var command: [String] = []

    func validate() throws {
        guard !command.filter({ $0 != "--" }).isEmpty else { throw ValidationError("name the program to trace, after --") }
    }

    func run() throws {
        let program = command.first == "--" ? Array(command.dropFirst()) : command
        // The program traced is an input: a plot over it is refused before it runs.
        let plot = try options.plot.map {
            try OutputFile($0, what: "plot", inputs: program.prefix(1).map { $0.contains("/") ? $0 : findInPath($0) ?? $0 })
        }
        guard let valgrind = findInPath("valgrind") else {
            throw CommandFailure.unavailable(
                "lookaside trace: valgrind is not installed (apt-get install valgrind); or record a trace yourself with 'valgrind --tool=lackey --trace-mem=yes PROGRAM 2> trace.txt' and run 'lookaside sim --trace trace.txt'"
            )
        }
        // valgrind writes the trace to the pipe's write end, handed to it as descriptor 3. Both ends
        // are first moved above 10 and marked close-on-exec, so neither can be descriptor 3 itself.
        var raw: [Int32] = [-1, -1]
        guard Glibc.pipe(&raw) == 0 else {
            throw CommandFailure.unavailable("lookaside trace: cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        let pipe = raw.map { fcntl($0, F_DUPFD_CLOEXEC, 10) }
        raw.forEach { close($0) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 3)
        let arguments = [valgrind, "--tool=lackey", "--trace-mem=yes", "--log-fd=3"] + program
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, valgrind, &actions, nil, cArguments, environ)
        close(pipe[1])
        guard spawned == 0 else {
            close(pipe[0])
            throw CommandFailure.unavailable("lookaside trace: cannot start valgrind: \(String(cString: strerror(spawned)))")
        }
        var plan = options.makePlan()
        var reader = TraceReader(
            name: "valgrind lackey of \(program.joined(separator: " "))", descriptor: pipe[0],
            parser: TraceParser(pageSize: options.pageSize, format: .lackey, strict: false))
        do {
            _ = try reader.run(into: &plan.simulation)
        } catch {
            printError(error.description)
        }
        close(pipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        if !exited || code != 0 {
            printError(
                "warning: \(program[0]) under valgrind \(exited ? "exited with status \(code)" : "was killed by signal \(status & 0x7f)")")
        }
        plan.simulation.finish()
        guard plan.simulation.results.first.map({ $0.references > 0 }) == true else {
            throw CommandFailure.unreadable(
                "lookaside trace: valgrind produced no memory trace for '\(program.joined(separator: " "))' (is it an executable?)")
        }
        try options.report(plan, source: reader.name, plot: plot)
    }
}

func findInPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}
