/// UNOPT, OPT's mirror: evict the page whose next use is nearest, the worst choice there is.
struct UNOPTRule: NextUseRule {
    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)? {
        guard
            let (victim, why) = NextUseOrder.engineVictim(
                &machine, among: candidates, farthest: farthest, comparison: "sooner than any other (the worst choice there is)")
        else { return nil }
        return (victim, "UNOPT evicts \(why)")
    }

    static let farthest = false
    var order: KeyedFrameHeap
}
