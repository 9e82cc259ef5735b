/// LRU: evict the page used longest ago (the head of the recency list).
struct LRURule: RecencyRule {
    static let evictionKey: (@Sendable (Frame.Ranks) -> EvictionOrder.Key)? = { frame in EvictionOrder.Key(primary: frame.lastUsed) }

    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)? {
        machine.firstInEvictionOrder(candidates).map { victim in
            (victim, "LRU evicts the page used longest ago (tick \(machine.frames[victim].lastUsed))")
        }
    }

    static func view(of machine: Machine) -> PolicyView { .ranks("LRU #", machine) { $0.lastUsed } }

    var order: RecencyList

    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        Int(order.head)
    }
}
