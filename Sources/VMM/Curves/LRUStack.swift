/// LRU's stack distance of every reference in O(log n): the number of distinct pages used since the
/// page's previous use, plus one (so 1 is a re-use with nothing between). A page at distance d is
/// in memory exactly when there are at least d frames (Mattson et al. 1970).
///
/// Every page's last use is a mark on a time line held in a Fenwick tree; the distance is the
/// number of marks after the page's own. When the time line is used up, the marks (one per
/// distinct page) are renumbered 1, 2, 3, ... in order, so memory follows the distinct pages, not
/// the length of the stream.
struct LRUStack {
    /// Fenwick tree over time slots 1...capacity (index 0 unused): a 1 where a page was last used.
    private var tree: [Int32]
    /// Each page's last-use slot, by page number; 0 before its first use.
    private var lastSlot: [Int32] = []
    /// The page whose mark is at each slot, -1 where there is none: renumbering reads the marks in
    /// order from it, with no sort.
    private var slotPage: [Int32]
    private var now = 0
    /// Pages used so far: the marks on the time line.
    private(set) var pages = 0

    init() {
        tree = Array(repeating: 0, count: Self.smallest + 1)
        slotPage = Array(repeating: -1, count: Self.smallest + 1)
    }

    /// The fewest slots the time line has: enough that renumbering is rare.
    static let smallest = 1 << 14

    /// The stack distance of a reference to page number `page` (numbers come in order of first use),
    /// or `Int.max` for its first use; the page becomes the most recently used.
    @inline(__always) mutating func reference(_ page: Int) -> Int {
        if now == tree.count - 1 { renumber() }
        now += 1
        if page == lastSlot.count {
            lastSlot.append(0)
            pages += 1
        }
        let (previous, now, pages) = (Int(lastSlot[page]), self.now, self.pages)
        // One pass over the tree: count the marks after the page's own, move its mark to now.
        let distance = tree.withUnsafeMutableBufferPointer { tree -> Int in
            let size = tree.count
            var distance = Int.max
            if previous > 0 {
                var marks = 0
                var index = previous
                while index > 0 {
                    marks += Int(tree[index])
                    index &= index - 1
                }
                distance = pages - marks + 1
                index = previous
                while index < size {
                    tree[index] &-= 1
                    index += index & -index
                }
            }
            var index = now
            while index < size {
                tree[index] &+= 1
                index += index & -index
            }
            return distance
        }
        if previous > 0 { slotPage[previous] = -1 }
        lastSlot[page] = Int32(now)
        slotPage[now] = Int32(truncatingIfNeeded: page)
        return distance
    }

    /// Each page's position in the stack now (1: the most recently used), in page-number order.
    func positions() -> [Int] {
        let order = lastSlot.indices.sorted { lastSlot[$0] > lastSlot[$1] }
        var position = [Int](repeating: 0, count: lastSlot.count)
        for (rank, page) in order.enumerated() { position[page] = rank + 1 }
        return position
    }

    /// Renumbers the marks 1...pages in order of last use and leaves as much room again.
    private mutating func renumber() {
        var order: [Int32] = []
        order.reserveCapacity(pages)
        for page in slotPage where page >= 0 { order.append(page) }
        let capacity = max(Self.smallest, 2 * pages)
        slotPage = Array(repeating: -1, count: capacity + 1)
        for (rank, page) in order.enumerated() {
            lastSlot[Int(page)] = Int32(rank + 1)
            slotPage[rank + 1] = page
        }
        now = pages
        // A Fenwick tree of ones over 1...pages, built in linear time.
        tree = Array(repeating: 0, count: capacity + 1)
        for index in 1...capacity {
            if index <= pages { tree[index] += 1 }
            let parent = index + (index & -index)
            if parent <= capacity { tree[parent] += tree[index] }
        }
    }
}
