import VMM

/// What the real kernel shows after one step, read from /proc with every helper blocked: each
/// process's pages, the frames they map (the reverse map, by matching PFNs across the processes'
/// pagemaps), each file's page cache, the fault counters and the TLB-shootdown interrupts.
public struct KernelObservation: Codable, Hashable, Sendable {
    public var step: Int
    public var processes: [KernelProcess]
    /// The frames seen, by PFN, lowest first (empty without root: PFNs read as 0 then).
    public var frames: [KernelFrame]
    public var files: [KernelFile]
    /// Each CPU's TLB-shootdown interrupts during the step (the whole machine's: other programs
    /// count too, so this is timing-dependent and never compared with the model).
    public var tlbShootdowns: [Int]
    /// Whether PFNs, map counts and frame flags were visible (root).
    public var privileged: Bool
    /// Whether the CPU's data-TLB miss counters could be read (perf_event_open; absent in most VMs).
    public var tlbCounters: Bool
}

public struct KernelProcess: Codable, Hashable, Sendable {
    public var name: String
    /// The helper's pid; nil before it starts and after it ends.
    public var pid: Int32?
    public var running: Bool
    /// Faults during the step (/proc/PID/stat).
    public var minorFaults: Int
    public var majorFaults: Int
    /// Data-TLB misses in user space during the step, from the CPU's counters; nil where there are none.
    public var tlbMisses: Int?
    /// Every page of the process's mappings, as the scenario numbers them.
    public var pages: [KernelPage]
}

public struct KernelPage: Codable, Hashable, Sendable {
    /// The scenario's virtual page number (the helper maps it at a fixed offset, `RealKernelRun.base`).
    public var page: Int
    public var present: Bool
    public var swapped: Bool
    /// The frame, where present and visible (root).
    public var pfn: UInt64?
    /// Mapped by this process alone (pagemap's exclusive bit).
    public var exclusive: Bool
    /// A file page, or shared anonymous memory (pagemap bit 61); false: private anonymous.
    public var filePage: Bool
    public var softDirty: Bool
}

public struct KernelFrame: Codable, Hashable, Sendable {
    public var pfn: UInt64
    /// How many page tables map it (/proc/kpagecount).
    public var mapCount: Int
    /// Its /proc/kpageflags bits by name, in bit order.
    public var flags: [String]
    /// Who maps it and where: the reverse map.
    public var mappers: [KernelMapper]
    /// The model's frame holding the same page (every mapper maps it there in the model too).
    public var modelFrame: Int?
}

public struct KernelMapper: Codable, Hashable, Sendable {
    public var process: String
    public var page: Int
}

public struct KernelFile: Codable, Hashable, Sendable {
    public var name: String
    public var pages: [KernelFilePage]
}

public struct KernelFilePage: Codable, Hashable, Sendable {
    public var page: Int
    public var cached: Bool
    /// From cachestat(2); nil where the kernel lacks it.
    public var dirty: Bool?
    public var writeback: Bool?
}

extension KernelFrame {
    /// The names of /proc/kpageflags bits (include/uapi/linux/kernel-page-flags.h).
    static let flagNames: [(bit: Int, name: String)] = [
        (0, "locked"), (2, "referenced"), (3, "uptodate"), (4, "dirty"), (5, "lru"), (6, "active"), (8, "writeback"),
        (11, "mmap"), (12, "anon"), (13, "swapcache"), (14, "swapbacked"), (17, "huge"), (22, "thp"), (24, "zero-page"),
        (25, "idle"),
    ]

    /// Who maps the frame, as the panes write mappers: "A@0x10 B@0x70".
    public var mapperList: String { mappers.map { "\($0.process)@\(hex($0.page))" }.joined(separator: " ") }

    static func names(of flags: UInt64) -> [String] {
        flagNames.filter { flags >> UInt64($0.bit) & 1 == 1 }.map(\.name)
    }
}
