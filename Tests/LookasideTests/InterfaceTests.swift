import Foundation
import Testing

/// The real binary in a real terminal. Serialized: each test runs its own tmux server, and
/// two at once would compete for the machine's two cores.
@Suite(.serialized) struct InterfaceTests {
    @Test func theDefaultScenarioStepsForwardAndBackResizesAndQuits() throws {
        let tmux = try TmuxSession([], width: 100, height: 30)
        try tmux.waitFor("step 0 of 13")
        var screen = try tmux.screen()
        #expect(screen.contains("Lookaside · A first tour: the TLB, the page table and the frames"))
        #expect(screen.contains("┌ Frames · LRU"))

        try tmux.send("n", "n", "n")
        try tmux.waitFor("step 3 of 13")
        screen = try tmux.screen()
        #expect(screen.contains("Step 3 · A: read 0x10000"))
        #expect(screen.contains("Major page fault: page 0 of notes.txt is not in memory"))
        #expect(screen.contains("│0 notes.txt p0 A@0x10"))

        try tmux.send("b")
        try tmux.waitFor("step 2 of 13")
        #expect(try tmux.screen().contains("│0 free "))

        try tmux.send("Space")
        try tmux.waitFor("step 3 of 13")

        try tmux.resize(width: 60, height: 20)
        try tmux.waitFor("Terminal too small: 60x20.")
        try tmux.resize(width: 160, height: 45)
        screen = try tmux.waitFor("the wide layout") { $0.contains("step 3 of 13") && $0.contains("┌ Files · write-back · shared") }
        #expect(screen.split(separator: "\n")[1].count == 160)

        try tmux.send("?")
        try tmux.waitFor("run until the next fault")
        try tmux.send("x")
        try tmux.waitFor("help closed") { !$0.contains("run until the next fault") }

        try tmux.send("G")
        try tmux.waitFor("step 13 of 13 (end)")
        try tmux.send("q")
        let (status, stty) = try tmux.ending()
        #expect(status == "EXIT=0")
        #expect(isCookedWithEcho(stty), "terminal modes after quit: \(stty)")
    }

    /// The story of a run in a real terminal: text search, the history above the step, the
    /// anatomy of an access, and several CPUs' TLBs.
    @Test func searchHistoryAnatomyAndCPUs() throws {
        let tmux = try TmuxSession(["run", "lost-update"], width: 120, height: 40)
        try tmux.waitFor("step 0 of")
        try tmux.send("/", "o", "w", "n", "Space", "c", "o", "p", "y")
        try tmux.waitFor("Enter: find this text")
        try tmux.send("Enter")
        try tmux.waitFor("'own copy' at step")
        var screen = try tmux.screen()
        #expect(screen.contains("(/ Enter: next, N: previous)"))
        // The steps before are told above the step shown.
        #expect(screen.contains("│B reads 0x20000 (page 0x20, word 0) = 10 from frame 0."))
        #expect(screen.contains("│Step 5 · A: write 0x10000 11") && screen.contains(" above ─┘"))
        // A click (an X10 mouse report, as the terminal sends it) on frame 0's row opens its life.
        let lines = try tmux.screen().split(separator: "\n").map(String.init)
        let row = try #require(lines.firstIndex { $0.contains("┌ Frames ·") })
        let column = try #require(lines[row].components(separatedBy: "┌ Frames ·").first?.count) + 3
        // Button 1 at (column, row + 2): the frame table's first row, under the border and heading.
        try tmux.sendLiteral(
            "\u{1b}[M" + String(UnicodeScalar(32)) + String(UnicodeScalar(UInt8(33 + column))) + String(UnicodeScalar(UInt8(33 + row + 2))))
        try tmux.waitFor("Inspect · frame 0")
        try tmux.send("Escape")
        try tmux.waitFor("inspector closed") { !$0.contains("Inspect · frame 0") }
        try tmux.send("a")
        try tmux.waitFor("Address anatomy on")
        screen = try tmux.screen()
        #expect(screen.contains("page-table entry: present 1"))
        try tmux.send("q")
        #expect(try tmux.ending().0 == "EXIT=0")

        let cpus = try TmuxSession(["run", "shootdown-cost"], width: 120, height: 40)
        try cpus.waitFor("step 0 of")
        try cpus.send(":", "8", "Enter")
        try cpus.waitFor("step 8 of")
        screen = try cpus.screen()
        #expect(screen.contains("TLB × 3 CPUs"))
        #expect(screen.contains("IPI: CPU 1 interrupts CPU 0"))
        try cpus.resize(width: 80, height: 24)
        try cpus.waitFor("TLB CPU 1/3 · t: next")
        try cpus.send("t")
        try cpus.waitFor("TLB CPU 2/3 · t: next")
        try cpus.send("q")
        #expect(try cpus.ending().0 == "EXIT=0")
    }

