import Foundation
import Testing

@Suite(.serialized) struct ReplayCommandTests {
    func temporary(_ name: String) -> String { NSTemporaryDirectory() + "lookaside-\(getpid())-\(name)" }

    @Test func aSessionRecordedInTheInterfaceReplaysExactly() throws {
        let file = temporary("recorded.lkr")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let tmux = try TmuxSession(["run", "lost-update", "--record", file], width: 100, height: 30)
        try tmux.waitFor("step 0 of 12")
        try tmux.send("n", "n", "n", "n")
        try tmux.waitFor("step 4 of 12")
        try tmux.send("b", ".", ".", "u")
        try tmux.waitFor("Next lost update at step 10.")
        try tmux.send("b", "b")
        try tmux.waitFor("step 8 of 12")
        try tmux.send("q")
        #expect(try tmux.ending().status == "EXIT=0")

        let verified = try lookaside(["play", file, "--verify"])
        #expect(verified.status == 0, "\(verified.standardError)")
        #expect(verified.standardOutput.contains("the recording ends at step 8"))
        let replayed = try lookaside(["play", file, "--headless"])
        let direct = try lookaside(["run", "lost-update", "--headless", "--steps", "8"])
        #expect(replayed.status == 0)
        #expect(replayed.standardOutput == direct.standardOutput)
        let json = try lookaside(["play", file, "--headless", "--format", "json"]).standardOutput
        #expect(json == (try lookaside(["run", "lost-update", "--headless", "--steps", "8", "--format", "json"]).standardOutput))

        // Out of the terminal: an asciinema cast of the same session, one frame per screen it showed.
        let cast = temporary("recorded.cast")
        defer { try? FileManager.default.removeItem(atPath: cast) }
        let exported = try lookaside(["export", file, "--size", "100x30", "-o", cast])
        #expect(exported.status == 0, "\(exported.standardError)")
        let lines = try String(contentsOfFile: cast, encoding: .utf8).split(separator: "\n")
        #expect(
            lines.first
                == #"{"height":30,"title":"Lookaside · The lost update: private copies written back at close","version":2,"width":100}"#)
        #expect(lines.count > 5 && lines.dropFirst().allSatisfy { $0.hasPrefix("[") && $0.contains(#","o",""#) })
        let page = temporary("recorded.html")
        defer { try? FileManager.default.removeItem(atPath: page) }
        #expect(try lookaside(["export", file, "--size", "100x30", "-o", page]).status == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>") && html.contains(#"<script type="application/json" id="frames">"#))
        // Debian's asciinema reads it back: what it prints is every frame the cast holds, in order.
        // (CI installs it and sets LOOKASIDE_REQUIRE_VIEWERS, so there it cannot be skipped.)
        let asciinema = "/usr/bin/asciinema"
        if FileManager.default.isExecutableFile(atPath: asciinema) || HeadlessChromium.required {
            // asciinema cat wants a terminal of its own (it opens /dev/tty): script(1) gives it one,
            // and its output goes to a file.
            let printed = temporary("cat.out")
            defer { try? FileManager.default.removeItem(atPath: printed) }
            let player = Process()
            player.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            player.arguments = ["-qec", "\(asciinema) cat '\(cast)' > '\(printed)'", "/dev/null"]
            player.standardInput = FileHandle.nullDevice
            player.standardOutput = FileHandle.nullDevice
            player.standardError = FileHandle.nullDevice
            try player.run()
            player.waitUntilExit()
            #expect(player.terminationStatus == 0)
            let frames = try lines.dropFirst().map { line in
                try #require((try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])?[2] as? String)
            }
            #expect(try String(contentsOfFile: printed, encoding: .utf8) == frames.joined())
        }
    }

