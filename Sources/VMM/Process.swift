/// Why a process cannot run right now.
public enum BlockReason: Hashable, Sendable {
    /// Waiting for `holder` to release the write lock on a page of a file.
    case writeLock(file: FileID, filePage: Int, holder: ProcessID)
    /// Waiting for `until` to close the file first (ordered write-back at close).
    case orderedClose(file: FileID, until: ProcessID)
}

public enum ProcessState: Hashable, Sendable {
    /// A fork child that has not been forked yet.
    case notStarted
    case ready
    case blocked(BlockReason)
    case done(ExitReason)

    public var isDone: Bool { if case .done = self { true } else { false } }
}

public enum ExitReason: String, Hashable, Sendable {
    case exited
    case segmentationFault = "segmentation-fault"
    case outOfMemory = "out-of-memory"
}

/// Identifies a session copy: which page of which file.
public struct FilePageKey: Hashable, Sendable, Comparable {
    public var file: FileID
    public var page: Int

    public init(file: FileID, page: Int) {
        self.file = file
        self.page = page
    }

    public static func < (a: Self, b: Self) -> Bool { (a.file, a.page) < (b.file, b.page) }
}

/// Identifies one page of a multi-level page table.
public struct TableKey: Hashable, Sendable, Comparable {
    /// 1 is the root.
    public var level: Int
    /// The virtual-page-number bits above this table's level.
    public var prefix: Int

    public static func < (a: Self, b: Self) -> Bool { (a.level, a.prefix) < (b.level, b.prefix) }
}

public struct Process: Hashable, Sendable {
    public let id: ProcessID
    public let name: String
    public let script: [Operation]
    /// Index of the next operation to run.
    public internal(set) var programCounter = 0
    public internal(set) var state: ProcessState
    /// Virtual page -> entry. Iterate through `sortedPages`: dictionary order is not deterministic.
    public internal(set) var pageTable: [VirtualPageNumber: PageTableEntry] = [:]
    public internal(set) var mappings: [Mapping] = []
    public internal(set) var sessionCopies: [FilePageKey: SessionCopy] = [:]
    /// Its page-table pages (multi-level tables): level and prefix -> frame.
    public internal(set) var tablePages: [TableKey: FrameNumber] = [:]
    public internal(set) var counters = Counters()
    /// The CPUs whose TLBs may hold this address space's translations (Linux's mm_cpumask): each
    /// CPU it has run on since that CPU's TLB last dropped them. A shootdown interrupts these.
    public internal(set) var cpuMask: [Int] = []
    /// Exiting or being killed: its unmaps need no shootdown on other CPUs (nothing runs it again).
    var leaving = false
    /// Under Linux shootdowns: the step from which its next flush also trims its CPU mask
    /// (Linux's next_trim_cpumask, a second after the last trim).
    var nextMaskTrim = Machine.maskTrimInterval

    public init(id: ProcessID, name: String, script: [Operation], startsRunning: Bool = true) {
        self.id = id
        self.name = name
        self.script = script
        self.state = startsRunning ? .ready : .notStarted
    }

    public var nextOperation: Operation? {
        programCounter < script.count ? script[programCounter] : nil
    }

    public var sortedPages: [VirtualPageNumber] { pageTable.keys.sorted() }

    public func mapping(containing page: VirtualPageNumber) -> Mapping? {
        mappings.first { $0.contains(page) }
    }

    public func mappingIndex(ofFile file: FileID) -> Int? {
        mappings.firstIndex { $0.kind.file == file }
    }
}