    /// `run FILE --watch`: a save reloads the scenario at the same step; a broken save shows its
    /// errors and keeps the session; E runs the editor and reloads what it wrote.
    @Test func watchReloadsTheScenarioWhenItsFileChanges() throws {
        let path = NSTemporaryDirectory() + "lookaside-watch-\(getpid()).vmm"
        let editor = NSTemporaryDirectory() + "lookaside-editor-\(getpid()).sh"
        defer { [path, editor].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let text = "title Watched\nframes 2\nprocess P\n  alloc 0x0 pages 3\n  read 0x0\n  read 0x1000\n  read 0x2000\n"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        // A stand-in editor: adds one read to the file it is given.
        try "#!/bin/sh\necho '  read 0x0' >> \"$1\"\n".write(toFile: editor, atomically: false, encoding: .utf8)
        chmod(editor, 0o755)
        let tmux = try TmuxSession(["run", path, "--watch"], width: 90, height: 26, before: "export EDITOR=\(editor)")
        try tmux.waitFor("step 0 of 5")
        try tmux.send("n", "n", "n")
        try tmux.waitFor("step 3 of 5")
        try (text + "  read 0x1000\n").write(toFile: path, atomically: false, encoding: .utf8)
        try tmux.waitFor("step 3 of 6")
        try tmux.waitFor("Reloaded \(path): at step 3.")
        try (text.replacingOccurrences(of: "read 0x2000", with: "raed 0x2000")).write(toFile: path, atomically: false, encoding: .utf8)
        try tmux.waitFor("unknown word 'raed'; did you mean 'read'?")
        #expect(try tmux.screen().contains("step 3 of 6"), "the session goes on")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try tmux.waitFor("step 3 of 5")
        try tmux.send("E")
        try tmux.waitFor("step 3 of 6")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("  read 0x2000\n  read 0x0\n"))
        try tmux.send("q")
        #expect(try tmux.ending().0 == "EXIT=0")
    }

