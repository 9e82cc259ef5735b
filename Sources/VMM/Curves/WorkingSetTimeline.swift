/// Denning's working set along the stream: W(t, τ), the distinct pages used in the last τ
/// references, and the faults of one policy and memory size, gathered in equal intervals.
///
/// The stream's length is not known ahead, so the intervals start one reference long and double
/// (neighbours merged) whenever `most` are full: memory stays constant, and at the end there are
/// between `most / 2` and `most` intervals however long the stream was.
public final class WorkingSetTimeline: StreamConsumer, @unchecked Sendable {
    public let window: Int
    public let simulator: PagingSimulator
    public let most: Int
    private var working: WorkingSet
    private var finished: [Interval] = []
    private var current = Interval(start: 0)
    private var length = 1
    private var faultsBefore = 0

    /// One stretch of the stream.
    public struct Interval: Hashable, Sendable {
        /// The index of its first reference.
        public var start: Int
        public var references = 0
        /// The sum of W(t, τ) over its references, for the mean.
        public var sizeTotal = 0
        public var largest = 0
        public var faults = 0

        public var meanSize: Double { references == 0 ? 0 : Double(sizeTotal) / Double(references) }
        /// Faults per 1,000 references.
        public var faultRate: Double { references == 0 ? 0 : Double(faults) * 1000 / Double(references) }

        func merged(with next: Interval) -> Interval {
            Interval(
                start: start, references: references + next.references, sizeTotal: sizeTotal + next.sizeTotal,
                largest: max(largest, next.largest), faults: faults + next.faults)
        }
    }

    public init(window: Int, simulator: PagingSimulator, most: Int = 64) {
        precondition(window >= 1 && most >= 2 && most % 2 == 0)
        self.window = window
        self.simulator = simulator
        self.most = most
        working = WorkingSet(window: window)
    }

    public var needsFuture: Bool { simulator.needsFuture }
    public var results: [SimulationResult] { [] }

    public func access(pages: UnsafeBufferPointer<Int>, writes: UnsafeBufferPointer<Bool>, nextUses: UnsafeBufferPointer<Int>?) {
        var offset = 0
        while offset < pages.count {
            let take = min(pages.count - offset, length - current.references)
            let part = offset..<(offset + take)
            simulator.access(
                pages: UnsafeBufferPointer(rebasing: pages[part]), writes: UnsafeBufferPointer(rebasing: writes[part]),
                nextUses: nextUses.map { UnsafeBufferPointer(rebasing: $0[part]) })
            working.run(UnsafeBufferPointer(rebasing: pages[part]), into: &current)
            offset += take
            if current.references == length { close() }
        }
    }

    private func close() {
        let faults = simulator.result.faults
        current.faults = faults - faultsBefore
        faultsBefore = faults
        finished.append(current)
        current = Interval(start: working.time)
        if finished.count == most {
            finished = stride(from: 0, to: most, by: 2).map { finished[$0].merged(with: finished[$0 + 1]) }
            length *= 2
        }
    }

    /// The intervals so far, the last possibly shorter than the others.
    public var intervals: [Interval] {
        guard current.references > 0 else { return finished }
        var last = current
        last.faults = simulator.result.faults - faultsBefore
        return finished + [last]
    }
}

/// W(t, τ) as the stream goes: each reference's page enters unless it was used within the window,
/// and the page used τ references ago leaves unless it was used since.
private struct WorkingSet {
    let window: Int
    private var numbering = PageNumbering()
    /// Per page number: the time of its last use (times start at 1).
    private var lastUse: [Int] = []
    /// The page numbers of the last `window` references, by time modulo the window.
    private var recent: [Int32]
    private(set) var time = 0
    private var size = 0

    init(window: Int) {
        self.window = window
        recent = Array(repeating: -1, count: window)
    }

    /// Adds each reference's W(t, τ) to the interval.
    mutating func run(_ pages: UnsafeBufferPointer<Int>, into interval: inout WorkingSetTimeline.Interval) {
        for page in pages {
            time += 1
            let (number, first) = numbering.number(of: page)
            if first { lastUse.append(0) }
            if first || time - lastUse[number] > window { size += 1 }
            lastUse[number] = time
            let slot = time % window
            let leaving = recent[slot]
            if leaving >= 0 && lastUse[Int(leaving)] == time - window { size -= 1 }
            recent[slot] = Int32(truncatingIfNeeded: number)
            interval.sizeTotal += size
            interval.largest = max(interval.largest, size)
        }
        interval.references += pages.count
    }
}
