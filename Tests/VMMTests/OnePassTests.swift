import Testing
@testable import VMM

/// The one-pass fault curves (stack distances) against hand-worked stacks and against one
/// simulator per memory size.
@Suite struct FaultCurveTests {
    /// The textbook string (Belady's: 1 2 3 4 1 2 5 1 2 3 4 5).
    let textbook = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5]

    @Test func lruStackDistancesOfTheTextbookString() {
        var numbering = PageNumbering()
        var stack = LRUStack()
        let distances = textbook.map { stack.reference(numbering.number(of: $0).0) }
        // Worked by hand: the distinct pages since the page's last use, plus one.
        let never = Int.max
        #expect(distances == [never, never, never, never, 4, 4, never, 3, 3, 5, 5, 5])
        // At the end: 5 used last, then 4, 3, 2, 1 (numbered 0...4 in order of first use).
        #expect(stack.positions() == [5, 4, 3, 2, 1])
    }

    @Test func optStackDistancesOfTheTextbookString() {
        var numbering = PageNumbering()
        var stack = OPTStack(depth: 5)
        let distances = textbook.indices.map { time in
            let next = textbook[(time + 1)...].firstIndex(of: textbook[time]) ?? .max
            return stack.reference(numbering.number(of: textbook[time]).0, nextUse: next)
        }
        // Worked by hand with Mattson's priority stack (6: not in the stack); the ties at the end
        // (pages never used again) keep the more recently used higher.
        #expect(distances == [6, 6, 6, 6, 2, 3, 6, 2, 3, 4, 5, 2])
        #expect(stack.positions(pages: 5) == [5, 4, 3, 2, 1])
    }

    @Test func theTextbookCurves() {
        func faults(_ policy: ReplacementPolicy) -> [Int] {
            var simulation = StreamSimulation([FaultCurve.make(policy: policy, frames: 1...5)])
            simulation.append(pages: textbook, writes: textbook.map { _ in false })
            simulation.finish()
            return simulation.results.map(\.faults)
        }
        #expect(faults(.lru) == [12, 12, 10, 8, 5])
        #expect(faults(.opt) == [12, 9, 7, 6, 5])
    }

    /// A stream with phases: loops of several sizes, random pages, and writes, so every memory
    /// size up to `pages` sees faults, write-backs and ties among pages not used within the window.
    func stream(seed: UInt64, count: Int, pages: Int) -> ([Int], [Bool]) {
        var generator = SeededGenerator(seed: seed)
        var out: [Int] = []
        while out.count < count {
            let loop = 1 + generator.index(below: pages)
            let base = generator.index(below: pages)
            for index in 0..<(loop * (1 + generator.index(below: 3))) {
                out.append(generator.index(below: 4) == 0 ? generator.index(below: pages * 2) : base + index % loop)
            }
        }
        out.removeLast(out.count - count)
        return (out, out.map { _ in generator.index(below: 3) == 0 })
    }

    func run(_ consumers: [any StreamConsumer], _ pages: [Int], _ writes: [Bool], lookahead: Int) -> [SimulationResult] {
        var simulation = StreamSimulation(consumers, lookahead: lookahead)
        var offset = 0
        while offset < pages.count {
            let end = min(pages.count, offset + 3_001)
            simulation.append(pages: Array(pages[offset..<end]), writes: Array(writes[offset..<end]))
            offset = end
        }
        simulation.finish()
        return simulation.results
    }

    @Test(
        "one pass equals a simulator per memory size, at every size",
        arguments: [
            (ReplacementPolicy.lru, WritePolicy.writeBack, 1 << 20), (.opt, .writeBack, 1 << 20), (.opt, .writeBack, 300),
            (.opt, .writeThrough, 40),
        ])
    func equalsPerSizeSimulators(policy: ReplacementPolicy, write: WritePolicy, lookahead: Int) {
        let (pages, writes) = stream(seed: UInt64(lookahead) &+ UInt64(policy.hashValue & 0xff), count: 8_000, pages: 400)
        let sizes = 1...512
        let onePass = run([FaultCurve.make(policy: policy, frames: sizes, writePolicy: write)], pages, writes, lookahead: lookahead)
        let perSize = run(
            sizes.map { PagingSimulator(policy: policy, frames: $0, writePolicy: write) }, pages, writes, lookahead: lookahead)
        #expect(onePass.count == perSize.count)
        for (one, each) in zip(onePass, perSize) where one != each {
            Issue.record("\(policy) \(write) lookahead \(lookahead), \(each.frames) frames: one pass \(one), per size \(each)")
            break
        }
        // The curve is not flat: the check covers sizes that fault, evict and write back.
        #expect(onePass[0].faults > onePass[300].faults)
        #expect(write == .writeThrough || onePass[100].writebacks > 0)
    }

    @Test func aRangeThatStartsAboveOneGivesOnlyItsSizes() {
        let (pages, writes) = stream(seed: 9, count: 5_000, pages: 100)
        let some = run([FaultCurve.make(policy: .lru, frames: 20...30)], pages, writes, lookahead: 1 << 20)
        let all = run([FaultCurve.make(policy: .lru, frames: 1...30)], pages, writes, lookahead: 1 << 20)
        #expect(some.map(\.frames) == Array(20...30))
        #expect(some == Array(all.suffix(11)))
    }

    @Test func theLRUTimeLineIsRenumberedWithoutChangingDistances() {
        // More references than the time line's first 4,096 slots, over few pages: renumbered many times.
        var numbering = PageNumbering()
        var stack = LRUStack()
        var last: [Int: Int] = [:]
        var generator = SeededGenerator(seed: 3)
        for time in 0..<30_000 {
            let page = generator.index(below: 50 + time / 1_000)
            let distance = stack.reference(numbering.number(of: page).0)
            let expected = last[page].map { previous in Set(last.filter { $0.value > previous }.keys).count + 1 } ?? .max
            if distance != expected {
                Issue.record("reference \(time) to page \(page): \(distance), expected \(expected)")
                return
            }
            last[page] = time
        }
    }
}

