/// Something the memory manager did, with a plain-English explanation.
///
/// The structured fields let tests, views and graders ask precise questions
/// ("which frame was evicted?") without parsing the text.
public struct Event: Hashable, Sendable {
    public enum Kind: String, Hashable, CaseIterable, Sendable {
        case contextSwitch = "context-switch"
        case tlbHit = "tlb-hit"
        case tlbMiss = "tlb-miss"
        case tlbFill = "tlb-fill"
        case tlbFlush = "tlb-flush"
        case tlbShootdown = "tlb-shootdown"
        /// An inter-processor interrupt asking another CPU to drop translations.
        case ipi
        case ipiAck = "ipi-ack"
        /// Lazy shootdown: a CPU not interrupted, owing a flush when it next runs the address space.
        case ipiDeferred = "ipi-deferred"
        /// A CPU used a translation whose page had left its frame (no shootdown).
        case staleTLB = "stale-tlb"
        case pageWalk = "page-walk"
        case minorFault = "minor-fault"
        case majorFault = "major-fault"
        case protectionFault = "protection-fault"
        case segmentationFault = "segmentation-fault"
        case eviction
        case swapOut = "swap-out"
        case swapIn = "swap-in"
        case diskRead = "disk-read"
        case diskWrite = "disk-write"
        case writeBack = "write-back"
        case copyOnWrite = "copy-on-write"
        case privateCopy = "private-copy"
        case lockAcquired = "lock-acquired"
        case lockWait = "lock-wait"
        case lockReleased = "lock-released"
        case wake
        case closeWait = "close-wait"
        case lostUpdate = "lost-update"
        case versionCreated = "version-created"
        case mergeConflict = "merge-conflict"
        case forcedWrite = "forced-write"
        case read
        case write
        case map
        case alloc
        case sync
        case close
        case fork
        case exit
        case timerTick = "timer-tick"
        case pageTableCreated = "page-table-created"
        case outOfMemory = "out-of-memory"
        case deadlock
        /// A page faulting in again was still named in a ghost list (ARC, 2Q, S3-FIFO) or by a shadow entry (Linux).
        case ghostHit = "ghost-hit"

        /// The case's place in `allCases` (0 ..< allCases.count): a kind without a payload is
        /// stored as that number. Tallies index arrays with it, and hashing uses it: the raw
        /// value's default (hashing the name's text) was a tenth of a headless run.
        @inline(__always) public var ordinal: Int { withUnsafeBytes(of: self) { Int($0[0]) } }

        public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
        public static func == (a: Kind, b: Kind) -> Bool { a.ordinal == b.ordinal }
    }

    public var kind: Kind
    /// The process the event happened to (the faulting, reading, waiting one).
    public var process: ProcessID?
    /// A second process involved: the lock holder, the writer whose update was lost, the other mapper.
    public var otherProcess: ProcessID?
    public var page: VirtualPageNumber?
    public var frame: FrameNumber?
    public var swapSlot: SwapSlotNumber?
    public var file: FileID?
    /// The page of `file` concerned.
    public var filePage: Int?
    public var word: Int?
    public var value: Int?
    public var explanation: String
    /// The TLB entry concerned (hits, fills, invalidations), for following one entry's life.
    public var tlbSlot: Int?
    /// The CPU whose TLB it concerns, when not the one running the step (a remote shootdown).
    public var cpu: Int?

    public init(
        _ kind: Kind, process: ProcessID? = nil, otherProcess: ProcessID? = nil, page: VirtualPageNumber? = nil,
        frame: FrameNumber? = nil, swapSlot: SwapSlotNumber? = nil, file: FileID? = nil, filePage: Int? = nil,
        word: Int? = nil, value: Int? = nil, _ explanation: String
    ) {
        self.kind = kind
        self.process = process
        self.otherProcess = otherProcess
        self.page = page
        self.frame = frame
        self.swapSlot = swapSlot
        self.file = file
        self.filePage = filePage
        self.word = word
        self.value = value
        self.explanation = explanation
    }

    /// The same event, naming the TLB entry (and the CPU, when another) it concerns.
    consuming func inTLB(_ slot: Int, cpu: Int? = nil) -> Event {
        var event = self
        event.tlbSlot = slot
        event.cpu = cpu
        return event
    }

    public var isFault: Bool {
        kind == .minorFault || kind == .majorFault || kind == .protectionFault || kind == .segmentationFault
    }
}

/// What one step did: which process ran which operation, and the events in order.
public struct StepResult: Hashable, Sendable {
    /// The step number this result produced (the first step is 1).
    public var step: Int
    public var process: ProcessID?
    /// The operation as the script says it, e.g. "write 0x1004 = 7"; nil when nothing could run.
    public var operation: String?
    public var events: [Event]
    /// The CPU that ran the step (nil when nothing could run).
    public var cpu: Int?
    /// The virtual address the step's read or write touched.
    public var address: VirtualAddress?

    public init(step: Int, process: ProcessID?, operation: String?, events: [Event], cpu: Int? = nil, address: VirtualAddress? = nil) {
        self.step = step
        self.process = process
        self.operation = operation
        self.events = events
        self.cpu = cpu
        self.address = address
    }
}
