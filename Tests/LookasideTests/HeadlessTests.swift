import Foundation
import Testing
import Scenario

@Suite struct HeadlessTests {
    @Test func listShowsEveryBundledScenarioWithItsTitle() throws {
        let result = try lookaside(["list"])
        #expect(result.status == 0)
        for name in BundledScenarios.names {
            let title = try #require(try BundledScenarios.load(name)).title
            #expect(result.standardOutput.contains(title), "\(name)")
        }
    }

    @Test func headlessTextShowsStepsStateCountersAndLesson() throws {
        let result = try lookaside(["run", "tour", "--headless"])
        #expect(result.status == 0)
        let out = result.standardOutput
        #expect(out.hasPrefix("Lookaside · A first tour"))
        #expect(out.contains("step 1  A  map notes.txt at 0x10000 shared"))
        #expect(out.contains("major-fault     Major page fault: page 0 of notes.txt is not in memory"))
        for heading in [
            "Processes", "Page table of A", "TLB", "Frames", "Swap (0 of 8 slots used)", "Files on disk", "Counters", "Lesson checks",
        ] {
            #expect(out.contains("\n\(heading)\n"), "missing \(heading)")
        }
        #expect(out.contains("✓ major-faults = 2"))
        #expect(!out.contains("✗"))
    }

    @Test func stepsStopsEarlyAndSaysSo() throws {
        let out = try lookaside(["run", "tour", "--headless", "--steps", "3"]).standardOutput
        #expect(out.contains("step 3 "))
        #expect(!out.contains("step 4 "))
        #expect(out.contains("State after step 3 (stopped early; the scenario has not ended)"))
        #expect(out.contains("Lesson checks are made when the scenario ends."))
    }

    @Test func jsonIsOneDocumentWithTheDocumentedKeys() throws {
        let result = try lookaside(["run", "lost-update", "--headless", "--format", "json", "--seed", "5"])
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(document["format"] as? String == "lookaside-run")
        #expect(document["version"] as? Int == 1)
        let configuration = try #require(document["configuration"] as? [String: Any])
        #expect(configuration["seed"] as? Int == 5)
        #expect(configuration["sharing"] as? String == "private-close")
        let steps = try #require(document["steps"] as? [[String: Any]])
        let events = steps.flatMap { ($0["events"] as? [[String: Any]]) ?? [] }
        let lost = try #require(events.first { $0["kind"] as? String == "lost-update" })
        #expect(lost["process"] as? String == "B")
        #expect(lost["other_process"] as? String == "A")
        let counters = try #require(document["counters"] as? [String: Any])
        #expect((counters["total"] as? [String: Int])?["lost_updates"] == 1)
        #expect((counters["per_process"] as? [String: [String: Int]])?["B"]?["lost_updates"] == 1)
        let final = try #require(document["final"] as? [String: Any])
        #expect(final["finished"] as? Bool == true)
        #expect((final["frames"] as? [Any])?.count == 4)
        #expect((document["lesson"] as? [[String: Any]])?.allSatisfy { $0["passed"] as? Bool == true } == true)
    }

