/// OPT's and UNOPT's shared machinery: the engine's choice by next use and the pane's column; the
/// fast simulator keys a `KeyedFrameHeap` by it (each reference moves its frame in O(log frames),
/// so a fault costs no scan). Ties (pages never used again, or not within the look-ahead) go to
/// the page used least recently: a rule that does not depend on the number of frames, so OPT is a
/// stack algorithm (Mattson et al. 1970) and one pass gives its faults for every memory size.
enum NextUseOrder {
    /// The engine's choice: the farthest (or nearest) next use among the candidates, and why, ending
    /// with `comparison` ("later than any other") or, when other pages tie, the tie-break (the
    /// page used longest ago) and how many tie.
    static func engineVictim(_ machine: inout Machine, among candidates: VictimCandidates, farthest: Bool, comparison: String) -> (
        FrameNumber, String
    )? {
        let choice =
            candidates.swapHasRoom
            ? indexedChoice(machine, candidates, farthest: farthest) : scannedChoice(machine, candidates, farthest: farthest)
        guard let (best, distance, others) = choice else { return nil }
        let when = distance == .max ? "is never used again" : "is next used \(distance) operations from now"
        guard others > 0 else { return (best, "the page that \(when), \(comparison)") }
        let tie =
            distance == .max
            ? "so \(others == 1 ? "is 1 other" : "are \(others) others")" : "as \(others == 1 ? "is 1 other" : "are \(others) others")"
        return (best, "the page that \(when) (\(tie); of these it was used longest ago)")
    }

    /// The candidates weighed as they are met: the best so far (farthest or nearest, then used
    /// longest ago, then the lower frame) and how many others share its distance.
    struct Weighing {
        let farthest: Bool
        var best: (distance: Int, lastUsed: Int, frame: FrameNumber)?
        var others = 0

        mutating func weigh(_ frame: FrameNumber, distance: Int, lastUsed: Int) {
            guard let chosen = best else {
                best = (distance, lastUsed, frame)
                return
            }
            if distance == chosen.distance {
                others += 1
                if (lastUsed, frame) < (chosen.lastUsed, chosen.frame) { best = (distance, lastUsed, frame) }
            } else if farthest ? distance > chosen.distance : distance < chosen.distance {
                (best, others) = ((distance, lastUsed, frame), 0)
            }
        }

        var result: (FrameNumber, Int, Int)? { best.map { ($0.frame, $0.distance, others) } }
    }

    /// Every candidate weighed: when swap is full, and so many indexed frames (the private pages
    /// that would need a slot) are not candidates, the heads of the heaps would not say how many tie.
    static func scannedChoice(_ machine: Machine, _ candidates: VictimCandidates, farthest: Bool) -> (FrameNumber, Int, Int)? {
        var weighing = Weighing(farthest: farthest)
        for frame in machine.frames.indices where candidates.contains(frame, in: machine) {
            weighing.weigh(frame, distance: machine.distanceToNextUse(frame), lastUsed: machine.frames[frame].lastUsed)
        }
        return weighing.result
    }

    /// The first candidate of each process's heap, then the loose candidates whose bounds could
    /// still beat or tie the best. Within a process no two pages share a finite next use (an
    /// operation touches one page), so a tie at a finite distance is between heads and loose
    /// frames, all weighed; only "never used again" can tie within a heap, and those are counted
    /// per heap, less any pinned for the operation under way.
    static func indexedChoice(_ machine: Machine, _ candidates: VictimCandidates, farthest: Bool) -> (FrameNumber, Int, Int)? {
        let index = machine.nextUses
        var weighing = Weighing(farthest: farthest)
        let processes = candidates.owner.map { $0..<$0 + 1 } ?? machine.processes.indices
        for process in processes {
            guard let head = index.first(of: process, where: { candidates.contains($0, in: machine) }) else { continue }
            weighing.weigh(head, distance: machine.distanceToNextUse(head), lastUsed: machine.frames[head].lastUsed)
        }
        // A loose frame whose earliest next use is at script index u is at most u less the lowest
        // program counter away, and at least u less the highest.
        let counters = index.hasLoose ? machine.programCounterRange : (lowest: 0, highest: 0)
        let everyFrame = candidates.owner == nil
        var looseNeverUsed = 0
        index.walkLoose { frame in
            let use = index.entries[frame].use
            if let best = weighing.best?.distance {
                if use == .max {
                    // Never used again: worse than any finite distance for UNOPT; for OPT, once
                    // one is weighed (the page used longest ago), the rest are counted below.
                    if !farthest, best != .max { return false }
                    if best == .max, everyFrame, looseNeverUsed > 0 { return false }
                } else if farthest ? use - counters.lowest < best : use - counters.highest > best {
                    return false
                }
            }
            guard candidates.contains(frame, in: machine) else { return true }
            let distance = use == .max ? .max : machine.nextUse(of: frame)
            looseNeverUsed += distance == .max ? 1 : 0
            weighing.weigh(frame, distance: distance, lastUsed: machine.frames[frame].lastUsed)
            return true
        }
        guard let (best, distance, others) = weighing.result else { return nil }
        guard distance == .max else { return (best, distance, others) }
        let pinnedNeverUsed = Set(candidates.pinned).map { index.entries[$0] }.filter { $0.isIndexed && $0.use == .max }
        func counted(_ heap: Int) -> Int { index.neverUsedAgain[heap] - pinnedNeverUsed.filter { $0.heap == heap }.count }
        let neverUsed = processes.reduce(0) { $0 + counted($1) } + (everyFrame ? counted(index.loose) : looseNeverUsed)
        return (best, distance, neverUsed - 1)
    }

    static func view(of machine: Machine) -> PolicyView {
        PolicyView(
            heading: "next use",
            cells: machine.frames.indices.map { frame in
                guard !machine.frames[frame].isFree else { return "" }
                let distance = machine.distanceToNextUse(frame)
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
    static var lookAhead: LookAhead? { farthest ? .farthest : .soonest }
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
