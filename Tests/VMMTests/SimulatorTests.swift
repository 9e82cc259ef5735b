import Testing
@testable import VMM

/// The same page stream through the scenario engine: one process mapping a file shared over
/// every page it touches (so dirty pages are written back, as the simulator counts them).
func engineResult(
    _ pages: [Int], writes: [Bool], policy: ReplacementPolicy, frames: Int, tlb: TLBConfiguration, write: WritePolicy, seed: UInt64,
    parameters: ReplacementParameters = ReplacementParameters(), levels: [Int] = [], inverted: Bool = false
) -> Counters {
    let config = MachineConfiguration(
        frames: frames, swapSlots: 0, tlb: tlb, replacement: policy, replacementParameters: parameters,
        pageTableLevels: levels, invertedPageTable: inverted, writePolicy: write, seed: seed)
    let span = (pages.max() ?? 0) + 1
    var script: [Operation] = [.map(file: 0, address: 0, pages: span, mode: .shared)]
    for (page, isWrite) in zip(pages, writes) {
        script.append(isWrite ? .write(address: page * config.pageSize, value: 1) : .read(address: page * config.pageSize))
    }
    var machine = Machine(
        configuration: config, files: [FileSpec(name: "f", pages: [[0, 0, 0, 0]])],
        processes: [ProcessSpec(name: "P", script: script)])
    // Stop before the implicit exit, whose close would write back the remaining dirty pages.
    // (A process killed for want of memory ends the run early: the counts then disagree rather than the test hanging.)
    while machine.stepCount < script.count && !machine.isFinished { machine.step() }
    return machine.counters
}

func simulatorResult(
    _ pages: [Int], writes: [Bool], policy: ReplacementPolicy, frames: Int, tlb: TLBConfiguration, write: WritePolicy, seed: UInt64,
    lookahead: Int = 1 << 20, parameters: ReplacementParameters = ReplacementParameters(), levels: [Int] = [], inverted: Bool = false
) -> SimulationResult {
    var simulation = StreamSimulation(
        [
            PagingSimulator(
                policy: policy, frames: frames, tlb: tlb, writePolicy: write, seed: seed,
                parameters: parameters, levels: levels, inverted: inverted)
        ], lookahead: lookahead)
    for (page, isWrite) in zip(pages, writes) { simulation.append(page: page, write: isWrite) }
    simulation.finish()
    return simulation.results[0]
}

@Suite struct SimulatorTests {
    @Test("the simulator makes the engine's choices", arguments: ReplacementPolicy.allCases)
    func agreesWithTheEngine(policy: ReplacementPolicy) {
        var generator = SeededGenerator(seed: 2024)
        for round in 0..<12 {
            let count = 150
            let spread = 4 + generator.index(below: 12)  // pages below 16: within a 2+2-bit page table
            let pages = (0..<count).map { _ in generator.index(below: spread) }
            let writes = (0..<count).map { _ in generator.index(below: 3) == 0 }
            // Every third round has a two-level page table: tables take frames, so give it more.
            let levels = round % 3 == 1 ? [2, 2] : []
            let frames = (levels.isEmpty ? 1 : 7) + generator.index(below: 6)
            let entries = [0, 2, 4, 8][round % 4]
            let tlb = TLBConfiguration(
                entries: entries, ways: entries == 8 ? 2 : 0, replacement: [TLBReplacement.lru, .fifo, .random][round % 3])
            let write: WritePolicy = round % 2 == 0 ? .writeBack : .writeThrough
            let parameters = ReplacementParameters(bits: [nil, 1, 3][round % 3], interval: 1 + round % 4, window: 1 + round % 5)
            let inverted = round % 3 == 2
            let engine = engineResult(
                pages, writes: writes, policy: policy, frames: frames, tlb: tlb, write: write, seed: UInt64(round), parameters: parameters,
                levels: levels, inverted: inverted)
            let fast = simulatorResult(
                pages, writes: writes, policy: policy, frames: frames, tlb: tlb, write: write, seed: UInt64(round), parameters: parameters,
                levels: levels, inverted: inverted)
            #expect(fast.walkReferences == engine.walkReferences, "round \(round)")
            #expect(fast.pageTablePages == engine.pageTablePages, "round \(round)")
            #expect(fast.faults == engine.pageFaults, "round \(round)")
            #expect(fast.evictions == engine.evictions, "round \(round)")
            #expect(fast.writebacks == engine.writeBacks, "round \(round)")
            #expect(fast.diskWrites == engine.diskWrites, "round \(round)")
            #expect(fast.tlbHits == engine.tlbHits && fast.tlbMisses == engine.tlbMisses, "round \(round)")
            #expect(fast.references == count)
        }
    }

    @Test("the textbook's published results", arguments: [(ReplacementPolicy.fifo, 15), (.lru, 12), (.opt, 9)])
    func textbook(policy: ReplacementPolicy, faults: Int) {
        let pages = [7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1]
        let result = simulatorResult(
            pages, writes: pages.map { _ in false }, policy: policy, frames: 3, tlb: TLBConfiguration(entries: 0), write: .writeBack,
            seed: 1)
        #expect(result.faults == faults)
        #expect(result.hits == 20 - faults)
    }

