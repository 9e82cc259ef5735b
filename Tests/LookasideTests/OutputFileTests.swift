import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Every file a command writes (`export -o`, `snapshot -o`, `sim --plot`) goes through one function
/// that never destroys what the user has: each kind of path, in a scratch directory of its own.
@Suite struct OutputFileTests {
    /// A directory of this test's own, removed at the end.
    final class Scratch {
        let path: String
        init() throws {
            var template = Array((NSTemporaryDirectory() + "lookaside-out-XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else { throw CommandError("mkdtemp failed") }
            path = String(cString: made)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func file(_ name: String) -> String { path + "/" + name }
    }

    static let recording = """
        {"format":"lookaside-replay","program":"0.1.0","scenario_path":"scenarios/x.vmm","scenario_source":"title X\\nprocess P\\n  alloc 0\\n  read 0\\n","seed":1,"settings":[],"type":"header","version":1}
        {"step":0,"time":0.5,"type":"end"}

        """

    func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    func status(_ path: String, following: Bool = true) -> stat {
        var info = stat()
        _ = following ? stat(path, &info) : lstat(path, &info)
        return info
    }

    @Test func anOutputOntoItsInputIsRefusedAndTheInputKept() throws {
        let scratch = try Scratch()
        let replay = scratch.file("walk.lkr"), scenario = scratch.file("lesson.vmm"), link = scratch.file("link.vmm")
        let trace = scratch.file("refs.txt")
        try Self.recording.write(toFile: replay, atomically: false, encoding: .utf8)
        let lesson = try contents(packageRoot.appendingPathComponent("scenarios/tour.vmm").path)
        try lesson.write(toFile: scenario, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: scenario)
        try "1\n2\n3\n1\n".write(toFile: trace, atomically: false, encoding: .utf8)

        let export = try lookaside(["export", replay, "-o", replay])
        #expect(export.status == ExitStatus.output)
        #expect(export.standardError == "\(replay): this is the file being read; write the cast to another file\n")
        #expect(try contents(replay) == Self.recording)

        let snapshot = try lookaside(["snapshot", scenario, "--step", "3", "-o", scenario])
        #expect(snapshot.standardError == "\(scenario): this is the file being read; write the snapshot to another file\n")
        // Under another name (a symbolic link), it is still the same file.
        let linked = try lookaside(["snapshot", scenario, "-o", link, "--format", "svg"])
        #expect(
            linked.standardError
                == "\(link): this is the same file as \(scenario), which is being read; write the snapshot to another file\n")
        #expect(try contents(scenario) == lesson)

        let plot = try lookaside(["sim", "--trace", trace, "--page-size", "1", "--sweep", "1...3", "--plot", trace])
        #expect(plot.status == ExitStatus.output)
        #expect(plot.standardError == "\(trace): this is the file being read; write the plot to another file\n")
        #expect(try contents(trace) == "1\n2\n3\n1\n")
    }

    @Test func aRegularFileIsReplacedWholeKeepingItsMode() throws {
        let scratch = try Scratch()
        let replay = scratch.file("walk.lkr"), cast = scratch.file("private.cast")
        try Self.recording.write(toFile: replay, atomically: false, encoding: .utf8)
        try "old\n".write(toFile: cast, atomically: false, encoding: .utf8)
        chmod(cast, 0o600)
        let result = try lookaside(["export", replay, "-o", cast])
        #expect(result.status == 0 && result.standardError.isEmpty)
        #expect(try contents(cast).hasPrefix("{\"height\":40,\"title\":\"Lookaside · X\",\"version\":2,\"width\":120}\n"))
        #expect(status(cast).st_mode & 0o777 == 0o600)
        // A new file gets the umask's mode, and no temporary file is left beside it.
        let fresh = scratch.file("fresh.svg")
        #expect(try lookaside(["snapshot", "tour", "-o", fresh]).status == 0)
        #expect(status(fresh).st_mode & 0o777 == 0o666 & ~Self.umaskNow())
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["fresh.svg", "private.cast", "walk.lkr"])
    }

