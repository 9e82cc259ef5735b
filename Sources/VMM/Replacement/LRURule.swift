/// LRU: evict the page used longest ago (the head of the recency list).
struct LRURule: RecencyRule {
    static func victim(in machine: inout Machine, among candidates: [FrameNumber]) -> (FrameNumber, String)? {
        let victim = candidates.min { (machine.frames[$0].lastUsed, $0) < (machine.frames[$1].lastUsed, $1) }!
        return (victim, "LRU evicts the page used longest ago (tick \(machine.frames[victim].lastUsed))")
    }

    static func view(of machine: Machine) -> PolicyView { .ranks("LRU #", machine) { $0.lastUsed } }

    var order: RecencyList

    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        Int(order.head)
    }
}
