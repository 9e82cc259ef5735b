/// UNOPT, OPT's mirror: evict the page whose next use is nearest, the worst choice there is.
struct UNOPTRule: NextUseRule {
    static func victim(in machine: inout Machine, among candidates: [FrameNumber]) -> (FrameNumber, String)? {
        let (victim, distance) = NextUseOrder.engineVictim(machine, among: candidates, farthest: farthest)
        return (victim, "UNOPT evicts the page that \(NextUseOrder.when(distance)), sooner than any other (the worst choice there is)")
    }

    static let farthest = false
    var order: KeyedFrameHeap
}
