/// MRU: evict the page used most recently (the tail of the recency list).
struct MRURule: RecencyRule {
    static func victim(in machine: inout Machine, among candidates: [FrameNumber]) -> (FrameNumber, String)? {
        let victim = candidates.max { (machine.frames[$0].lastUsed, -$0) < (machine.frames[$1].lastUsed, -$1) }!
        return (victim, "MRU evicts the page used most recently (tick \(machine.frames[victim].lastUsed))")
    }

    static func view(of machine: Machine) -> PolicyView { .ranks("MRU #", machine) { -$0.lastUsed } }

    var order: RecencyList

    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        Int(order.tail)
    }
}
