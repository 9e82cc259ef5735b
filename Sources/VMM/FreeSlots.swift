/// Which numbered slots (page frames, swap slots) are free, as a bitmap: the lowest free one in a
/// few word reads, where a scan of the slots themselves (each a page of words) made every fault
/// of a large, full machine cost a pass over all of them.
public struct FreeSlots: Hashable, Sendable {
    private var words: [UInt64]
    public private(set) var count: Int

    init(slots: Int) {
        words = Array(repeating: ~0, count: (slots + 63) / 64)
        if slots % 64 != 0 { words[words.count - 1] = (1 << UInt64(slots % 64)) - 1 }
        count = slots
    }

    public var isEmpty: Bool { count == 0 }

    /// The lowest free slot, or nil when all are taken.
    public var lowest: Int? {
        for (index, word) in words.enumerated() where word != 0 { return index << 6 | word.trailingZeroBitCount }
        return nil
    }

    mutating func take(_ slot: Int) {
        precondition(words[slot >> 6] & (1 << UInt64(slot & 63)) != 0, "slot \(slot) is not free")
        words[slot >> 6] &= ~(1 << UInt64(slot & 63))
        count -= 1
    }

    mutating func free(_ slot: Int) {
        precondition(words[slot >> 6] & (1 << UInt64(slot & 63)) == 0, "slot \(slot) is already free")
        words[slot >> 6] |= 1 << UInt64(slot & 63)
        count += 1
    }
}
