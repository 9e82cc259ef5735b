/// How far apart a program's uses of a page are: each reference's reuse distance (the distinct
/// other pages used since the page's previous use), gathered in powers of two. A reference at
/// reuse distance r hits under LRU in any memory of more than r frames, so the running total of
/// the buckets is LRU's hit ratio by memory size.
public final class ReuseHistogram: StreamConsumer, @unchecked Sendable {
    private var state = State()

    /// Everything a run changes, in one value: a run is one exclusive access, not one per reference.
    private struct State {
        var numbering = PageNumbering()
        var stack = LRUStack()
        var distances = ReuseDistances(references: 0, firstUses: 0, counts: [])

        mutating func run(_ pages: UnsafeBufferPointer<Int>) {
            distances.references += pages.count
            for page in pages {
                let distance = stack.reference(numbering.number(of: page).0)
                guard distance != .max else {
                    distances.firstUses += 1
                    continue
                }
                let bucket = ReuseDistances.bucket(of: distance - 1)
                if bucket >= distances.counts.count { distances.counts += repeatElement(0, count: bucket - distances.counts.count + 1) }
                distances.counts[bucket] += 1
            }
        }
    }

    public init() {}

    public var needsFuture: Bool { false }
    public var results: [SimulationResult] { [] }

    public func access(pages: UnsafeBufferPointer<Int>, writes: UnsafeBufferPointer<Bool>, nextUses: UnsafeBufferPointer<Int>?) {
        state.run(pages)
    }

    public var distances: ReuseDistances { state.distances }
}

/// A reuse-distance histogram: bucket 0 holds distance 0 (the same page again), bucket k > 0
/// distances 2^(k-1) ... 2^k - 1.
public struct ReuseDistances: Hashable, Sendable {
    public var references: Int
    /// References to a page never used before: faults in any memory.
    public var firstUses: Int
    public var counts: [Int]

    static func bucket(of distance: Int) -> Int { distance == 0 ? 0 : Int.bitWidth - distance.leadingZeroBitCount }

    /// The distances bucket `index` holds.
    public static func range(of index: Int) -> ClosedRange<Int> { index == 0 ? 0...0 : (1 << (index - 1))...((1 << index) - 1) }
}
