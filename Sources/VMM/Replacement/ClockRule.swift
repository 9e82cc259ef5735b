/// Clock (second chance): the hand passes referenced frames, clearing their bit, and stops at
/// the first whose bit is clear. Amortised O(1): each bit the hand clears was set by a reference.
struct ClockRule: ReplacementRule {
    private let referencedBit: FrameColumn<Bool>
    private var hand = 0

    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) {
        referencedBit = FrameColumn(count: frames.count, repeating: false)
    }

    mutating func loaded(_ frame: Int, _ frames: FrameTable) { referencedBit[frame] = false }
    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) { referencedBit[frame] = true }
    mutating func evicted(_ frame: Int) {}

    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        while true {
            let frame = hand
            hand = hand + 1 == frames.count ? 0 : hand + 1
            if frames.pinned[frame] { continue }
            if referencedBit[frame] { referencedBit[frame] = false } else { return frame }
        }
    }

    func deallocate() { referencedBit.deallocate() }
}

/// GCLOCK: Clock with a count of recent uses per frame (capped by `bits`); the hand takes one
/// from each count it passes and stops at a count of zero.
struct GClockRule: ReplacementRule {
    private let uses: FrameColumn<Int>
    private let limit: Int
    private var hand = 0

    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) {
        uses = FrameColumn(count: frames.count, repeating: 0)
        limit = (1 << parameters.bits(for: .gclock)) - 1
    }

    mutating func loaded(_ frame: Int, _ frames: FrameTable) { uses[frame] = 0 }
    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) {
        uses[frame] = min(uses[frame] + 1, limit)
    }
    mutating func evicted(_ frame: Int) {}

    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        while true {
            let frame = hand
            hand = hand + 1 == frames.count ? 0 : hand + 1
            if frames.pinned[frame] { continue }
            if uses[frame] > 0 { uses[frame] -= 1 } else { return frame }
        }
    }

    func deallocate() { uses.deallocate() }
}

/// WSClock, as the engine runs it (`Machine.workingSetClock`): the hand clears referenced bits,
/// takes the first clean page idle longer than the window, and writes back dirty idle pages it
/// passes; a second sweep only if the first wrote pages back; otherwise the first clean page it
/// passed, or the page at the hand.
struct WSClockRule: ReplacementRule {
    private let referencedBit: FrameColumn<Bool>
    private let lastReference: FrameColumn<Int>
    private let window: Int
    private var hand = 0

    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) {
        referencedBit = FrameColumn(count: frames.count, repeating: false)
        lastReference = FrameColumn(count: frames.count, repeating: 0)
        window = parameters.window
    }

    mutating func loaded(_ frame: Int, _ frames: FrameTable) {
        referencedBit[frame] = false
        lastReference[frame] = frames.loadedAt[frame]
    }

    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) {
        referencedBit[frame] = true
        lastReference[frame] = now
    }

    mutating func evicted(_ frame: Int) {}

    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        let count = frames.count
        var cleanedAny = false
        var firstClean = -1
        for position in 0..<(2 * count) {
            if position == count && !cleanedAny { break }
            let frame = hand
            hand = (hand + 1) % count
            if frames.pinned[frame] { continue }
            if referencedBit[frame] {
                referencedBit[frame] = false
            } else if now - lastReference[frame] > window {
                if !frames.dirty[frame] { return frame }
                // Cleaned now, passed over: the engine writes a dirty file page back here.
                frames.dirty[frame] = false
                cleanedAny = true
                result.writebacks &+= 1
                result.diskWrites &+= 1
            }
            if firstClean < 0 && !frames.dirty[frame] { firstClean = frame }
        }
        var victim = firstClean
        if victim < 0 {
            victim = hand
            while frames.pinned[victim] { victim = (victim + 1) % count }
        }
        hand = (victim + 1) % count
        return victim
    }

    func deallocate() {
        referencedBit.deallocate()
        lastReference.deallocate()
    }
}
