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
        // One pass: the best so far, and how many candidates share its distance.
        var best: FrameNumber?
        var distance = 0
        var others = 0
        for frame in machine.frames.indices where candidates.contains(frame, in: machine) {
            let next = machine.memoisedNextUse(of: frame)
            guard let chosen = best else {
                (best, distance) = (frame, next)
                continue
            }
            if next == distance {
                others += 1
                if machine.frames[frame].lastUsed < machine.frames[chosen].lastUsed { best = frame }
            } else if farthest ? next > distance : next < distance {
                (best, distance, others) = (frame, next, 0)
            }
        }
        guard let best else { return nil }
        let when = distance == .max ? "is never used again" : "is next used \(distance) operations from now"
        guard others > 0 else { return (best, "the page that \(when), \(comparison)") }
        let tie =
            distance == .max
            ? "so \(others == 1 ? "is 1 other" : "are \(others) others")" : "as \(others == 1 ? "is 1 other" : "are \(others) others")"
        return (best, "the page that \(when) (\(tie); of these it was used longest ago)")
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