    /// Every key that moves the simulation, in one recorded session: the replay verifies and ends
    /// where the live session ended.
    @Test func everyMovingKeyIsRecordedAndVerifies() throws {
        let file = temporary("every-key.lkr")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let tmux = try TmuxSession(["run", "lost-update", "--record", file], width: 100, height: 30)
        try tmux.waitFor("step 0 of 12")
        try tmux.send(":", "5", "Enter")
        try tmux.waitFor("step 5 of 12")
        try tmux.send("n", "b", "Left", "Right", ".", ".", ",")
        try tmux.send("/", "d", "i", "s", "k", "Enter")
        try tmux.waitFor("Next disk at step")
        try tmux.send("g", "f")
        try tmux.waitFor("Next fault at step")
        try tmux.send("e")
        try tmux.waitFor("No eviction between step")
        try tmux.send("u")
        try tmux.waitFor("Next lost update at step 10.")
        try tmux.send("c")
        try tmux.waitFor("merge conflict")
        try tmux.send("w", "g", "+", "+", "-", "G")
        try tmux.waitFor("step 12 of 12 (end)")
        try tmux.send(":", "3", "Enter", "Tab", "]", "j", "Q", "n")
        try tmux.waitFor("Press 1")
        try tmux.send("1")
        try tmux.waitFor("question 2 of 2")
        try tmux.send("s", "s", "s", "Q", "r")
        try tmux.waitFor("step 12 of 12 (end)", seconds: 20)
        try tmux.send("b", "b", "b")
        let live = try tmux.waitFor("step 9") { $0.contains("step 9 of 12") }
        #expect(live.contains("step 9 of 12"))
        try tmux.send("q")
        #expect(try tmux.ending().status == "EXIT=0")

        let text = try String(contentsOfFile: file, encoding: .utf8)
        for action in [
            "jump", "run-until", "event-forward", "event-back", "faster", "slower", "to-end", "to-start", "toggle-quiz", "answer",
            "toggle-run",
            "next-process", "next-pane", "scroll",
        ] {
            #expect(text.contains(#""action":"\#(action)""#), "\(action) not recorded")
        }
        let verified = try lookaside(["play", file, "--verify"])
        #expect(verified.status == 0, "\(verified.standardError)")
        #expect(verified.standardOutput.contains("the recording ends at step 9"))
        let replayed = try lookaside(["play", file, "--headless"])
        #expect(replayed.standardOutput == (try lookaside(["run", "lost-update", "--headless", "--steps", "9"]).standardOutput))
    }

    @Test func aKilledSessionLosesNothingRecorded() throws {
        let file = temporary("killed.lkr")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let tmux = try TmuxSession(["run", "thrashing", "--record", file], width: 100, height: 30)
        try tmux.waitFor("step 0 of")
        try tmux.send("n", "n", "n", "n", "n")
        try tmux.waitFor("step 5 of")
        let shell = try #require(
            Int32(try tmux.tmux(["list-panes", "-t", "main", "-F", "#{pane_pid}"]).split(separator: "\n").first ?? ""))
        kill(try childPID(of: shell), SIGKILL)
        #expect(try tmux.ending().status == "EXIT=137")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!text.contains(#""type":"end""#))
        let verified = try lookaside(["play", file, "--verify"])
        #expect(verified.status == 0, "\(verified.standardError)")
        #expect(verified.standardOutput.contains("5 actions and 5 step digests verified; the recording ends at step 5"))
        // Cut the last line in half, as a crash in mid-write would: it still replays, with a warning.
        let cut = String(text.dropLast(12))
        try cut.write(toFile: file, atomically: true, encoding: .utf8)
        let partial = try lookaside(["play", file, "--headless"])
        #expect(partial.status == 0)
        #expect(partial.standardError.contains("the last record is incomplete"))
        #expect(partial.standardOutput == (try lookaside(["run", "thrashing", "--headless", "--steps", "4"]).standardOutput))
    }

    /// The four ways a recording made in the interface once failed to verify: Esc pausing an
    /// auto-run, a prompt opened while running, keys that do not move taken during a long move,
    /// and q in the middle of one.
    @Test func interruptedSessionsVerify() throws {
        let file = temporary("interrupted.lkr"), scenario = temporary("interrupted.vmm")
        defer { for path in [file, scenario] { try? FileManager.default.removeItem(atPath: path) } }
        // Long enough that G takes several frames (the interface goes 20,000 steps a frame), of
        // reads the TLB answers, as they are the quickest steps to take.
        let reads = (0..<50_000).map { "  read 0x\(String(($0 % 4) * 0x1000, radix: 16))" }
        try ("frames 4\nprocess A\n  alloc 0x0 pages 4\n" + reads.joined(separator: "\n") + "\n")
            .write(toFile: scenario, atomically: true, encoding: .utf8)
        let tmux = try TmuxSession(["run", scenario, "--record", file], width: 100, height: 30)
        try tmux.waitFor("step 0")
        func shown() throws -> Int {
            let header = try tmux.screen().split(separator: "\n").first ?? ""
            let words = header.split(separator: " ")
            return words.firstIndex(of: "step").flatMap { Int(words[words.index(after: $0)]) } ?? -1
        }
        try tmux.send("r")
        _ = try tmux.waitFor("auto-run past step 2") { _ in (try? shown()) ?? 0 > 2 }
        try tmux.send("Escape")
        try tmux.waitFor("Paused")
        let paused = try shown()
        try tmux.send("r")
        _ = try tmux.waitFor("auto-run past the pause") { _ in (try? shown()) ?? 0 > paused + 2 }
        try tmux.send(":")
        try tmux.waitFor("Jump to step")
        try tmux.send("Escape", "r")
        _ = try tmux.waitFor("auto-run again") { _ in (try? shown()) ?? 0 > paused + 5 }
        try tmux.send("/")
        try tmux.waitFor("Run until")
        try tmux.send("Escape", "G")
        try tmux.waitFor("Going to the end")
        try tmux.send("j", "Tab", "]", "a", "t", "-")
        try tmux.waitFor("Going to the end")
        try tmux.send("q")
        #expect(try tmux.ending(seconds: 30).status == "EXIT=0")

        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(#""action":"pause""#))
        let verified = try lookaside(["play", file, "--verify"])
        #expect(verified.status == 0, "\(verified.standardError)")
        let ended = try #require(
            verified.standardOutput.split(separator: "the recording ends at step ").last.flatMap { Int($0.prefix { $0.isNumber }) })
        #expect(ended > paused)
    }

    @Test func aTamperedRecordingIsRejectedWithItsFirstDivergence() throws {
        let file = temporary("tampered.lkr")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let tmux = try TmuxSession(["run", "tour", "--record", file], width: 100, height: 30)
        try tmux.waitFor("step 0 of")
        try tmux.send("n", "n", "n")
        try tmux.waitFor("step 3 of")
        try tmux.send("q")
        _ = try tmux.ending()
        var lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        let second = try #require(lines.firstIndex { $0.contains(#""step":2,"type":"step""#) })
        lines[second] = #"{"digest":"00000000000000ff","step":2,"type":"step"}"#
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try lookaside(["play", file, "--verify"])
        #expect(result.status == ExitStatus.diverged)
        #expect(
            result.standardError.contains(
                "the replay diverges from the simulation at step 2: event digest: expected 00000000000000ff, found "))
    }

    @Test func everyDamagedReplayGetsItsOwnMessage() throws {
        let folder = packageRoot.appendingPathComponent("Tests/RecordingTests/BadReplays")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".lkr") }.sorted()
        #expect(names.count >= 12)
        var messages = Set<String>()
        for name in names {
            let path = folder.appendingPathComponent(name).path
            let firstLine =
                try String(contentsOfFile: String(path.dropLast(4)) + ".expected", encoding: .utf8).split(separator: "\n").first.map(
                    String.init) ?? ""
            for arguments in [["play", path, "--headless"], ["play", path, "--verify"]] {
                let result = try lookaside(arguments, timeout: 20)
                #expect(result.status == ExitStatus.invalid, "\(name)")
                #expect(result.standardError.contains("\(path):\(firstLine)"), "\(name): \(result.standardError)")
            }
            messages.insert(firstLine)
        }
        #expect(messages.count == names.count, "each kind of damage has its own message")
        let missing = try lookaside(["play", temporary("nowhere.lkr")])
        #expect(missing.status == ExitStatus.unreadable && missing.standardError.contains("no such replay file"))
    }
}

