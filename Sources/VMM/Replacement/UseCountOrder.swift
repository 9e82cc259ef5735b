/// LFU's and MFU's shared machinery: each frame's uses since its page was loaded, in a heap whose
/// first frame is the least (LFU) or most (MFU) used, ties to the page loaded first. A reference
/// moves its frame in O(log frames).
struct UseCountOrder {
    struct Order: FrameOrder {
        let mostUsedFirst: Bool
        let uses: FrameColumn<Int>
        let loadedAt: FrameColumn<Int>

        @inline(__always) func before(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (uses[a], uses[b])
            if x != y { return mostUsedFirst ? x > y : x < y }
            return loadedAt[a] < loadedAt[b]
        }
    }

    private var heap: FrameHeap<Order>

    init(_ frames: FrameTable, mostUsedFirst: Bool) {
        heap = FrameHeap(
            frames: frames.count,
            order: Order(mostUsedFirst: mostUsedFirst, uses: FrameColumn(count: frames.count, repeating: 0), loadedAt: frames.loadedAt))
    }

    mutating func loaded(_ frame: Int) {
        heap.order.uses[frame] = 0
        heap.insert(frame)
    }

    @inline(__always) mutating func referenced(_ frame: Int) {
        heap.order.uses[frame] &+= 1
        heap.update(frame)
    }

    mutating func evicted(_ frame: Int) { heap.remove(frame) }
    var first: Int { heap.first }

    func deallocate() {
        heap.order.uses.deallocate()
        heap.deallocate()
    }

    static func view(of machine: Machine) -> PolicyView { .cells("uses", machine) { "\($0.uses)" } }
}

/// LFU and MFU: every hook is the use-count order's; they differ in which end of it they take.
protocol UseCountRule: ReplacementRule {
    static var mostUsedFirst: Bool { get }
    var order: UseCountOrder { get set }
    init(order: UseCountOrder)
}

extension UseCountRule {
    static func view(of machine: Machine) -> PolicyView { UseCountOrder.view(of: machine) }
    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) {
        self.init(order: UseCountOrder(frames, mostUsedFirst: Self.mostUsedFirst))
    }
    mutating func loaded(_ frame: Int, _ frames: FrameTable) { order.loaded(frame) }
    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) { order.referenced(frame) }
    mutating func evicted(_ frame: Int) { order.evicted(frame) }
    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        order.first
    }
    func deallocate() { order.deallocate() }
}
