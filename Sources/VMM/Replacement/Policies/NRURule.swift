/// NRU: frames fall into four classes, 2 x referenced + modified; evict from the lowest
/// non-empty class, the lowest frame first. One bit set per class, so a fault reads a few words,
/// and the timer clears every referenced bit by merging classes 2 and 3 into 0 and 1.
struct NRURule: ReplacementRule {
    static let evictionKey: (@Sendable (Frame.Ranks) -> EvictionOrder.Key)? = { frame in
        EvictionOrder.Key(primary: nruClass(referenced: frame.referenced, dirty: frame.dirty))
    }

    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)? {
        guard let victim = machine.firstInEvictionOrder(candidates) else { return nil }
        let names = ["not referenced, not modified", "not referenced, modified", "referenced, not modified", "referenced, modified"]
        let kind = machine.nruClass(victim)
        return (victim, "NRU evicts from the lowest non-empty class, class \(kind) (\(names[kind])), the lowest frame first")
    }

    static var usesTimer: Bool { true }
    static func timerSentence(_ parameters: ReplacementParameters) -> String {
        "NRU clears every referenced bit, so pages used since now stand out"
    }

    static func view(of machine: Machine) -> PolicyView {
        PolicyView(heading: "class", cells: machine.frames.indices.map { machine.frames[$0].isFree ? "" : "\(machine.nruClass($0))" })
    }

    private let classes: [FrameBitSet]

    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) {
        classes = (0..<4).map { _ in FrameBitSet(frames: frames.count) }
    }

    /// NRU's class from the two bits: the one formula the engine, this rule and the views use.
    static func nruClass(referenced: Bool, dirty: Bool) -> Int { (referenced ? 2 : 0) + (dirty ? 1 : 0) }

    private func place(_ frame: Int, in newClass: Int) {
        guard !classes[newClass].contains(frame) else { return }
        for set in classes { set.remove(frame) }
        classes[newClass].insert(frame)
    }

    mutating func loaded(_ frame: Int, _ frames: FrameTable) {
        place(frame, in: Self.nruClass(referenced: false, dirty: false))
    }

    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) {
        place(frame, in: Self.nruClass(referenced: true, dirty: frames.dirty[frame]))
    }

    mutating func evicted(_ frame: Int) {
        for set in classes { set.remove(frame) }
    }

    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        for set in classes { if let frame = set.first() { return frame } }
        preconditionFailure("NRU asked for a victim with no data frame")
    }

    mutating func timer(used: Int, _ frames: FrameTable) {
        classes[2].moveAll(into: classes[0])
        classes[3].moveAll(into: classes[1])
    }

    func deallocate() { classes.forEach { $0.deallocate() } }
}

extension Machine {
    /// NRU's class: 2 x referenced + modified (the one formula, `NRURule.nruClass`).
    public func nruClass(_ frame: FrameNumber) -> Int { NRURule.nruClass(referenced: frames[frame].referenced, dirty: frames[frame].dirty) }
}
