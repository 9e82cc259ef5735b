import VMM

/// Where a trace's references go.
protocol ReferenceSink {
    mutating func append(page: Int, write: Bool)
    /// Many at once: what the trace parser hands over for each chunk it reads.
    mutating func append(pages: [Int], writes: [Bool])
}

extension StreamSimulation: ReferenceSink {}

/// Keeps references, for turning the start of a trace into a scenario.
struct ReferenceCollector: ReferenceSink {
    var pages: [Int] = []
    var writes: [Bool] = []

    mutating func append(page: Int, write: Bool) {
        pages.append(page)
        writes.append(write)
    }

    mutating func append(pages more: [Int], writes moreWrites: [Bool]) {
        pages += more
        writes += moreWrites
    }
}
