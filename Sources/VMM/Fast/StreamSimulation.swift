import Dispatch

/// Runs several simulators (and one-pass analyses: fault curves, reuse distances, working sets)
/// over one reference stream in a single pass, so a stream that can be read only once (standard
/// input, a program being traced) serves every policy and frame count.
///
/// References are gathered into runs and each run goes to every consumer; with more than one
/// consumer the runs are spread over the machine's cores (each is independent, so the results are
/// those of a run on one core, whatever the order the cores take them in).
///
/// OPT needs the future. References are held back until `lookahead` more have arrived, so every
/// OPT decision sees at least that far ahead; a page not used within that window counts as never
/// used again. Memory is bounded: at most 2 x lookahead references are held (17 bytes each).
/// Without OPT, at most one run is held and memory stays constant.
public struct StreamSimulation: Sendable {
    public let consumers: [any StreamConsumer]
    public let lookahead: Int
    /// Whether runs may be spread over several cores.
    public let parallel: Bool
    private let needsFuture: Bool
    private var pages: [Int] = []
    private var writes: [Bool] = []
    private var upcoming: [Int] = []
    // Small at first and doubled as pages arrive: a short run does not pay to clear a large table.
    private var lastSeen = PageMap(capacityFor: 64)
    /// Stream index of `pages[0]`.
    private var base = 0

    public static let defaultLookahead = 1 << 20
    /// References gathered before they go to the simulators, without OPT.
    static let run = 1 << 16

    public init(_ consumers: [any StreamConsumer], lookahead: Int = StreamSimulation.defaultLookahead, parallel: Bool = true) {
        self.consumers = consumers
        self.lookahead = max(1, lookahead)
        self.parallel = parallel
        needsFuture = consumers.contains { $0.needsFuture }
        let held = needsFuture ? 2 * self.lookahead : Self.run
        pages.reserveCapacity(held)
        writes.reserveCapacity(held)
    }

    /// Every consumer's results, in the consumers' order.
    public var results: [SimulationResult] { consumers.flatMap(\.results) }

    /// References still held back (for OPT's look-ahead, or until a run is full).
    public var pending: Int { pages.count }

    @inline(__always)
    public mutating func append(page: Int, write: Bool) {
        pages.append(page)
        writes.append(write)
        if pages.count >= (needsFuture ? 2 * lookahead : Self.run) { drain(keeping: needsFuture ? lookahead : 0) }
    }

    /// Many references at once: what a trace parser hands over for each chunk it reads. The
    /// result does not depend on how the stream is cut into chunks: OPT's window is drained at the
    /// same references as if they came one at a time.
    public mutating func append(pages newPages: [Int], writes newWrites: [Bool]) {
        precondition(newPages.count == newWrites.count, "a write flag for every page")
        if !needsFuture && pages.isEmpty && newPages.count >= Self.run {
            // A long run with nothing held: straight to the simulators, no copy.
            newPages.withUnsafeBufferPointer { p in newWrites.withUnsafeBufferPointer { w in simulate(p, w, nil) } }
            base += newPages.count
            return
        }
        let limit = needsFuture ? 2 * lookahead : Self.run
        var offset = 0
        while offset < newPages.count {
            let take = min(newPages.count - offset, limit - pages.count)
            pages.append(contentsOf: newPages[offset..<(offset + take)])
            writes.append(contentsOf: newWrites[offset..<(offset + take)])
            offset += take
            if pages.count >= limit { drain(keeping: needsFuture ? lookahead : 0) }
        }
    }

    /// The stream has ended: everything held back is simulated.
    public mutating func finish() { drain(keeping: 0) }

    /// Simulates all but the last `keeping` held references, each with its next use known when
    /// OPT is among the policies.
    private mutating func drain(keeping: Int) {
        let count = pages.count - keeping
        guard count > 0 else { return }
        if needsFuture {
            upcoming.removeAll(keepingCapacity: true)
            upcoming.append(contentsOf: repeatElement(Int.max, count: pages.count))
            lastSeen.removeAll()
            pages.withUnsafeBufferPointer { pages in
                upcoming.withUnsafeMutableBufferPointer { upcoming in
                    for index in stride(from: pages.count - 1, through: 0, by: -1) {
                        let next = lastSeen.find(pages[index])
                        if next >= 0 { upcoming[index] = base + Int(next) }
                        lastSeen.insert(pages[index], Int32(index))
                    }
                }
            }
        }
        pages.withUnsafeBufferPointer { p in
            writes.withUnsafeBufferPointer { w in
                upcoming.withUnsafeBufferPointer { u in
                    simulate(
                        UnsafeBufferPointer(rebasing: p[0..<count]), UnsafeBufferPointer(rebasing: w[0..<count]),
                        needsFuture ? UnsafeBufferPointer(rebasing: u[0..<count]) : nil)
                }
            }
        }
        pages.removeFirst(count)
        writes.removeFirst(count)
        base += count
    }

    /// One run through every consumer: on this thread for one, spread over the cores for more.
    private func simulate(_ pages: UnsafeBufferPointer<Int>, _ writes: UnsafeBufferPointer<Bool>, _ nextUses: UnsafeBufferPointer<Int>?) {
        guard parallel && consumers.count > 1 else {
            for consumer in consumers { consumer.access(pages: pages, writes: writes, nextUses: nextUses) }
            return
        }
        let run = SharedRun(pages: pages, writes: writes, nextUses: nextUses)
        let consumers = consumers
        DispatchQueue.concurrentPerform(iterations: consumers.count) { index in
            consumers[index].access(pages: run.pages, writes: run.writes, nextUses: run.nextUses)
        }
    }
}

/// A run of references read by several workers at once, none writing, for the duration of one
/// `concurrentPerform`: the buffers outlive it.
private struct SharedRun: @unchecked Sendable {
    let pages: UnsafeBufferPointer<Int>
    let writes: UnsafeBufferPointer<Bool>
    let nextUses: UnsafeBufferPointer<Int>?
}
