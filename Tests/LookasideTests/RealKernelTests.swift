import Foundation
import Testing

/// Whether the real-kernel tests run: on Linux as root (PFNs and /proc/kpageflags need it), or
/// wherever CI demands them (LOOKASIDE_REQUIRE_KERNEL=1: then a missing kernel fails them).
enum RealKernelCheck {
    static var required: Bool { ProcessInfo.processInfo.environment["LOOKASIDE_REQUIRE_KERNEL"] == "1" }
    static var available: Bool {
        #if os(Linux)
            return getuid() == 0 && FileManager.default.isReadableFile(atPath: "/proc/kpageflags") || required
        #else
            return required
        #endif
    }
}

/// The tool's own JSON of a real-kernel run (docs/real-kernel.md), as far as these tests read it.
struct KernelRunDocument: Decodable {
    struct Step: Decodable {
        var step: Int
        var process: String?
        var operation: String?
        var kernelValue: Int?
        var modelValue: Int?
        var kernel: Observation
        var model: ModelState
        var differences: [Difference]
    }
    /// The model's picture of the same step (its frames, as `run --format json` gives them).
    struct ModelState: Decodable {
        struct Frame: Decodable { var mappedBy: [Mapper] }
        var frames: [Frame]
    }
    struct Observation: Decodable {
        var processes: [Process]
        var frames: [Frame]
        var files: [File]
        var privileged: Bool
        var tlbCounters: Bool
    }
    struct Process: Decodable {
        var name: String
        var running: Bool
        var tlbMisses: Int?
        var pages: [Page]
    }
    struct Page: Decodable, Hashable {
        var page: Int
        var present: Bool
        var pfn: UInt64?
        var exclusive: Bool
        var filePage: Bool
    }
    struct Frame: Decodable {
        var pfn: UInt64
        var mapCount: Int
        var flags: [String]
        var mappers: [Mapper]
    }
    struct Mapper: Decodable, Hashable {
        var process: String
        var page: Int
    }
    struct File: Decodable {
        var name: String
        var pages: [FilePage]
    }
    struct FilePage: Decodable, Hashable {
        var page: Int
        var cached: Bool
        var dirty: Bool?
    }
    struct Difference: Decodable, Hashable {
        var kind: String
        var text: String
    }
    struct FinalFile: Decodable {
        var name: String
        var model: [[Int]]
        var linux: [[Int]]
    }
    var privileged: Bool
    var steps: [Step]
    var files: [FinalFile]

    func step(_ process: String, _ operation: String) throws -> Step {
        try #require(steps.first { $0.process == process && $0.operation == operation }, "\(process): \(operation)")
    }

    func page(_ step: Step, _ process: String, _ page: Int) -> Page? {
        step.kernel.processes.first { $0.name == process }?.pages.first { $0.page == page }
    }
}

@Suite(
    .serialized,
    .enabled(if: RealKernelCheck.available, "needs Linux and root (PFNs and /proc/kpageflags); CI sets LOOKASIDE_REQUIRE_KERNEL=1"))
struct RealKernelTests {
    /// A scratch directory of the test's own, given to the tool as TMPDIR (open to every user, for
    /// the unprivileged run).
    static func scratch() throws -> String {
        let path = NSTemporaryDirectory() + "lookaside-kernel-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        chmod(path, 0o1777)
        return path
    }

    func run(_ arguments: [String], tmpdir: String, prefix: [String] = []) throws -> (status: Int32, output: String, error: String) {
        let process = Foundation.Process()
        let binary = try lookasideBinary().path
        process.executableURL = URL(fileURLWithPath: prefix.isEmpty ? binary : prefix[0])
        process.arguments = prefix.isEmpty ? arguments : Array(prefix.dropFirst()) + [binary] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = tmpdir
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }

    func document(_ scenario: String, _ settings: [String] = [], prefix: [String] = []) throws -> KernelRunDocument {
        let tmpdir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: tmpdir) }
        let result = try run(
            ["run", scenario, "--real-kernel", "--headless", "--format", "json"] + settings, tmpdir: tmpdir, prefix: prefix)
        #expect(result.status == 0, "\(result.error)")
        // Nothing is left behind: the scratch directory the run made is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmpdir).isEmpty)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(KernelRunDocument.self, from: Data(result.output.utf8))
    }

    @Test func sharedPageIsOneFrameMappedTwiceAndDirtyAfterTheWrite() throws {
        let run = try document("shared-page")
        #expect(run.privileged)
        let read = try run.step("B", "read 0x70000")
        let shared = try #require(
            read.kernel.frames.first { Set($0.mappers) == [.init(process: "A", page: 0x10), .init(process: "B", page: 0x70)] })
        #expect(shared.mapCount == 2 && shared.flags.contains("mmap"))
        #expect(run.page(read, "A", 0x10)?.pfn == run.page(read, "B", 0x70)?.pfn)
        // The model's picture beside it: one frame mapped by both, too.
        #expect(read.model.frames.contains { Set($0.mappedBy) == [.init(process: "A", page: 0x10), .init(process: "B", page: 0x70)] })
        let write = try run.step("A", "write 0x10400 99")
        #expect(write.kernel.files[0].pages[0].dirty == true)
        // One copy: B reads A's 99 on Linux as in the model.
        let after = try run.step("B", "read 0x70400")
        #expect(after.kernelValue == 99 && after.modelValue == 99)
        // The textbook writes at B's close; Linux leaves the page dirty, and says why.
        let close = try run.step("B", "close data.bin")
        #expect(close.differences.contains { $0.kind == "dirty" && $0.text.contains("never at close") })
        #expect(run.files[0].linux[0] == [10, 99, 30, 40])
    }

    @Test func cowForkSplitsTheFrameAtTheChildsWrite() throws {
        let run = try document("cow-fork")
        let read = try run.step("child", "read 0x0")
        let parentsPage = try #require(run.page(read, "parent", 0x0)?.pfn)
        #expect(run.page(read, "child", 0x0)?.pfn == parentsPage, "after fork both map the parent's frame")
        #expect(read.kernel.frames.first { $0.pfn == parentsPage }?.mapCount == 2)
        let write = try run.step("child", "write 0x0 7")
        let childsPage = try #require(run.page(write, "child", 0x0)?.pfn)
        #expect(childsPage != parentsPage && run.page(write, "child", 0x0)?.exclusive == true)
        #expect(write.kernel.frames.first { $0.pfn == childsPage }?.flags.contains("anon") == true)
        // MAP_PRIVATE writes never reach the file.
        #expect(run.files[0].linux[0] == [1, 2, 3, 4] && run.files[0].model[0] == [1, 2, 3, 4])
        #expect(try run.step("parent", "read 0x0").kernelValue == 5)
    }

    @Test func tourReadsAheadAndFaultsAround() throws {
        let run = try document("tour")
        let first = try run.step("A", "read 0x10000")
        #expect(first.kernel.files[0].pages.map(\.cached) == [true, true], "one fault brought both pages in")
        #expect(run.page(first, "A", 0x11)?.present == true, "fault-around mapped the neighbour")
        #expect(first.differences.contains { $0.kind == "cache" && $0.text.contains("readahead") })
        #expect(first.differences.contains { $0.kind == "presence" && $0.text.contains("fault-around") })
        // The model as Linux: the same pages cached and mapped, so no such difference.
        let linux = try document("tour", ["--set", "kernel=linux"])
        let same = try linux.step("A", "read 0x10000")
        #expect(!same.differences.contains { $0.kind == "cache" || $0.kind == "presence" })
    }

    /// TLB misses only from real counters: on a CPU without a PMU (most VMs) none are claimed.
    @Test func tlbMissesAreShownOnlyWhereTheCPUCountsThem() throws {
        let tour = try document("tour")
        let counters = tour.steps.first?.kernel.tlbCounters ?? false
        if !FileManager.default.fileExists(atPath: "/sys/bus/event_source/devices/cpu") { #expect(!counters) }
        for step in tour.steps {
            #expect(step.kernel.tlbCounters == counters)
            for process in step.kernel.processes where process.running { #expect((process.tlbMisses != nil) == counters) }
        }
        let tmpdir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: tmpdir) }
        let text = try run(["run", "tour", "--real-kernel", "--headless"], tmpdir: tmpdir).output
        #expect(text.contains(counters ? "data-TLB counters (perf_event_open)" : "this CPU has no data-TLB counters"))
    }

    /// Every format, and compare with the kernel as one side.
    @Test func markdownAndCompareShowTheSameRun() throws {
        let tmpdir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: tmpdir) }
        let markdown = try run(["run", "kernel-cow", "--real-kernel", "--headless", "--format", "markdown"], tmpdir: tmpdir)
        #expect(markdown.status == 0 && markdown.output.hasPrefix("# Lookaside · On the real kernel: fork"))
        #expect(markdown.output.contains("## Step 6: C `write 0x0 6`") && markdown.output.contains("- agrees with the model"))
        let compared = try run(["compare", "tour", "--real-kernel", "--with", "kernel=linux", "--headless"], tmpdir: tmpdir)
        #expect(compared.status == 0 && compared.output.contains("After 13 steps: 13 agree, 0 differ."), "\(compared.output)")
        let refused = try run(["compare", "tour", "--real-kernel", "--with", "frames=3", "--with", "frames=4"], tmpdir: tmpdir)
        #expect(refused.status == 64 && refused.error.contains("give at most one --with"))
    }

    @Test func lostUpdateRunsAsOneSharedCopyOnLinux() throws {
        let run = try document("lost-update")
        // Linux has no private copies written back at close: both processes write the page cache.
        #expect(run.files[0].linux[0] == [20, 1, 2, 0])
        let write = try run.step("B", "write 0x20000 20")
        let frame = try #require(write.kernel.frames.first { $0.mappers.count == 2 })
        #expect(Set(frame.mappers.map(\.process)) == ["A", "B"])
    }

    @Test func repeatedRunsGiveTheSameFactsApartFromFrameNumbers() throws {
        func facts(_ run: KernelRunDocument) -> [String] {
            run.steps.map { step in
                let pages = step.kernel.processes.map { "\($0.name) \($0.pages.map { "\($0.page) \($0.present) \($0.exclusive)" })" }
                let cache = step.kernel.files.map { "\($0.pages.map { "\($0.cached) \($0.dirty ?? false)" })" }
                let counts = step.kernel.frames.map { "\($0.mapCount) \($0.mappers)" }.sorted()
                return "\(step.step) \(pages) \(cache) \(counts) \(step.kernelValue ?? -1) \(step.differences.map(\.text))"
            }
        }
        let first = try document("shared-page"), second = try document("shared-page")
        #expect(facts(first) == facts(second))
    }

    @Test func withoutRootTheRunShowsWhatAnOrdinaryUserSees() throws {
        let run = try document("shared-page", prefix: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
        #expect(!run.privileged && run.steps.allSatisfy { $0.kernel.frames.isEmpty })
        let read = try run.step("B", "read 0x70000")
        #expect(run.page(read, "B", 0x70)?.present == true && run.page(read, "B", 0x70)?.pfn == nil)
        #expect(read.kernel.files[0].pages[0].cached)
        #expect(read.kernelValue == 10)
    }

    /// A run of one process reading `reads` times, started in `tmpdir`, and its helper's pid once
    /// it runs (the tool's child running "--kernel-helper").
    func startLongRun(in tmpdir: String, reads: Int, errors: Pipe?) throws -> (tool: Foundation.Process, helper: Int32) {
        let scenario = tmpdir + "/long.vmm"
        let lines = (0..<reads).map { _ in "  read 0x10000" }.joined(separator: "\n")
        try "file f 1\nprocess P\n  map f at 0x10000 shared\n\(lines)\n".write(toFile: scenario, atomically: true, encoding: .utf8)
        let tool = Foundation.Process()
        tool.executableURL = try lookasideBinary()
        tool.arguments = ["run", scenario, "--real-kernel", "--headless"]
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = tmpdir
        tool.environment = environment
        tool.standardOutput = FileHandle.nullDevice
        tool.standardError = errors ?? FileHandle.nullDevice
        try tool.run()
        var helper: Int32?
        for _ in 0..<200 where helper == nil {
            usleep(20_000)
            helper = Self.children(of: tool.processIdentifier).first { Self.commandLine($0).contains("--kernel-helper") }
        }
        return (tool, try #require(helper, "the helper never started"))
    }

    @Test func aKilledHelperEndsTheRunWithEverythingRemoved() throws {
        let tmpdir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: tmpdir) }
        let errors = Pipe()
        let (tool, helper) = try startLongRun(in: tmpdir, reads: 4000, errors: errors)
        kill(helper, SIGKILL)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        tool.waitUntilExit()
        #expect(tool.terminationStatus == 69, "\(message)")
        #expect(message.contains("the helper running P"))
        try Self.expectCleanedUp(tmpdir)
    }

    @Test func ctrlCOfTheToolRemovesTheHelpersAndTheScratchDirectory() throws {
        let tmpdir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: tmpdir) }
        let (tool, helper) = try startLongRun(in: tmpdir, reads: 20000, errors: nil)
        kill(tool.processIdentifier, SIGINT)
        tool.waitUntilExit()
        #expect(tool.terminationReason == .uncaughtSignal && tool.terminationStatus == SIGINT)
        try Self.expectCleanedUp(tmpdir, helper: helper)
    }

    /// The interface with the kernel beside the model, in a real terminal: side by side when wide,
    /// L between the two when narrow; back steps show what was recorded; quitting removes everything.
    @Test(arguments: [(200, 60), (80, 24)])
    func theInterfaceShowsTheKernelBesideTheModel(width: Int, height: Int) throws {
        let tmpdir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: tmpdir) }
        let tmux = try TmuxSession(["run", "tour", "--real-kernel"], width: width, height: height, before: "export TMPDIR=\(tmpdir)")
        try tmux.waitFor("A first tour")
        for _ in 0..<3 { try tmux.send("n") }
        if width < 150 {
            try tmux.waitFor("L Linux")
            try tmux.send("L")
        }
        let screen = try tmux.waitFor("the kernel's step 3") { $0.contains("· step 3") && $0.contains("readahead") }
        #expect(screen.contains("PFN") && screen.contains("fault-around"))
        try tmux.send("b")
        try tmux.waitFor("recorded (the kernel cannot be un-run)")
        try tmux.send("q")
        let ending = try tmux.ending()
        #expect(ending.status == "EXIT=0" && isCookedWithEcho(ending.stty))
        try Self.expectCleanedUp(tmpdir)
    }

    /// The run's scratch directory is removed and its helper gone, within two seconds.
    static func expectCleanedUp(_ tmpdir: String, helper: Int32? = nil) throws {
        var left: [String] = []
        for _ in 0..<100 {
            left = try FileManager.default.contentsOfDirectory(atPath: tmpdir).filter { $0.hasPrefix("lookaside-kernel-") }
            let alive = helper.map { kill($0, 0) == 0 && !commandLine($0).isEmpty } ?? false
            if left.isEmpty && !alive { return }
            usleep(20_000)
        }
        #expect(left.isEmpty, "left behind: \(left)")
        if let helper { #expect(kill(helper, 0) != 0 || commandLine(helper).isEmpty, "helper \(helper) still runs") }
    }

    static func children(of pid: Int32) -> [Int32] {
        let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
        return text.split(separator: " ").compactMap { Int32($0) }
    }

    static func commandLine(_ pid: Int32) -> String {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return "" }
        return String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
    }
}