    @Test func snapshotsAndPlotsForSlides() throws {
        let directory = NSTemporaryDirectory() + "lookaside-export-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["step.svg", "step.html", "step.txt"] {
            let result = try lookaside(["snapshot", "lost-update", "--step", "10", "--size", "100x30", "-o", "\(directory)/\(name)"])
            #expect(result.status == 0, "\(result.standardError)")
        }
        let svg = try String(contentsOfFile: "\(directory)/step.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"840\" height=\"510\""))
        #expect(svg.contains("Lost update: B writes back word 0 of page 0 of counter.txt as 20"))
        let html = try String(contentsOfFile: "\(directory)/step.html", encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>") && !html.contains("<script"))
        let text = try String(contentsOfFile: "\(directory)/step.txt", encoding: .utf8)
        #expect(text.split(separator: "\n").count == 30 && text.contains("step 10 of 12"))
        // The same screen twice: the same bytes.
        #expect(try lookaside(["snapshot", "lost-update", "--step", "10", "--size", "100x30", "--format", "svg"]).standardOutput == svg)
        let small = try lookaside(["snapshot", "tour", "--size", "60x20"])
        #expect(small.status == 64 && small.standardError.contains("--size takes WIDTHxHEIGHT from 80x24 to 500x200, not '60x20'"))
        let plot = try lookaside([
            "sim", "--refs", "1,2,3,4,1,2,5,1,2,3,4,5", "--policy", "fifo,lru", "--sweep", "1...7", "--plot", "\(directory)/curve.svg",
        ])
        #expect(plot.status == 0)
        let curve = try String(contentsOfFile: "\(directory)/curve.svg", encoding: .utf8)
        #expect(curve.contains("class=\"anomaly\" data-policy=\"fifo\" data-frames=\"4\""))
        let noSweep = try lookaside(["sim", "--refs", "1,2", "--plot", "\(directory)/x.svg"])
        #expect(noSweep.status == 64 && noSweep.standardError.contains("--plot draws a fault curve: give --sweep FROM...TO too"))
    }

    @Test func aHandoutWithTheStateAfterTheWatchedSteps() throws {
        let watched = try lookaside(["run", "tlb-per-cpu", "--headless", "--format", "markdown", "--states-at", "watched"])
        #expect(watched.status == 0)
        let states = watched.standardOutput.split(separator: "\n").filter { $0.hasPrefix("#### State after step") }
        #expect(states == ["#### State after step 4", "#### State after step 5", "#### State after step 8", "#### State after step 9"])
        // The state after step 5: P runs on CPU 1, whose TLB now holds both of P's pages.
        let afterFive = try #require(watched.standardOutput.components(separatedBy: "#### State after step 5").last)
        #expect(afterFive.contains("##### TLB of CPU 1 (runs P)\n\n| entry | set | asid | page | frame | write | dirty | state |"))
        #expect(afterFive.contains("| 1 | 0 | P | 0x1 | 1 | W | · | valid |"))
        let every = try lookaside(["run", "replacement", "--headless", "--states", "--steps", "3"]).standardOutput
        #expect(every.split(separator: "\n").filter { $0.hasPrefix("  State after step") }.count == 3)
        let some = try lookaside(["run", "replacement", "--headless", "--states-at", "2,3"]).standardOutput
        #expect(
            some.split(separator: "\n").filter { $0.hasPrefix("  State after step") } == ["  State after step 2", "  State after step 3"])
        let json = try lookaside(["run", "tour", "--headless", "--format", "json", "--states"])
        #expect(
            json.status == 64
                && json.standardError.contains("--states, --states-at and --anatomy add to a headless text or markdown report"))
        let bad = try lookaside(["run", "tour", "--headless", "--states-at", "3,x"])
        #expect(
            bad.status == 64
                && bad.standardError.contains("--states-at takes 'watched' or step numbers separated by commas (e.g. 3,8), not '3,x'"))
        let none = try lookaside(["run", "tour", "--headless", "--states-at", "watched"])
        #expect(none.status == 0 && none.standardError.contains("warning: the lesson's watch lines name no step"))
    }

    @Test func markdownIsAHandout() throws {
        let out = try lookaside(["run", "versions", "--headless", "--format", "markdown"]).standardOutput
        #expect(out.hasPrefix("# A new version per writer, with compare-and-merge\n"))
        #expect(out.contains("### Step 1: A — `map doc at 0x10000 shared`"))
        #expect(out.contains("- **merge-conflict** — Merge conflict"))
        #expect(out.contains("| frame | holds | mapped by |"))
    }

    @Test func setOverridesAPolicy() throws {
        let fifo = try lookaside(["run", "replacement", "--headless", "--format", "json"]).standardOutput
        let opt = try lookaside(["run", "replacement", "--headless", "--format", "json", "--set", "replacement=opt"]).standardOutput
        func faults(_ json: String) throws -> Int? {
            let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            return ((document?["counters"] as? [String: Any])?["total"] as? [String: Int])?["page_faults"]
        }
        #expect(try faults(fifo) == 15)
        #expect(try faults(opt) == 9)
        let bad = try lookaside(["run", "replacement", "--headless", "--set", "replacement=lur"])
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("--set:1:13: unknown policy 'lur' (did you mean 'lru'?)"))
    }

    @Test func aUsersOwnFileWorksFromAnyDirectory() throws {
        let path = NSTemporaryDirectory() + "lookaside-own-\(getpid()).vmm"
        try "title Mine\nprocess P\n  alloc 0\n  write 0 3\n  read 0\nexpect writes = 1\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try lookaside(["run", path, "--headless"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("P reads 0x0 (page 0x0, word 0) = 3"))
        #expect(result.standardOutput.contains("✓ writes = 1"))
    }

    @Test func unknownScenarioAndDirectoryAreClearErrors() throws {
        let missing = try lookaside(["run", "no-such-lesson", "--headless"])
        #expect(missing.status == ExitStatus.unreadable)
        #expect(missing.standardError.contains("no scenario file or bundled scenario named 'no-such-lesson'"))
        let directory = try lookaside(["run", NSTemporaryDirectory(), "--headless"])
        #expect(directory.status == ExitStatus.unreadable)
        #expect(directory.standardError.contains("it is a directory"))
    }

    @Test func checkPassesTheLibraryAndRunsItsLessons() throws {
        let result = try lookaside(["check", "--run"])
        #expect(result.status == 0)
        #expect(result.standardOutput.split(separator: "\n").count == BundledScenarios.names.count)
    }

    @Test func eachKindOfFailureHasItsOwnExitStatus() throws {
        let scratch = try OutputFileTests.Scratch()
        let wrong = scratch.file("wrong.vmm"), broken = scratch.file("broken.vmm")
        try "title Wrong\nprocess P\n  alloc 0\n  write 0 3\nexpect writes = 2\n".write(toFile: wrong, atomically: true, encoding: .utf8)
        try "title Broken\nprocess P\n  fly 0\n".write(toFile: broken, atomically: true, encoding: .utf8)
        // A lesson whose checks fail is not a file that cannot be read or parsed.
        let failed = try lookaside(["check", "--run", wrong])
        #expect(failed.status == ExitStatus.lessonChecksFailed)
        #expect(failed.standardError.contains("\(wrong):5: lesson check failed: expect writes = 2 (it was 1)"))
        // Both at once: every file's problem is said, and the broken file sets the status.
        let both = try lookaside(["check", "--run", wrong, broken])
        #expect(both.status == ExitStatus.invalid)
        #expect(both.standardError.contains("lesson check failed") && both.standardError.contains("\(broken):3:"))
        let unreadable = try lookaside(["check", scratch.file("absent.vmm")])
        #expect(unreadable.status == ExitStatus.unreadable)
        #expect(try lookaside(["check", "--run", wrong, scratch.file("absent.vmm")]).status == ExitStatus.unreadable)
        // Arguments that make no sense together are usage, as ArgumentParser's own mistakes are.
        #expect(try lookaside(["sim", "--refs", "1,x"]).status == ExitStatus.usage)
        #expect(try lookaside(["run", "--no-such-option"]).status == ExitStatus.usage)
    }

    @Test func checkFailsEveryBrokenFileWithItsPreciseError() throws {
        let folder = packageRoot.appendingPathComponent("Tests/ScenarioTests/BadScenarios")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".vmm") }.sorted()
        #expect(names.count >= 20)
        for name in names {
            let path = folder.appendingPathComponent(name).path
            let expected =
                try String(contentsOfFile: String(path.dropLast(4)) + ".expected", encoding: .utf8).split(separator: "\n").first.map(
                    String.init) ?? ""
            let result = try lookaside(["check", path], timeout: 20)
            #expect(result.status == ExitStatus.invalid, "\(name)")
            #expect(result.standardError.contains("\(path):\(expected)"), "\(name): \(result.standardError)")
        }
    }
}

