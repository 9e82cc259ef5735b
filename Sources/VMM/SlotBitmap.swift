/// A set of numbered slots (page frames, swap slots) as a bitmap: which are free, or which a
/// clock hand must stop at. The lowest member, or the next one from a position, is a few word
/// reads, where a scan of the slots themselves (each a page of words) made every fault of a
/// large, full machine cost a pass over all of them.
public struct SlotBitmap: Hashable, Sendable {
    private var words: [UInt64]
    public private(set) var count: Int
    /// How many slots there are (members or not).
    let capacity: Int

    /// Every slot a member (a free list at the start), or none.
    init(slots: Int, full: Bool = true) {
        capacity = slots
        words = Array(repeating: full ? ~0 : 0, count: (slots + 63) / 64)
        if full, slots % 64 != 0 { words[words.count - 1] = (1 << UInt64(slots % 64)) - 1 }
        count = full ? slots : 0
    }

    public var isEmpty: Bool { count == 0 }

    /// The lowest member, or nil when there is none.
    public var lowest: Int? { first(atOrAfter: 0) }

    func contains(_ slot: Int) -> Bool { words[slot >> 6] & (1 << UInt64(slot & 63)) != 0 }

    /// The lowest member at or after `slot`, or nil.
    func first(atOrAfter slot: Int) -> Int? { first(atOrAfter: slot) { words[$0] } }

    /// How many members lie below `slot`: a count of bits, a word at a time.
    func rank(of slot: Int) -> Int {
        var below = 0
        for index in 0..<(slot >> 6) { below += words[index].nonzeroBitCount }
        return below + (words[slot >> 6] & ((1 << UInt64(slot & 63)) - 1)).nonzeroBitCount
    }

    /// The member with `rank` members below it, or nil when there are not that many.
    func member(at rank: Int) -> Int? {
        var remaining = rank
        for (index, word) in words.enumerated() {
            let count = word.nonzeroBitCount
            guard remaining < count else {
                remaining -= count
                continue
            }
            var bits = word
            for _ in 0..<remaining { bits &= bits - 1 }
            return index << 6 | bits.trailingZeroBitCount
        }
        return nil
    }

    /// The lowest member at or after `slot` that is also a member of `other` (a bitmap of as many
    /// slots), or nil: the two are read a word at a time together.
    func first(atOrAfter slot: Int, alsoIn other: SlotBitmap) -> Int? { first(atOrAfter: slot) { words[$0] & other.words[$0] } }

    /// The lowest set bit at or after `slot` of the words `word` gives, a word at a time.
    @inline(__always) private func first(atOrAfter slot: Int, word: (Int) -> UInt64) -> Int? {
        guard slot < capacity else { return nil }
        var index = slot >> 6
        var bits = word(index) & (~0 << UInt64(slot & 63))
        while bits == 0 {
            index += 1
            guard index < words.count else { return nil }
            bits = word(index)
        }
        return index << 6 | bits.trailingZeroBitCount
    }

    /// Makes `slot` a member or not, whichever it was.
    mutating func set(_ slot: Int, _ member: Bool) {
        guard contains(slot) != member else { return }
        words[slot >> 6] ^= 1 << UInt64(slot & 63)
        count += member ? 1 : -1
    }

    /// Takes a free slot; it must be free.
    mutating func take(_ slot: Int) {
        precondition(contains(slot), "slot \(slot) is not free")
        set(slot, false)
    }

    /// Frees a slot; it must be taken.
    mutating func free(_ slot: Int) {
        precondition(!contains(slot), "slot \(slot) is already free")
        set(slot, true)
    }
}
