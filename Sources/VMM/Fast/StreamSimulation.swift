/// Runs several simulators over one reference stream in a single pass, so a stream that can be
/// read only once (standard input, a program being traced) serves every policy and frame count.
///
/// OPT needs the future. References are held back until `lookahead` more have arrived, so every
/// OPT decision sees at least that far ahead; a page not used within that window counts as never
/// used again. Memory is bounded: at most 2 x lookahead references are held (17 bytes each).
/// Without OPT nothing is held back and memory stays constant.
public struct StreamSimulation: Sendable {
    public private(set) var simulators: [PagingSimulator]
    public let lookahead: Int
    private let needsFuture: Bool
    private var pages: [Int] = []
    private var writes: [Bool] = []
    private var upcoming: [Int] = []
    private var lastSeen: [Int: Int] = [:]
    /// Stream index of `pages[0]`.
    private var base = 0

    public static let defaultLookahead = 1 << 20

    public init(_ simulators: [PagingSimulator], lookahead: Int = StreamSimulation.defaultLookahead) {
        self.simulators = simulators
        self.lookahead = max(1, lookahead)
        needsFuture = simulators.contains { $0.policy.needsFuture }
        if needsFuture {
            pages.reserveCapacity(2 * self.lookahead)
            writes.reserveCapacity(2 * self.lookahead)
        }
    }

    public var results: [SimulationResult] { simulators.map(\.result) }

    /// References still held back for OPT's look-ahead.
    public var pending: Int { pages.count }

    @inline(__always)
    public mutating func append(page: Int, write: Bool) {
        guard needsFuture else {
            for index in simulators.indices { simulators[index].access(page: page, write: write) }
            return
        }
        pages.append(page)
        writes.append(write)
        if pages.count >= 2 * lookahead { drain(keeping: lookahead) }
    }

    /// The stream has ended: everything held back is simulated.
    public mutating func finish() {
        if needsFuture { drain(keeping: 0) }
    }

    /// Simulates all but the last `keeping` held references, each with its next use known.
    private mutating func drain(keeping: Int) {
        let count = pages.count - keeping
        guard count > 0 else { return }
        upcoming = Array(repeating: Int.max, count: pages.count)
        lastSeen.removeAll(keepingCapacity: true)
        for index in stride(from: pages.count - 1, through: 0, by: -1) {
            if let next = lastSeen[pages[index]] { upcoming[index] = base + next }
            lastSeen[pages[index]] = index
        }
        for index in 0..<count {
            for simulator in simulators.indices {
                simulators[simulator].access(page: pages[index], write: writes[index], nextUse: upcoming[index])
            }
        }
        pages.removeFirst(count)
        writes.removeFirst(count)
        base += count
    }
}
