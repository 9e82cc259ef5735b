import VMM

/// How many events of each kind a run has had: what lesson checks ask of its events.
public struct EventTally: Hashable, Sendable {
    private var counts: [Event.Kind: Int] = [:]

    public init() {}

    public init(_ events: some Sequence<Event>) { add(events) }

    public mutating func add(_ events: some Sequence<Event>) {
        for event in events { counts[event.kind, default: 0] += 1 }
    }

    public subscript(kind: Event.Kind) -> Int { counts[kind] ?? 0 }
}
