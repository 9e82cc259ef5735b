import Testing

@testable import VMM

@Suite struct EvictionOrderTests {
    /// A frame with only the fields the keys read.
    static func frame(used: Int, loaded: Int = 0) -> Frame {
        var frame = Frame(wordsPerPage: 1)
        frame.content = .anonymous(owner: 0, page: used)
        frame.lastUsed = used
        frame.loadedAt = loaded
        return frame
    }

    /// Random updates, removals and tests against a sort of the same keys: `first(where:)` must
    /// give the smallest (key, frame) that passes, whatever the heap's shape.
    @Test(arguments: 0..<6)
    func theFirstPassingFrameIsTheSmallestThatPasses(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let count = 1 + random.index(below: 300)
        var order = EvictionOrder(frames: count) { EvictionOrder.Key(primary: $0.lastUsed, secondary: $0.loadedAt) }
        var model: [Int: EvictionOrder.Key] = [:]
        for _ in 0..<3_000 {
            let frame = random.index(below: count)
            if random.index(below: 5) == 0 {
                order.update(frame, Frame(wordsPerPage: 1).ranks)
                model[frame] = nil
            } else {
                let state = Self.frame(used: random.index(below: 40), loaded: random.index(below: 3))
                order.update(frame, state.ranks)
                model[frame] = EvictionOrder.Key(primary: state.lastUsed, secondary: state.loadedAt)
            }
            let barred = Set((0..<random.index(below: count + 1)).map { _ in random.index(below: count) })
            let expected = model.filter { !barred.contains($0.key) }.min { ($0.value, $0.key) < ($1.value, $1.key) }?.key
            #expect(order.first { !barred.contains($0) } == expected)
            #expect(order.count == model.count)
        }
        #expect(order.isHeapOrdered)
        #expect(order.ordered == model.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key))
    }

    @Test func aPolicyWithoutRanksKeepsNoOrder() {
        var order = EvictionOrder(frames: 4, key: nil)
        order.update(2, Self.frame(used: 1).ranks)
        #expect(!order.isKept)
        #expect(order.count == 0)
        #expect(order.first { _ in true } == nil)
    }

    /// The engine's victim from its kept order against the old way, a comparison of every
    /// candidate, before every step of random machines under each ranking policy: among all
    /// frames, and among one process's own (local replacement keeps an order per process).
    @Test(arguments: [ReplacementPolicy.lru, .mru, .fifo, .lfu, .mfu, .aging, .nru])
    func theKeptOrderChoosesAsAFullComparisonWould(policy: ReplacementPolicy) {
        var compared = 0, comparedLocally = 0
        for seed in 0..<120 {
            var random = RandomMachine(seed: UInt64(seed))
            var configuration = random.configuration()
            configuration.replacement = policy
            var machine = random.machine(configuration)
            let key = policy.rule.evictionKey!
            while !machine.isFinished, machine.stepCount < 400 {
                let process = machine.stepCount % machine.processes.count
                for (swapHasRoom, owner) in [(true, nil), (false, nil), (true, process)] {
                    let pinned = machine.frames.indices.filter { $0 % 3 == seed % 3 }
                    let candidates = VictimCandidates(pinned: pinned, swapHasRoom: swapHasRoom, owner: owner)
                    let everyOne = candidates.list(in: machine).min {
                        (key(machine.frames[$0].ranks), $0) < (key(machine.frames[$1].ranks), $1)
                    }
                    #expect(machine.firstInEvictionOrder(candidates) == everyOne, "seed \(seed), step \(machine.stepCount)")
                    // After Aging's timer the order waits to be rebuilt: rebuilt, it must agree too.
                    if machine.evictionOrder.isStale {
                        var rebuilt = machine
                        rebuilt.evictionOrder.rebuild(rebuilt.frames)
                        #expect(rebuilt.firstInEvictionOrder(candidates) == everyOne, "seed \(seed), step \(machine.stepCount)")
                    }
                    compared += everyOne == nil ? 0 : 1
                    comparedLocally += everyOne == nil || !machine.evictionOrder.isPerProcess ? 0 : 1
                }
                _ = machine.step()
            }
        }
        #expect(compared > 1_000 && comparedLocally > 300, "\(compared), \(comparedLocally) with an order per process")
    }
}
