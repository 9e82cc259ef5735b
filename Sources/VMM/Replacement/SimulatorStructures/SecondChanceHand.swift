/// The sweep Clock and GCLOCK share: each frame holds some chances (Clock: its referenced bit, at
/// most one; GCLOCK: a count of recent uses); the hand takes one from each frame it passes and
/// stops at the first with none left. Amortised O(1): every chance taken was given by a reference.
struct SecondChanceHand {
    private let chances: FrameColumn<Int>
    private let limit: Int
    private var hand = 0

    init(frames: Int, limit: Int) {
        chances = FrameColumn(count: frames, repeating: 0)
        self.limit = limit
    }

    mutating func loaded(_ frame: Int) { chances[frame] = 0 }
    @inline(__always) mutating func referenced(_ frame: Int) { chances[frame] = min(chances[frame] + 1, limit) }

    mutating func victim(_ frames: FrameTable) -> Int {
        while true {
            let frame = hand
            hand = hand + 1 == frames.count ? 0 : hand + 1
            if frames.pinned[frame] { continue }
            if chances[frame] > 0 { chances[frame] -= 1 } else { return frame }
        }
    }

    func deallocate() { chances.deallocate() }

    /// The engine's sweep: the hand passes the candidates, taking a chance from each that has one,
    /// and stops at the first that has none. Returns it and the frames passed on the way. With at
    /// most `maximumChances` a frame, one more full turn than that always finds one.
    static func sweep(
        _ machine: inout Machine, among candidates: VictimCandidates, maximumChances: Int, hasChance: (Frame) -> Bool,
        takeChance: (inout Machine, FrameNumber) -> Void
    ) -> (victim: FrameNumber, passed: [FrameNumber])? {
        var passed: [FrameNumber] = []
        if let owner = candidates.owner, !machine.framesOwned.isEmpty {
            return sweepOwned(
                &machine, by: owner, among: candidates, maximumChances: maximumChances, hasChance: hasChance, takeChance: takeChance)
        }
        for _ in 0..<((maximumChances + 1) * machine.frames.count + 1) {
            let hand = machine.advanceClockHand()
            guard candidates.contains(hand, in: machine) else { continue }
            guard hasChance(machine.frames[hand]) else { return (hand, passed) }
            takeChance(&machine, hand)
            passed.append(hand)
        }
        return nil
    }

    /// The sweep under local replacement: the hand goes round all of memory, but only the
    /// process's own frames can be candidates, so it jumps from one to the next (a few word reads
    /// of its bitmap of frames) and ends where the sweep frame by frame would.
    private static func sweepOwned(
        _ machine: inout Machine, by owner: ProcessID, among candidates: VictimCandidates, maximumChances: Int,
        hasChance: (Frame) -> Bool, takeChance: (inout Machine, FrameNumber) -> Void
    ) -> (victim: FrameNumber, passed: [FrameNumber])? {
        var passed: [FrameNumber] = []
        let count = machine.frames.count
        let start = machine.clockHand
        for _ in 0..<((maximumChances + 1) * machine.framesOwned[owner].count + 1) {
            let owned = machine.framesOwned[owner]
            guard let frame = owned.first(atOrAfter: machine.clockHand) ?? owned.first(atOrAfter: 0) else { break }
            machine.clockHand = frame + 1 == count ? 0 : frame + 1
            guard candidates.contains(frame, in: machine) else { continue }
            guard hasChance(machine.frames[frame]) else { return (frame, passed) }
            takeChance(&machine, frame)
            passed.append(frame)
        }
        // Frame by frame, the hand would have gone round more than once and stopped one past its start.
        machine.clockHand = (start + 1) % count
        return nil
    }

    /// "frame 3" or "frames 3, 0, 1": each frame once, in the order the hand first passed it.
    static func frameList(_ frames: [FrameNumber]) -> String {
        var seen = Set<FrameNumber>()
        let distinct = frames.filter { seen.insert($0).inserted }
        return "frame\(distinct.count == 1 ? "" : "s") \(distinct.map(String.init).joined(separator: ", "))"
    }
}

/// Clock and GCLOCK: every hook but the engine's sentence is the hand's.
protocol SecondChanceRule: ReplacementRule {
    var hand: SecondChanceHand { get set }
}

extension SecondChanceRule {
    mutating func loaded(_ frame: Int, _ frames: FrameTable) { hand.loaded(frame) }
    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) { hand.referenced(frame) }
    mutating func evicted(_ frame: Int) {}
    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        hand.victim(frames)
    }
    func deallocate() { hand.deallocate() }
}
