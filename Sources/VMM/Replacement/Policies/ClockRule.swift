/// Clock (second chance): the hand passes referenced frames, clearing their bit, and stops at
/// the first whose bit is clear.
struct ClockRule: SecondChanceRule {
    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)? {
        guard
            let (victim, passed) = SecondChanceHand.sweep(
                &machine, among: candidates, maximumChances: 1, hasChance: \.referenced, takeChance: { $0.clearReferenced($1) })
        else { return nil }
        let note =
            passed.isEmpty ? "" : " after giving \(SecondChanceHand.frameList(passed)) a second chance (referenced bit cleared)"
        return (victim, "Clock: the hand stops at frame \(victim), whose referenced bit is clear\(note)")
    }

    static func view(of machine: Machine) -> PolicyView { .hand("hand", machine) { _ in "" } }
    static func titleNote(_ machine: Machine) -> String { " hand at \(machine.clockHand)" }

    var hand: SecondChanceHand

    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) { hand = SecondChanceHand(frames: frames.count, limit: 1) }
}