/// `--record` never destroys a file: not the scenario being run, not an existing file without
/// `--force`, never through a symbolic link; and nothing is created when the session cannot start.
@Suite struct RecordTargetTests {
    func temporary(_ name: String) -> String { NSTemporaryDirectory() + "lookaside-target-\(getpid())-\(name)" }

    @Test func theScenarioBeingRunIsNeverOverwritten() throws {
        let scenario = temporary("lesson.vmm")
        defer { try? FileManager.default.removeItem(atPath: scenario) }
        let text = try String(contentsOf: packageRoot.appendingPathComponent("scenarios/tour.vmm"), encoding: .utf8)
        try text.write(toFile: scenario, atomically: true, encoding: .utf8)
        for extra in [[], ["--force"]] {
            let result = try lookaside(["run", scenario, "--record", scenario] + extra)
            #expect(result.status == ExitStatus.output)
            #expect(result.standardError == "\(scenario): this is the scenario being run; record to another file\n")
            #expect(try String(contentsOfFile: scenario, encoding: .utf8) == text)
        }
    }

    @Test func anExistingFileNeedsForceAndALinkIsRefused() throws {
        let existing = temporary("existing.lkr"), link = temporary("link.lkr"), fresh = temporary("fresh.lkr")
        defer { for path in [existing, link, fresh] { try? FileManager.default.removeItem(atPath: path) } }
        try "keep\n".write(toFile: existing, atomically: true, encoding: .utf8)
        let refused = try lookaside(["run", "tour", "--record", existing])
        #expect(refused.status == ExitStatus.output)
        #expect(refused.standardError == "\(existing): already exists; use --force to replace it, or record to another file\n")
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep\n")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: existing)
        let linked = try lookaside(["run", "tour", "--record", link, "--force"])
        #expect(linked.standardError == "\(link): is a symbolic link; --record writes only to a file itself\n")
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep\n")
        // Without a terminal the session cannot start, and no file is created.
        let noTerminal = try lookaside(["run", "tour", "--record", fresh])
        #expect(noTerminal.status == ExitStatus.unavailable && noTerminal.standardError.contains("needs a terminal"))
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }
}
