/// OPT's and UNOPT's index of the frames by next use, so an eviction weighs a few frames instead
/// of every frame.
///
/// How far off a page's next use is depends on where its process stands, and processes move at
/// different speeds, so one order of all frames cannot be kept. But within one process every
/// distance shrinks together as its program counter moves, so a heap per process ordered by the
/// script index of the next use stays right; an eviction compares the heads, one per process. A
/// frame's index changes only when the counter passes the operation that uses its page, and that
/// operation is the one just run (`Machine.passedUse`), so a step costs O(log frames).
///
/// A frame is in its process's heap when it holds that process's private page alone (its one
/// mapper is its owner, so local replacement finds a process's frames in its own heap). A page
/// of the page cache (wanted by every process that maps the file) and a page several processes
/// map are *loose*: kept in one more heap by the earliest script index at which any of their
/// users next touches them. Where each user stands bounds the true distance from that index
/// (it lies between the index less the furthest program counter and the index less the
/// nearest), so an eviction weighs exactly only the loose frames whose bounds could still beat
/// or tie the best: a few when the processes move together.
///
/// Derived from the frames (`InvariantChecker` holds the two together), so it is not part of the
/// machine's state: equality and hashing ignore it.
struct NextUseIndex: Hashable, Sendable {
    /// One frame's place: its heap, whose page it holds, and the script index of the next use.
    struct Entry: Equatable, Sendable {
        /// -1: in no heap (a free frame or a page table); a process's number, or `loose`.
        var heap = -1
        /// The page, for a frame in a process's heap.
        var page = 0
        /// The script index of the next use (for a loose frame, the earliest of its users'), or
        /// `Int.max` for none.
        var use = Int.max
        /// The frame's last use: ties go to the page used longest ago.
        var lastUsed = 0

        var isIndexed: Bool { heap >= 0 }
    }

    /// False for every policy but OPT and UNOPT, which then costs nothing here.
    let isKept: Bool
    /// OPT's order (farthest next use first) or UNOPT's (nearest first).
    let farthest: Bool
    /// The heap of the loose frames: the one after the processes'.
    let loose: Int
    private(set) var entries: [Entry]
    /// Each frame's index in its heap, or -1.
    private var positions: [Int]
    private var heaps: [FramePriorityQueue]
    /// Per heap, how many of its frames are never used again: all tie when that is the answer,
    /// and the sentence counts them.
    private(set) var neverUsedAgain: [Int]

    init(frames: Int, processes: Int, kept: Bool, farthest: Bool) {
        isKept = kept
        self.farthest = farthest
        loose = processes
        entries = kept ? Array(repeating: Entry(), count: frames) : []
        positions = kept ? Array(repeating: -1, count: frames) : []
        heaps = kept ? Array(repeating: FramePriorityQueue(), count: processes + 1) : []
        neverUsedAgain = kept ? Array(repeating: 0, count: processes + 1) : []
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

    /// Files a frame in the heap its entry names, or in none.
    mutating func place(_ frame: FrameNumber, _ entry: Entry?) {
        let old = entries[frame]
        if let entry, old.heap == entry.heap {
            guard old != entry else { return }
            neverUsedAgain[entry.heap] += (entry.use == .max ? 1 : 0) - (old.use == .max ? 1 : 0)
            entries[frame] = entry
            heaps[entry.heap].update(frame, &positions, order)
            return
        }
        if old.isIndexed {
            heaps[old.heap].remove(frame, &positions, order)
            neverUsedAgain[old.heap] -= old.use == .max ? 1 : 0
            entries[frame] = Entry()
        }
        if let entry {
            entries[frame] = entry
            neverUsedAgain[entry.heap] += entry.use == .max ? 1 : 0
            heaps[entry.heap].insert(frame, &positions, order)
        }
    }

    /// A frame in a heap was used: only its tie-break moves (its next use is the operation under
    /// way, where the entry has it already).
    mutating func used(_ frame: FrameNumber, at tick: Int) {
        guard entries[frame].isIndexed, entries[frame].lastUsed != tick else { return }
        entries[frame].lastUsed = tick
        heaps[entries[frame].heap].update(frame, &positions, order)
    }

    /// A process's first frame in order that passes `test`.
    func first(of process: ProcessID, where test: (FrameNumber) -> Bool) -> FrameNumber? {
        heaps[process].first(where: test, order)
    }

    var hasLoose: Bool { heaps[loose].count > 0 }

    /// Visits the loose frames in order until `visit` returns false.
    func walkLoose(_ visit: (FrameNumber) -> Bool) { heaps[loose].walk(visit, order) }

    /// Whether each heap is in order and where the positions say: for the invariant checker.
    var isHeapOrdered: Bool { heaps.allSatisfy { $0.isOrdered(positions, order) } }
    var indexedCount: Int { heaps.reduce(0) { $0 + $1.count } }
}

extension Machine {
    /// What the index should hold for a frame: its one user's next use when the frame holds that
    /// process's private page alone; the earliest next use among its users when it is loose; nil
    /// for a free frame or a page table.
    func nextUseEntry(_ frame: FrameNumber) -> NextUseIndex.Entry? {
        switch frames[frame].content {
        case .free, .pageTable: return nil
        case .filePage: return looseEntry(frame)
        case .anonymous, .privateCopy, .sessionCopy: break
        }
        guard frames[frame].mappers.count == 1 else { return looseEntry(frame) }
        let user = frames[frame].mappers[0]
        guard user.process == frames[frame].owner, !processes[user.process].state.isDone else { return looseEntry(frame) }
        let use = futureUses[user.process].nextUse(of: user.page, from: processes[user.process].programCounter) ?? .max
        return NextUseIndex.Entry(heap: user.process, page: user.page, use: use, lastUsed: frames[frame].lastUsed)
    }

