#if canImport(Glibc)
    import Glibc
#endif
import CKernelHelper
import Scenario
import VMM

/// One step of a real-kernel run: the model's step and the machine after it, what the kernel
/// showed after doing the same operation, and where the two differ, in words.
public struct RealKernelStep: Sendable {
    public var model: StepResult
    public var machine: Machine
    public var kernel: KernelObservation
    /// The value the real load returned, for a read.
    public var kernelValue: Int?
    public var differences: [KernelDifference]

    /// The step's process as the kernel saw it, with the model's faults and TLB misses for the
    /// same step beside its own; nil when no process ran (or its helper is gone).
    public var runningProcess: (kernel: KernelProcess, minorFaults: Int, majorFaults: Int, tlbMisses: Int)? {
        guard let pid = model.process, let seen = kernel.processes.first(where: { $0.name == machine.name(pid) }) else { return nil }
        let events = model.events.filter { $0.process == pid }
        return (
            seen, events.filter { $0.kind == .minorFault }.count, events.filter { $0.kind == .majorFault }.count,
            events.filter { $0.kind == .tlbMiss }.count
        )
    }
}

/// A scenario run twice at once, step by step: by the engine, and by real processes on this
/// machine's Linux (one helper process per scenario process, doing each operation the engine's
/// schedule gives it, on real files in a private scratch directory). The engine's order is the
/// order of both worlds. Ends (helpers stopped, scratch directory removed) at `finish()`, on any
/// error, and, through the janitor, however the tool itself ends.
public final class RealKernelRun {
    /// Scenario address A is mapped at `base` + A: the low addresses lessons use are not mappable
    /// (mmap_min_addr), and nothing of the helper's own lies this high.
    public static let base: UInt64 = 1 << 45
    public static let limits = (processes: 32, files: 32, pagesPerFile: 4096, mappedPages: 16384, highestAddress: 1 << 44)

    public private(set) var machine: Machine
    let scenario: Scenario
    let scratch: ScratchDirectory
    var helpers: [HelperChannel?]
    var filePaths: [String] = []
    /// The tool's own read-only descriptors of the files, for mincore and cachestat.
    var fileDescriptors: [Int32] = []
    var filePages: [Int] = []
    var faultsSeen: [pid_t: (minor: Int, major: Int)] = [:]
    var interruptsSeen: [Int]
    public let privileged: Bool
    var forks = 0
    /// Each helper's data-TLB miss counters (loads, stores) and their values at the last look.
    var tlbCounters: [pid_t: (fds: [Int32], seen: Int)] = [:]
    /// Whether the CPU has data-TLB counters (tried on the first helper).
    public private(set) var hasTLBCounters = false

    public init(scenario: Scenario, seed: UInt64? = nil) throws(RealKernelError) {
        try Self.check(scenario)
        self.scenario = scenario
        machine = scenario.makeMachine(seed: seed)
        scratch = try ScratchDirectory()
        helpers = Array(repeating: nil, count: scenario.processes.count)
        privileged = ProcFiles.privileged
        interruptsSeen = ProcFiles.tlbShootdowns()
        do {
            try createFiles()
            for (index, process) in scenario.processes.enumerated() where process.startsRunning {
                helpers[index] = try HelperChannel.spawn(process: process.name)
                startCounting(index)
            }
        } catch {
            finish()
            throw error
        }
    }

    /// Refuses, before anything runs, what the real machine cannot do or the limits do not allow.
    static func check(_ scenario: Scenario) throws(RealKernelError) {
        #if !os(Linux)
            throw .unsupported("it runs only on Linux")
        #endif
        let c = scenario.configuration
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard c.pageSize == pageSize else {
            throw .unsupported("its pages are \(c.pageSize) bytes and this machine's are \(pageSize); set page-size \(pageSize)")
        }
        guard scenario.processes.count <= limits.processes else {
            throw .unsupported("it has \(scenario.processes.count) processes; at most \(limits.processes) run for real")
        }
        guard scenario.files.count <= limits.files else {
            throw .unsupported("it has \(scenario.files.count) files; at most \(limits.files) are made for real")
        }
        var mapped = 0
        for process in scenario.processes {
            for operation in process.script {
                let (address, pages): (Int, Int)
                switch operation {
                case let .map(file, at, count, _): (address, pages) = (at, count ?? scenario.files[file].pages.count)
                case let .alloc(at, count): (address, pages) = (at, count)
                default: continue
                }
                mapped += pages
                guard address + pages * c.pageSize <= limits.highestAddress else {
                    throw .unsupported(
                        "\(process.name) maps up to \(hex(address + pages * c.pageSize)), above the limit of \(hex(limits.highestAddress))")
                }
                guard pages <= limits.pagesPerFile else {
                    throw .unsupported("\(process.name) maps \(pages) pages at once; at most \(limits.pagesPerFile)")
                }
            }
        }
        guard mapped <= limits.mappedPages else {
            throw .unsupported(
                "its scripts map \(mapped) pages in all; at most \(limits.mappedPages) (\(limits.mappedPages / 256) MiB) run for real")
        }
    }

