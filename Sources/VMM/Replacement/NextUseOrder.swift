/// OPT's and UNOPT's shared machinery: the engine's choice by next use and the pane's column; the
/// fast simulator keys a `KeyedFrameHeap` by it (each reference moves its frame in O(log frames),
/// so a fault costs no scan). Ties (pages never used again, or not within the look-ahead) go to
/// the page used least recently: a rule that does not depend on the number of frames, so OPT is a
/// stack algorithm (Mattson et al. 1970) and one pass gives its faults for every memory size.
enum NextUseOrder {
    /// The engine's choice: the farthest (or nearest) next use among the candidates, and why, ending
    /// with `comparison` ("later than any other") or, when other pages tie, the tie-break. Every
    /// candidate is weighed: how far off a page's next use is depends on where each of its
    /// processes stands, and they move at different speeds (the memo keeps each lookup O(1)).
    static func engineVictim(_ machine: inout Machine, among candidates: VictimCandidates, farthest: Bool, comparison: String) -> (
        FrameNumber, String
    )? {
        let candidates = candidates.list(in: machine)
        guard !candidates.isEmpty else { return nil }
        var distances: [Int] = []
        distances.reserveCapacity(candidates.count)
        for frame in candidates { distances.append(machine.memoisedNextUse(of: frame)) }
        var best = 0
        for index in candidates.indices.dropFirst() {
            let (d, b) = (distances[index], distances[best])
            let better = farthest ? d > b : d < b
            if better || (d == b && machine.frames[candidates[index]].lastUsed < machine.frames[candidates[best]].lastUsed) { best = index }
        }
        let distance = distances[best]
        let when = distance == .max ? "is never used again" : "is next used \(distance) operations from now"
        let others = distances.filter { $0 == distance }.count - 1
        guard others > 0 else { return (candidates[best], "the page that \(when), \(comparison)") }
        let tie =
            distance == .max
            ? "so \(others == 1 ? "is 1 other" : "are \(others) others")" : "as \(others == 1 ? "is 1 other" : "are \(others) others")"
        return (candidates[best], "the page that \(when) (\(tie); of these it was used longest ago)")
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
        self.init(order: KeyedFrameHeap(frames, largestFirst: Self.farthest, ties: .leastRecentlyUsed))
    }
    /// A page just loaded has its next use set by the reference that loaded it, straight after.
    mutating func loaded(_ frame: Int, _ frames: FrameTable) { order.insert(frame, key: .max) }
    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) {
        order.setKey(frame, nextUse, usedAt: now)
    }
    mutating func evicted(_ frame: Int) { order.remove(frame) }
    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        order.first
    }
    func deallocate() { order.deallocate() }
}
