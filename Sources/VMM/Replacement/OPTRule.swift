/// OPT (Belady): evict the page whose next use is farthest away; UNOPT, its mirror, the nearest.
/// Ties (pages never used again) go to the page loaded first. A heap keyed by next use: each
/// reference moves its frame in O(log frames), so a fault costs no scan.
struct FutureRule<Direction: FutureDirection>: ReplacementRule {
    struct Order: FrameOrder {
        let nextUse: FrameColumn<Int>
        let loadedAt: FrameColumn<Int>

        @inline(__always) func before(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (nextUse[a], nextUse[b])
            if x != y { return Direction.farthest ? x > y : x < y }
            return loadedAt[a] < loadedAt[b]
        }
    }

    private var heap: FrameHeap<Order>

    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) {
        heap = FrameHeap(
            frames: frames.count, order: Order(nextUse: FrameColumn(count: frames.count, repeating: .max), loadedAt: frames.loadedAt))
    }

    mutating func loaded(_ frame: Int, _ frames: FrameTable) {
        heap.order.nextUse[frame] = .max
        heap.insert(frame)
    }

    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) {
        heap.order.nextUse[frame] = nextUse
        heap.update(frame)
    }

    mutating func evicted(_ frame: Int) { heap.remove(frame) }
    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        heap.first
    }

    func deallocate() {
        heap.order.nextUse.deallocate()
        heap.deallocate()
    }
}

/// Which way a `FutureRule` looks.
protocol FutureDirection { static var farthest: Bool { get } }
/// OPT: the farthest next use.
enum Farthest: FutureDirection { static let farthest = true }
/// UNOPT: the nearest next use (the worst choice there is).
enum Nearest: FutureDirection { static let farthest = false }
