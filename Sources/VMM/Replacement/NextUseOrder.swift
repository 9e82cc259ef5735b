/// OPT's and UNOPT's shared machinery: the engine's choice by next use and the pane's column; the
/// fast simulator keys a `KeyedFrameHeap` by it (each reference moves its frame in O(log frames),
/// so a fault costs no scan). Ties (pages never used again) go to the page loaded first.
enum NextUseOrder {
    /// The engine's choice: the farthest (or nearest) next use among the candidates, and its distance.
    static func engineVictim(_ machine: Machine, among candidates: [FrameNumber], farthest: Bool) -> (FrameNumber, distance: Int) {
        let distances = candidates.map { machine.nextUse(of: $0) }
        var best = 0
        for index in candidates.indices.dropFirst() {
            let (d, b) = (distances[index], distances[best])
            let better = farthest ? d > b : d < b
            if better || (d == b && machine.frames[candidates[index]].loadedAt < machine.frames[candidates[best]].loadedAt) { best = index }
        }
        return (candidates[best], distances[best])
    }

    static func when(_ distance: Int) -> String {
        distance == .max ? "is never used again" : "is next used \(distance) operations from now"
    }

    static func view(of machine: Machine) -> PolicyView {
        PolicyView(
            heading: "next use",
            cells: machine.frames.indices.map { frame in
                guard !machine.frames[frame].isFree else { return "" }
                let distance = machine.nextUse(of: frame)
                return distance == .max ? "never" : "+\(distance)"
            })
    }
}

/// OPT and UNOPT: every hook is the next-use order's; they differ in which end of it they take.
protocol NextUseRule: ReplacementRule {
    static var farthest: Bool { get }
    var order: KeyedFrameHeap { get set }
    init(order: KeyedFrameHeap)
}

extension NextUseRule {
    static func view(of machine: Machine) -> PolicyView { NextUseOrder.view(of: machine) }
    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) {
        self.init(order: KeyedFrameHeap(frames, largestFirst: Self.farthest))
    }
    /// A page just loaded has its next use set by the reference that loaded it, straight after.
    mutating func loaded(_ frame: Int, _ frames: FrameTable) { order.insert(frame, key: .max) }
    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) {
        order.setKey(frame, nextUse)
    }
    mutating func evicted(_ frame: Int) { order.remove(frame) }
    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        order.first
    }
    func deallocate() { order.deallocate() }
}
