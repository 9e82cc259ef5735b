/// LFU: evict the page used least often since it was loaded; ties go to the page loaded first.
struct LFURule: UseCountRule {
    static let evictionKey: (@Sendable (Frame.Ranks) -> EvictionOrder.Key)? = { frame in
        EvictionOrder.Key(primary: Int(truncatingIfNeeded: frame.replacementData), secondary: frame.loadedAt)
    }

    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)? {
        machine.firstInEvictionOrder(candidates).map { victim in
            (victim, "LFU evicts the page used least often since it was loaded (\(machine.plural(uses(machine.frames[victim]), "use")))")
        }
    }

    static let mostUsedFirst = false
    var order: KeyedFrameHeap
}