    @Test func beladysAnomaly() {
        let pages = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5]
        let writes = pages.map { _ in false }
        let none = TLBConfiguration(entries: 0)
        #expect(simulatorResult(pages, writes: writes, policy: .fifo, frames: 3, tlb: none, write: .writeBack, seed: 1).faults == 9)
        #expect(simulatorResult(pages, writes: writes, policy: .fifo, frames: 4, tlb: none, write: .writeBack, seed: 1).faults == 10)
    }

    @Test func optWithAShortLookaheadIsBoundedAndStillSensible() {
        var generator = SeededGenerator(seed: 5)
        let pages = (0..<5000).map { _ in generator.index(below: 20) }
        let writes = pages.map { _ in false }
        let none = TLBConfiguration(entries: 0)
        let exact = simulatorResult(pages, writes: writes, policy: .opt, frames: 6, tlb: none, write: .writeBack, seed: 1)
        let windowed = simulatorResult(pages, writes: writes, policy: .opt, frames: 6, tlb: none, write: .writeBack, seed: 1, lookahead: 64)
        let lru = simulatorResult(pages, writes: writes, policy: .lru, frames: 6, tlb: none, write: .writeBack, seed: 1)
        #expect(exact.faults <= windowed.faults)
        #expect(windowed.faults < lru.faults)
        var simulation = StreamSimulation([PagingSimulator(policy: .opt, frames: 6)], lookahead: 64)
        for page in pages { simulation.append(page: page, write: false); #expect(simulation.pending < 128) }
    }

    @Test func pageMapSurvivesChurn() {
        var map = PageMap(capacityFor: 8)
        var shadow: [Int: Int32] = [:]
        var generator = SeededGenerator(seed: 77)
        for step in 0..<20_000 {
            let key = generator.index(below: 40) * 4096 + (step % 3 == 0 ? 1 << 40 : 0)
            if shadow[key] != nil, generator.index(below: 2) == 0 {
                map.remove(key)
                shadow[key] = nil
            } else if shadow.count < 24 {
                map.insert(key, Int32(step % 1000))
                shadow[key] = Int32(step % 1000)
            }
            #expect(map.find(key) == shadow[key] ?? -1)
        }
        for (key, value) in shadow { #expect(map.find(key) == value) }
    }
}

@Suite struct FastSimulatorAtScaleTests {
    /// Deeper heaps, longer lists and bit sets over several words than the small rounds reach.
    @Test("the simulator makes the engine's choices with many frames", arguments: ReplacementPolicy.allCases)
    func agreesWithTheEngineWithManyFrames(policy: ReplacementPolicy) {
        var generator = SeededGenerator(seed: 99)
        for round in 0..<3 {
            let frames = 40 + generator.index(below: 60)
            let spread = frames + 10 + generator.index(below: 60)
            // A drifting hot set, so that recency and frequency both matter.
            let pages = (0..<900).map { index in
                generator.index(below: 4) == 0 ? generator.index(below: spread) : (index / 50 + generator.index(below: 12)) % spread
            }
            let writes = pages.map { _ in generator.index(below: 4) == 0 }
            let tlb = TLBConfiguration(entries: 16, ways: 4, replacement: .lru)
            let parameters = ReplacementParameters(bits: nil, interval: 1 + round * 3, window: 4 + round * 20)
            let engine = engineResult(
                pages, writes: writes, policy: policy, frames: frames, tlb: tlb, write: .writeBack, seed: UInt64(round),
                parameters: parameters)
            let fast = simulatorResult(
                pages, writes: writes, policy: policy, frames: frames, tlb: tlb, write: .writeBack, seed: UInt64(round),
                parameters: parameters)
            #expect(fast.faults == engine.pageFaults, "round \(round), \(frames) frames")
            #expect(fast.evictions == engine.evictions, "round \(round)")
            #expect(fast.writebacks == engine.writeBacks, "round \(round)")
            #expect(fast.tlbHits == engine.tlbHits, "round \(round)")
        }
    }

    @Test func aParallelSweepEqualsASequentialOne() {
        var generator = SeededGenerator(seed: 4)
        let pages = (0..<40_000).map { index in generator.index(below: 3) == 0 ? generator.index(below: 2_000) : index % 150 }
        let writes = pages.map { _ in generator.index(below: 5) == 0 }
        func sweep(parallel: Bool, chunk: Int) -> [SimulationResult] {
            let simulators = [16, 64, 128].flatMap { frames in
                ReplacementPolicy.allCases.map { PagingSimulator(policy: $0, frames: frames, tlb: TLBConfiguration(entries: 8, ways: 2)) }
            }
            var simulation = StreamSimulation(simulators, lookahead: 7_000, parallel: parallel)
            var offset = 0
            while offset < pages.count {
                let end = min(pages.count, offset + chunk)
                simulation.append(pages: Array(pages[offset..<end]), writes: Array(writes[offset..<end]))
                offset = end
            }
            simulation.finish()
            return simulation.results
        }
        let sequential = sweep(parallel: false, chunk: 1_000)
        // However the stream is cut: OPT's window is drained at the same references.
        #expect(sweep(parallel: true, chunk: 15_001) == sequential)
        #expect(sweep(parallel: true, chunk: 1_000) == sequential)
        // One reference at a time gives the same as runs of them.
        var single = StreamSimulation(
            [PagingSimulator(policy: .lru, frames: 64, tlb: TLBConfiguration(entries: 8, ways: 2))], parallel: false)
        for (page, write) in zip(pages, writes) { single.append(page: page, write: write) }
        single.finish()
        #expect(single.results[0] == sequential[ReplacementPolicy.allCases.count + ReplacementPolicy.allCases.firstIndex(of: .lru)!])
        #expect(sequential.allSatisfy { $0.references == pages.count })
    }
}
