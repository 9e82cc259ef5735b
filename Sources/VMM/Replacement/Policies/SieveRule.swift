/// SIEVE (Zhang et al., NSDI 2024; libCacheSim's Sieve.c): pages in one queue in load order, a
/// visited bit each, and a hand that walks from the oldest page toward the newest. The hand clears
/// the visited pages it passes and evicts the first unvisited one, then stays there for the next
/// eviction, wrapping to the oldest at the newest end. A page that enters is unvisited (its loading
/// access does not count); a hit marks it visited. Unlike Clock, new pages go in behind the hand's
/// direction of travel, so a page used once is evicted the first time the hand reaches it.
struct SieveRule: SimulatedReplacement, EngineReplacement {
    static var keepsInsertionQueue: Bool { true }

    /// Visited: used since the access that loaded it, and not passed by the hand since.
    static func visited(_ frame: Frame) -> Bool { frame.referenced && frame.lastUsed != frame.loadedAt }

    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)? {
        // No page in the queue (every frame holds a page table): nothing to evict.
        guard !machine.insertionQueue.keys.isEmpty else { return nil }
        var position = machine.insertionQueue.firstIndex(atOrAfter: machine.clockHand)
        var passed: [FrameNumber] = []
        // Twice round at most: the first pass clears every visited candidate.
        for _ in 0..<(2 * machine.insertionQueue.keys.count + 1) {
            if position >= machine.insertionQueue.keys.count { position = 0 }
            let key = machine.insertionQueue.keys[position]
            position += 1
            let frame = InsertionQueue.frame(of: key)
            guard machine.insertionQueue.isCurrent(key), candidates.contains(frame, in: machine) else { continue }
            if visited(machine.frames[frame]) {
                machine.clearReferenced(frame)
                passed.append(frame)
                continue
            }
            // The hand stays where the victim was: the next newer page is examined next (held by its
            // key, so that it moves on to the page after it if that page leaves meanwhile). After
            // the newest page, it starts again at the oldest (0), whatever comes in meanwhile.
            let keys = machine.insertionQueue.keys
            machine.clockHand = keys[position...].first(where: machine.insertionQueue.isCurrent) ?? 0
            let note = passed.isEmpty ? "" : " after clearing the visited bit of \(SecondChanceHand.frameList(passed)) as it passed"
            return (
                frame,
                "SIEVE: the hand, walking from older pages to newer, stops at frame \(frame), not visited since it was loaded or last passed\(note)"
            )
        }
        return nil
    }

    /// The frame the hand examines first at the next eviction.
    static func handFrame(_ machine: Machine) -> FrameNumber? {
        let keys = machine.insertionQueue.keys
        let start = machine.insertionQueue.firstIndex(atOrAfter: machine.clockHand)
        return (keys[start...] + keys[..<start]).first(where: machine.insertionQueue.isCurrent).map(InsertionQueue.frame)
    }

    static func view(of machine: Machine) -> PolicyView {
        let hand = handFrame(machine)
        return PolicyView(
            heading: "visited",
            cells: machine.frames.indices.map { frame in
                let own = machine.frames[frame].holdsData ? (visited(machine.frames[frame]) ? "v" : "·") : ""
                return frame == hand ? own + " ◀" : own
            })
    }

    static func titleNote(_ machine: Machine) -> String { handFrame(machine).map { " hand at \($0)" } ?? "" }

    // The fast simulator: the queue as a doubly linked list of frames, newest at the head.
    private let newer: FrameColumn<Int32>
    private let older: FrameColumn<Int32>
    private let visitedBits: FrameColumn<Bool>
    private var newest: Int32 = -1
    private var oldest: Int32 = -1
    private var hand: Int32 = -1

    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) {
        newer = FrameColumn(count: frames.count, repeating: -1)
        older = FrameColumn(count: frames.count, repeating: -1)
        visitedBits = FrameColumn(count: frames.count, repeating: false)
    }

    mutating func loaded(_ frame: Int, _ frames: FrameTable) {
        visitedBits[frame] = false
        older[frame] = newest
        newer[frame] = -1
        if newest >= 0 { newer[Int(newest)] = Int32(frame) } else { oldest = Int32(frame) }
        newest = Int32(frame)
    }

    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) {
        if frames.loadedAt[frame] != now { visitedBits[frame] = true }
    }

    mutating func evicted(_ frame: Int) {
        let (before, after) = (older[frame], newer[frame])
        if before >= 0 { newer[Int(before)] = after } else { oldest = after }
        if after >= 0 { older[Int(after)] = before } else { newest = before }
        if hand == Int32(frame) { hand = after }
    }

    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        var frame = hand >= 0 ? hand : oldest
        while visitedBits[Int(frame)] {
            visitedBits[Int(frame)] = false
            frame = newer[Int(frame)] >= 0 ? newer[Int(frame)] : oldest
        }
        hand = newer[Int(frame)]
        return Int(frame)
    }

    func deallocate() {
        newer.deallocate()
        older.deallocate()
        visitedBits.deallocate()
    }
}
