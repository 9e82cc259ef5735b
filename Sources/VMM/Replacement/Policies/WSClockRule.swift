/// WSClock, as Tanenbaum's Modern Operating Systems (3.4.9) gives it: the hand passes a
/// referenced page (clearing R); a page idle longer than the window is evicted if clean, or,
/// if it is a dirty file page, written back (so clean) and passed. After one full sweep: if
/// writes were made, the hand sweeps on and takes the first clean page outside the window (a
/// page it just cleaned at the latest); if none were, every page is in the working set, and
/// it claims the first clean page it passed, or else the page at the hand. The hand then
/// points just past the victim.
struct WSClockRule: ReplacementRule {
    // A frame's `replacementData` is the machine's reference count at its last use: virtual time.
    static func loadedData(references: Int) -> UInt64 { UInt64(references) }
    static var touchesData: Bool { true }
    static func touch(_ data: inout UInt64, references: Int, parameters: ReplacementParameters) { data = UInt64(references) }
    static var keepsSweepStops: Bool { true }
    /// References since the frame's last use.
    static func idle(_ frame: Frame, _ machine: Machine) -> Int { machine.counters.references - Int(frame.replacementData) }

    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)? {
        let window = machine.configuration.replacementParameters.window
        var cleaned: [FrameNumber] = []
        var firstClean: FrameNumber?
        let count = machine.frames.count
        // Frames the hand has passed: at most two turns, one if the first wrote nothing back.
        var position = 0
        let owned = candidates.owner.flatMap { machine.framesOwned.isEmpty ? nil : machine.framesOwned[$0] }
        while true {
            // The hand jumps over the frames it would pass untouched (`SweepStops`), counting
            // them, and ends where the sweep frame by frame would.
            let start = machine.clockHand
            let distance = machine.sweepStops.next(from: start, owned: owned).map { ($0 - start + count) % count } ?? 2 * count
            let limit = position <= count && cleaned.isEmpty ? count : 2 * count
            guard position + distance < limit else {
                machine.clockHand = (start + limit - position) % count
                break
            }
            position += distance + 1
            machine.clockHand = (start + distance) % count
            let hand = machine.advanceClockHand()
            guard candidates.contains(hand, in: machine) else { continue }
            let idle = Self.idle(machine.frames[hand], machine)
            if machine.frames[hand].referenced {
                machine.clearReferenced(hand)
            } else if idle > window {
                if !machine.frames[hand].dirty {
                    let note =
                        cleaned.isEmpty
                        ? ""
                        : " (on the way it wrote back dirty frame\(cleaned.count == 1 ? "" : "s") \(cleaned.map(String.init).joined(separator: ", ")))"
                    return (
                        hand,
                        "WSClock: frame \(hand) has been idle for \(idle) references, outside the working-set window of \(window), and is clean\(note)"
                    )
                }
                if case let .filePage(file, filePage) = machine.frames[hand].content,
                    let writer = machine.frames[hand].lastWriter ?? machine.frames[hand].mappers.first?.process
                {
                    machine.writeToDisk(frame: hand, file: file, filePage: filePage, by: writer)
                    cleaned.append(hand)
                    machine.emit(
                        Event(
                            .writeBack, process: writer, frame: hand, file: file, filePage: filePage,
                            "WSClock: frame \(hand) is outside the working set but dirty, so it is written back now and passed over."))
                }
            }
            if firstClean == nil, !machine.frames[hand].dirty { firstClean = hand }
        }
        let hand = machine.clockHand
        guard let atHand = (0..<count).lazy.map({ (hand + $0) % count }).first(where: { candidates.contains($0, in: machine) }) else {
            return nil
        }
        let victim = firstClean ?? atHand
        machine.clockHand = (victim + 1) % count
        let why =
            firstClean != nil
            ? "so it claims the first clean page it passed: frame \(victim)"
            : "and none is clean, so it takes the page at the hand: frame \(victim)"
        return (victim, "WSClock: every page is in the working set (none idle longer than \(window) references), \(why)")
    }

    static func view(of machine: Machine) -> PolicyView {
        .hand("idle", machine) { "\(idle($0, machine))" }
    }

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
