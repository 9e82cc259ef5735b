/// Which resident page a full memory gives up.
public enum ReplacementPolicy: String, CaseIterable, Sendable {
    case fifo, lru, clock, opt, random
    /// Most recently used: the opposite of LRU, for contrast (and for loops larger than memory).
    case mru
    /// The page used soonest: the worst possible choice, for contrast with OPT.
    case unopt
    /// Least frequently used since it was loaded.
    case lfu
    /// Not recently used: the lowest of the four referenced/modified classes; a timer clears R bits.
    case nru
    /// Aging: a counter per frame, shifted right on each timer tick with the R bit entering at the top.
    case aging
    /// WSClock: a clock over the working set; pages idle longer than the window are evicted, dirty ones cleaned first.
    case wsclock
    /// Clock with several reference bits (GCLOCK): a use adds one to a frame's count; the hand takes one away.
    case gclock
    /// Most frequently used since it was loaded: LFU's opposite (a page with a small count has only just come in).
    case mfu
    /// SIEVE (NSDI 2024): one queue in load order and a hand from oldest to newest that evicts the
    /// first page not visited since it was loaded or last passed.
    case sieve
    case arc
    case twoQ = "2q"
    case s3fifo
    case linux
    case mglru

    /// Whether the policy needs R bits cleared by a periodic timer (its rule says).
    public var usesTimer: Bool { rule.usesTimer }
    /// Whether the policy needs the future (the next use of each page).
    public var needsFuture: Bool { rule.lookAhead != nil }

    /// As explanations and titles name it: the acronym in capitals, S3-FIFO with its hyphen, Linux as a name.
    public var label: String {
        switch self {
        case .s3fifo: "S3-FIFO"
        case .linux: "Linux"
        default: rawValue.uppercased()
        }
    }
}

/// The knobs of the policies that have them.
public struct ReplacementParameters: Hashable, Sendable {
    /// Bits of the Aging counter or of GCLOCK's count; nil: 8 for Aging, 2 for GCLOCK.
    public var bits: Int?
    /// Memory references between timer interrupts (NRU clears R bits, Aging shifts counters).
    public var interval: Int
    /// WSClock's working-set window, in memory references.
    public var window: Int
    /// The share of the frames, in percent, for pages not yet proven (2Q's Kin, S3-FIFO's small
    /// queue); nil: the paper's (25 for 2Q, 10 for S3-FIFO).
    public var newShare: Int?
    /// How many pages the ghost queue remembers, in percent of the frames (2Q's Kout, S3-FIFO's
    /// ghost queue); nil: the paper's (50 for 2Q, 90 for S3-FIFO). 0 under Linux: no shadow entries.
    public var ghostShare: Int?
    /// Linux's vm.swappiness, 0 to 200: how hard reclaim scans anonymous pages against file pages
    /// (anonymous weighed `swappiness`, file `200 - swappiness`).
    public var swappiness: Int
    /// MGLRU's MAX_NR_GENS, 3 to 8; nil: the kernel's 4.
    public var generations: Int?

    public init(
        bits: Int? = nil, interval: Int = 4, window: Int = 8, newShare: Int? = nil, ghostShare: Int? = nil, swappiness: Int = 60
    ) {
        self.swappiness = swappiness
        self.bits = bits
        self.interval = interval
        self.window = window
        self.newShare = newShare
        self.ghostShare = ghostShare
    }

    /// `percent` of `frames`, rounded down as libCacheSim's sizes are (a double product, truncated).
    public static func share(_ percent: Int, of frames: Int) -> Int { Int(Double(frames) * (Double(percent) / 100)) }

    /// The frames for pages not yet proven under `policy` (2Q's Kin, S3-FIFO's small queue): the
    /// share as set, or the paper's (2Q 25%, S3-FIFO 10%), of `frames`.
    public func newFrames(_ policy: ReplacementPolicy, of frames: Int) -> Int {
        Self.share(newShare ?? (policy == .s3fifo ? 10 : 25), of: frames)
    }