/// Output that cannot be written is a failure with its reason, never a silent exit status 0.
@Suite struct OutputFailureTests {
    @Test(arguments: [
        ["run", "tour", "--headless"], ["run", "tour", "--headless", "--format", "json"], ["sim", "--refs", "1,2,3", "--json"],
        ["check"], ["list"], ["exercise", "tlb", "--answers"],
    ])
    func aFullDiskIsAFailure(arguments: [String]) throws {
        let process = Process()
        process.executableURL = try lookasideBinary()
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == ExitStatus.output, "\(arguments)")
        #expect(message == "lookaside: cannot write to standard output: No space left on device\n", "\(arguments)")
    }
}

/// A path that is not a regular file, or is too large, is named for what it is, before anything is read.
@Suite struct InputFileTests {
    @Test func specialFilesAreNamedForWhatTheyAre() throws {
        let fifo = NSTemporaryDirectory() + "lookaside-fifo-\(getpid()).vmm"
        defer { try? FileManager.default.removeItem(atPath: fifo) }
        #expect(mkfifo(fifo, 0o600) == 0)
        let cases: [([String], String)] = [
            (["check", fifo], "\(fifo): cannot read: it is a pipe (FIFO), not a file; expected a .vmm scenario\n"),
            (["check", "/dev/zero"], "/dev/zero: cannot read: it is a character device, not a file; expected a .vmm scenario\n"),
            (["play", "/dev/null"], "/dev/null: cannot read: it is a character device, not a file; expected a .lkr replay file\n"),
            (["sim", "--trace", "/dev/zero"], "/dev/zero: is a character device, not a file; expected a trace file\n"),
        ]
        for (arguments, message) in cases {
            let result = try lookaside(arguments, timeout: 20)
            #expect(result.status == ExitStatus.unreadable, "\(arguments)")
            #expect(result.standardError == message, "\(arguments)")
        }
    }

    @Test func anOversizedFileIsRefusedBeforeItIsRead() throws {
        let big = NSTemporaryDirectory() + "lookaside-big-\(getpid()).vmm"
        defer { try? FileManager.default.removeItem(atPath: big) }
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try handle.truncate(atOffset: 1 << 31)
        try handle.close()
        let result = try lookaside(["check", big], timeout: 20)
        #expect(result.status == ExitStatus.unreadable)
        #expect(result.standardError == "\(big): cannot read: it is 2147483648 bytes; a .vmm scenario may be at most 16777216 bytes\n")
    }
}
