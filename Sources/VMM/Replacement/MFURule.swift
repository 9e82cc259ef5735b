/// MFU: evict the page used most often since it was loaded, on the argument that a page with a
/// small count was only just brought in and has yet to be used (Silberschatz's counting-based
/// replacement, LFU's opposite). Ties go to the page loaded first. A heap keyed by use count: a
/// reference moves its frame up in O(log frames).
struct MFURule: ReplacementRule {
    static func victim(in machine: inout Machine, among candidates: [FrameNumber]) -> (FrameNumber, String)? {
        let frames = machine.frames
        let victim = candidates.min { (-frames[$0].uses, frames[$0].loadedAt, $0) < (-frames[$1].uses, frames[$1].loadedAt, $1) }!
        return (victim, "MFU evicts the page used most often since it was loaded (\(machine.plural(frames[victim].uses, "use")))")
    }

    static func view(of machine: Machine) -> PolicyView { .cells("uses", machine) { "\($0.uses)" } }

    struct Order: FrameOrder {
        let uses: FrameColumn<Int>
        let loadedAt: FrameColumn<Int>

        @inline(__always) func before(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (uses[a], uses[b])
            return x != y ? x > y : loadedAt[a] < loadedAt[b]
        }
    }

    private var heap: FrameHeap<Order>

    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) {
        heap = FrameHeap(
            frames: frames.count, order: Order(uses: FrameColumn(count: frames.count, repeating: 0), loadedAt: frames.loadedAt))
    }

    mutating func loaded(_ frame: Int, _ frames: FrameTable) {
        heap.order.uses[frame] = 0
        heap.insert(frame)
    }

    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) {
        heap.order.uses[frame] &+= 1
        heap.update(frame)
    }

    mutating func evicted(_ frame: Int) { heap.remove(frame) }
    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        heap.first
    }

    func deallocate() {
        heap.order.uses.deallocate()
        heap.deallocate()
    }
}