    /// The pages `policy`'s ghost queue remembers (2Q's Kout, S3-FIFO's G): the share as set, or
    /// the paper's (2Q 50%, S3-FIFO 90%), of `frames`.
    public func ghostPages(_ policy: ReplacementPolicy, of frames: Int) -> Int {
        Self.share(ghostShare ?? (policy == .s3fifo ? 90 : 50), of: frames)
    }

    /// The bits of `policy`'s counter: as set, or the policy's own default (8 where it has none).
    public func bits(for policy: ReplacementPolicy) -> Int { bits ?? policy.rule.defaultBits ?? 8 }
}

/// Which TLB entry a full TLB set gives up.
public enum TLBReplacement: String, CaseIterable, Sendable {
    case lru, fifo, random

    /// As explanations name it: LRU, FIFO, RANDOM.
    public var label: String {
        switch self {
        case .lru: "LRU"
        case .fifo: "FIFO"
        case .random: "RANDOM"
        }
    }
}

/// When a write to a file page reaches the disk.
public enum WritePolicy: String, CaseIterable, Sendable {
    /// Every write to a page-cache page is also written to disk at once.
    case writeThrough = "through"
    /// The page is marked dirty and reaches disk on eviction, sync or close.
    case writeBack = "back"
}

/// The order in which private copies are written back when several processes close a file.
public enum CloseOrder: String, CaseIterable, Sendable {
    /// Each process writes back the moment it closes.
    case close
    /// A process's close waits for every process that opened the file before it.
    case open
    /// Like `open`, but the order is a seeded random ranking drawn at open time.
    case random
}

/// What happens when several processes map the same file for writing.
public enum SharingPolicy: Hashable, Sendable {
    /// One page-cache copy shared by everyone, no write locking (Unix / Linux).
    case sharedCopy
    /// One shared copy, but writing a page needs an exclusive per-page lock held until close.
    case exclusiveLock
    /// Each writer gets a private copy; only the words it changed are written back at close.
    case privateCopies(CloseOrder)
    /// Each writer's close creates a new version, merged three-way with the latest one.
    case versioned

    /// Whether writers work on private session copies rather than the page cache.
    public var usesSessionCopies: Bool {
        switch self {
        case .privateCopies, .versioned: true
        case .sharedCopy, .exclusiveLock: false
        }
    }

    public var name: String {
        switch self {
        case .sharedCopy: "shared"
        case .exclusiveLock: "lock"
        case .privateCopies(let order): "private-\(order.rawValue)"
        case .versioned: "versioned"
        }
    }

    public static let allCases: [SharingPolicy] =
        [.sharedCopy, .exclusiveLock] + CloseOrder.allCases.map { .privateCopies($0) } + [.versioned]

    public init?(name: String) {
        guard let policy = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = policy
    }
}

/// Which frames a faulting process may take.
public struct FrameAllocation: Hashable, Sendable {
    public enum Scope: String, Hashable, Sendable, CaseIterable {
        /// Any frame in memory can be the victim.
        case global
        /// A process that has used up its allotment replaces only frames it loaded itself.
        case local
    }

    public enum Share: String, Hashable, Sendable, CaseIterable {
        /// Every process gets the same number of frames.
        case equal
        /// Frames in proportion to how many pages each process's script touches.
        case proportional
    }

    public var scope: Scope
    public var share: Share

    public init(scope: Scope = .global, share: Share = .equal) {
        self.scope = scope
        self.share = share
    }
}

/// Which ready process runs the next operation.
public enum SchedulerPolicy: Hashable, Sendable {
    /// Each process runs `quantum` operations in turn.
    case roundRobin(quantum: Int)
    /// Processes run in exactly this order, one operation per entry, each on the CPU it names (or
    /// the next CPU in turn); round robin afterwards.
    case explicit([ScheduledTurn])
    /// A seeded random ready process each step.
    case random
}

/// One entry of an explicit schedule: a process, and optionally the CPU it runs on.
public struct ScheduledTurn: Hashable, Sendable {
    public var process: ProcessID
    public var cpu: Int?

    public init(process: ProcessID, cpu: Int? = nil) {
        self.process = process
        self.cpu = cpu
    }
}