    static func umaskNow() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    @Test func linksAreWrittenThroughNeverReplaced() throws {
        let scratch = try Scratch()
        let target = scratch.file("target.txt"), hard = scratch.file("hard.txt"), symbolic = scratch.file("symbolic.txt")
        try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
        chmod(target, 0o600)
        #expect(link(target, hard) == 0)
        try FileManager.default.createSymbolicLink(atPath: symbolic, withDestinationPath: "target.txt")
        let inode = status(target).st_ino

        // A file with two names: written in place, so both names see the snapshot.
        #expect(try lookaside(["snapshot", "tour", "--step", "2", "-o", hard]).status == 0)
        #expect(try contents(target).contains("step 2 of 13"))
        #expect(try contents(hard) == contents(target))
        #expect(status(target).st_ino == inode && status(target).st_nlink == 2 && status(target).st_mode & 0o777 == 0o600)

        // A symbolic link stays a link; the file it names gets the new contents.
        #expect(try lookaside(["snapshot", "tour", "--step", "4", "-o", symbolic]).status == 0)
        #expect(status(symbolic, following: false).st_mode & S_IFMT == S_IFLNK)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: symbolic) == "target.txt")
        #expect(try contents(target).contains("step 4 of 13"))
    }

    @Test func aFIFOIsWrittenToNotReplaced() throws {
        let scratch = try Scratch()
        let fifo = scratch.file("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        nonisolated(unsafe) var read: [UInt8] = []
        let reader = Thread {
            let descriptor = open(fifo, O_RDONLY)
            var buffer = [UInt8](repeating: 0, count: 65536)
            while descriptor >= 0 {
                let got = Glibc.read(descriptor, &buffer, buffer.count)
                if got <= 0 { break }
                read += buffer[..<got]
            }
            close(descriptor)
        }
        reader.start()
        let result = try lookaside(["snapshot", "tour", "--step", "1", "-o", fifo])
        while !reader.isFinished { usleep(10_000) }
        #expect(result.status == 0)
        #expect(String(decoding: read, as: UTF8.self).contains("step 1 of 13"))
        #expect(status(fifo, following: false).st_mode & S_IFMT == S_IFIFO)
    }

    @Test func devicesAreWrittenInPlaceAndTheirErrorsReported() throws {
        // Device nodes made in the scratch directory (root only): the same devices as /dev/null
        // and /dev/full, so no real device path is ever named.
        guard getuid() == 0 else {
            print("skipped: making device nodes needs root (CI runs as root)")
            return
        }
        let scratch = try Scratch()
        let null = scratch.file("null"), full = scratch.file("full")
        #expect(mknod(null, S_IFCHR | 0o666, (1 << 8) | 3) == 0)
        #expect(mknod(full, S_IFCHR | 0o666, (1 << 8) | 7) == 0)
        let toNull = try lookaside(["snapshot", "tour", "-o", null])
        #expect(toNull.status == 0 && toNull.standardError.isEmpty)
        let toFull = try lookaside(["snapshot", "tour", "-o", full])
        #expect(toFull.status == ExitStatus.output)
        #expect(toFull.standardError == "\(full): cannot write the snapshot: No space left on device\n")
        for node in [null, full] {
            #expect(status(node, following: false).st_mode & S_IFMT == S_IFCHR)
            #expect(status(node).st_rdev == (node == null ? (1 << 8) | 3 : (1 << 8) | 7))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["full", "null"])
    }

    @Test func standardOutputDirectoriesAndEmptyNames() throws {
        let scratch = try Scratch()
        let dash = try lookaside(["snapshot", "tour", "--step", "1", "-o", "-"])
        #expect(dash.status == 0 && dash.standardOutput.contains("step 1 of 13"))
        let directory = try lookaside(["snapshot", "tour", "-o", scratch.path])
        #expect(directory.status == ExitStatus.output)
        #expect(directory.standardError == "\(scratch.path): is a directory; give a file name for the snapshot\n")
        let empty = try lookaside(["snapshot", "tour", "-o", ""])
        #expect(empty.status == ExitStatus.output)
        #expect(empty.standardError == "the output's file name is empty; give a file name, or - for standard output\n")
    }
}

/// No text from an input acts on the terminal, or breaks a picture's XML.
@Suite struct UntrustedTextTests {
    @Test func fileNamesAndTitlesReachTheTerminalPrintable() throws {
        let scratch = try OutputFileTests.Scratch()
        // A file named with an escape sequence that would colour the terminal and set its title.
        let named = scratch.file("evil\u{1b}[31m\u{1b}]0;owned\u{7}.vmm")
        try "title Right\u{202E}to left\nprocess P\n  alloc 0\n  read 0\n".write(toFile: named, atomically: false, encoding: .utf8)
        let shown = scratch.path + "/evil?[31m?]0;owned?.vmm"
        let check = try lookaside(["check", named])
        #expect(check.status == 0)
        #expect(check.standardOutput.hasPrefix("ok") && check.standardOutput.contains(" " + shown + ": Right?to left"))
        for format in ["text", "markdown", "json"] {
            let run = try lookaside(["run", named, "--headless", "--format", format])
            #expect(run.status == 0)
            #expect(!run.standardOutput.unicodeScalars.contains { $0 == "\u{1b}" || $0 == "\u{7}" || $0 == "\u{202E}" }, "\(format)")
            #expect(run.standardOutput.contains("Right?to left"), "\(format)")
        }
        let missing = try lookaside(["run", scratch.file("gone\u{1b}[2J.vmm"), "--headless"])
        #expect(missing.status == ExitStatus.unreadable)
        #expect(!missing.standardError.contains("\u{1b}") && missing.standardError.contains("gone?[2J.vmm"))
        let trace = try lookaside(["sim", "--trace", scratch.file("no\u{1b}[H.trace")])
        #expect(!trace.standardError.contains("\u{1b}") && trace.standardError.contains("no?[H.trace"))
    }

    @Test func aTraceNameIsNeverScenarioText() throws {
        let scratch = try OutputFileTests.Scratch()
        // A newline in the name would begin directives of its own: one frame and FIFO.
        let named = scratch.file("t\nframes 1\nreplacement fifo\n\u{1}.trace")
        try (0..<6).map { "0x\(String($0 % 3 * 0x1000, radix: 16))" }.joined(separator: "\n").write(
            toFile: named, atomically: false, encoding: .utf8)
        let run = try lookaside([
            "run", "--trace", named, "--set", "frames=4", "--set", "replacement=lru", "--headless", "--format", "json",
        ])
        #expect(run.status == 0, "\(run.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let configuration = try #require(report["configuration"] as? [String: Any])
        #expect(configuration["frames"] as? Int == 4)
        #expect("\(configuration["replacement"] ?? "")".lowercased().contains("lru"))
        let title = (report["scenario"] as? [String: Any])?["title"] as? String
        #expect(title?.hasSuffix("t?frames 1?replacement fifo??.trace") == true, "\(title ?? "no title")")
    }

    @Test func picturesAreWellFormedXMLWhateverTheTitle() throws {
        let scratch = try OutputFileTests.Scratch()
        let named = scratch.file("a\u{1}b.vmm")
        try "title Odd \u{FFFF} title\nprocess P\n  alloc 0\n  read 0\n".write(toFile: named, atomically: false, encoding: .utf8)
        let svg = try lookaside(["snapshot", named, "--format", "svg"])
        #expect(svg.status == 0)
        #expect(!svg.standardOutput.unicodeScalars.contains { $0 == "\u{FFFF}" || $0 == "\u{1}" })
        #expect(Self.parsesAsXML(svg.standardOutput))
        let trace = scratch.file("refs\u{1}.txt"), plot = scratch.file("plot.svg")
        try "1\n2\n3\n1\n".write(toFile: trace, atomically: false, encoding: .utf8)
        let sim = try lookaside(["sim", "--trace", trace, "--page-size", "1", "--sweep", "1...3", "--plot", plot])
        #expect(sim.status == 0, "\(sim.standardError)")
        #expect(Self.parsesAsXML(try String(contentsOfFile: plot, encoding: .utf8)))
    }

    static func parsesAsXML(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }
}
