/// One process's script as OPT reads it: for each page it touches, the indices of the operations
/// that touch it, ascending. Pages are kept sorted and found by binary search: OPT asks of every
/// candidate frame at every eviction, and hashing each page (SipHash) cost more than the search.
struct FutureUses: Hashable, Sendable {
    private let pages: [VirtualPageNumber]
    private let uses: [[Int]]

    init(_ script: [Operation], pageSize: Int) {
        var byPage: [VirtualPageNumber: [Int]] = [:]
        for (index, operation) in script.enumerated() {
            if let address = operation.accessedAddress, address >= 0 { byPage[address / pageSize, default: []].append(index) }
        }
        pages = byPage.keys.sorted()
        uses = pages.map { byPage[$0]! }
    }

    /// How many distinct pages the script touches.
    var pageCount: Int { pages.count }

    /// The first operation at or after `from` that touches `page`, if any.
    func nextUse(of page: VirtualPageNumber, from: Int) -> Int? {
        let slot = Self.firstIndex(in: pages, notBelow: page)
        guard slot < pages.count, pages[slot] == page else { return nil }
        let indices = uses[slot]
        let next = Self.firstIndex(in: indices, notBelow: from)
        return next < indices.count ? indices[next] : nil
    }

    /// Where `value` would go in the ascending `sorted`: the first index whose element is not below it.
    static func firstIndex(in sorted: [Int], notBelow value: Int) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// OPT's memo of each frame's next use, so an eviction does not search every candidate's future
/// again. An entry holds the first use at or after the program counter of the time it was made,
/// for one (process, page); program counters only move forwards, so it stays right until the
/// counter passes it. It is checked where it is read (the frame still holds that page for that
/// process alone, the counter has not passed it) and needs no upkeep elsewhere.
///
/// A memo is not part of the machine's state: two machines that differ only in it are equal.
struct NextUseMemo: Hashable, Sendable {
    struct Entry: Sendable {
        var process = -1
        var page = 0
        /// The script index of the next use, or `Int.max` for none.
        var use = Int.max
    }
    var entries: [Entry]

    init(frames: Int) { entries = Array(repeating: Entry(), count: frames) }

    static func == (_: NextUseMemo, _: NextUseMemo) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}

extension Machine {
    /// `nextUse(of:)` for an eviction: the same distance, from the memo where it still holds.
    /// A page-cache page is asked of every process that maps its file, so it is not memoised.
    mutating func memoisedNextUse(of frame: FrameNumber) -> Int {
        guard frames[frame].mappers.count == 1 else { return nextUse(of: frame) }
        if case .filePage = frames[frame].content { return nextUse(of: frame) }
        let user = frames[frame].mappers[0]
        guard !processes[user.process].state.isDone else { return .max }
        let from = processes[user.process].programCounter
        let entry = nextUseMemo.entries[frame]
        if entry.process == user.process, entry.page == user.page, from <= entry.use {
            return entry.use == .max ? .max : entry.use - from
        }
        let use = futureUses[user.process].nextUse(of: user.page, from: from) ?? .max
        nextUseMemo.entries[frame] = NextUseMemo.Entry(process: user.process, page: user.page, use: use)
        return use == .max ? .max : use - from
    }
}