public struct TLBConfiguration: Hashable, Sendable {
    public var entries: Int
    /// Entries per set; 0 means fully associative (one set holding every entry).
    public var ways: Int
    public var replacement: TLBReplacement
    /// Entries carry an address-space id; when false, every context switch flushes the TLB.
    public var tagged: Bool
    /// Address-space ids each CPU's TLB can hold at once (nil: as many as there are processes).
    /// A CPU switching to a process with none takes the least recently used one back, flushing
    /// the entries tagged with it (x86 PCIDs: `choose_new_asid` in arch/x86/mm/tlb.c).
    public var asids: Int?

    public init(entries: Int = 4, ways: Int = 0, replacement: TLBReplacement = .lru, tagged: Bool = true, asids: Int? = nil) {
        self.entries = entries
        self.ways = ways
        self.replacement = replacement
        self.tagged = tagged
        self.asids = asids
    }

    public var waysPerSet: Int { ways == 0 ? entries : ways }
    public var sets: Int { entries / waysPerSet }
}

public struct MachineConfiguration: Hashable, Sendable {
    public var pageSize: Int
    /// Each page holds this many words, so views can show contents and tests can track every write.
    public var wordsPerPage: Int
    public var frames: Int
    public var swapSlots: Int
    public var tlb: TLBConfiguration
    public var replacement: ReplacementPolicy
    public var replacementParameters: ReplacementParameters
    public var allocation: FrameAllocation
    /// Bits of the virtual page number at each level of the page table, top level first;
    /// empty for a single-level table whose memory is not modelled.
    public var pageTableLevels: [Int]
    /// An inverted (hashed) page table: one entry per resident translation, found by hashing.
    public var invertedPageTable: Bool
    public var writePolicy: WritePolicy
    public var sharing: SharingPolicy
    /// Before a process reads a file page, any other process's dirty copy of it is written first.
    public var flushBeforeRead: Bool
    public var scheduler: SchedulerPolicy
    public var seed: UInt64
    /// Processors, each with its own TLB of the configured shape (1 to 8).
    public var cpus: Int
    /// How a change of mapping reaches the other CPUs' TLBs (matters with more than one CPU).
    public var shootdown: ShootdownPolicy
    /// Where the engine follows Linux rather than the textbook (all off by default).
    public var kernel: KernelBehaviour

    public init(
        pageSize: Int = 4096, wordsPerPage: Int = 4, frames: Int = 4, swapSlots: Int = 8,
        tlb: TLBConfiguration = TLBConfiguration(), replacement: ReplacementPolicy = .lru,
        replacementParameters: ReplacementParameters = ReplacementParameters(), allocation: FrameAllocation = FrameAllocation(),
        pageTableLevels: [Int] = [], invertedPageTable: Bool = false, writePolicy: WritePolicy = .writeBack,
        sharing: SharingPolicy = .sharedCopy,
        flushBeforeRead: Bool = false, scheduler: SchedulerPolicy = .roundRobin(quantum: 1), seed: UInt64 = 1, cpus: Int = 1,
        shootdown: ShootdownPolicy = .eager, kernel: KernelBehaviour = .textbook
    ) {
        self.pageSize = pageSize
        self.wordsPerPage = wordsPerPage
        self.frames = frames
        self.swapSlots = swapSlots
        self.tlb = tlb
        self.replacement = replacement
        self.replacementParameters = replacementParameters
        self.allocation = allocation
        self.pageTableLevels = pageTableLevels
        self.invertedPageTable = invertedPageTable
        self.writePolicy = writePolicy
        self.sharing = sharing
        self.flushBeforeRead = flushBeforeRead
        self.scheduler = scheduler
        self.seed = seed
        self.cpus = cpus
        self.shootdown = shootdown
        self.kernel = kernel
    }

    /// Memory references one page walk makes: one per level (an inverted table's walks vary).
    public var walkReferences: Int { max(1, pageTableLevels.count) }

    /// Buckets of an inverted page table: the frame count rounded up to a power of two.
    public var hashBuckets: Int {
        var buckets = 1
        while buckets < frames { buckets <<= 1 }
        return buckets
    }

