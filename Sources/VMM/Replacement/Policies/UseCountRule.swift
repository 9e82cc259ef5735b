/// LFU and MFU: each frame's uses since its page was loaded (its `replacementData`) are the key
/// of a `KeyedFrameHeap` whose first frame is the least (LFU) or most (MFU) used, ties to the page
/// loaded first; every hook is the heap's, and the pane shows the counts.
protocol UseCountRule: ReplacementRule {
    static var mostUsedFirst: Bool { get }
    var order: KeyedFrameHeap { get set }
    init(order: KeyedFrameHeap)
}

extension UseCountRule {
    static func view(of machine: Machine) -> PolicyView { .cells("uses", machine) { "\($0.replacementData)" } }
    static var touchesData: Bool { true }
    static func touch(_ data: inout UInt64, references: Int, parameters: ReplacementParameters) { data &+= 1 }
    /// The uses of the page in a frame, as the sentences say them.
    static func uses(_ frame: Frame) -> Int { Int(truncatingIfNeeded: frame.replacementData) }
    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) {
        self.init(order: KeyedFrameHeap(frames, largestFirst: Self.mostUsedFirst))
    }
    mutating func loaded(_ frame: Int, _ frames: FrameTable) { order.insert(frame, key: 0) }
    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) {
        order.setKey(frame, order.key(of: frame) &+ 1)
    }
    mutating func evicted(_ frame: Int) { order.remove(frame) }
    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        order.first
    }
    func deallocate() { order.deallocate() }
}
