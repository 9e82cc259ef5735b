/// LRU: evict the page used longest ago (the head of the recency list).
struct LRURule: ReplacementRule {
    private var order: RecencyList

    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) { order = RecencyList(frames: frames.count) }

    mutating func loaded(_ frame: Int, _ frames: FrameTable) { order.append(frame) }
    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) { order.touch(frame) }
    mutating func evicted(_ frame: Int) { order.remove(frame) }
    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        Int(order.head)
    }
    func deallocate() { order.deallocate() }
}

/// MRU: evict the page used most recently (the tail of the recency list).
struct MRURule: ReplacementRule {
    private var order: RecencyList

    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) { order = RecencyList(frames: frames.count) }

    mutating func loaded(_ frame: Int, _ frames: FrameTable) { order.append(frame) }
    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) { order.touch(frame) }
    mutating func evicted(_ frame: Int) { order.remove(frame) }
    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        Int(order.tail)
    }
    func deallocate() { order.deallocate() }
}
