/// FIFO: evict the page loaded longest ago. Frames enter a ring in the order their pages are
/// loaded, so the oldest is always at its front.
struct FIFORule: ReplacementRule {
    static let evictionKey: (@Sendable (Frame.Ranks) -> EvictionOrder.Key)? = { frame in EvictionOrder.Key(primary: frame.loadedAt) }

    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)? {
        machine.firstInEvictionOrder(candidates).map { victim in
            (victim, "FIFO evicts the page loaded longest ago (tick \(machine.frames[victim].loadedAt))")
        }
    }

    static func view(of machine: Machine) -> PolicyView { .ranks("FIFO #", machine) { $0.loadedAt } }

    private let ring: FrameColumn<Int32>
    private var front = 0
    private var size = 0

    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) { ring = FrameColumn(count: frames.count, repeating: -1) }

    mutating func loaded(_ frame: Int, _ frames: FrameTable) {
        ring[(front + size) % ring.count] = Int32(frame)
        size += 1
    }

    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) {}

    /// Only the victim is evicted, and it is taken from the front in `victim`.
    mutating func evicted(_ frame: Int) {}

    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        let frame = Int(ring[front])
        front = (front + 1) % ring.count
        size -= 1
        return frame
    }

    func deallocate() { ring.deallocate() }
}
