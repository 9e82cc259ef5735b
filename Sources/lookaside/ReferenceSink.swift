import VMM

/// Where a trace's references go.
protocol ReferenceSink {
    mutating func append(page: Int, write: Bool)
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
}
