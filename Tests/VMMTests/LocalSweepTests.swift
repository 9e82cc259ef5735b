import Testing

@testable import VMM

@Suite struct LocalSweepTests {
    /// Before every step of random machines under local replacement and `policy`, for each
    /// process (some frames pinned, swap with or without room): the machine as it is, whose
    /// hands jump between the process's frames, and a copy without its bitmaps of each process's
    /// frames, whose hands go frame by frame. `compare` runs the policy on both and says whether
    /// it found a victim. Returns how many choices were compared and how many found one.
    static func compareLocalChoices(
        _ policy: ReplacementPolicy, _ compare: (_ jumping: inout Machine, _ stepping: inout Machine, VictimCandidates) -> Bool
    ) -> (compared: Int, found: Int) {
        var compared = 0, found = 0
        for seed in 0..<150 {
            var random = RandomMachine(seed: UInt64(seed))
            var configuration = random.configuration()
            configuration.replacement = policy
            configuration.allocation = FrameAllocation(scope: .local, share: random.pick(FrameAllocation.Share.allCases))
            var machine = random.machine(configuration)
            while !machine.isFinished, machine.stepCount < 300 {
                for owner in machine.processes.indices {
                    let pinned = machine.frames.indices.filter { $0 % 3 == seed % 3 }
                    let candidates = VictimCandidates(pinned: pinned, swapHasRoom: random.pick([true, false]), owner: owner)
                    var (jumping, stepping) = (machine, machine)
                    stepping.framesOwned = []
                    compared += 1
                    found += compare(&jumping, &stepping, candidates) ? 1 : 0
                    #expect(jumping.clockHand == stepping.clockHand && jumping.frames == stepping.frames, "seed \(seed)")
                    #expect(jumping.files == stepping.files && jumping.pending == stepping.pending, "seed \(seed)")
                }
                _ = machine.step()
            }
        }
        return (compared, found)
    }

    /// Under local replacement the clock hands jump from one of the process's frames to the next;
    /// they must stop where the sweep frame by frame stops, give the same frames a second chance,
    /// and leave the hand and every frame as it would.
    @Test(arguments: [ReplacementPolicy.clock, .gclock])
    func theJumpingHandSweepsAsFrameByFrame(policy: ReplacementPolicy) {
        let (compared, found) = Self.compareLocalChoices(policy) { jumping, stepping, candidates in
            let chances = policy == .clock ? 1 : (1 << jumping.configuration.replacementParameters.bits(for: .gclock)) - 1
            let sweep = { (machine: inout Machine) in
                SecondChanceHand.sweep(
                    &machine, among: candidates, maximumChances: chances,
                    hasChance: { policy == .clock ? $0.referenced : $0.replacementData > 0 },
                    takeChance: { machine, frame in
                        if policy == .clock { machine.clearReferenced(frame) } else { machine.frames[frame].replacementData -= 1 }
                    })
            }
            let (jumped, stepped) = (sweep(&jumping), sweep(&stepping))
            #expect(jumped?.victim == stepped?.victim && jumped?.passed == stepped?.passed)
            return stepped != nil
        }
        #expect(compared > 1_000 && found > 500, "\(compared) sweeps, \(found) found a victim")
    }

    /// WSClock's hand under local replacement jumps to the next of the process's frames it must
    /// stop at; it must choose, explain, write back and leave the hand as the hand that stops at
    /// every stop of every process's frames.
    @Test func wsclockJumpsOnlyToTheProcesssOwnStops() {
        let (compared, found) = Self.compareLocalChoices(.wsclock) { jumping, stepping, candidates in
            let jumped = WSClockRule.victim(in: &jumping, among: candidates)
            let stepped = WSClockRule.victim(in: &stepping, among: candidates)
            #expect(jumped?.0 == stepped?.0 && jumped?.1 == stepped?.1)
            return stepped != nil
        }
        #expect(compared > 1_000 && found > 500, "\(compared) sweeps, \(found) found a victim")
    }
}
