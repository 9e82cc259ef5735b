import Glibc

/// Start-up of the real program: each command spawned `runs` times, interleaved with `/bin/true`
/// (the cost of starting any process here), stdout and stderr to /dev/null. Reported as the
/// fastest run (other work on a shared machine only ever adds time), the tenth percentile and
/// the median, and the fastest as a multiple of `/bin/true`'s.
func startup(binary: String, runs: Int = 150) {
    let commands: [(name: String, arguments: [String])] = [
        ("/bin/true", []), ("--version", ["--version"]), ("sim --refs 1,2,3 --json", ["sim", "--refs", "1,2,3", "--json"]),
        ("list", ["list"]),
    ]
    var times = commands.map { _ in [Double]() }
    for _ in 0..<runs {
        for (index, command) in commands.enumerated() {
            let path = index == 0 ? "/bin/true" : binary
            times[index].append(timeSpawn(path, command.arguments))
        }
    }
    let floor = times[0].min()!
    print("start-up of \(binary), \(runs) runs each, interleaved")
    for (index, command) in commands.enumerated() {
        let sorted = times[index].sorted()
        let (fast, tenth, middle) = (sorted[0], sorted[runs / 10], sorted[runs / 2])
        let line = "  \(command.name)".padding(toLength: 30, withPad: " ", startingAt: 0)
        print(line + String(format: "fastest %5.2f ms  p10 %5.2f ms  median %5.2f ms  %5.1fx /bin/true", fast, tenth, middle, fast / floor))
    }
}

/// Milliseconds from spawning `path` to its exit.
private func timeSpawn(_ path: String, _ arguments: [String]) -> Double {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let clock = ContinuousClock()
    let start = clock.now
    var pid: pid_t = 0
    guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { fatalError("cannot start \(path)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return seconds(clock.now - start) * 1e3
}
