/// OPT (Belady): evict the page whose next use is farthest away: the fewest faults there can be.
struct OPTRule: NextUseRule {
    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)? {
        guard
            let (victim, why) = NextUseOrder.engineVictim(
                &machine, among: candidates, farthest: farthest, comparison: "later than any other")
        else { return nil }
        return (victim, "OPT evicts \(why)")
    }

    static let farthest = true
    var order: KeyedFrameHeap
}
