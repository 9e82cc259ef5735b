/// GCLOCK: Clock with a count of recent uses per frame (its `replacementData`, capped by `bits`);
/// the hand takes one from each count it passes and stops at a count of zero.
struct GClockRule: SecondChanceRule {
    static let defaultBits: Int? = 2
    static var touchesData: Bool { true }
    static func touch(_ data: inout UInt64, references: Int, parameters: ReplacementParameters) {
        data = min(data + 1, (1 << UInt64(parameters.bits(for: .gclock))) - 1)
    }

    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)? {
        let chances = (1 << machine.configuration.replacementParameters.bits(for: .gclock)) - 1
        guard
            let (victim, passed) = SecondChanceHand.sweep(
                &machine, among: candidates, maximumChances: chances, hasChance: { $0.replacementData > 0 },
                takeChance: { $0.frames[$1].replacementData -= 1 })
        else { return nil }
        let note = passed.isEmpty ? "" : " after taking one from the counts of \(SecondChanceHand.frameList(passed))"
        return (victim, "GCLOCK: the hand stops at frame \(victim), whose count is zero\(note)")
    }

    static func view(of machine: Machine) -> PolicyView { .hand("count", machine) { "\($0.replacementData)" } }

    var hand: SecondChanceHand

    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) {
        hand = SecondChanceHand(frames: frames.count, limit: (1 << parameters.bits(for: .gclock)) - 1)
    }
}
