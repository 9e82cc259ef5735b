/// Frames ordered by one number each (OPT's next use, LFU's and MFU's use counts): the largest or
/// the smallest first, ties to the smallest tie-break tick (the page loaded first, or the one used
/// least recently). Changing a frame's number moves it in O(log frames), and the first frame is
/// read in O(1).
struct KeyedFrameHeap {
    /// Which tick breaks ties between equal numbers.
    enum Ties {
        /// The frame's load tick (LFU, MFU).
        case loadedFirst
        /// The tick of its last use, given with each new number (OPT, UNOPT: a tie-break that does
        /// not depend on the memory size keeps OPT a stack algorithm).
        case leastRecentlyUsed
    }

    struct Order: FrameOrder {
        let largestFirst: Bool
        let key: FrameColumn<Int>
        let tick: FrameColumn<Int>

        @inline(__always) func before(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (key[a], key[b])
            if x != y { return largestFirst ? x > y : x < y }
            return tick[a] < tick[b]
        }
    }

    private var heap: FrameHeap<Order>
    private let ownsTicks: Bool

    init(_ frames: FrameTable, largestFirst: Bool, ties: Ties = .loadedFirst) {
        ownsTicks = ties == .leastRecentlyUsed
        heap = FrameHeap(
            frames: frames.count,
            order: Order(
                largestFirst: largestFirst, key: FrameColumn(count: frames.count, repeating: 0),
                tick: ownsTicks ? FrameColumn(count: frames.count, repeating: 0) : frames.loadedAt))
    }

    mutating func insert(_ frame: Int, key: Int) {
        heap.order.key[frame] = key
        heap.insert(frame)
    }

    @inline(__always) func key(of frame: Int) -> Int { heap.order.key[frame] }

    @inline(__always) mutating func setKey(_ frame: Int, _ key: Int) {
        heap.order.key[frame] = key
        heap.update(frame)
    }

    /// A new number and the tick of the use that gave it (ties `.leastRecentlyUsed`).
    @inline(__always) mutating func setKey(_ frame: Int, _ key: Int, usedAt tick: Int) {
        heap.order.key[frame] = key
        heap.order.tick[frame] = tick
        heap.update(frame)
    }

    mutating func remove(_ frame: Int) { heap.remove(frame) }
    var first: Int { heap.first }

    func deallocate() {
        heap.order.key.deallocate()
        if ownsTicks { heap.order.tick.deallocate() }
        heap.deallocate()
    }
}
