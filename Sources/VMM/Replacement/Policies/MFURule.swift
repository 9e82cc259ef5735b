/// MFU: evict the page used most often since it was loaded, on the argument that a page with a
/// small count was only just brought in and has yet to be used (Silberschatz's counting-based
/// replacement, LFU's opposite). Ties go to the page loaded first.
struct MFURule: UseCountRule {
    static let evictionKey: (@Sendable (Frame.Ranks) -> EvictionOrder.Key)? = { frame in
        EvictionOrder.Key(primary: -Int(truncatingIfNeeded: frame.replacementData), secondary: frame.loadedAt)
    }

    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)? {
        machine.firstInEvictionOrder(candidates).map { victim in
            (victim, "MFU evicts the page used most often since it was loaded (\(machine.plural(uses(machine.frames[victim]), "use")))")
        }
    }

    static let mostUsedFirst = true
    var order: KeyedFrameHeap
}
