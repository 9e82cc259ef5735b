import Testing

@testable import VMM

@Suite struct SweepStopsTests {
    /// WSClock's hand jumping over the frames it would pass untouched against a hand that stops
    /// at every frame, step by step on random machines (anonymous and file pages, swap, several
    /// processes): the same events, the same machine.
    @Test(arguments: 0..<4)
    func jumpingOverFramesChangesNothing(batch: Int) {
        var evictions = 0, jumps = 0
        for seed in 0..<80 {
            var random = RandomMachine(seed: UInt64(batch * 1000 + seed))
            var configuration = random.configuration()
            configuration.replacement = .wsclock
            var jumping = random.machine(configuration)
            var stepping = jumping
            while !jumping.isFinished, jumping.stepCount < 300 {
                // Every frame holding data a stop: the hand passes frame by frame.
                for frame in stepping.frames.indices {
                    var ranks = stepping.frames[frame].ranks
                    ranks.referenced = true
                    stepping.sweepStops.update(frame, ranks)
                }
                jumps += jumping.frames.indices.filter { !jumping.sweepStops.frames.contains($0) && !jumping.frames[$0].isFree }.count
                let (fast, slow) = (jumping.step(), stepping.step())
                #expect(fast.events == slow.events, "seed \(batch * 1000 + seed), step \(jumping.stepCount)")
                #expect(jumping == stepping && jumping.clockHand == stepping.clockHand)
                evictions += fast.events.filter { $0.kind == .eviction }.count
                if fast.events != slow.events { return }
            }
        }
        #expect(evictions > 200)
        #expect(jumps > 1_000, "the hand should have had frames to jump over")
    }
}
