public struct TLBEntry: Hashable, Sendable {
    /// Address-space id: the process the translation belongs to.
    public var asid: ProcessID
    public var page: VirtualPageNumber
    public var frame: FrameNumber
    public var writable: Bool
    public var dirty: Bool
    public var loadedAt: Int
    public var lastUsed: Int
}

/// A set-associative translation lookaside buffer. Slot `s` belongs to set `s / waysPerSet`.
public struct TLB: Hashable, Sendable {
    public let configuration: TLBConfiguration
    public internal(set) var slots: [TLBEntry?]

    init(configuration: TLBConfiguration) {
        self.configuration = configuration
        slots = Array(repeating: nil, count: configuration.entries)
    }

    public func set(of page: VirtualPageNumber) -> Int {
        configuration.sets == 0 ? 0 : page % configuration.sets
    }

    public func slotRange(ofSet set: Int) -> Range<Int> {
        let ways = configuration.waysPerSet
        return (set * ways)..<(set * ways + ways)
    }

    public func lookup(asid: ProcessID, page: VirtualPageNumber) -> Int? {
        guard !slots.isEmpty else { return nil }
        for slot in slotRange(ofSet: set(of: page)) {
            if let entry = slots[slot], entry.asid == asid, entry.page == page { return slot }
        }
        return nil
    }

    /// The slot a fill for `page` would use: a free one, else the policy's victim.
    public func slotForFill(page: VirtualPageNumber, generator: inout SeededGenerator) -> Int? {
        slotForFill(inSet: set(of: page), generator: &generator)
    }

    /// A free slot of the set, else the victim by the TLB's policy (random draws from `generator`).
    public func slotForFill(inSet set: Int, generator: inout SeededGenerator) -> Int? {
        guard !slots.isEmpty else { return nil }
        let range = slotRange(ofSet: set)
        if let free = range.first(where: { slots[$0] == nil }) { return free }
        switch configuration.replacement {
        case .lru: return range.min { slots[$0]!.lastUsed < slots[$1]!.lastUsed }
        case .fifo: return range.min { slots[$0]!.loadedAt < slots[$1]!.loadedAt }
        case .random: return range.lowerBound + generator.index(below: range.count)
        }
    }

    /// The entry the next fill into a full set would evict; nil while the set has a free slot.
    /// Peeking uses a copy of the generator, so it changes nothing.
    public func nextVictim(inSet set: Int, generator: SeededGenerator) -> Int? {
        guard !slots.isEmpty, slotRange(ofSet: set).allSatisfy({ slots[$0] != nil }) else { return nil }
        var copy = generator
        return slotForFill(inSet: set, generator: &copy)
    }

    public var validCount: Int { slots.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }
}
