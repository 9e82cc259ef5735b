/// MRU: evict the page used most recently (the tail of the recency list).
struct MRURule: RecencyRule {
    static let evictionKey: (@Sendable (Frame.Ranks) -> EvictionOrder.Key)? = { frame in EvictionOrder.Key(primary: -frame.lastUsed) }

    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)? {
        machine.firstInEvictionOrder(candidates).map { victim in
            (victim, "MRU evicts the page used most recently (tick \(machine.frames[victim].lastUsed))")
        }
    }

    static func view(of machine: Machine) -> PolicyView { .ranks("MRU #", machine) { -$0.lastUsed } }

    var order: RecencyList

    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        Int(order.tail)
    }
}
