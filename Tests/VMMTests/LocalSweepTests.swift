import Testing

@testable import VMM

@Suite struct LocalSweepTests {
    /// Under local replacement the clock hands jump from one of the process's frames to the next;
    /// they must stop where the sweep frame by frame stops, give the same frames a second chance,
    /// and leave the hand and every frame as it would, before every step of random machines.
    @Test(arguments: [ReplacementPolicy.clock, .gclock])
    func theJumpingHandSweepsAsFrameByFrame(policy: ReplacementPolicy) {
        var compared = 0, found = 0
        for seed in 0..<150 {
            var random = RandomMachine(seed: UInt64(seed))
            var configuration = random.configuration()
            configuration.replacement = policy
            configuration.allocation = FrameAllocation(scope: .local, share: random.pick(FrameAllocation.Share.allCases))
            var machine = random.machine(configuration)
            let chances = policy == .clock ? 1 : (1 << configuration.replacementParameters.bits(for: .gclock)) - 1
            while !machine.isFinished, machine.stepCount < 300 {
                for owner in machine.processes.indices {
                    let pinned = machine.frames.indices.filter { $0 % 3 == seed % 3 }
                    let candidates = VictimCandidates(pinned: pinned, swapHasRoom: random.pick([true, false]), owner: owner)
                    var (jumping, stepping) = (machine, machine)
                    stepping.framesOwned = []
                    let sweep = { (machine: inout Machine) in
                        SecondChanceHand.sweep(
                            &machine, among: candidates, maximumChances: chances,
                            hasChance: { policy == .clock ? $0.referenced : $0.count > 0 },
                            takeChance: { machine, frame in
                                if policy == .clock { machine.clearReferenced(frame) } else { machine.frames[frame].count -= 1 }
                            })
                    }
                    let (jumped, stepped) = (sweep(&jumping), sweep(&stepping))
                    #expect(
                        jumped?.victim == stepped?.victim && jumped?.passed == stepped?.passed, "seed \(seed), step \(machine.stepCount)")
                    #expect(jumping.clockHand == stepping.clockHand && jumping.frames == stepping.frames, "seed \(seed)")
                    compared += 1
                    found += stepped == nil ? 0 : 1
                }
                _ = machine.step()
            }
        }
        #expect(compared > 1_000 && found > 500, "\(compared) sweeps, \(found) found a victim")
    }

    /// WSClock's hand under local replacement jumps to the next of the process's frames it must
    /// stop at; it must choose, explain, write back and leave the hand as the hand that stops at
    /// every stop of every process's frames.
    @Test func wsclockJumpsOnlyToTheProcesssOwnStops() {
        var compared = 0, found = 0
        for seed in 0..<150 {
            var random = RandomMachine(seed: UInt64(seed))
            var configuration = random.configuration()
            configuration.replacement = .wsclock
            configuration.allocation = FrameAllocation(scope: .local, share: random.pick(FrameAllocation.Share.allCases))
            var machine = random.machine(configuration)
            while !machine.isFinished, machine.stepCount < 300 {
                for owner in machine.processes.indices {
                    let pinned = machine.frames.indices.filter { $0 % 3 == seed % 3 }
                    let candidates = VictimCandidates(pinned: pinned, swapHasRoom: random.pick([true, false]), owner: owner)
                    var (jumping, stepping) = (machine, machine)
                    stepping.framesOwned = []
                    let jumped = WSClockRule.victim(in: &jumping, among: candidates)
                    let stepped = WSClockRule.victim(in: &stepping, among: candidates)
                    #expect(jumped?.0 == stepped?.0 && jumped?.1 == stepped?.1, "seed \(seed), step \(machine.stepCount)")
                    #expect(jumping.clockHand == stepping.clockHand && jumping.frames == stepping.frames, "seed \(seed)")
                    #expect(jumping.files == stepping.files && jumping.pending == stepping.pending, "seed \(seed)")
                    compared += 1
                    found += stepped == nil ? 0 : 1
                }
                _ = machine.step()
            }
        }
        #expect(compared > 1_000 && found > 500, "\(compared) sweeps, \(found) found a victim")
    }
}
