import Testing

@testable import VMM

@Suite struct RandomDrawTests {
    /// Random replacement's draw, stepping over page tables and pinned frames, against a draw
    /// from the listed candidates with the same generator, before every step of random machines:
    /// among all frames, and among one process's own under local replacement.
    @Test(arguments: 0..<3)
    func theDrawPicksAsFromTheListedCandidates(batch: Int) {
        var compared = 0, comparedLocally = 0
        for seed in 0..<100 {
            var random = RandomMachine(seed: UInt64(batch * 1000 + seed))
            var configuration = random.configuration()
            configuration.replacement = .random
            var machine = random.machine(configuration)
            while !machine.isFinished, machine.stepCount < 300 {
                let owner: ProcessID? = machine.framesOwned.isEmpty ? nil : machine.stepCount % machine.processes.count
                let some = machine.frames.indices.filter { $0 % 4 == seed % 4 }
                for (pinned, owner) in [([], nil), (some, nil), ([], owner), (some, owner)] {
                    let candidates = VictimCandidates(pinned: pinned, swapHasRoom: true, owner: owner)
                    var (drawing, listing) = (machine, machine)
                    let listed = candidates.list(in: listing)
                    let expected = listed.isEmpty ? nil : listed[listing.generator.index(below: listed.count)]
                    #expect(
                        RandomRule.draw(&drawing, among: candidates) == expected, "seed \(batch * 1000 + seed), step \(machine.stepCount)")
                    #expect(drawing.generator == listing.generator)
                    if machine.freeFrames.isEmpty, expected != nil { compared += 1 }
                    if owner != nil, expected != nil { comparedLocally += 1 }
                }
                _ = machine.step()
            }
        }
        #expect(compared > 500 && comparedLocally > 300, "memory should often be full: \(compared), locally \(comparedLocally)")
    }
}
