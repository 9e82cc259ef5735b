/// OPT (Belady): evict the page whose next use is farthest away: the fewest faults there can be.
struct OPTRule: NextUseRule {
    static func victim(in machine: inout Machine, among candidates: [FrameNumber]) -> (FrameNumber, String)? {
        let (victim, distance) = NextUseOrder.engineVictim(machine, among: candidates, farthest: farthest)
        return (victim, "OPT evicts the page that \(NextUseOrder.when(distance)), later than any other")
    }

    static let farthest = true
    var order: KeyedFrameHeap
}
