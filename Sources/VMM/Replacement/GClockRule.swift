/// GCLOCK: Clock with a count of recent uses per frame (capped by `bits`); the hand takes one
/// from each count it passes and stops at a count of zero.
struct GClockRule: SecondChanceRule {
    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)? {
        let chances = (1 << machine.configuration.replacementParameters.bits(for: .gclock)) - 1
        guard
            let (victim, passed) = SecondChanceHand.sweep(
                &machine, among: candidates, maximumChances: chances, hasChance: { $0.count > 0 },
                takeChance: { $0.frames[$1].count -= 1 })
        else { return nil }
        let note = passed.isEmpty ? "" : " after taking one from the counts of \(SecondChanceHand.frameList(passed))"
        return (victim, "GCLOCK: the hand stops at frame \(victim), whose count is zero\(note)")
    }

    static func view(of machine: Machine) -> PolicyView { .hand("count", machine) { "\($0.count)" } }

    var hand: SecondChanceHand

    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) {
        hand = SecondChanceHand(frames: frames.count, limit: (1 << parameters.bits(for: .gclock)) - 1)
    }
}