    /// The bucket of a translation: (page number + process number) mod buckets, easy to work by hand.
    public func hashBucket(process: Int, page: Int) -> Int { (page &+ process) & (hashBuckets - 1) }

    /// Bytes covered by one word of a page.
    public var wordSize: Int { pageSize / wordsPerPage }

    /// Problems that make this configuration impossible to simulate, in plain words.
    public var problems: [String] {
        var found: [String] = []
        if pageSize <= 0 || pageSize & (pageSize - 1) != 0 { found.append("page size must be a positive power of two, not \(pageSize)") }
        if wordsPerPage < 1 || wordsPerPage > 64 {
            found.append("words per page must be between 1 and 64, not \(wordsPerPage)")
        } else if pageSize > 0 && pageSize % wordsPerPage != 0 {
            found.append("page size \(pageSize) is not a multiple of \(wordsPerPage) words")
        }
        if frames < 1 { found.append("there must be at least one frame, not \(frames)") }
        if frames > 1 << 20 { found.append("at most \(1 << 20) frames, not \(frames)") }
        if swapSlots < 0 || swapSlots > 1 << 20 { found.append("swap slots must be between 0 and \(1 << 20), not \(swapSlots)") }
        if tlb.entries < 0 || tlb.entries > 4096 { found.append("TLB entries must be between 0 and 4096, not \(tlb.entries)") }
        if tlb.ways < 0 {
            found.append("TLB ways must not be negative")
        } else if tlb.entries > 0 && tlb.ways > 0 && tlb.entries % tlb.ways != 0 {
            found.append("TLB entries (\(tlb.entries)) must be a multiple of its ways (\(tlb.ways))")
        }
        if let bits = replacementParameters.bits, bits < 1 || bits > 32 {
            found.append("reference bits must be between 1 and 32, not \(bits)")
        }
        if replacementParameters.interval < 1 {
            found.append("the timer interval must be at least 1 reference, not \(replacementParameters.interval)")
        }
        if replacementParameters.window < 1 {
            found.append("the working-set window must be at least 1 reference, not \(replacementParameters.window)")
        }
        if invertedPageTable && !pageTableLevels.isEmpty { found.append("a page table is either inverted or multi-level, not both") }
        if !pageTableLevels.isEmpty {
            if !(2...4).contains(pageTableLevels.count) {
                found.append("a multi-level page table has 2 to 4 levels, not \(pageTableLevels.count)")
            }
            if pageTableLevels.contains(where: { $0 < 1 || $0 > 20 }) {
                found.append("each page-table level takes 1 to 20 bits")
            } else if pageTableLevels.reduce(0, +) + pageSize.trailingZeroBitCount > 63 {
                found.append("the page-table levels and the page offset take more than 63 bits")
            }
        }
        if !(1...8).contains(cpus) { found.append("there are 1 to 8 CPUs, not \(cpus)") }
        if case .explicit(let turns) = scheduler, let cpu = turns.compactMap(\.cpu).first(where: { !(0..<cpus).contains($0) }) {
            found.append(
                "the schedule names CPU \(cpu), but there \(cpus == 1 ? "is 1 CPU (cpu0)" : "are \(cpus) CPUs (cpu0 to cpu\(cpus - 1))")")
        }
        if let asids = tlb.asids, !(1...4096).contains(asids) {
            found.append("TLB address-space ids must be between 1 and 4096, not \(asids)")
        }
        if let expire = kernel.writebackExpire, expire < 1 {
            found.append("the writeback daemon's expiry must be at least 1 step, not \(expire)")
        }
        if !(1...512).contains(kernel.faultAround) { found.append("fault-around takes 1 to 512 pages, not \(kernel.faultAround)") }
        if !(1...512).contains(kernel.readahead) { found.append("readahead takes 1 to 512 pages, not \(kernel.readahead)") }
        if case .roundRobin(let quantum) = scheduler, quantum < 1 {
            found.append("the round-robin quantum must be at least 1, not \(quantum)")
        }
        return found
    }
}

/// A process number alone is a turn on whichever CPU comes next.
extension ScheduledTurn: ExpressibleByIntegerLiteral {
    public init(integerLiteral process: ProcessID) { self.init(process: process) }
}
