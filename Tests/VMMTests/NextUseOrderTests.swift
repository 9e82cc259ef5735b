import Testing

@testable import VMM

@Suite struct NextUseOrderTests {
    /// OPT's and UNOPT's choice from the next-use index (the heads of the processes' heaps and the
    /// loose frames, ties counted per process) against the plain reading of the rule: every
    /// candidate's next use searched afresh, the farthest (nearest) taken, ties to the page used
    /// longest ago, and every tie counted for the sentence. The candidates vary as they do in the
    /// engine: all frames or one process's own, some pinned, swap with or without room.
    @Test(arguments: [true, false])
    func theIndexedChoiceIsTheRule(farthest: Bool) {
        var tied = 0, neverTied = 0, local = 0, pinnedSome = 0
        for seed in 0..<150 {
            var random = RandomMachine(seed: UInt64(seed))
            var configuration = random.configuration()
            configuration.replacement = farthest ? .opt : .unopt
            var machine = random.machine(configuration)
            while !machine.isFinished, machine.stepCount < 300 {
                let owner = random.pick([nil, nil, random.number(0...machine.processes.count - 1)])
                let pinned = machine.frames.indices.filter { _ in random.number(0...5) == 0 }
                let candidates = VictimCandidates(pinned: pinned, swapHasRoom: random.pick([true, true, false]), owner: owner)
                let listed = candidates.list(in: machine)
                if let first = listed.first {
                    let distances = listed.map { machine.nextUse(of: $0) }
                    var best = 0
                    for index in listed.indices.dropFirst() {
                        let (d, b) = (distances[index], distances[best])
                        if (farthest ? d > b : d < b)
                            || (d == b && machine.frames[listed[index]].lastUsed < machine.frames[listed[best]].lastUsed)
                        {
                            best = index
                        }
                    }
                    let others = distances.filter { $0 == distances[best] }.count - 1
                    var asked = machine
                    let chosen = NextUseOrder.engineVictim(&asked, among: candidates, farthest: farthest, comparison: "x")
                    #expect(chosen?.0 == listed[best], "seed \(seed), step \(machine.stepCount), first \(first)")
                    let counted = others == 0 ? "x" : others == 1 ? "is 1 other" : "are \(others) others"
                    #expect(chosen?.1.contains(counted) == true, "seed \(seed): \(chosen?.1 ?? "nothing") should say \(counted)")
                    tied += others > 0 ? 1 : 0
                    neverTied += others > 0 && distances[best] == .max ? 1 : 0
                    local += owner == nil ? 0 : 1
                    pinnedSome += pinned.isEmpty ? 0 : 1
                }
                _ = machine.step()
            }
        }
        #expect(tied > 100 && neverTied > 50, "ties should be common: \(tied), \(neverTied) never used again")
        #expect(local > 100 && pinnedSome > 100, "local: \(local), pinned: \(pinnedSome)")
    }

    /// A page in the page cache is wanted by every process that maps its file, so a process that
    /// gains a mapping without touching the page (a child inheriting its parent's) changes how
    /// soon the page is wanted: P1 loads page 1 of f, which P0 maps but never touches; P0 forks
    /// C, whose first operation reads page 1. The index must see C's use at once.
    @Test(arguments: [ReplacementPolicy.opt, .unopt])
    func aForkedChildWantsTheCachedPagesOfItsFiles(policy: ReplacementPolicy) {
        let base = 16 * pageSize
        let configuration = MachineConfiguration(frames: 4, swapSlots: 4, replacement: policy, seed: 1)
        let machine = Machine(
            configuration: configuration, files: [zeroFile("f", pages: 2)],
            processes: [
                ProcessSpec(
                    name: "P0",
                    script: [
                        .map(file: 0, address: base, pages: nil, mode: .shared), .read(address: base), .fork(child: 2),
                        .read(address: base),
                    ]),
                ProcessSpec(
                    name: "P1", script: [.map(file: 0, address: base, pages: nil, mode: .shared), .read(address: base + pageSize)]),
                ProcessSpec(name: "C", script: [.read(address: base + pageSize), .read(address: base)], startsRunning: false),
            ])
        let (end, results) = runChecked(machine)
        #expect(end.isFinished)
        #expect(results.events(.fork).count == 1)
    }
}