    /// Each scenario file as a real one: word w of page p, as a 64-bit integer, at p × page size +
    /// w × word size; as long as its longest mapping.
    func createFiles() throws(RealKernelError) {
        let c = machine.configuration
        for (id, file) in scenario.files.enumerated() {
            let longest =
                scenario.processes.flatMap(\.script).compactMap { operation -> Int? in
                    if case let .map(mapped, _, pages, _) = operation, mapped == id { return pages ?? file.pages.count }
                    return nil
                }.max() ?? 0
            let pages = max(1, file.pages.count, longest)
            var bytes = [UInt8](repeating: 0, count: pages * c.pageSize)
            for (page, words) in file.pages.enumerated() {
                for (word, value) in words.enumerated() {
                    withUnsafeBytes(of: Int64(value).littleEndian) { raw in
                        for (offset, byte) in raw.enumerated() { bytes[page * c.pageSize + word * c.wordSize + offset] = byte }
                    }
                }
            }
            let path = try scratch.create("file-\(id)", bytes: bytes)
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .system("cannot open \(path) to watch its page cache") }
            filePaths.append(path)
            fileDescriptors.append(fd)
            filePages.append(pages)
        }
    }

    /// From now on, the helper's faults are the scenario's: those of its start are not.
    func startCounting(_ pid: ProcessID) {
        guard let helper = helpers[pid]?.pid, let faults = ProcFiles.faults(pid: helper) else { return }
        faultsSeen[helper] = faults
        let fds = [lookaside_dtlb_counter(helper, 0), lookaside_dtlb_counter(helper, 1)].filter { $0 >= 0 }
        if !fds.isEmpty {
            hasTLBCounters = true
            tlbCounters[helper] = (fds, fds.map { Int(lookaside_read_counter($0)) }.reduce(0, +))
        }
    }

    /// Data-TLB misses of a helper since the last look; nil without counters.
    func tlbMisses(of helper: pid_t) -> Int? {
        guard let counters = tlbCounters[helper] else { return nil }
        let now = counters.fds.map { Int(lookaside_read_counter($0)) }.reduce(0, +)
        tlbCounters[helper]!.seen = now
        return now - counters.seen
    }

    /// Closes a helper's counters (it has exited, or was killed).
    func stopCounting(_ helper: pid_t) {
        for fd in tlbCounters[helper]?.fds ?? [] { close(fd) }
        tlbCounters[helper] = nil
    }

    /// The real address of a scenario address: its page at `base`, its word at the word's offset.
    func real(_ address: VirtualAddress) -> String {
        let c = machine.configuration
        let page = address / c.pageSize, word = (address % c.pageSize) / c.wordSize
        return "0x" + String(Self.base + UInt64(page * c.pageSize + word * c.wordSize), radix: 16)
    }

    func realPage(_ page: VirtualPageNumber) -> String {
        "0x" + String(Self.base + UInt64(page * machine.configuration.pageSize), radix: 16)
    }

    /// Runs the next step in both worlds; nil once the scenario has ended.
    public func step() throws(RealKernelError) -> RealKernelStep? {
        guard !machine.isFinished else { return nil }
        let before = machine
        let result = machine.step()
        var value: Int?
        do {
            if let pid = result.process { value = try perform(before.currentOperation(of: pid), by: pid, before: before) }
            let kernel = observe(step: result.step)
            return RealKernelStep(
                model: result, machine: machine, kernel: kernel, kernelValue: value,
                differences: KernelComparison.differences(model: machine, kernel: kernel, result: result, kernelValue: value))
        } catch {
            finish()
            throw error
        }
    }

    /// The words of each file as any reader of it sees them now (the page cache's view).
    public func fileContents() -> [[[Int]]] {
        let c = machine.configuration
        return fileDescriptors.enumerated().map { id, fd in
            (0..<filePages[id]).map { page in
                (0..<c.wordsPerPage).map { word in
                    var value: Int64 = 0
                    _ = withUnsafeMutableBytes(of: &value) { pread(fd, $0.baseAddress, 8, off_t(page * c.pageSize + word * c.wordSize)) }
                    return Int(Int64(littleEndian: value))
                }
            }
        }
    }

    /// Stops every helper, closes the files and removes the scratch directory.
    public func finish() {
        for index in helpers.indices {
            helpers[index]?.kill()
            helpers[index] = nil
        }
        for helper in tlbCounters.keys { stopCounting(helper) }
        for fd in fileDescriptors { close(fd) }
        fileDescriptors = []
        scratch.remove()
    }

    deinit { finish() }
}
