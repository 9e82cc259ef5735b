/// Aging: at each timer interrupt every counter (a frame's `replacementData`) shifts right and
/// takes the referenced bit in at the top; evict the smallest counter, the lowest frame first. Counters change only at the
/// timer, so the heap is rebuilt there (O(frames), as the shifting itself is) and a fault costs
/// O(log frames).
struct AgingRule: ReplacementRule {
    static let evictionKey: (@Sendable (Frame.Ranks) -> EvictionOrder.Key)? = { frame in
        EvictionOrder.Key(primary: Int(bitPattern: UInt(frame.replacementData ^ 1 << 63)))
    }

    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)? {
        machine.firstInEvictionOrder(candidates).map { victim in
            (victim, "Aging evicts the page with the smallest age counter (\(machine.ageBits(machine.frames[victim].replacementData)))")
        }
    }

    static func view(of machine: Machine) -> PolicyView { .cells("age", machine) { machine.ageBits($0.replacementData) } }
    static let defaultBits: Int? = 8
    static var usesTimer: Bool { true }
    static var ticksData: Bool { true }
    static func tick(_ data: inout UInt64, referenced: Bool, parameters: ReplacementParameters) {
        data = (data >> 1) | (referenced ? 1 << UInt64(parameters.bits(for: .aging) - 1) : 0)
    }
    static func timerSentence(_ parameters: ReplacementParameters) -> String {
        "each frame's \(parameters.bits(for: .aging))-bit age is shifted right, its referenced bit entering at the top, and the referenced bits are cleared"
    }

    struct Order: FrameOrder {
        let age: FrameColumn<UInt64>

        @inline(__always) func before(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (age[a], age[b])
            return x != y ? x < y : a < b
        }
    }

    private var heap: FrameHeap<Order>
    private let referencedBit: FrameColumn<Bool>
    private let top: UInt64

    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) {
        heap = FrameHeap(frames: frames.count, order: Order(age: FrameColumn(count: frames.count, repeating: 0)))
        referencedBit = FrameColumn(count: frames.count, repeating: false)
        top = 1 << UInt64(parameters.bits(for: .aging) - 1)
    }

    mutating func loaded(_ frame: Int, _ frames: FrameTable) {
        heap.order.age[frame] = 0
        referencedBit[frame] = false
        heap.insert(frame)
    }

    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) { referencedBit[frame] = true }
    mutating func evicted(_ frame: Int) { heap.remove(frame) }
    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        heap.first
    }

    mutating func timer(used: Int, _ frames: FrameTable) {
        for frame in 0..<used where !frames.pinned[frame] {
            heap.order.age[frame] = (heap.order.age[frame] >> 1) | (referencedBit[frame] ? top : 0)
            referencedBit[frame] = false
        }
        heap.rebuild()
    }

    func deallocate() {
        heap.order.age.deallocate()
        referencedBit.deallocate()
        heap.deallocate()
    }
}

extension Machine {
    /// An Aging counter in binary, as wide as the configured bits.
    public func ageBits(_ age: UInt64) -> String {
        let bits = configuration.replacementParameters.bits(for: .aging)
        let text = String(age, radix: 2)
        return String(repeating: "0", count: max(0, bits - text.count)) + text
    }
}