/// The reuse histogram and the working-set timeline against their definitions, computed the
/// slow way.
@Suite struct StreamAnalysisTests {
    func phased(seed: UInt64, count: Int) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { time in
            let phase = time / 500
            return phase % 2 == 0 ? generator.index(below: 6) : 100 + generator.index(below: 40 + phase)
        }
    }

    func feed(_ consumer: any StreamConsumer, _ pages: [Int]) {
        var simulation = StreamSimulation([consumer])
        for start in stride(from: 0, to: pages.count, by: 777) {
            let part = Array(pages[start..<min(pages.count, start + 777)])
            simulation.append(pages: part, writes: part.map { $0 % 3 == 0 })
        }
        simulation.finish()
    }

    @Test func reuseDistancesAreTheDistinctPagesBetweenTwoUses() {
        let pages = phased(seed: 5, count: 3_000)
        let histogram = ReuseHistogram()
        feed(histogram, pages)
        var expected: [Int] = []
        var firstUses = 0
        for (time, page) in pages.enumerated() {
            guard let previous = pages[..<time].lastIndex(of: page) else {
                firstUses += 1
                continue
            }
            let distance = Set(pages[(previous + 1)..<time]).count
            let bucket = distance == 0 ? 0 : Int.bitWidth - distance.leadingZeroBitCount
            if bucket >= expected.count { expected += Array(repeating: 0, count: bucket - expected.count + 1) }
            expected[bucket] += 1
            #expect(ReuseDistances.range(of: bucket).contains(distance))
        }
        #expect(histogram.distances == ReuseDistances(references: 3_000, firstUses: firstUses, counts: expected))
    }

    @Test(arguments: [1, 37, 600])
    func theWorkingSetIsTheDistinctPagesOfTheLastWindow(window: Int) {
        let pages = phased(seed: UInt64(window), count: 3_000)
        let timeline = WorkingSetTimeline(window: window, simulator: PagingSimulator(policy: .lru, frames: 12), most: 8)
        feed(timeline, pages)
        let alone = PagingSimulator(policy: .lru, frames: 12)
        feed(alone, pages)
        let sizes = pages.indices.map { time in Set(pages[max(0, time - window + 1)...time]).count }
        let intervals = timeline.intervals
        // 3,000 references in at most 8 intervals: 1, 2, 4, ... references long, merged 9 times.
        #expect(intervals.count >= 4 && intervals.count <= 8)
        #expect(intervals.dropLast().allSatisfy { $0.references == 512 })
        var start = 0
        for interval in intervals {
            #expect(interval.start == start)
            let range = start..<(start + interval.references)
            #expect(interval.sizeTotal == sizes[range].reduce(0, +))
            #expect(interval.largest == sizes[range].max())
            start += interval.references
        }
        #expect(start == 3_000)
        #expect(intervals.map(\.faults).reduce(0, +) == alone.result.faults)
    }
}