    /// An EDITOR that names no program, or only blanks, is said so on the status line; the
    /// session goes on, and the scenario file is never run as a program.
    @Test(arguments: [
        ("EDITOR=no-such-editor", "Cannot start the editor 'no-such-editor'"),
        ("VISUAL='   ' EDITOR=no-such-either", "Cannot start the editor 'no-such-either'"),
    ])
    func anEditorThatCannotStartIsReported(editor: String, message: String) throws {
        let path = NSTemporaryDirectory() + "lookaside-noeditor-\(getpid())-\(editor.count).vmm"
        // Executable, so that running it (the blanks taken for an editor) would be seen.
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = "title Watched\nprocess P\n  alloc 0x0\n  read 0x0\n"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o755)
        let tmux = try TmuxSession(["run", path, "--watch"], width: 90, height: 26, before: "unset VISUAL; export \(editor)")
        try tmux.waitFor("step 0 of 3")
        try tmux.send("E")
        try tmux.waitFor(message)
        #expect(try !tmux.screen().contains("Reloaded"))
        try tmux.send("n")
        try tmux.waitFor("step 1 of 3")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        try tmux.send("q")
        #expect(try tmux.ending().0 == "EXIT=0")
    }

    @Test func controlCQuitsAndRestoresTheTerminal() throws {
        let tmux = try TmuxSession(["run", "thrashing"], width: 90, height: 26)
        try tmux.waitFor("step 0 of")
        try tmux.send("r")
        try tmux.send("C-c")
        let (status, stty) = try tmux.ending()
        #expect(status == "EXIT=0")
        #expect(isCookedWithEcho(stty), "terminal modes after Ctrl-C: \(stty)")
    }

    /// SIGTERM, SIGHUP and a crash (SIGSEGV) each restore the terminal, and the program still dies
    /// of its signal (exit 128 + the signal), so shells and debuggers see it.
    @Test(arguments: [(SIGTERM, "EXIT=143"), (SIGHUP, "EXIT=129"), (SIGSEGV, "EXIT=139")])
    func aSignalRestoresTheTerminal(signal: Int32, status expected: String) throws {
        let tmux = try TmuxSession(["run", "tour"], width: 90, height: 26)
        try tmux.waitFor("step 0 of")
        // The pane's shell runs lookaside as its child.
        let shell = try #require(
            Int32(try tmux.tmux(["list-panes", "-t", "main", "-F", "#{pane_pid}"]).split(separator: "\n").first ?? ""))
        kill(try childPID(of: shell), signal)
        let (status, stty) = try tmux.ending()
        #expect(status == expected)
        #expect(isCookedWithEcho(stty), "terminal modes after signal \(signal): \(stty)")
    }

    @Test func resizingThenQuittingLeavesTheShellsScreenAsItWas() throws {
        let tmux = try TmuxSession(["run", "tour"], width: 80, height: 24, before: "clear; echo shell-line-before")
        try tmux.waitFor("step 0 of 13")
        try tmux.send("n", "n")
        try tmux.resize(width: 160, height: 50)
        try tmux.waitFor("the wide layout") { $0.contains("step 2 of 13") && $0.split(separator: "\n").count >= 48 }
        try tmux.resize(width: 80, height: 24)
        try tmux.waitFor("the narrow layout") { $0.contains("step 2 of 13") && $0.split(separator: "\n").first?.count ?? 0 <= 80 }
        try tmux.send("q")
        let (status, _) = try tmux.ending()
        #expect(status == "EXIT=0")
        // The shell's screen and its history hold what the shell wrote, and nothing of ours.
        let everything = try tmux.tmux(["capture-pane", "-p", "-S", "-1000", "-t", "main"])
        #expect(everything.contains("shell-line-before"))
        for mark in ["│", "─", "┌", "Lookaside", "step 2 of 13"] {
            #expect(!everything.contains(mark), "'\(mark)' was left on the shell's screen:\n\(everything)")
        }
    }

    @Test func aRecordingThatHitsTheFileSizeLimitEndsWithAMessage() throws {
        let path = NSTemporaryDirectory() + "lookaside-limit-\(getpid()).lkr"
        defer { try? FileManager.default.removeItem(atPath: path) }
        // 4 KiB: the header fits, and a few dozen steps later a write fails with EFBIG.
        let tmux = try TmuxSession(["run", "thrashing", "--record", path], width: 90, height: 26, before: "ulimit -f 4")
        try tmux.waitFor("step 0 of")
        for _ in 0..<40 { try tmux.send("n", "b", "n") }
        let (status, stty) = try tmux.ending()
        #expect(status == "EXIT=\(ExitStatus.output)")
        #expect(isCookedWithEcho(stty), "terminal modes after the failed write: \(stty)")
        let screen = try tmux.screen()
        #expect(screen.contains("\(path): the recording could not be written: File too large"))
        // What was written before the limit is a readable recording.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("{") && text.utf8.count <= 4096)
    }

    @Test func keysAreAnsweredWhileRunningAtTopSpeed() throws {
        // 20,000 references: minutes of work at 1000 steps a second, so it is surely mid-run.
        let path = NSTemporaryDirectory() + "lookaside-long-\(getpid()).vmm"
        let refs = (0..<20_000).map { String(($0 * 7) % 13) }.joined(separator: " ")
        try "title Long\nframes 4\nprocess P\n  alloc 0 pages 13\n  refs \(refs)\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let tmux = try TmuxSession(["run", path, "--ascii"], width: 90, height: 26)
        try tmux.waitFor("step 0 of 20002")
        for _ in 0..<9 { try tmux.send("+") }
        try tmux.send("r")
        let running = try tmux.waitFor("auto-run at 1000/s, under way") { $0.contains("> 1000/s") && (shownStep($0) ?? 0) > 0 }
        #expect(!running.contains("(end)"))
        let allASCII = running.allSatisfy { $0.isASCII }
        #expect(allASCII)
        try tmux.send("p")
        let paused = try tmux.waitFor("pause") { !$0.contains("> 1000/s") }
        let step = try #require(shownStep(paused))
        #expect(step > 0 && step < 20_002)
        try tmux.send("q")
        let (status, stty) = try tmux.ending()
        #expect(status == "EXIT=0")
        #expect(isCookedWithEcho(stty))
    }

    @Test func withoutATerminalItSaysToUseHeadless() throws {
        let result = try lookaside(["run", "tour"])
        #expect(result.status == ExitStatus.unavailable)
        #expect(result.standardError.contains("needs a terminal; use --headless"))
    }
}

/// The step number in the header line ("step 345 of 20002").
func shownStep(_ screen: String) -> Int? {
    screen.split(separator: "\n").first.flatMap { $0.split(separator: " ").drop { $0 != "step" }.dropFirst().first }.flatMap { Int($0) }
}

func childPID(of parent: Int32) throws -> Int32 {
    for _ in 0..<100 {
        if let text = try? String(contentsOfFile: "/proc/\(parent)/task/\(parent)/children", encoding: .utf8),
            let first = text.split(separator: " ").first, let pid = Int32(first)
        {
            return pid
        }
        usleep(50_000)
    }
    throw CommandError("no child process of \(parent)")
}
