/// OPT's and UNOPT's shared machinery: each frame's next use, the engine's choice by it, and a
/// heap keyed by it for the fast simulator (each reference moves its frame in O(log frames), so a
/// fault costs no scan). Ties (pages never used again) go to the page loaded first.
struct NextUseOrder {
    struct Order: FrameOrder {
        let farthest: Bool
        let nextUse: FrameColumn<Int>
        let loadedAt: FrameColumn<Int>

        @inline(__always) func before(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (nextUse[a], nextUse[b])
            if x != y { return farthest ? x > y : x < y }
            return loadedAt[a] < loadedAt[b]
        }
    }

    private var heap: FrameHeap<Order>

    init(_ frames: FrameTable, farthest: Bool) {
        heap = FrameHeap(
            frames: frames.count,
            order: Order(farthest: farthest, nextUse: FrameColumn(count: frames.count, repeating: .max), loadedAt: frames.loadedAt))
    }

    mutating func loaded(_ frame: Int) {
        heap.order.nextUse[frame] = .max
        heap.insert(frame)
    }

    @inline(__always) mutating func referenced(_ frame: Int, nextUse: Int) {
        heap.order.nextUse[frame] = nextUse
        heap.update(frame)
    }

    mutating func evicted(_ frame: Int) { heap.remove(frame) }
    var first: Int { heap.first }

    func deallocate() {
        heap.order.nextUse.deallocate()
        heap.deallocate()
    }

    /// The engine's choice: the farthest (or nearest) next use among the candidates, and its distance.
    static func engineVictim(_ machine: Machine, among candidates: [FrameNumber], farthest: Bool) -> (FrameNumber, distance: Int) {
        let distances = candidates.map { machine.nextUse(of: $0) }
        var best = 0
        for index in candidates.indices.dropFirst() {
            let (d, b) = (distances[index], distances[best])
            let better = farthest ? d > b : d < b
            if better || (d == b && machine.frames[candidates[index]].loadedAt < machine.frames[candidates[best]].loadedAt) { best = index }
        }
        return (candidates[best], distances[best])
    }

    static func when(_ distance: Int) -> String {
        distance == .max ? "is never used again" : "is next used \(distance) operations from now"
    }

    static func view(of machine: Machine) -> PolicyView {
        PolicyView(
            heading: "next use",
            cells: machine.frames.indices.map { frame in
                guard !machine.frames[frame].isFree else { return "" }
                let distance = machine.nextUse(of: frame)
                return distance == .max ? "never" : "+\(distance)"
            })
    }
}

/// OPT and UNOPT: every hook is the next-use order's; they differ in which end of it they take.
protocol NextUseRule: ReplacementRule {
    static var farthest: Bool { get }
    var order: NextUseOrder { get set }
    init(order: NextUseOrder)
}

extension NextUseRule {
    static func view(of machine: Machine) -> PolicyView { NextUseOrder.view(of: machine) }
    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) {
        self.init(order: NextUseOrder(frames, farthest: Self.farthest))
    }
    mutating func loaded(_ frame: Int, _ frames: FrameTable) { order.loaded(frame) }
    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) {
        order.referenced(frame, nextUse: nextUse)
    }
    mutating func evicted(_ frame: Int) { order.evicted(frame) }
    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        order.first
    }
    func deallocate() { order.deallocate() }
}
