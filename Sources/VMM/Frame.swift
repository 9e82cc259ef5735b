/// What a physical frame holds.
public enum FrameContent: Hashable, Sendable {
    case free
    /// A page of a file in the page cache, shared by everyone who maps it.
    case filePage(file: FileID, page: Int)
    /// Anonymous memory first allocated by `owner` (after fork, its children may map it too).
    case anonymous(owner: ProcessID, page: VirtualPageNumber)
    /// A copy-on-write copy of a file page under a private mapping; never written back.
    case privateCopy(owner: ProcessID, file: FileID, page: Int)
    /// A writer's private copy of a file page under a session-copy sharing policy.
    case sessionCopy(owner: ProcessID, file: FileID, page: Int)
    /// A page of a process's multi-level page table: `level` from 1 (the root), covering the
    /// virtual pages whose top bits are `prefix`. Kept in memory until the process ends.
    case pageTable(owner: ProcessID, level: Int, prefix: Int)

    /// Whether evicting this content needs a swap slot (it has no home on disk).
    public var needsSwap: Bool {
        switch self {
        case .anonymous, .privateCopy, .sessionCopy: true
        case .free, .filePage, .pageTable: false
        }
    }
}

/// One entry of a frame's reverse map: a process and where in its own map it sees the frame.
public struct ReverseMapEntry: Hashable, Sendable, Comparable {
    public var process: ProcessID
    public var page: VirtualPageNumber

    public init(process: ProcessID, page: VirtualPageNumber) {
        self.process = process
        self.page = page
    }

    public static func < (a: Self, b: Self) -> Bool { (a.process, a.page) < (b.process, b.page) }
}

public struct Frame: Hashable, Sendable {
    public internal(set) var content = FrameContent.free
    public internal(set) var words: [Int]
    public internal(set) var dirty = false
    public internal(set) var referenced = false
    /// The tick the current content was loaded at (FIFO order).
    public internal(set) var loadedAt = 0
    /// The tick of the last access (LRU order).
    public internal(set) var lastUsed = 0
    /// The reverse map, kept sorted.
    public internal(set) var mappers: [ReverseMapEntry] = []
    /// The process that last wrote the frame, for flush-before-read and explanations.
    public internal(set) var lastWriter: ProcessID?
    /// What the replacement policy keeps for this frame (gem5's ReplacementData), whose meaning
    /// only the policy's rule knows: LFU's and MFU's count of uses since the page was loaded,
    /// Aging's counter, GCLOCK's count of recent uses, WSClock's reference count at the last
    /// access (virtual time, for its window). One word, since a machine has one policy.
    public internal(set) var replacementData: UInt64 = 0
    /// The process whose fault loaded it: under local allocation, the process it counts against.
    public internal(set) var owner: ProcessID?
    /// The step at which the page last became dirty: the writeback daemon writes it once it has
    /// been dirty for the expiry (Linux write-back only).
    public internal(set) var dirtiedAt = 0

    init(wordsPerPage: Int) { words = Array(repeating: 0, count: wordsPerPage) }

    public var isFree: Bool { if case .free = content { true } else { false } }

    /// Whether the frame holds a page of data (not free, not a page table).
    var holdsData: Bool {
        switch content {
        case .free, .pageTable: false
        default: true
        }
    }

    /// What the replacement policies' indexes read (`EvictionOrder`, `SweepStops`), as one small
    /// value: a copy of the frame itself would retain its words and reverse map.
    struct Ranks {
        var lastUsed: Int
        var loadedAt: Int
        var replacementData: UInt64
        var referenced: Bool
        var dirty: Bool
        /// Whether the frame holds a page of data (not free, not a page table).
        var holdsData: Bool
        var holdsFilePage: Bool
        /// The process that loaded it: local replacement keeps an order per process.
        var owner: ProcessID?
    }

    var ranks: Ranks {
        let holdsFilePage = if case .filePage = content { true } else { false }
        return Ranks(
            lastUsed: lastUsed, loadedAt: loadedAt, replacementData: replacementData, referenced: referenced, dirty: dirty,
            holdsData: holdsData,
            holdsFilePage: holdsFilePage, owner: owner)
    }
}

/// A swap slot holding an evicted page that has no file to go back to.
public struct SwapSlot: Hashable, Sendable {
    public internal(set) var content: FrameContent
    public internal(set) var words: [Int]
    /// The page table entries that point here, kept sorted.
    public internal(set) var owners: [ReverseMapEntry]
}