    private func looseEntry(_ frame: FrameNumber) -> NextUseIndex.Entry {
        var earliest = Int.max
        forEachUser(of: frame) { process, page in
            let from = processes[process].programCounter
            if let use = futureUses[process].nextUse(of: page, from: from) { earliest = min(earliest, use) }
        }
        return NextUseIndex.Entry(heap: nextUses.loose, use: earliest, lastUsed: frames[frame].lastUsed)
    }

    /// Takes a change to a frame (its content, users or last use) into OPT's index.
    mutating func reindexNextUse(_ frame: FrameNumber) {
        guard nextUses.isKept else { return }
        nextUses.place(frame, nextUseEntry(frame))
    }

    /// After a frame's reverse map changed. A page-cache page's users are the processes that map
    /// its file, whether or not they have touched the page, so only other pages move.
    mutating func mappersChanged(_ frame: FrameNumber) {
        if case .filePage = frames[frame].content { return }
        reindexNextUse(frame)
    }

    /// After a process's program counter moved past `operation`: the page whose next use that
    /// was now has a later one, in the frame its page table points at and, in a mapped file, in
    /// the page cache too (the process still wants the file's page after taking a copy of it).
    mutating func passedUse(_ pid: ProcessID, _ operation: Operation) {
        guard nextUses.isKept, let address = operation.accessedAddress, address >= 0 else { return }
        let page = address / configuration.pageSize
        if let entry = processes[pid].pageTable[page], entry.present, let frame = entry.frame { reindexNextUse(frame) }
        if let mapping = processes[pid].mapping(containing: page), let file = mapping.kind.file,
            let cached = files[file].pageCache[mapping.filePage(of: page)]
        {
            reindexNextUse(cached)
        }
    }

    /// After a process mapped or unmapped a file: every process that maps a file wants the pages
    /// of it in the page cache, so their users changed.
    mutating func fileUsersChanged(_ file: FileID) {
        guard nextUses.isKept else { return }
        for frame in files[file].pageCache.values { reindexNextUse(frame) }
    }

    /// How many of its own operations until some user of the frame touches it: `nextUse(of:)`,
    /// read from the index where the frame is in a process's heap.
    func distanceToNextUse(_ frame: FrameNumber) -> Int {
        guard nextUses.isKept else { return nextUse(of: frame) }
        let entry = nextUses.entries[frame]
        guard entry.isIndexed, entry.heap != nextUses.loose else { return nextUse(of: frame) }
        return entry.use == .max ? .max : entry.use - processes[entry.heap].programCounter
    }

    /// The lowest and highest program counters of the processes that could use a loose frame
    /// (those not done that map something): the bounds on a loose frame's distance.
    var programCounterRange: (lowest: Int, highest: Int) {
        var range = (lowest: Int.max, highest: 0)
        for process in processes.indices where !processes[process].state.isDone && !processes[process].mappings.isEmpty {
            let counter = processes[process].programCounter
            range = (min(range.lowest, counter), max(range.highest, counter))
        }
        return range
    }
}
