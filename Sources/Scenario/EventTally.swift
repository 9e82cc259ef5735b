import VMM

/// How many events of each kind a run has had: what lesson checks ask of its events.
public struct EventTally: Hashable, Sendable {
    private var counts = [Int](repeating: 0, count: Event.Kind.allCases.count)

    public init() {}

    public init(_ events: [Event]) { add(events) }

    /// Counts a step's (or a run's) events, read in place: no copy of each event.
    public mutating func add(_ events: [Event]) {
        for index in events.indices { counts[events[index].kind.ordinal] += 1 }
    }

    public subscript(kind: Event.Kind) -> Int { counts[kind.ordinal] }
}
