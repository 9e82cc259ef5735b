/// OPT's and UNOPT's index of the frames by next use, so an eviction weighs one frame per process
/// instead of every frame.
///
/// How far off a page's next use is depends on where its process stands, and processes move at
/// different speeds, so one order of all frames cannot be kept. But within one process every
/// distance shrinks together as its program counter moves, so a heap per process ordered by the
/// script index of the next use stays right; an eviction compares the heads (one per process)
/// and the few frames kept outside the heaps. A frame's index changes only when the counter
/// passes the operation that uses its page, and that operation is the one just run
/// (`Machine.passedUse`), so a step costs O(log frames).
///
/// A frame is in its process's heap when it holds that process's private page alone (its one
/// mapper is its owner, so local replacement finds a process's frames in its own heap). A page
/// of the page cache (wanted by every process that maps the file) and a page several processes
/// map are *loose*: weighed afresh at each eviction, as before. A process that ends unmaps all it
/// mapped, so its heap is empty by then.
///
/// Derived from the frames (`InvariantChecker` holds the two together), so it is not part of the
/// machine's state: equality and hashing ignore it.
struct NextUseIndex: Hashable, Sendable {
    /// One indexed frame: whose page it holds, and the script index of that page's next use.
    struct Entry: Equatable, Sendable {
        /// -1: the frame is not in a heap.
        var process = -1
        var page = 0
        /// The script index of the next use, or `Int.max` for none.
        var use = Int.max
        /// The frame's last use: ties go to the page used longest ago.
        var lastUsed = 0

        var isIndexed: Bool { process >= 0 }
    }

    /// False for every policy but OPT and UNOPT, which then costs nothing here.
    let isKept: Bool
    /// OPT's order (farthest next use first) or UNOPT's (nearest first).
    let farthest: Bool
    private(set) var entries: [Entry]
    /// Each frame's index in its process's heap, or -1.
    private var positions: [Int]
    private var heaps: [FramePriorityQueue]
    /// Per process, how many of its indexed frames are never used again: all tie when that is
    /// the answer, and the sentence counts them.
    private(set) var neverUsedAgain: [Int]
    /// The data frames kept outside the heaps.
    private(set) var loose: SlotBitmap

    init(frames: Int, processes: Int, kept: Bool, farthest: Bool) {
        isKept = kept
        self.farthest = farthest
        entries = kept ? Array(repeating: Entry(), count: frames) : []
        positions = kept ? Array(repeating: -1, count: frames) : []
        heaps = kept ? Array(repeating: FramePriorityQueue(), count: processes) : []
        neverUsedAgain = kept ? Array(repeating: 0, count: processes) : []
        loose = SlotBitmap(slots: kept ? frames : 0, full: false)
    }

    static func == (_: NextUseIndex, _: NextUseIndex) -> Bool { true }
    func hash(into hasher: inout Hasher) {}

    /// Next use first (farthest or nearest), then the page used longest ago, then the lower frame:
    /// the engine's tie-break, which does not depend on the memory size.
    struct Order: FrameOrder {
        let entries: [Entry]
        let farthest: Bool

        @inline(__always) func before(_ a: FrameNumber, _ b: FrameNumber) -> Bool {
            let (x, y) = (entries[a], entries[b])
            if x.use != y.use { return farthest ? x.use > y.use : x.use < y.use }
            return x.lastUsed != y.lastUsed ? x.lastUsed < y.lastUsed : a < b
        }
    }

    private var order: Order { Order(entries: entries, farthest: farthest) }

    /// Files a frame: in its process's heap (`entry`), loose (a data frame with no entry), or
    /// nowhere (a free frame or a page table).
    mutating func place(_ frame: FrameNumber, _ entry: Entry?, holdsData: Bool) {
        let old = entries[frame]
        if let entry, old.process == entry.process {
            guard old != entry else { return }
            neverUsedAgain[entry.process] += (entry.use == .max ? 1 : 0) - (old.use == .max ? 1 : 0)
            entries[frame] = entry
            heaps[entry.process].update(frame, &positions, order)
            return
        }
        if old.isIndexed {
            heaps[old.process].remove(frame, &positions, order)
            neverUsedAgain[old.process] -= old.use == .max ? 1 : 0
            entries[frame] = Entry()
        }
        if let entry {
            entries[frame] = entry
            neverUsedAgain[entry.process] += entry.use == .max ? 1 : 0
            heaps[entry.process].insert(frame, &positions, order)
        }
        loose.set(frame, entry == nil && holdsData)
    }

    /// A process's first frame in order that passes `test`.
    func first(of process: ProcessID, where test: (FrameNumber) -> Bool) -> FrameNumber? {
        heaps[process].first(where: test, order)
    }

    /// Whether each heap is in order and where the positions say: for the invariant checker.
    var isHeapOrdered: Bool { heaps.allSatisfy { $0.isOrdered(positions, order) } }
    var indexedCount: Int { heaps.reduce(0) { $0 + $1.count } }
}

extension Machine {
    /// What the index should hold for a frame: its one user's next use when the frame holds that
    /// process's private page alone; nil otherwise.
    func nextUseEntry(_ frame: FrameNumber) -> NextUseIndex.Entry? {
        switch frames[frame].content {
        case .free, .pageTable, .filePage: return nil
        case .anonymous, .privateCopy, .sessionCopy: break
        }
        guard frames[frame].mappers.count == 1 else { return nil }
        let user = frames[frame].mappers[0]
        guard user.process == frames[frame].owner, !processes[user.process].state.isDone else { return nil }
        let use = futureUses[user.process].nextUse(of: user.page, from: processes[user.process].programCounter) ?? .max
        return NextUseIndex.Entry(process: user.process, page: user.page, use: use, lastUsed: frames[frame].lastUsed)
    }

    /// Takes a change to a frame (its content, users or last use) into OPT's index.
    mutating func reindexNextUse(_ frame: FrameNumber) {
        guard nextUses.isKept else { return }
        nextUses.place(frame, nextUseEntry(frame), holdsData: frames[frame].holdsData)
    }

    /// After a process's program counter moved past `operation`: the one page whose next use
    /// that was now has a later one.
    mutating func passedUse(_ pid: ProcessID, _ operation: Operation) {
        guard nextUses.isKept, let address = operation.accessedAddress, address >= 0,
            let entry = processes[pid].pageTable[address / configuration.pageSize], entry.present, let frame = entry.frame
        else { return }
        reindexNextUse(frame)
    }

    /// How many of its own operations until some user of the frame touches it: `nextUse(of:)`,
    /// read from the index where the frame is in it.
    func distanceToNextUse(_ frame: FrameNumber) -> Int {
        guard nextUses.isKept else { return nextUse(of: frame) }
        let entry = nextUses.entries[frame]
        guard entry.isIndexed else { return nextUse(of: frame) }
        return entry.use == .max ? .max : entry.use - processes[entry.process].programCounter
    }
}
