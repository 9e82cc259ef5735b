/// Frames ordered by one number each (OPT's next use, LFU's and MFU's use counts): the largest or
/// the smallest first, ties to the page loaded first. Changing a frame's number moves it in
/// O(log frames), and the first frame is read in O(1).
struct KeyedFrameHeap {
    struct Order: FrameOrder {
        let largestFirst: Bool
        let key: FrameColumn<Int>
        let loadedAt: FrameColumn<Int>

        @inline(__always) func before(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (key[a], key[b])
            if x != y { return largestFirst ? x > y : x < y }
            return loadedAt[a] < loadedAt[b]
        }
    }

    private var heap: FrameHeap<Order>

    init(_ frames: FrameTable, largestFirst: Bool) {
        heap = FrameHeap(
            frames: frames.count,
            order: Order(largestFirst: largestFirst, key: FrameColumn(count: frames.count, repeating: 0), loadedAt: frames.loadedAt))
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

    mutating func remove(_ frame: Int) { heap.remove(frame) }
    var first: Int { heap.first }

    func deallocate() {
        heap.order.key.deallocate()
        heap.deallocate()
    }
}
